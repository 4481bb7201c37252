/* The riscv64 exit floor (issue 13): a minimal HS-mode save/dispatch/
 * restore loop, measured the way tools/bench measures Septum: instret under
 * -icount shift=0 counts every instruction in every mode, so the hypervisor's
 * share of an operation is its round trip minus the guest's own loop. */
#include <stdint.h>

#define N 1000
#define UART 0x10000000ul
#define SBI_EXT_IPI 0x735049
#define SEPTUM_EID 0x09534550
#define FIN 0x46494e

#define csr_read(r)                                                                                \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("csrr %0, " #r : "=r"(v_));                                               \
        v_;                                                                                        \
    })
#define csr_write(r, v) __asm__ volatile("csrw " #r ", %0" ::"r"((uint64_t)(v)))
#define csr_set(r, v) __asm__ volatile("csrs " #r ", %0" ::"r"((uint64_t)(v)))

/* An SBI call's registers (a7 = extension, a0 = argument) around `insn`:
 * the call itself (ecall), or for the guest's own share an instruction
 * that stays in the guest with the same registers set up. */
#define SBI_WITH(insn, eid, arg)                                                                   \
    do {                                                                                           \
        register uint64_t r_a0 __asm__("a0") = (arg);                                              \
        register uint64_t r_a1 __asm__("a1") = 0;                                                  \
        register uint64_t r_a6 __asm__("a6") = 0;                                                  \
        register uint64_t r_a7 __asm__("a7") = (eid);                                              \
                                                                                                   \
        __asm__ volatile(insn : "+r"(r_a0), "+r"(r_a1) : "r"(r_a6), "r"(r_a7) : "memory");         \
    } while (0)
#define sbi(eid, arg) SBI_WITH("ecall", eid, arg)

extern char guest_entry[];
static uint64_t g_root[4096 / 8 * 4] __attribute__((aligned(16384)));

static void putc_(char c)
{
    volatile uint8_t *u = (volatile uint8_t *)UART;

    while (!(u[5] & 0x20))
        ;
    u[0] = (uint8_t)c;
}

static void puts_(const char *s)
{
    while (*s)
        putc_(*s++);
}

static void putu(uint64_t v)
{
    char b[24];
    int i = 0;

    do
        b[i++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (i)
        putc_(b[--i]);
}

/* --- hypervisor side ------------------------------------------------- */

/* SBI SRST to OpenSBI: powers QEMU off. */
static void sbi_shutdown(void)
{
    sbi(0x53525354, 0);
    for (;;)
        __asm__ volatile("wfi");
}

static uint32_t guest_insn(uint64_t pc)
{
    uint64_t lo, hi = 0;

    __asm__ volatile(".insn r 0x73, 4, 0x32, %0, %1, x3" : "=r"(lo) : "r"(pc)); /* hlvx.hu */
    if ((lo & 3) == 3)
        __asm__ volatile(".insn r 0x73, 4, 0x32, %0, %1, x3" : "=r"(hi) : "r"(pc + 2));
    return (uint32_t)(lo | hi << 16);
}

void floor_dispatch(uint64_t *x)
{
    uint64_t cause = csr_read(scause);
    uint64_t sepc = csr_read(sepc);

    /* x[n - 1] is guest register xn. */
    switch (cause) {
    case 10: /* ecall from VS */
        if (x[16] == FIN) {
            puts_("floor: done\n");
            sbi_shutdown();
        }
        if (x[16] == 1) /* legacy console putchar: the guest's table */
            putc_((char)x[9]);
        if (x[16] == SBI_EXT_IPI)
            csr_set(hvip, 1u << 2);
        x[9] = 0;
        csr_write(sepc, sepc + 4);
        break;
    case 21: { /* load guest-page fault: an emulated device register */
        /* htinst holds the load, transformed (bit 1 clear: it was a
         * compressed one); without it, read it from the guest. The guest's
         * loads are uncompressed (rv64imac has no c.lbu). */
        uint32_t insn = (uint32_t)csr_read(htinst);
        unsigned len = insn == 0 || (insn & 2) ? 4 : 2;
        unsigned rd;

        if (insn == 0)
            insn = guest_insn(sepc);
        rd = (insn >> 7) & 31;
        if (rd)
            x[rd - 1] = 0x60; /* LSR: transmitter empty */
        csr_write(sepc, sepc + len);
        break;
    }
    default:
        puts_("floor: unexpected trap ");
        putu(cause);
        puts_(" sepc ");
        putu(sepc);
        puts_(" gpa ");
        putu(csr_read(htval) << 2);
        puts_("\n");
        for (;;)
            __asm__ volatile("wfi");
    }
}

void floor_main(void)
{
    /* Sv39x4: a 16 KiB root, entry 2 maps 0x8000_0000..0xbfff_ffff as one
     * 1 GiB leaf (V R W X U A D). The UART's page stays unmapped. */
    g_root[2] = (0x80000000ull >> 12) << 10 | 0xdf;
    csr_write(hgatp, 8ull << 60 | (uint64_t)(uintptr_t)g_root >> 12);
    __asm__ volatile(".insn r 0x73, 0, 0x31, x0, x0, x0"); /* hfence.gvma */
    csr_write(hedeleg, 0);
    csr_write(hideleg, (1u << 2) | (1u << 6) | (1u << 10));
    csr_write(hcounteren, ~0u);
    csr_write(henvcfg, 1ull << 63); /* STCE: the guest's stimecmp is its own */
    csr_write(vsatp, 0);
    csr_write(hstatus, (1ull << 7) | (1ull << 8) | (2ull << 32));     /* SPV, SPVP, VSXL=64 */
    csr_write(sstatus, (csr_read(sstatus) | (1u << 8)) & ~(1u << 1)); /* SPP = S, SIE off */
    csr_write(sepc, (uint64_t)(uintptr_t)guest_entry);
    puts_("floor: riscv64 save/dispatch/restore prototype, ");
    putu(N);
    puts_(" operations per path\n");
    __asm__ volatile("sret");
}

/* --- guest side (VS mode) -------------------------------------------- */

static inline uint64_t instret(void)
{
    return csr_read(instret);
}

static void gputs(const char *s)
{
    while (*s)
        sbi(1, (uint8_t)*s++);
}

static void gputu(uint64_t v)
{
    char b[24];
    int i = 0;

    do
        b[i++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (i)
        sbi(1, (uint8_t)b[--i]);
}

static void row(const char *path, uint64_t round_trip, uint64_t own)
{
    gputs("floor: ");
    gputs(path);
    gputs(" ");
    gputu(round_trip / N);
    gputs(" ");
    gputu(own / N);
    gputs(" ");
    gputu((round_trip - own) / N);
    gputs("\n");
}

void guest_main(void)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART;
    static volatile uint8_t ram_byte;
    uint64_t t0, t1, own;

    t0 = instret();
    for (int i = 0; i < N; i++)
        sbi(SEPTUM_EID, 0);
    t1 = instret();
    own = instret();
    for (int i = 0; i < N; i++)
        SBI_WITH("nop", SEPTUM_EID, 0);
    own = instret() - own;
    row("hypercall", t1 - t0, own);

    t0 = instret();
    for (int i = 0; i < N; i++)
        (void)uart[5];
    t1 = instret();
    own = instret();
    for (int i = 0; i < N; i++)
        (void)ram_byte;
    own = instret() - own;
    row("mmio-read", t1 - t0, own);

    __asm__ volatile("csrs sstatus, 2"); /* SIE: take the IPIs */
    t0 = instret();
    for (int i = 0; i < N; i++)
        sbi(SBI_EXT_IPI, 1);
    t1 = instret();
    own = instret();
    for (int i = 0; i < N; i++)
        /* The same interrupt raised in the guest (a VS-mode write of
         * sip.SSIP never leaves it): its handler is the guest's share. */
        SBI_WITH("csrsi sip, 2", SBI_EXT_IPI, 1);
    own = instret() - own;
    row("ipi-self", t1 - t0, own);
}
