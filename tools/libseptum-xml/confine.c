/* Containment by canonical paths: realpath() resolves what the kernel
 * would follow when opening the file (absolute links included), so that
 * what is checked is what is read. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "confine.h"

/* Whether path is dir or below it; both canonical. */
static bool below(const char *path, const char *dir)
{
    size_t len = strlen(dir);

    if (strcmp(dir, "/") == 0)
        return true;
    return strncmp(path, dir, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

int confine(const char *path, const char *const *dirs, char **real)
{
    bool inside = false;

    *real = realpath(path, NULL);
    if (!*real)
        return -errno;
    for (size_t i = 0; dirs[i] && !inside; i++) {
        char *dir = realpath(dirs[i], NULL);

        inside = dir && below(*real, dir);
        free(dir);
    }
    return inside ? 0 : -EACCES;
}
