/* The hypervisor's calls down to the SBI firmware (OpenSBI). */
#include <arch/csr.h>
#include <arch/sbi.h>

struct sbiret sbi_call(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1,
                       unsigned long a2, unsigned long a3, unsigned long a4)
{
    register unsigned long r0 __asm__("a0") = a0;
    register unsigned long r1 __asm__("a1") = a1;
    register unsigned long r2 __asm__("a2") = a2;
    register unsigned long r3 __asm__("a3") = a3;
    register unsigned long r4 __asm__("a4") = a4;
    register unsigned long r6 __asm__("a6") = fid;
    register unsigned long r7 __asm__("a7") = eid;

    __asm__ volatile("ecall"
                     : "+r"(r0), "+r"(r1)
                     : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
                     : "memory");
    return (struct sbiret){(long)r0, (long)r1};
}

long sbi_hart_start(unsigned long hartid, unsigned long entry, unsigned long arg)
{
    return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, entry, arg, 0, 0).error;
}

long sbi_send_ipi_one(unsigned long hartid)
{
    /* hart_mask bit 0 is hart_mask_base itself. */
    return sbi_call(SBI_EXT_IPI, 0, 1, hartid, 0, 0, 0).error;
}

long sbi_set_timer(uint64_t when)
{
    return sbi_call(SBI_EXT_TIME, 0, when, 0, 0, 0, 0).error;
}

void sbi_system_reset(unsigned type)
{
    sbi_call(SBI_EXT_SRST, 0, type, 0, 0, 0, 0);
    for (;;)
        wfi(); /* the firmware refused: nothing else to do */
}

long sbi_remote_fence(unsigned long fid, unsigned long hartid, unsigned long start,
                      unsigned long size, unsigned long id)
{
    /* hart_mask_base ~0 means every hart, whatever hart_mask says. */
    return sbi_call(SBI_EXT_RFENCE, fid, 1, hartid, start, size, id).error;
}

int sbi_probe(unsigned long eid)
{
    struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, eid, 0, 0, 0, 0);

    return r.error == SBI_SUCCESS && r.value != 0;
}
