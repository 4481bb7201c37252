/* The /dev/septum interface between dom0's kernel driver and libseptum.
 * One ioctl performs one hypercall. User buffers are bounced by the driver
 * through physically contiguous kernel memory, whose physical address (== the
 * IPA, dom0 being mapped 1:1) replaces the argument the buffer names. Only
 * Septum's own calls (SEPTUM_HC_*) pass; the caller needs CAP_SYS_ADMIN. */
#ifndef SEPTUM_IOCTL_H
#define SEPTUM_IOCTL_H

#include "septum.h"

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define SEPTUM_DEVICE "/dev/septum"
#define SEPTUM_IOCTL_MAX_BUFS 2
#define SEPTUM_IOCTL_BUF_MAX (4u << 20) /* largest buffer the driver bounces */

#define SEPTUM_BUF_IN 1u  /* copied from user space before the call */
#define SEPTUM_BUF_OUT 2u /* copied back to user space after it */

struct septum_ioctl_buffer {
    sp_u64 uaddr; /* user address */
    sp_u64 len;   /* bytes, at most SEPTUM_IOCTL_BUF_MAX */
    sp_u32 arg;   /* 1..5: the argument register that receives its IPA */
    sp_u32 dir;   /* SEPTUM_BUF_IN | SEPTUM_BUF_OUT */
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

#endif
