/* Kept definitions: the folder and its files (kept.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kept.h"

const char *kept_dir(void)
{
    const char *dir = getenv("SEPTUM_DOMAINS_DIR");

    return dir && *dir ? dir : KEPT_DIR;
}

void kept_path(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s.xml", kept_dir(), name);
}

bool kept_exists(const char *name)
{
    char path[4096];

    kept_path(name, path, sizeof(path));
    return access(path, F_OK) == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int kept_names(char ***names, size_t *count)
{
    DIR *dir = opendir(kept_dir());
    struct dirent *e;
    size_t n = 0, cap = 0;
    char **list = NULL;

    *names = NULL;
    *count = 0;
    if (!dir)
        return errno == ENOENT ? 0 : -errno; /* nothing defined yet */
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        char **grown;

        if (len <= 4 || strcmp(e->d_name + len - 4, ".xml") != 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            grown = realloc(list, cap * sizeof(*list));
            if (!grown)
                break;
            list = grown;
        }
        list[n] = strndup(e->d_name, len - 4);
        if (list[n])
            n++;
    }
    closedir(dir);
    if (n)
        qsort(list, n, sizeof(*list), by_name);
    *names = list;
    *count = n;
    return 0;
}

void kept_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}
