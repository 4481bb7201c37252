/* riscv64: SBI calls, and the arch API's CPU and system power (HSM, SRST)
 * and Septum hypercalls on top of them (lib/arch.h). */
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "riscv.h"

#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_GET_STATUS 2
#define SBI_SRST_SYSTEM_RESET 0
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_COLD_REBOOT 1

/* HSM hart states (SBI 2.0, 9.1). */
#define HSM_STARTED 0
#define HSM_STOPPED 1
#define HSM_START_PENDING 2

/* The callee preserves every register but a0 and a1. */
struct sbi_ret sbi_call(uint32_t eid, uint32_t fid, uint64_t arg0, uint64_t arg1, uint64_t arg2)
{
    register uint64_t a0 __asm__("a0") = arg0;
    register uint64_t a1 __asm__("a1") = arg1;
    register uint64_t a2 __asm__("a2") = arg2;
    register uint64_t a6 __asm__("a6") = fid;
    register uint64_t a7 __asm__("a7") = eid;

    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
    return (struct sbi_ret){(int64_t)a0, a1};
}

/* Septum's calls return four values: a0 (the status) to a3. */
struct hcall_result septum_hcall(uint32_t function, uint64_t arg1, uint64_t arg2, uint64_t arg3,
                                 uint64_t arg4, uint64_t arg5)
{
    register uint64_t a0 __asm__("a0") = arg1;
    register uint64_t a1 __asm__("a1") = arg2;
    register uint64_t a2 __asm__("a2") = arg3;
    register uint64_t a3 __asm__("a3") = arg4;
    register uint64_t a4 __asm__("a4") = arg5;
    register uint64_t a6 __asm__("a6") = function & 0xffff;
    register uint64_t a7 __asm__("a7") = SBI_EXT_SEPTUM;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3)
                     : "r"(a4), "r"(a6), "r"(a7)
                     : "memory");
    return (struct hcall_result){(int64_t)a0, a1, a2, a3};
}

const char power_interface_name[] = "sbi";

/* SBI's version is major << 24 | minor. */
uint32_t power_interface_version(void)
{
    uint64_t v = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0).value;

    return (uint32_t)((v >> 24 & 0x7f) << 16 | (v & 0xffffff));
}

/* Entry point in start.S: a0 = hart id, a1 = opaque = logical index. */
void secondary_entry(void);

int64_t cpu_power_on(uint64_t hwid, unsigned index)
{
    return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hwid, (uintptr_t)secondary_entry, index).error;
}

int64_t cpu_power_off(void)
{
    return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0).error;
}

/* A hart stopping or suspended is still on, as far as starting it goes. */
int64_t cpu_power_state(uint64_t hwid)
{
    struct sbi_ret r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hwid, 0, 0);

    if (r.error)
        return r.error;
    switch (r.value) {
    case HSM_STOPPED:
        return CPU_STATE_OFF;
    case HSM_START_PENDING:
        return CPU_STATE_ON_PENDING;
    default:
        return CPU_STATE_ON;
    }
}

/* Parks a hart whose power-off request failed. A plain spin rather than
 * WFI: nothing would ever wake it. */
static __attribute__((noreturn)) void park(void)
{
    irq_disable();
    for (;;)
        cpu_relax();
}

static __attribute__((noreturn)) void system_reset_type(uint32_t type, const char *what)
{
    int64_t ret = sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, type, 0, 0).error;

    console_printf("sbi: system_reset(%s) returned %ld\n", what, (long)ret);
    park();
}

void system_off(void)
{
    system_reset_type(SBI_SRST_SHUTDOWN, "shutdown");
}

void system_reset(void)
{
    system_reset_type(SBI_SRST_COLD_REBOOT, "cold reboot");
}
