/* dumpxml: a domain's definition. The file it was created from, as it was
 * written; a kept definition's file when it does not run; otherwise one
 * made from what the hypervisor reports (boot-time domains, `septum boot`),
 * which says in a comment what it cannot know. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "definitions.h"
#include "kept.h"

/* A name as XML text. */
static void xml_text(const char *s, size_t max)
{
    for (size_t i = 0; i < max && s[i]; i++) {
        switch (s[i]) {
        case '<':
            fputs("&lt;", stdout);
            break;
        case '>':
            fputs("&gt;", stdout);
            break;
        case '&':
            fputs("&amp;", stdout);
            break;
        default:
            putchar(s[i]);
        }
    }
}

/* Passed-through devices and shared memory belong in <devices>: once the
 * hypervisor lists them (DOMAIN_RESOURCES, septum_domain_resources()), one
 * <hostdev> per SEPTUM_RESOURCE_MMIO/IRQ pair and one <shmem> per
 * SEPTUM_RESOURCE_SHM are written here. Until then only the console. */
static void print_devices(struct septum *h, uint32_t domid)
{
    (void)h;
    (void)domid;
    printf("  <devices>\n    <console type='pty'/>\n  </devices>\n");
}

/* The definition of a running domain, from DOMAIN_INFO, VCPU_INFO and
 * DOMAIN_STATS. */
static int generate(const struct verb *v, struct septum *h, const char *domain, uint32_t domid)
{
    struct septum_vcpu_info vcpus[SEPTUM_MAX_VCPUS];
    struct septum_domain_stats stats;
    struct septum_domain_info info;
    size_t n;
    int rc = septum_domain_info(h, domid, &info);

    if (rc >= 0)
        rc = septum_vcpu_info(h, domid, vcpus, SEPTUM_MAX_VCPUS, &n);
    if (rc >= 0)
        rc = septum_domain_stats(h, domid, &stats);
    if (rc < 0)
        return fail(v, "%s: %s", domain, septum_strerror(rc));
    if (n > SEPTUM_MAX_VCPUS)
        n = SEPTUM_MAX_VCPUS;
    printf("<!-- d%u was not created from a definition: made by 'septum dumpxml' from what the\n"
           "     hypervisor reports. Its images, command line and on_* actions are not\n"
           "     known: add <kernel> (and the rest) before creating a domain from it. -->\n",
           domid);
    printf("<domain type='septum'>\n  <name>");
    xml_text(info.name, sizeof(info.name));
    printf("</name>\n  <memory unit='MiB'>%llu</memory>\n",
           (unsigned long long)(info.mem_size / MIB));
    printf("  <vcpu placement='static' cpuset='");
    for (size_t i = 0; i < n; i++)
        printf("%s%u", i ? "," : "", vcpus[i].pcpu);
    printf("'>%u</vcpu>\n  <cputune>\n", info.nr_vcpus);
    for (size_t i = 0; i < n; i++)
        printf("    <vcpupin vcpu='%u' cpuset='%u'/>\n", vcpus[i].vcpu, vcpus[i].pcpu);
    printf("  </cputune>\n  <os>\n    <type arch='aarch64' machine='virt'>hvm</type>\n  </os>\n");
    print_devices(h, domid);
    if (stats.flags & SEPTUM_DOMAIN_DIRECT_MAP)
        printf("  <!-- its RAM is direct-mapped at 0x%llx (IPA = PA) -->\n",
               (unsigned long long)stats.ram_base);
    printf("</domain>\n");
    return EXIT_OK;
}

static int print_file(const struct verb *v, const char *domain, int rc, char *xml, size_t len)
{
    if (rc < 0)
        return fail(v, "%s: cannot read its definition: %s", domain, septum_strerror(rc));
    write_stdout(xml, len);
    free(xml);
    return EXIT_OK;
}

int cmd_dumpxml(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    const char *domain = argv[optind];
    struct septum *h;
    uint32_t domid;
    char path[4096];
    size_t len;
    char *xml;

    if (rc >= 0)
        return rc;
    rc = open_hypervisor(v, &h);
    if (rc)
        return rc;
    rc = septum_domain_lookup(h, domain, &domid);
    if (rc == -ESRCH && kept_exists(domain)) {
        septum_close(h);
        kept_path(domain, path, sizeof(path));
        rc = septum_read_file(path, 1u << 20, (void **)&xml, &len);
        return print_file(v, domain, rc, xml, len);
    }
    if (rc < 0) {
        septum_close(h);
        return fail(v, "%s: %s", domain, septum_strerror(rc));
    }
    rc = read_definition(domid, &xml, &len);
    if (rc == -ENOENT)
        rc = generate(v, h, domain, domid);
    else
        rc = print_file(v, domain, rc, xml, len);
    septum_close(h);
    return rc;
}
