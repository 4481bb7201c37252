/* The C side of every guest exit: why the guest left (scause) and what to
 * do about it. Whatever a guest does that the hypervisor cannot emulate
 * stops that domain alone, with the reason. */
#include <stdarg.h>
#include <septum/errno.h>
#include <septum/format.h>
#include <septum/log.h>
#include <septum/boot.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/guest_insn.h>
#include <arch/irq.h>
#include <arch/mmio_insn.h>
#include <arch/pcpu.h>
#include <arch/vinject.h>
#include <arch/vexception.h>
#include <arch/vsbi.h>

#define INSN_WFI 0x10500073ul

_Static_assert(__builtin_offsetof(struct vcpu, attention) == VCPU_ATTENTION_OFFSET,
               "entry.S depends on this offset");

/* The guest physical address of a guest-page fault: htval holds it
 * shifted right by 2, stval's low bits give the rest. */
static uint64_t fault_gpa(void)
{
    return csr_read(CSR_HTVAL) << 2 | (csr_read(CSR_STVAL) & 3);
}

/* The access that trapped, from htinst's transformed instruction or else
 * from the instruction itself. */
static inline int trapped_access(const struct guest_regs *regs, struct mmio_insn *insn)
{
    long raw;

    if (mmio_insn_from_htinst(csr_read(CSR_HTINST), insn) == 0)
        return 0;
    raw = guest_insn_fetch(regs->sepc);
    if (raw < 0)
        return -EFAULT;
    return mmio_insn_decode((uint32_t)raw, insn);
}

/* A guest's mistake that becomes its own access fault, as a bus with
 * nothing there makes real hardware raise. Only the first on each vCPU is
 * logged: the log is shared by all domains, and a guest must not be able
 * to flood it. */
static __attribute__((format(printf, 5, 6))) void access_fault(struct vcpu *vcpu,
                                                               struct guest_regs *regs, bool write,
                                                               uint64_t gva, const char *fmt, ...)
{
    char why[160];
    va_list ap;

    if (!vcpu->arch.injected) {
        vcpu->arch.injected = true;
        va_start(ap, fmt);
        vsnprintf(why, sizeof(why), fmt, ap);
        va_end(ap);
        log_printf("d%u (%s) vCPU %u: %s, access fault injected (further ones not logged)",
                   vcpu->vm->id, vcpu->vm->config.name, vcpu->id, why);
    }
    vexception_inject(regs, write ? EXC_STORE_ACCESS : EXC_LOAD_ACCESS, gva);
}

/* The device manager did not do the access. What the fast path did not
 * keep across the device call is read again: nothing has trapped into HS
 * since the guest's fault, so its CSRs still describe it. */
static __attribute__((cold, noinline)) void mmio_refused(struct vcpu *vcpu, struct guest_regs *regs,
                                                         unsigned size, int err)
{
    uint64_t gpa = fault_gpa();
    bool write = csr_read(CSR_SCAUSE) == EXC_STORE_GUEST_FAULT;
    struct mmio_device *d = devmgr_find(&vcpu->vm->devices, gpa);

    if (!d)
        access_fault(vcpu, regs, write, csr_read(CSR_STVAL),
                     "%s of %u bytes at GPA 0x%llx, outside its RAM and devices, pc 0x%llx",
                     write ? "write" : "read", size, (unsigned long long)gpa,
                     (unsigned long long)regs->sepc);
    else
        vm_crash(vcpu->vm, "%s of %u bytes at GPA 0x%llx: %s from %s, pc 0x%llx",
                 write ? "write" : "read", size, (unsigned long long)gpa, errno_name(err), d->name,
                 (unsigned long long)regs->sepc);
}

/* Not a plain load or store (an atomic, a floating-point access), or not
 * the one the hart saw (another vCPU rewrote it since). stval is still the
 * guest virtual address it used (hstatus.GVA): a faulted fetch puts it back. */
static __attribute__((cold, noinline)) void
mmio_unemulable(struct vcpu *vcpu, struct guest_regs *regs, bool write, uint64_t gpa, int err)
{
    access_fault(vcpu, regs, write, csr_read(CSR_STVAL), "%s at GPA 0x%llx by %s at pc 0x%llx",
                 write ? "write" : "read", (unsigned long long)gpa,
                 err == -EFAULT ? "an instruction it cannot read" : "an unemulable instruction",
                 (unsigned long long)regs->sepc);
}

static __attribute__((noinline)) void handle_mmio(struct vcpu *vcpu, struct guest_regs *regs,
                                                  unsigned long cause)
{
    bool write = cause == EXC_STORE_GUEST_FAULT;
    struct mmio_insn insn;
    /* Where the value read goes: a store's, or a load's into x0, lands
     * in value itself, so that the path after the device call has no
     * branch and keeps few registers across it. */
    uint64_t value = 0, *dest = &value;
    int err = trapped_access(regs, &insn);

    if (err || insn.write != write) {
        mmio_unemulable(vcpu, regs, write, fault_gpa(), err);
        return;
    }
    if (write)
        value = regs->x[insn.reg] & (~0ull >> (64 - 8 * insn.size));
    else if (insn.reg != 0)
        dest = &regs->x[insn.reg];
    err = devmgr_access(&vcpu->vm->devices, vcpu, fault_gpa(), insn.size, write, &value);
    if (err) {
        mmio_refused(vcpu, regs, insn.size, err);
        return;
    }
    *dest = mmio_insn_loaded(&insn, value);
    regs->sepc += insn.length;
}

/* A VS-mode instruction the H extension traps: WFI (hstatus.VTW) waits
 * here for the vCPU's next interrupt; any other (an access to a counter
 * hcounteren hides, say) is the guest's own illegal instruction. The
 * instruction is read from the guest, not taken from stval: the hart may
 * leave stval zero, and QEMU 7.2 leaves it stale for some (hlv.b after a
 * trapped WFI came back as that WFI, and waited for nothing). One it
 * cannot read (its mapping changed since) is illegal too: retrying could
 * trap forever on a translation the guest left stale. */
static __attribute__((noinline)) void virtual_instruction(struct vcpu *vcpu,
                                                          struct guest_regs *regs)
{
    long raw = guest_insn_fetch(regs->sepc);
    uint32_t insn = raw < 0 ? 0 : (uint32_t)raw;

    if (raw >= 0 && insn == INSN_WFI) {
        regs->sepc += 4;
        vcpu_wait_for_irq(vcpu);
        return;
    }
    if (!vcpu->arch.injected) {
        vcpu->arch.injected = true;
        log_printf("d%u (%s) vCPU %u: virtual instruction 0x%x at pc 0x%llx, illegal "
                   "instruction injected (further ones not logged)",
                   vcpu->vm->id, vcpu->vm->config.name, vcpu->id, (unsigned)insn,
                   (unsigned long long)regs->sepc);
    }
    vexception_inject(regs, EXC_ILLEGAL_INSN, insn);
}

static __attribute__((cold, noinline)) void
other_exception(struct vcpu *vcpu, struct guest_regs *regs, unsigned long cause)
{
    unsigned long long pc = regs->sepc;

    switch (cause) {
    case EXC_INSN_GUEST_FAULT:
        vm_crash(vcpu->vm, "instruction fetch from GPA 0x%llx, outside its memory, pc 0x%llx",
                 (unsigned long long)fault_gpa(), pc);
        break;
    case EXC_ILLEGAL_INSN:
        vm_crash(vcpu->vm, "illegal instruction 0x%lx at pc 0x%llx",
                 (unsigned long)csr_read(CSR_STVAL), pc);
        break;
    default:
        vm_crash(vcpu->vm, "unhandled exception (scause %lu, stval 0x%lx) at pc 0x%llx", cause,
                 (unsigned long)csr_read(CSR_STVAL), pc);
        break;
    }
}

/* Every handler is a tail call: no frame here, and entry.S looks at the
 * vCPU's attention flag on the way back in (exit_attention). SBI calls
 * first, then emulated MMIO: the exits guests make in loops. */
void exit_dispatch(struct pcpu *p)
{
    struct vcpu *vcpu = p->vcpu;
    struct guest_regs *regs = &p->regs;
    unsigned long cause = csr_read(CSR_SCAUSE);

    if (cause == EXC_ECALL_VS) {
        vcpu->exits[EXIT_HVC]++;
        regs->sepc += 4; /* ecall has no compressed form */
        vsbi_call(vcpu, regs);
    } else if (cause == EXC_LOAD_GUEST_FAULT || cause == EXC_STORE_GUEST_FAULT) {
        vcpu->exits[EXIT_MMIO]++;
        handle_mmio(vcpu, regs, cause);
    } else if (cause & SCAUSE_INTERRUPT) {
        vcpu->exits[EXIT_IRQ]++;
        irq_handle(vcpu, cause & ~SCAUSE_INTERRUPT);
    } else if (cause == EXC_VIRTUAL_INSN) {
        vcpu->exits[EXIT_OTHER]++;
        virtual_instruction(vcpu, regs);
    } else {
        vcpu->exits[EXIT_OTHER]++;
        other_exception(vcpu, regs, cause);
    }
}

uint64_t exit_attention(struct pcpu *p)
{
    struct vcpu *vcpu = p->vcpu;

    if (!vcpu_take_attention(vcpu))
        return 1;
    vinject_flush(vcpu);
    return 0;
}
