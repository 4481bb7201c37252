/* Passed-through interrupts: which domain owns which physical SPI, and the
 * way in when one fires. The table is indexed by physical INTID so that the
 * interrupt path finds the owner with one load; ownership follows
 * pt_mmio.c's rules (assignments under assign_lock, release lock-free). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/log.h>
#include <septum/passthrough.h>
#include <septum/platform.h>
#include <septum/spinlock.h>
#include <septum/vm.h>

struct pt_irq {
    _Atomic(struct vm *) owner; /* NULL: the hypervisor's */
    unsigned virq;
    _Atomic uint64_t count; /* interrupts delivered */
};

static struct pt_irq irqs[PT_MAX_PIRQ];
static spinlock_t assign_lock = SPINLOCK_INIT;

int pt_assign_irq(struct vm *vm, unsigned pirq, unsigned virq)
{
    struct pt_irq *p;
    struct vm *owner;
    int err = arch_irq_passable(pirq);

    if (err)
        return err;
    if (platform.uart_irq && pirq == platform.uart_irq) {
        log_printf("interrupt %u is the hypervisor's UART's", pirq);
        return -EINVAL;
    }
    if (atomic_load(&vm->state) != VM_CREATED)
        return -EBUSY;
    p = &irqs[pirq];
    spin_lock(&assign_lock);
    owner = atomic_load_explicit(&p->owner, memory_order_acquire);
    if (owner) {
        log_printf("%s: interrupt %u is d%u's (%s)", vm->config.name, pirq, owner->id,
                   owner->config.name);
        spin_unlock(&assign_lock);
        return -EBUSY;
    }
    p->virq = virq;
    atomic_store(&p->count, 0);
    /* Published before the physical interrupt is enabled (arch_irq_bind
     * does that last), so it never fires without an owner to take it. */
    atomic_store_explicit(&p->owner, vm, memory_order_release);
    err = vm_virq_reserved(vm, virq) ? -EINVAL : arch_irq_bind(vm, pirq, virq);
    if (err) {
        atomic_store_explicit(&p->owner, NULL, memory_order_release);
        log_printf("%s: virtual interrupt %u: not a free SPI of its virtual GIC", vm->config.name,
                   virq);
    }
    spin_unlock(&assign_lock);
    if (!err)
        log_printf("d%u (%s): interrupt %u as %u", vm->id, vm->config.name, pirq, virq);
    return err;
}

void pt_release_irqs(struct vm *vm)
{
    for (unsigned pirq = 0; pirq < PT_MAX_PIRQ; pirq++) {
        struct pt_irq *p = &irqs[pirq];

        if (atomic_load_explicit(&p->owner, memory_order_acquire) != vm)
            continue;
        arch_irq_unbind(pirq); /* disabled, neither pending nor active */
        atomic_store_explicit(&p->owner, NULL, memory_order_release);
    }
}

bool pt_irq_fired(unsigned pirq)
{
    struct pt_irq *p;
    struct vm *vm;

    if (pirq >= PT_MAX_PIRQ)
        return false;
    p = &irqs[pirq];
    vm = atomic_load_explicit(&p->owner, memory_order_acquire);
    if (!vm)
        return false;
    atomic_fetch_add_explicit(&p->count, 1, memory_order_relaxed);
    vm_raise_irq(vm, p->virq);
    return true;
}

unsigned pt_irq_resources(struct vm *vm, resource_fn fn, void *ctx)
{
    unsigned n = 0;

    for (unsigned pirq = 0; pirq < PT_MAX_PIRQ; pirq++) {
        const struct pt_irq *p = &irqs[pirq];
        struct septum_resource r;

        if (atomic_load_explicit(&p->owner, memory_order_acquire) != vm)
            continue;
        r = (struct septum_resource){.kind = SEPTUM_RESOURCE_IRQ,
                                     .pirq = pirq,
                                     .virq = p->virq,
                                     .count = atomic_load(&p->count)};
        fn(ctx, &r);
        n++;
    }
    return n;
}
