/* arm64's boot hooks (septum/arch.h): EL2 set-up of each pCPU, the GIC,
 * secondaries started through PSCI. The boot flow itself is the core's
 * (hypervisor/core/boot.c). */
#include <septum/arch.h>
#include <septum/boot.h>
#include <septum/errno.h>
#include <septum/hal.h>
#include <septum/log.h>
#include <septum/platform.h>
#include <arch/gic.h>
#include <arch/mmu.h>
#include <arch/pcpu.h>
#include <arch/platform.h>
#include <arch/psci.h>
#include <arch/sysreg.h>

extern char secondary_entry[];

struct pcpu pcpus[MAX_PCPUS];

/* EL2 controls that stay the same while any guest runs on this pCPU. */
static void el2_init(void)
{
    uint64_t cptr = CPTR_EL2_VALUE;

    /* Without SME, CPTR_EL2 bit 12 is RES1. */
    if (((read_sysreg(id_aa64pfr1_el1) >> 24) & 0xf) == 0)
        cptr |= 1ull << 12;
    uint64_t mdcr = (read_sysreg(pmcr_el0) >> 11) & 0x1f; /* HPMN: guests own all counters */
    unsigned pmu_version = (unsigned)((read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf);

    /* From PMUv3 for Armv8.1 on, keep guests' counters from counting EL2. */
    if (pmu_version >= 4 && pmu_version != 0xf)
        mdcr |= 1ull << 17; /* HPMD */
    write_sysreg(hcr_el2, HCR_RW);
    write_sysreg(cptr_el2, cptr);
    write_sysreg(mdcr_el2, mdcr);
    write_sysreg(cnthctl_el2, 3); /* EL1 may use the physical counter and timer */
    write_sysreg(vtcr_el2, VTCR_EL2_VALUE);
    isb();
}

void arch_mmu_init(void)
{
    mmu_build(platform.ram_base, platform.ram_size);
}

void arch_pcpu_init(unsigned id)
{
    struct pcpu *p = &pcpus[id];

    p->id = id;
    p->mpidr = platform.cpu_id[id];
    write_sysreg(tpidr_el2, (uint64_t)(uintptr_t)p);
    mmu_enable();
    el2_init();
    if (gic_init_cpu(p))
        log_printf("pCPU %u: no redistributor for MPIDR 0x%llx", id, (unsigned long long)p->mpidr);
    atomic_store(&p->online, 1);
    sev(); /* the boot pCPU waits in arch_pcpu_start() */
}

void arch_irqchip_init(void)
{
    gic_init_distributor();
}

int arch_pcpu_start(unsigned id)
{
    int64_t err = psci_cpu_on(platform.cpu_id[id], (uintptr_t)secondary_entry, id);

    if (err) {
        log_printf("pCPU %u: PSCI CPU_ON failed (%lld)", id, (long long)err);
        return -EIO;
    }
    while (!atomic_load(&pcpus[id].online))
        wfe();
    return 0;
}

void arch_host_irq_enable(unsigned irq)
{
    gic_enable_spi(irq, platform.cpu_id[0]);
}

void arch_halt(void)
{
    for (;;)
        wfe();
}

void hyp_fault(uint64_t esr, uint64_t elr, uint64_t far)
{
    log_printf("hypervisor fault on pCPU %u: ESR 0x%llx ELR 0x%llx FAR 0x%llx", hal_current_pcpu(),
               (unsigned long long)esr, (unsigned long long)elr, (unsigned long long)far);
}
