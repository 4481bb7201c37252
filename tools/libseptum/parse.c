/* Parsing the sizes and CPU lists users type, the way tools/septum-qemu
 * takes them. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "septum.h"

/* Reads the decimal number at *p and moves past it. */
static int parse_number(const char **p, uint64_t *v)
{
    const char *s = *p;

    if (*s < '0' || *s > '9')
        return -EINVAL;
    for (*v = 0; *s >= '0' && *s <= '9'; s++) {
        uint64_t digit = (uint64_t)(*s - '0');

        if (*v > (UINT64_MAX - digit) / 10)
            return -ERANGE;
        *v = *v * 10 + digit;
    }
    *p = s;
    return 0;
}

int septum_parse_size(const char *text, uint64_t *bytes)
{
    static const char units[] = "kmgt";
    const char *unit;
    unsigned shift = 0;
    uint64_t v;
    int rc = parse_number(&text, &v);

    if (rc < 0)
        return rc;
    if (*text) {
        char c = (char)(*text | 0x20); /* ASCII lower case */

        unit = strchr(units, c);
        if (!unit)
            return -EINVAL;
        shift = 10 * (unsigned)(unit - units + 1);
        text++;
        if (*text && strcasecmp(text, "ib") != 0)
            return -EINVAL;
    }
    if (v > UINT64_MAX >> shift)
        return -ERANGE;
    *bytes = v << shift;
    return 0;
}

/* Adds cpu to the sorted set cpus[0..*n). */
static int add_cpu(uint32_t cpu, uint32_t *cpus, size_t max, size_t *n)
{
    size_t i = 0;

    while (i < *n && cpus[i] < cpu)
        i++;
    if (i < *n && cpus[i] == cpu)
        return 0;
    if (*n == max)
        return -E2BIG;
    memmove(&cpus[i + 1], &cpus[i], (*n - i) * sizeof(cpus[0]));
    cpus[i] = cpu;
    (*n)++;
    return 0;
}

int septum_parse_cpus(const char *text, uint32_t *cpus, size_t max, size_t *count)
{
    size_t n = 0;

    for (;;) {
        uint64_t first, last;
        int rc = parse_number(&text, &first);

        if (rc < 0)
            return rc;
        last = first;
        if (*text == '-') {
            text++;
            rc = parse_number(&text, &last);
            if (rc < 0)
                return rc;
            if (last < first)
                return -EINVAL;
        }
        if (last >= SEPTUM_PCPU_FREE)
            return -ERANGE;
        for (uint64_t cpu = first; cpu <= last; cpu++) {
            rc = add_cpu((uint32_t)cpu, cpus, max, &n);
            if (rc < 0)
                return rc;
        }
        if (!*text)
            break;
        if (*text++ != ',')
            return -EINVAL;
    }
    *count = n;
    return 0;
}
