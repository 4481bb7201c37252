/* Exact sizes: a message about memory should show the value written, not a
 * rounded one. */
#include <stdio.h>

#include "sizes.h"

void size_text(uint64_t bytes, char *buf, size_t size)
{
    static const struct {
        uint64_t unit;
        const char *name;
    } units[] = {{TIB, "TiB"}, {GIB, "GiB"}, {MIB, "MiB"}, {KIB, "KiB"}};

    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (bytes && bytes % units[i].unit == 0) {
            snprintf(buf, size, "%llu %s", (unsigned long long)(bytes / units[i].unit),
                     units[i].name);
            return;
        }
    }
    snprintf(buf, size, "%llu bytes", (unsigned long long)bytes);
}
