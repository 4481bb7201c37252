/* Finding domains: the whole list, and one domain by name or id. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "septum.h"

int septum_domain_list_all(struct septum *h, struct septum_domain_info **info, size_t *count)
{
    size_t cap = 16;

    /* Domains may be created between two calls: grow until all fit. */
    for (;;) {
        struct septum_domain_info *list = calloc(cap, sizeof(*list));
        size_t n;
        int rc;

        if (!list)
            return -ENOMEM;
        rc = septum_domain_list(h, list, cap, &n);
        if (rc == 0 && n <= cap) {
            *info = list;
            *count = n;
            return 0;
        }
        free(list);
        if (rc < 0)
            return rc;
        cap = n + 8;
    }
}

static int parse_domid(const char *text, uint32_t *domid)
{
    uint64_t v = 0;

    if (!*text)
        return -EINVAL;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return -EINVAL;
        v = v * 10 + (uint64_t)(*p - '0');
        if (v > UINT32_MAX)
            return -ESRCH;
    }
    *domid = (uint32_t)v;
    return 0;
}

static int lookup_name(struct septum *h, const char *name, uint32_t *domid)
{
    struct septum_domain_info *list;
    size_t n;
    int found = 0;
    int rc = septum_domain_list_all(h, &list, &n);

    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        /* A destroyed domain is on its way out: its name is free again. */
        if (list[i].state == SEPTUM_STATE_DESTROYED ||
            strncmp(list[i].name, name, sizeof(list[i].name)) != 0)
            continue;
        *domid = list[i].domid;
        found++;
    }
    free(list);
    if (found > 1)
        return -ENOTUNIQ;
    return found ? 0 : -ESRCH;
}

int septum_domain_lookup(struct septum *h, const char *name_or_id, uint32_t *domid)
{
    struct septum_domain_info info;
    uint32_t id;
    int rc;

    rc = parse_domid(name_or_id, &id);
    if (rc == -EINVAL)
        return lookup_name(h, name_or_id, domid);
    if (rc < 0)
        return rc;
    rc = septum_domain_info(h, id, &info);
    if (rc < 0)
        return rc;
    *domid = id;
    return 0;
}
