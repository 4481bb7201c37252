/* faulty: misbehaves so that tests can check the hypervisor contains a
 * guest. Bootargs word: mem (default) accesses IPAs outside the guest's RAM;
 * trap loads a register pair from its UART, an access that traps to EL2
 * without a syndrome and so cannot be emulated; storm points VBAR_EL1 at unmapped memory and raises an
 * exception, so every exception vectors into nowhere. A hypervisor must stop
 * the guest: "faulty: still alive" must never be printed under one. Without
 * a hypervisor the guest's own handler reports the fault and skips it. */
#include <stdbool.h>
#include <stdint.h>
#include "lib/bootargs.h"
#include "lib/config.h"
#include "lib/console.h"
#include "lib/dtb.h"
#include "lib/exceptions.h"
#include "lib/psci.h"
#include "lib/runtime.h"
#include "lib/sysreg.h"

/* In QEMU virt's PCIe MMIO window: never guest RAM, never a guest device. */
#define OUTSIDE_RAM 0x20000000ul
#define BEYOND_RAM_GAP (16ul << 20)
#define UNMAPPED_VECTORS 0x10000ul
/* Used when the DTB has no /memory: QEMU's default 128 MiB of RAM. */
#define FALLBACK_RAM_END 0x48000000ul

const char guest_name[] = "faulty";

static bool report_and_skip(struct exception_frame *frame, uint64_t esr, uint64_t far)
{
    console_printf("faulty: exception class 0x%x esr 0x%lx elr 0x%lx far 0x%lx\n", esr_class(esr),
                   (unsigned long)esr, (unsigned long)frame->elr, (unsigned long)far);
    frame->elr += 4; /* every faulting instruction here is a 4-byte A64 one */
    return true;
}

static uintptr_t ram_end(const void *dtb)
{
    struct fdt fdt;
    uint64_t base, size;

    if (dtb_open(&fdt, dtb) == 0 && dtb_memory_bank(&fdt, 0, &base, &size) == 0)
        return (uintptr_t)(base + size);
    return FALLBACK_RAM_END;
}

static void touch(uintptr_t address)
{
    volatile uint32_t *p = (volatile uint32_t *)address;
    uint32_t value;

    console_printf("faulty: reading 0x%lx\n", (unsigned long)address);
    value = *p;
    console_printf("faulty: read 0x%x, writing 0x%lx\n", value, (unsigned long)address);
    *p = 0xdeadbeef;
    dsb();
}

static void bad_memory(const void *dtb)
{
    touch(OUTSIDE_RAM);
    touch(ram_end(dtb) + BEYOND_RAM_GAP);
}

static void unemulable_access(void)
{
    uint64_t lo, hi;

    console_printf("faulty: ldp from the UART at 0x%lx\n", (unsigned long)GUEST_UART_BASE);
    __asm__ volatile("ldp %0, %1, [%2]" : "=r"(lo), "=r"(hi) : "r"(GUEST_UART_BASE) : "memory");
    console_printf("faulty: read 0x%lx 0x%lx\n", (unsigned long)lo, (unsigned long)hi);
}

static void exception_storm(void)
{
    console_printf("faulty: VBAR_EL1 = 0x%lx, brk #0\n", UNMAPPED_VECTORS);
    write_sysreg(vbar_el1, UNMAPPED_VECTORS);
    isb();
    __asm__ volatile("brk #0" : : : "memory");
}

int main(const void *dtb)
{
    struct fdt fdt;
    const char *args = dtb_open(&fdt, dtb) == 0 ? dtb_bootargs(&fdt) : "";

    console_printf("faulty: starting\n");
    exceptions_set_sync_handler(report_and_skip);
    if (bootargs_has_word(args, "trap")) {
        unemulable_access();
    } else if (bootargs_has_word(args, "storm")) {
        exception_storm();
    } else {
        bad_memory(dtb);
    }
    console_printf("faulty: still alive\n");
    psci_system_off();
}
