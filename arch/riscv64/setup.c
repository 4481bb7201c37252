/* Boot hooks (septum/arch.h): HS-mode setup of every hart, harts started
 * through SBI HSM, the hypervisor's own interrupt line. The hypervisor
 * runs untranslated (satp Bare): no page tables of its own to build. */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/log.h>
#include <septum/platform.h>
#include <arch/csr.h>
#include <arch/irq.h>
#include <arch/machine.h>
#include <arch/pcpu.h>
#include <arch/plic.h>
#include <arch/sbi.h>
#include <arch/vtimer.h>

#define HSTATUS_VSXL_64 (2ul << 32)
#define SSTATUS_FS_INITIAL (1ul << 13)

extern char secondary_entry[];

struct pcpu pcpus[MAX_PCPUS];

/* HS controls that stay the same while any guest runs on this hart. The
 * guest handles its own page faults, breakpoints, misaligned accesses,
 * illegal instructions and its user mode's ecalls, and takes its own VS
 * interrupts; the rest comes here. */
static void hs_init(void)
{
    csr_write(CSR_HEDELEG, 1ul << EXC_INSN_MISALIGNED | 1ul << EXC_ILLEGAL_INSN |
                               1ul << EXC_BREAKPOINT | 1ul << EXC_LOAD_MISALIGNED |
                               1ul << EXC_STORE_MISALIGNED | 1ul << EXC_ECALL_U |
                               1ul << EXC_INSN_PAGE_FAULT | 1ul << EXC_LOAD_PAGE_FAULT |
                               1ul << EXC_STORE_PAGE_FAULT);
    csr_write(CSR_HIDELEG, 1ul << IRQ_VS_SOFT | 1ul << IRQ_VS_TIMER | 1ul << IRQ_VS_EXT);
    csr_write(CSR_HSTATUS, HSTATUS_VSXL_64);
    csr_write(CSR_HCOUNTEREN, 0x7); /* cycle, time, instret */
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HGATP, 0);
    /* A guest's floating point needs FS on in HS too; the hypervisor
     * itself is built without it (the guest's state stays in the hart). */
    csr_set(CSR_SSTATUS, SSTATUS_FS_INITIAL);
}

void arch_mmu_init(void)
{
    /* satp stays Bare: the hypervisor addresses memory physically. */
}

void arch_pcpu_init(unsigned id)
{
    struct pcpu *p = &pcpus[id];

    p->id = id;
    __asm__ volatile("mv tp, %0" ::"r"(p));
    hs_init();
    vtimer_init_cpu();
    if (id == 0)
        log_printf("guests' timer: %s",
                   machine.sstc ? "Sstc (vstimecmp)" : "SBI set_timer, emulated through hvip");
    irq_init_cpu();
    atomic_store(&p->online, 1);
}

/* The PLIC's sources are enabled one by one (arch_host_irq_enable). */
void arch_irqchip_init(void)
{
    /* Nothing shared to set up: each source is enabled on its own. */
}

int arch_pcpu_start(unsigned id)
{
    long err = sbi_hart_start(platform.cpu_id[id], (uintptr_t)secondary_entry, id);

    if (err) {
        log_printf("pCPU %u (hart %llu): SBI hart_start failed (%ld)", id,
                   (unsigned long long)platform.cpu_id[id], err);
        return -EIO;
    }
    while (!atomic_load(&pcpus[id].online))
        ;
    return 0;
}

/* Delivered to the boot pCPU, which calls this. */
void arch_host_irq_enable(unsigned irq)
{
    plic_enable(irq);
}

void arch_halt(void)
{
    for (;;)
        wfi();
}

void hyp_fault(unsigned long cause, unsigned long epc, unsigned long tval)
{
    log_printf("hypervisor fault on pCPU %u: scause 0x%lx sepc 0x%lx stval 0x%lx",
               hal_current_pcpu(), cause, epc, tval);
}
