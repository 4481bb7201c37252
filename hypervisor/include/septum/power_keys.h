/* The power-button device of every domain but the control domain: an Arm
 * PL061 GPIO controller whose lines are keys (the device tree's gpio-keys
 * node), pressed by the control domain to ask the guest to power off
 * (KEY_POWER) or to reboot (Ctrl-Alt-Del), as QEMU virt's own graceful
 * power-down does. Nothing here depends on the architecture: the interrupt
 * goes out through arch_inject_irq(). */
#ifndef SEPTUM_POWER_KEYS_H
#define SEPTUM_POWER_KEYS_H

#include <stdbool.h>
#include <stdint.h>
#include <septum/spinlock.h>

struct vm;

struct power_keys {
    /* The domain's own: guest accesses on any of its vCPUs and a request
     * from the control domain. Never held with another lock. */
    spinlock_t lock;
    struct power_keys_state {
        uint8_t lines; /* input levels: 1 = key down */
        uint8_t seen;  /* keys the guest has read as down since pressed */
        /* PL061 registers (8 lines); edges: the edge-triggered raw status. */
        uint8_t out, dir, is, ibe, iev, ie, edges, afsel;
    } s;
};

/* Registers the device with the domain's device manager. */
int power_keys_init(struct vm *vm);
/* Back to reset state: no key down, interrupts masked (a restart). */
void power_keys_reset(struct vm *vm);
/* Presses KEY_POWER, or Ctrl-Alt-Del. Each key is released once the guest
 * has read it down (Ctrl and Alt with Delete), so that it sees a whole
 * key stroke. */
void power_keys_request(struct vm *vm, bool reboot);

#endif
