/* A domain definition as written: what the XML file says, checked element
 * by element, with where each setting came from, before it is held
 * against a machine (plan.h). */
#ifndef SEPTUM_XML_DESC_H
#define SEPTUM_XML_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "public/septum.h"

/* A set of pCPUs, bit n for pCPU n (libvirt's cpuset). */
typedef uint64_t cpu_mask;
#define CPU_MASK_BITS 64

struct desc_pin {
    bool given; /* a <vcpupin> names this vCPU */
    cpu_mask cpus;
    struct spot at;
};

/* A platform device for the domain alone (Septum's metadata): named by
 * its path in the machine's device tree (its reg and interrupts taken from
 * there), or by its registers and interrupts. */
#define DESC_MAX_MMIO 4
#define DESC_MAX_IRQS 4
#define DESC_DMA_DEFAULT (-1) /* dma not given: virtio-mmio devices do DMA */

struct desc_mmio {
    uint64_t base, size;
    uint64_t ipa; /* where the domain sees it: base unless given */
    struct spot at;
};

struct desc_irq {
    uint32_t host, guest; /* INTIDs; guest is host unless given */
    struct spot at;
};

struct desc_passthrough {
    char *path; /* in the machine's device tree; NULL when given by address */
    int dma;    /* 0, 1, or DESC_DMA_DEFAULT */
    struct desc_mmio mmio[DESC_MAX_MMIO];
    size_t nr_mmio;
    struct desc_irq irqs[DESC_MAX_IRQS];
    size_t nr_irqs;
    struct spot at;
};

/* A shared-memory region (<devices><shmem>), and where the domain sees it
 * (<septum:shmem> in <metadata>; 0 where the toolstack picks). */
struct desc_shmem {
    char *name;
    uint64_t size;
    struct spot at;
};

struct desc_shmem_place {
    char *name;
    uint64_t address, registers; /* 0: the default */
    uint32_t interrupt;          /* INTID; 0: the default */
    struct spot at;
};

struct domain_desc {
    char *path; /* the file, as named */
    char *dir;  /* its folder: relative image paths start there */
    char *xml;  /* its bytes, NUL-terminated, for dumpxml */
    size_t xml_len;
    struct _xmlDoc *doc; /* libxml2's tree, kept: the spots name its elements */

    char *name;
    struct spot name_at;
    char *uuid;      /* NULL when not given */
    uint64_t memory; /* bytes */
    struct spot memory_at;
    uint64_t current_memory; /* when current_memory_at.element is set */
    struct spot current_memory_at;
    uint32_t nr_vcpus;
    struct spot vcpus_at;
    bool has_cpuset;
    cpu_mask cpuset;
    struct spot cpuset_at;
    struct desc_pin pins[SEPTUM_MAX_VCPUS];

    char *kernel, *initrd, *dtb, *cmdline; /* NULL when not given */
    struct spot kernel_at, initrd_at, dtb_at, cmdline_at;

    uint32_t on_poweroff, on_reboot, on_crash; /* SEPTUM_ACTION_* */

    struct desc_passthrough *passthrough;
    size_t nr_passthrough;
    bool direct_map; /* RAM at IPA = PA (<septum:memory direct-map='yes'/>) */
    struct spot direct_map_at;

    struct desc_shmem shmem[SEPTUM_SHM_MAX_REGIONS];
    size_t nr_shmem;
    struct desc_shmem_place shmem_place[SEPTUM_SHM_MAX_REGIONS];
    size_t nr_shmem_place;

    bool native_wfi; /* <septum:cpu wfi='native'/> */
};

/* Reads and checks the definition in path: well-formed XML, each element
 * and attribute known with a sensible value, then Septum's schema.
 * Reports every problem to d. Returns 0 with *desc set, -EINVAL when the
 * definition is wrong (d->errors > 0), or a negative errno when the file
 * cannot be read (also reported). */
int domain_desc_load(const char *path, struct diag_sink *d, struct domain_desc **desc);
void domain_desc_free(struct domain_desc *desc);

/* The action names of on_poweroff, on_reboot and on_crash. */
const char *domain_action_name(uint32_t action);

#endif
