/* Guest instruction fetch for MMIO emulation (see guest_insn.h), through
 * hlvx.hu (entry.S): the hart walks both stages and checks execute
 * permission as the guest's own fetch would; a fault comes back as an
 * error, never as the hypervisor's. */
#include <septum/errno.h>
#include <arch/guest_insn.h>
#include <arch/mmio_insn.h>

long guest_fetch16(uint64_t va, uint16_t *out);

/* Two halves, each fetched: a 32-bit instruction may straddle pages. */
int guest_insn_fetch(uint64_t pc, uint32_t *insn)
{
    uint16_t low, high;

    if (guest_fetch16(pc, &low))
        return -EFAULT;
    if (insn_length(low) != 4) {
        *insn = low;
        return 0;
    }
    if (guest_fetch16(pc + 2, &high))
        return -EFAULT;
    *insn = (uint32_t)high << 16 | low;
    return 0;
}
