// SPDX-License-Identifier: GPL-2.0
/* /dev/septum: the control domain's door to the Septum hypervisor.
 *
 * One SEPTUM_IOCTL_HYPERCALL makes one hypercall (SMCCC 1.1 over hvc #0).
 * The hypervisor takes buffers by guest-physical address, so every user
 * buffer is bounced through zeroed, physically contiguous kernel pages;
 * dom0 is mapped 1:1, so their physical address is the IPA the hypervisor
 * expects. The ABI lives in septum_ioctl.h / septum.h, shared with the
 * hypervisor and libseptum. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "septum_ioctl.h"

/* Septum's calls, plus the two SMCCC queries that identify it. Nothing
 * else may pass: this device must not become a way for user space to make
 * arbitrary SMCCC calls (PSCI CPU_OFF, SYSTEM_OFF, firmware services). */
static bool septum_fn_allowed(u64 fn)
{
    if (fn > U32_MAX)
        return false;
    return (fn & 0xffff0000u) == SEPTUM_HC(0) || fn == SEPTUM_HC_CALL_UID ||
           fn == SEPTUM_HC_REVISION;
}

static int septum_check_call(const struct septum_ioctl_hypercall *hc)
{
    unsigned int used_args = 0;
    u32 i;

    if (!septum_fn_allowed(hc->fn) || hc->nr_bufs > SEPTUM_IOCTL_MAX_BUFS)
        return -EINVAL;
    for (i = 0; i < hc->nr_bufs; i++) {
        const struct septum_ioctl_buffer *b = &hc->bufs[i];

        if (b->len > SEPTUM_IOCTL_BUF_MAX || b->arg < 1 || b->arg > 5)
            return -EINVAL;
        if (!b->dir || (b->dir & ~(SEPTUM_BUF_IN | SEPTUM_BUF_OUT)))
            return -EINVAL;
        /* Two buffers in one register: one address would be lost. */
        if (used_args & BIT(b->arg))
            return -EINVAL;
        used_args |= BIT(b->arg);
    }
    return 0;
}

/* Allocates the bounce buffer for b, fills it for IN and puts its physical
 * address in *reg. An empty buffer gets address 0 and no memory: a call
 * that only counts (DOMAIN_LIST with length 0) must still work. */
static int septum_bounce_in(const struct septum_ioctl_buffer *b, void **kbuf, u64 *reg)
{
    *kbuf = NULL;
    *reg = 0;
    if (!b->len)
        return 0;
    /* Whole zeroed pages: the hypervisor may read past what user space
     * filled in (an OUT buffer), and must never see stale kernel data. */
    *kbuf = alloc_pages_exact(b->len, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
    if (!*kbuf)
        return -ENOMEM;
    if ((b->dir & SEPTUM_BUF_IN) && copy_from_user(*kbuf, u64_to_user_ptr(b->uaddr), b->len))
        return -EFAULT;
    *reg = virt_to_phys(*kbuf);
    return 0;
}

static long septum_hypercall(struct septum_ioctl_hypercall __user *uhc)
{
    void *kbuf[SEPTUM_IOCTL_MAX_BUFS] = {NULL};
    struct septum_ioctl_hypercall hc;
    struct arm_smccc_res res;
    u64 ret[ARRAY_SIZE(hc.ret)];
    long err;
    u32 i;

    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    if (copy_from_user(&hc, uhc, sizeof(hc)))
        return -EFAULT;
    err = septum_check_call(&hc);
    if (err)
        return err;

    for (i = 0; i < hc.nr_bufs; i++) {
        err = septum_bounce_in(&hc.bufs[i], &kbuf[i], &hc.args[hc.bufs[i].arg]);
        if (err)
            goto out;
    }

    arm_smccc_1_1_hvc(hc.fn, hc.args[1], hc.args[2], hc.args[3], hc.args[4], hc.args[5], &res);

    for (i = 0; i < hc.nr_bufs; i++) {
        const struct septum_ioctl_buffer *b = &hc.bufs[i];

        if ((b->dir & SEPTUM_BUF_OUT) && b->len &&
            copy_to_user(u64_to_user_ptr(b->uaddr), kbuf[i], b->len)) {
            err = -EFAULT;
            goto out;
        }
    }
    /* Only the results go back: the rewritten args hold kernel physical
     * addresses, which user space has no business seeing. */
    ret[0] = res.a0;
    ret[1] = res.a1;
    ret[2] = res.a2;
    ret[3] = res.a3;
    if (copy_to_user(uhc->ret, ret, sizeof(ret)))
        err = -EFAULT;
out:
    for (i = 0; i < hc.nr_bufs; i++)
        if (kbuf[i])
            free_pages_exact(kbuf[i], hc.bufs[i].len);
    return err;
}

static long septum_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
    if (cmd != SEPTUM_IOCTL_HYPERCALL)
        return -ENOTTY;
    return septum_hypercall((struct septum_ioctl_hypercall __user *)arg);
}

static const struct file_operations septum_fops = {
    .owner = THIS_MODULE,
    .unlocked_ioctl = septum_ioctl,
    /* The structures have the same layout for 32-bit callers. */
    .compat_ioctl = compat_ptr_ioctl,
    .llseek = noop_llseek,
};

static struct miscdevice septum_misc = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "septum",
    .fops = &septum_fops,
    .mode = 0600,
};

/* An hvc with no hypervisor, or one that does not speak SMCCC, is
 * undefined or worse; and a different hypervisor would read Septum's
 * function IDs as its own. So the device only appears under Septum, with
 * an ABI of the major version this driver was built for. */
static int septum_probe_hypervisor(void)
{
    struct arm_smccc_res res;

    if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_HVC) {
        pr_err("no SMCCC 1.1 hvc conduit: not running under Septum\n");
        return -ENODEV;
    }
    arm_smccc_1_1_hvc(SEPTUM_HC_CALL_UID, &res);
    if (res.a0 != SEPTUM_UID_0 || res.a1 != SEPTUM_UID_1 || res.a2 != SEPTUM_UID_2 ||
        res.a3 != SEPTUM_UID_3) {
        pr_err("hypervisor UID %08lx-%08lx-%08lx-%08lx is not Septum's\n", res.a0, res.a1, res.a2,
               res.a3);
        return -ENODEV;
    }
    arm_smccc_1_1_hvc(SEPTUM_HC_VERSION, &res);
    if ((long)res.a0 < 0 || res.a0 >> 16 != SEPTUM_ABI_MAJOR) {
        pr_err("hypervisor ABI %#lx, driver built for major %u\n", res.a0, SEPTUM_ABI_MAJOR);
        return -ENODEV;
    }
    pr_info("Septum hypervisor, ABI %lu.%lu\n", res.a0 >> 16, res.a0 & 0xffff);
    return 0;
}

static int __init septum_init(void)
{
    int err = septum_probe_hypervisor();

    if (err)
        return err;
    return misc_register(&septum_misc);
}

static void __exit septum_exit(void)
{
    misc_deregister(&septum_misc);
}

module_init(septum_init);
module_exit(septum_exit);
MODULE_DESCRIPTION("Septum hypervisor control interface (/dev/septum)");
MODULE_LICENSE("GPL");
