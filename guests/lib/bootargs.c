/* Bootargs words. The line is read in place: words are compared by length,
 * never copied except for a requested value. */
#include <septum/errno.h>
#include <septum/string.h>
#include "bootargs.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Advances to the next word; returns its length (0 at the end). */
static size_t next_word(const char **p)
{
    const char *s = *p;
    size_t len = 0;

    while (is_space(*s))
        s++;
    while (s[len] && !is_space(s[len]))
        len++;
    *p = s;
    return len;
}

bool bootargs_has_word(const char *args, const char *word)
{
    size_t want = strlen(word);

    for (size_t len; (len = next_word(&args)) != 0; args += len) {
        if (len == want && strncmp(args, word, len) == 0)
            return true;
    }
    return false;
}

bool bootargs_value(const char *args, const char *key, char *out, size_t size)
{
    size_t key_len = strlen(key);

    for (size_t len; (len = next_word(&args)) != 0; args += len) {
        if (len > key_len && args[key_len] == '=' && strncmp(args, key, key_len) == 0) {
            size_t n = len - key_len - 1;

            if (size == 0)
                return true;
            if (n > size - 1)
                n = size - 1;
            memcpy(out, args + key_len + 1, n);
            out[n] = '\0';
            return true;
        }
    }
    return false;
}

static int digit(char c, unsigned base)
{
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;

    return d < (int)base ? d : -1;
}

int bootargs_u64(const char *args, const char *key, uint64_t *out)
{
    char text[24];
    const char *p = text;
    unsigned base = 10;
    uint64_t v = 0;

    if (!bootargs_value(args, key, text, sizeof(text)))
        return -ENOENT;
    if (p[0] == '0' && p[1] == 'x') {
        base = 16;
        p += 2;
    }
    if (!*p)
        return -EINVAL;
    for (; *p; p++) {
        int d = digit(*p, base);

        if (d < 0 || v > (UINT64_MAX - (uint64_t)d) / base)
            return -EINVAL;
        v = v * base + (uint64_t)d;
    }
    *out = v;
    return 0;
}
