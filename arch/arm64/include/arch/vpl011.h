/* A domain's emulated PL011 console. */
#ifndef ARCH_VPL011_H
#define ARCH_VPL011_H

#include <stddef.h>

struct vm;

int vpl011_init(struct vm *vm);
void vpl011_reset(struct vm *vm);
/* Console input for the domain: queued in the receive FIFO, raising the
 * receive interrupt if unmasked; returns how many bytes fit. */
size_t vpl011_receive(struct vm *vm, const char *buf, size_t len);

#endif
