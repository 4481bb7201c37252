/* The instruction of an MMIO access without a syndrome. The faulting IPA
 * is the hardware's (HPFAR_EL2); only what the syndrome would have said,
 * and the writeback, come from the instruction. */
#include <septum/errno.h>
#include <arch/mmio_insn.h>
#include <arch/sysreg.h>

#define PAR_F 1ull                        /* the translation faulted */
#define PAR_PA_MASK 0x000ffffffffff000ull /* PA[51:12] */
#define PAGE_OFFSET_MASK 0xfffull
#define SPSR_SP_ELX 1ull /* M[0]: the guest ran on SP_EL1, not SP_EL0 */

/* AT S1E1R walks the guest's own stage-1 tables (live on this pCPU) and
 * gives the IPA; the IPA is then checked against the domain's RAM as the
 * hypervisor recorded it, so neither a passed-through device nor a stage-2
 * mapping the guest could influence is ever read. PAR_EL1 is the guest's:
 * it is put back. */
static int fetch(const struct vm *vm, uint64_t pc, uint32_t *insn)
{
    uint64_t saved = read_sysreg(par_el1), par;

    __asm__ volatile("at s1e1r, %0" ::"r"(pc) : "memory");
    isb();
    par = read_sysreg(par_el1);
    write_sysreg(par_el1, saved);
    if (par & PAR_F)
        return -EFAULT;
    return aspace_copy_from_guest(&vm->aspace, insn, (par & PAR_PA_MASK) | (pc & PAGE_OFFSET_MASK),
                                  sizeof(*insn));
}

int mmio_insn_fetch(const struct vm *vm, const struct guest_regs *regs, struct mmio_insn *insn)
{
    uint32_t word;
    int err = fetch(vm, regs->elr, &word);

    return err ? err : mmio_decode(word, insn);
}

/* Register 31 as a base is the stack pointer the guest was using: SP_EL1
 * in EL1h, SP_EL0 in EL1t and EL0. Both are live in the pCPU during an exit. */
static uint64_t base_read(const struct guest_regs *regs, unsigned n)
{
    if (n != MMIO_REG_ZR_SP)
        return regs->x[n];
    return (regs->spsr & SPSR_SP_ELX) ? read_sysreg(sp_el1) : read_sysreg(sp_el0);
}

static void base_write(struct guest_regs *regs, unsigned n, uint64_t v)
{
    if (n != MMIO_REG_ZR_SP)
        regs->x[n] = v;
    else if (regs->spsr & SPSR_SP_ELX)
        write_sysreg(sp_el1, v);
    else
        write_sysreg(sp_el0, v);
}

void mmio_insn_writeback(struct guest_regs *regs, const struct mmio_insn *insn)
{
    if (insn->writeback)
        base_write(regs, insn->rn, base_read(regs, insn->rn) + (uint64_t)insn->offset);
}
