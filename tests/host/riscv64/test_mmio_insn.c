/* Decoding of the loads and stores that reach an emulated device. */
#include <septum/errno.h>
#include <arch/mmio_insn.h>
#include "check.h"

TEST(rv_decodes_base_loads_and_stores)
{
    struct mmio_insn i;

    CHECK_EQ(mmio_insn_decode(0x00052583, &i), 0); /* lw a1, 0(a0) */
    CHECK(!i.write);
    CHECK_EQ(i.size, 4);
    CHECK_EQ(i.reg, 11);
    CHECK(i.sign_extend);
    CHECK_EQ(i.length, 4);
    CHECK_EQ(mmio_insn_decode(0x00054583, &i), 0); /* lbu a1, 0(a0) */
    CHECK_EQ(i.size, 1);
    CHECK(!i.sign_extend);
    CHECK_EQ(mmio_insn_decode(0x00b53423, &i), 0); /* sd a1, 8(a0) */
    CHECK(i.write);
    CHECK_EQ(i.size, 8);
    CHECK_EQ(i.reg, 11);
    CHECK_EQ(mmio_insn_decode(0x00b50023, &i), 0); /* sb a1, 0(a0) */
    CHECK_EQ(i.size, 1);
    CHECK_EQ(mmio_insn_decode(0x00056583, &i), 0); /* lwu a1, 0(a0) */
    CHECK(!i.sign_extend);
    CHECK_EQ(i.size, 4);
}

TEST(rv_decodes_compressed_loads_and_stores)
{
    struct mmio_insn i;

    CHECK_EQ(mmio_insn_decode(0x4114, &i), 0); /* c.lw a3, 0(a0) */
    CHECK(!i.write);
    CHECK_EQ(i.size, 4);
    CHECK_EQ(i.reg, 13);
    CHECK_EQ(i.length, 2);
    CHECK(i.sign_extend);
    CHECK_EQ(mmio_insn_decode(0xe114, &i), 0); /* c.sd a3, 0(a0) */
    CHECK(i.write);
    CHECK_EQ(i.size, 8);
    CHECK_EQ(i.reg, 13);
    CHECK_EQ(mmio_insn_decode(0x4502, &i), 0); /* c.lwsp a0, 0(sp) */
    CHECK_EQ(i.reg, 10);
    CHECK_EQ(i.size, 4);
    CHECK_EQ(mmio_insn_decode(0xe02a, &i), 0); /* c.sdsp a0, 0(sp) */
    CHECK(i.write);
    CHECK_EQ(i.reg, 10);
}

TEST(rv_refuses_what_is_not_an_integer_load_or_store)
{
    struct mmio_insn i;

    CHECK_EQ(mmio_insn_decode(0x00000013, &i), -EINVAL); /* nop */
    CHECK_EQ(mmio_insn_decode(0x00053507, &i), -EINVAL); /* fld fa0, 0(a0) */
    CHECK_EQ(mmio_insn_decode(0x2108, &i), -EINVAL);     /* c.fld fa0, 0(a0) */
    CHECK_EQ(mmio_insn_decode(0x00057583, &i), -EINVAL); /* funct3 7: no such load */
    CHECK_EQ(mmio_insn_decode(0x00b54023, &i), -EINVAL); /* funct3 4: no such store */
    CHECK_EQ(mmio_insn_decode(0x4002, &i), -EINVAL);     /* c.lwsp x0: reserved */
    CHECK_EQ(mmio_insn_decode(0x1f, &i), -EINVAL);       /* a 48-bit encoding */
}

TEST(rv_decodes_transformed_instructions)
{
    struct mmio_insn i;

    /* lw a1 transformed: offset and rs1 zero, bit 1 set (32-bit original). */
    CHECK_EQ(mmio_insn_from_htinst(0x00002583, &i), 0);
    CHECK_EQ(i.length, 4);
    CHECK_EQ(i.reg, 11);
    /* The same from a compressed original: bit 1 clear. */
    CHECK_EQ(mmio_insn_from_htinst(0x00002581, &i), 0);
    CHECK_EQ(i.length, 2);
    CHECK_EQ(i.size, 4);
    CHECK_EQ(mmio_insn_from_htinst(0, &i), -EINVAL);
    CHECK_EQ(mmio_insn_from_htinst(0x00003000, &i), -EINVAL); /* pseudoinstruction */
}

TEST(rv_extends_loaded_values)
{
    struct mmio_insn i = {.size = 1, .sign_extend = true};

    CHECK_EQ(mmio_insn_loaded(&i, 0x1ff), (uint64_t)-1);
    i.sign_extend = false;
    CHECK_EQ(mmio_insn_loaded(&i, 0x1ff), 0xff);
    i.size = 4;
    i.sign_extend = true;
    CHECK_EQ(mmio_insn_loaded(&i, 0x80000000u), 0xffffffff80000000ull);
    i.size = 8;
    CHECK_EQ(mmio_insn_loaded(&i, 0x8000000000000000ull), 0x8000000000000000ull);
}
