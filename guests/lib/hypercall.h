/* Septum hypercalls (public/septum.h) over `hvc #0`, SMCCC 1.1. */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>

struct hvc_result {
    int64_t x0;
    uint64_t x1, x2, x3;
};

struct hvc_result hvc_call(uint32_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                           uint64_t a5);

#endif
