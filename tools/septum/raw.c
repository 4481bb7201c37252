/* raw: one hypercall exactly as typed, for debugging and robustness tests
 * (unknown calls, bad addresses). Left out of `septum help`. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A register value in C syntax: 0x..., 0..., decimal; "-1" wraps. */
static bool parse_register(const char *text, uint64_t *value)
{
    char *end;

    errno = 0;
    *value = strtoull(text, &end, 0);
    return *text && !*end && errno == 0;
}

int cmd_raw(const struct verb *v, int argc, char **argv)
{
    uint64_t fn, args[5] = {0}, ret[4];
    struct septum *h;
    int rc;

    /* No getopt: "-1" is a value here, not an option. */
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        return print_help(v);
    if (argc < 2)
        return usage_error(v, "missing function ID");
    if (argc > 7)
        return usage_error(v, "at most 5 arguments (x1-x5)");
    if (!parse_register(argv[1], &fn))
        return usage_error(v, "bad function ID '%s'", argv[1]);
    for (int i = 2; i < argc; i++)
        if (!parse_register(argv[i], &args[i - 2]))
            return usage_error(v, "bad argument '%s'", argv[i]);
    rc = open_device(v, &h);
    if (rc)
        return rc;
    rc = septum_hypercall_raw(h, fn, args, ret);
    septum_close(h);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    printf("x0=0x%016" PRIx64 " x1=0x%016" PRIx64 " x2=0x%016" PRIx64 " x3=0x%016" PRIx64 "\n",
           ret[0], ret[1], ret[2], ret[3]);
    return EXIT_OK;
}
