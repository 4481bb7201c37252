/* Image files: where a definition's names lead, and reading them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confine.h"
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

/* Where the file named name is: see image_read(). */
static char *locate(const struct domain_desc *desc, const char *name, const char *root)
{
    if (name[0] != '/')
        return join(desc->dir, name);
    return root ? join(root, name + 1) : strdup(name);
}

/* Under a root, the file is read by its canonical path, once that is
 * known to be in the root or the definition's folder. Returns 0 with
 * *path replaced, or reports and returns a negative errno. */
static int confine_to_root(const struct domain_desc *desc, const char *name, const char *root,
                           const struct spot *at, struct diag_sink *d, char **path)
{
    const char *const dirs[] = {root, desc->dir, NULL};
    char *real;
    int rc = confine(*path, dirs, &real);

    if (rc == -EACCES)
        diag_at(d, at, "%s leads to %s, outside %s and the definition's folder: not read", name,
                real, root);
    else if (rc < 0 && name[0] == '/')
        diag_at(d, at, "%s: %s in %s", name, septum_strerror(rc), root);
    else if (rc < 0)
        diag_at(d, at, "%s: %s", *path, septum_strerror(rc));
    if (rc < 0) {
        free(real);
        return rc;
    }
    free(*path);
    *path = real;
    return 0;
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
    rc = root ? confine_to_root(desc, name, root, at, d, &path) : 0;
    if (rc < 0) {
        free(path);
        return rc;
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
