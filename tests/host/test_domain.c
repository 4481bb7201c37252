/* A bare domain for device-model tests (test_domain.h). */
#include <string.h>
#include <septum/devmgr.h>
#include <arch/vgic.h>
#include <septum/vuart.h>
#include "check.h"
#include "fake_gic.h"
#include "test_domain.h"
#include "test_hal.h"

#define DEVICES 3 /* distributor, redistributors, UART */

static struct vm domain;

struct vm *test_domain(unsigned nr_vcpus)
{
    struct vm *vm = &domain;

    CHECK(nr_vcpus <= TEST_NR_PCPUS);
    test_hal_reset();
    fake_gic_reset();
    memset(vm, 0, sizeof(*vm));
    vm->config.nr_vcpus = nr_vcpus;
    atomic_store(&vm->state, VM_RUNNING);
    console_init(vm);
    for (unsigned i = 0; i < nr_vcpus; i++) {
        vm->vcpus[i].vm = vm;
        vm->vcpus[i].id = i;
        vm->vcpus[i].pcpu = i;
        vm->vcpus[i].arch.vmpidr = 1ull << 31 | i;
        atomic_store(&vm->vcpus[i].power, VCPU_ON);
    }
    CHECK_EQ(devmgr_init(&vm->devices, DEVICES), 0);
    CHECK_EQ(vgic_vm_init(vm), 0);
    CHECK_EQ(vpl011_model.init(vm), 0);
    return vm;
}

void test_domain_free(struct vm *vm)
{
    devmgr_release(&vm->devices);
}

uint64_t test_mmio_read(struct vcpu *vcpu, uint64_t address, unsigned size)
{
    uint64_t v = 0xdeadbeef;

    test_pcpu = vcpu->pcpu;
    CHECK_EQ(devmgr_access(&vcpu->vm->devices, vcpu, address, size, false, &v), 0);
    return v;
}

void test_mmio_write(struct vcpu *vcpu, uint64_t address, uint64_t value, unsigned size)
{
    test_pcpu = vcpu->pcpu;
    CHECK_EQ(devmgr_access(&vcpu->vm->devices, vcpu, address, size, true, &value), 0);
}
