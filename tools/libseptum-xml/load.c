/* Reading a definition: the file, well-formed XML, the element-by-element
 * description, then the schema. */
#include <errno.h>
#include <libgen.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "schema.h"
#include "septum.h"

/* Far more than any definition needs; a larger file is a mistake. */
#define DEFINITION_MAX (1u << 20)

/* libxml2's parser errors: the file is not well-formed XML. */
static void report_malformed(void *ctx, xmlErrorPtr e)
{
    struct diag_sink *d = ctx;
    const char *msg = e->message ? e->message : "error";

    if (e->level == XML_ERR_WARNING)
        return;
    diag_line(d, e->line > 0 ? (unsigned)e->line : 1, "malformed XML: %.*s",
              (int)strcspn(msg, "\n"), msg);
}

/* The line at in text is on (libxml2 does not number DTD nodes). */
static unsigned line_of(const char *text, const char *at)
{
    unsigned line = 1;

    for (; at && text < at; text++)
        line += *text == '\n';
    return line;
}

/* A file of white space alone gets a message saying so, rather than
 * libxml2's about a missing '<' on its last line. (Every byte is looked
 * at: a UTF-16 definition holds NUL bytes.) */
static bool blank(const struct domain_desc *desc)
{
    return strspn(desc->xml, " \t\r\n") == desc->xml_len;
}

static xmlDoc *parse(const struct domain_desc *desc, struct diag_sink *d)
{
    xmlDoc *doc;

    if (blank(desc)) {
        diag_file(d, "only white space, no <domain>: not a domain definition");
        return NULL;
    }
    /* No network, no entity substitution (that could read other files),
     * and line numbers past 65535. */
    xmlSetStructuredErrorFunc(d, report_malformed);
    doc = xmlReadMemory(desc->xml, (int)desc->xml_len, desc->path, NULL,
                        XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (doc && doc->intSubset) {
        diag_line(d, line_of(desc->xml, strstr(desc->xml, "<!DOCTYPE")),
                  "a DOCTYPE is not allowed in a domain definition");
        xmlFreeDoc(doc);
        return NULL;
    }
    if (!doc && d->errors == 0)
        diag_file(d, "malformed XML");
    return doc;
}

static int read_definition(const char *path, struct diag_sink *d, struct domain_desc *desc)
{
    void *text;
    char *copy;
    int rc = septum_read_file(path, DEFINITION_MAX, &text, &desc->xml_len);

    if (rc == -EFBIG)
        diag_file(d, "larger than %u KiB: not a domain definition", DEFINITION_MAX >> 10);
    else if (rc < 0)
        diag_file(d, "%s", septum_strerror(rc));
    if (rc < 0)
        return rc;
    desc->xml = text;
    desc->path = strdup(path);
    copy = strdup(path);
    desc->dir = copy ? strdup(dirname(copy)) : NULL;
    free(copy);
    if (!desc->path || !desc->dir) {
        diag_file(d, "out of memory");
        return -ENOMEM;
    }
    return 0;
}

static void describe(xmlDoc *doc, struct diag_sink *d, struct domain_desc *desc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    struct walk w = {.d = d, .desc = desc};

    if (root->ns || strcmp((const char *)root->name, "domain") != 0) {
        struct spot at = spot_of(root, NULL);

        diag_at(d, &at, "a domain definition starts with <domain>");
        return;
    }
    describe_domain(&w, root);
    /* The schema speaks only when the detailed checks found nothing: its
     * messages are vaguer, and would repeat theirs. */
    if (d->errors == 0)
        schema_check(doc, d);
}

int domain_desc_load(const char *path, struct diag_sink *d, struct domain_desc **out)
{
    struct domain_desc *desc = calloc(1, sizeof(*desc));
    unsigned before = d->errors;
    int rc;

    if (!desc)
        return -ENOMEM;
    rc = read_definition(path, d, desc);
    if (rc == 0) {
        desc->doc = parse(desc, d);
        if (desc->doc)
            describe(desc->doc, d, desc);
        rc = d->errors == before ? 0 : -EINVAL;
    }
    if (rc < 0) {
        domain_desc_free(desc);
        return rc;
    }
    *out = desc;
    return 0;
}

void domain_desc_free(struct domain_desc *desc)
{
    if (!desc)
        return;
    for (size_t i = 0; i < desc->nr_shmem; i++)
        free(desc->shmem[i].name);
    for (size_t i = 0; i < desc->nr_shmem_place; i++)
        free(desc->shmem_place[i].name);
    for (size_t i = 0; i < desc->nr_passthrough; i++)
        free(desc->passthrough[i].path);
    free(desc->passthrough);
    xmlFreeDoc(desc->doc);
    free(desc->path);
    free(desc->dir);
    free(desc->xml);
    free(desc->name);
    free(desc->uuid);
    free(desc->kernel);
    free(desc->initrd);
    free(desc->dtb);
    free(desc->cmdline);
    free(desc);
}
