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

/* A platform device for the domain alone (Septum's metadata). */
struct desc_passthrough {
    char *name;
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
