// SPDX-License-Identifier: GPL-2.0
/* Septum's shared-memory regions as UIO devices, in any Linux domain.
 *
 * Debian's arm64 kernel has the UIO core (uio.ko) but not
 * uio_pdrv_genirq, so this module gives the same user-space interface:
 * one /dev/uioN per region, map 0 the doorbell registers
 * (SEPTUM_SHM_REG_*), map 1 the region, read() blocking until the
 * doorbell's interrupt came, write() of 1 accepted (re-arming, as
 * uio_pdrv_genirq wants; a doorbell is an edge, nothing to re-arm). On a
 * kernel with uio_pdrv_genirq, `modprobe uio_pdrv_genirq
 * of_id=septum,shm-doorbell` serves the same nodes to the same programs.
 *
 *  - Regions described in the device tree (SEPTUM_SHM_COMPATIBLE nodes:
 *    a domU's, or boot-time regions naming dom0) bind as platform devices.
 *  - In the control domain, /dev/septum-shm attaches regions at run time
 *    (SEPTUM_IOCTL_SHM_ATTACH): the driver places the registers and the
 *    region in dom0's shm window, picks a free doorbell INTID, asks the
 *    hypervisor (SHM_ATTACH on itself), maps the interrupt on the GIC
 *    itself (irq_create_fwspec_mapping) and registers the UIO device;
 *    the ioctl returns its minor (/dev/uioN). SEPTUM_IOCTL_SHM_DETACH undoes it.
 * User space chooses nothing but the name and the size: it can never
 * make the hypervisor map anything where it likes. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/capability.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/uio_driver.h>

#include "septum_ioctl.h"

#define SHM_REGS_END (SEPTUM_SHM_WINDOW_BASE + SEPTUM_SHM_REGS_SIZE)
#define SHM_WINDOW_END (SEPTUM_SHM_WINDOW_BASE + SEPTUM_SHM_WINDOW_SIZE)
#define SHM_VIRQ_LAST 63 /* the virtual GIC's last INTID today */

struct shm_dev {
    struct uio_info uio;
    char name[SEPTUM_NAME_MAX];
    struct list_head node; /* run-time regions only */
    unsigned int irq;      /* mapped here (run time) */
};

static irqreturn_t shm_doorbell(int irq, struct uio_info *info)
{
    return IRQ_HANDLED; /* an edge: the UIO core counts it and wakes readers */
}

static int shm_irqcontrol(struct uio_info *info, s32 on)
{
    return 0; /* nothing to mask or re-arm */
}

static void shm_fill(struct shm_dev *s, phys_addr_t regs, phys_addr_t mem, u64 size, int irq)
{
    s->uio.name = s->name;
    s->uio.version = "1";
    s->uio.irq = irq;
    s->uio.handler = shm_doorbell;
    s->uio.irqcontrol = shm_irqcontrol;
    s->uio.mem[0] = (struct uio_mem){
        .name = "registers", .addr = regs, .size = PAGE_SIZE, .memtype = UIO_MEM_PHYS};
    s->uio.mem[1] =
        (struct uio_mem){.name = "region", .addr = mem, .size = size, .memtype = UIO_MEM_PHYS};
}

/* ---- regions from the device tree ------------------------------------- */

static int shm_probe(struct platform_device *pdev)
{
    struct resource *regs = platform_get_resource(pdev, IORESOURCE_MEM, 0);
    struct resource *mem = platform_get_resource(pdev, IORESOURCE_MEM, 1);
    const char *name = NULL;
    struct shm_dev *s;
    int irq = platform_get_irq(pdev, 0);

    of_property_read_string(pdev->dev.of_node, "septum,name", &name);
    if (!regs || !mem || resource_size(regs) != PAGE_SIZE || irq < 0 || !name ||
        strlen(name) >= SEPTUM_NAME_MAX) {
        dev_err(&pdev->dev,
                "needs reg = <registers 4 KiB>, <region>, an interrupt and septum,name\n");
        return -EINVAL;
    }
    s = devm_kzalloc(&pdev->dev, sizeof(*s), GFP_KERNEL);
    if (!s)
        return -ENOMEM;
    strscpy(s->name, name, sizeof(s->name));
    shm_fill(s, regs->start, mem->start, resource_size(mem), irq);
    platform_set_drvdata(pdev, s);
    return devm_uio_register_device(&pdev->dev, &s->uio);
}

static const struct of_device_id shm_of_match[] = {
    {.compatible = SEPTUM_SHM_COMPATIBLE},
    {},
};
MODULE_DEVICE_TABLE(of, shm_of_match);

static struct platform_driver shm_platform_driver = {
    .probe = shm_probe,
    .driver = {.name = "septum-shm", .of_match_table = shm_of_match},
};

/* ---- regions the control domain attaches at run time ------------------ */

static LIST_HEAD(shm_runtime);
static DEFINE_MUTEX(shm_lock); /* shm_runtime, and one attach or detach at a time */

/* A hypercall with one buffer in physically contiguous kernel memory
 * (dom0 is direct-mapped: its physical address is its IPA). */
static long shm_call(u32 fn, void *buf, size_t len)
{
    struct arm_smccc_res res;

    arm_smccc_1_1_hvc(fn, SEPTUM_DOMID_SELF, virt_to_phys(buf), len, 0, 0, &res);
    return (long)res.a0;
}

struct shm_layout {
    struct septum_resource res[SEPTUM_SHM_MAX_REGIONS];
    struct septum_shm_attach req;
};

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
    return a < b + blen && b < a + alen;
}

/* Places a new region where none of dom0's regions are: the lowest free
 * register page, INTID and range of the window (first fit). */
static int shm_place(struct shm_layout *l, unsigned int n)
{
    struct septum_shm_attach *a = &l->req;
    unsigned int i;
    u64 ipa;

    for (a->regs_ipa = SEPTUM_SHM_WINDOW_BASE; a->regs_ipa < SHM_REGS_END;
         a->regs_ipa += PAGE_SIZE) {
        for (i = 0; i < n && l->res[i].regs_ipa != a->regs_ipa; i++)
            ;
        if (i == n)
            break;
    }
    for (a->virq = SEPTUM_SHM_DEFAULT_VIRQ; a->virq <= SHM_VIRQ_LAST; a->virq++) {
        for (i = 0; i < n && l->res[i].virq != a->virq; i++)
            ;
        if (i == n)
            break;
    }
    if (a->regs_ipa >= SHM_REGS_END || a->virq > SHM_VIRQ_LAST)
        return -ENOSPC;
    for (ipa = SHM_REGS_END; ipa + a->size <= SHM_WINDOW_END;) {
        for (i = 0; i < n && !overlaps(ipa, a->size, l->res[i].ipa, l->res[i].size); i++)
            ;
        if (i == n) {
            a->ipa = ipa;
            return 0;
        }
        ipa = PAGE_ALIGN(l->res[i].ipa + l->res[i].size);
    }
    return -ENOSPC;
}

static struct shm_dev *shm_find(const char *name)
{
    struct shm_dev *s;

    list_for_each_entry(s, &shm_runtime, node) if (!strcmp(s->name, name)) return s;
    return NULL;
}

/* The GIC's fwnode: run-time doorbells have no device-tree node to map
 * their interrupt from. */
static unsigned int shm_map_irq(u32 intid)
{
    struct device_node *gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
    struct irq_fwspec spec = {.param_count = 3,
                              .param = {0 /* SPI */, intid - 32, IRQ_TYPE_EDGE_RISING}};
    unsigned int irq;

    if (!gic)
        return 0;
    spec.fwnode = of_node_to_fwnode(gic);
    irq = irq_create_fwspec_mapping(&spec);
    of_node_put(gic);
    return irq;
}

static struct miscdevice shm_misc;

static long shm_attach(struct septum_shm_attach __user *uarg)
{
    struct shm_layout *l;
    struct shm_dev *s = NULL;
    long err, n;

    l = (void *)get_zeroed_page(GFP_KERNEL);
    if (!l)
        return -ENOMEM;
    BUILD_BUG_ON(sizeof(*l) > PAGE_SIZE);
    err = -EFAULT;
    if (copy_from_user(&l->req, uarg, sizeof(l->req)))
        goto out;
    /* Only the name and the size are the caller's to choose. */
    err = -EINVAL;
    if (l->req.ipa || l->req.regs_ipa || l->req.virq || l->req.flags || !l->req.size ||
        !PAGE_ALIGNED(l->req.size) || l->req.size > SEPTUM_SHM_WINDOW_SIZE || !l->req.name[0] ||
        strnlen(l->req.name, SEPTUM_NAME_MAX) == SEPTUM_NAME_MAX)
        goto out;
    mutex_lock(&shm_lock);
    err = -EEXIST;
    if (shm_find(l->req.name))
        goto unlock;
    n = shm_call(SEPTUM_HC_DOMAIN_RESOURCES, l->res, sizeof(l->res));
    err = n < 0 ? n : n > SEPTUM_SHM_MAX_REGIONS ? -ENOSPC : shm_place(l, n);
    if (err)
        goto unlock;
    err = -ENOMEM;
    s = kzalloc(sizeof(*s), GFP_KERNEL);
    if (!s)
        goto unlock;
    strscpy(s->name, l->req.name, sizeof(s->name));
    err = shm_call(SEPTUM_HC_SHM_ATTACH, &l->req, sizeof(l->req));
    if (err < 0)
        goto unlock;
    s->irq = shm_map_irq(l->req.virq);
    err = -ENXIO;
    if (!s->irq)
        goto detach;
    shm_fill(s, l->req.regs_ipa, l->req.ipa, l->req.size, s->irq);
    err = uio_register_device(shm_misc.this_device, &s->uio);
    if (err)
        goto dispose;
    list_add(&s->node, &shm_runtime);
    pr_info("%s: peer %ld, %llu KiB at %#llx, registers %#llx, INTID %u: uio%d\n", s->name, err,
            l->req.size >> 10, l->req.ipa, l->req.regs_ipa, l->req.virq, s->uio.uio_dev->minor);
    err = s->uio.uio_dev->minor;
    s = NULL;
    if (copy_to_user(uarg, &l->req, sizeof(l->req)))
        err = -EFAULT; /* attached all the same: detach by name */
    goto unlock;
dispose:
    irq_dispose_mapping(s->irq);
detach:
    shm_call(SEPTUM_HC_SHM_DETACH, &l->req, sizeof(l->req));
unlock:
    mutex_unlock(&shm_lock);
    kfree(s);
out:
    free_page((unsigned long)l);
    return err;
}

/* Leaves the region: the UIO device goes first, so nobody maps it anew;
 * a mapping still open faults once the hypervisor has unmapped it. */
static long shm_release(struct shm_dev *s)
{
    struct septum_shm_attach *req;
    long err;

    uio_unregister_device(&s->uio);
    irq_dispose_mapping(s->irq);
    list_del(&s->node);
    req = (void *)get_zeroed_page(GFP_KERNEL);
    if (req) {
        strscpy(req->name, s->name, sizeof(req->name));
        err = shm_call(SEPTUM_HC_SHM_DETACH, req, sizeof(*req));
        free_page((unsigned long)req);
    } else {
        err = -ENOMEM;
    }
    kfree(s);
    return err;
}

static long shm_detach(struct septum_shm_attach __user *uarg)
{
    struct septum_shm_attach req;
    struct shm_dev *s;
    long err = -ENOENT;

    if (copy_from_user(&req, uarg, sizeof(req)))
        return -EFAULT;
    if (strnlen(req.name, SEPTUM_NAME_MAX) == SEPTUM_NAME_MAX)
        return -EINVAL;
    mutex_lock(&shm_lock);
    s = shm_find(req.name);
    if (s)
        err = shm_release(s);
    mutex_unlock(&shm_lock);
    return err;
}

static long shm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
    if (!capable(CAP_SYS_ADMIN))
        return -EPERM;
    switch (cmd) {
    case SEPTUM_IOCTL_SHM_ATTACH:
        return shm_attach((struct septum_shm_attach __user *)arg);
    case SEPTUM_IOCTL_SHM_DETACH:
        return shm_detach((struct septum_shm_attach __user *)arg);
    default:
        return -ENOTTY;
    }
}

static const struct file_operations shm_fops = {
    .owner = THIS_MODULE,
    .unlocked_ioctl = shm_ioctl,
    .compat_ioctl = compat_ptr_ioctl,
    .llseek = noop_llseek,
};

static struct miscdevice shm_misc = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "septum-shm",
    .fops = &shm_fops,
    .mode = 0600,
};

/* Only the control domain attaches at run time: the hypervisor answers
 * WHOAMI with domain 0 there. */
static bool shm_in_control_domain(void)
{
    struct arm_smccc_res res;

    if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_HVC)
        return false;
    arm_smccc_1_1_hvc(SEPTUM_HC_CALL_UID, &res);
    if (res.a0 != SEPTUM_UID_0 || res.a1 != SEPTUM_UID_1 || res.a2 != SEPTUM_UID_2 ||
        res.a3 != SEPTUM_UID_3)
        return false;
    arm_smccc_1_1_hvc(SEPTUM_HC_WHOAMI, &res);
    return res.a0 == SEPTUM_DOMID_CONTROL;
}

static bool shm_misc_registered;

static int __init shm_init(void)
{
    int err = platform_driver_register(&shm_platform_driver);

    if (err || !shm_in_control_domain())
        return err;
    err = misc_register(&shm_misc);
    if (err) {
        platform_driver_unregister(&shm_platform_driver);
        return err;
    }
    shm_misc_registered = true;
    return 0;
}

static void __exit shm_exit(void)
{
    struct shm_dev *s, *next;

    mutex_lock(&shm_lock);
    list_for_each_entry_safe(s, next, &shm_runtime, node) shm_release(s);
    mutex_unlock(&shm_lock);
    if (shm_misc_registered)
        misc_deregister(&shm_misc);
    platform_driver_unregister(&shm_platform_driver);
}

module_init(shm_init);
module_exit(shm_exit);
MODULE_DESCRIPTION("Septum shared-memory regions with doorbells as UIO devices");
MODULE_LICENSE("GPL");
