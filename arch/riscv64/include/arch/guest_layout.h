/* The guest-physical layout of a riscv64 domain: QEMU virt's. */
#ifndef ARCH_GUEST_LAYOUT_H
#define ARCH_GUEST_LAYOUT_H

#define GUEST_RAM_BASE_RV 0x80000000ull
#define GUEST_PLIC_BASE 0x0c000000ull
#define GUEST_PLIC_SIZE 0x600000ull /* what QEMU virt's device tree gives */
#define GUEST_PLIC_NDEV 63          /* sources 1..63 */
#define GUEST_UART_BASE_RV 0x10000000ull
#define GUEST_UART_IRQ_RV 10
/* The power keys' PL061: a free slot of virt's low device space, and a
 * free PLIC source. */
#define GUEST_KEYS_BASE_RV 0x10030000ull
#define GUEST_KEYS_IRQ_RV 12

#endif
