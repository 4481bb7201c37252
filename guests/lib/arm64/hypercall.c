/* arm64: Septum hypercalls over `hvc #0`, SMCCC 1.1: five arguments in,
 * four results out (lib/arch.h). */
#include "arch.h"

struct hcall_result septum_hcall(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3,
                                 uint64_t a4, uint64_t a5)
{
    register uint64_t x0 __asm__("x0") = function;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;
    register uint64_t x4 __asm__("x4") = a4;
    register uint64_t x5 __asm__("x5") = a5;

    __asm__ volatile("hvc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                     : "r"(x4), "r"(x5)
                     : "memory");
    return (struct hcall_result){(int64_t)x0, x1, x2, x3};
}
