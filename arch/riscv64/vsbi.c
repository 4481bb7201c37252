/* The SBI implementation guests call (SBI 2.0 specification): each vCPU is
 * a hart whose id is its index in the domain. */
#include <public/septum.h>
#include <septum/errno.h>
#include <septum/hypercall.h>
#include <septum/platform.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/sbi.h>
#include <arch/vinject.h>
#include <arch/vsbi.h>
#include <arch/vtimer.h>

#define SBI_SPEC_VERSION_2_0 (2ul << 24)
/* Not in the SBI implementation-id registry: an id of its own. */
#define SBI_IMPL_ID_SEPTUM SBI_EXT_SEPTUM
#define ALL_HARTS (~0ul)

#define A(n) (regs->x[10 + (n)])

static long probe(unsigned long eid)
{
    switch (eid) {
    case SBI_EXT_BASE:
    case SBI_EXT_TIME:
    case SBI_EXT_IPI:
    case SBI_EXT_RFENCE:
    case SBI_EXT_HSM:
    case SBI_EXT_SRST:
    case SBI_EXT_SEPTUM:
        return 1;
    default:
        return 0;
    }
}

static struct sbiret base(unsigned long fid, unsigned long arg)
{
    switch (fid) {
    case SBI_BASE_GET_SPEC_VERSION:
        return (struct sbiret){SBI_SUCCESS, SBI_SPEC_VERSION_2_0};
    case SBI_BASE_GET_IMPL_ID:
        return (struct sbiret){SBI_SUCCESS, SBI_IMPL_ID_SEPTUM};
    case SBI_BASE_GET_IMPL_VERSION:
        return (struct sbiret){SBI_SUCCESS, SEPTUM_ABI_VERSION};
    case SBI_BASE_PROBE_EXTENSION:
        return (struct sbiret){SBI_SUCCESS, probe(arg)};
    case SBI_BASE_GET_MVENDORID:
    case SBI_BASE_GET_MARCHID:
    case SBI_BASE_GET_MIMPID:
        return (struct sbiret){SBI_SUCCESS, 0};
    default:
        return (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
    }
}

/* The vCPUs a hart mask names: SBI_ERR_INVALID_PARAM if it names one the
 * domain does not have. */
static long harts_of(const struct vm *vm, unsigned long mask, unsigned long mask_base,
                     uint64_t *vcpus)
{
    unsigned n = vm->config.nr_vcpus; /* at most MAX_VCPUS: no shift overflows */

    *vcpus = 0;
    if (mask_base == ALL_HARTS) {
        *vcpus = (1ull << n) - 1;
        return SBI_SUCCESS;
    }
    if (!mask)
        return SBI_SUCCESS;
    if (mask_base >= n || (mask & ~((1ull << (n - mask_base)) - 1)))
        return SBI_ERR_INVALID_PARAM;
    *vcpus = mask << mask_base;
    return SBI_SUCCESS;
}

/* The other vCPUs an IPI names: through their raised bits and a kick. */
static __attribute__((noinline)) void raise_others(struct vcpu *caller, uint64_t targets)
{
    for (unsigned i = 0; i < caller->vm->config.nr_vcpus; i++) {
        if (targets & (1ull << i))
            vinject_raise(&caller->vm->vcpus[i], IRQ_VS_SOFT);
    }
}

/* send_ipi, tail-called from vsbi_call: an IPI to the caller itself goes
 * straight into its hvip with no frame. */
static __attribute__((noinline)) void send_ipi(struct vcpu *caller, struct guest_regs *regs)
{
    uint64_t targets, self = 1ull << caller->id;
    long err = harts_of(caller->vm, A(0), A(1), &targets);

    A(0) = (uint64_t)err;
    A(1) = 0;
    if (err)
        return;
    if (targets & self)
        vinject_raise_own(caller, IRQ_VS_SOFT);
    if (targets & ~self)
        raise_others(caller, targets & ~self);
}

/* Remote fences go to the firmware for the pCPUs of the vCPUs named: a
 * vCPU owns its hart, whose hgatp selects the domain's VMID, so the
 * guest's fences become the same fences on the VS stage there. */
static long rfence(struct vcpu *caller, unsigned long fid, struct guest_regs *regs)
{
    unsigned long host_fid;
    uint64_t targets;
    long err;

    switch (fid) {
    case SBI_RFENCE_FENCE_I:
        host_fid = SBI_RFENCE_FENCE_I;
        break;
    case SBI_RFENCE_SFENCE_VMA:
        host_fid = SBI_RFENCE_HFENCE_VVMA;
        break;
    case SBI_RFENCE_SFENCE_VMA_ASID:
        host_fid = SBI_RFENCE_HFENCE_VVMA_ASID;
        break;
    default:
        return SBI_ERR_NOT_SUPPORTED;
    }
    err = harts_of(caller->vm, A(0), A(1), &targets);
    for (unsigned i = 0; !err && i < caller->vm->config.nr_vcpus; i++) {
        if (targets & (1ull << i))
            err = sbi_remote_fence(host_fid, platform.cpu_id[caller->vm->vcpus[i].pcpu], A(2), A(3),
                                   A(4));
    }
    return err;
}

static struct sbiret hsm(struct vcpu *caller, unsigned long fid, struct guest_regs *regs)
{
    struct vm *vm = caller->vm;
    struct vcpu *target = A(0) < vm->config.nr_vcpus ? &vm->vcpus[A(0)] : NULL;

    switch (fid) {
    case SBI_HSM_HART_START:
        if (!target)
            return (struct sbiret){SBI_ERR_INVALID_PARAM, 0};
        switch (vcpu_start_request(target, A(1), A(2))) {
        case 0:
            return (struct sbiret){SBI_SUCCESS, 0};
        case -EFAULT:
            return (struct sbiret){SBI_ERR_INVALID_ADDRESS, 0};
        case -EALREADY:
        case -EINPROGRESS:
            return (struct sbiret){SBI_ERR_ALREADY_AVAILABLE, 0};
        default:
            return (struct sbiret){SBI_ERR_FAILED, 0};
        }
    case SBI_HSM_HART_STOP:
        vcpu_request_off(caller);
        return (struct sbiret){SBI_SUCCESS, 0}; /* not seen: the vCPU does not resume */
    case SBI_HSM_HART_GET_STATUS:
        if (!target)
            return (struct sbiret){SBI_ERR_INVALID_PARAM, 0};
        switch (atomic_load(&target->power)) {
        case VCPU_ON:
            return (struct sbiret){SBI_SUCCESS, SBI_HSM_STARTED};
        case VCPU_ON_PENDING:
            return (struct sbiret){SBI_SUCCESS, SBI_HSM_START_PENDING};
        default:
            return (struct sbiret){SBI_SUCCESS, SBI_HSM_STOPPED};
        }
    default:
        return (struct sbiret){SBI_ERR_NOT_SUPPORTED, 0};
    }
}

/* A domain's shutdown or reboot stops or restarts that domain (the
 * control domain's acts on the whole machine: vm_guest_shutdown()). */
static long system_reset(struct vcpu *caller, unsigned long type)
{
    bool reboot = type == SBI_SRST_COLD_REBOOT || type == SBI_SRST_WARM_REBOOT;

    if (type != SBI_SRST_SHUTDOWN && !reboot)
        return SBI_ERR_INVALID_PARAM;
    vm_guest_shutdown(caller->vm, reboot);
    return SBI_SUCCESS;
}

/* Septum's calls: the core's dispatch straight on the guest's registers,
 * a0..a4 the arguments, a0 the status and a1..a3 the results. */
static void septum_call(struct vcpu *caller, unsigned long fid, struct guest_regs *regs)
{
    if (fid >= SEPTUM_HC_COUNT)
        A(0) = (uint64_t)SBI_ERR_NOT_SUPPORTED;
    else
        hypercall_call(caller, SEPTUM_HC(fid), &A(0), &A(0));
}

/* The extensions guests call rarely: a frame of their own, out of the
 * fast path's way. */
static __attribute__((noinline)) void other_extension(struct vcpu *vcpu, struct guest_regs *regs,
                                                      unsigned long eid, unsigned long fid)
{
    struct sbiret ret = {SBI_SUCCESS, 0};

    switch (eid) {
    case SBI_EXT_TIME:
        if (fid == 0)
            vtimer_set(vcpu, A(0));
        else
            ret.error = SBI_ERR_NOT_SUPPORTED;
        break;
    case SBI_EXT_RFENCE:
        ret.error = rfence(vcpu, fid, regs);
        break;
    case SBI_EXT_HSM:
        ret = hsm(vcpu, fid, regs);
        break;
    case SBI_EXT_SRST:
        ret.error = fid == 0 ? system_reset(vcpu, A(0)) : SBI_ERR_NOT_SUPPORTED;
        break;
    default:
        ret.error = SBI_ERR_NOT_SUPPORTED;
        break;
    }
    A(0) = (uint64_t)ret.error;
    A(1) = (uint64_t)ret.value;
}

/* Tail-called from the exit path: Septum's fast calls and the base
 * extension are answered with no frame, the rest leave as tail calls
 * (send_ipi first: a guest kernel's IPIs are frequent). */
__attribute__((noinline)) void vsbi_call(struct vcpu *vcpu, struct guest_regs *regs)
{
    unsigned long eid = regs->x[17], fid = regs->x[16];

    if (eid == SBI_EXT_SEPTUM) {
        septum_call(vcpu, fid, regs);
    } else if (eid == SBI_EXT_BASE) {
        struct sbiret ret = base(fid, A(0));

        A(0) = (uint64_t)ret.error;
        A(1) = (uint64_t)ret.value;
    } else if (eid == SBI_EXT_IPI && fid == 0) {
        send_ipi(vcpu, regs);
    } else {
        other_extension(vcpu, regs, eid, fid);
    }
}
