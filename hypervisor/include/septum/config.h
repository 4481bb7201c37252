/* A domain's configuration: fixed when the domain is created, never changed
 * afterwards (the seed's AxVMConfig). */
#ifndef SEPTUM_CONFIG_H
#define SEPTUM_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <public/septum.h>
#include <septum/hal.h>

/* 4 KiB pages on every architecture (stage 2 and the hypervisor's own). */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1ull << PAGE_SHIFT)

#define MAX_PCPUS 8
#define MAX_VCPUS MAX_PCPUS
#define MAX_DOMAINS 16
#define DOMID_FIRST_RESERVED SEPTUM_DOMID_FIRST_RESERVED
#define DOMAIN_NAME_MAX 32
#define CMDLINE_MAX 512

/* A domain's RAM at most (its layout is the architecture's: arch_guest). */
#define GUEST_RAM_MAX (255ull << 30)

enum domain_action {
    ACTION_DESTROY,
    ACTION_RESTART,
    ACTION_PRESERVE,
};

/* A boot module: a file the boot loader placed in memory for a domain. */
struct boot_module {
    paddr_t pa;
    uint64_t size;
};

struct domain_config {
    char name[DOMAIN_NAME_MAX];
    /* The control domain: id 0, and direct-mapped. */
    bool control;
    /* RAM mapped 1:1 (IPA == PA), so that drivers can hand physical
     * addresses to devices that DMA: one contiguous extent. */
    bool direct_map;
    /* A direct-mapped domain's RAM where the boot loader says it is
     * (septum,ram-base), 2 MiB aligned; 0: wherever the allocator finds it. */
    paddr_t ram_base;
    /* Its RAM is zeroed after creation, by the pCPU of its own vCPU 0, not
     * by the creator (domains the control domain creates: it does not
     * stall for seconds on a large one). */
    bool zero_on_own_pcpu;
    /* WFI and WFE run in the guest, not trapped: the lowest wake-up
     * latency, but the vCPU holds its pCPU busy (and its CPU time grows)
     * while it idles. */
    bool native_wfi;
    unsigned nr_vcpus;
    unsigned pcpu[MAX_VCPUS]; /* vCPU i runs on pCPU pcpu[i] */
    uint64_t mem_size;
    /* Boot-time domains: kernel and optional initramfs, kept where the boot
     * loader put them so that a reset starts again from the original. */
    struct boot_module kernel;
    struct boot_module ramdisk;
    char cmdline[CMDLINE_MAX];
    enum domain_action on_poweroff;
    enum domain_action on_reboot;
    enum domain_action on_crash;
};

#endif
