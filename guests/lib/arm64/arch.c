/* arm64: boot checks and CPU identity (lib/arch.h). */
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "runtime.h"

/* MPIDR_EL1 affinity fields only (Aff3, Aff2, Aff1, Aff0): the form PSCI
 * and the device tree's /cpus reg use. */
#define MPIDR_AFFINITY_MASK 0xff00ffffffull

void arch_init(const void *dtb)
{
    uint64_t el = (read_sysreg(CurrentEL) >> 2) & 3;

    (void)dtb;
    /* At EL2 the guest's HVCs would trap to itself: say so before that hangs. */
    if (el != 1)
        console_printf("%s: warning: entered at EL%lu, expected EL1\n", guest_name,
                       (unsigned long)el);
}

uint64_t cpu_hwid(void)
{
    return read_sysreg(mpidr_el1) & MPIDR_AFFINITY_MASK;
}

uint64_t cpu_id_register(void)
{
    return read_sysreg(mpidr_el1);
}

void cpu_set_index(unsigned index)
{
    write_sysreg(tpidr_el1, index);
}
