/* <memory> and <currentMemory>: a number of units, KiB by default, as in
 * libvirt. Septum gives a domain all its RAM at creation, in 2 MiB blocks. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "sizes.h"

#define MEMORY_ALIGN (2 * MIB)

struct unit {
    const char *name;
    uint64_t bytes;
};

/* libvirt's units: the SI ones are powers of 1000, the others of 1024. */
static const struct unit units[] = {
    {"b", 1},           {"bytes", 1},    {"KB", 1000}, {"k", KIB},
    {"KiB", KIB},       {"MB", 1000000}, {"M", MIB},   {"MiB", MIB},
    {"GB", 1000000000}, {"G", GIB},      {"GiB", GIB}, {"TB", 1000000000000ull},
    {"T", TIB},         {"TiB", TIB},
};

#define NR_UNITS (sizeof(units) / sizeof(units[0]))

static const struct unit *find_unit(const char *name)
{
    for (size_t i = 0; i < NR_UNITS; i++)
        if (strcmp(units[i].name, name) == 0)
            return &units[i];
    return NULL;
}

bool take_size(struct walk *w, xmlNode *n, const char *default_unit, uint64_t *bytes)
{
    struct spot at = spot_of(n, NULL), unit_at = spot_of(n, "unit");
    char *unit_name = attribute_text(n, "unit");
    const struct unit *unit = find_unit(unit_name ? unit_name : default_unit);
    char *text = element_text(w, n);
    uint64_t count;
    bool ok = false;

    check_attributes(w, n, (const char *const[]){"unit", NULL});
    if (!unit)
        diag_at(w->d, &unit_at,
                "unknown unit '%s' (b, KiB, MiB, GiB, TiB, or k, M, G, T; "
                "KB, MB, GB, TB are powers of 1000)",
                unit_name);
    else if (text && parse_decimal(w, &at, text, UINT64_MAX / unit->bytes, &count) == 0) {
        *bytes = count * unit->bytes;
        ok = true;
    }
    free(unit_name);
    free(text);
    return ok;
}

void take_memory(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, NULL);
    uint64_t bytes;
    char text[32];

    if (!take_size(w, n, "KiB", &bytes))
        return;
    size_text(bytes, text, sizeof(text));
    if (bytes == 0)
        diag_at(w->d, &at, "a domain needs some memory");
    else if (bytes % MEMORY_ALIGN)
        diag_at(w->d, &at, "%s is not a multiple of 2 MiB, the block Septum gives memory in", text);
    w->desc->memory = bytes;
    w->desc->memory_at = at;
}

void take_current_memory(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, NULL);
    uint64_t bytes;

    /* The order of elements is free: compare once <memory> is known. */
    if (take_size(w, n, "KiB", &bytes)) {
        w->desc->current_memory = bytes;
        w->desc->current_memory_at = at;
    }
}
