/* The guest-physical layout of an arm64 domain: QEMU virt's (the public
 * ABI's SEPTUM_GUEST_* addresses, which the toolstack uses too). */
#include <septum/arch.h>
#include <septum/vuart.h>
#include <public/septum.h>

#define SPI(n) (32 + (n))

const struct arch_guest_layout arch_guest = {
    .ram_base = SEPTUM_GUEST_RAM_BASE,
    .uart_model = &vpl011_model,
    .uart_base = SEPTUM_GUEST_UART_BASE,
    .uart_irq = SPI(SEPTUM_GUEST_UART_SPI),
    .keys_base = SEPTUM_GUEST_GPIO_BASE,
    .keys_irq = SPI(SEPTUM_GUEST_GPIO_SPI),
    .first_device_irq = SPI(0),
    .irq_cells = 3,
    .hypercall_method = "hvc",
    .image_magic = 0x644d5241u, /* "ARM\x64" */
};
