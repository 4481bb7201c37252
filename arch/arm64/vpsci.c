/* PSCI 1.1 for guests, over HVC and trapped SMC alike. */
#include <septum/errno.h>
#include <septum/vm.h>
#include <arch/pcpu.h>
#include <arch/psci.h>
#include <arch/smccc.h>

#define PSCI_VERSION_1_1 0x10001
#define AFFINITY_ON 0
#define AFFINITY_OFF 1
#define AFFINITY_ON_PENDING 2
#define MIGRATE_NOT_REQUIRED 2
#define MPIDR_AFFINITY_MASK 0xff00ffffffull

static struct vcpu *vcpu_by_mpidr(struct vm *vm, uint64_t mpidr)
{
    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        if ((vm->vcpus[i].arch.vmpidr & MPIDR_AFFINITY_MASK) == (mpidr & MPIDR_AFFINITY_MASK))
            return &vm->vcpus[i];
    }
    return NULL;
}

static int64_t psci_cpu_on_call(struct vcpu *caller, uint64_t mpidr, uint64_t entry, uint64_t arg)
{
    struct vcpu *target = vcpu_by_mpidr(caller->vm, mpidr);

    if (!target)
        return PSCI_INVALID_PARAMETERS;
    switch (vcpu_start_request(target, entry, arg)) {
    case 0:
        return PSCI_SUCCESS;
    case -EFAULT:
        return PSCI_INVALID_ADDRESS;
    case -EALREADY:
        return PSCI_ALREADY_ON;
    case -EINPROGRESS:
        return PSCI_ON_PENDING;
    default:
        return PSCI_DENIED;
    }
}

static int64_t psci_affinity_info(struct vcpu *caller, uint64_t mpidr, uint64_t level)
{
    struct vcpu *target = vcpu_by_mpidr(caller->vm, mpidr);

    if (!target || level != 0)
        return PSCI_INVALID_PARAMETERS;
    switch (atomic_load(&target->power)) {
    case VCPU_ON:
        return AFFINITY_ON;
    case VCPU_ON_PENDING:
        return AFFINITY_ON_PENDING;
    default:
        return AFFINITY_OFF;
    }
}

static bool psci_implemented(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION:
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
    case PSCI_FEATURES:
    case SMCCC_VERSION:
        return true;
    default:
        return false;
    }
}

/* Every call but the version query, in a frame of its own. */
static int64_t psci_call(struct vcpu *vcpu, struct guest_regs *regs, uint32_t fn)
{
    /* SMC32 calls take 32-bit arguments; the upper halves are ignored. */
    uint64_t mask = (fn & 0x40000000u) ? ~0ull : 0xffffffffull;
    uint64_t a1 = regs->x[1] & mask, a2 = regs->x[2] & mask, a3 = regs->x[3] & mask;

    switch (fn) {
    case PSCI_FEATURES:
        return psci_implemented((uint32_t)a1) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
    case PSCI_CPU_SUSPEND_32:
    case PSCI_CPU_SUSPEND_64:
        return PSCI_SUCCESS; /* a standby that wakes at once is a valid suspend */
    case PSCI_CPU_OFF:
        vcpu_request_off(vcpu);
        return PSCI_SUCCESS; /* not seen: the vCPU does not resume */
    case PSCI_CPU_ON_32:
    case PSCI_CPU_ON_64:
        return psci_cpu_on_call(vcpu, a1, a2, a3);
    case PSCI_AFFINITY_INFO_32:
    case PSCI_AFFINITY_INFO_64:
        return psci_affinity_info(vcpu, a1, a2);
    case PSCI_MIGRATE_INFO_TYPE:
        return MIGRATE_NOT_REQUIRED;
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
        vm_guest_shutdown(vcpu->vm, fn == PSCI_SYSTEM_RESET);
        return PSCI_SUCCESS;
    default:
        return PSCI_NOT_SUPPORTED;
    }
}

static __attribute__((noinline)) void psci_call_slow(struct vcpu *vcpu, struct guest_regs *regs,
                                                     uint32_t fn)
{
    regs->x[0] = (uint64_t)psci_call(vcpu, regs, fn);
}

/* Inlined into the exit path (smccc.c): guests probe the version often;
 * the rest is a tail call. */
inline __attribute__((always_inline)) void vpsci_call(struct vcpu *vcpu, struct guest_regs *regs)
{
    uint32_t fn = (uint32_t)regs->x[0];

    if (fn == PSCI_VERSION)
        regs->x[0] = PSCI_VERSION_1_1;
    else
        psci_call_slow(vcpu, regs, fn);
}
