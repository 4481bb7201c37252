/* Platform services and architecture hooks for host unit tests: memory from
 * malloc, the guest RAM pool over one arena at a fixed low address (filled
 * with stale data, all dirty), recorders for kicks and console output, and
 * a small device space for passthrough. */
#define _GNU_SOURCE /* MAP_FIXED_NOREPLACE */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/guest_ram.h>
#include <septum/hal.h>
#include <septum/platform.h>
#include <septum/vm.h>
#include "check.h"
#include "test_hal.h"

#define PAGE 4096u

/* The machine as the core's passthrough checks see it: its console. */
struct platform platform = {
    .uart = TEST_HYP_UART, .uart_size = 0x1000, .uart_irq = TEST_HYP_UART_IRQ};

unsigned test_kicks[TEST_NR_PCPUS];
unsigned test_pcpu;
unsigned test_pages_in_use;
char test_console[65536];
size_t test_console_len;
jmp_buf test_system_off;
int test_system_off_armed;
unsigned test_injected[TEST_INJECT_DOMAINS];
unsigned test_injections[TEST_INJECT_DOMAINS];
static uint8_t *ram_arena;
static uint64_t clock_ns;

/* The guest RAM arena at a low address, as on a board: a direct-mapped
 * domain's RAM is seen at its own address, which stage 2 only maps below
 * its IPA limit. */
static uint8_t *arena(void)
{
    void *p = mmap((void *)(uintptr_t)TEST_RAM_PA, TEST_RAM_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

    if (p != (void *)(uintptr_t)TEST_RAM_PA) {
        fprintf(stderr, "cannot map the guest RAM arena at 0x%llx\n",
                (unsigned long long)TEST_RAM_PA);
        abort();
    }
    return p;
}

void test_hal_reset(void)
{
    if (!ram_arena)
        ram_arena = arena();
    memset(ram_arena, 0xa5, TEST_RAM_SIZE); /* stale data a scrub must remove */
    range_pool_init(guest_ram_pool());
    range_pool_add(guest_ram_pool(), (uintptr_t)ram_arena, TEST_RAM_SIZE, true);
    memset(test_kicks, 0, sizeof(test_kicks));
    memset(test_injected, 0, sizeof(test_injected));
    memset(test_injections, 0, sizeof(test_injections));
    test_pcpu = 0;
    test_console_len = 0;
    memset(test_dev, 0, sizeof(test_dev));
    memset(test_irq_virq, 0, sizeof(test_irq_virq));
    memset(test_irq_enabled, 0, sizeof(test_irq_enabled));
}

uint64_t test_ram_free(void)
{
    return guest_ram_free_bytes();
}

uint64_t test_ram_base(void)
{
    return (uintptr_t)ram_arena;
}

void *hal_alloc_pages(size_t pages)
{
    size_t size = pages * PAGE;
    /* Aligned as hal.h promises: a power of two to its size. */
    void *p = aligned_alloc((size & (size - 1)) == 0 ? size : PAGE, size);

    if (p) {
        memset(p, 0, pages * PAGE);
        test_pages_in_use += (unsigned)pages;
    }
    return p;
}

void hal_free_pages(void *p, size_t pages)
{
    free(p);
    test_pages_in_use -= (unsigned)pages;
}

void hal_zero_for_guest(paddr_t pa, uint64_t size)
{
    memset((void *)(uintptr_t)pa, 0, size);
}

void hal_sync_for_guest(paddr_t pa, uint64_t size)
{
    (void)pa;
    (void)size;
}

uint64_t hal_time_ns(void)
{
    return clock_ns += 1000;
}

unsigned hal_current_pcpu(void)
{
    return test_pcpu;
}

unsigned hal_nr_pcpus(void)
{
    return TEST_NR_PCPUS;
}

/* Kicks of the current pCPU are counted too (arm64 skips sending those):
 * a test sees that the vCPU was told either way. */
void hal_kick_pcpu(unsigned pcpu)
{
    if (pcpu < TEST_NR_PCPUS)
        test_kicks[pcpu]++;
}

void hal_console_write(const char *s, size_t len)
{
    if (len > sizeof(test_console) - test_console_len)
        len = sizeof(test_console) - test_console_len;
    memcpy(test_console + test_console_len, s, len);
    test_console_len += len;
}

void hal_system_off(void)
{
    if (test_system_off_armed)
        longjmp(test_system_off, 1);
    abort();
}

/* Architecture hooks: one fake device where the interrupt controller would
 * be, so the device table is exercised. */
static int fake_device(void *opaque, struct vcpu *vcpu, uint64_t offset, unsigned size, bool write,
                       uint64_t *value)
{
    (void)opaque;
    (void)vcpu;
    (void)size;
    if (!write)
        *value = offset;
    return 0;
}

unsigned arch_vm_device_count(const struct vm *vm)
{
    (void)vm;
    return 1;
}

unsigned arch_nr_virqs(void)
{
    return 64;
}

int arch_vm_init(struct vm *vm)
{
    static struct guest_regs regs[TEST_NR_PCPUS];

    for (unsigned i = 0; i < vm->config.nr_vcpus; i++) {
        vm->vcpus[i].arch.regs = &regs[vm->vcpus[i].pcpu];
        test_arch_vcpu_init(&vm->vcpus[i]);
    }
    return devmgr_register(&vm->devices, SEPTUM_GUEST_GICD_BASE, SEPTUM_GUEST_GICD_SIZE,
                           fake_device, vm, "fake");
}

void arch_vm_reset(struct vm *vm)
{
    (void)vm;
}

void arch_vm_release(struct vm *vm)
{
    (void)vm;
}

void arch_flush_guest_tlb(struct vm *vm)
{
    (void)vm;
}

void arch_inject_irq(struct vcpu *vcpu, unsigned intid)
{
    test_injected[vcpu->vm->id % TEST_INJECT_DOMAINS] = intid;
    test_injections[vcpu->vm->id % TEST_INJECT_DOMAINS]++;
}

uint64_t hal_ram_total(void)
{
    return TEST_RAM_SIZE;
}

void hal_system_reset(void)
{
    abort();
}

uint64_t hal_heap_free_bytes(void)
{
    return 1ull << 30; /* test pages come from malloc */
}

/* Passthrough: a fake device space, [TEST_DEV_SPACE, + TEST_DEV_SPACE_SIZE)
 * but the hypervisor's UART page, backed in its first page by test_dev[]
 * (the registers a forwarded or reset access reaches); SPIs 32 up to
 * TEST_NR_PIRQS but the UART's. */
uint32_t test_dev[1024];
unsigned test_irq_virq[TEST_NR_PIRQS];
bool test_irq_enabled[TEST_NR_PIRQS];

static uint32_t *test_dev_reg(paddr_t pa, unsigned size)
{
    CHECK(size == 4 && pa % 4 == 0 && pa >= TEST_DEV_PAGE && pa < TEST_DEV_PAGE + 4096);
    return &test_dev[(pa - TEST_DEV_PAGE) / 4];
}

uint64_t hal_mmio_read(paddr_t pa, unsigned size)
{
    return *test_dev_reg(pa, size);
}

void hal_mmio_write(paddr_t pa, unsigned size, uint64_t value)
{
    *test_dev_reg(pa, size) = (uint32_t)value;
}

const void *hal_host_fdt(uint64_t *size)
{
    *size = 0;
    return NULL;
}

int arch_mmio_passable(uint64_t pa, uint64_t size)
{
    if (pa < TEST_DEV_SPACE || pa + size > TEST_DEV_SPACE + TEST_DEV_SPACE_SIZE)
        return -EINVAL;
    return 0;
}

int arch_irq_passable(unsigned pirq)
{
    return pirq >= 32 && pirq < TEST_NR_PIRQS ? 0 : -EINVAL;
}

int arch_irq_bind(struct vm *vm, unsigned pirq, unsigned virq)
{
    (void)vm;
    if (virq < 32 || virq >= 96)
        return -EINVAL;
    test_irq_virq[pirq] = virq;
    test_irq_enabled[pirq] = true;
    return 0;
}

void arch_irq_unbind(unsigned pirq)
{
    test_irq_enabled[pirq] = false;
}
