/* Septum's own hypercalls (public/septum.h), independent of the conduit:
 * the architecture decodes the call and hands over its arguments. */
#ifndef SEPTUM_HYPERCALL_H
#define SEPTUM_HYPERCALL_H

#include <stdint.h>

struct vcpu;

/* args[0..4] are the call's x1..x5; extra results go to res[0..2] (x1..x3).
 * Returns the value for x0. */
int64_t hypercall_dispatch(struct vcpu *caller, uint32_t fn, const uint64_t args[5],
                           uint64_t res[3]);

#endif
