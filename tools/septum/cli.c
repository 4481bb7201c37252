/* Messages, option handling and hypervisor access shared by the verbs. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int print_help(const struct verb *v)
{
    /* Summaries are written for the verb table; as a sentence they need a
     * capital letter and a full stop. */
    printf("usage: septum %s %s\n\n%c%s.\n", v->name, v->synopsis,
           toupper((unsigned char)v->summary[0]), v->summary + 1);
    if (v->details)
        printf("\n%s", v->details);
    return EXIT_OK;
}

static void vmessage(const struct verb *v, const char *fmt, va_list ap)
{
    fprintf(stderr, "septum: %s: ", v->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int fail(const struct verb *v, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(v, fmt, ap);
    va_end(ap);
    return EXIT_FAILED;
}

int usage_error(const struct verb *v, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(v, fmt, ap);
    va_end(ap);
    fprintf(stderr, "usage: septum %s %s\nRun 'septum %s --help' for details.\n", v->name,
            v->synopsis, v->name);
    return EXIT_USAGE;
}

int bad_option(const struct verb *v, int opt, char **argv)
{
    const char *arg = argv[optind - 1];

    if (opt == ':')
        return usage_error(v, "option '%s' needs a value", arg);
    if (strncmp(arg, "--", 2) == 0)
        return usage_error(v, "unknown option '%s'", arg);
    return usage_error(v, "unknown option '-%c'", optopt);
}

int parse_plain_verb(const struct verb *v, int argc, char **argv, int min, int max)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
    int opt = getopt_long(argc, argv, ":h", opts, NULL);

    if (opt == 'h')
        return print_help(v);
    if (opt != -1)
        return bad_option(v, opt, argv);
    if (argc - optind < min)
        return usage_error(v, "missing argument");
    if (argc - optind > max)
        return usage_error(v, "too many arguments");
    return -1;
}

int open_device(const struct verb *v, struct septum **h)
{
    int rc = septum_open(h);

    if (rc < 0)
        return fail(v,
                    "cannot open %s: %s (is this the control domain, with the septum driver "
                    "loaded?)",
                    SEPTUM_DEVICE, septum_strerror(rc));
    return EXIT_OK;
}

int open_hypervisor(const struct verb *v, struct septum **h)
{
    int rc = open_device(v, h);

    if (rc)
        return rc;
    rc = septum_check_abi(*h);
    if (rc < 0) {
        septum_close(*h);
        return fail(v, "%s", septum_strerror(rc));
    }
    return EXIT_OK;
}

int lookup_domain(const struct verb *v, struct septum *h, const char *text, uint32_t *domid)
{
    int rc = septum_domain_lookup(h, text, domid);

    if (rc < 0)
        return fail(v, "%s: %s", text, septum_strerror(rc));
    return EXIT_OK;
}

int open_domain(const struct verb *v, const char *text, struct septum **h, uint32_t *domid)
{
    int rc = open_hypervisor(v, h);

    if (rc)
        return rc;
    rc = lookup_domain(v, *h, text, domid);
    if (rc)
        septum_close(*h);
    return rc;
}

int fail_create(const struct verb *v, struct septum *h, const char *name, uint64_t mem_size,
                int err)
{
    unsigned long long asked = mem_size / MIB;
    struct septum_physinfo p;

    if ((err != -ENOMEM && err != -ENOBUFS) || septum_physinfo(h, &p) < 0)
        return fail(v, "cannot create '%s': %s", name, septum_strerror(err));
    if (err == -ENOBUFS)
        return fail(v,
                    "cannot create '%s': free memory is too fragmented: %llu MiB asked, %llu MiB "
                    "free in more than %u pieces (largest %llu MiB)",
                    name, asked, (unsigned long long)(p.mem_free / MIB), SEPTUM_MAX_RAM_EXTENTS,
                    (unsigned long long)(p.mem_largest_free / MIB));
    if (p.mem_free >= mem_size) /* the RAM fitted; the copy kept of the image did not */
        return fail(v,
                    "cannot create '%s': not enough memory for %llu MiB and a copy of its "
                    "image: %llu MiB free",
                    name, asked, (unsigned long long)(p.mem_free / MIB));
    return fail(v, "cannot create '%s': not enough memory: %llu MiB asked, %llu MiB free", name,
                asked, (unsigned long long)(p.mem_free / MIB));
}

const char *domain_name(struct septum *h, uint32_t domid, char buf[SEPTUM_NAME_MAX])
{
    struct septum_domain_info info;

    if (septum_domain_info(h, domid, &info) < 0)
        return "?";
    snprintf(buf, SEPTUM_NAME_MAX, "%.*s", SEPTUM_NAME_MAX - 1, info.name);
    return buf;
}

int check_new_name(const struct verb *v, struct septum *h, const char *name)
{
    uint32_t existing;
    int rc = septum_domain_lookup(h, name, &existing);

    if (rc == 0 || rc == -ENOTUNIQ)
        return fail(v, "there is already a domain named '%s'", name);
    if (rc != -ESRCH)
        return fail(v, "%s", septum_strerror(rc));
    return EXIT_OK;
}

void write_stdout(const void *buf, size_t len)
{
    const char *p = buf;

    while (len) {
        ssize_t n = write(STDOUT_FILENO, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        p += n;
        len -= (size_t)n;
    }
}
