/* Septum's hypercalls: one function per operation, negative errno returns. */
#include <public/septum.h>
#include <septum/vm.h>
#include <arch/pcpu.h>
#include <arch/smccc.h>

static int64_t hc_call_uid(struct guest_regs *regs)
{
    regs->x[1] = SEPTUM_UID_1;
    regs->x[2] = SEPTUM_UID_2;
    regs->x[3] = SEPTUM_UID_3;
    return SEPTUM_UID_0;
}

static int64_t hc_revision(struct guest_regs *regs)
{
    regs->x[1] = SEPTUM_ABI_MINOR;
    return SEPTUM_ABI_MAJOR;
}

static int64_t hc_whoami(struct vcpu *vcpu, struct guest_regs *regs)
{
    regs->x[1] = vcpu->id;
    return vcpu->vm->id;
}

int64_t hypercall(struct vcpu *vcpu, struct guest_regs *regs)
{
    switch ((uint32_t)regs->x[0]) {
    case SEPTUM_HC_CALL_UID:
        return hc_call_uid(regs);
    case SEPTUM_HC_REVISION:
        return hc_revision(regs);
    case SEPTUM_HC_VERSION:
        return SEPTUM_ABI_MAJOR << 16 | SEPTUM_ABI_MINOR;
    case SEPTUM_HC_WHOAMI:
        return hc_whoami(vcpu, regs);
    default:
        return SMCCC_NOT_SUPPORTED;
    }
}
