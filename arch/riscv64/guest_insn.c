/* Guest instruction fetch for MMIO emulation (see guest_insn.h): VS-stage
 * translation by vsatp (Bare, Sv39, Sv48, Sv57), then the domain's RAM. */
#include <septum/aspace.h>
#include <septum/errno.h>
#include <septum/vm.h>
#include <arch/csr.h>
#include <arch/mmio_insn.h>
#include <arch/guest_insn.h>

#define SATP_MODE_SHIFT 60
#define SATP_MODE_BARE 0
#define SATP_MODE_SV39 8
#define SATP_MODE_SV57 10
#define SATP_PPN_MASK ((1ull << 44) - 1)
#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_X (1ull << 3)
#define PTE_PPN(pte) (((pte) >> 10) & ((1ull << 44) - 1))

/* The guest physical address of va, as an instruction fetch sees it. */
static int translate(const struct aspace *as, uint64_t vsatp, uint64_t va, uint64_t *gpa)
{
    unsigned mode = (unsigned)(vsatp >> SATP_MODE_SHIFT);
    uint64_t table = (vsatp & SATP_PPN_MASK) << 12;
    int levels;

    if (mode == SATP_MODE_BARE) {
        *gpa = va;
        return 0;
    }
    if (mode < SATP_MODE_SV39 || mode > SATP_MODE_SV57)
        return -EFAULT;
    levels = 3 + (int)(mode - SATP_MODE_SV39);
    for (int level = levels - 1; level >= 0; level--) {
        unsigned shift = 12 + 9 * (unsigned)level;
        uint64_t pte;

        if (aspace_copy_from_guest(as, &pte, table + ((va >> shift) & 511) * 8, sizeof(pte)))
            return -EFAULT;
        if (!(pte & PTE_V))
            return -EFAULT;
        if (pte & (PTE_R | PTE_X)) {
            if (!(pte & PTE_X))
                return -EFAULT;
            *gpa = (PTE_PPN(pte) << 12 & ~((1ull << shift) - 1)) | (va & ((1ull << shift) - 1));
            return 0;
        }
        table = PTE_PPN(pte) << 12;
    }
    return -EFAULT;
}

static int fetch16(struct vcpu *vcpu, uint64_t va, uint16_t *half)
{
    uint64_t gpa;

    if (translate(&vcpu->vm->aspace, csr_read(CSR_VSATP), va, &gpa))
        return -EFAULT;
    return aspace_copy_from_guest(&vcpu->vm->aspace, half, gpa, sizeof(*half));
}

/* Two halves, each translated: a 32-bit instruction may straddle pages. */
int guest_insn_fetch(struct vcpu *vcpu, uint64_t pc, uint32_t *insn)
{
    uint16_t low, high;

    if (fetch16(vcpu, pc, &low))
        return -EFAULT;
    if (insn_length(low) != 4) {
        *insn = low;
        return 0;
    }
    if (fetch16(vcpu, pc + 2, &high))
        return -EFAULT;
    *insn = (uint32_t)high << 16 | low;
    return 0;
}
