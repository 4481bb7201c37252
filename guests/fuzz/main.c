/* fuzz: a hostile domain. It throws random operations of its architecture
 * at the hypervisor (<arch>/operations.c: hypervisor and firmware calls
 * with hostile arguments, accesses to its emulated devices, registers the
 * hypervisor traps or does not know), then prints what came back and
 * "fuzz: done". Every exception the guest takes itself (illegal
 * instructions, access faults the hypervisor injects) is counted and
 * stepped over. It needs 64 MiB of RAM (the default). The hypervisor must keep every other domain
 * running and stop this one alone if anything. Bootargs: ops=N (default 20000), seed=S (default 1),
 * mmio=any. */
#include <public/septum.h>
#include "fuzz/fuzz.h"
#include "lib/bootargs.h"
#include "lib/console.h"
#include "lib/dtb.h"
#include "lib/exceptions.h"
#include "lib/runtime.h"

const char guest_name[] = "fuzz";

bool fuzz_any_mmio;
static uint64_t rng_state;
static unsigned long taken[EXCEPTION_OTHER + 1];

uint64_t fuzz_random(void)
{
    uint64_t z = rng_state += 0x9e3779b97f4a7c15ull;

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t fuzz_below(uint64_t n)
{
    return fuzz_random() % n;
}

uint64_t fuzz_argument(void)
{
    static const uint64_t edges[] = {
        0,
        1,
        7,
        0x7ff0,
        0xffff,
        0xffffffff,
        ~0ull,
        1ull << 63,
        0x1000,
        0x7ffffff000ull,
        0xfffffffffffff000ull,
        GUEST_RAM_BASE,
        GUEST_RAM_BASE - 1,
        SEPTUM_BUFFER_MAX,
        SEPTUM_BUFFER_MAX + 1,
    };

    switch (fuzz_below(3)) {
    case 0:
        return fuzz_random();
    case 1:
        return FUZZ_SCRATCH + fuzz_below(FUZZ_SCRATCH_SIZE);
    default:
        return edges[fuzz_below(sizeof(edges) / sizeof(edges[0]))];
    }
}

void fuzz_access(uintptr_t addr, unsigned size, bool write, uint64_t value)
{
    switch (size | (write ? 16 : 0)) {
    case 1:
        (void)*(volatile uint8_t *)addr;
        break;
    case 2:
        (void)*(volatile uint16_t *)addr;
        break;
    case 4:
        (void)*(volatile uint32_t *)addr;
        break;
    case 8:
        (void)*(volatile uint64_t *)addr;
        break;
    case 17:
        *(volatile uint8_t *)addr = (uint8_t)value;
        break;
    case 18:
        *(volatile uint16_t *)addr = (uint16_t)value;
        break;
    case 20:
        *(volatile uint32_t *)addr = (uint32_t)value;
        break;
    default:
        *(volatile uint64_t *)addr = value;
        break;
    }
}

static bool step_over(struct exception_frame *frame, uint64_t cause, uint64_t addr)
{
    (void)addr;
    taken[exception_kind(cause)]++;
    fuzz_step_over(frame, cause);
    return true;
}

int main(const void *dtb)
{
    struct fdt fdt;
    const char *args = dtb_open(&fdt, dtb) == 0 ? dtb_bootargs(&fdt) : "";
    uint64_t ops = 20000, seed = 1;
    char mmio[8];

    bootargs_u64(args, "ops", &ops);
    bootargs_u64(args, "seed", &seed);
    fuzz_any_mmio = bootargs_value(args, "mmio", mmio, sizeof(mmio)) && mmio[0] == 'a';
    rng_state = seed;
    exceptions_set_sync_handler(step_over);
    console_printf("fuzz: %lu operations, seed %lu%s\n", (unsigned long)ops, (unsigned long)seed,
                   fuzz_any_mmio ? ", any MMIO" : "");
    for (uint64_t i = 0; i < ops; i++)
        fuzz_operation();
    console_printf("fuzz: exceptions taken in the guest: undefined %lu, access fault %lu, "
                   "other %lu\n",
                   taken[EXCEPTION_UNDEFINED], taken[EXCEPTION_ACCESS_FAULT],
                   taken[EXCEPTION_OTHER]);
    console_printf("fuzz: done\n");
    return 0;
}
