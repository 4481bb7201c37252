/* A domain's emulated PL011 console. */
#ifndef ARCH_VPL011_H
#define ARCH_VPL011_H

struct vm;

int vpl011_init(struct vm *vm);
void vpl011_reset(struct vm *vm);

#endif
