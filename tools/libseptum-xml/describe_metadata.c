/* <metadata>: other applications' elements, each in its own namespace, are
 * kept and left alone, as libvirt does (with a warning when they look like
 * Septum's in a mistyped namespace); Septum's own are checked:
 *     <septum:septum xmlns:septum="http://septum.dev/xmlns/domain/1">
 *       <septum:memory direct-map="yes"/>
 *       <septum:passthrough path="/virtio_mmio@a003e00"/>
 *       <septum:passthrough dma="no">
 *         <septum:mmio base="0x9010000" size="0x1000" ipa="0x9010000"/>
 *         <septum:interrupt host="34" guest="34"/>
 *       </septum:passthrough>
 *       <septum:shmem name="ring0" address="0xb010000" registers="0xb000000" interrupt="40"/>
 *       <septum:cpu wfi="native"/>
 *     </septum:septum> */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "near_miss.h"

#define PAGE_SIZE 4096u
#define MAX_INTID 1019u
#define MIN_SPI 32u

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

/* An address or size attribute; absent is fine unless required. */
static bool number_attribute(struct walk *w, const xmlNode *n, const char *name, bool required,
                             uint64_t *value)
{
    struct spot at = spot_of(n, name);
    char *text = required ? required_attribute(w, n, name) : attribute_text(n, name);
    bool ok = false;

    if (text && !parse_number(text, value))
        diag_at(w->d, &at, "'%s' is not a number (like 0xa003e00)", text);
    else
        ok = text != NULL;
    free(text);
    return ok;
}

/* Registers: whole pages are mapped, a smaller window (QEMU virt's
 * virtio-mmio transports are 0x200 bytes) is forwarded and must be 4-byte
 * aligned inside one page; the domain sees either at the same offset in
 * its page. */
static void check_mmio(struct walk *w, const xmlNode *n, const struct desc_mmio *m)
{
    struct spot at = spot_of(n, NULL);
    bool window = (m->base | m->size) % PAGE_SIZE != 0;

    if (m->size == 0 || m->base + m->size < m->base || m->ipa + m->size < m->ipa)
        diag_at(w->d, &at, "the range is empty or wraps around");
    else if (window && (m->base % 4 || m->size % 4 ||
                        m->base / PAGE_SIZE != (m->base + m->size - 1) / PAGE_SIZE))
        diag_at(w->d, &at,
                "0x%llx+0x%llx: a range that is not whole 4 KiB pages must be 4-byte aligned and "
                "inside one page",
                (unsigned long long)m->base, (unsigned long long)m->size);
    else if (m->ipa % PAGE_SIZE != m->base % PAGE_SIZE)
        diag_at(w->d, &at, "ipa 0x%llx must have the same offset in its 4 KiB page as base 0x%llx",
                (unsigned long long)m->ipa, (unsigned long long)m->base);
}

static struct desc_passthrough *current(struct walk *w)
{
    return &w->desc->passthrough[w->desc->nr_passthrough - 1];
}

static void take_mmio(struct walk *w, xmlNode *n)
{
    struct desc_passthrough *p = current(w);
    struct desc_mmio m = {.at = spot_of(n, NULL)};
    bool base_ok, size_ok; /* both looked at: each mistake is reported */

    check_attributes(w, n, (const char *const[]){"base", "size", "ipa", NULL});
    check_empty(w, n);
    base_ok = number_attribute(w, n, "base", true, &m.base);
    size_ok = number_attribute(w, n, "size", true, &m.size);
    if (!number_attribute(w, n, "ipa", false, &m.ipa))
        m.ipa = m.base;
    if (!base_ok || !size_ok)
        return;
    check_mmio(w, n, &m);
    if (p->nr_mmio == DESC_MAX_MMIO)
        diag_at(w->d, &m.at, "more than %u register ranges in one device", DESC_MAX_MMIO);
    else
        p->mmio[p->nr_mmio++] = m;
}

static bool intid_attribute(struct walk *w, const xmlNode *n, const char *name, bool required,
                            uint32_t *intid)
{
    struct spot at = spot_of(n, name);
    char *text = required ? required_attribute(w, n, name) : attribute_text(n, name);
    uint64_t v;
    bool ok = false;

    if (text && parse_decimal(w, &at, text, MAX_INTID, &v) == 0) {
        if (v < MIN_SPI)
            diag_at(w->d, &at, "%llu is not a shared interrupt (SPIs are INTIDs 32 to %u)",
                    (unsigned long long)v, MAX_INTID);
        else {
            *intid = (uint32_t)v;
            ok = true;
        }
    }
    free(text);
    return ok;
}

static void take_interrupt(struct walk *w, xmlNode *n)
{
    struct desc_passthrough *p = current(w);
    struct desc_irq irq = {.at = spot_of(n, NULL)};

    check_attributes(w, n, (const char *const[]){"host", "guest", NULL});
    check_empty(w, n);
    if (!intid_attribute(w, n, "host", true, &irq.host))
        return;
    if (!xmlHasProp(n, (const xmlChar *)"guest"))
        irq.guest = irq.host;
    else if (!intid_attribute(w, n, "guest", false, &irq.guest))
        return;
    if (p->nr_irqs == DESC_MAX_IRQS)
        diag_at(w->d, &irq.at, "more than %u interrupts in one device", DESC_MAX_IRQS);
    else
        p->irqs[p->nr_irqs++] = irq;
}

/* yes/no attributes: 1, 0, or -1 after reporting a bad value. */
static int yes_no(struct walk *w, const xmlNode *n, const char *name, const char *text)
{
    struct spot at = spot_of(n, name);
    int i = pick(w, &at, text, (const char *const[]){"no", "yes", NULL});

    return i;
}

static void take_passthrough(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "mmio", .take = take_mmio, .repeats = true, .ns = SEPTUM_XML_NS},
        {.name = "interrupt", .take = take_interrupt, .repeats = true, .ns = SEPTUM_XML_NS},
    };
    struct domain_desc *desc = w->desc;
    struct desc_passthrough *grown, *p;
    struct spot at = spot_of(n, NULL), path_at = spot_of(n, "path");
    char *dma;

    check_attributes(w, n, (const char *const[]){"path", "dma", NULL});
    grown = realloc(desc->passthrough, (desc->nr_passthrough + 1) * sizeof(*grown));
    if (!grown) {
        diag_at(w->d, &at, "out of memory");
        return;
    }
    desc->passthrough = grown;
    p = &desc->passthrough[desc->nr_passthrough++];
    *p = (struct desc_passthrough){.dma = DESC_DMA_DEFAULT, .at = at};
    p->path = attribute_text(n, "path");
    dma = attribute_text(n, "dma");
    if (dma)
        p->dma = yes_no(w, n, "dma", dma) == 1;
    free(dma);
    walk_children(w, n, children, sizeof(children) / sizeof(children[0]));
    if (p->path && p->path[0] != '/')
        diag_at(w->d, &path_at, "'%s' is not a device-tree path (like /virtio_mmio@a003e00)",
                p->path);
    else if (p->path && (p->nr_mmio || p->nr_irqs))
        diag_at(w->d, &at,
                "a device named by its path takes its registers and interrupts from the "
                "machine's device tree: no <mmio> or <interrupt> with it");
    else if (!p->path && !p->nr_mmio)
        diag_at(w->d, &at, "names no device: give path='...' or <septum:mmio base=... size=...>");
}

static void take_septum_memory(struct walk *w, xmlNode *n)
{
    char *text = required_attribute(w, n, "direct-map");

    check_attributes(w, n, (const char *const[]){"direct-map", NULL});
    check_empty(w, n);
    if (text && yes_no(w, n, "direct-map", text) == 1) {
        w->desc->direct_map = true;
        w->desc->direct_map_at = spot_of(n, NULL);
    }
    free(text);
}

/* An optional address attribute: 0 when absent, else page aligned. */
static void optional_page(struct walk *w, const xmlNode *n, const char *name, uint64_t *value)
{
    struct spot at = spot_of(n, name);

    *value = 0;
    if (!number_attribute(w, n, name, false, value))
        return;
    if (*value % PAGE_SIZE)
        diag_at(w->d, &at, "0x%llx is not a multiple of 4 KiB, the stage-2 page size",
                (unsigned long long)*value);
    else if (*value == 0)
        diag_at(w->d, &at, "0 is no address a region can have");
}

/* <septum:shmem name='ring0' address='0xb010000' registers='0xb000000' interrupt='40'/> */
static void take_shmem_place(struct walk *w, xmlNode *n)
{
    struct domain_desc *desc = w->desc;
    struct desc_shmem_place p = {.at = spot_of(n, NULL)};
    struct spot irq_at = spot_of(n, "interrupt");
    char *irq = attribute_text(n, "interrupt");

    check_attributes(w, n,
                     (const char *const[]){"name", "address", "registers", "interrupt", NULL});
    check_empty(w, n);
    p.name = required_attribute(w, n, "name");
    optional_page(w, n, "address", &p.address);
    optional_page(w, n, "registers", &p.registers);
    if (irq) {
        uint64_t v;

        if (parse_decimal(w, &irq_at, irq, 1019, &v) == 0) {
            if (v < 32)
                diag_at(w->d, &irq_at, "INTID %s is not an SPI (32 and up)", irq);
            p.interrupt = (uint32_t)v;
        }
        free(irq);
    }
    if (!p.name)
        return;
    for (size_t i = 0; i < desc->nr_shmem_place; i++) {
        if (strcmp(desc->shmem_place[i].name, p.name) == 0) {
            diag_at(w->d, &p.at, "region '%s' placed twice (first on line %u)", p.name,
                    desc->shmem_place[i].at.line);
            free(p.name);
            return;
        }
    }
    if (desc->nr_shmem_place == SEPTUM_SHM_MAX_REGIONS) {
        diag_at(w->d, &p.at, "more than %d regions", SEPTUM_SHM_MAX_REGIONS);
        free(p.name);
        return;
    }
    desc->shmem_place[desc->nr_shmem_place++] = p;
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
        {.name = "memory", .take = take_septum_memory, .ns = SEPTUM_XML_NS},
        {.name = "passthrough", .take = take_passthrough, .repeats = true, .ns = SEPTUM_XML_NS},
        {.name = "shmem", .take = take_shmem_place, .repeats = true, .ns = SEPTUM_XML_NS},
        {.name = "cpu", .take = take_cpu, .ns = SEPTUM_XML_NS},
    };

    check_attributes(w, n, (const char *const[]){NULL});
    walk_children(w, n, children, sizeof(children) / sizeof(children[0]));
}

/* Whether n has the name of one of Septum's elements: in a namespace that
 * is nearly ours, it is most likely ours mistyped. */
static bool named_like_ours(const xmlNode *n)
{
    static const char *const names[] = {"septum", "passthrough", "mmio", "interrupt", "shmem",
                                        "cpu"};

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
