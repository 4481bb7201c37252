/* bench: counts the instructions of a hypervisor's exit paths from inside a
 * guest. Run under QEMU with -icount shift=0,sleep=off, where one guest
 * instruction is one nanosecond of virtual time, so counters count
 * instructions and repeat exactly. The same Image runs under Septum and
 * under Xen (dom0less): what differs between the two comes from the
 * device tree, or from asking the hypervisor. */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/fdt.h>

/* HYP_NONE: no hypervisor at all (riscv64 on bare QEMU, to try the guest). */
enum hypervisor { HYP_SEPTUM, HYP_XEN, HYP_NONE };

struct platform {
    enum hypervisor hyp;
    uintptr_t uart;     /* arm64: PL011 (Septum) or SBSA UART (Xen's vpl011) */
    uintptr_t intc;     /* arm64: GICv3 distributor; riscv64: the PLIC */
    uintptr_t intc_cpu; /* arm64: redistributor of vCPU 0 (vCPU n's n strides above) */
};

/* Finds the hypervisor (Septum's device tree names it; Xen's names it only
 * for guests with xenstore, so Xen is asked), then the UART and the
 * interrupt controller in the device tree. Returns 0 or -ENOENT. */
int platform_discover(const struct fdt *fdt, struct platform *p);

/* Instruction counts at one point of the run, or between two points.
 * round_trip comes from the counter (timer_count()), which every
 * hypervisor lets a guest read; el1 and el2 (the guest's and the
 * hypervisor's own: arm64's EL1 and EL2, riscv64's VS and HS modes) from a
 * PMU that counts per mode, which not every hypervisor (nor riscv64 under
 * QEMU 7.2) lets a guest use. */
struct counts {
    uint64_t round_trip; /* every instruction the machine retired */
    uint64_t el1;        /* the guest's own */
    uint64_t el2;        /* the hypervisor's */
};

/* Sets up the per-mode counters, if any, and checks which of them count. */
void pmu_setup(void);
bool pmu_el1_usable(void);
bool pmu_el2_usable(void);

/* el1 and el2 read as 0 when unusable. */
void counts_read(struct counts *c);
void counts_delta(const struct counts *from, const struct counts *to, struct counts *delta);

/* One exit path: run() performs its operation n times back to back. own(),
 * where set, does the same with the exiting instruction replaced by one
 * that stays in the guest: without per-mode counters (riscv64) the guest's
 * share is own()'s round trip and the hypervisor's the rest, the way the
 * floor prototype (tools/bench/floor-riscv64) is measured. */
struct bench_path {
    const char *name;
    void (*run)(const struct platform *p, unsigned n);
    void (*own)(const struct platform *p, unsigned n);
};

extern const struct bench_path bench_paths[];
extern const unsigned bench_path_count;

/* Takes interrupts on vCPU 0 for the timer and IPI paths; 0 or -EBUSY. */
int irq_setup(const struct platform *p);

/* The timer's latency tick after tick, in `windows` windows (0: for ever)
 * of LATENCY_WINDOW ticks; takes over the IRQ handler (latency.c). */
#define LATENCY_WINDOW 256u
void latency_run(unsigned windows);

#endif
