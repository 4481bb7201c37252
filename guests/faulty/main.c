/* faulty: misbehaves so that tests can check how the hypervisor contains a
 * guest. Bootargs word:
 *   mem (default)  reads and writes addresses outside its RAM and devices;
 * and the architecture's own (<arch>/modes.c), among them
 *   trap           an access to its UART that traps to the hypervisor and
 *                  cannot be emulated (arm64: ldp, riscv64: an AMO);
 *   sysreg         a system register no hypervisor emulates (arm64: an
 *                  IMPLEMENTATION DEFINED one, riscv64: a custom CSR);
 *   storm          points its exception vector at unmapped memory and
 *                  raises an exception, so every exception vectors into
 *                  nowhere.
 * Under Septum, as under Xen, mem and trap get an access fault (arm64: a
 * data abort) at the guest's own vector and sysreg an undefined-instruction
 * exception; faulty checks it took exactly that and carries on. storm (and
 * arm64's straddle) cannot go on: the hypervisor must stop them, and
 * "faulty: still alive" is never printed for them. */
#include <stdbool.h>
#include <stdint.h>
#include "faulty.h"
#include "lib/bootargs.h"
#include "lib/console.h"
#include "lib/dtb.h"
#include "lib/exceptions.h"
#include "lib/runtime.h"

#define BEYOND_RAM_GAP (16ul << 20)
/* Used when the DTB has no /memory: QEMU's default 128 MiB of RAM. */
#define FALLBACK_RAM_SIZE (128ul << 20)

const char guest_name[] = "faulty";

/* The last exception faulty's handler saw, for the modes to check. */
static volatile struct {
    unsigned count;
    uint64_t cause, addr, pc;
    bool from_kernel;
} last;

static bool report_and_skip(struct exception_frame *frame, uint64_t cause, uint64_t addr)
{
    console_printf("faulty: exception cause 0x%lx pc 0x%lx addr 0x%lx\n", (unsigned long)cause,
                   (unsigned long)exception_pc(frame), (unsigned long)addr);
    last.cause = cause;
    last.addr = addr;
    last.pc = exception_pc(frame);
    last.from_kernel = exception_from_kernel(frame);
    last.count++;
    exception_skip(frame);
    return true;
}

unsigned faulty_exceptions(void)
{
    return last.count;
}

static bool took(unsigned before, enum exception_kind kind, uint64_t pc, uint64_t addr)
{
    return last.count == before + 1 && exception_kind(last.cause) == kind &&
           (!pc || last.pc == pc) && (kind != EXCEPTION_ACCESS_FAULT || last.addr == addr) &&
           last.from_kernel;
}

void expect_taken(const char *what, unsigned before, enum exception_kind kind, uint64_t pc,
                  uint64_t addr)
{
    if (took(before, kind, pc, addr))
        console_printf("faulty: %s took %s at its own vector\n", what, exception_kind_name(kind));
    else
        console_printf("faulty: FAIL %s: %u exception(s), last cause 0x%lx pc 0x%lx addr 0x%lx\n",
                       what, last.count - before, (unsigned long)last.cause, (unsigned long)last.pc,
                       (unsigned long)last.addr);
}

static uintptr_t ram_end(const struct fdt *fdt, bool have_dtb)
{
    uint64_t base, size;

    if (have_dtb && dtb_memory_bank(fdt, 0, &base, &size) == 0)
        return (uintptr_t)(base + size);
    return GUEST_RAM_BASE + FALLBACK_RAM_SIZE;
}

static void touch(uintptr_t address)
{
    volatile uint32_t *p = (volatile uint32_t *)address;
    unsigned before = last.count;

    console_printf("faulty: reading 0x%lx\n", (unsigned long)address);
    (void)*p;
    expect_taken("the read", before, EXCEPTION_ACCESS_FAULT, 0, address);
    console_printf("faulty: writing 0x%lx\n", (unsigned long)address);
    before = last.count;
    *p = 0xdeadbeef;
    dsb();
    expect_taken("the write", before, EXCEPTION_ACCESS_FAULT, 0, address);
}

/* Outside RAM, its first byte past the end (whatever physical memory lies
 * after the domain's last extent belongs to someone else), and further on. */
static void bad_memory(uintptr_t end)
{
    touch(faulty_outside_ram);
    touch(end);
    touch(end + BEYOND_RAM_GAP);
}

int main(const void *dtb)
{
    struct fdt fdt;
    bool have_dtb = dtb_open(&fdt, dtb) == 0;
    const char *args = have_dtb ? dtb_bootargs(&fdt) : "";
    unsigned i;

    console_printf("faulty: starting\n");
    exceptions_set_sync_handler(report_and_skip);
    for (i = 0; i < faulty_arch_mode_count; i++) {
        if (bootargs_has_word(args, faulty_arch_modes[i].word)) {
            faulty_arch_modes[i].run();
            break;
        }
    }
    if (i == faulty_arch_mode_count)
        bad_memory(ram_end(&fdt, have_dtb));
    console_printf("faulty: still alive\n");
    system_off();
}
