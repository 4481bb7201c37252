/* Validation against the built-in RelaxNG schema. It runs after the
 * element-by-element checks (describe*.c), whose messages say more than
 * libxml2's; it catches what those might have let through. */
#include <libxml/relaxng.h>
#include <string.h>

#include "schema.h"

extern const char septum_domain_schema[], septum_domain_schema_end[];

/* libxml2's messages end with a new line; ours do not. */
static void report(void *ctx, xmlErrorPtr e)
{
    struct diag_sink *d = ctx;
    const char *msg = e->message ? e->message : "invalid";
    int len = (int)strcspn(msg, "\n");
    const xmlNode *n = e->node;

    if (n && n->type == XML_ELEMENT_NODE) {
        long line = xmlGetLineNo(n);
        struct spot at = {.line = line > 0 ? (unsigned)line : 0, .element = (const char *)n->name};

        diag_at(d, &at, "does not match Septum's schema: %.*s", len, msg);
    } else {
        diag_file(d, "does not match Septum's schema: %.*s", len, msg);
    }
}

unsigned schema_check(xmlDoc *doc, struct diag_sink *d)
{
    unsigned before = d->errors;
    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewMemParserCtxt(
        septum_domain_schema, (int)(septum_domain_schema_end - septum_domain_schema));
    xmlRelaxNGPtr schema = parser ? xmlRelaxNGParse(parser) : NULL;
    xmlRelaxNGValidCtxtPtr valid = schema ? xmlRelaxNGNewValidCtxt(schema) : NULL;

    if (!valid) {
        diag_file(d, "cannot load the built-in schema");
    } else {
        xmlRelaxNGSetValidStructuredErrors(valid, report, d);
        /* A failure reported without details still counts as one. */
        if (xmlRelaxNGValidateDoc(valid, doc) != 0 && d->errors == before)
            diag_file(d, "does not match Septum's schema");
    }
    xmlRelaxNGFreeValidCtxt(valid);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(parser);
    return d->errors - before;
}
