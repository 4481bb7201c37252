/* Host stand-ins for the page services (page_hal.c). */
#ifndef PAGE_HAL_H
#define PAGE_HAL_H

extern unsigned test_pages_in_use;

#endif
