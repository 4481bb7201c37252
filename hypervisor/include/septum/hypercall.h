/* Septum's own hypercalls (public/septum.h), independent of the conduit:
 * the architecture decodes the call and hands over its arguments. */
#ifndef SEPTUM_HYPERCALL_H
#define SEPTUM_HYPERCALL_H

#include <stdint.h>

struct vcpu;

/* args[0..4] are the call's x1..x5; extra results go to res[0..2] (x1..x3),
 * which may be the same memory as args. Result registers a call does not
 * set read as zero after any call that takes a buffer, so nothing (such as a
 * bounce buffer's physical address) flows back by accident. Returns x0. */
int64_t hypercall_dispatch(struct vcpu *caller, uint32_t fn, const uint64_t args[5],
                           uint64_t res[3]);
/* The same on a call's registers as the conduit has them, what the exit
 * path calls: args[0..4] are the arguments (arm64's x1..x5), ret[0] gets
 * the status and ret[1..3] the results (x0..x3); a result a call does not
 * set keeps its value. args may be the same memory as ret or as ret + 1
 * (arm64's x1..x5 are x[1..5], riscv64's a0..a4 are its status and results
 * too). */
void hypercall_call(struct vcpu *caller, uint32_t fn, const uint64_t args[5], uint64_t ret[4]);

#endif
