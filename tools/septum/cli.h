/* What the septum command's verbs share: the verb table's entry, exit
 * codes, messages, and opening the hypervisor. */
#ifndef SEPTUM_CLI_H
#define SEPTUM_CLI_H

#include <stdbool.h>

#include "septum.h"

#define SEPTUM_TOOLS_VERSION "0.1"

/* Exit codes of every verb. */
#define EXIT_OK 0
#define EXIT_FAILED 1 /* the operation failed: "septum: VERB: reason" on stderr */
#define EXIT_USAGE 2  /* bad command line */

#define MIB (1ull << 20)

/* How often attached consoles and followed logs look for new bytes. */
#define POLL_INTERVAL_MS 50

struct verb {
    const char *name;
    int (*run)(const struct verb *v, int argc, char **argv); /* argv[0] is the verb */
    const char *synopsis; /* what follows the verb in a usage line */
    const char *summary;  /* one line for `septum help` */
    const char *details;  /* options and notes for `septum VERB --help`, or NULL */
    bool hidden;          /* left out of `septum help` */
};

/* Prints the verb's --help text on stdout; returns EXIT_OK. */
int print_help(const struct verb *v);

/* Print "septum: VERB: message" on stderr and return the exit code: for a
 * failed operation, a bad command line (with the usage line), or the
 * option getopt_long() just refused (opt is what it returned; optstrings
 * start with ':' so that a missing value is told from an unknown option). */
int fail(const struct verb *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int usage_error(const struct verb *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int bad_option(const struct verb *v, int opt, char **argv);

/* For verbs whose only option is --help: handles it and checks that there
 * are min to max arguments (argv[optind...]). Returns -1 to go on, or the
 * exit code to return. */
int parse_plain_verb(const struct verb *v, int argc, char **argv, int min, int max);

/* Opens /dev/septum, reporting failure. open_hypervisor() also checks that
 * the hypervisor speaks our ABI major, as every verb but version and raw
 * needs. */
int open_device(const struct verb *v, struct septum **h);
int open_hypervisor(const struct verb *v, struct septum **h);

/* Resolves a name or id, reporting failure. */
int lookup_domain(const struct verb *v, struct septum *h, const char *text, uint32_t *domid);
/* open_hypervisor() then lookup_domain(): on success the caller closes h;
 * on failure nothing is left open. */
int open_domain(const struct verb *v, const char *text, struct septum **h, uint32_t *domid);

/* Domain domid's name in buf (returned), or "?" if it has gone. */
const char *domain_name(struct septum *h, uint32_t domid, char buf[SEPTUM_NAME_MAX]);

/* Fails, reporting it, if a live domain already has that name. */
int check_new_name(const struct verb *v, struct septum *h, const char *name);
/* Says why creating domain `name` failed with err; for -ENOMEM and
 * -ENOBUFS, with the free memory figures that explain it. */
int fail_create(const struct verb *v, struct septum *h, const char *name, uint64_t mem_size,
                int err);

/* Streams a domain's console until detached (Ctrl-]) or, when stdin is no
 * terminal, until its end; from the oldest byte kept, or only new output.
 * Returns the exit code. */
int attach_console(const struct verb *v, struct septum *h, uint32_t domid, bool from_now);

/* Writes all of buf to stdout, unbuffered. */
void write_stdout(const void *buf, size_t len);
/* `septum info`: the devices each domain holds (DOMAIN_RESOURCES). */
void print_resources(struct septum *h, const struct septum_domain_info *list, size_t n);

/* The verbs. */
int cmd_version(const struct verb *v, int argc, char **argv);
int cmd_info(const struct verb *v, int argc, char **argv);
int cmd_list(const struct verb *v, int argc, char **argv);
int cmd_create(const struct verb *v, int argc, char **argv);
int cmd_validate(const struct verb *v, int argc, char **argv);
int cmd_dumpxml(const struct verb *v, int argc, char **argv);
int cmd_boot(const struct verb *v, int argc, char **argv);
int cmd_console(const struct verb *v, int argc, char **argv);
int cmd_pause(const struct verb *v, int argc, char **argv);
int cmd_unpause(const struct verb *v, int argc, char **argv);
int cmd_shutdown(const struct verb *v, int argc, char **argv);
int cmd_reboot(const struct verb *v, int argc, char **argv);
int cmd_destroy(const struct verb *v, int argc, char **argv);
int cmd_vcpu_list(const struct verb *v, int argc, char **argv);
int cmd_stats(const struct verb *v, int argc, char **argv);
int cmd_shm(const struct verb *v, int argc, char **argv);
int cmd_top(const struct verb *v, int argc, char **argv);
int cmd_dmesg(const struct verb *v, int argc, char **argv);
int cmd_raw(const struct verb *v, int argc, char **argv);
int cmd_dominfo(const struct verb *v, int argc, char **argv);
int cmd_domstate(const struct verb *v, int argc, char **argv);
int cmd_domid(const struct verb *v, int argc, char **argv);
int cmd_domname(const struct verb *v, int argc, char **argv);
int cmd_define(const struct verb *v, int argc, char **argv);
int cmd_start(const struct verb *v, int argc, char **argv);
int cmd_undefine(const struct verb *v, int argc, char **argv);

/* create and start: makes a domain from the definition at path and starts
 * it unless paused, then attaches its console if asked. */
int create_domain(const struct verb *v, const char *path, bool paused, bool console);

#endif
