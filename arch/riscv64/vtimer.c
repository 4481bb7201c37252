/* The virtual supervisor timer (see vtimer.h). */
#include <septum/ticks.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/machine.h>
#include <arch/sbi.h>
#include <arch/vtimer.h>

#define NEVER (~0ull)
#define VSTIP (1ul << IRQ_VS_TIMER)
#define STIE (1ul << IRQ_S_TIMER)

void vtimer_init_cpu(void)
{
    /* Sstc for guests needs the hart to have it (its riscv,isa) and the
     * firmware to let it through (menvcfg.STCE: henvcfg.STCE sticks);
     * all harts of the machine are alike. */
    if (machine.isa_sstc)
        csr_set(CSR_HENVCFG, HENVCFG_STCE);
    machine.sstc = machine.isa_sstc && (csr_read(CSR_HENVCFG) & HENVCFG_STCE) != 0;
    if (!machine.sstc)
        csr_set(CSR_SIE, STIE);
}

/* Hart time at which the domain's time reaches `when` (htimedelta is minus
 * the hart time the domain was created at); saturates rather than wrapping
 * into the past. */
static uint64_t host_time_of(uint64_t when)
{
    uint64_t host = when - csr_read(CSR_HTIMEDELTA);

    return host < when ? NEVER : host;
}

void vtimer_reset(struct vcpu *vcpu)
{
    uint64_t created = ns_to_ticks(vcpu->vm->created_ns, machine.timebase_hz);

    csr_write(CSR_HTIMEDELTA, -created);
    vtimer_stop(vcpu);
}

void vtimer_set(struct vcpu *vcpu, uint64_t when)
{
    if (machine.sstc) {
        csr_write(CSR_VSTIMECMP, when);
        return;
    }
    vcpu->arch.timer_deadline = when;
    csr_clear(CSR_HVIP, VSTIP);
    sbi_set_timer(host_time_of(when));
}

void vtimer_fired(struct vcpu *vcpu)
{
    sbi_set_timer(NEVER);
    if (vcpu && vcpu->arch.timer_deadline != NEVER) {
        vcpu->arch.timer_deadline = NEVER;
        csr_set(CSR_HVIP, VSTIP);
    }
}

void vtimer_stop(struct vcpu *vcpu)
{
    vcpu->arch.timer_deadline = NEVER;
    if (machine.sstc) {
        csr_write(CSR_VSTIMECMP, NEVER);
    } else {
        csr_clear(CSR_HVIP, VSTIP);
        sbi_set_timer(NEVER);
    }
}
