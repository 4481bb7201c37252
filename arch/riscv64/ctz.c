/* Count trailing zeros, which GCC calls out for on harts without Zbb (the
 * hypervisor links no libgcc: Debian's is built for the lp64d ABI). A
 * binary search, so that GCC cannot turn it back into a call of itself. */
#include <stdint.h>

/* Kept through link-time optimisation: the call appears only after it. */
int __ctzdi2(uint64_t x) __attribute__((used, externally_visible));

int __ctzdi2(uint64_t x)
{
    int n = 0;

    if (!(x & 0xffffffffu)) {
        n += 32;
        x >>= 32;
    }
    if (!(x & 0xffff)) {
        n += 16;
        x >>= 16;
    }
    if (!(x & 0xff)) {
        n += 8;
        x >>= 8;
    }
    if (!(x & 0xf)) {
        n += 4;
        x >>= 4;
    }
    if (!(x & 0x3)) {
        n += 2;
        x >>= 2;
    }
    return n + !(x & 1);
}
