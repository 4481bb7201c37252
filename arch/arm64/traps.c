/* The C side of every guest exit: decode why the guest left and handle it.
 * A guest's mistake the hypervisor can pin on one instruction becomes that
 * guest's own exception; anything else it cannot handle stops that domain
 * alone. */
#include <septum/errno.h>
#include <septum/format.h>
#include <septum/log.h>
#include <septum/vm.h>
#include <arch/dabt.h>
#include <arch/gpr.h>
#include <arch/inject.h>
#include <arch/irq.h>
#include <arch/mmio_insn.h>
#include <arch/pcpu.h>
#include <arch/smccc.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>
#include <arch/wfx.h>

/* Which vector the exit came through (entry.S passes it). */
#define VECTOR_SYNC 0
#define VECTOR_IRQ 1
#define VECTOR_SERROR 2
#define VECTOR_AARCH32 3

/* System-register trap ISS: Op0, Op2, Op1, CRn, Rt, CRm, direction. */
#define SYSREG_KEY(iss) ((iss)&0x3ffc1e)
#define SYSREG_RT(iss) (((iss) >> 5) & 0x1f)
#define SYSREG_IS_READ(iss) ((iss)&1)
#define SYSREG_OP0(iss) (((iss) >> 20) & 3)
#define SYSREG_OP2(iss) (((iss) >> 17) & 7)
#define SYSREG_OP1(iss) (((iss) >> 14) & 7)
#define SYSREG_CRN(iss) (((iss) >> 10) & 0xf)
#define SYSREG_CRM(iss) (((iss) >> 1) & 0xf)
#define SYSREG_ENC(op0, op1, crn, crm, op2)                                                        \
    ((op0) << 20 | (op2) << 17 | (op1) << 14 | (crn) << 10 | (crm) << 1)
#define ICC_SGI1R SYSREG_ENC(3, 0, 12, 11, 5)
#define ICC_ASGI1R SYSREG_ENC(3, 0, 12, 11, 6)
#define ICC_SGI0R SYSREG_ENC(3, 0, 12, 11, 7)

static uint64_t guest_ipa_of_fault(void)
{
    return (read_sysreg(hpfar_el2) >> 4) << 12 | (read_sysreg(far_el2) & 0xfff);
}

/* A guest's mistake that the hypervisor turns into the guest's own
 * exception. Only the first on each vCPU is logged: the log is shared by
 * all domains, and a guest must not be able to flood it. */
static __attribute__((format(printf, 3, 4))) void
note_injection(struct vcpu *vcpu, const char *exception, const char *fmt, ...)
{
    char why[128];
    va_list ap;

    if (vcpu->arch.injected)
        return;
    vcpu->arch.injected = true;
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    log_printf("d%u (%s) vCPU %u: %s, %s injected (further ones not logged)", vcpu->vm->id,
               vcpu->vm->config.name, vcpu->id, why, exception);
}

/* An access to an IPA that is neither the domain's RAM nor one of its
 * devices: the guest takes a data abort, as under Xen, and as a bus with
 * nothing at the address makes real hardware do. */
static void mmio_unclaimed(struct vcpu *vcpu, struct guest_regs *regs, uint32_t iss, uint64_t ipa)
{
    note_injection(vcpu, "data abort",
                   "%s of %u bytes at IPA 0x%llx, outside its RAM and devices, pc 0x%llx",
                   (iss & DABT_WNR) ? "write" : "read", 1u << DABT_SAS(iss),
                   (unsigned long long)ipa, (unsigned long long)regs->elr);
    inject_data_abort(regs, read_sysreg(far_el2), iss & DABT_WNR);
}

/* The device manager did not do the access described by iss. A device
 * that refused it stops the domain, with the device's reason. */
static __attribute__((cold, noinline)) void mmio_refused(struct vcpu *vcpu, struct guest_regs *regs,
                                                         uint32_t iss, int err)
{
    uint64_t ipa = guest_ipa_of_fault();
    struct mmio_device *d = devmgr_find(&vcpu->vm->devices, ipa);

    if (!d) {
        mmio_unclaimed(vcpu, regs, iss, ipa);
        return;
    }
    vm_crash(vcpu->vm, "%s of %u bytes at IPA 0x%llx: %s from %s, pc 0x%llx",
             (iss & DABT_WNR) ? "write" : "read", 1u << DABT_SAS(iss), (unsigned long long)ipa,
             errno_name(err), d->name, (unsigned long long)regs->elr);
}

/* Inlined twice (see its definition). */
static inline __attribute__((always_inline)) void
handle_mmio_inline(struct vcpu *vcpu, struct guest_regs *regs, uint32_t iss);

/* No syndrome (ISV = 0): the instruction is decoded into the syndrome the
 * hardware would have given, and emulated with it. An instruction that is
 * not a single-register load or store (a pair, SIMD&FP, an exclusive or
 * atomic) makes the guest take a data abort, as under Xen. */
static void mmio_without_syndrome(struct vcpu *vcpu, struct guest_regs *regs, uint32_t iss,
                                  uint64_t ipa)
{
    struct mmio_insn insn;
    bool write = iss & DABT_WNR;
    int err = mmio_insn_fetch(vcpu->vm, regs, &insn);

    /* The instruction may have changed since it faulted (another vCPU
     * rewrote it): the direction the hardware saw must match. */
    if (err || insn.write != write) {
        note_injection(vcpu, "data abort", "%s without syndrome at IPA 0x%llx by %s at pc 0x%llx",
                       write ? "write" : "read", (unsigned long long)ipa,
                       err == -EFAULT ? "an instruction it cannot read"
                                      : "an unemulable instruction",
                       (unsigned long long)regs->elr);
        inject_data_abort(regs, read_sysreg(far_el2), write);
        return;
    }
    iss = mmio_insn_iss(&insn) | FSC(iss);
    if (!devmgr_find(&vcpu->vm->devices, ipa)) {
        mmio_unclaimed(vcpu, regs, iss, ipa);
        return;
    }
    /* Written back before the access: should the device refuse it, the
     * domain stops, so no guest ever sees the base updated by a failed
     * access. */
    mmio_insn_writeback(regs, &insn);
    handle_mmio_inline(vcpu, regs, iss);
}

/* Aborts the fast path cannot take as they are: off the hot path. */
static __attribute__((cold, noinline)) void mmio_slow(struct vcpu *vcpu, struct guest_regs *regs,
                                                      uint32_t iss, uint64_t ipa)
{
    unsigned long long pc = regs->elr;

    if (!FSC_IS_STAGE2_FAULT(FSC(iss)) || (iss & DABT_FNV))
        vm_crash(vcpu->vm, "data abort (ISS 0x%x) at pc 0x%llx", iss, pc);
    else if (iss & DABT_S1PTW)
        vm_crash(vcpu->vm, "stage-1 table walk outside RAM at IPA 0x%llx, pc 0x%llx",
                 (unsigned long long)ipa, pc);
    else
        mmio_without_syndrome(vcpu, regs, iss, ipa);
}

/* What the fast path takes: a valid syndrome on a stage-2 translation
 * fault (an emulated device's page has no mapping), not on a stage-1 table
 * walk (FnV is RES0 for translation faults). Three single-bit-field tests,
 * which the compiler keeps as such; anything else goes to mmio_slow. */
static inline bool mmio_fast(uint32_t iss)
{
    return (iss & FSC_TYPE_MASK) == FSC_TRANSLATION && (iss & DABT_ISV) && !(iss & DABT_S1PTW);
}

/* A read's value as the load instruction leaves it in its register: the
 * bytes read, zero-extended, or sign-extended (SSE) to 64 bits or to 32
 * (SF). A device model may answer with its whole register. */
static inline uint64_t loaded_value(uint32_t iss, uint64_t value)
{
    unsigned shift = 64 - (8u << DABT_SAS(iss));

    if (!(iss & DABT_SSE))
        return value << shift >> shift; /* zero-extended, whatever the width */
    value = (uint64_t)((int64_t)(value << shift) >> shift);
    return (iss & DABT_SF) ? value : (uint32_t)value;
}

/* Emulated MMIO with a valid syndrome. Inlined into the MMIO exit, and
 * again into the path without a syndrome, which calls it with the syndrome
 * the decoder rebuilt: one source, and neither copy slows the other. */
static inline void handle_mmio_inline(struct vcpu *vcpu, struct guest_regs *regs, uint32_t iss)
{
    unsigned size = 1u << DABT_SAS(iss);
    bool write = iss & DABT_WNR;
    uint64_t value = write ? gpr_read(regs, DABT_SRT(iss)) & (~0ull >> (64 - 8 * size)) : 0;
    int err = devmgr_access(&vcpu->vm->devices, vcpu, guest_ipa_of_fault(), size, write, &value);

    if (err) {
        mmio_refused(vcpu, regs, iss, err);
        return;
    }
    /* Everything after the device call is derived from iss again rather
     * than kept in registers across it: fewer registers to save on entry
     * (make bench). */
    __asm__("" : "+r"(iss));
    if (!(iss & DABT_WNR))
        gpr_write(regs, DABT_SRT(iss), loaded_value(iss, value));
    regs->elr += 4;
}

/* A trapped system register the hypervisor does not emulate is UNDEFINED
 * for the guest, as under Xen and KVM: the guest's handler decides. */
static __attribute__((cold, noinline)) void unknown_sysreg(struct vcpu *vcpu,
                                                           struct guest_regs *regs, uint32_t iss)
{
    note_injection(vcpu, "UNDEF", "%s of system register S%u_%u_C%u_C%u_%u at pc 0x%llx",
                   SYSREG_IS_READ(iss) ? "read" : "write", SYSREG_OP0(iss), SYSREG_OP1(iss),
                   SYSREG_CRN(iss), SYSREG_CRM(iss), SYSREG_OP2(iss),
                   (unsigned long long)regs->elr);
    inject_undef(regs);
}

/* A frame of its own: the registers the device call needs are saved on
 * MMIO exits only, not on every exit (make bench). */
static __attribute__((noinline)) void handle_mmio(struct vcpu *vcpu, struct guest_regs *regs,
                                                  uint32_t iss)
{
    if (mmio_fast(iss))
        handle_mmio_inline(vcpu, regs, iss);
    else
        mmio_slow(vcpu, regs, iss, guest_ipa_of_fault());
}

/* A frame of its own, as handle_mmio. */
static __attribute__((noinline)) void handle_sysreg(struct vcpu *vcpu, struct guest_regs *regs,
                                                    uint32_t iss)
{
    switch (SYSREG_KEY(iss)) {
    case ICC_SGI1R:
        if (!SYSREG_IS_READ(iss))
            vgic_send_sgi(vcpu, gpr_read(regs, SYSREG_RT(iss)));
        break;
    case ICC_ASGI1R:
    case ICC_SGI0R:
        break; /* the guest has no Secure or Group 0 world to signal: ignored */
    default:
        unknown_sysreg(vcpu, regs, iss);
        return;
    }
    regs->elr += 4;
}

/* What the paths above do not handle. A trapped WFx is here too, off
 * the hot paths (its vCPU has nothing to do anyway), and counted with
 * these: the public ABI has no exit cause of its own for it. */
static __attribute__((cold, noinline)) void sync_other(struct vcpu *vcpu, struct guest_regs *regs,
                                                       uint64_t esr)
{
    if (ESR_EC(esr) == EC_WFX)
        handle_wfx(vcpu, regs, ESR_ISS(esr));
    else if (ESR_EC(esr) == EC_IABT_LOW)
        vm_crash(vcpu->vm, "instruction fetch from IPA 0x%llx, outside its memory",
                 (unsigned long long)guest_ipa_of_fault());
    else
        vm_crash(vcpu->vm, "unhandled exception (EC 0x%x, ISS 0x%x) at pc 0x%llx",
                 (unsigned)ESR_EC(esr), (unsigned)ESR_ISS(esr), (unsigned long long)regs->elr);
}

static void handle_sync(struct vcpu *vcpu, struct guest_regs *regs)
{
    uint64_t esr = read_sysreg(esr_el2);
    uint32_t iss = ESR_ISS(esr);

    switch (ESR_EC(esr)) {
    case EC_HVC64:
        vcpu->exits[EXIT_HVC]++;
        smccc_call(vcpu, regs, iss & 0xffff);
        break;
    case EC_SMC64:
        vcpu->exits[EXIT_SMC]++;
        regs->elr += 4; /* a trapped SMC returns to the instruction itself */
        smccc_call(vcpu, regs, iss & 0xffff);
        break;
    case EC_SYSREG:
        vcpu->exits[EXIT_SYSREG]++;
        handle_sysreg(vcpu, regs, iss);
        break;
    case EC_DABT_LOW:
        vcpu->exits[EXIT_MMIO]++;
        handle_mmio(vcpu, regs, iss);
        break;
    default:
        vcpu->exits[EXIT_OTHER]++;
        sync_other(vcpu, regs, esr);
        break;
    }
}

static __attribute__((cold, noinline)) void vector_fault(struct vcpu *vcpu, uint64_t kind)
{
    if (kind == VECTOR_SERROR)
        vm_crash(vcpu->vm, "SError (ESR 0x%llx)", (unsigned long long)read_sysreg(esr_el2));
    else
        vm_crash(vcpu->vm, "AArch32 execution is not supported");
}

_Static_assert(__builtin_offsetof(struct vcpu, attention) == VCPU_ATTENTION_OFFSET,
               "entry.S depends on this offset");

/* Every handler is a tail call: no frame here, and entry.S looks at the
 * vCPU's attention flag on the way back in (exit_attention). */
void exit_dispatch(struct pcpu *p, uint64_t kind)
{
    struct vcpu *vcpu = p->vcpu;

    if (kind == VECTOR_SYNC) {
        handle_sync(vcpu, &p->regs);
    } else if (kind == VECTOR_IRQ) {
        vcpu->exits[EXIT_IRQ]++;
        irq_handle_one(vcpu);
    } else {
        vcpu->exits[EXIT_OTHER]++;
        vector_fault(vcpu, kind);
    }
}

uint64_t exit_attention(struct pcpu *p)
{
    struct vcpu *vcpu = p->vcpu;

    if (!vcpu_take_attention(vcpu))
        return 1;
    vgic_flush(vcpu);
    return 0;
}
