/* An emulated PL061 (ARM PrimeCell GPIO, DDI 0190) whose inputs are the
 * domain's power keys; see power_keys.h. Linux's gpio-pl061 driver binds to
 * it by its PrimeCell ids, and gpio-keys turns its lines into key events.
 * Only what a GPIO input needs is modelled: direction, data, the interrupt
 * sense, edge and mask registers. Output lines keep what the guest writes
 * and drive nothing. */
#include <public/septum.h>
#include <septum/arch.h>
#include <septum/config.h>
#include <septum/errno.h>
#include <septum/devmgr.h>
#include <septum/power_keys.h>
#include <septum/vm.h>

#define GPIODATA_END 0x400 /* 0x000-0x3fc: data, address bits [9:2] mask the lines */
#define GPIODIR 0x400
#define GPIOIS 0x404  /* 1: level-sensitive */
#define GPIOIBE 0x408 /* 1: both edges */
#define GPIOIEV 0x40c /* 1: rising edge / high level */
#define GPIOIE 0x410
#define GPIORIS 0x414
#define GPIOMIS 0x418
#define GPIOIC 0x41c
#define GPIOAFSEL 0x420
#define GPIO_ID 0xfe0

#define KEY(line) ((uint8_t)(1u << (line)))
#define CTRL_ALT (KEY(SEPTUM_GPIO_KEY_CTRL) | KEY(SEPTUM_GPIO_KEY_ALT))
#define DELETE KEY(SEPTUM_GPIO_KEY_DELETE)

/* PrimeCell peripheral id of a PL061 (0x00041061), then the cell id. */
static const uint8_t id_registers[8] = {0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

/* Level-sensitive lines report their level; the others the edges caught. */
static uint8_t raw_status(const struct power_keys_state *k)
{
    uint8_t level = (uint8_t)(k->is & ~(k->lines ^ k->iev));

    return (uint8_t)((k->edges & ~k->is) | level);
}

/* Latches the edges of a change of input levels. */
static void set_lines(struct power_keys_state *k, uint8_t lines)
{
    uint8_t changed = k->lines ^ lines;
    uint8_t rising = changed & lines, falling = changed & ~lines;

    k->edges |= (uint8_t)(changed & k->ibe);
    k->edges |= (uint8_t)(rising & k->iev & ~k->ibe);
    k->edges |= (uint8_t)(falling & ~k->iev & ~k->ibe);
    k->lines = lines;
}

/* The line goes up when an unmasked condition appears (Linux clears each
 * edge as it takes it, so every new one raises the line again). Called
 * after the lock is dropped. */
static void raise_if_new(struct vm *vm, uint8_t mis_before, uint8_t mis)
{
    if (!(mis & ~mis_before))
        return;
    vm_raise_irq(vm, arch_guest.keys_irq);
    devmgr_count_irq(&vm->devices, arch_guest.keys_base);
}

/* The guest read the lines in mask. A key is released once the guest has
 * seen it down; Ctrl-Alt-Del presses Delete once Ctrl and Alt are seen
 * (so that the keyboard sees them held) and releases all three once Delete
 * is seen. */
static void guest_saw(struct power_keys_state *k, uint8_t mask)
{
    k->seen |= (uint8_t)(k->lines & mask);
    if (k->lines & CTRL_ALT) {
        if (!(k->lines & DELETE) && (k->seen & CTRL_ALT) == CTRL_ALT)
            set_lines(k, k->lines | DELETE);
        else if (k->seen & DELETE)
            set_lines(k, (uint8_t)(k->lines & ~(CTRL_ALT | DELETE)));
        else
            return;
    } else if (k->lines & k->seen) {
        set_lines(k, (uint8_t)(k->lines & ~k->seen));
    } else {
        return;
    }
    k->seen &= k->lines;
}

static uint64_t read_register(struct power_keys_state *k, uint64_t off)
{
    if (off < GPIODATA_END) {
        uint8_t mask = (uint8_t)(off >> 2);
        uint8_t value = (uint8_t)(((k->lines & ~k->dir) | (k->out & k->dir)) & mask);

        guest_saw(k, (uint8_t)(mask & ~k->dir));
        return value;
    }
    if (off >= GPIO_ID)
        return id_registers[(off - GPIO_ID) >> 2];
    switch (off) {
    case GPIODIR:
        return k->dir;
    case GPIOIS:
        return k->is;
    case GPIOIBE:
        return k->ibe;
    case GPIOIEV:
        return k->iev;
    case GPIOIE:
        return k->ie;
    case GPIORIS:
        return raw_status(k);
    case GPIOMIS:
        return raw_status(k) & k->ie;
    case GPIOAFSEL:
        return k->afsel;
    default:
        return 0; /* reserved and write-only registers read as zero */
    }
}

static void write_register(struct power_keys_state *k, uint64_t off, uint8_t v)
{
    if (off < GPIODATA_END) {
        uint8_t mask = (uint8_t)(off >> 2);

        k->out = (uint8_t)((k->out & ~mask) | (v & mask));
        return;
    }
    switch (off) {
    case GPIODIR:
        k->dir = v;
        break;
    case GPIOIS:
        k->is = v;
        break;
    case GPIOIBE:
        k->ibe = v;
        break;
    case GPIOIEV:
        k->iev = v;
        break;
    case GPIOIE:
        k->ie = v;
        break;
    case GPIOIC:
        k->edges &= (uint8_t)~v;
        break;
    case GPIOAFSEL:
        k->afsel = v;
        break;
    default:
        break; /* read-only and reserved registers ignore writes */
    }
}

static int access(void *opaque, struct vcpu *vcpu, uint64_t off, unsigned size, bool write,
                  uint64_t *value)
{
    struct vm *vm = opaque;
    struct power_keys *pk = &vm->power_keys;
    struct power_keys_state *k = &pk->s;
    uint8_t before, mis;

    (void)vcpu;
    if (size > 4)
        return -EINVAL;
    /* Registers are 8 bits wide in 32-bit slots (Linux's driver uses byte
     * accesses): the slot's other bytes read as zero and ignore writes. */
    if (off & 3) {
        if (!write)
            *value = 0;
        return 0;
    }
    spin_lock(&pk->lock);
    before = raw_status(k) & k->ie;
    if (write)
        write_register(k, off, (uint8_t)*value);
    else
        *value = read_register(k, off);
    mis = raw_status(k) & k->ie;
    spin_unlock(&pk->lock);
    raise_if_new(vm, before, mis);
    return 0;
}

int power_keys_init(struct vm *vm)
{
    vm->power_keys.s = (struct power_keys_state){0};
    return devmgr_register(&vm->devices, arch_guest.keys_base, SEPTUM_GUEST_GPIO_SIZE, access, vm,
                           "pl061");
}

void power_keys_reset(struct vm *vm)
{
    struct power_keys *pk = &vm->power_keys;

    spin_lock(&pk->lock);
    pk->s = (struct power_keys_state){0};
    spin_unlock(&pk->lock);
}

void power_keys_request(struct vm *vm, bool reboot)
{
    struct power_keys *pk = &vm->power_keys;
    struct power_keys_state *k = &pk->s;
    uint8_t before, mis;

    spin_lock(&pk->lock);
    before = raw_status(k) & k->ie;
    set_lines(k, k->lines | (reboot ? CTRL_ALT : KEY(SEPTUM_GPIO_KEY_POWER)));
    mis = raw_status(k) & k->ie;
    spin_unlock(&pk->lock);
    raise_if_new(vm, before, mis);
}
