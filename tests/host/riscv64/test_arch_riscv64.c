/* riscv64's part of the test HAL (test_hal.h): a vCPU's hart id is its
 * index, nothing to set. */
#include <septum/vm.h>
#include <arch/machine.h>
#include "test_hal.h"

void test_arch_vcpu_init(struct vcpu *vcpu)
{
    (void)vcpu;
}

/* What the boot would have probed (arch/machine.h): QEMU virt's timebase. */
struct machine machine = {.timebase_hz = 10000000, .sstc = true};
