/* Exception injection into VS mode (privileged spec, "Supervisor Trap
 * Handling" as the guest's hart would do it: vsepc, vscause, vstval, the
 * interrupt-enable stack and previous privilege in vsstatus, then the
 * vector base). */
#include <stdbool.h>
#include <arch/csr.h>
#include <arch/types.h>
#include <arch/vexception.h>

#define VSSTATUS_SIE SSTATUS_SIE
#define VSSTATUS_SPIE SSTATUS_SPIE
#define VSSTATUS_SPP SSTATUS_SPP
#define TVEC_BASE_MASK (~3ul) /* exceptions go to the base in either mode */

void vexception_inject(struct guest_regs *regs, unsigned long cause, uint64_t tval)
{
    unsigned long vsstatus = csr_read(CSR_VSSTATUS);
    /* hstatus.SPVP: the guest was in its supervisor mode (else user). */
    bool from_s = csr_read(CSR_HSTATUS) & HSTATUS_SPVP;

    vsstatus &= ~(VSSTATUS_SPIE | VSSTATUS_SPP);
    if (vsstatus & VSSTATUS_SIE)
        vsstatus |= VSSTATUS_SPIE;
    if (from_s)
        vsstatus |= VSSTATUS_SPP;
    vsstatus &= ~VSSTATUS_SIE;
    csr_write(CSR_VSSTATUS, vsstatus);
    csr_write(CSR_VSEPC, regs->sepc);
    csr_write(CSR_VSCAUSE, cause);
    csr_write(CSR_VSTVAL, tval);
    regs->sepc = csr_read(CSR_VSTVEC) & TVEC_BASE_MASK;
    /* The guest's handler runs in its supervisor mode. */
    csr_set(CSR_HSTATUS, HSTATUS_SPVP);
    csr_set(CSR_SSTATUS, SSTATUS_SPP);
}
