/* The physical PLIC, for the hypervisor's own interrupts (its console's
 * receive line). Each pCPU takes them through its S-mode context. */
#ifndef ARCH_PLIC_H
#define ARCH_PLIC_H

/* Routes source to this pCPU's context with priority 1 and enables it. */
void plic_enable(unsigned source);
/* Threshold 0 on this pCPU's context, so that enabled sources reach it. */
void plic_init_cpu(void);
/* The highest pending source for this pCPU (0 if none); complete it with
 * plic_complete(). */
unsigned plic_claim(void);
void plic_complete(unsigned source);

#endif
