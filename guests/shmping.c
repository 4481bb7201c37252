/* shmping: two domains exchange messages through a shared-memory region
 * with doorbells (public/septum.h, "Shared memory"). Bootargs:
 *   role=ping   sends count= messages (10), each answered before the next;
 *               with `bench`, measures a ring and a round trip (make bench)
 *   role=pong   answers count= messages, then powers off; it waits for the
 *               first as long as it takes (a service waiting for a client)
 *   role=probe  reads probe=ADDRESS, where another domain's region is: a
 *               domain that is no peer must take a data abort there
 *   shm=NAME    the region (default: the first in the device tree)
 * Messages go through the region; the doorbell only says "look".
 * arm64 only: the doorbell is a GIC SPI, and riscv64 domains have no
 * shared-memory regions yet. */
#include <stdint.h>
#include <septum/errno.h>
#include <septum/format.h>
#include <septum/string.h>
#include "bench/bench.h"
#include "lib/arm64/gic.h"
#include "lib/arm64/shm.h"
#include "lib/bootargs.h"
#include "lib/console.h"
#include "lib/dtb.h"
#include "lib/exceptions.h"
#include "lib/runtime.h"
#include "lib/timer.h"

/* Where each side writes in the region: its sequence number, then its
 * message, each in a cache line of its own. */
#define PING_SEQ 0x000
#define PONG_SEQ 0x040
#define PING_MSG 0x100
#define PONG_MSG 0x200
#define MSG_MAX 64
#define WAIT_MS 20000 /* generous: TCG on a loaded host */
#define BENCH_WARMUP 4

const char guest_name[] = "shmping";

static struct shm shm;
static uint32_t peer;

static volatile uint32_t *word(unsigned offset)
{
    return (volatile uint32_t *)(shm.mem + offset);
}

/* The region is Device memory to a guest with its MMU off: byte copies. */
static void put_message(unsigned offset, const char *text)
{
    volatile char *to = (volatile char *)(shm.mem + offset);
    size_t i = 0;

    do {
        to[i] = text[i];
    } while (text[i++] && i < MSG_MAX);
}

static bool message_is(unsigned offset, const char *text)
{
    const volatile char *from = (const volatile char *)(shm.mem + offset);

    for (size_t i = 0; i < MSG_MAX; i++) {
        if (from[i] != text[i])
            return false;
        if (!text[i])
            return true;
    }
    return false;
}

/* Sleeps on the doorbell until the word at offset reads want; gives up
 * after WAIT_MS unless forever. */
static void wait_for(unsigned offset, uint32_t want, const char *what, bool forever)
{
    uint64_t deadline = timer_deadline_ms(WAIT_MS);
    uint32_t seen = shm_doorbells();

    while (*word(offset) != want) {
        if (forever)
            deadline = timer_deadline_ms(WAIT_MS);
        else if (timer_passed(deadline))
            guest_fail("no %s %u after %u ms (doorbells %u, rings %u)", what, want, WAIT_MS,
                       shm_doorbells(), shm_reg(&shm, SEPTUM_SHM_REG_RINGS));
        seen = shm_wait(seen, deadline);
    }
}

static void ping_once(uint32_t n)
{
    char text[MSG_MAX];

    snprintf(text, sizeof(text), "ping %u", n);
    put_message(PING_MSG, text);
    dmb();
    *word(PING_SEQ) = n;
    dsb();
    shm_ring(&shm, peer);
    wait_for(PONG_SEQ, n, "pong", false);
    snprintf(text, sizeof(text), "pong %u", n);
    if (!message_is(PONG_MSG, text))
        guest_fail("pong %u came with the wrong message", n);
}

static void bench(unsigned count)
{
    struct counts a, b, ring, trip;

    pmu_setup();
    for (unsigned i = 1; i <= BENCH_WARMUP; i++)
        ping_once(i);
    /* One ring on its own: the peer wakes, finds no new message and
     * sleeps again. */
    counts_read(&a);
    shm_ring(&shm, peer);
    counts_read(&b);
    counts_delta(&a, &b, &ring);
    counts_read(&a);
    for (unsigned i = BENCH_WARMUP + 1; i <= BENCH_WARMUP + count; i++)
        ping_once(i);
    counts_read(&b);
    counts_delta(&a, &b, &trip);
    console_printf("shmping: bench ring_el2=%llu round_trip_ns=%llu round_trip_el2=%llu "
                   "round_trip_el1=%llu\n",
                   (unsigned long long)ring.el2, (unsigned long long)(trip.round_trip / count),
                   (unsigned long long)(trip.el2 / count), (unsigned long long)(trip.el1 / count));
}

static void ping(unsigned count, bool measure)
{
    if (measure) {
        bench(count);
    } else {
        for (uint32_t n = 1; n <= count; n++)
            ping_once(n);
    }
    console_printf("shmping: ping: %u round trips, rings received %u\n", count,
                   shm_reg(&shm, SEPTUM_SHM_REG_RINGS));
}

static void pong(unsigned count)
{
    char text[MSG_MAX];

    for (uint32_t n = 1; n <= count; n++) {
        wait_for(PING_SEQ, n, "ping", n == 1);
        snprintf(text, sizeof(text), "ping %u", n);
        if (!message_is(PING_MSG, text))
            guest_fail("ping %u came with the wrong message", n);
        snprintf(text, sizeof(text), "pong %u", n);
        put_message(PONG_MSG, text);
        dmb();
        *word(PONG_SEQ) = n;
        dsb();
        shm_ring(&shm, peer);
    }
    console_printf("shmping: pong: answered %u, rings received %u\n", count,
                   shm_reg(&shm, SEPTUM_SHM_REG_RINGS));
}

static bool probe_fault(struct exception_frame *frame, uint64_t esr, uint64_t far)
{
    (void)frame;
    console_printf("shmping: probe: data abort at 0x%llx (ESR 0x%llx)\n", (unsigned long long)far,
                   (unsigned long long)esr);
    system_off();
}

static void probe(const char *args)
{
    uint64_t address;

    if (bootargs_u64(args, "probe", &address))
        guest_fail("role=probe needs probe=ADDRESS");
    exceptions_set_sync_handler(probe_fault);
    console_printf("shmping: probe: reading 0x%llx\n", (unsigned long long)address);
    console_printf("shmping: probe: FAIL read 0x%x\n", *(volatile uint32_t *)(uintptr_t)address);
}

static void handle_irq(struct exception_frame *frame)
{
    uint32_t intid = gic_ack();

    (void)frame;
    if (intid >= 1020)
        return;
    if (!shm_irq(intid))
        console_printf("shmping: unexpected intid %u\n", intid);
    gic_eoi(intid);
}

static void setup(const struct fdt *fdt, const char *args)
{
    char name[SEPTUM_NAME_MAX];
    bool named = bootargs_value(args, "shm", name, sizeof(name));
    int other, err = shm_find(fdt, named ? name : NULL, &shm);

    if (err)
        guest_fail("no shared-memory region%s%s in the device tree (%d)", named ? " " : "",
                   named ? name : "", err);
    if (shm_reg(&shm, SEPTUM_SHM_REG_MAGIC) != SEPTUM_SHM_MAGIC)
        guest_fail("no doorbell registers at 0x%llx", (unsigned long long)shm.regs);
    other = shm_other_peer(&shm);
    if (other < 0)
        guest_fail("%s has no other peer", shm.name);
    peer = (uint32_t)other;
    console_printf("shmping: %s: peer %u of 0x%x, %llu KiB at 0x%llx, SPI %u\n", shm.name,
                   shm_reg(&shm, SEPTUM_SHM_REG_ID), shm_reg(&shm, SEPTUM_SHM_REG_PEERS),
                   (unsigned long long)(shm.size >> 10), (unsigned long long)shm.mem, shm.intid);
    exceptions_set_irq_handler(handle_irq);
    if (gic_dist_enable() || gic_redist_wake(0))
        guest_fail("GIC did not come up");
    gic_cpu_interface_enable();
    shm_irq_setup(&shm, cpu_hwid());
    irq_enable();
}

int main(const void *dtb)
{
    struct fdt fdt;
    const char *args;
    char role[8];
    uint64_t count = 10;
    int err;

    if (dtb_open(&fdt, dtb) != 0)
        guest_fail("no valid DTB at %p", dtb);
    args = dtb_bootargs(&fdt);
    if (!bootargs_value(args, "role", role, sizeof(role)))
        guest_fail("no role= (ping, pong or probe)");
    err = bootargs_u64(args, "count", &count);
    if (err == -EINVAL || count == 0 || count > 1000000)
        guest_fail("count= must be a number from 1 to 1000000");
    if (strcmp(role, "probe") == 0) {
        probe(args);
        return 0;
    }
    setup(&fdt, args);
    if (strcmp(role, "ping") == 0)
        ping((unsigned)count, bootargs_has_word(args, "bench"));
    else if (strcmp(role, "pong") == 0)
        pong((unsigned)count);
    else
        guest_fail("unknown role=%s", role);
    return 0;
}
