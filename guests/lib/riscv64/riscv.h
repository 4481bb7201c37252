/* What the riscv64 runtime's files share among themselves (not part of the
 * guest arch API). */
#ifndef GUEST_RISCV_H
#define GUEST_RISCV_H

#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>
#include <septum/fdt.h>

/* SBI (RISC-V Supervisor Binary Interface 2.0): a0 error, a1 value. */
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
/* Septum's vendor extension, "\x09SEP": FID = the SEPTUM_HC number. */
#define SBI_EXT_SEPTUM SEPTUM_SBI_EXT /* public/septum.h */

struct sbi_ret {
    int64_t error;
    uint64_t value;
};

struct sbi_ret sbi_call(uint32_t eid, uint32_t fid, uint64_t a0, uint64_t a1, uint64_t a2);

/* From the device tree (arch_init): the timebase and whether the harts
 * have Sstc (stimecmp), else the timer goes through SBI. */
extern uint64_t riscv_timebase;
extern bool riscv_has_sstc;

/* The PLIC and each hart's S-mode context in it, from the device tree. */
void plic_discover(const struct fdt *fdt);

/* The UART's transmitter-empty interrupt: the way to raise its line. */
void ns16550_tx_irq(bool enable);

#endif
