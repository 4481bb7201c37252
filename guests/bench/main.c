/* bench: prints, for each exit path, the instructions one operation costs:
 * in all (round trip), in the guest (EL1) and in the hypervisor (EL2).
 * A column the hypervisor does not let the guest measure shows "-".
 * Bootargs: iterations=N (default 1000) operations per path; spread (with
 * a PMU that counts EL2) adds, after the table, each path's EL2
 * instructions per single operation over SPREAD_OPS of them:
 *   bench: spread hypercall 101 101 104   (least, median, most)
 * latency=W measures the timer's latency instead of the table (latency.c).
 *
 * Output (tools/bench parses it):
 *   bench: septum, uart 0x9000000, 1000 operations per path   (arm64)
 *   bench: path         round-trip      guest hypervisor
 *   bench: hypercall           123         12        111
 *   ...
 *   bench: done */
#include <septum/format.h>
#include "lib/arch.h"
#include "lib/bootargs.h"
#include "lib/console.h"
#include "lib/dtb.h"
#include "lib/runtime.h"
#include "bench.h"

#define DEFAULT_ITERATIONS 1000u
#define SPREAD_OPS 256u
#define MAX_ITERATIONS 1000000u

const char guest_name[] = "bench";

static const char *const hypervisor_names[] = {
    [HYP_SEPTUM] = "septum",
    [HYP_XEN] = "xen",
    [HYP_NONE] = "none",
};

/* The bootarg key=N, from min to MAX_ITERATIONS; dflt when not given. */
static unsigned number_arg(const struct fdt *fdt, const char *key, unsigned min, unsigned dflt)
{
    char text[12];
    unsigned n = 0;

    if (!bootargs_value(dtb_bootargs(fdt), key, text, sizeof(text)))
        return dflt;
    for (const char *c = text; *c; c++) {
        if (*c < '0' || *c > '9' || n > MAX_ITERATIONS)
            guest_fail("bad %s=%s (%u to %u)", key, text, min, MAX_ITERATIONS);
        n = n * 10 + (unsigned)(*c - '0');
    }
    if (n < min || n > MAX_ITERATIONS)
        guest_fail("bad %s=%s (%u to %u)", key, text, min, MAX_ITERATIONS);
    return n;
}

/* One column: the per-operation count, rounded, or "-". */
static void column(char *out, size_t size, uint64_t total, unsigned n, bool usable)
{
    if (usable)
        snprintf(out, size, "%lu", (unsigned long)((total + n / 2) / n));
    else
        snprintf(out, size, "-");
}

/* The round trip of n operations of run(). */
static uint64_t round_trip(const struct platform *p, void (*run)(const struct platform *, unsigned),
                           unsigned n, struct counts *d)
{
    struct counts start, end;

    /* One untimed operation first: a first-time cost (such as a lazily set
     * up device) is not the exit path. */
    run(p, 1);
    counts_read(&start);
    run(p, n);
    counts_read(&end);
    counts_delta(&start, &end, d);
    return d->round_trip;
}

static void measure(const struct platform *p, const struct bench_path *path, unsigned n)
{
    struct counts d, own;
    char el1[24], el2[24];
    uint64_t total = round_trip(p, path->run, n, &d);

    if (!pmu_el2_usable() && path->own) {
        uint64_t guest = round_trip(p, path->own, n, &own);

        column(el1, sizeof(el1), guest, n, true);
        column(el2, sizeof(el2), total > guest ? total - guest : 0, n, true);
    } else {
        column(el1, sizeof(el1), d.el1, n, pmu_el1_usable());
        column(el2, sizeof(el2), d.el2, n, pmu_el2_usable());
    }
    console_printf("bench: %-12s %10lu %10s %10s\n", path->name,
                   (unsigned long)((total + n / 2) / n), el1, el2);
}

/* One operation at a time: the least, median and most EL2 instructions,
 * where a neighbour's interference would show as a longer tail. */
static void spread(const struct platform *p, const struct bench_path *path)
{
    static uint64_t el2[SPREAD_OPS];

    for (unsigned i = 0; i < SPREAD_OPS; i++) {
        struct counts start, end, d;

        counts_read(&start);
        path->run(p, 1);
        counts_read(&end);
        counts_delta(&start, &end, &d);
        /* Insertion into the sorted prefix: the list is short. */
        unsigned j = i;
        for (; j > 0 && el2[j - 1] > d.el2; j--)
            el2[j] = el2[j - 1];
        el2[j] = d.el2;
    }
    console_printf("bench: spread %s %lu %lu %lu\n", path->name, (unsigned long)el2[0],
                   (unsigned long)el2[SPREAD_OPS / 2], (unsigned long)el2[SPREAD_OPS - 1]);
}

int main(const void *dtb)
{
    struct platform plat;
    struct fdt fdt;
    unsigned n;

    /* Until the device tree says where the UART is, failures go to the
     * runtime's default, Septum's: the only layout a guest may assume. */
    if (dtb_open(&fdt, dtb) != 0)
        guest_fail("no valid DTB at %p", dtb);
    if (platform_discover(&fdt, &plat))
        guest_fail("device tree names no known hypervisor, UART or interrupt controller");
    uart_set_base(plat.uart);
    n = number_arg(&fdt, "iterations", 1, DEFAULT_ITERATIONS);
    if (irq_setup(&plat))
        guest_fail("GIC did not respond");
    pmu_setup();
    if (bootargs_value(dtb_bootargs(&fdt), "latency", NULL, 0)) {
        latency_run(number_arg(&fdt, "latency", 0, 0));
        console_printf("bench: done\n");
        return 0;
    }
    console_printf("bench: %s, uart 0x%lx, %u operations per path\n", hypervisor_names[plat.hyp],
                   (unsigned long)plat.uart, n);
    console_printf("bench: %-12s %10s %10s %10s\n", "path", "round-trip", "guest", "hypervisor");
    for (unsigned i = 0; i < bench_path_count; i++)
        measure(&plat, &bench_paths[i], n);
    if (bootargs_has_word(dtb_bootargs(&fdt), "spread") && pmu_el2_usable()) {
        for (unsigned i = 0; i < bench_path_count; i++)
            spread(&plat, &bench_paths[i]);
    }
    console_printf("bench: done\n");
    return 0;
}
