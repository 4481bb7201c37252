/* The host test HAL: what it records for tests to check. */
#ifndef TEST_HAL_H
#define TEST_HAL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <septum/ranges.h>

struct vcpu;

#define TEST_NR_PCPUS 4
#define TEST_RAM_BASE_ALIGN (2u << 20)
#define TEST_RAM_SIZE (64u << 20)
#define TEST_RAM_PA 0x40000000ull /* inside stage 2's IPA range and ASan's low memory */

extern unsigned test_kicks[TEST_NR_PCPUS];
/* What hal_current_pcpu() returns: the pCPU a test pretends to run on. */
extern unsigned test_pcpu;
extern unsigned test_pages_in_use;
extern char test_console[65536];
extern size_t test_console_len;
/* hal_system_off() jumps here when armed, else aborts the test. */
extern jmp_buf test_system_off;
extern int test_system_off_armed;

/* Interrupts raised through arch_inject_irq(), by domain id (modulo). */
#define TEST_INJECT_DOMAINS 16
extern unsigned test_injected[TEST_INJECT_DOMAINS];
extern unsigned test_injections[TEST_INJECT_DOMAINS];
/* Passthrough (test_passthrough.c): the fake device space and the page of
 * it test_dev[] backs, the hypervisor's own UART, and the physical
 * interrupts bound (to which virtual one) and enabled. */
#define TEST_DEV_SPACE 0x09000000ull
#define TEST_DEV_SPACE_SIZE 0x02000000ull
#define TEST_HYP_UART 0x09000000ull
#define TEST_DEV_PAGE 0x0a003000ull
#define TEST_NR_PIRQS 128
#define TEST_HYP_UART_IRQ 33
extern uint32_t test_dev[1024];
extern unsigned test_irq_virq[TEST_NR_PIRQS];
extern bool test_irq_enabled[TEST_NR_PIRQS];

void test_hal_reset(void);
uint64_t test_ram_free(void);
/* Where the guest RAM arena (TEST_RAM_SIZE bytes) starts. */
uint64_t test_ram_base(void);

/* The architecture's part of a test domain's vCPU (its identity), one
 * file per architecture's host tests (arm64: test_arch_arm64.c). */
void test_arch_vcpu_init(struct vcpu *vcpu);

#endif
