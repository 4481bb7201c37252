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

void smccc_call(struct vcpu *vcpu, struct guest_regs *regs, uint16_t imm)
{
    uint32_t fn = (uint32_t)regs->x[0];
    int64_t ret;

    if (imm != 0) {
        regs->x[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
        return;
    }
    switch (SMCCC_OWNER(fn)) {
    case SMCCC_OWNER_ARCH:
        ret = arch_call(regs);
        break;
    case SMCCC_OWNER_STANDARD:
        ret = vpsci_call(vcpu, regs);
        break;
    case SMCCC_OWNER_HYPERVISOR:
        ret = hypercall_dispatch(vcpu, fn, &regs->x[1], &regs->x[1]);
        break;
    default:
        ret = SMCCC_NOT_SUPPORTED;
        break;
    }
    regs->x[0] = (uint64_t)ret;
}
