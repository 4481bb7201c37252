/* hello: the smallest end-to-end check of a partition. It proves the guest
 * was entered per the boot protocol (with its DTB), can print, knows its
 * CPU and memory, and can power itself off or reset (PSCI, SBI). Bootargs:
 * name=X (greeting), reset (SYSTEM_RESET instead of SYSTEM_OFF), spin
 * (print a tick every 100 ms forever, to test stopping a running guest),
 * wait (stay up quietly after saying hello, like a service would),
 * zero-check (read all of RAM but its own image and the DTB: all zero?).
 * Every boot also checks that its memory came zeroed: it looks for the
 * marker an earlier boot (before a reset) left in the middle of RAM. */
#include <stdbool.h>
#include <stdint.h>
#include "lib/bootargs.h"
#include "lib/console.h"
#include "lib/dtb.h"
#include "lib/arch.h"
#include "lib/runtime.h"
#include "lib/timer.h"

#define TICK_MS 100
#define MARKER 0x5e97a3c15e97a3c1ull

const char guest_name[] = "hello";
extern char __image_start[], __image_end[];

static __attribute__((noreturn)) void tick_forever(void)
{
    uint64_t next = timer_count();

    for (unsigned long n = 1;; n++) {
        /* Deadlines advance by a fixed step, so late ticks do not drift. */
        next += timer_ticks_from_ms(TICK_MS);
        while (!timer_passed(next))
            cpu_relax();
        console_printf("hello: tick %lu\n", n);
    }
}

static void print_memory(const struct fdt *fdt)
{
    uint64_t base, size;
    unsigned i;

    for (i = 0; dtb_memory_bank(fdt, i, &base, &size) == 0; i++)
        console_printf("hello: memory 0x%lx size 0x%lx\n", (unsigned long)base,
                       (unsigned long)size);
    if (i == 0)
        console_printf("hello: no memory node\n");
}

static bool outside(uint64_t addr, uint64_t start, uint64_t end)
{
    return addr < start || addr >= end;
}

/* Reads every byte of the RAM bank that the loader did not fill (its own
 * image, stack included, and the DTB) and says whether all were zero, or
 * where the first one that was not is: memory handed to a domain must
 * hold nothing of an earlier owner's. */
static void check_all_zero(const struct fdt *fdt)
{
    uint64_t base, size, image = (uintptr_t)__image_start, image_end = (uintptr_t)__image_end;
    uint64_t dtb = (uintptr_t)fdt->blob, dtb_end = dtb + fdt->size;

    if (dtb_memory_bank(fdt, 0, &base, &size) != 0)
        return;
    for (uint64_t a = base; a < base + size; a += sizeof(uint64_t)) {
        if (outside(a, image, image_end) && outside(a, dtb & ~7ull, dtb_end) &&
            *(volatile const uint64_t *)(uintptr_t)a != 0) {
            console_printf("hello: memory not zero at 0x%lx\n", (unsigned long)a);
            return;
        }
    }
    console_printf("hello: all memory zero (%lu MiB)\n", (unsigned long)(size >> 20));
}

/* Reports whether the RAM bank still holds an earlier boot's marker, then
 * leaves one for the next boot to find. */
static void check_scrubbed(const struct fdt *fdt)
{
    uint64_t base, size;
    volatile uint64_t *marker;

    if (dtb_memory_bank(fdt, 0, &base, &size) != 0)
        return;
    marker = (volatile uint64_t *)(uintptr_t)(base + size / 2);
    console_printf("hello: memory %s\n", *marker == MARKER ? "NOT scrubbed" : "clean");
    *marker = MARKER;
}

int main(const void *dtb)
{
    struct fdt fdt;
    bool have_dtb = dtb_open(&fdt, dtb) == 0;
    const char *args = have_dtb ? dtb_bootargs(&fdt) : "";
    char name[32] = "hello";

    bootargs_value(args, "name", name, sizeof(name));
    console_printf("hello from %s\n", name);
    if (!have_dtb)
        console_printf("hello: no valid DTB at %p\n", dtb);
    console_printf("hello: " CPU_ID_NAME " 0x%lx\n", (unsigned long)cpu_id_register());
    if (have_dtb) {
        print_memory(&fdt);
        if (bootargs_has_word(args, "zero-check"))
            check_all_zero(&fdt); /* before the marker below is written */
        check_scrubbed(&fdt);
    }
    if (bootargs_has_word(args, "spin"))
        tick_forever();
    console_printf("hello: done\n");
    if (bootargs_has_word(args, "wait")) {
        for (;;)
            wfi(); /* nothing will wake it: it just stays */
    }
    if (bootargs_has_word(args, "reset")) {
        console_printf("hello: resetting\n");
        system_reset();
    }
    system_off();
}
