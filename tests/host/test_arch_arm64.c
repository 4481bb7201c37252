/* arm64's part of the test HAL (test_hal.h): vCPU i is Aff0 = i. */
#include <septum/vm.h>
#include "test_hal.h"

void test_arch_vcpu_init(struct vcpu *vcpu)
{
    vcpu->arch.vmpidr = (1ull << 31) | vcpu->id;
}
