/* Decoding loads and stores that trap without a syndrome. The encodings
 * were produced by binutils (aarch64-linux-gnu-as), not by hand, so that
 * the decoder is checked against an independent encoder. */
#include <septum/errno.h>
#include <arch/mmio_decode.h>
#include "check.h"

struct expect {
    uint32_t insn;
    const char *text;
    unsigned size;
    bool write, sign, wide;
    unsigned rt, rn;
    bool writeback;
    int64_t offset;
};

static const struct expect decodable[] = {
    /* Post- and pre-indexed: the forms GCC emits for *p++ = v. */
    {0xb8004402, "str w2, [x0], #4", 4, true, false, false, 2, 0, true, 4},
    {0xb85f8423, "ldr w3, [x1], #-8", 4, false, false, false, 3, 1, true, -8},
    {0x38001ca4, "strb w4, [x5, #1]!", 1, true, false, false, 4, 5, true, 1},
    {0x785fece6, "ldrh w6, [x7, #-2]!", 2, false, false, false, 6, 7, true, -2},
    /* Unsigned immediate, largest scaled offsets. */
    {0xf947fd28, "ldr x8, [x9, #4088]", 8, false, false, true, 8, 9, false, 0},
    {0xf93ffd6a, "str x10, [x11, #32760]", 8, true, false, true, 10, 11, false, 0},
    {0x793ffdac, "strh w12, [x13, #8190]", 2, true, false, false, 12, 13, false, 0},
    {0x397ffdee, "ldrb w14, [x15, #4095]", 1, false, false, false, 14, 15, false, 0},
    /* Unscaled and unprivileged: no writeback. */
    {0xb85ff230, "ldur w16, [x17, #-1]", 4, false, false, false, 16, 17, false, 0},
    {0xf80ff272, "stur x18, [x19, #255]", 8, true, false, true, 18, 19, false, 0},
    {0xb8404862, "ldtr w2, [x3, #4]", 4, false, false, false, 2, 3, false, 0},
    {0x380008a4, "sttrb w4, [x5]", 1, true, false, false, 4, 5, false, 0},
    {0x789fe8e6, "ldtrsh x6, [x7, #-2]", 2, false, true, true, 6, 7, false, 0},
    /* Register offset with each extend. */
    {0xb8767ab4, "ldr w20, [x21, x22, lsl #2]", 4, false, false, false, 20, 21, false, 0},
    {0xf8395b17, "str x23, [x24, w25, uxtw #3]", 8, true, false, true, 23, 24, false, 0},
    {0x387ccb7a, "ldrb w26, [x27, w28, sxtw]", 1, false, false, false, 26, 27, false, 0},
    {0x7862f820, "ldrh w0, [x1, x2, sxtx #1]", 2, false, false, false, 0, 1, false, 0},
    /* Sign-extending loads, into Xt and into Wt. */
    {0x38801483, "ldrsb x3, [x4], #1", 1, false, true, true, 3, 4, true, 1},
    {0x38c014c5, "ldrsb w5, [x6], #1", 1, false, true, false, 5, 6, true, 1},
    {0x78900d07, "ldrsh x7, [x8, #-256]!", 2, false, true, true, 7, 8, true, -256},
    {0x79c00549, "ldrsh w9, [x10, #2]", 2, false, true, false, 9, 10, false, 0},
    {0xb88ff58b, "ldrsw x11, [x12], #255", 4, false, true, true, 11, 12, true, 255},
    {0xb8af69cd, "ldrsw x13, [x14, x15]", 4, false, true, true, 13, 14, false, 0},
    {0xb89fc230, "ldursw x16, [x17, #-4]", 4, false, true, true, 16, 17, false, 0},
    {0xb9800420, "ldrsw x0, [x1, #4]", 4, false, true, true, 0, 1, false, 0},
    /* Register 31: XZR as Rt, SP as Rn (so Rt = Rn = 31 with writeback is fine). */
    {0xb800441f, "str wzr, [x0], #4", 4, true, false, false, 31, 0, true, 4},
    {0xf940003f, "ldr xzr, [x1]", 8, false, false, true, 31, 1, false, 0},
    {0xb80107e2, "str w2, [sp], #16", 4, true, false, false, 2, 31, true, 16},
    {0xf85f0fe3, "ldr x3, [sp, #-16]!", 8, false, false, true, 3, 31, true, -16},
    {0xf81f0fff, "str xzr, [sp, #-16]!", 8, true, false, true, 31, 31, true, -16},
    /* Base and transfer register alike without writeback: well defined. */
    {0xf9400000, "ldr x0, [x0]", 8, false, false, true, 0, 0, false, 0},
};

TEST(mmio_decode_single_register_forms)
{
    for (unsigned i = 0; i < sizeof(decodable) / sizeof(decodable[0]); i++) {
        const struct expect *e = &decodable[i];
        struct mmio_insn d;

        fprintf(stderr, "%s\n", e->text);
        CHECK_EQ(mmio_decode(e->insn, &d), 0);
        CHECK_EQ(d.size, e->size);
        CHECK_EQ(d.write, e->write);
        CHECK_EQ(d.sign, e->sign);
        CHECK_EQ(d.wide, e->wide);
        CHECK_EQ(d.rt, e->rt);
        CHECK_EQ(d.rn, e->rn);
        CHECK_EQ(d.writeback, e->writeback);
        CHECK_EQ(d.offset, e->offset);
    }
}

static const struct {
    uint32_t insn;
    const char *text;
} refused[] = {
    {0xa9400440, "ldp x0, x1, [x2]"},
    {0x28810440, "stp w0, w1, [x2], #8"},
    {0x3dc00000, "ldr q0, [x0]"},
    {0xfc008401, "str d1, [x0], #8"},
    {0xbc626822, "ldr s2, [x1, x2]"},
    {0xc85f7c20, "ldxr x0, [x1]"},
    {0x889ffc20, "stlr w0, [x1]"},
    {0xc8dffc20, "ldar x0, [x1]"},
    {0xb8200041, "ldadd w0, w1, [x2]"},
    {0xf8208041, "swp x0, x1, [x2]"},
    {0xf9800000, "prfm pldl1keep, [x0]"},
    {0xf8801000, "prfum pldl1keep, [x0, #1]"},
    {0x58000800, "ldr x0, <literal>"},
    {0xf8200420, "ldraa x0, [x1]"},
    /* Writeback into the transferred register: CONSTRAINED UNPREDICTABLE. */
    {0xf8408400, "ldr x0, [x0], #8"},
    {0xf8008c21, "str x1, [x1, #8]!"},
    /* Unallocated: ldr w20, [x21, x22, lsl #2] with option uxtb, then sxtb;
     * ldrsw x11, [x12], #255 with opc 11 (no LDRSW into Wt); ldrsw x11,
     * [x12], #255 with size 11 (no 64-bit signed load). */
    {0xb8761ab4, "register offset, option 000"},
    {0xb8769ab4, "register offset, option 100"},
    {0xb8cff58b, "signed word load into Wt"},
    {0xf88ff58b, "signed doubleword load"},
    {0xd503201f, "nop"},
};

TEST(mmio_decode_refuses_everything_else)
{
    for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        struct mmio_insn d;

        fprintf(stderr, "%s\n", refused[i].text);
        CHECK_EQ(mmio_decode(refused[i].insn, &d), -EOPNOTSUPP);
    }
}

static uint32_t iss_of(uint32_t insn)
{
    struct mmio_insn d;

    CHECK_EQ(mmio_decode(insn, &d), 0);
    return mmio_insn_iss(&d);
}

/* The fields of ESR_ELx.ISS for a data abort: ISV (24), SAS (23-22), SSE
 * (21), SRT (20-16), SF (15), WnR (6), as the hardware reports them for
 * the same instructions without writeback. */
TEST(mmio_decode_rebuilds_the_syndrome)
{
    CHECK_EQ(iss_of(0xb8004402 /* str w2, [x0], #4 */), 0x01820040);
    CHECK_EQ(iss_of(0xf93ffd6a /* str x10, [x11, #32760] */), 0x01ca8040);
    CHECK_EQ(iss_of(0x38001ca4 /* strb w4, [x5, #1]! */), 0x01040040);
    CHECK_EQ(iss_of(0x785fece6 /* ldrh w6, [x7, #-2]! */), 0x01460000);
    CHECK_EQ(iss_of(0xb85f8423 /* ldr w3, [x1], #-8 */), 0x01830000);
    CHECK_EQ(iss_of(0xf947fd28 /* ldr x8, [x9, #4088] */), 0x01c88000);
    CHECK_EQ(iss_of(0x38801483 /* ldrsb x3, [x4], #1 */), 0x01238000);
    CHECK_EQ(iss_of(0x38c014c5 /* ldrsb w5, [x6], #1 */), 0x01250000);
    CHECK_EQ(iss_of(0x79c00549 /* ldrsh w9, [x10, #2] */), 0x01690000);
    CHECK_EQ(iss_of(0xb88ff58b /* ldrsw x11, [x12], #255 */), 0x01ab8000);
    CHECK_EQ(iss_of(0xb800441f /* str wzr, [x0], #4 */), 0x019f0040);
}
