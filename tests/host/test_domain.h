/* A bare domain for device-model tests: its vCPUs (vCPU n on pCPU n, Aff0
 * = n, powered on), the virtual GIC and the PL011 in its device table, and
 * MMIO accesses made the way a trapped guest access reaches them. */
#ifndef TEST_DOMAIN_H
#define TEST_DOMAIN_H

#include <stdint.h>
#include <septum/vm.h>

struct vm *test_domain(unsigned nr_vcpus);
void test_domain_free(struct vm *vm);
/* An access by vcpu, run on its pCPU (test_pcpu). */
uint64_t test_mmio_read(struct vcpu *vcpu, uint64_t address, unsigned size);
void test_mmio_write(struct vcpu *vcpu, uint64_t address, uint64_t value, unsigned size);

#endif
