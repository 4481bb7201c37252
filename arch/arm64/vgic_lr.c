/* The virtual CPU interface's registers on this pCPU (arch/vgic_lr.h). */
#include <arch/sysreg.h>
#include <arch/vgic_lr.h>

#define ICH_HCR_EN 1ull
#define ICH_HCR_UIE 2ull
#define MAX_LRS 8

/* ICH_VTR_EL2 is read once, at boot: the count bounds every list-register
 * walk, and the exit paths load the mask rather than work it out (or find
 * out whether it was worked out: a cost that would land on one exit). */
static unsigned count;
static uint32_t all;

void lr_init(void)
{
    unsigned n = (unsigned)(read_sysreg(S3_4_C12_C11_1) & 0xf) + 1; /* ListRegs */

    count = n > MAX_LRS ? MAX_LRS : n;
    all = (1u << count) - 1;
}

unsigned lr_count(void)
{
    return count;
}

uint32_t lr_all(void)
{
    return all;
}

uint64_t lr_read(unsigned n)
{
    switch (n) {
    case 0:
        return read_sysreg(S3_4_C12_C12_0);
    case 1:
        return read_sysreg(S3_4_C12_C12_1);
    case 2:
        return read_sysreg(S3_4_C12_C12_2);
    case 3:
        return read_sysreg(S3_4_C12_C12_3);
    case 4:
        return read_sysreg(S3_4_C12_C12_4);
    case 5:
        return read_sysreg(S3_4_C12_C12_5);
    case 6:
        return read_sysreg(S3_4_C12_C12_6);
    case 7:
        return read_sysreg(S3_4_C12_C12_7);
    default:
        return 0;
    }
}

void lr_write(unsigned n, uint64_t v)
{
    switch (n) {
    case 0:
        write_sysreg(S3_4_C12_C12_0, v);
        break;
    case 1:
        write_sysreg(S3_4_C12_C12_1, v);
        break;
    case 2:
        write_sysreg(S3_4_C12_C12_2, v);
        break;
    case 3:
        write_sysreg(S3_4_C12_C12_3, v);
        break;
    case 4:
        write_sysreg(S3_4_C12_C12_4, v);
        break;
    case 5:
        write_sysreg(S3_4_C12_C12_5, v);
        break;
    case 6:
        write_sysreg(S3_4_C12_C12_6, v);
        break;
    case 7:
        write_sysreg(S3_4_C12_C12_7, v);
        break;
    default:
        break;
    }
}

uint32_t lr_empty_mask(void)
{
    return (uint32_t)read_sysreg(S3_4_C12_C11_5); /* ICH_ELRSR_EL2 */
}

uint32_t lr_eoi_mask(void)
{
    return (uint32_t)read_sysreg(S3_4_C12_C11_3); /* ICH_EISR_EL2 */
}

void lr_set_underflow(bool on)
{
    write_sysreg(S3_4_C12_C11_0, on ? ICH_HCR_EN | ICH_HCR_UIE : ICH_HCR_EN);
}

void lr_reset_interface(void)
{
    write_sysreg(S3_4_C12_C8_0, 0);  /* ICH_AP0R0_EL2 */
    write_sysreg(S3_4_C12_C9_0, 0);  /* ICH_AP1R0_EL2 */
    write_sysreg(S3_4_C12_C11_7, 0); /* ICH_VMCR_EL2 */
    write_sysreg(S3_4_C12_C11_0, ICH_HCR_EN);
    isb();
}
