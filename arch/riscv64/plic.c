/* The physical PLIC (RISC-V PLIC specification): per-source priorities,
 * per-context enable bits, threshold and claim/complete registers. */
#include <stdint.h>
#include <arch/pcpu.h>
#include <arch/machine.h>
#include <arch/plic.h>

#define PRIORITY(src) (4u * (src))
#define ENABLE(ctx, src) (0x2000u + 0x80u * (ctx) + 4u * ((src) / 32))
#define THRESHOLD(ctx) (0x200000u + 0x1000u * (ctx))
#define CLAIM(ctx) (THRESHOLD(ctx) + 4)

static volatile uint32_t *reg(uint64_t offset)
{
    return (volatile uint32_t *)(uintptr_t)(machine.plic + offset);
}

static int my_context(void)
{
    return machine.plic ? machine.plic_context[this_pcpu()->id] : -1;
}

void plic_enable(unsigned source)
{
    int ctx = my_context();

    if (ctx < 0)
        return;
    *reg(PRIORITY(source)) = 1;
    *reg(ENABLE(ctx, source)) |= 1u << (source % 32);
}

void plic_init_cpu(void)
{
    int ctx = my_context();

    if (ctx >= 0)
        *reg(THRESHOLD(ctx)) = 0;
}

unsigned plic_claim(void)
{
    int ctx = my_context();

    return ctx < 0 ? 0 : *reg(CLAIM(ctx));
}

void plic_complete(unsigned source)
{
    int ctx = my_context();

    if (ctx >= 0)
        *reg(CLAIM(ctx)) = source;
}
