/* <metadata>: other applications' elements, each in its own namespace, are
 * kept and left alone, as libvirt does (with a warning when they look like
 * Septum's in a mistyped namespace); Septum's own are checked:
 *     <septum:septum xmlns:septum="http://septum.dev/xmlns/domain/1">
 *       <septum:passthrough name="uart1">
 *         <septum:mmio base="0x9040000" size="0x1000"/>
 *         <septum:interrupt spi="8"/>
 *       </septum:passthrough>
 *       <septum:cpu wfi="native"/>
 *     </septum:septum> */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "near_miss.h"

#define PAGE_SIZE 4096u
#define MAX_SPI 987u /* INTIDs 32..1019 */

/* A number in decimal or 0x hexadecimal. */
static bool parse_number(const char *text, uint64_t *value)
{
    bool hex = text[0] == '0' && text[1] == 'x';
    const char *digits = hex ? text + 2 : text;

    if (!*digits || strspn(digits, hex ? "0123456789abcdefABCDEF" : "0123456789") != strlen(digits))
        return false;
    errno = 0;
    *value = strtoull(digits, NULL, hex ? 16 : 10);
    return errno == 0;
}

static bool page_number(struct walk *w, const xmlNode *n, const char *name, uint64_t *value)
{
    struct spot at = spot_of(n, name);
    char *text = required_attribute(w, n, name);
    bool ok = false;

    if (text && !parse_number(text, value))
        diag_at(w->d, &at, "'%s' is not a number (like 0x9040000)", text);
    else if (text && *value % PAGE_SIZE)
        diag_at(w->d, &at, "%s is not a multiple of 4 KiB, the stage-2 page size", text);
    else
        ok = text != NULL;
    free(text);
    return ok;
}

static void take_mmio(struct walk *w, xmlNode *n)
{
    uint64_t base, size;

    check_attributes(w, n, (const char *const[]){"base", "size", NULL});
    check_empty(w, n);
    if (page_number(w, n, "base", &base) && page_number(w, n, "size", &size) &&
        (size == 0 || base + size < base)) {
        struct spot at = spot_of(n, "size");

        diag_at(w->d, &at, "the range is empty or wraps around");
    }
}

static void take_interrupt(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, "spi");
    char *text = required_attribute(w, n, "spi");
    uint64_t spi;

    check_attributes(w, n, (const char *const[]){"spi", NULL});
    check_empty(w, n);
    if (text)
        parse_decimal(w, &at, text, MAX_SPI, &spi);
    free(text);
}

static void take_passthrough(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "mmio", .take = take_mmio, .required = true, .repeats = true, .ns = SEPTUM_XML_NS},
        {.name = "interrupt", .take = take_interrupt, .repeats = true, .ns = SEPTUM_XML_NS},
    };
    struct domain_desc *desc = w->desc;
    struct desc_passthrough *grown;
    char *name = required_attribute(w, n, "name");

    check_attributes(w, n, (const char *const[]){"name", NULL});
    walk_children(w, n, children, sizeof(children) / sizeof(children[0]));
    if (!name)
        return;
    grown = realloc(desc->passthrough, (desc->nr_passthrough + 1) * sizeof(*grown));
    if (!grown) {
        struct spot at = spot_of(n, NULL);

        diag_at(w->d, &at, "out of memory");
        free(name);
        return;
    }
    desc->passthrough = grown;
    desc->passthrough[desc->nr_passthrough++] =
        (struct desc_passthrough){.name = name, .at = spot_of(n, NULL)};
}

/* How the domain's vCPUs wait for interrupts: WFI trapped (the default:
 * the pCPU sleeps in the hypervisor, CPU time counts only work) or run
 * natively (the lowest wake-up latency; the vCPU keeps its pCPU busy). */
static void take_cpu(struct walk *w, xmlNode *n)
{
    static const char *const modes[] = {"trap", "native", NULL};
    struct spot at = spot_of(n, "wfi");
    char *text = required_attribute(w, n, "wfi");

    check_attributes(w, n, (const char *const[]){"wfi", NULL});
    check_empty(w, n);
    if (text)
        w->desc->native_wfi = pick(w, &at, text, modes) == 1;
    free(text);
}

static void take_septum(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "passthrough", .take = take_passthrough, .repeats = true, .ns = SEPTUM_XML_NS},
        {.name = "cpu", .take = take_cpu, .ns = SEPTUM_XML_NS},
    };

    check_attributes(w, n, (const char *const[]){NULL});
    walk_children(w, n, children, sizeof(children) / sizeof(children[0]));
}

/* Whether n has the name of one of Septum's elements: in a namespace that
 * is nearly ours, it is most likely ours mistyped. */
static bool named_like_ours(const xmlNode *n)
{
    static const char *const names[] = {"septum", "passthrough", "mmio", "interrupt", "cpu"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp((const char *)n->name, names[i]) == 0)
            return true;
    return false;
}

void take_metadata(struct walk *w, xmlNode *n)
{
    unsigned first_line = 0;

    check_attributes(w, n, (const char *const[]){NULL});
    check_no_text(w, n);
    for (xmlNode *c = n->children; c; c = c->next) {
        struct spot at = spot_of(c, NULL);

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!c->ns) {
            diag_at(w->d, &at,
                    "metadata needs a namespace of its own (Septum's is <septum:septum "
                    "xmlns:septum='%s'>)",
                    SEPTUM_XML_NS);
        } else if (strcmp((const char *)c->ns->href, SEPTUM_XML_NS) == 0) {
            if (strcmp((const char *)c->name, "septum") != 0)
                diag_at(w->d, &at,
                        "unexpected in <metadata> (Septum's settings go in "
                        "<septum:septum>)");
            else if (first_line)
                diag_at(w->d, &at, "given twice (first on line %u)", first_line);
            else {
                first_line = at.line;
                take_septum(w, c);
            }
        } else if (named_like_ours(c) &&
                   namespace_near_miss((const char *)c->ns->href, SEPTUM_XML_NS)) {
            diag_warn_at(w->d, &at,
                         "namespace '%s' is not Septum's ('%s'): what it holds is ignored",
                         (const char *)c->ns->href, SEPTUM_XML_NS);
        }
    }
}
