/* Platform devices passed through to domains: physical MMIO ranges and
 * SPIs. Each has one owner at a time, the hypervisor until a domain is
 * given it (ASSIGN_MMIO, ASSIGN_IRQ) and again once that domain is
 * released. The ownership tables are global; only the control domain's
 * assignment calls take their lock, while a domain's release gives its
 * devices back with atomic stores alone, so no exit, crash or stop path
 * waits on another domain. */
#ifndef SEPTUM_PASSTHROUGH_H
#define SEPTUM_PASSTHROUGH_H

#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>

struct vm;

/* Ranges all domains together may hold. */
#define PT_MAX_MMIO 64
/* Sub-page windows (trapped and forwarded) one domain may hold: entries
 * of its device table beyond its emulated devices. */
#define PT_MAX_WINDOWS 8
/* Machine device-tree nodes a boot-time domain is given (boot_domains.c),
 * copied into its standard device tree. */
#define PT_MAX_DT_NODES 8
/* Physical INTIDs an assignment may name: the GIC's architectural limit. */
#define PT_MAX_PIRQ 1020

/* virtio-mmio: a transport answers with this magic at offset 0, and a
 * write of 0 to its Status register resets it. */
#define VIRTIO_MMIO_MAGIC 0x74726976u
#define VIRTIO_MMIO_STATUS 0x70
#define VIRTIO_MMIO_STRIDE 0x200

/* ASSIGN_MMIO as the public header describes it. */
int pt_assign_mmio(struct vm *vm, uint64_t pa, uint64_t size, uint64_t ipa, uint32_t flags);
/* ASSIGN_IRQ as the public header describes it. */
int pt_assign_irq(struct vm *vm, unsigned pirq, unsigned virq);
/* Gives back everything the domain holds; DMA-capable devices are reset
 * first. Its vCPUs have stopped for good. */
void pt_release_mmio(struct vm *vm);
/* Resets the domain's DMA-capable devices (it restarts: its memory is
 * about to be scrubbed and its drivers start again). */
void pt_reset_dma(struct vm *vm);
void pt_release_irqs(struct vm *vm);
/* A physical interrupt arrived: true if a domain owns it (raised there, the
 * guest deactivates it), false if it is nobody's. */
bool pt_irq_fired(unsigned pirq);

/* A boot-time domain's passthrough@N children of its /chosen node
 * (compatible "septum,passthrough", septum,path = the machine's node): each
 * node's registers and SPIs are given to the created domain at the same
 * addresses and INTIDs, and the node noted for its device tree. */
struct fdt;
int pt_boot_devices(struct vm *vm, const struct fdt *fdt, int domain_node);

/* What the domain holds, one resource at a time, for DOMAIN_RESOURCES;
 * each returns how many it reported. */
typedef void (*resource_fn)(void *ctx, const struct septum_resource *r);
unsigned pt_mmio_resources(struct vm *vm, resource_fn fn, void *ctx);
unsigned pt_irq_resources(struct vm *vm, resource_fn fn, void *ctx);

#endif
