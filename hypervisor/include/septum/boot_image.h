/* What a domain boots from: the pieces of memory content (kernel, initramfs,
 * anything the control domain loaded) replayed into its scrubbed RAM at
 * every start, its entry point and its device tree. Keeping the pieces is
 * what lets SYSTEM_RESET restart a domain from its original image. */
#ifndef SEPTUM_BOOT_IMAGE_H
#define SEPTUM_BOOT_IMAGE_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/hal.h>

#define BOOT_SEGMENTS_MAX 64
#define GUEST_DTB_MAX (64u << 10) /* the standard DTB lives in RAM's last 64 KiB */

struct boot_segment {
    uint64_t ipa;
    paddr_t pa;
    uint64_t size;
    bool owned; /* a copy the hypervisor made (freed with the domain) */
};

struct boot_image {
    struct boot_segment segments[BOOT_SEGMENTS_MAX];
    unsigned nr_segments;
    uint64_t entry;
    uint64_t dtb_ipa;
    bool dtb_standard; /* the hypervisor writes its standard DTB at dtb_ipa */
    uint64_t initrd_ipa;
    uint64_t initrd_size;
    uint64_t copied_bytes; /* free memory held by owned segments */
    /* Booted from modules the boot loader placed in its RAM: nothing to
     * replay them from once it has run (it cannot be restarted). */
    bool in_place;
};

struct vm;
struct domain_config;
struct boot_module;

/* Whether a module lies inside the static RAM (septum,ram-base) of the
 * control domain it belongs to: the boot loader placed it where the domain
 * finds it, so it is used there, neither copied nor kept aside, and not
 * zeroed with the rest of that RAM. Only the control domain's: its reset
 * resets the machine, which loads the modules again, whereas another
 * domain restarts from its modules. */
bool boot_module_in_place(const struct domain_config *c, const struct boot_module *m);

/* Boot-time domains: lays out the kernel (and initramfs) modules per the
 * Linux arm64 boot protocol and the standard DTB at the end of RAM; modules
 * in place stay where they are. */
int boot_image_from_modules(struct vm *vm);
/* Records data loaded by the control domain: copies it aside and into RAM. */
int boot_image_load(struct vm *vm, uint64_t ipa, paddr_t src, uint64_t size);
/* Entry point and DTB (0: the standard one) of a loaded domain. */
int boot_image_set_boot(struct vm *vm, uint64_t entry, uint64_t dtb_ipa);
/* Writes the standard DTB if used and points vCPU 0 at the entry. */
int boot_image_finish(struct vm *vm);
/* Copies every segment into RAM, then finishes as above. */
int boot_image_replay(struct vm *vm);
void boot_image_release(struct vm *vm);

#endif
