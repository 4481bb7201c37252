/* RV64A has compare-and-swap (LR/SC) on 32 and 64 bits only; GCC calls out
 * to libatomic for a byte, which a freestanding build lacks. A byte's CAS
 * is an LR/SC loop on its aligned 32-bit word, retried while other bytes of
 * the word change under it. Always sequentially consistent. In assembly:
 * GCC's built-in of this name has a different (pre-library-call) type.
 *
 * bool __atomic_compare_exchange_1(uint8_t *ptr, uint8_t *expected,
 *                                  uint8_t desired, int success, int failure) */
    .text
    .global __atomic_compare_exchange_1
__atomic_compare_exchange_1:
    andi    t0, a0, 3
    slli    t0, t0, 3               /* the byte's shift in its word (little-endian) */
    andi    a0, a0, -4
    li      t1, 0xff
    sll     t1, t1, t0              /* mask */
    not     t6, t1
    lbu     t2, 0(a1)
    sll     t2, t2, t0              /* expected, in place */
    andi    a2, a2, 0xff
    sll     a2, a2, t0              /* desired, in place */
1:  lr.w.aqrl t3, (a0)
    and     t4, t3, t1
    bne     t4, t2, 2f
    and     t5, t3, t6
    or      t5, t5, a2
    sc.w.rl t5, t5, (a0)
    bnez    t5, 1b
    li      a0, 1
    ret
2:  srl     t4, t4, t0
    sb      t4, 0(a1)
    li      a0, 0
    ret
