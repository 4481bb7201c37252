/* A definition held against a machine: the domain configuration the
 * hypervisor takes, with each vCPU on a free pCPU of its own, and the
 * images laid out in the domain's RAM, ready to be made (build.c). */
#ifndef SEPTUM_XML_PLAN_H
#define SEPTUM_XML_PLAN_H

#include "desc.h"
#include "septum.h"

/* What the pinning and memory checks need to know of the machine. */
struct machine {
    uint32_t nr_pcpus;
    uint32_t pcpu_owner[SEPTUM_MAX_PCPUS];              /* a domain id, or SEPTUM_PCPU_FREE */
    char owner_name[SEPTUM_MAX_PCPUS][SEPTUM_NAME_MAX]; /* the owner's name, or "" */
    uint64_t mem_free;                                  /* bytes */
    bool running; /* a running hypervisor's, not a model to check a file against */
    /* The machine's device tree (HOST_FDT), the caller's; NULL when it is
     * not known (checking a file away from the hypervisor): devices named
     * by path are then not checked. */
    const void *host_fdt;
};

/* The machine physinfo describes. */
void machine_from_physinfo(struct machine *m, const struct septum_physinfo *p);

/* A machine of nr_pcpus free pCPUs, those in taken aside, and memory
 * enough for anything: to check a definition away from the hypervisor. */
void machine_model(struct machine *m, uint32_t nr_pcpus, cpu_mask taken);

/* A file loaded into the domain's RAM. */
struct placed_file {
    char *path; /* where it was found; NULL for the generated device tree */
    void *data;
    size_t len;
    uint64_t ipa;
};

/* A device given to the domain, resolved: its registers and interrupts
 * (from the machine's device tree when it is named by path), and the node
 * its own device tree gets (a copy of the machine's), if there is one. */
struct plan_device {
    const struct desc_passthrough *desc; /* where it was written */
    char label[128];                     /* its path, or its first register range */
    int host_node;                       /* in the machine's device tree, or -1 */
    uint32_t flags;                      /* SEPTUM_MMIO_* */
    struct desc_mmio mmio[DESC_MAX_MMIO];
    size_t nr_mmio;
    struct desc_irq irqs[DESC_MAX_IRQS];
    size_t nr_irqs;
};

struct domain_plan {
    struct septum_domain_config config;
    struct plan_device *devices;
    size_t nr_devices;
    const void *host_fdt;                                 /* the machine's, for the devices' nodes */
    struct placed_file kernel, initrd, dtb;               /* initrd.len 0: none */
    uint64_t entry;                                       /* the kernel's first instruction */
    struct septum_shm_attach shm[SEPTUM_SHM_MAX_REGIONS]; /* attached before loading */
    unsigned nr_shm;
};

/* Places the domain's shared-memory regions into p->shm (plan_shm.c). */
void plan_shm(const struct domain_desc *desc, struct diag_sink *d, struct domain_plan *p);

/* Checks desc against m, reads the images and lays them out, and generates
 * the device tree. Images named by a relative path are found from the
 * definition's folder; when root is not NULL, an absolute path is found
 * under root (a staged dom0 tree), and no image is read from outside root
 * and the definition's folder (images.h).
 * Reports every problem to d. Returns 0, -EINVAL when something is wrong
 * (reported), or another negative errno. */
int domain_plan_make(const struct domain_desc *desc, const struct machine *m, const char *root,
                     struct diag_sink *d, struct domain_plan *plan);
void domain_plan_free(struct domain_plan *plan);

/* Resolves the definition's devices against m's device tree into
 * plan->devices, reporting to d what cannot be given (plan_devices.c). */
int plan_devices(const struct domain_desc *desc, const struct machine *m, struct diag_sink *d,
                 struct domain_plan *plan);

/* Makes the domain: create, give it its devices, load its images (where
 * its RAM is: a direct-mapped domain's is known once it exists), set its
 * boot (entry, device tree). Left CREATED for septum_domain_start(); on
 * failure, whatever was made is destroyed, and a device the hypervisor
 * refused is reported to d at its element. */
int domain_plan_build(struct septum *h, const struct domain_plan *plan, struct diag_sink *d,
                      uint32_t *domid);

#endif
