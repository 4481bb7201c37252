/* boot: create, load and start a domain from a raw arm64 Linux Image in one
 * command; whatever fails, nothing is left behind. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_MEM (64ull << 20)
#define MEM_ALIGN (2ull << 20)

struct boot_request {
    const char *image;
    struct septum_domain_config cfg;
    bool cpus_given, paused, console;
};

/* The file's base name without its extension, cut to fit. */
static void default_name(const char *path, char *name)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);

    if (len > SEPTUM_NAME_MAX - 1)
        len = SEPTUM_NAME_MAX - 1;
    memcpy(name, base, len);
    name[len] = 0;
}

static bool all_digits(const char *s)
{
    return *s && strspn(s, "0123456789") == strlen(s);
}

static int set_name(const struct verb *v, struct boot_request *r, const char *name)
{
    char fallback[SEPTUM_NAME_MAX];

    if (!name) {
        default_name(r->image, fallback);
        name = fallback;
    }
    if (all_digits(name))
        return usage_error(v, "a domain name cannot be a number like '%s' (it reads as an id)",
                           name);
    if (septum_domain_config_set_name(&r->cfg, name) < 0)
        return usage_error(v, "bad name '%s' (1 to %d characters)", name, SEPTUM_NAME_MAX - 1);
    return EXIT_OK;
}

static int set_mem(const struct verb *v, struct boot_request *r, const char *text)
{
    uint64_t bytes = DEFAULT_MEM;

    if (text && septum_parse_size(text, &bytes) < 0)
        return usage_error(v, "bad size '%s' (e.g. 64M, 1G)", text);
    if (bytes == 0 || bytes % MEM_ALIGN)
        return usage_error(v, "memory must be a non-zero multiple of 2M, not '%s'", text);
    r->cfg.mem_size = bytes;
    return EXIT_OK;
}

static int set_cpus(const struct verb *v, struct boot_request *r, const char *text)
{
    size_t n;
    int rc = septum_parse_cpus(text, r->cfg.pcpus, SEPTUM_MAX_VCPUS, &n);

    if (rc == -E2BIG)
        return usage_error(v, "at most %d vCPUs", SEPTUM_MAX_VCPUS);
    if (rc < 0)
        return usage_error(v, "bad cpu list '%s' (e.g. 1, 1-3, 0-1,3)", text);
    r->cfg.nr_vcpus = (uint32_t)n;
    r->cpus_given = true;
    return EXIT_OK;
}

static int set_cmdline(const struct verb *v, struct boot_request *r, const char *text)
{
    if (septum_domain_config_set_cmdline(&r->cfg, text) < 0)
        return usage_error(v, "command line too long (at most %d bytes)", SEPTUM_CMDLINE_MAX - 1);
    return EXIT_OK;
}

/* Returns -1 to go on, or the exit code to return (after --help or a usage
 * error). */
static int parse(const struct verb *v, int argc, char **argv, struct boot_request *r)
{
    enum { OPT_NAME = 256, OPT_CPUS, OPT_MEM, OPT_CMDLINE };
    static const struct option opts[] = {
        {"name", required_argument, NULL, OPT_NAME},
        {"cpus", required_argument, NULL, OPT_CPUS},
        {"mem", required_argument, NULL, OPT_MEM},
        {"cmdline", required_argument, NULL, OPT_CMDLINE},
        {"paused", no_argument, NULL, 'p'},
        {"console", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    const char *name = NULL, *mem = NULL;
    int opt, rc = EXIT_OK;

    septum_domain_config_init(&r->cfg);
    while ((opt = getopt_long(argc, argv, ":pch", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_NAME:
            name = optarg;
            break;
        case OPT_CPUS:
            rc = set_cpus(v, r, optarg);
            break;
        case OPT_MEM:
            mem = optarg;
            break;
        case OPT_CMDLINE:
            rc = set_cmdline(v, r, optarg);
            break;
        case 'p':
            r->paused = true;
            break;
        case 'c':
            r->console = true;
            break;
        case 'h':
            return print_help(v);
        default:
            return bad_option(v, opt, argv);
        }
        if (rc)
            return rc;
    }
    if (argc - optind != 1)
        return usage_error(v, argc == optind ? "missing argument" : "too many arguments");
    r->image = argv[optind];
    rc = set_name(v, r, name);
    if (!rc)
        rc = set_mem(v, r, mem);
    return rc ? rc : -1;
}

/* Takes the lowest free pCPU when none was named, and checks what was
 * asked for against what is free, to say precisely what is missing. */
/* An XML file given where an image is expected: by its name, or by its
 * first byte once read (an Image starts with an instruction, never '<'). */
static bool is_definition(const char *path)
{
    size_t len = strlen(path);
    FILE *f;
    int c;

    if (len > 4 && strcmp(path + len - 4, ".xml") == 0)
        return true;
    f = fopen(path, "rb");
    if (!f)
        return false;
    c = fgetc(f);
    fclose(f);
    return c == '<';
}

static int check_resources(const struct verb *v, struct septum *h, struct boot_request *r)
{
    struct septum_domain_config *cfg = &r->cfg;
    struct septum_physinfo p;
    uint32_t nr;
    int rc = septum_physinfo(h, &p);

    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    nr = p.nr_pcpus < SEPTUM_MAX_PCPUS ? p.nr_pcpus : SEPTUM_MAX_PCPUS;
    for (uint32_t cpu = 0; !r->cpus_given && cpu < nr; cpu++) {
        if (p.pcpu_owner[cpu] == SEPTUM_PCPU_FREE) {
            cfg->pcpus[0] = cpu;
            cfg->nr_vcpus = 1;
            r->cpus_given = true;
        }
    }
    if (!r->cpus_given)
        return fail(v, "no free pCPU (see 'septum info')");
    for (uint32_t i = 0; i < cfg->nr_vcpus; i++) {
        uint32_t cpu = cfg->pcpus[i];

        if (cpu >= nr)
            return fail(v, "there is no pCPU %u (the host has %u)", cpu, p.nr_pcpus);
        if (p.pcpu_owner[cpu] != SEPTUM_PCPU_FREE) {
            char owner[SEPTUM_NAME_MAX];

            return fail(v, "pCPU %u belongs to d%u (%s)", cpu, p.pcpu_owner[cpu],
                        domain_name(h, p.pcpu_owner[cpu], owner));
        }
    }
    if (cfg->mem_size > p.mem_free)
        return fail(v, "not enough memory: %llu MiB asked, %llu MiB free",
                    (unsigned long long)(cfg->mem_size / MIB),
                    (unsigned long long)(p.mem_free / MIB));
    return EXIT_OK;
}

/* Creates the domain and starts it unless asked not to; on failure,
 * destroys what was made. */
static int create(const struct verb *v, struct septum *h, const struct boot_request *r,
                  const void *image, size_t len, uint32_t *domid)
{
    const char *name = r->cfg.name;
    int rc = check_new_name(v, h, name);

    if (rc)
        return rc;
    rc = septum_domain_build(h, &r->cfg, image, len, domid);
    if (rc < 0)
        return fail_create(v, h, name, r->cfg.mem_size, rc);
    if (!r->paused) {
        rc = septum_domain_start(h, *domid);
        if (rc < 0) {
            septum_domain_destroy(h, *domid);
            return fail(v, "cannot start '%s': %s", name, septum_strerror(rc));
        }
    }
    printf("%s domain %u (%s)%s\n", r->paused ? "Created" : "Started", *domid, name,
           r->paused ? ", paused" : "");
    fflush(stdout); /* before the console's own writes */
    return EXIT_OK;
}

int cmd_boot(const struct verb *v, int argc, char **argv)
{
    struct boot_request r = {0};
    struct septum_image img;
    struct septum *h;
    uint32_t domid;
    void *image = NULL;
    size_t len = 0;
    int rc = parse(v, argc, argv, &r);

    if (rc >= 0)
        return rc;
    if (is_definition(r.image))
        return usage_error(v,
                           "%s is a domain definition: 'septum create %s' makes a domain from it",
                           r.image, r.image);
    rc = septum_read_file(r.image, r.cfg.mem_size, &image, &len);
    if (rc == -EFBIG)
        return fail(v, "%s: larger than the domain's memory (--mem)", r.image);
    if (rc < 0)
        return fail(v, "%s: %s", r.image, septum_strerror(rc));
    rc = septum_image_parse(image, len, &img) < 0 ? fail(v, "%s: not an arm64 Linux Image", r.image)
                                                  : open_hypervisor(v, &h);
    if (rc) {
        free(image);
        return rc;
    }
    rc = check_resources(v, h, &r);
    if (!rc)
        rc = create(v, h, &r, image, len, &domid);
    free(image);
    if (!rc && r.console)
        rc = attach_console(v, h, domid, false);
    septum_close(h);
    return rc;
}
