/* One switch for every SMCCC call a guest makes: the architecture queries,
 * PSCI, and Septum's hypercalls. Unknown calls get NOT_SUPPORTED. */
#include <public/septum.h>
#include <septum/hypercall.h>
#include <septum/vm.h>
#include <arch/pcpu.h>
#include <arch/smccc.h>

#define SMCCC_VERSION_1_1 0x10001

static int64_t arch_call(struct guest_regs *regs)
{
    switch ((uint32_t)regs->x[0]) {
    case SMCCC_VERSION:
        return SMCCC_VERSION_1_1;
    case SMCCC_ARCH_FEATURES:
        /* Only the version query itself; no firmware workarounds. */
        return (uint32_t)regs->x[1] == SMCCC_ARCH_FEATURES ? 0 : SMCCC_NOT_SUPPORTED;
    default:
        return SMCCC_NOT_SUPPORTED;
    }
}

/* Tail-called from the exit path (traps.c), with the fast parts of PSCI
 * and of Septum's calls inlined: a fast call needs no frame, the others
 * leave as tail calls and write x0 themselves. */
__attribute__((noinline)) void smccc_call(struct vcpu *vcpu, struct guest_regs *regs, uint16_t imm)
{
    uint32_t fn = (uint32_t)regs->x[0];

    if (imm != 0)
        regs->x[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
    else if (SMCCC_OWNER(fn) == SMCCC_OWNER_HYPERVISOR)
        hypercall_call(vcpu, fn, &regs->x[1], regs->x);
    else if (SMCCC_OWNER(fn) == SMCCC_OWNER_STANDARD)
        vpsci_call(vcpu, regs);
    else if (SMCCC_OWNER(fn) == SMCCC_OWNER_ARCH)
        regs->x[0] = (uint64_t)arch_call(regs);
    else
        regs->x[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
}
