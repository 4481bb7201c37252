/* arm64 Image header checks. */
#include <string.h>
#include <septum/errno.h>
#include <septum/image.h>
#include "check.h"

static void header(uint8_t *h, uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
    memset(h, 0, IMAGE_HEADER_SIZE);
    memcpy(h + 8, &text_offset, 8);
    memcpy(h + 16, &image_size, 8);
    memcpy(h + 24, &flags, 8);
    memcpy(h + 56, "ARM\x64", 4);
}

TEST(image_header_parsing)
{
    uint8_t h[IMAGE_HEADER_SIZE];
    struct image_info info;

    header(h, 0x80000, 0x30000, 0xa);
    CHECK_EQ(image_parse(h, 0x20000, &info), 0);
    CHECK_EQ(info.text_offset, 0x80000);
    CHECK_EQ(info.footprint, 0x30000);
    header(h, 0x1000, 0, 0); /* image_size 0: legacy defaults */
    CHECK_EQ(image_parse(h, 0x5000, &info), 0);
    CHECK_EQ(info.text_offset, 0x80000);
    CHECK_EQ(info.footprint, 0x5000);
    header(h, 0x80000, 0x1000, 0); /* footprint smaller than the file */
    CHECK_EQ(image_parse(h, 0x2000, &info), -ENOEXEC);
    header(h, 0x80000, 0x3000, 1); /* big-endian */
    CHECK_EQ(image_parse(h, 0x2000, &info), -ENOEXEC);
    header(h, 0x80000, 0x3000, 0);
    h[56] = 'X';
    CHECK_EQ(image_parse(h, 0x2000, &info), -ENOEXEC);
    CHECK_EQ(image_parse(h, 10, &info), -ENOEXEC);
}
