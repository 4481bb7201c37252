/* TEMPORARY: the same as arm64's until branch boundary moves device
 * register access with an identity map into the core. */
#include <septum/hal.h>

uint64_t hal_mmio_read(paddr_t pa, unsigned size)
{
    volatile void *p = hal_phys_to_virt(pa);

    switch (size) {
    case 1:
        return *(volatile uint8_t *)p;
    case 2:
        return *(volatile uint16_t *)p;
    case 4:
        return *(volatile uint32_t *)p;
    default:
        return *(volatile uint64_t *)p;
    }
}

void hal_mmio_write(paddr_t pa, unsigned size, uint64_t value)
{
    volatile void *p = hal_phys_to_virt(pa);

    switch (size) {
    case 1:
        *(volatile uint8_t *)p = (uint8_t)value;
        break;
    case 2:
        *(volatile uint16_t *)p = (uint16_t)value;
        break;
    case 4:
        *(volatile uint32_t *)p = (uint32_t)value;
        break;
    default:
        *(volatile uint64_t *)p = value;
        break;
    }
}
