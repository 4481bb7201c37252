/* Domain definitions (XML) in the septum command: reading and checking one
 * with its messages on stderr, and the copy dom0 keeps of the definition
 * each domain was created from, for dumpxml. */
#ifndef SEPTUM_DEFINITIONS_H
#define SEPTUM_DEFINITIONS_H

#include "cli.h"
#include "plan.h"

/* Reads and checks the definition at path. Returns EXIT_OK with *desc
 * set, or EXIT_FAILED after printing every problem and a summary. */
int load_definition(const struct verb *v, const char *path, struct domain_desc **desc);

/* domain_plan_make() with the same reporting. */
int plan_definition(const struct verb *v, const struct domain_desc *desc, const struct machine *m,
                    const char *root, struct domain_plan *plan);

/* Writes len bytes of data to path whole or not at all (a temporary file
 * renamed over it). Returns 0 or a negative errno. */
int write_whole(const char *path, const char *data, size_t len);

/* Keeps desc's XML as the definition of domain domid. Returns 0 or a
 * negative errno. */
int save_definition(uint32_t domid, const struct domain_desc *desc);

/* The definition domain domid was created from, malloc()ed and
 * NUL-terminated; -ENOENT if it was not created from one. */
int read_definition(uint32_t domid, char **xml, size_t *len);

#endif
