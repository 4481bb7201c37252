/* The virtual GICv3 on the host: distributor and redistributor registers,
 * SPI routing to every vCPU, list-register feeding, the virtual timer's
 * hardware-backed list register. Each vCPU n runs on pCPU n; a test "runs"
 * code on a vCPU by setting test_pcpu, whose list registers fake_gic.c
 * keeps. */
#include <string.h>
#include <septum/errno.h>
#include <septum/config.h>
#include <septum/vm.h>
#include <arch/gic.h>
#include <arch/vgic.h>
#include <arch/vgic_lr.h>
#include "check.h"
#include "fake_gic.h"
#include "test_domain.h"
#include "test_hal.h"

#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_ISENABLER1 0x0104
#define GICD_ICENABLER1 0x0184
#define GICD_ISPENDR1 0x0204
#define GICD_ICPENDR1 0x0284
#define GICD_ISACTIVER1 0x0304
#define GICD_ICACTIVER1 0x0384
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER(intid) (0x6000 + 8 * (intid))
#define GICR_ISENABLER0 0x10100
#define GICR_ICENABLER0 0x10180
#define GICR_ISPENDR0 0x10200
#define GICR_IPRIORITYR 0x10400
#define CTLR_GRP1 2u

#define SPI 33 /* the UART's, the one SPI a domain has */
#define SPI_BIT (1u << (SPI - 32))
#define SPI2 40
#define NR_VCPUS 4

static struct vm *vm;

static void setup(void)
{
    vm = test_domain(NR_VCPUS);
}

static void teardown(void)
{
    test_domain_free(vm);
}

static void run_on(unsigned vcpu)
{
    test_pcpu = vm->vcpus[vcpu].pcpu;
}

static uint64_t gicd_read_size(unsigned vcpu, uint64_t off, unsigned size)
{
    return test_mmio_read(&vm->vcpus[vcpu], GUEST_GICD_BASE + off, size);
}

static uint64_t gicd_read(unsigned vcpu, uint64_t off)
{
    return gicd_read_size(vcpu, off, 4);
}

static void gicd_write_size(unsigned vcpu, uint64_t off, uint64_t v, unsigned size)
{
    test_mmio_write(&vm->vcpus[vcpu], GUEST_GICD_BASE + off, v, size);
}

static void gicd_write(unsigned vcpu, uint64_t off, uint64_t v)
{
    gicd_write_size(vcpu, off, v, 4);
}

static void gicr_write(unsigned vcpu, unsigned frame, uint64_t off, uint64_t v)
{
    test_mmio_write(&vm->vcpus[vcpu], GUEST_GICR_BASE + frame * GUEST_GICR_STRIDE + off, v, 4);
}

/* What the exit path does before the vCPU enters the guest again. */
static void flush(unsigned vcpu)
{
    run_on(vcpu);
    atomic_store(&vm->vcpus[vcpu].attention, false);
    vgic_flush(&vm->vcpus[vcpu]);
}

static void flush_all(void)
{
    for (unsigned i = 0; i < NR_VCPUS; i++)
        flush(i);
}

/* The guest on vcpu ends intid, and the EOI maintenance interrupt is taken
 * if the hardware would raise one. */
static void guest_end(unsigned vcpu, unsigned intid)
{
    run_on(vcpu);
    fake_guest_eoi(vcpu, intid);
    if (lr_eoi_mask())
        vgic_maintenance(&vm->vcpus[vcpu]);
}

static void route(unsigned from, unsigned intid, unsigned vcpu)
{
    gicd_write_size(from, GICD_IROUTER(intid), vcpu, 8);
}

/* Group 1 on, SPIs routed to vcpu and enabled at priority 0xa0. */
static void enable_spis(uint32_t spis, unsigned vcpu)
{
    gicd_write(0, GICD_CTLR, CTLR_GRP1);
    for (unsigned n = 0; n < 32; n++) {
        if (spis >> n & 1) {
            route(0, 32 + n, vcpu);
            gicd_write_size(0, GICD_IPRIORITYR + 32 + n, 0xa0, 1);
        }
    }
    gicd_write(0, GICD_ISENABLER1, spis);
}

/* The vCPUs holding intid in a list register, one bit each. */
static unsigned holders(unsigned intid)
{
    unsigned mask = 0;

    for (unsigned i = 0; i < NR_VCPUS; i++)
        mask |= (fake_find_lr(i, intid) >= 0) << i;
    return mask;
}

TEST(vgic_spi_reaches_whichever_vcpu_it_is_routed_to)
{
    setup();
    for (unsigned target = 0; target < NR_VCPUS; target++) {
        unsigned kicks_before = test_kicks[target];

        enable_spis(SPI_BIT, target);
        gicd_write(0, GICD_ISPENDR1, SPI_BIT); /* raised from vCPU 0, whatever the target */
        CHECK(test_kicks[target] > kicks_before);
        flush_all();
        CHECK_EQ(holders(SPI), 1u << target);
        {
            uint64_t lr = fake_lr[target][fake_find_lr(target, SPI)];

            CHECK_EQ(lr & LR_STATE_MASK, LR_PENDING);
            CHECK(lr & LR_EOI); /* its end is reported */
            CHECK_EQ(lr >> LR_PRIORITY_SHIFT & 0xff, 0xa0);
        }
        fake_guest_ack(target, SPI);
        guest_end(target, SPI);
        CHECK_EQ(holders(SPI), 0);
        CHECK_EQ(vm->vcpus[target].irqs_injected, 1);
    }
    CHECK_EQ(vm_irqs_injected(vm), NR_VCPUS);
    teardown();
}

TEST(vgic_device_raised_spi_goes_to_its_route)
{
    setup();
    enable_spis(SPI_BIT, 2);
    memset(test_kicks, 0, sizeof(test_kicks));
    vgic_inject_spi(vm, SPI);
    CHECK_EQ(test_kicks[2], 1);
    CHECK_EQ(test_kicks[0], 0);
    flush_all();
    CHECK_EQ(holders(SPI), 1u << 2);
    teardown();
}

TEST(vgic_route_change_moves_a_pending_spi)
{
    setup();
    enable_spis(SPI_BIT, 1);
    gicd_write(0, GICD_ICENABLER1, SPI_BIT);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT); /* disabled: waits in the distributor */
    flush_all();
    CHECK_EQ(holders(SPI), 0);
    route(0, SPI, 3);
    memset(test_kicks, 0, sizeof(test_kicks));
    gicd_write(0, GICD_ISENABLER1, SPI_BIT); /* the new target is told, no one else */
    CHECK_EQ(test_kicks[3], 1);
    CHECK_EQ(test_kicks[1] + test_kicks[0], 0);
    flush_all();
    CHECK_EQ(holders(SPI), 1u << 3);
    teardown();
}

TEST(vgic_route_change_takes_an_spi_back_from_a_list_register)
{
    setup();
    enable_spis(SPI_BIT, 1);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush(1);
    CHECK_EQ(holders(SPI), 1u << 1); /* delivered; vCPU 1 has not taken it yet */
    memset(test_kicks, 0, sizeof(test_kicks));
    route(0, SPI, 2);
    CHECK(test_kicks[1] > 0); /* the holder must give it back */
    CHECK(atomic_load(&vm->vcpus[1].arch.vgic.resync));
    flush(2);
    CHECK_EQ(holders(SPI), 1u << 1); /* not twice at once */
    flush(1);
    CHECK_EQ(holders(SPI), 0);
    CHECK(test_kicks[2] > 0);
    flush(2);
    CHECK_EQ(holders(SPI), 1u << 2);
    teardown();
}

TEST(vgic_spi_active_on_one_vcpu_waits_for_its_end)
{
    setup();
    enable_spis(SPI_BIT, 1);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush(1);
    fake_guest_ack(1, SPI);
    route(0, SPI, 2);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT); /* raised again while vCPU 1 handles it */
    flush_all();
    CHECK_EQ(holders(SPI), 1u << 1);
    CHECK_EQ(gicd_read(1, GICD_ISACTIVER1) & SPI_BIT, SPI_BIT);
    CHECK_EQ(gicd_read(0, GICD_ISPENDR1) & SPI_BIT, SPI_BIT);
    memset(test_kicks, 0, sizeof(test_kicks));
    guest_end(1, SPI);
    CHECK(test_kicks[2] > 0);
    flush_all();
    CHECK_EQ(holders(SPI), 1u << 2);
    teardown();
}

TEST(vgic_spi_raised_again_while_active_here_queues_behind_itself)
{
    setup();
    enable_spis(SPI_BIT, 0);
    vgic_inject_spi(vm, SPI);
    flush(0);
    fake_guest_ack(0, SPI);
    vgic_inject_spi(vm, SPI);
    flush(0);
    CHECK_EQ(fake_lr[0][fake_find_lr(0, SPI)] & LR_STATE_MASK, LR_PENDING | LR_ACTIVE);
    CHECK_EQ(fake_lrs_used(0), 1);
    guest_end(0, SPI); /* active and pending -> pending: no end yet */
    fake_guest_ack(0, SPI);
    guest_end(0, SPI);
    CHECK_EQ(holders(SPI), 0);
    CHECK_EQ(vm->vcpus[0].irqs_injected, 2);
    teardown();
}

TEST(vgic_enable_pending_and_active_registers)
{
    setup();
    enable_spis(SPI_BIT | 1u << (SPI2 - 32), 1);
    CHECK_EQ(gicd_read(0, GICD_ISENABLER1), SPI_BIT | 1u << (SPI2 - 32));
    gicd_write(0, GICD_ICENABLER1, 1u << (SPI2 - 32));
    CHECK_EQ(gicd_read(0, GICD_ICENABLER1), SPI_BIT);

    /* Pending, then cleared before delivery. */
    gicd_write(0, GICD_ISPENDR1, 1u << (SPI2 - 32));
    CHECK_EQ(gicd_read(3, GICD_ISPENDR1), 1u << (SPI2 - 32));
    gicd_write(0, GICD_ICPENDR1, 1u << (SPI2 - 32));
    CHECK_EQ(gicd_read(0, GICD_ISPENDR1), 0);
    gicd_write(0, GICD_ISENABLER1, 1u << (SPI2 - 32));
    flush_all();
    CHECK_EQ(holders(SPI2), 0);

    /* Pending in vCPU 1's list register, cleared from vCPU 0. */
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush(1);
    CHECK_EQ(gicd_read(0, GICD_ISPENDR1), SPI_BIT);
    CHECK_EQ(gicd_read(1, GICD_ISPENDR1), SPI_BIT);
    gicd_write(0, GICD_ICPENDR1, SPI_BIT);
    flush(1);
    CHECK_EQ(holders(SPI), 0);
    CHECK_EQ(gicd_read(0, GICD_ISPENDR1), 0);

    /* Active, as vCPU 1 sees it itself (exactly) and as others do. */
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush(1);
    CHECK_EQ(gicd_read(1, GICD_ISACTIVER1), 0); /* delivered, not taken */
    fake_guest_ack(1, SPI);
    CHECK_EQ(gicd_read(1, GICD_ISACTIVER1), SPI_BIT);
    CHECK_EQ(gicd_read(1, GICD_ISPENDR1), 0);
    CHECK_EQ(gicd_read(2, GICD_ISACTIVER1), SPI_BIT);
    guest_end(1, SPI);
    CHECK_EQ(gicd_read(2, GICD_ISACTIVER1), 0);

    /* Set active by a register while in no list register: held back until
     * cleared. */
    gicd_write(0, GICD_ISACTIVER1, SPI_BIT);
    CHECK_EQ(gicd_read(0, GICD_ISACTIVER1), SPI_BIT);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush_all();
    CHECK_EQ(holders(SPI), 0);
    memset(test_kicks, 0, sizeof(test_kicks));
    gicd_write(0, GICD_ICACTIVER1, SPI_BIT);
    CHECK(test_kicks[1] > 0);
    flush_all();
    CHECK_EQ(holders(SPI), 1u << 1);

    /* Cleared active state of an SPI in a list register: the holder drops it. */
    fake_guest_ack(1, SPI);
    gicd_write(0, GICD_ICACTIVER1, SPI_BIT);
    flush(1);
    CHECK_EQ(holders(SPI), 0);
    CHECK_EQ(gicd_read(1, GICD_ISACTIVER1), 0);
    teardown();
}

TEST(vgic_disable_takes_back_an_spi_not_yet_taken)
{
    setup();
    enable_spis(SPI_BIT, 2);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush(2);
    CHECK_EQ(holders(SPI), 1u << 2);
    gicd_write(0, GICD_ICENABLER1, SPI_BIT);
    flush(2);
    CHECK_EQ(holders(SPI), 0);
    CHECK_EQ(gicd_read(0, GICD_ISPENDR1), SPI_BIT); /* still pending, as disabled */
    gicd_write(0, GICD_ISENABLER1, SPI_BIT);
    flush(2);
    CHECK_EQ(holders(SPI), 1u << 2);
    teardown();
}

TEST(vgic_irouter_names_a_vcpu_by_affinity)
{
    setup();
    CHECK(gicd_read(0, GICD_TYPER) & (1u << 25)); /* No1N: no "any PE" routing */
    enable_spis(SPI_BIT, 0);
    /* IRM (bit 31) is RAZ/WI; Aff1 = 1 names no vCPU here. */
    gicd_write_size(0, GICD_IROUTER(SPI), 1ull << 31 | 1u << 8 | 2, 8);
    CHECK_EQ(gicd_read_size(0, GICD_IROUTER(SPI), 8), 1u << 8 | 2);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush_all();
    CHECK_EQ(holders(SPI), 0); /* nobody to take it: it waits */
    /* 32-bit halves: Aff3 in the upper one, Aff2-0 in the lower one. */
    gicd_write_size(0, GICD_IROUTER(SPI) + 4, 0x7, 4);
    CHECK_EQ(gicd_read_size(0, GICD_IROUTER(SPI) + 4, 4), 0x7);
    gicd_write_size(0, GICD_IROUTER(SPI) + 4, 0, 4);
    gicd_write_size(0, GICD_IROUTER(SPI), 3, 4);
    CHECK_EQ(gicd_read_size(0, GICD_IROUTER(SPI), 8), 3);
    flush_all();
    CHECK_EQ(holders(SPI), 1u << 3);
    /* Byte accesses are RAZ/WI; SGI and PPI routers do not exist. */
    gicd_write_size(0, GICD_IROUTER(SPI), 1, 1);
    CHECK_EQ(gicd_read_size(0, GICD_IROUTER(SPI), 1), 0);
    CHECK_EQ(gicd_read_size(0, GICD_IROUTER(SPI), 8), 3);
    gicd_write_size(0, GICD_IROUTER(5), 1, 8);
    CHECK_EQ(gicd_read_size(0, GICD_IROUTER(5), 8), 0);
    teardown();
}

TEST(vgic_group_enable_lets_waiting_interrupts_through)
{
    setup();
    route(0, SPI, 1);
    gicd_write(0, GICD_ISENABLER1, SPI_BIT);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    gicr_write(0, 2, GICR_ISENABLER0, 1u << 5);
    vgic_inject(&vm->vcpus[2], 5);
    flush_all();
    CHECK_EQ(holders(SPI) | holders(5), 0); /* group 1 still off */
    memset(test_kicks, 0, sizeof(test_kicks));
    gicd_write(0, GICD_CTLR, CTLR_GRP1);
    for (unsigned i = 0; i < NR_VCPUS; i++)
        CHECK(test_kicks[i] > 0);
    flush_all();
    CHECK_EQ(holders(SPI), 1u << 1);
    CHECK_EQ(holders(5), 1u << 2);
    teardown();
}

TEST(vgic_private_interrupts_stay_with_their_vcpu)
{
    setup();
    gicd_write(0, GICD_CTLR, CTLR_GRP1);
    gicr_write(0, 1, GICR_ISENABLER0, 1u << 1);
    gicr_write(0, 1, GICR_IPRIORITYR, 0x90u << 8);
    gicr_write(0, 1, GICR_ISPENDR0, 1u << 1); /* vCPU 0 pends vCPU 1's SGI 1 */
    flush_all();
    CHECK_EQ(holders(1), 1u << 1);
    CHECK_EQ(fake_lr[1][fake_find_lr(1, 1)] >> LR_PRIORITY_SHIFT & 0xff, 0x90);
    /* ICC_SGI1R_EL1 from vCPU 1: SGI 1 to Aff0 = 3. */
    run_on(1);
    vgic_send_sgi(&vm->vcpus[1], 1ull << 24 | 1u << 3);
    gicr_write(3, 3, GICR_ISENABLER0, 1u << 1);
    flush(3);
    CHECK_EQ(holders(1), 1u << 1 | 1u << 3);
    teardown();
}

TEST(vgic_waits_for_free_list_registers)
{
    setup();
    enable_spis(0x3f, 0); /* six SPIs, four list registers */
    gicd_write(0, GICD_ISPENDR1, 0x3f);
    flush(0);
    CHECK_EQ(fake_lrs_used(0), FAKE_LRS);
    CHECK(fake_underflow[0]);
    CHECK(atomic_load(&vm->vcpus[0].attention));
    fake_guest_ack(0, 32);
    guest_end(0, 32);
    fake_guest_ack(0, 33);
    guest_end(0, 33);
    flush(0);
    CHECK(holders(36) && holders(37));
    CHECK(!fake_underflow[0]);
    teardown();
}

TEST(vgic_vtimer_is_handed_over_with_the_hw_bit)
{
    uint64_t lr;

    setup();
    gicd_write(0, GICD_CTLR, CTLR_GRP1);
    gicr_write(0, 0, GICR_ISENABLER0, 1u << INTID_VTIMER);
    flush(0);
    vgic_vtimer_fired(&vm->vcpus[0]);
    lr = fake_lr[0][0];
    CHECK(lr & LR_HW);
    CHECK_EQ(lr >> LR_PINTID_SHIFT & 0x3ff, INTID_VTIMER);
    CHECK_EQ(lr & LR_VINTID_MASK, INTID_VTIMER);
    CHECK_EQ(lr & LR_STATE_MASK, LR_PENDING);
    CHECK(!atomic_load(&vm->vcpus[0].attention)); /* the fast path: nothing left to do */
    fake_guest_ack(0, INTID_VTIMER);
    /* The domain stops with the interrupt still active: the hypervisor ends
     * it, or the pCPU's next owner would never see its timer again. */
    vgic_quiesce(&vm->vcpus[0]);
    CHECK_EQ(fake_deactivations[0], 1);
    CHECK_EQ(fake_last_deactivated[0], INTID_VTIMER);
    CHECK_EQ(fake_lrs_used(0), 0);
    /* Ended by the guest: nothing left to deactivate. */
    vgic_vtimer_fired(&vm->vcpus[0]);
    fake_guest_ack(0, INTID_VTIMER);
    fake_guest_eoi(0, INTID_VTIMER);
    vgic_quiesce(&vm->vcpus[0]);
    CHECK_EQ(fake_deactivations[0], 1);
    teardown();
}

TEST(vgic_vtimer_waits_while_disabled_or_its_intid_is_busy)
{
    setup();
    gicd_write(0, GICD_CTLR, CTLR_GRP1);
    run_on(0);
    vgic_vtimer_fired(&vm->vcpus[0]);
    flush(0);
    CHECK_EQ(fake_lrs_used(0), 0);
    gicr_write(0, 0, GICR_ISENABLER0, 1u << INTID_VTIMER);
    flush(0);
    CHECK(fake_lr[0][fake_find_lr(0, INTID_VTIMER)] & LR_HW);
    fake_guest_ack(0, INTID_VTIMER);
    fake_guest_eoi(0, INTID_VTIMER);

    /* A software request for INTID 27 the guest is handling: the hardware
     * one waits for its end, never two list registers with one INTID, and
     * without the underflow interrupt (one list register in use would
     * raise it at once, forever). */
    gicr_write(0, 0, GICR_ISPENDR0, 1u << INTID_VTIMER);
    flush(0);
    fake_guest_ack(0, INTID_VTIMER);
    run_on(0);
    vgic_vtimer_fired(&vm->vcpus[0]);
    flush(0);
    CHECK_EQ(fake_lrs_used(0), 1);
    CHECK(!(fake_lr[0][fake_find_lr(0, INTID_VTIMER)] & LR_HW));
    CHECK(!fake_underflow[0]);
    guest_end(0, INTID_VTIMER);
    CHECK(atomic_load(&vm->vcpus[0].attention));
    flush(0);
    CHECK_EQ(fake_lrs_used(0), 1);
    CHECK(fake_lr[0][fake_find_lr(0, INTID_VTIMER)] & LR_HW);
    CHECK(!vm->vcpus[0].arch.vgic.vtimer_waiting);

    vgic_quiesce(&vm->vcpus[0]);
    CHECK_EQ(fake_deactivations[0], 1);

    /* Quiesced while waiting for the guest to enable it: deactivated all
     * the same. */
    gicr_write(0, 0, GICR_ICENABLER0, 1u << INTID_VTIMER);
    run_on(0);
    vgic_vtimer_fired(&vm->vcpus[0]);
    flush(0);
    CHECK(vm->vcpus[0].arch.vgic.vtimer_waiting);
    vgic_quiesce(&vm->vcpus[0]);
    CHECK_EQ(fake_deactivations[0], 2);
    CHECK(!vm->vcpus[0].arch.vgic.vtimer_waiting);
    teardown();
}

TEST(vgic_quiesce_gives_spis_back_to_the_distributor)
{
    setup();
    enable_spis(SPI_BIT | 1u << (SPI2 - 32), 1);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT | 1u << (SPI2 - 32));
    flush(1);
    fake_guest_ack(1, SPI2);
    run_on(1);
    vgic_quiesce(&vm->vcpus[1]); /* vCPU 1 turns off */
    CHECK_EQ(fake_lrs_used(1), 0);
    CHECK_EQ(gicd_read(0, GICD_ISPENDR1), SPI_BIT); /* its pending one waits */
    CHECK_EQ(gicd_read(0, GICD_ISACTIVER1), 0);     /* its active one is dropped */
    route(0, SPI, 0);
    flush(0);
    CHECK_EQ(holders(SPI), 1u << 0);
    teardown();
}

TEST(vgic_spi_pending_at_another_vcpu_is_not_active)
{
    setup();
    enable_spis(SPI_BIT, 1);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush(1);
    fake_guest_ack(1, SPI);
    /* vCPU 0 takes the SPI for itself and raises it again while vCPU 1
     * still handles the first. */
    route(0, SPI, 0);
    gicd_write(0, GICD_ISPENDR1, SPI_BIT);
    flush(0);
    CHECK_EQ(holders(SPI), 1u << 1);
    guest_end(1, SPI); /* vCPU 1 ends it: the SPI moves to vCPU 0, pending */
    flush(0);
    CHECK_EQ(holders(SPI), 1u << 0);
    CHECK_EQ(fake_lr[0][fake_find_lr(0, SPI)] & LR_STATE_MASK, LR_PENDING);
    /* vCPU 1 reads GICD_ISACTIVER right after its EOI: vCPU 0 has not
     * taken the SPI (its interrupts are masked), so it is pending, not
     * active. */
    CHECK_EQ(gicd_read(1, GICD_ISACTIVER1) & SPI_BIT, 0);
    CHECK_EQ(gicd_read(1, GICD_ISPENDR1) & SPI_BIT, SPI_BIT);
    teardown();
}

/* ---- SPIs backed by a physical interrupt (passthrough) ---- */

#define HW_VIRQ 79 /* the last virtio-mmio transport's line on QEMU virt */
#define HW_PINTID 78
#define GICD_ISENABLER2 0x0108
#define GICD_ISPENDR2 0x0208
#define GICD_ICPENDR2 0x0288

static void enable_hw_spi(unsigned vcpu)
{
    gicd_write(0, GICD_CTLR, CTLR_GRP1);
    route(0, HW_VIRQ, vcpu);
    gicd_write_size(0, GICD_IPRIORITYR + HW_VIRQ, 0xa0, 1);
    gicd_write(0, GICD_ISENABLER2, 1u << (HW_VIRQ - 64));
}

TEST(vgic_spis_beyond_the_first_32_have_their_registers)
{
    setup();
    CHECK_EQ(gicd_read(0, GICD_TYPER) & 0x1f, 2); /* 96 INTIDs */
    enable_hw_spi(1);
    CHECK_EQ(gicd_read(0, GICD_ISENABLER2), 1u << (HW_VIRQ - 64));
    CHECK_EQ(gicd_read(0, GICD_ISENABLER1), 0);
    gicd_write(0, GICD_ISPENDR2, 1u << (HW_VIRQ - 64));
    CHECK_EQ(gicd_read(0, GICD_ISPENDR2), 1u << (HW_VIRQ - 64));
    flush_all();
    CHECK_EQ(holders(HW_VIRQ), 1u << 1);
    teardown();
}

TEST(vgic_hw_spi_uses_the_hw_bit_and_follows_its_route)
{
    setup();
    CHECK_EQ(vgic_bind_hw(vm, HW_VIRQ, HW_PINTID), 0);
    CHECK_EQ(vgic_bind_hw(vm, HW_VIRQ, HW_PINTID + 1), -EINVAL); /* taken */
    CHECK_EQ(vgic_bind_hw(vm, 96, HW_PINTID + 1), -EINVAL);      /* beyond the vGIC */
    CHECK_EQ(vgic_bind_hw(vm, 27, HW_PINTID + 1), -EINVAL);      /* not an SPI */
    enable_hw_spi(2);
    CHECK_EQ(fake_spi_route[HW_PINTID], vm->vcpus[2].pcpu); /* taken where it is delivered */
    vgic_inject_spi(vm, HW_VIRQ);                           /* the physical one fired */
    flush_all();
    CHECK_EQ(holders(HW_VIRQ), 1u << 2);
    {
        uint64_t lr = fake_lr[2][fake_find_lr(2, HW_VIRQ)];

        CHECK(lr & LR_HW);
        CHECK_EQ(lr >> LR_PINTID_SHIFT & 0x3ff, HW_PINTID);
        CHECK_EQ(lr & LR_STATE_MASK, LR_PENDING);
    }
    /* The guest's EOI deactivates the physical interrupt: no maintenance
     * interrupt, nothing for the hypervisor to deactivate. */
    fake_guest_ack(2, HW_VIRQ);
    guest_end(2, HW_VIRQ);
    CHECK_EQ(fake_deactivations[2], 0);
    /* It fires again: found ended, placed again, on its new route. */
    route(0, HW_VIRQ, 3);
    CHECK_EQ(fake_spi_route[HW_PINTID], vm->vcpus[3].pcpu);
    vgic_inject_spi(vm, HW_VIRQ);
    flush(2);
    flush(3);
    CHECK_EQ(holders(HW_VIRQ), 1u << 3);
    CHECK_EQ(vm->vcpus[2].irqs_injected + vm->vcpus[3].irqs_injected, 2);
    teardown();
}

TEST(vgic_hw_spi_withdrawn_deactivates_the_physical_one)
{
    setup();
    CHECK_EQ(vgic_bind_hw(vm, HW_VIRQ, HW_PINTID), 0);
    enable_hw_spi(1);
    gicd_write(0, GICD_ICENABLER1 + 4, 1u << (HW_VIRQ - 64)); /* disabled: it waits */
    vgic_inject_spi(vm, HW_VIRQ);
    flush_all();
    CHECK_EQ(holders(HW_VIRQ), 0);
    run_on(0);
    gicd_write(0, GICD_ICPENDR2, 1u << (HW_VIRQ - 64));
    CHECK_EQ(fake_deactivations[0], 1);
    CHECK_EQ(fake_last_deactivated[0], HW_PINTID);
    /* Delivered, then the vCPU leaves its pCPU: ended there too. */
    gicd_write(0, GICD_ISENABLER2, 1u << (HW_VIRQ - 64));
    vgic_inject_spi(vm, HW_VIRQ);
    flush(1);
    CHECK_EQ(holders(HW_VIRQ), 1u << 1);
    run_on(1);
    vgic_quiesce(&vm->vcpus[1]);
    CHECK_EQ(fake_deactivations[1], 1);
    CHECK_EQ(fake_last_deactivated[1], HW_PINTID);
    vgic_unbind_hw(vm);
    teardown();
}

/* What ends a trapped WFI: an interrupt pending in a list register of the
 * pCPU, not one the guest is already handling. */
TEST(vgic_lr_pending_wakes_only_for_a_pending_interrupt)
{
    setup();
    gicd_write(0, GICD_CTLR, CTLR_GRP1);
    gicr_write(0, 0, GICR_ISENABLER0, 1u << 1);
    run_on(0);
    CHECK(!vgic_lr_pending());
    gicr_write(0, 0, GICR_ISPENDR0, 1u << 1);
    CHECK(!vgic_lr_pending()); /* still in the distributor: `attention` says so */
    flush(0);
    CHECK(vgic_lr_pending());
    fake_guest_ack(0, 1);
    CHECK(!vgic_lr_pending()); /* active only */
    run_on(1);
    CHECK(!vgic_lr_pending()); /* another pCPU's list registers */
    teardown();
}
