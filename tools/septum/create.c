/* create: a domain from an XML definition, as `xl create` and `virsh
 * create` do. The definition is checked whole before anything is made,
 * against the machine as it is now (free pCPUs and memory); whatever fails
 * after that, nothing is left behind. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "definitions.h"

struct create_request {
    const char *path;
    bool paused, console;
};

/* Returns -1 to go on, or the exit code to return. */
static int parse(const struct verb *v, int argc, char **argv, struct create_request *r)
{
    static const struct option opts[] = {
        {"paused", no_argument, NULL, 'p'},
        {"console", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    int opt;

    while ((opt = getopt_long(argc, argv, ":pch", opts, NULL)) != -1) {
        if (opt == 'p')
            r->paused = true;
        else if (opt == 'c')
            r->console = true;
        else if (opt == 'h')
            return print_help(v);
        else
            return bad_option(v, opt, argv);
    }
    if (argc - optind != 1)
        return usage_error(v, argc == optind ? "missing argument" : "too many arguments");
    r->path = argv[optind];
    return -1;
}

/* host_fdt: the machine's device tree, for devices named by path; the
 * caller frees it. */
static int plan(const struct verb *v, struct septum *h, const struct domain_desc *desc,
                struct domain_plan *p, void **host_fdt)
{
    struct septum_physinfo info;
    struct machine m;
    size_t size;
    int rc = check_new_name(v, h, desc->name);

    if (rc)
        return rc;
    rc = septum_physinfo(h, &info);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    machine_from_physinfo(&m, &info);
    for (uint32_t cpu = 0; cpu < m.nr_pcpus && cpu < SEPTUM_MAX_PCPUS; cpu++) {
        if (m.pcpu_owner[cpu] != SEPTUM_PCPU_FREE)
            domain_name(h, m.pcpu_owner[cpu], m.owner_name[cpu]);
    }
    if (desc->nr_passthrough) {
        rc = septum_host_fdt(h, host_fdt, &size);
        if (rc < 0)
            return fail(v, "cannot read the machine's device tree: %s", septum_strerror(rc));
        m.host_fdt = *host_fdt;
    }
    return plan_definition(v, desc, &m, NULL, p);
}

/* Makes and starts the domain; on failure, destroys what was made. */
static int make(const struct verb *v, struct septum *h, const struct create_request *r,
                const struct domain_desc *desc, const struct domain_plan *p, uint32_t *domid)
{
    struct diag_sink d = {.out = stderr, .file = desc->path};
    int rc = domain_plan_build(h, p, &d, domid);

    if (rc < 0 && d.errors)
        return fail(v, "cannot create '%s': a device was refused; nothing was kept", desc->name);
    if (rc < 0)
        return fail_create(v, h, desc->name, p->config.mem_size, rc);
    rc = save_definition(*domid, desc);
    if (rc < 0)
        fprintf(stderr, "septum: %s: warning: cannot keep the definition for dumpxml: %s\n",
                v->name, strerror(-rc));
    if (!r->paused) {
        rc = septum_domain_start(h, *domid);
        if (rc < 0) {
            septum_domain_destroy(h, *domid);
            return fail(v, "cannot start '%s': %s", desc->name, septum_strerror(rc));
        }
    }
    printf("%s domain %u (%s)%s\n", r->paused ? "Created" : "Started", *domid, desc->name,
           r->paused ? ", paused" : "");
    fflush(stdout); /* before the console's own writes */
    return EXIT_OK;
}

int cmd_create(const struct verb *v, int argc, char **argv)
{
    struct create_request r = {0};
    int rc = parse(v, argc, argv, &r);

    return rc >= 0 ? rc : create_domain(v, r.path, r.paused, r.console);
}

int create_domain(const struct verb *v, const char *path, bool paused, bool console)
{
    struct create_request r = {.path = path, .paused = paused, .console = console};
    struct domain_desc *desc;
    struct domain_plan p;
    struct septum *h;
    void *host_fdt = NULL;
    uint32_t domid;
    int rc = load_definition(v, r.path, &desc);
    if (rc)
        return rc;
    rc = open_hypervisor(v, &h);
    if (rc) {
        domain_desc_free(desc);
        return rc;
    }
    rc = plan(v, h, desc, &p, &host_fdt);
    if (!rc) {
        rc = make(v, h, &r, desc, &p, &domid);
        domain_plan_free(&p);
    }
    free(host_fdt);
    domain_desc_free(desc);
    if (!rc && r.console)
        rc = attach_console(v, h, domid, false);
    septum_close(h);
    return rc;
}
