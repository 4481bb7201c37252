/* Definitions: messages, and their copies under /run/septum (tmpfs in dom0:
 * they live as long as the control domain, like the domains). Domain ids
 * are never reused, so an old copy is never taken for a new domain's.
 * SEPTUM_RUN_DIR moves the folder, for tests on the host. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "definitions.h"

#define RUN_DIR "/run/septum"
#define DEFINITION_MAX (1u << 20)

static const char *run_dir(void)
{
    const char *dir = getenv("SEPTUM_RUN_DIR");

    return dir && *dir ? dir : RUN_DIR;
}

static int summary(const struct verb *v, const char *path, unsigned errors)
{
    return fail(v, "%s: %u error%s in the definition", path, errors, errors == 1 ? "" : "s");
}

int load_definition(const struct verb *v, const char *path, struct domain_desc **desc)
{
    struct diag_sink d = {.out = stderr, .file = path};

    if (domain_desc_load(path, &d, desc) == 0)
        return EXIT_OK;
    return summary(v, path, d.errors);
}

int plan_definition(const struct verb *v, const struct domain_desc *desc, const struct machine *m,
                    const char *root, struct domain_plan *plan)
{
    struct diag_sink d = {.out = stderr, .file = desc->path};
    int rc = domain_plan_make(desc, m, root, &d, plan);

    if (rc == 0)
        return EXIT_OK;
    if (d.errors)
        return summary(v, desc->path, d.errors);
    return fail(v, "%s: %s", desc->path, septum_strerror(rc));
}

static void definition_path(uint32_t domid, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%u.xml", run_dir(), domid);
}

int write_whole(const char *path, const char *data, size_t len)
{
    char tmp[4200];
    FILE *f;
    int rc = 0;

    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    f = fopen(tmp, "w");
    if (!f)
        return -errno;
    if (fwrite(data, 1, len, f) != len)
        rc = -EIO;
    if (fclose(f) != 0 && rc == 0)
        rc = -errno;
    if (rc == 0 && rename(tmp, path) < 0)
        rc = -errno;
    if (rc < 0)
        remove(tmp);
    return rc;
}

int save_definition(uint32_t domid, const struct domain_desc *desc)
{
    char path[4096];

    if (mkdir(run_dir(), 0755) < 0 && errno != EEXIST)
        return -errno;
    definition_path(domid, path, sizeof(path));
    /* Whole or not at all: dumpxml must never print half a file. */
    return write_whole(path, desc->xml, desc->xml_len);
}

int read_definition(uint32_t domid, char **xml, size_t *len)
{
    char path[4096];

    definition_path(domid, path, sizeof(path));
    return septum_read_file(path, DEFINITION_MAX, (void **)xml, len);
}
