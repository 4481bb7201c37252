/* How far a namespace is from ours: compared without what people vary
 * without meaning to (case, scheme, "www.", trailing slashes), by edit
 * distance. */
#include <assert.h>
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "near_miss.h"

/* A typo or two, a doubled or missing letter: "septum.dev/xmlns/domian/1"
 * is 2 away, "septum.dev/xmlns/domain/l" 1. Unrelated namespaces of other
 * applications are dozens away. */
#define NEAR_MISS_EDITS 3

struct view {
    const char *s;
    size_t len;
};

static struct view canonical(const char *uri)
{
    const char *scheme = strstr(uri, "://");
    size_t len;

    if (scheme)
        uri = scheme + 3;
    if (strncasecmp(uri, "www.", 4) == 0)
        uri += 4;
    len = strlen(uri);
    while (len && uri[len - 1] == '/')
        len--;
    return (struct view){uri, len};
}

static bool same_char(char a, char b)
{
    return tolower((unsigned char)a) == tolower((unsigned char)b);
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;

    return m < c ? m : c;
}

/* Levenshtein distance, case-insensitive; b.len < NEAR_MISS_MAX. */
static size_t edits(struct view a, struct view b)
{
    size_t row[NEAR_MISS_MAX], prev[NEAR_MISS_MAX];

    for (size_t j = 0; j <= b.len; j++)
        prev[j] = j;
    for (size_t i = 1; i <= a.len; i++) {
        row[0] = i;
        for (size_t j = 1; j <= b.len; j++)
            row[j] =
                min3(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + !same_char(a.s[i - 1], b.s[j - 1]));
        memcpy(prev, row, (b.len + 1) * sizeof(row[0]));
    }
    return prev[b.len];
}

/* Ours up to its last segment, "septum.dev/xmlns/domain/", is where its
 * versions live. */
static bool another_version(struct view uri, struct view ours)
{
    size_t base = ours.len;

    while (base && ours.s[base - 1] != '/')
        base--;
    return base && uri.len > base && strncasecmp(uri.s, ours.s, base) == 0;
}

bool namespace_near_miss(const char *uri, const char *ours)
{
    struct view u = canonical(uri), o = canonical(ours);
    size_t apart = u.len > o.len ? u.len - o.len : o.len - u.len;

    assert(o.len < NEAR_MISS_MAX);
    if (another_version(u, o))
        return true;
    /* The lengths alone rule most out, and bound the work on a long one. */
    return apart <= NEAR_MISS_EDITS && edits(u, o) <= NEAR_MISS_EDITS;
}
