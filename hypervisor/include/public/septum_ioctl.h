/* The /dev/septum interface between dom0's kernel driver and libseptum.
 * One ioctl performs one hypercall. Only the calls septum_call_layout()
 * knows pass, and the caller needs CAP_SYS_ADMIN. A call that takes a buffer
 * must declare exactly that buffer (its register and direction as the
 * layout says); the driver bounces it through physically contiguous kernel
 * memory and writes the buffer's address (== the IPA, dom0 being mapped
 * 1:1) and length into the call's registers itself, whatever the caller put
 * there. Registers above the call's arguments are passed as zero. */
#ifndef SEPTUM_IOCTL_H
#define SEPTUM_IOCTL_H

#include "septum.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/ioctl.h>
#else
#include <errno.h>
#include <sys/ioctl.h>
#endif

#define SEPTUM_DEVICE "/dev/septum"
#define SEPTUM_IOCTL_MAX_BUFS 2
#define SEPTUM_IOCTL_BUF_MAX (4u << 20) /* largest buffer the driver bounces */

struct septum_ioctl_buffer {
    sp_u64 uaddr; /* user address */
    sp_u64 len;   /* bytes, at most SEPTUM_IOCTL_BUF_MAX */
    sp_u32 arg;   /* the call's layout addr_reg: receives the buffer's IPA */
    sp_u32 dir;   /* the call's layout dir: SEPTUM_BUF_IN (copied in before
                   * the call) or SEPTUM_BUF_OUT (copied back after it) */
};

struct septum_ioctl_hypercall {
    sp_u64 fn;      /* SEPTUM_HC_* */
    sp_u64 args[6]; /* x1..x5 in args[1..5]; args[0] is unused */
    sp_u64 ret[4];  /* x0..x3 after the call */
    sp_u32 nr_bufs;
    sp_u32 pad;
    struct septum_ioctl_buffer bufs[SEPTUM_IOCTL_MAX_BUFS];
};

#define SEPTUM_IOCTL_HYPERCALL _IOWR('S', 0x01, struct septum_ioctl_hypercall)

/* /dev/septum-shm (the septum_shm module, control domain only): attaches
 * the control domain to the region called name, of size bytes (ipa,
 * regs_ipa, virq and flags 0: the driver places it in the shm window and
 * fills them in) and returns the minor of its UIO device, /dev/uioN.
 * Detach takes the name. */
#define SEPTUM_SHM_DEVICE "/dev/septum-shm"
#define SEPTUM_IOCTL_SHM_ATTACH _IOWR('S', 0x02, struct septum_shm_attach)
#define SEPTUM_IOCTL_SHM_DETACH _IOW('S', 0x03, struct septum_shm_attach)

/* What the driver accepts, in one place for the driver and the test
 * transports: a call of this ABI with exactly the buffer its layout names
 * (-EOPNOTSUPP for a call the driver does not know, -EINVAL for any other
 * buffer declaration). Fills *layout. */
static inline int septum_ioctl_check(const struct septum_ioctl_hypercall *hc,
                                     struct septum_call_layout *layout)
{
    const struct septum_ioctl_buffer *b = &hc->bufs[0];

    *layout = septum_call_layout(hc->fn);
    if (!layout->known)
        return -EOPNOTSUPP;
    if (hc->nr_bufs != (layout->addr_reg ? 1u : 0u))
        return -EINVAL;
    if (hc->nr_bufs &&
        (b->arg != layout->addr_reg || b->dir != layout->dir || b->len > SEPTUM_IOCTL_BUF_MAX))
        return -EINVAL;
    return 0;
}

#endif
