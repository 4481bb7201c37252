/* A vCPU's supervisor timer. With Sstc the guest's deadline goes straight
 * into vstimecmp and the hart raises VSTIP itself; without it the
 * hypervisor asks the firmware for its own timer interrupt at the deadline
 * and raises VSTIP through hvip. Either way the domain's time (time +
 * htimedelta) starts at zero when the domain is created. */
#ifndef ARCH_VTIMER_H
#define ARCH_VTIMER_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* Once per pCPU: turns Sstc on for guests if the hart has it
 * (machine.sstc). */
void vtimer_init_cpu(void);
/* A vCPU starts: its domain's time base, no deadline. */
void vtimer_reset(struct vcpu *vcpu);
/* SBI set_timer: the next deadline in the domain's time. */
void vtimer_set(struct vcpu *vcpu, uint64_t when);
/* The hypervisor's own timer interrupt (without Sstc). */
void vtimer_fired(struct vcpu *vcpu);
/* The vCPU leaves its pCPU: its deadline must not fire for the next one. */
void vtimer_stop(struct vcpu *vcpu);

#endif
