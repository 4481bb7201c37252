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

/* Allocates the bounce buffer for b and fills it for IN. An empty buffer
 * gets address 0 and no memory: a call that only counts (DOMAIN_LIST with
 * length 0) must still work. */
static int septum_bounce_in(const struct septum_ioctl_buffer *b, void **kbuf)
{
    *kbuf = NULL;
    if (!b->len)
        return 0;
    /* Whole zeroed pages: the hypervisor may read past what user space
     * filled in (an OUT buffer), and must never see stale kernel data. */
    *kbuf = alloc_pages_exact(b->len, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
    if (!*kbuf)
        return -ENOMEM;
    if ((b->dir & SEPTUM_BUF_IN) && copy_from_user(*kbuf, u64_to_user_ptr(b->uaddr), b->len))
        return -EFAULT;
    return 0;
}

static long septum_hypercall(struct septum_ioctl_hypercall __user *uhc)
{
    const struct septum_ioctl_buffer *b;
    struct septum_ioctl_hypercall hc;
    struct septum_call_layout layout;
    struct arm_smccc_res res;
    u64 regs[6] = {0};
    u64 ret[ARRAY_SIZE(hc.ret)];
    void *kbuf = NULL;
    long err;
    u32 i;

    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    if (copy_from_user(&hc, uhc, sizeof(hc)))
        return -EFAULT;
    /* Only the calls of the ABI this driver was built for pass: for any
     * other it could not tell which registers are addresses, and this
     * device must not become a way to make arbitrary SMCCC calls (PSCI
     * CPU_OFF, SYSTEM_OFF, firmware services) or to name kernel memory. */
    err = septum_ioctl_check(&hc, &layout);
    if (err)
        return err;
    b = &hc.bufs[0];

    /* Scalars as given; the buffer's address and length as bounced. */
    for (i = 1; i <= layout.nr_args && i < ARRAY_SIZE(regs); i++)
        regs[i] = hc.args[i];
    if (layout.addr_reg) {
        err = septum_bounce_in(b, &kbuf);
        if (err)
            goto out;
        regs[layout.addr_reg] = kbuf ? virt_to_phys(kbuf) : 0;
        regs[layout.len_reg] = b->len;
    }

    arm_smccc_1_1_hvc(hc.fn, regs[1], regs[2], regs[3], regs[4], regs[5], &res);

    if (kbuf && (b->dir & SEPTUM_BUF_OUT) &&
        copy_to_user(u64_to_user_ptr(b->uaddr), kbuf, b->len)) {
        err = -EFAULT;
        goto out;
    }
    /* Only the results go back: the registers held kernel physical
     * addresses, which user space has no business seeing. */
    ret[0] = res.a0;
    ret[1] = res.a1;
    ret[2] = res.a2;
    ret[3] = res.a3;
    if (copy_to_user(uhc->ret, ret, sizeof(ret)))
        err = -EFAULT;
out:
    if (kbuf)
        free_pages_exact(kbuf, b->len);
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
