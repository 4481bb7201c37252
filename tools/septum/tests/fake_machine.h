/* The machine septum-fake pretends to run on: domains, pCPUs, consoles and
 * a log, in memory. Every process starts from the same state:
 *   4 pCPUs, 2 GiB, uptime 100 s;
 *   d0 "Domain-0" (pCPU 0, 512 MiB, running),
 *   d1 "hello"    (pCPU 1, 64 MiB, running, has printed a greeting),
 *   d2 "faulty"   (pCPU 2, 32 MiB, crashed);
 *   pCPU 3 free. */
#ifndef FAKE_MACHINE_H
#define FAKE_MACHINE_H

#include <stdbool.h>

#include "septum.h"

#define FAKE_PCPUS 4
#define FAKE_MAX_DOMAINS 8
#define FAKE_CONSOLE_SIZE 4096

struct fake_domain {
    bool used;
    struct septum_domain_info info;
    uint32_t pcpus[SEPTUM_MAX_VCPUS];
    bool booted;    /* SET_BOOT done */
    uint32_t flags; /* SEPTUM_DOMAIN_* it was created with */
    char console[FAKE_CONSOLE_SIZE];
    size_t console_len;
    uint64_t running_ns; /* scripted runs: wall-clock time spent running */
};

extern struct fake_domain fake_domains[FAKE_MAX_DOMAINS]; /* indexed by domain id */

/* The log ring's text. */
extern const char fake_log[];

void fake_machine_init(void);
struct fake_domain *fake_domain(uint64_t domid); /* NULL if there is none */
void fake_physinfo(struct septum_physinfo *p);
void fake_console_append(struct fake_domain *d, const char *text, size_t len);

/* The operations behind the hypercalls, returning 0/a value or -errno. */
int64_t fake_create(const struct septum_domain_config *cfg);
int64_t fake_transition(struct fake_domain *d, uint32_t from, uint32_t to);
void fake_remove(struct fake_domain *d);

/* Scripted runs (fake_script.c): time passes. Each running domain gets
 * the wall-clock time since the last tick, and its CPU time a share of it:
 * (10 + 20 x id)%, at most all of it. */
void fake_machine_tick(uint64_t elapsed_ns);
/* A counter's growth while d ran, at per_s events per second. */
uint64_t fake_activity(const struct fake_domain *d, uint64_t per_s);

/* SEPTUM_FAKE_SCRIPT (fake_script.c): events at given PHYSINFO calls. */
void fake_script_tick(void);       /* at each PHYSINFO call */
void fake_script_after_list(void); /* after each DOMAIN_LIST call */
bool fake_script_fails(const char *call);

/* Copies ring bytes [*pos, len) into buf; returns the count, sets *pos. */
size_t fake_ring_read(const char *ring, size_t ring_len, void *buf, size_t len, uint64_t *pos);

#endif
