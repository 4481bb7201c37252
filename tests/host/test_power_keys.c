/* The power keys (an emulated PL061 behind gpio-keys) and the control
 * domain's requests that press them; synchronous pause. */
#include <string.h>
#include <public/septum.h>
#include <septum/devmgr.h>
#include <septum/errno.h>
#include <septum/hypercall.h>
#include <septum/vm.h>
#include "check.h"
#include "test_hal.h"

#define MIB (1ull << 20)
#define GPIOIBE 0x408
#define GPIOIE 0x410
#define GPIORIS 0x414
#define GPIOMIS 0x418
#define GPIOIC 0x41c
#define POWER (1u << SEPTUM_GPIO_KEY_POWER)
#define CTRL (1u << SEPTUM_GPIO_KEY_CTRL)
#define ALT (1u << SEPTUM_GPIO_KEY_ALT)
#define DEL (1u << SEPTUM_GPIO_KEY_DELETE)
#define KEYS (POWER | CTRL | ALT | DEL)

/* A domain; `control` makes it stand in for the control domain as a
 * hypercall's caller (a real one is direct-mapped, which the host's RAM
 * arena cannot be). */
static struct vm *domain(const char *name, unsigned pcpu, bool control)
{
    struct domain_config c = {.nr_vcpus = 1, .mem_size = 8 * MIB};
    struct vm *vm;

    strcpy(c.name, name);
    c.pcpu[0] = pcpu;
    CHECK_EQ(vm_create(&c, &vm), 0);
    vm->config.control = control;
    return vm;
}

static uint32_t gpio_read(struct vm *vm, uint64_t off)
{
    uint64_t v = 0;

    CHECK_EQ(devmgr_access(&vm->devices, &vm->vcpus[0], SEPTUM_GUEST_GPIO_BASE + off, 4, false, &v),
             0);
    return (uint32_t)v;
}

static void gpio_write(struct vm *vm, uint64_t off, uint32_t v)
{
    uint64_t value = v;

    CHECK_EQ(
        devmgr_access(&vm->devices, &vm->vcpus[0], SEPTUM_GUEST_GPIO_BASE + off, 4, true, &value),
        0);
}

/* What gpio-keys reads for one key: the data register through its mask. */
static uint32_t key(struct vm *vm, uint32_t bit)
{
    return gpio_read(vm, (uint64_t)bit << 2);
}

static uint64_t irqs(struct vm *vm)
{
    struct mmio_counters c;

    for (unsigned i = 0; i < vm->devices.count; i++) {
        if (vm->devices.devices[i].base == SEPTUM_GUEST_GPIO_BASE) {
            devmgr_sum_counters(&vm->devices, i, &c);
            return c.irqs;
        }
    }
    return 0;
}

/* As Linux's gpio-pl061 sets up gpio-keys' lines: both edges, unmasked. */
static void set_up_like_linux(struct vm *vm)
{
    gpio_write(vm, GPIOIBE, KEYS);
    gpio_write(vm, GPIOIE, KEYS);
}

TEST(power_keys_press_and_release_the_power_key)
{
    struct vm *keep, *vm;

    test_hal_reset();
    keep = domain("keep", 3, false);
    vm = domain("guest", 1, false);
    CHECK_EQ(gpio_read(vm, 0xfe0), 0x61); /* a PL061, by its PrimeCell id (amba reads words) */
    {
        uint64_t word = 0;

        CHECK_EQ(devmgr_access(&vm->devices, &vm->vcpus[0], SEPTUM_GUEST_GPIO_BASE + 0xfe4, 4,
                               false, &word),
                 0);
        CHECK_EQ(word, 0x10);
    }
    CHECK_EQ(gpio_read(vm, 0xff0), 0x0d);
    CHECK_EQ(vm_request_stop(vm, false), -EBUSY); /* only a running domain is asked */
    CHECK_EQ(vm_start(vm), 0);
    set_up_like_linux(vm);
    CHECK_EQ(vm_request_stop(vm, false), 0);
    CHECK_EQ(atomic_load(&vm->state), VM_RUNNING); /* asked, not stopped */
    CHECK_EQ(gpio_read(vm, GPIOMIS), POWER);
    CHECK_EQ(irqs(vm), 1);
    gpio_write(vm, GPIOIC, POWER);
    CHECK_EQ(gpio_read(vm, GPIORIS), 0);
    CHECK_EQ(key(vm, POWER), POWER); /* seen down: released */
    CHECK_EQ(gpio_read(vm, GPIOMIS), POWER);
    CHECK_EQ(irqs(vm), 2);
    gpio_write(vm, GPIOIC, POWER);
    CHECK_EQ(key(vm, POWER), 0);
    CHECK_EQ(gpio_read(vm, GPIORIS), 0);
    vm_destroy(vm);
    vm_destroy(keep);
}

TEST(power_keys_type_ctrl_alt_del_in_order)
{
    struct vm *keep, *vm;

    test_hal_reset();
    keep = domain("keep", 3, false);
    vm = domain("guest", 1, false);
    CHECK_EQ(vm_start(vm), 0);
    set_up_like_linux(vm);
    CHECK_EQ(vm_request_stop(vm, true), 0);
    CHECK_EQ(gpio_read(vm, GPIOMIS), CTRL | ALT);
    gpio_write(vm, GPIOIC, CTRL | ALT);
    CHECK_EQ(key(vm, CTRL), CTRL);
    CHECK_EQ(gpio_read(vm, GPIORIS), 0); /* Delete waits for Alt to be seen */
    CHECK_EQ(key(vm, ALT), ALT);
    CHECK_EQ(gpio_read(vm, GPIORIS), DEL);
    gpio_write(vm, GPIOIC, DEL);
    CHECK_EQ(gpio_read(vm, GPIORIS), 0); /* Ctrl and Alt still held */
    CHECK_EQ(key(vm, DEL), DEL);
    CHECK_EQ(gpio_read(vm, GPIORIS), CTRL | ALT | DEL); /* then released together */
    CHECK_EQ(gpio_read(vm, 0x3fc), 0);
    vm_destroy(vm);
    vm_destroy(keep);
}

TEST(shutdown_requests_through_the_hypercall)
{
    struct vm *dom0, *vm;
    uint64_t args[5] = {0}, res[3];

    test_hal_reset();
    dom0 = domain("dom0", 0, true);
    vm = domain("guest", 1, false);
    args[0] = vm->id, args[1] = SEPTUM_SHUTDOWN_REQUEST_POWEROFF;
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_SHUTDOWN, args, res), -EBUSY);
    CHECK_EQ(vm_start(vm), 0);
    set_up_like_linux(vm);
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_SHUTDOWN, args, res), 0);
    CHECK_EQ(gpio_read(vm, GPIORIS), POWER);
    args[1] = SEPTUM_SHUTDOWN_REQUEST_REBOOT + 1;
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_SHUTDOWN, args, res), -EINVAL);
    vm_destroy(vm);
    vm_destroy(dom0);
}

TEST(pause_returns_only_once_the_vcpus_are_out)
{
    struct vm *dom0, *vm;
    uint64_t args[5] = {0}, res[3];

    test_hal_reset();
    dom0 = domain("dom0", 0, true);
    vm = domain("guest", 1, false);
    CHECK_EQ(vm_start(vm), 0);
    atomic_store(&vm->vcpus[0].in_guest, true); /* running guest code */
    args[0] = vm->id;
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_PAUSE, args, res), -EAGAIN);
    CHECK_EQ(atomic_load(&vm->state), VM_PAUSED); /* paused already, vCPU kicked */
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_PAUSE, args, res), -EAGAIN);
    atomic_store(&vm->vcpus[0].in_guest, false); /* it took the kick */
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_PAUSE, args, res), 0);
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_UNPAUSE, args, res), 0);
    CHECK_EQ(hypercall_dispatch(&dom0->vcpus[0], SEPTUM_HC_DOMAIN_UNPAUSE, args, res), -EBUSY);
    vm_destroy(vm);
    vm_destroy(dom0);
}
