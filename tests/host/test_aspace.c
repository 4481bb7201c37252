/* Address spaces: translation and copies never leave guest RAM. */
#include <string.h>
#include <septum/aspace.h>
#include <septum/errno.h>
#include "check.h"
#include "test_hal.h"

TEST(aspace_copies_are_bounds_checked)
{
    struct aspace as;
    static uint8_t backing[2u << 20] __attribute__((aligned(4096)));
    uint8_t buf[16] = "0123456789abcde";
    paddr_t pa;
    uint64_t base = 0x40000000, size = sizeof(backing);

    CHECK_EQ(aspace_init(&as, 1), 0);
    CHECK_EQ(aspace_map_ram(&as, base, (uintptr_t)backing, size), 0);
    CHECK_EQ(aspace_copy_to_guest(&as, base + size - 16, buf, 16), 0);
    CHECK(memcmp(backing + size - 16, buf, 16) == 0);
    CHECK_EQ(aspace_copy_to_guest(&as, base + size - 15, buf, 16), -EFAULT);
    CHECK_EQ(aspace_copy_from_guest(&as, buf, base - 1, 2), -EFAULT);
    /* Lengths that wrap around the address space must not pass. */
    CHECK_EQ(aspace_translate(&as, base + 16, ~0ull - 8, &pa), -EFAULT);
    CHECK_EQ(aspace_translate(&as, ~0ull, 2, &pa), -EFAULT);
    CHECK_EQ(aspace_translate(&as, base, size, &pa), 0);
    CHECK_EQ(pa, (uintptr_t)backing);
    aspace_scrub(&as);
    CHECK(backing[size - 1] == 0 && backing[size - 16] == 0);
    aspace_release(&as);
}
