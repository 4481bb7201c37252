/* The Supervisor Binary Interface: extension and function ids (the same for
 * the hypervisor calling OpenSBI and for guests calling the hypervisor) and
 * the hypervisor's own calls down to the firmware. */
#ifndef ARCH_SBI_H
#define ARCH_SBI_H

#include <stdint.h>
#include <public/septum.h>

#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464e43
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
/* Septum's hypercalls: a vendor extension, "\x09SEP". */
#define SBI_EXT_SEPTUM SEPTUM_SBI_EXT /* public/septum.h */

#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_BASE_GET_IMPL_ID 1
#define SBI_BASE_GET_IMPL_VERSION 2
#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_BASE_GET_MVENDORID 4
#define SBI_BASE_GET_MARCHID 5
#define SBI_BASE_GET_MIMPID 6

#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_GET_STATUS 2
#define SBI_HSM_HART_SUSPEND 3

#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1
#define SBI_HSM_START_PENDING 2

#define SBI_RFENCE_FENCE_I 0
#define SBI_RFENCE_SFENCE_VMA 1
#define SBI_RFENCE_SFENCE_VMA_ASID 2
#define SBI_RFENCE_HFENCE_GVMA_VMID 3
#define SBI_RFENCE_HFENCE_VVMA_ASID 5
#define SBI_RFENCE_HFENCE_VVMA 6

#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_COLD_REBOOT 1
#define SBI_SRST_WARM_REBOOT 2

#define SBI_SUCCESS 0
#define SBI_ERR_FAILED -1
#define SBI_ERR_NOT_SUPPORTED -2
#define SBI_ERR_INVALID_PARAM -3
#define SBI_ERR_DENIED -4
#define SBI_ERR_INVALID_ADDRESS -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED -7
#define SBI_ERR_ALREADY_STOPPED -8

struct sbiret {
    long error;
    long value;
};

struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1,
                       unsigned long a2, unsigned long a3, unsigned long a4);

/* Starts hart hartid at entry (physical, S mode, MMU off) with a1 = arg. */
long sbi_hart_start(unsigned long hartid, unsigned long entry, unsigned long arg);
/* Raises a supervisor software interrupt on one hart. */
long sbi_send_ipi_one(unsigned long hartid);
long sbi_set_timer(uint64_t when);
/* Powers the machine off (type SBI_SRST_SHUTDOWN) or resets it. */
void sbi_system_reset(unsigned type) __attribute__((noreturn));
/* Remote fence fid (SBI_RFENCE_*) on hart hartid, or on every hart for
 * hartid ~0: a0..a2 are the fence's address, size and id arguments. */
long sbi_remote_fence(unsigned long fid, unsigned long hartid, unsigned long start,
                      unsigned long size, unsigned long id);
/* True if the firmware implements extension eid. */
int sbi_probe(unsigned long eid);

#endif
