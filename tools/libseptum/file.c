/* Reading the files the tools hand to the hypervisor (images, device
 * trees, definitions) whole: regular files, and pipes too (/dev/stdin).
 * None of them means anything empty, so an empty file is refused here,
 * once for every verb, rather than handed on as zero bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "septum.h"

/* Enough for a definition in one go; images are sized with fstat(). */
#define FIRST_READ 65536

static int read_error(FILE *f)
{
    return ferror(f) ? (errno ? -errno : -EIO) : 0;
}

/* Reads what f holds, at most max bytes, into *buf (*size allocated, plus
 * one for a NUL), growing it only when the file goes on past it. */
static int read_all(FILE *f, uint64_t max, char **buf, size_t *size, size_t *len)
{
    for (;;) {
        size_t n;

        if (*len == *size) {
            int c = fgetc(f);
            size_t grown = *size ? 2 * *size : FIRST_READ;
            char *p;

            if (c == EOF)
                return read_error(f);
            p = realloc(*buf, grown + 1);
            if (!p)
                return -ENOMEM;
            *buf = p;
            *size = grown;
            (*buf)[(*len)++] = (char)c;
        }
        n = fread(*buf + *len, 1, *size - *len, f);
        *len += n;
        if ((uint64_t)*len > max)
            return -EFBIG;
        if (n == 0)
            return read_error(f);
    }
}

int septum_read_file(const char *path, uint64_t max, void **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *buf = NULL;
    size_t size = 0, used = 0;
    int rc = 0;

    if (!f)
        return -errno;
    if (fstat(fileno(f), &st) < 0)
        rc = -errno;
    else if (S_ISDIR(st.st_mode))
        rc = -EISDIR;
    else if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max)
        rc = -EFBIG;
    else if (S_ISREG(st.st_mode))
        size = (size_t)st.st_size; /* one read, and one more to see the end */
    if (!rc && size) {
        buf = malloc(size + 1);
        rc = buf ? 0 : -ENOMEM;
    }
    if (!rc)
        rc = read_all(f, max, &buf, &size, &used);
    /* Nothing read, nothing allocated either (a pipe, or a file emptied
     * since fstat()): there is no buffer to terminate. */
    if (!rc && used == 0)
        rc = -ENODATA;
    fclose(f);
    if (rc < 0) {
        free(buf);
        return rc;
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return 0;
}
