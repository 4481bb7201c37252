/* The guest-physical layout of a riscv64 domain (septum/arch.h): QEMU
 * virt's RAM, ns16550a and PLIC, so a guest built for virt runs as is. */
#include <septum/arch.h>
#include <septum/vuart.h>
#include <arch/guest_layout.h>

const struct arch_guest_layout arch_guest = {
    .ram_base = GUEST_RAM_BASE_RV,
    .uart_model = &vuart16550_model,
    .uart_base = GUEST_UART_BASE_RV,
    .uart_irq = GUEST_UART_IRQ_RV,
    .keys_base = GUEST_KEYS_BASE_RV,
    .keys_irq = GUEST_KEYS_IRQ_RV,
    .first_device_irq = 1,
    .irq_cells = 1,
    .hypercall_method = "sbi",
    .image_magic = 0x05435352u, /* "RSC\x05" */
};
