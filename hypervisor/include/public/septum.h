/* Septum's public hypercall ABI: the one header shared by the hypervisor,
 * the dom0 driver, libseptum and guests. Plain C with fixed-width types so
 * that it compiles freestanding, in the Linux kernel and in user space.
 *
 * Conduit: SMCCC 1.1 over `hvc #0`. Function ID in x0, arguments in x1-x5,
 * results in x0-x3. Septum's calls are fast SMC64 calls in the Vendor-Specific
 * Hypervisor Service range (owning entity 6). x0 returns a status: >= 0 on
 * success (a value where the call says so), or a negative errno (Linux's
 * values: -EPERM when only the control domain may make the call, -EINVAL,
 * -EFAULT, -ESRCH for an unknown domain, ...). An unknown function ID gets
 * SMCCC_NOT_SUPPORTED, which is -1 like -EPERM: SEPTUM_HC_FEATURES tells
 * the two apart.
 *
 * Buffers are passed as a guest-physical address (IPA) and a length in
 * bytes. The hypervisor checks that every byte lies in the caller's RAM
 * before touching it. All structures are little-endian, naturally aligned,
 * with explicit padding. */
#ifndef SEPTUM_PUBLIC_H
#define SEPTUM_PUBLIC_H

#ifdef __KERNEL__
#include <linux/types.h>
typedef __u8 sp_u8;
typedef __u32 sp_u32;
typedef __u64 sp_u64;
typedef __s64 sp_s64;
#else
#include <stdint.h>
typedef uint8_t sp_u8;
typedef uint32_t sp_u32;
typedef uint64_t sp_u64;
typedef int64_t sp_s64;
#endif

#define SEPTUM_ABI_MAJOR 1
/* 1.1: the driver takes each call's buffers from septum_call_layout();
 * DOMAIN_STATS reports the memory a domain costs beyond its RAM and how
 * many extents its RAM is in; PHYSINFO the largest free extent; a domain's
 * RAM may be several extents (-ENOBUFS when free memory is in too many). */
/* 1.2: devices and shared memory. DOMAIN_CREATE takes flags (direct-mapped
 * RAM, native WFI); ASSIGN_MMIO and ASSIGN_IRQ give a created domain
 * platform devices; SHM_ATTACH/SHM_DETACH named shared-memory regions with
 * doorbells; DOMAIN_RESOURCES lists what a domain owns; HOST_FDT reads the
 * machine's device tree; DOMAIN_STATS reports where a domain's RAM is. */
#define SEPTUM_ABI_MINOR 2
#define SEPTUM_ABI_VERSION ((SEPTUM_ABI_MAJOR << 16) | SEPTUM_ABI_MINOR)

/* SMCCC: fast call, SMC64, owning entity 6 (vendor hypervisor service). */
#define SEPTUM_HC(n) (0xc6000000u | (n))

/* riscv64's conduit: the same calls as an SBI vendor extension ("\x09SEP").
 * a7 = SEPTUM_SBI_EXT, a6 = SEPTUM_SBI_FID(function ID), arguments in a0-a4
 * (arm64's x1-x5); on return a0 is the status (arm64's x0) and a1-a3 the
 * results (x1-x3). An unknown function gets SBI_ERR_NOT_SUPPORTED (-2). */
#define SEPTUM_SBI_EXT 0x09534550u
#define SEPTUM_SBI_FID(fn) ((fn)&0xffffu)

/* -> x0 = SEPTUM_ABI_VERSION. */
#define SEPTUM_HC_VERSION SEPTUM_HC(0)
/* x1 = function ID -> x0 = 0 if implemented, else SMCCC_NOT_SUPPORTED. */
#define SEPTUM_HC_FEATURES SEPTUM_HC(1)
/* -> x0 = the caller's domain id, x1 = its vCPU index. */
#define SEPTUM_HC_WHOAMI SEPTUM_HC(2)
/* x1 = buffer, x2 = length (at least SEPTUM_PHYSINFO_SIZE_1_0; fields
 * past the length are left out) -> x0 = 0. */
#define SEPTUM_HC_PHYSINFO SEPTUM_HC(3)
/* x1 = struct septum_domain_config, x2 = its length -> x0 = new domain id.
 * The domain is CREATED (not running). Its memory is zeroed after the call
 * returns, by the pCPU of its vCPU 0 (the control domain does not wait for
 * it); until that is done DOMAIN_LOAD, DOMAIN_SET_BOOT and DOMAIN_START on
 * it return -EAGAIN: call again. Its RAM is made
 * of up to SEPTUM_MAX_RAM_EXTENTS physical extents, seen as one range from
 * SEPTUM_GUEST_RAM_BASE. -ENOMEM if less memory than mem_size is free;
 * -ENOBUFS if enough is free but in more pieces than a domain may have.
 * Control only. */
#define SEPTUM_HC_DOMAIN_CREATE SEPTUM_HC(4)
/* x1 = domid, x2 = destination IPA in that domain, x3 = source buffer,
 * x4 = length -> x0 = 0. Only into a CREATED or PAUSED domain. Control only. */
#define SEPTUM_HC_DOMAIN_LOAD SEPTUM_HC(5)
/* x1 = domid, x2 = entry IPA, x3 = DTB IPA, or 0 to have the hypervisor
 * write its standard device tree (memory, vCPUs, GIC, timer, UART, PSCI,
 * bootargs) at the end of the domain's RAM -> x0 = 0. CREATED only. */
#define SEPTUM_HC_DOMAIN_SET_BOOT SEPTUM_HC(6)
/* x1 = domid -> x0 = 0. CREATED -> RUNNING. Control only. */
#define SEPTUM_HC_DOMAIN_START SEPTUM_HC(7)
/* x1 = domid -> x0 = 0. RUNNING -> PAUSED. Control only.
 * ABI 1.2: synchronous. x0 = 0 only once no vCPU of the domain is in the
 * guest; -EAGAIN while they are still leaving it (the domain is paused
 * already: call again, as for DOMAIN_LOAD). A PAUSED domain therefore
 * answers 0 (or -EAGAIN), no longer -EBUSY. */
#define SEPTUM_HC_DOMAIN_PAUSE SEPTUM_HC(8)
/* x1 = domid -> x0 = 0. PAUSED -> RUNNING. Control only. */
#define SEPTUM_HC_DOMAIN_UNPAUSE SEPTUM_HC(9)
/* x1 = domid, x2 = SEPTUM_SHUTDOWN_* -> x0 = 0. POWEROFF and REBOOT stop
 * the domain at once as if it had called PSCI SYSTEM_OFF / SYSTEM_RESET.
 * ABI 1.2: REQUEST_POWEROFF and REQUEST_REBOOT ask the guest instead, through
 * the power-button device of its standard device tree; the domain keeps
 * running until it powers off or resets itself (or ignores the request):
 * -EBUSY unless it is RUNNING. Control only. */
#define SEPTUM_HC_DOMAIN_SHUTDOWN SEPTUM_HC(10)
/* x1 = domid -> x0 = 0. Stops the domain and frees its pCPUs and memory
 * (scrubbed); completes asynchronously if it was running. Control only. */
#define SEPTUM_HC_DOMAIN_DESTROY SEPTUM_HC(11)
/* x1 = buffer of struct septum_domain_info[], x2 = length -> x0 = number
 * of domains (all of them, even if the buffer holds fewer). */
#define SEPTUM_HC_DOMAIN_LIST SEPTUM_HC(12)
/* x1 = domid, x2 = struct septum_domain_info buffer, x3 = length -> x0 = 0.
 * Any domain may ask about itself; others need the control domain. */
#define SEPTUM_HC_DOMAIN_INFO SEPTUM_HC(13)
/* x1 = domid, x2 = buffer of struct septum_vcpu_info[], x3 = length
 * -> x0 = number of vCPUs. Same permission as DOMAIN_INFO. */
#define SEPTUM_HC_VCPU_INFO SEPTUM_HC(14)
/* x1 = domid, x2 = buffer, x3 = length, x4 = position (bytes since the
 * domain's creation) -> x0 = bytes copied, x1 = next position. Reads the
 * domain's console output ring; a position older than the ring holds
 * restarts at the oldest byte kept, and one past the newest byte reads
 * nothing and returns the newest position (so ~0 finds the end). Same
 * permission as DOMAIN_INFO. */
#define SEPTUM_HC_CONSOLE_READ SEPTUM_HC(15)
/* x1 = domid, x2 = buffer, x3 = length -> x0 = bytes accepted. To the
 * caller's own domain (or SEPTUM_DOMID_SELF): console output, at most
 * SEPTUM_CONSOLE_WRITE_MAX bytes per call. To another domain (control
 * only): input to its console, as if typed, as much as its FIFO takes. */
#define SEPTUM_HC_CONSOLE_WRITE SEPTUM_HC(16)
/* x1 = buffer, x2 = length, x3 = position -> x0 = bytes, x1 = next
 * position. The hypervisor's log ring. Control only. */
#define SEPTUM_HC_LOG_READ SEPTUM_HC(17)
/* x1 = domid, x2 = struct septum_domain_stats buffer, x3 = length (at
 * least SEPTUM_DOMAIN_STATS_SIZE_1_0; fields past the length are left out,
 * so callers built for ABI 1.0 keep working) -> x0 = 0. Same permission as
 * DOMAIN_INFO. */
#define SEPTUM_HC_DOMAIN_STATS SEPTUM_HC(18)
/* x1 = domid, x2 = physical base, x3 = size, x4 = IPA in the domain,
 * x5 = SEPTUM_MMIO_* flags -> x0 = 0. Gives the domain a platform device's
 * registers. A range of whole 4 KiB pages is mapped at stage 2 as device
 * memory; a smaller window (4-byte aligned, inside one page: QEMU virt packs
 * eight virtio-mmio transports into a page) is trapped and forwarded, only
 * inside the window, so page neighbours may belong to other domains. The
 * IPA keeps the base's offset in its page. Refused: ranges that are RAM, the
 * hypervisor's own devices (its UART, the GIC) or outside the machine's
 * device space (-EINVAL), owned by another domain (-EBUSY), an IPA range
 * over the domain's RAM or emulated devices (-EINVAL), SEPTUM_MMIO_DMA for
 * a domain that is not direct-mapped (-EINVAL). CREATED domains only; the
 * range returns to the hypervisor when the domain is destroyed (a DMA
 * device reset first: virtio status 0). Control only. */
#define SEPTUM_HC_ASSIGN_MMIO SEPTUM_HC(19)
/* x1 = domid, x2 = physical INTID (an SPI), x3 = virtual INTID (an SPI)
 * -> x0 = 0. The physical interrupt reaches the vCPU the guest routes the
 * virtual one to, through a list register with the HW bit (the guest's
 * EOI deactivates it). Refused: not an SPI, beyond the GIC's lines or the
 * virtual GIC's, the hypervisor's own (its UART's), a virtual INTID the
 * domain already uses (-EINVAL), owned by another domain (-EBUSY). CREATED
 * domains only; returned when the domain is destroyed. Control only. */
#define SEPTUM_HC_ASSIGN_IRQ SEPTUM_HC(20)
/* x1 = domid, x2 = struct septum_shm_attach, x3 = its length -> x0 = the
 * domain's peer id in the region. Domains attaching the same name share one
 * region; the first attach creates it (zeroed, from free memory), the last
 * peer's destruction frees it (scrubbed). The domain sees the region at
 * ipa and its doorbell register page (SEPTUM_SHM_REG_*) at regs_ipa; rings
 * addressed to it raise virtual SPI virq (edge). A CREATED domain, or the
 * control domain itself (running). -EINVAL for a size that differs from
 * the region's or overlapping IPAs, -ENOSPC when the region has
 * SEPTUM_SHM_MAX_PEERS peers, -ENOMEM. Control only. */
#define SEPTUM_HC_SHM_ATTACH SEPTUM_HC(21)
/* x1 = domid, x2 = struct septum_shm_attach (only name is read), x3 = its
 * length -> x0 = 0. Leaves a region: the control domain's own attachment,
 * or a CREATED domain's. -ENOENT if not attached. Control only. */
#define SEPTUM_HC_SHM_DETACH SEPTUM_HC(22)
/* x1 = domid, x2 = buffer of struct septum_resource[], x3 = length
 * -> x0 = number of resources the domain holds (all of them, even if the
 * buffer holds fewer). Same permission as DOMAIN_INFO. */
#define SEPTUM_HC_DOMAIN_RESOURCES SEPTUM_HC(23)
/* x1 = buffer, x2 = length, x3 = offset -> x0 = bytes copied, x1 = the
 * device tree's total size. The machine's device tree as the hypervisor
 * booted with it, so the toolstack can find devices by path. Control only. */
#define SEPTUM_HC_HOST_FDT SEPTUM_HC(24)
#define SEPTUM_HC_COUNT 25

/* Hypervisor service queries (SMCCC 1.1, section 6). */
#define SEPTUM_HC_CALL_UID 0x8600ff01u
#define SEPTUM_HC_REVISION 0x8600ff03u

/* Septum's UID, returned in x0-x3 by SEPTUM_HC_CALL_UID:
 * 5e97a3c1-0b2d-4f6e-9a41-73e0c1d2b5f8. */
#define SEPTUM_UID_0 0x5e97a3c1u
#define SEPTUM_UID_1 0x4f6e0b2du
#define SEPTUM_UID_2 0x73e0419au
#define SEPTUM_UID_3 0xf8b5d2c1u

/* SMCCC: bit 30 of a function ID marks an SMC64 call (Septum's are). */
#define SMCCC_CALL_64 (1u << 30)
/* SMCCC's reply to an unknown function. */
#define SMCCC_NOT_SUPPORTED (-1)

/* How a call passes memory: at most one buffer, its address in register
 * x<addr_reg> and its length in x<len_reg>, read (IN) or written (OUT) by
 * the hypervisor; the call reads x1..x<nr_args> and nothing above. The
 * dom0 driver builds the address and length registers from the buffer it
 * bounced, never from the caller, and refuses a call it finds no layout
 * for; libseptum declares its buffers from the same table. */
#define SEPTUM_BUF_IN 1u  /* the hypervisor reads the buffer */
#define SEPTUM_BUF_OUT 2u /* the hypervisor writes the buffer */

struct septum_call_layout {
    sp_u8 known;    /* 0: not a call of this ABI version */
    sp_u8 nr_args;  /* registers x1..x<nr_args> carry arguments */
    sp_u8 addr_reg; /* 1..5, or 0 when the call takes no buffer */
    sp_u8 len_reg;
    sp_u8 dir; /* SEPTUM_BUF_IN or SEPTUM_BUF_OUT */
};

static inline struct septum_call_layout septum_call_layout(sp_u64 fn)
{
#define SEPTUM_LAYOUT(n, a, l, d) ((struct septum_call_layout){1, n, a, l, d})
    switch (fn) {
    case SEPTUM_HC_VERSION:
    case SEPTUM_HC_WHOAMI:
    case SEPTUM_HC_CALL_UID:
    case SEPTUM_HC_REVISION:
        return SEPTUM_LAYOUT(0, 0, 0, 0);
    case SEPTUM_HC_FEATURES:
    case SEPTUM_HC_DOMAIN_START:
    case SEPTUM_HC_DOMAIN_PAUSE:
    case SEPTUM_HC_DOMAIN_UNPAUSE:
    case SEPTUM_HC_DOMAIN_DESTROY:
        return SEPTUM_LAYOUT(1, 0, 0, 0);
    case SEPTUM_HC_DOMAIN_SHUTDOWN:
        return SEPTUM_LAYOUT(2, 0, 0, 0);
    case SEPTUM_HC_DOMAIN_SET_BOOT: /* its addresses are in the target domain */
        return SEPTUM_LAYOUT(3, 0, 0, 0);
    case SEPTUM_HC_PHYSINFO:
    case SEPTUM_HC_DOMAIN_LIST:
        return SEPTUM_LAYOUT(2, 1, 2, SEPTUM_BUF_OUT);
    case SEPTUM_HC_DOMAIN_CREATE:
        return SEPTUM_LAYOUT(2, 1, 2, SEPTUM_BUF_IN);
    case SEPTUM_HC_DOMAIN_LOAD: /* x2 is an address in the target domain */
        return SEPTUM_LAYOUT(4, 3, 4, SEPTUM_BUF_IN);
    case SEPTUM_HC_DOMAIN_INFO:
    case SEPTUM_HC_VCPU_INFO:
    case SEPTUM_HC_DOMAIN_STATS:
        return SEPTUM_LAYOUT(3, 2, 3, SEPTUM_BUF_OUT);
    case SEPTUM_HC_CONSOLE_READ:
        return SEPTUM_LAYOUT(4, 2, 3, SEPTUM_BUF_OUT);
    case SEPTUM_HC_CONSOLE_WRITE:
        return SEPTUM_LAYOUT(3, 2, 3, SEPTUM_BUF_IN);
    case SEPTUM_HC_LOG_READ:
        return SEPTUM_LAYOUT(3, 1, 2, SEPTUM_BUF_OUT);
    case SEPTUM_HC_ASSIGN_MMIO: /* addresses in the machine and the target */
        return SEPTUM_LAYOUT(5, 0, 0, 0);
    case SEPTUM_HC_ASSIGN_IRQ:
        return SEPTUM_LAYOUT(3, 0, 0, 0);
    case SEPTUM_HC_SHM_ATTACH:
    case SEPTUM_HC_SHM_DETACH:
        return SEPTUM_LAYOUT(3, 2, 3, SEPTUM_BUF_IN);
    case SEPTUM_HC_DOMAIN_RESOURCES:
        return SEPTUM_LAYOUT(3, 2, 3, SEPTUM_BUF_OUT);
    case SEPTUM_HC_HOST_FDT:
        return SEPTUM_LAYOUT(3, 1, 2, SEPTUM_BUF_OUT);
    default:
        return (struct septum_call_layout){0, 0, 0, 0, 0};
    }
#undef SEPTUM_LAYOUT
}

#define SEPTUM_DOMID_CONTROL 0u /* domain 0 manages the others */
/* Domain ids are 15-bit, below the reserved values: no domain ever holds
 * an id from SEPTUM_DOMID_FIRST_RESERVED up. */
#define SEPTUM_DOMID_FIRST_RESERVED 0x7ff0u
#define SEPTUM_DOMID_SELF 0x7ff0u /* "the caller" wherever a domid is taken */
#define SEPTUM_NAME_MAX 32        /* including the terminating NUL */
#define SEPTUM_CMDLINE_MAX 512    /* including the terminating NUL */
#define SEPTUM_MAX_VCPUS 8
#define SEPTUM_MAX_PCPUS 8
#define SEPTUM_MAX_DEVICES 8
#define SEPTUM_PCPU_FREE 0xffffffffu
#define SEPTUM_BUFFER_MAX (16u << 20) /* largest buffer any call accepts */
#define SEPTUM_CONSOLE_WRITE_MAX 4096
#define SEPTUM_MAX_RAM_EXTENTS 16 /* physical extents of one domain's RAM */

/* Every domain but the control domain sees QEMU virt's layout: RAM from
 * SEPTUM_GUEST_RAM_BASE; with SET_BOOT's dtb = 0, the hypervisor writes its
 * standard device tree into the last SEPTUM_GUEST_DTB_SIZE bytes of RAM. */
#define SEPTUM_GUEST_RAM_BASE 0x40000000ull
#define SEPTUM_GUEST_DTB_SIZE (64u << 10)
/* The emulated devices every such domain has: a GICv3 distributor, one
 * redistributor frame pair per vCPU, and a PL011 on SPI 1 (INTID 33). */
#define SEPTUM_GUEST_GICD_BASE 0x08000000ull
#define SEPTUM_GUEST_GICD_SIZE 0x10000ull
#define SEPTUM_GUEST_GICR_BASE 0x080a0000ull
#define SEPTUM_GUEST_GICR_STRIDE 0x20000ull
#define SEPTUM_GUEST_UART_BASE 0x09000000ull
#define SEPTUM_GUEST_UART_SIZE 0x1000ull
#define SEPTUM_GUEST_UART_SPI 1
/* Each DOMAIN_LOAD into a created domain is kept as one boot segment (to
 * restart from); a domain holds at most this many. */
#define SEPTUM_BOOT_SEGMENTS_MAX 64

/* Domain states (struct septum_domain_info.state). */
#define SEPTUM_STATE_CREATED 0
#define SEPTUM_STATE_RUNNING 1
#define SEPTUM_STATE_PAUSED 2
#define SEPTUM_STATE_SHUTTING_DOWN 3
#define SEPTUM_STATE_DESTROYED 4
#define SEPTUM_STATE_CRASHED 5

/* vCPU power states (struct septum_vcpu_info.power). */
#define SEPTUM_VCPU_OFF 0
#define SEPTUM_VCPU_ON_PENDING 1
#define SEPTUM_VCPU_ON 2

/* What happens when a domain powers off, reboots or crashes. */
#define SEPTUM_ACTION_DESTROY 0
#define SEPTUM_ACTION_RESTART 1
#define SEPTUM_ACTION_PRESERVE 2

#define SEPTUM_SHUTDOWN_POWEROFF 0
#define SEPTUM_SHUTDOWN_REBOOT 1
/* ABI 1.2: graceful. The guest sees its power key pressed (a PL061 GPIO
 * line wired to gpio-keys, KEY_POWER, as on QEMU virt) or Ctrl-Alt-Del
 * typed (three more lines of the same keys node); Linux with busybox acpid
 * and init turns them into poweroff and reboot. */
#define SEPTUM_SHUTDOWN_REQUEST_POWEROFF 2
#define SEPTUM_SHUTDOWN_REQUEST_REBOOT 3

/* ABI 1.2: the power-button device every domain but the control domain
 * has: an Arm PL061 GPIO controller on SPI 7 (INTID 39), its lines pressed
 * (driven high) by SHUTDOWN_REQUEST_*. */
#define SEPTUM_GUEST_GPIO_BASE 0x09030000ull
#define SEPTUM_GUEST_GPIO_SIZE 0x1000ull
#define SEPTUM_GUEST_GPIO_SPI 7
#define SEPTUM_GPIO_KEY_POWER 3  /* line of KEY_POWER (116) */
#define SEPTUM_GPIO_KEY_CTRL 4   /* KEY_LEFTCTRL (29) */
#define SEPTUM_GPIO_KEY_ALT 5    /* KEY_LEFTALT (56) */
#define SEPTUM_GPIO_KEY_DELETE 6 /* KEY_DELETE (111), once Ctrl and Alt are seen */

/* Exit causes counted per vCPU (struct septum_vcpu_info.exits[]). */
#define SEPTUM_EXIT_HVC 0
#define SEPTUM_EXIT_SMC 1
#define SEPTUM_EXIT_SYSREG 2
#define SEPTUM_EXIT_MMIO 3
#define SEPTUM_EXIT_IRQ 4
#define SEPTUM_EXIT_OTHER 5
#define SEPTUM_EXIT_CAUSES 6

struct septum_physinfo {
    sp_u32 abi_version;
    sp_u32 nr_pcpus;
    sp_u64 mem_total; /* bytes of RAM the machine has */
    sp_u64 mem_free;  /* bytes free for new domains */
    sp_u64 uptime_ns;
    sp_u32 max_domains;
    sp_u32 nr_domains;
    sp_u32 pcpu_owner[SEPTUM_MAX_PCPUS]; /* domid, or SEPTUM_PCPU_FREE */
    sp_u32 pcpu_vcpu[SEPTUM_MAX_PCPUS];  /* vCPU index on that pCPU */
    /* ABI 1.1. The largest contiguous free extent (2 MiB aligned): the
     * most a direct-mapped domain (IPA = PA, one extent) can get. */
    sp_u64 mem_largest_free;
};
#define SEPTUM_PHYSINFO_SIZE_1_0 104

/* struct septum_domain_config.flags (ABI 1.2). */
/* RAM at IPA = PA, one extent (as the control domain's): for devices that
 * DMA without an IOMMU. Its address is DOMAIN_STATS' ram_base. */
#define SEPTUM_DOMAIN_DIRECT_MAP (1u << 0)
/* WFI and WFE run natively: the vCPU keeps its pCPU busy while idle (the
 * lowest wake-up latency; its CPU time counts idle time). By default they
 * trap and the pCPU sleeps until the vCPU has an interrupt. */
#define SEPTUM_DOMAIN_NATIVE_WFI (1u << 1)
#define SEPTUM_DOMAIN_FLAGS_KNOWN (SEPTUM_DOMAIN_DIRECT_MAP | SEPTUM_DOMAIN_NATIVE_WFI)

struct septum_domain_config {
    char name[SEPTUM_NAME_MAX];
    sp_u32 nr_vcpus;
    sp_u32 pcpus[SEPTUM_MAX_VCPUS]; /* vCPU i runs on pCPU pcpus[i] */
    sp_u32 on_poweroff;             /* SEPTUM_ACTION_* */
    sp_u32 on_reboot;
    sp_u32 on_crash;
    sp_u32 flags;                     /* SEPTUM_DOMAIN_*, others 0 */
    sp_u32 pad;                       /* must be 0 */
    sp_u64 mem_size;                  /* bytes, a multiple of 2 MiB */
    char cmdline[SEPTUM_CMDLINE_MAX]; /* for the standard device tree */
};

struct septum_domain_info {
    sp_u32 domid;
    sp_u32 state; /* SEPTUM_STATE_* */
    char name[SEPTUM_NAME_MAX];
    sp_u64 mem_size;
    sp_u32 nr_vcpus;
    sp_u32 restarts;
    sp_u64 cpu_time_ns; /* all vCPUs, time spent loaded on their pCPUs */
    sp_u64 created_ns;  /* hypervisor uptime at creation */
    char crash_reason[128];
};

struct septum_vcpu_info {
    sp_u32 vcpu;
    sp_u32 pcpu;
    sp_u32 power; /* SEPTUM_VCPU_* */
    sp_u32 pad;
    sp_u64 time_ns;
    sp_u64 exits[SEPTUM_EXIT_CAUSES];
};

struct septum_device_stats {
    char name[16];
    sp_u64 base;
    sp_u64 size;
    sp_u64 reads;
    sp_u64 writes;
    sp_u64 irqs;
};

struct septum_domain_stats {
    sp_u64 hypercalls;
    sp_u64 irqs_injected;
    sp_u64 console_bytes;
    sp_u32 nr_devices;
    sp_u32 pad;
    struct septum_device_stats devices[SEPTUM_MAX_DEVICES];
    /* ABI 1.1. What the domain costs beyond its RAM: copies of what
     * DOMAIN_LOAD loaded, kept to restart it from (taken from the free
     * memory physinfo reports), and the hypervisor's own memory for its
     * stage-2 tables and device models. */
    sp_u64 mem_boot_copies;
    sp_u64 mem_hypervisor;
    sp_u32 nr_ram_extents; /* physical extents the domain's RAM is made of */
    sp_u32 flags;          /* ABI 1.2: the SEPTUM_DOMAIN_* it was created with */
    /* ABI 1.2. */
    sp_u64 ram_base; /* the IPA its RAM starts at (its PA if direct-mapped) */
};
#define SEPTUM_DOMAIN_STATS_SIZE_1_0 480
#define SEPTUM_DOMAIN_STATS_SIZE_1_1 504

/* ASSIGN_MMIO flags. */
#define SEPTUM_MMIO_DMA (1u << 0) /* the device does DMA: direct-mapped domains only */

/* Shared memory (ABI 1.2). */
#define SEPTUM_SHM_MAX_PEERS 8
#define SEPTUM_SHM_MAX_REGIONS 16
/* Where the control domain sees regions it attaches (it is direct-mapped:
 * this is a hole in QEMU virt's map, neither RAM nor a device, between the
 * virtio-mmio transports and the platform bus): doorbell register pages in
 * the first SEPTUM_SHM_MAX_REGIONS pages, regions in the rest. Other
 * domains may use any IPA outside their RAM and devices; the toolstack's
 * defaults put them in the same window. */
#define SEPTUM_SHM_WINDOW_BASE 0x0b000000ull
#define SEPTUM_SHM_WINDOW_SIZE 0x01000000ull
#define SEPTUM_SHM_REGS_SIZE (SEPTUM_SHM_MAX_REGIONS * 0x1000ull)
/* The toolstack's default doorbell interrupts: INTID 40 + the domain's
 * n-th region (the virtual GIC has INTIDs up to 63). */
#define SEPTUM_SHM_DEFAULT_VIRQ 40
/* A peer's device-tree node: reg = <registers 4 KiB>, <region>;
 * interrupts = the doorbell SPI (edge); septum,name = the region. */
#define SEPTUM_SHM_COMPATIBLE "septum,shm-doorbell"

struct septum_shm_attach {
    char name[SEPTUM_NAME_MAX]; /* the region: peers name the same one */
    sp_u64 size;                /* bytes, a multiple of 4 KiB */
    sp_u64 ipa;                 /* where the domain sees the region */
    sp_u64 regs_ipa;            /* where it sees its doorbell registers (4 KiB) */
    sp_u32 virq;                /* the SPI (INTID) its doorbell raises */
    sp_u32 flags;               /* must be 0 */
};

/* The doorbell register page each peer sees (32-bit registers unless
 * said). A ring sets the target's virtual SPI pending (edge): rings that
 * arrive before the guest takes the interrupt are counted in RINGS but
 * raise it once. Linux user space drives it with uio_pdrv_genirq. */
#define SEPTUM_SHM_REG_MAGIC 0x00       /* RO: SEPTUM_SHM_MAGIC */
#define SEPTUM_SHM_REG_ID 0x04          /* RO: this peer's id */
#define SEPTUM_SHM_REG_PEERS 0x08       /* RO: bitmap of attached peer ids */
#define SEPTUM_SHM_REG_DOORBELL 0x0c    /* WO: a peer id, or SEPTUM_SHM_RING_ALL */
#define SEPTUM_SHM_REG_RINGS 0x10       /* RO: rings received, wrapping */
#define SEPTUM_SHM_REG_SIZE 0x18        /* RO, 64-bit: the region's size */
#define SEPTUM_SHM_MAGIC 0x48535053u    /* "SPSH" */
#define SEPTUM_SHM_RING_ALL 0xffffffffu /* every other peer */

/* What a domain holds beyond RAM and vCPUs (DOMAIN_RESOURCES). */
#define SEPTUM_RESOURCE_MMIO 1 /* pa, ipa, size; count = forwarded accesses */
#define SEPTUM_RESOURCE_IRQ 2  /* pirq, virq; count = interrupts delivered */
#define SEPTUM_RESOURCE_SHM 3  /* name, pa, ipa, size, virq, peer; count = rings received */

struct septum_resource {
    sp_u32 kind;  /* SEPTUM_RESOURCE_* */
    sp_u32 flags; /* MMIO: SEPTUM_MMIO_* */
    sp_u64 pa;
    sp_u64 ipa;
    sp_u64 size;
    sp_u32 pirq;
    sp_u32 virq;
    sp_u64 count;
    sp_u64 regs_ipa; /* SHM: its doorbell registers */
    sp_u32 peer;     /* SHM: the domain's peer id */
    sp_u32 pad;
    char name[SEPTUM_NAME_MAX]; /* SHM: the region */
};

/* The layout is the ABI: any change shows here. */
#ifndef __KERNEL__
_Static_assert(sizeof(struct septum_physinfo) == 112, "ABI: septum_physinfo");
_Static_assert(sizeof(struct septum_domain_config) == 608, "ABI: septum_domain_config");
_Static_assert(sizeof(struct septum_domain_info) == 200, "ABI: septum_domain_info");
_Static_assert(sizeof(struct septum_vcpu_info) == 72, "ABI: septum_vcpu_info");
_Static_assert(sizeof(struct septum_domain_stats) == 512, "ABI: septum_domain_stats");
_Static_assert(sizeof(struct septum_shm_attach) == 64, "ABI: septum_shm_attach");
_Static_assert(sizeof(struct septum_resource) == 96, "ABI: septum_resource");
#endif

#endif
