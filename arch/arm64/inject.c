/* Exceptions injected into the running vCPU. Its EL1 registers are live on
 * this pCPU during an exit (they are saved only when it stops), so the
 * exception is set up in them directly and the exit returns into the
 * guest's vector. */
#include <arch/inject.h>
#include <arch/sysreg.h>
#include <arch/vexception.h>

#define VBAR_RES0 0x7ffull
#define MMFR1_PAN(mmfr1) (((mmfr1) >> 20) & 0xf)

static void take_sync_exception(struct guest_regs *regs, uint64_t esr)
{
    bool has_pan = MMFR1_PAN(read_sysreg(id_aa64mmfr1_el1)) != 0;

    write_sysreg(esr_el1, esr);
    write_sysreg(elr_el1, regs->elr);
    write_sysreg(spsr_el1, regs->spsr);
    regs->elr = (read_sysreg(vbar_el1) & ~VBAR_RES0) + vexc_sync_vector(regs->spsr);
    regs->spsr = vexc_handler_pstate(regs->spsr, read_sysreg(sctlr_el1), has_pan);
}

void inject_undef(struct guest_regs *regs)
{
    take_sync_exception(regs, vexc_esr_undef());
}

void inject_data_abort(struct guest_regs *regs, uint64_t far, bool write)
{
    write_sysreg(far_el1, far);
    take_sync_exception(regs, vexc_esr_data_abort(regs->spsr, write));
}
