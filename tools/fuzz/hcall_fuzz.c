/* septum-hcall-fuzz: random and boundary hypercalls from dom0 user space
 * through /dev/septum, interleaved with valid domain life cycles, then a
 * health check: every domain it made is gone, free memory and pCPUs are
 * back to where they were, and a fresh domain boots and prints.
 *
 * usage: septum-hcall-fuzz [--ops N] [--seed S] [--image GUEST.bin]
 * Exit status 0 when the hypervisor came through healthy. The same seed
 * makes the same calls. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "septum.h"

#define DEFAULT_IMAGE "/usr/share/septum/guests/hello.bin"
#define MAX_MADE 64 /* domains this run created and has not destroyed yet */
#define BUFFER_MAX (1u << 20)

static uint64_t rng_state;

/* xorshift64*: small, and the same sequence for the same seed. */
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static uint64_t below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

static uint32_t made[MAX_MADE];
static size_t nr_made;
/* Domains that were there before the run: not its to stop or change. */
static struct septum_domain_info *others;
static size_t nr_others;

static bool belongs_to_others(uint64_t domid)
{
    for (size_t i = 0; i < nr_others; i++)
        if (others[i].domid == domid && domid != SEPTUM_DOMID_CONTROL)
            return true;
    return false;
}

static void remember(uint32_t domid)
{
    if (nr_made < MAX_MADE)
        made[nr_made++] = domid;
}

/* A register value: mostly values at the edges of what calls check. */
static uint64_t boundary_value(void)
{
    static const uint64_t edges[] = {
        0,
        1,
        2,
        7,
        8,
        0xff,
        0x7fef,
        0x7ff0,
        0x7fff,
        0x8000,
        0xffff,
        0x10000,
        0xffffffff,
        0x100000000ull,
        0x40000000,
        0x3ffff000,
        0x48000000,
        0x7ffffff000ull,
        0xfffffffffffff000ull,
        ~0ull,
        1ull << 63,
        SEPTUM_CONSOLE_WRITE_MAX,
        SEPTUM_BUFFER_MAX,
    };

    switch (below(4)) {
    case 0:
        return rnd();
    case 1:
        return nr_made ? made[below(nr_made)] : 0; /* a domain that may exist */
    default:
        return edges[below(sizeof(edges) / sizeof(edges[0]))];
    }
}

static size_t buffer_length(void)
{
    static const size_t lengths[] = {0, 1, 7, 8, 64, 72, 104, 200, 480, 496, 608, 4095, 4096, 4097};

    return below(4) ? lengths[below(sizeof(lengths) / sizeof(lengths[0]))] : below(BUFFER_MAX);
}

/* Whether a random call is worth making: output to dom0's own console would
 * only put noise on the terminal this runs on. */
static bool worth_making(uint64_t fn, const uint64_t args[5])
{
    return !(fn == SEPTUM_HC_CONSOLE_WRITE &&
             (args[0] == SEPTUM_DOMID_CONTROL || args[0] == SEPTUM_DOMID_SELF));
}

struct tally {
    unsigned long calls, refused_by_driver, ok, errors, created, lifecycles;
};

static void random_call(struct septum *h, unsigned char *buf, struct tally *t)
{
    uint64_t fn, args[5], ret[4];
    struct septum_call_layout layout;
    size_t len = 0;
    int rc;

    /* Mostly calls the driver passes; some it must refuse. */
    fn = below(8) ? SEPTUM_HC(below(SEPTUM_HC_COUNT + 2)) : (uint64_t)boundary_value();
    for (int i = 0; i < 5; i++)
        args[i] = boundary_value();
    /* x1 is the domain id of every call that takes one. */
    if (!worth_making(fn, args) || belongs_to_others(args[0]))
        return;
    layout = septum_call_layout(fn);
    if (layout.addr_reg) {
        len = buffer_length();
        for (size_t i = 0; i < len; i++)
            buf[i] = (unsigned char)rnd();
    }
    rc = septum_hypercall_raw(h, fn, args, layout.addr_reg ? buf : NULL, len, ret);
    t->calls++;
    if (rc < 0) {
        t->refused_by_driver++;
        return;
    }
    if ((int64_t)ret[0] < 0) {
        t->errors++;
        return;
    }
    t->ok++;
    if (fn == SEPTUM_HC_DOMAIN_CREATE) {
        t->created++;
        remember((uint32_t)ret[0]);
    }
}

/* A well-formed domain (sometimes not startable: too many vCPUs for the
 * free pCPUs), built, started and left running or destroyed at random. */
static void lifecycle(struct septum *h, const void *image, size_t image_len, struct tally *t)
{
    struct septum_domain_config cfg;
    uint32_t domid;
    char name[SEPTUM_NAME_MAX];

    septum_domain_config_init(&cfg);
    snprintf(name, sizeof(name), "fz%lu", t->lifecycles);
    septum_domain_config_set_name(&cfg, name);
    septum_domain_config_set_cmdline(&cfg, "wait");
    cfg.nr_vcpus = 1 + (uint32_t)below(2);
    for (uint32_t i = 0; i < cfg.nr_vcpus; i++)
        cfg.pcpus[i] = 1 + (uint32_t)below(3);
    cfg.mem_size = (8 + below(8) * 8) << 20;
    t->lifecycles++;
    if (septum_domain_build(h, &cfg, image, image_len, &domid) < 0)
        return;
    remember(domid);
    if (below(2))
        septum_domain_start(h, domid);
    if (below(2))
        septum_domain_pause(h, domid);
    if (below(3) == 0)
        septum_domain_destroy(h, domid);
}

/* Destroys what this run made and waits (bounded) for it to be gone. */
static int destroy_made(struct septum *h)
{
    for (size_t i = 0; i < nr_made; i++)
        septum_domain_destroy(h, made[i]);
    for (int tries = 0; tries < 200; tries++) {
        struct septum_domain_info info;
        size_t left = 0;

        for (size_t i = 0; i < nr_made; i++)
            left += septum_domain_info(h, made[i], &info) == 0;
        if (!left) {
            nr_made = 0;
            return 0;
        }
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    fprintf(stderr, "septum-hcall-fuzz: domains it made are still there\n");
    return -1;
}

static unsigned free_pcpus(const struct septum_physinfo *p);

/* A destroyed domain's memory comes back once its last user lets go of it
 * (after scrubbing, on another pCPU): waits, bounded, for the baseline. */
static int back_to(struct septum *h, const struct septum_physinfo *before,
                   struct septum_physinfo *after)
{
    for (int tries = 0; tries < 400; tries++) {
        int rc = septum_physinfo(h, after);

        if (rc < 0)
            return rc;
        if (after->mem_free == before->mem_free && free_pcpus(after) == free_pcpus(before))
            return 0;
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    fprintf(stderr,
            "septum-hcall-fuzz: not back to baseline: %" PRIu64 " -> %" PRIu64
            " bytes free, %u -> %u pCPUs free\n",
            before->mem_free, after->mem_free, free_pcpus(before), free_pcpus(after));
    return -1;
}

static unsigned free_pcpus(const struct septum_physinfo *p)
{
    unsigned n = 0;

    for (unsigned i = 0; i < p->nr_pcpus && i < SEPTUM_MAX_PCPUS; i++)
        n += p->pcpu_owner[i] == SEPTUM_PCPU_FREE;
    return n;
}

/* A fresh domain boots (on the first free pCPU) and prints. */
static int fresh_domain_boots(struct septum *h, const void *image, size_t image_len,
                              const struct septum_physinfo *p)
{
    struct septum_domain_config cfg;
    char out[4096];
    uint64_t pos = 0;
    uint32_t domid;
    size_t have = 0;
    int rc;

    septum_domain_config_init(&cfg);
    septum_domain_config_set_name(&cfg, "fz-check");
    septum_domain_config_set_cmdline(&cfg, "wait");
    cfg.nr_vcpus = 1;
    cfg.pcpus[0] = 0;
    for (uint32_t i = 1; i < p->nr_pcpus && i < SEPTUM_MAX_PCPUS && !cfg.pcpus[0]; i++)
        if (p->pcpu_owner[i] == SEPTUM_PCPU_FREE)
            cfg.pcpus[0] = i;
    cfg.mem_size = 16 << 20;
    rc = septum_domain_build(h, &cfg, image, image_len, &domid);
    if (rc == 0)
        rc = septum_domain_start(h, domid);
    for (int tries = 0; rc == 0 && tries < 200; tries++) {
        int n = septum_console_read(h, domid, out + have, sizeof(out) - 1 - have, &pos);

        if (n > 0)
            have += (size_t)n;
        out[have] = '\0';
        if (strstr(out, "done"))
            break;
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    if (rc == 0) {
        septum_domain_destroy(h, domid);
        made[0] = domid;
        nr_made = 1;
        rc = destroy_made(h);
    }
    if (rc < 0 || !strstr(out, "done")) {
        fprintf(stderr, "septum-hcall-fuzz: a fresh domain did not boot (%s)\n",
                rc < 0 ? septum_strerror(rc) : "no output");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"ops", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"image", required_argument, NULL, 'i'},
        {0},
    };
    const char *image_path = DEFAULT_IMAGE;
    unsigned long ops = 10000;
    struct septum_physinfo before, after;
    struct tally t = {0};
    unsigned char *buf;
    struct septum *h;
    size_t image_len;
    void *image;
    int opt, rc;

    rng_state = 0x5e97a3c1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (opt == 'n')
            ops = strtoul(optarg, NULL, 0);
        else if (opt == 's')
            rng_state = strtoull(optarg, NULL, 0) | 1;
        else if (opt == 'i')
            image_path = optarg;
        else
            return 2;
    }
    rc = septum_read_file(image_path, 64 << 20, &image, &image_len);
    if (rc < 0) {
        fprintf(stderr, "septum-hcall-fuzz: %s: %s\n", image_path, strerror(-rc));
        return 1;
    }
    buf = malloc(BUFFER_MAX);
    rc = buf ? septum_open(&h) : -ENOMEM;
    if (rc == 0)
        rc = septum_physinfo(h, &before);
    if (rc == 0)
        rc = septum_domain_list_all(h, &others, &nr_others);
    if (rc < 0) {
        fprintf(stderr, "septum-hcall-fuzz: %s\n", septum_strerror(rc));
        return 1;
    }
    for (unsigned long i = 0; i < ops; i++) {
        if (below(16) == 0)
            lifecycle(h, image, image_len, &t);
        else
            random_call(h, buf, &t);
    }
    rc = destroy_made(h);
    if (rc == 0)
        rc = back_to(h, &before, &after);
    printf("septum-hcall-fuzz: %lu calls (%lu refused by the driver, %lu ok, %lu errors), "
           "%lu domains created by random calls, %lu life cycles\n",
           t.calls, t.refused_by_driver, t.ok, t.errors, t.created, t.lifecycles);
    if (rc == 0)
        rc = fresh_domain_boots(h, image, image_len, &after);
    if (rc == 0)
        printf("septum-hcall-fuzz: healthy: memory and pCPUs back to baseline, a fresh "
               "domain boots\n");
    septum_close(h);
    free(others);
    free(buf);
    free(image);
    return rc == 0 ? 0 : 1;
}
