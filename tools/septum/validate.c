/* validate: checks a definition without making anything, anywhere (the
 * host too): the XML, then the definition against a model machine, its
 * images read and laid out as create would. --json prints the result for
 * programs (tools/septum-qemu builds boot-time domains from it). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpuset.h"
#include "definitions.h"
#include "json.h"

struct validate_request {
    const char *path, *root, *dtb_out;
    uint32_t nr_pcpus;
    cpu_mask taken;
    bool machine_given; /* --pcpus or --taken */
    bool json;
};

static int parse_pcpus(const struct verb *v, const char *text, uint32_t *n)
{
    char *end;
    unsigned long value = strtoul(text, &end, 10);

    if (*text < '0' || *text > '9' || *end || value == 0 || value > SEPTUM_MAX_PCPUS)
        return usage_error(v, "--pcpus takes a number from 1 to %d, not '%s'", SEPTUM_MAX_PCPUS,
                           text);
    *n = (uint32_t)value;
    return EXIT_OK;
}

static int parse_taken(const struct verb *v, const char *text, cpu_mask *cpus)
{
    const char *err = cpuset_parse(text, cpus);

    if (err)
        return usage_error(v, "bad pCPU list '%s' for --taken: %s", text, err);
    return EXIT_OK;
}

/* Returns -1 to go on, or the exit code to return. */
static int parse(const struct verb *v, int argc, char **argv, struct validate_request *r)
{
    enum { OPT_JSON = 256, OPT_PCPUS, OPT_TAKEN, OPT_ROOT, OPT_DUMP_DTB };
    static const struct option opts[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"pcpus", required_argument, NULL, OPT_PCPUS},
        {"taken", required_argument, NULL, OPT_TAKEN},
        {"root", required_argument, NULL, OPT_ROOT},
        {"dump-dtb", required_argument, NULL, OPT_DUMP_DTB},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    int opt, rc = EXIT_OK;

    r->nr_pcpus = SEPTUM_MAX_PCPUS;
    while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (opt == OPT_JSON)
            r->json = true;
        else if (opt == OPT_PCPUS)
            rc = parse_pcpus(v, optarg, &r->nr_pcpus);
        else if (opt == OPT_TAKEN)
            rc = parse_taken(v, optarg, &r->taken);
        else if (opt == OPT_ROOT)
            r->root = optarg;
        else if (opt == OPT_DUMP_DTB)
            r->dtb_out = optarg;
        else if (opt == 'h')
            return print_help(v);
        else
            return bad_option(v, opt, argv);
        if (rc)
            return rc;
        r->machine_given |= opt == OPT_PCPUS || opt == OPT_TAKEN;
    }
    if (argc - optind != 1)
        return usage_error(v, argc == optind ? "missing argument" : "too many arguments");
    r->path = argv[optind];
    return -1;
}

/* ",\n  "key": value" with a string value, or null. */
static void json_member(const char *key, const char *value)
{
    printf(",\n  \"%s\": ", key);
    if (value)
        json_string(stdout, value, SIZE_MAX);
    else
        printf("null");
}

static void print_json(const struct domain_desc *desc, const struct domain_plan *p)
{
    const struct septum_domain_config *c = &p->config;

    printf("{\n  \"name\": ");
    json_string(stdout, c->name, sizeof(c->name));
    json_member("uuid", desc->uuid);
    printf(",\n  \"memory\": %llu,\n  \"vcpus\": %u,\n  \"pcpus\": [",
           (unsigned long long)c->mem_size, c->nr_vcpus);
    for (uint32_t i = 0; i < c->nr_vcpus; i++)
        printf("%s%u", i ? ", " : "", c->pcpus[i]);
    printf("]");
    json_member("cmdline", c->cmdline);
    json_member("kernel", p->kernel.path);
    json_member("initrd", p->initrd.path);
    json_member("dtb", p->dtb.path); /* NULL when generated */
    printf(",\n  \"entry\": %llu,\n  \"initrd_address\": %llu,\n  \"dtb_address\": %llu",
           (unsigned long long)p->entry, (unsigned long long)p->initrd.ipa,
           (unsigned long long)p->dtb.ipa);
    printf(",\n  \"shm\": [");
    for (unsigned i = 0; i < p->nr_shm; i++) {
        const struct septum_shm_attach *a = &p->shm[i];

        printf("%s\n    {\"name\": ", i ? "," : "");
        json_string(stdout, a->name, sizeof(a->name));
        printf(", \"size\": %llu, \"address\": %llu, \"registers\": %llu, \"interrupt\": %u}",
               (unsigned long long)a->size, (unsigned long long)a->ipa,
               (unsigned long long)a->regs_ipa, a->virq);
    }
    printf("]");
    printf(",\n  \"native_wfi\": %s", c->flags & SEPTUM_DOMAIN_NATIVE_WFI ? "true" : "false");
    printf(",\n  \"on_poweroff\": \"%s\",\n  \"on_reboot\": \"%s\",\n  \"on_crash\": \"%s\"",
           domain_action_name(c->on_poweroff), domain_action_name(c->on_reboot),
           domain_action_name(c->on_crash));
    /* Devices as written: by path, or null for one given by address. */
    printf(",\n  \"direct_map\": %s,\n  \"passthrough\": [", desc->direct_map ? "true" : "false");
    for (size_t i = 0; i < desc->nr_passthrough; i++) {
        printf("%s", i ? ", " : "");
        if (desc->passthrough[i].path)
            json_string(stdout, desc->passthrough[i].path, SIZE_MAX);
        else
            printf("null");
    }
    printf("]\n}\n");
}

/* "hello.xml: valid: 'hello', 1 vCPU, 64 MiB", and where the vCPUs would go
 * when a machine was described. */
static void print_summary(const struct validate_request *r, const struct domain_plan *p)
{
    const struct septum_domain_config *c = &p->config;

    printf("%s: valid: '%s', %u vCPU%s, %llu MiB", r->path, c->name, c->nr_vcpus,
           c->nr_vcpus == 1 ? "" : "s", (unsigned long long)(c->mem_size / MIB));
    if (r->machine_given) {
        printf(", on pCPU");
        for (uint32_t i = 0; i < c->nr_vcpus; i++)
            printf("%s%u", i ? "," : " ", c->pcpus[i]);
    }
    printf("\n");
}

/* --root names the tree images are confined to: a mistyped one would
 * refuse every image, each with a message that blames the definition. */
static int check_root(const struct verb *v, const char *root)
{
    struct stat st;

    if (stat(root, &st) < 0)
        return fail(v, "--root %s: %s", root, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return fail(v, "--root %s: not a folder", root);
    return EXIT_OK;
}

static int dump_dtb(const struct verb *v, const char *path, const struct placed_file *dtb)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(dtb->data, 1, dtb->len, f) == dtb->len;

    if (f && fclose(f) != 0)
        ok = false;
    return ok ? EXIT_OK : fail(v, "%s: cannot write the device tree", path);
}

int cmd_validate(const struct verb *v, int argc, char **argv)
{
    struct validate_request r = {0};
    struct domain_desc *desc;
    struct domain_plan p;
    struct machine m;
    bool plan_made;
    int rc = parse(v, argc, argv, &r);

    if (rc >= 0)
        return rc;
    rc = r.root ? check_root(v, r.root) : EXIT_OK;
    if (!rc)
        rc = load_definition(v, r.path, &desc);
    if (rc)
        return rc;
    machine_model(&m, r.nr_pcpus, r.taken);
    rc = plan_definition(v, desc, &m, r.root, &p);
    plan_made = rc == EXIT_OK;
    if (!rc && r.dtb_out)
        rc = dump_dtb(v, r.dtb_out, &p.dtb);
    if (!rc) {
        if (r.json)
            print_json(desc, &p);
        else
            print_summary(&r, &p);
    }
    if (plan_made)
        domain_plan_free(&p);
    domain_desc_free(desc);
    return rc;
}
