/* raw: one hypercall with the registers as typed, for debugging and
 * robustness tests (bad ids, lengths, unknown calls). A call that takes a
 * buffer needs --buffer=LEN: the driver builds the address and length
 * registers from it, whatever was typed there. Left out of `septum help`. */
#include <errno.h>
#include <stdbool.h>
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
    uint64_t fn, args[5] = {0}, ret[4], buffer_len = 0;
    unsigned char *buffer = NULL;
    bool with_buffer = false;
    struct septum *h;
    int rc;

    /* No getopt: "-1" is a value here, not an option. */
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        return print_help(v);
    if (argc >= 2 && strncmp(argv[1], "--buffer=", 9) == 0) {
        if (!parse_register(argv[1] + 9, &buffer_len) || buffer_len > SEPTUM_IOCTL_BUF_MAX)
            return usage_error(v, "bad buffer length '%s'", argv[1] + 9);
        with_buffer = true;
        argc--;
        argv++;
    }
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
    /* A zero-length buffer still has an address: it is declared. */
    if (with_buffer && !(buffer = calloc(1, buffer_len ? buffer_len : 1))) {
        septum_close(h);
        return fail(v, "%s", strerror(ENOMEM));
    }
    rc = septum_hypercall_raw(h, fn, args, buffer, buffer_len, ret);
    free(buffer);
    septum_close(h);
    if (rc == -EINVAL && septum_call_layout(fn).addr_reg)
        return fail(v,
                    "%#" PRIx64 " takes a buffer: the driver builds its address and length "
                    "registers itself, so raw cannot make it",
                    fn);
    if (rc == -EOPNOTSUPP)
        return fail(v, "%#" PRIx64 " is not a call the /dev/septum driver knows", fn);
    if (rc < 0)
        return fail(v, "%s", septum_strerror(rc));
    printf("x0=0x%016" PRIx64 " x1=0x%016" PRIx64 " x2=0x%016" PRIx64 " x3=0x%016" PRIx64 "\n",
           ret[0], ret[1], ret[2], ret[3]);
    return EXIT_OK;
}
