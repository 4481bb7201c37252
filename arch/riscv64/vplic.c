/* A domain's emulated PLIC (arch/vplic.h). Every register is 32 bits wide
 * and accessed whole; an access that names no register (a source above
 * riscv,ndev, a context the domain has no vCPU for, a hole) is refused and
 * stops the domain: no driver makes one. */
#include <septum/errno.h>
#include <septum/vm.h>
#include <arch/vplic.h>

#define PENDING_BASE 0x1000
#define ENABLE_BASE 0x2000
#define ENABLE_STRIDE 0x80
#define CONTEXT_BASE 0x200000
#define CONTEXT_STRIDE 0x1000
#define CONTEXT_THRESHOLD 0
#define CONTEXT_CLAIM 4 /* read: claim; write: complete */
#define WORDS 2         /* 32-bit words of a bit per source, 0..63 */
#define SOURCES (~1ull) /* source 0 does not exist */

_Static_assert(MAX_VCPUS <= VPLIC_MAX_CONTEXTS, "a context per vCPU");
_Static_assert(VPLIC_NDEV < 64, "a source set is one uint64_t");

enum plic_reg { REG_NONE, REG_PRIORITY, REG_PENDING, REG_ENABLE, REG_THRESHOLD, REG_CLAIM };

/* Which register off is, with its source or word (*n) and context. */
static enum plic_reg decode(const struct vplic *p, uint64_t off, unsigned *n, unsigned *ctx)
{
    if (off < PENDING_BASE) {
        *n = (unsigned)(off / 4);
        return *n <= VPLIC_NDEV ? REG_PRIORITY : REG_NONE;
    }
    if (off < ENABLE_BASE) {
        *n = (unsigned)((off - PENDING_BASE) / 4);
        return *n < WORDS ? REG_PENDING : REG_NONE;
    }
    if (off < CONTEXT_BASE) {
        *ctx = (unsigned)((off - ENABLE_BASE) / ENABLE_STRIDE);
        *n = (unsigned)((off - ENABLE_BASE) % ENABLE_STRIDE / 4);
        return *ctx < p->nr_contexts && *n < WORDS ? REG_ENABLE : REG_NONE;
    }
    *ctx = (unsigned)((off - CONTEXT_BASE) / CONTEXT_STRIDE);
    if (*ctx >= p->nr_contexts)
        return REG_NONE;
    switch ((off - CONTEXT_BASE) % CONTEXT_STRIDE) {
    case CONTEXT_THRESHOLD:
        return REG_THRESHOLD;
    case CONTEXT_CLAIM:
        return REG_CLAIM;
    default:
        return REG_NONE;
    }
}

/* The pending, enabled source of highest priority above ctx's threshold
 * (the lowest id among equals), or 0. */
static unsigned best_source(const struct vplic *p, unsigned ctx)
{
    uint64_t candidates = p->pending & p->enable[ctx];
    uint8_t best_priority = p->threshold[ctx];
    unsigned best = 0;

    while (candidates) {
        unsigned src = (unsigned)__builtin_ctzll(candidates);

        candidates &= candidates - 1;
        if (p->priority[src] > best_priority) {
            best = src;
            best_priority = p->priority[src];
        }
    }
    return best;
}

/* The gateway: passes src's request on unless src is being served. */
static void gateway(struct vplic *p, uint64_t bit)
{
    if (p->claimed & bit)
        return;
    if ((p->level | p->edges) & bit)
        p->pending |= bit;
    p->edges &= ~bit;
}

static unsigned claim(struct vplic *p, unsigned ctx)
{
    unsigned src = best_source(p, ctx);

    if (src) {
        p->pending &= ~(1ull << src);
        p->claimed |= 1ull << src;
    }
    return src;
}

/* Ignored, as the specification says, unless src is enabled for ctx. */
static void complete(struct vplic *p, unsigned ctx, uint32_t src)
{
    uint64_t bit;

    if (src == 0 || src > VPLIC_NDEV || !(p->enable[ctx] & 1ull << src))
        return;
    bit = 1ull << src;
    p->claimed &= ~bit;
    gateway(p, bit);
}

static uint32_t word(uint64_t bits, unsigned n)
{
    return (uint32_t)(bits >> (32 * n));
}

static int read_register(struct vplic *p, uint64_t off, uint64_t *value)
{
    unsigned n = 0, ctx = 0;

    switch (decode(p, off, &n, &ctx)) {
    case REG_PRIORITY:
        *value = p->priority[n];
        return 0;
    case REG_PENDING:
        *value = word(p->pending, n);
        return 0;
    case REG_ENABLE:
        *value = word(p->enable[ctx], n);
        return 0;
    case REG_THRESHOLD:
        *value = p->threshold[ctx];
        return 0;
    case REG_CLAIM:
        *value = claim(p, ctx);
        return 0;
    default:
        return -EINVAL;
    }
}

static int write_register(struct vplic *p, uint64_t off, uint32_t value)
{
    unsigned n = 0, ctx = 0;
    uint64_t mask;

    switch (decode(p, off, &n, &ctx)) {
    case REG_PRIORITY:
        if (n)
            p->priority[n] = value & VPLIC_MAX_PRIORITY; /* WARL: 3 bits */
        return 0;
    case REG_PENDING:
        return 0; /* read-only */
    case REG_ENABLE:
        mask = 0xffffffffull << (32 * n) & SOURCES;
        p->enable[ctx] = (p->enable[ctx] & ~mask) | ((uint64_t)value << (32 * n) & mask);
        return 0;
    case REG_THRESHOLD:
        p->threshold[ctx] = value & VPLIC_MAX_PRIORITY;
        return 0;
    case REG_CLAIM:
        complete(p, ctx, value);
        return 0;
    default:
        return -EINVAL;
    }
}

/* Recomputes which contexts have a claimable interrupt, under the lock;
 * returns those whose answer changed. */
static uint32_t update_eip(struct vplic *p)
{
    uint32_t old = atomic_load_explicit(&p->eip, memory_order_relaxed), eip = 0;

    for (unsigned ctx = 0; ctx < p->nr_contexts; ctx++) {
        if (best_source(p, ctx))
            eip |= 1u << ctx;
    }
    atomic_store_explicit(&p->eip, eip, memory_order_release);
    return old ^ eip;
}

/* Drops the lock after a change and tells the vCPUs whose answer changed,
 * lock-free: the architecture may kick other pCPUs. */
static void unlock_and_notify(struct vplic *p)
{
    uint32_t changed = update_eip(p);

    spin_unlock(&p->lock);
    while (changed) {
        unsigned ctx = (unsigned)__builtin_ctz(changed);

        changed &= changed - 1;
        vplic_notify(&p->vm->vcpus[ctx]);
    }
}

static int vplic_access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                        uint64_t *value)
{
    struct vplic *p = opaque;
    int err;

    (void)vcpu; /* a context is chosen by address, not by who asks */
    if (size != 4 || off % 4)
        return -EINVAL;
    spin_lock(&p->lock);
    err = write ? write_register(p, off, (uint32_t)*value) : read_register(p, off, value);
    unlock_and_notify(p);
    return err;
}

static bool is_source(unsigned src)
{
    return src >= 1 && src <= VPLIC_NDEV;
}

int vplic_raise(struct vplic *p, unsigned src)
{
    if (!is_source(src))
        return -EINVAL;
    spin_lock(&p->lock);
    p->level |= 1ull << src;
    gateway(p, 1ull << src);
    unlock_and_notify(p);
    return 0;
}

int vplic_lower(struct vplic *p, unsigned src)
{
    if (!is_source(src))
        return -EINVAL;
    spin_lock(&p->lock);
    p->level &= ~(1ull << src);
    if (!(p->claimed & 1ull << src))
        p->pending &= ~(1ull << src); /* withdrawn before anyone claimed it */
    unlock_and_notify(p);
    return 0;
}

int vplic_trigger(struct vplic *p, unsigned src)
{
    if (!is_source(src))
        return -EINVAL;
    spin_lock(&p->lock);
    p->edges |= 1ull << src;
    gateway(p, 1ull << src);
    unlock_and_notify(p);
    return 0;
}

void vplic_reset(struct vplic *p)
{
    spin_lock(&p->lock);
    for (unsigned i = 0; i <= VPLIC_NDEV; i++)
        p->priority[i] = 0;
    for (unsigned i = 0; i < VPLIC_MAX_CONTEXTS; i++) {
        p->threshold[i] = 0;
        p->enable[i] = 0;
    }
    p->level = p->edges = p->pending = p->claimed = 0;
    atomic_store_explicit(&p->eip, 0, memory_order_release);
    spin_unlock(&p->lock);
}

int vplic_init(struct vm *vm, struct vplic *p)
{
    *p = (struct vplic){.lock = SPINLOCK_INIT, .vm = vm, .nr_contexts = vm->config.nr_vcpus};
    return devmgr_register(&vm->devices, VPLIC_BASE, VPLIC_SIZE, vplic_access, p, "plic");
}
