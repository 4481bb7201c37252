/* The GIC for host tests (fake_gic.h): arch/vgic_lr.h, gic_deactivate() and
 * the distributor calls passthrough makes. */
#include <string.h>
#include <arch/gic.h>
#include <arch/vgic_lr.h>
#include "check.h"
#include "fake_gic.h"

uint64_t fake_lr[TEST_NR_PCPUS][FAKE_LRS];
bool fake_underflow[TEST_NR_PCPUS];
unsigned fake_deactivations[TEST_NR_PCPUS];
unsigned fake_last_deactivated[TEST_NR_PCPUS];
unsigned fake_spi_route[FAKE_GIC_IRQS];
bool fake_spi_disabled[FAKE_GIC_IRQS];

void fake_gic_reset(void)
{
    memset(fake_lr, 0, sizeof(fake_lr));
    memset(fake_underflow, 0, sizeof(fake_underflow));
    memset(fake_deactivations, 0, sizeof(fake_deactivations));
    memset(fake_last_deactivated, 0, sizeof(fake_last_deactivated));
    memset(fake_spi_route, 0, sizeof(fake_spi_route));
    memset(fake_spi_disabled, 0, sizeof(fake_spi_disabled));
}

unsigned lr_count(void)
{
    return FAKE_LRS;
}

uint32_t lr_all(void)
{
    return (1u << FAKE_LRS) - 1;
}

uint64_t lr_read(unsigned n)
{
    CHECK(n < FAKE_LRS);
    return fake_lr[test_pcpu][n];
}

void lr_write(unsigned n, uint64_t v)
{
    CHECK(n < FAKE_LRS);
    fake_lr[test_pcpu][n] = v;
}

/* As ICH_ELRSR_EL2 and ICH_EISR_EL2 define them. */
uint32_t lr_empty_mask(void)
{
    uint32_t mask = 0;

    for (unsigned i = 0; i < FAKE_LRS; i++) {
        uint64_t lr = fake_lr[test_pcpu][i];

        if (!(lr & LR_STATE_MASK) && ((lr & LR_HW) || !(lr & LR_EOI)))
            mask |= 1u << i;
    }
    return mask;
}

uint32_t lr_eoi_mask(void)
{
    uint32_t mask = 0;

    for (unsigned i = 0; i < FAKE_LRS; i++) {
        uint64_t lr = fake_lr[test_pcpu][i];

        if (!(lr & LR_STATE_MASK) && !(lr & LR_HW) && (lr & LR_EOI))
            mask |= 1u << i;
    }
    return mask;
}

void lr_set_underflow(bool on)
{
    fake_underflow[test_pcpu] = on;
}

void lr_reset_interface(void)
{
    fake_underflow[test_pcpu] = false;
}

void gic_deactivate(uint32_t intid)
{
    fake_deactivations[test_pcpu]++;
    fake_last_deactivated[test_pcpu] = intid;
}

void gic_route_spi(unsigned intid, unsigned pcpu)
{
    CHECK(intid < FAKE_GIC_IRQS && pcpu < TEST_NR_PCPUS);
    fake_spi_route[intid] = pcpu;
}

void gic_disable_spi(unsigned intid)
{
    CHECK(intid < FAKE_GIC_IRQS);
    fake_spi_disabled[intid] = true;
}

unsigned gic_nr_irqs(void)
{
    return FAKE_GIC_IRQS;
}

int fake_find_lr(unsigned pcpu, unsigned intid)
{
    for (unsigned i = 0; i < FAKE_LRS; i++) {
        uint64_t lr = fake_lr[pcpu][i];

        if ((lr & LR_VINTID_MASK) == intid && (lr & (LR_STATE_MASK | LR_EOI)))
            return (int)i;
    }
    return -1;
}

unsigned fake_lrs_used(unsigned pcpu)
{
    unsigned n = 0;

    for (unsigned i = 0; i < FAKE_LRS; i++)
        n += (fake_lr[pcpu][i] & (LR_STATE_MASK | LR_EOI)) != 0;
    return n;
}

void fake_guest_ack(unsigned pcpu, unsigned intid)
{
    int i = fake_find_lr(pcpu, intid);

    CHECK(i >= 0 && (fake_lr[pcpu][i] & LR_STATE_MASK) == LR_PENDING);
    fake_lr[pcpu][i] = (fake_lr[pcpu][i] & ~LR_STATE_MASK) | LR_ACTIVE;
}

void fake_guest_eoi(unsigned pcpu, unsigned intid)
{
    int i = fake_find_lr(pcpu, intid);

    CHECK(i >= 0 && (fake_lr[pcpu][i] & LR_ACTIVE));
    fake_lr[pcpu][i] &= ~LR_ACTIVE;
}
