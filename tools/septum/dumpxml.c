/* dumpxml: the definition a domain was created from, as it was written. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>

#include "definitions.h"

int cmd_dumpxml(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    const char *domain = argv[optind];
    struct septum *h;
    uint32_t domid;
    size_t len;
    char *xml;

    if (rc >= 0)
        return rc;
    rc = open_domain(v, domain, &h, &domid);
    if (rc)
        return rc;
    septum_close(h);
    rc = read_definition(domid, &xml, &len);
    if (rc == -ENOENT)
        return fail(v,
                    "%s: not created from a definition (it was booted with the machine or "
                    "with 'septum boot')",
                    domain);
    if (rc < 0)
        return fail(v, "%s: cannot read its definition: %s", domain, septum_strerror(rc));
    write_stdout(xml, len);
    free(xml);
    return EXIT_OK;
}
