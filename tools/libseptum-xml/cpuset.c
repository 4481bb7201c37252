/* libvirt's CPU list syntax: comma-separated numbers and ranges, a '^'
 * before a number taking it out of what comes before. */
#include <stdio.h>

#include "cpuset.h"

#define BIT(n) ((cpu_mask)1 << (n))

static const char *number(const char **s, unsigned *n)
{
    unsigned v = 0;

    if (**s < '0' || **s > '9')
        return "expected a pCPU number";
    for (; **s >= '0' && **s <= '9'; (*s)++) {
        v = v * 10 + (unsigned)(**s - '0');
        if (v >= CPU_MASK_BITS)
            return "pCPU numbers go up to 63";
    }
    *n = v;
    return NULL;
}

const char *cpuset_parse(const char *text, cpu_mask *cpus)
{
    const char *s = text, *err;
    cpu_mask set = 0;

    for (;;) {
        bool exclude = *s == '^';
        unsigned first, last;

        s += exclude;
        err = number(&s, &first);
        if (err)
            return err;
        last = first;
        if (*s == '-' && !exclude) {
            s++;
            err = number(&s, &last);
            if (err)
                return err;
            if (last < first)
                return "a range goes from low to high";
        }
        for (unsigned cpu = first; cpu <= last; cpu++)
            set = exclude ? set & ~BIT(cpu) : set | BIT(cpu);
        if (!*s)
            break;
        if (*s++ != ',')
            return "expected ',' between items (like 1-3,^2,5)";
    }
    if (!set)
        return "no pCPU is left in the set";
    *cpus = set;
    return NULL;
}

void cpuset_format(cpu_mask cpus, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (unsigned cpu = 0; cpu < CPU_MASK_BITS && used < size; cpu++) {
        unsigned last = cpu;

        if (!(cpus & BIT(cpu)))
            continue;
        while (last + 1 < CPU_MASK_BITS && (cpus & BIT(last + 1)))
            last++;
        if (last == cpu)
            used += (size_t)snprintf(buf + used, size - used, "%s%u", used ? "," : "", cpu);
        else
            used +=
                (size_t)snprintf(buf + used, size - used, "%s%u-%u", used ? "," : "", cpu, last);
        cpu = last;
    }
}

unsigned cpuset_first(cpu_mask cpus)
{
    return (unsigned)__builtin_ctzll(cpus);
}
