/* Image files: where a definition's names lead, and reading them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "images.h"
#include "sizes.h"

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + 1 + strlen(name) + 1;
    char *path = malloc(len);

    if (path)
        snprintf(path, len, "%s/%s", dir, name);
    return path;
}

/* Where the file named name is: see image_read(). When it is nowhere, the
 * name as written, for the message. */
static char *locate(const struct domain_desc *desc, const char *name, const char *root)
{
    char *staged;

    if (name[0] != '/')
        return join(desc->dir, name);
    if (!root || access(name, F_OK) == 0)
        return strdup(name);
    staged = join(root, name + 1);
    if (staged && access(staged, F_OK) == 0)
        return staged;
    free(staged);
    return strdup(name);
}

int image_read(const struct domain_desc *desc, const char *name, const struct spot *at,
               const char *root, struct image_limit limit, struct diag_sink *d,
               struct placed_file *f)
{
    char *path = locate(desc, name, root);
    char size[32];
    int rc;

    if (!path) {
        diag_at(d, at, "out of memory");
        return -ENOMEM;
    }
    rc = septum_read_file(path, limit.bytes, &f->data, &f->len);
    size_text(limit.bytes, size, sizeof(size));
    if (rc == -EFBIG)
        diag_at(d, at, "%s: larger than %s (%s)", path, limit.what, size);
    else if (rc < 0)
        diag_at(d, at, "%s: %s", path, septum_strerror(rc));
    if (rc < 0) {
        free(path);
        return rc;
    }
    f->path = path;
    return 0;
}
