/* Linux Image header parsing: arm64's and RISC-V's share the fields used
 * here, the magic at offset 56 tells them apart (arch_guest.image_magic). */
#include <septum/arch.h>
#include <septum/errno.h>
#include <septum/image.h>
#define IMAGE_DEFAULT_TEXT_OFFSET 0x80000u
#define IMAGE_FLAG_BE (1u << 0)

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

int image_parse(const void *image, uint64_t file_size, struct image_info *info)
{
    const uint8_t *h = image;

    if (file_size < IMAGE_HEADER_SIZE || (uint32_t)le64(h + 56) != arch_guest.image_magic)
        return -ENOEXEC;
    if (le64(h + 24) & IMAGE_FLAG_BE)
        return -ENOEXEC;
    /* Per the boot protocol, image_size 0 means a pre-3.17 kernel whose
     * text_offset is not to be trusted: 0x80000 and the file size apply. */
    if (le64(h + 16) == 0) {
        info->text_offset = IMAGE_DEFAULT_TEXT_OFFSET;
        info->footprint = file_size;
    } else {
        info->text_offset = le64(h + 8);
        info->footprint = le64(h + 16);
    }
    /* A 64-bit RISC-V kernel's text_offset is 2 MiB itself. */
    if (info->footprint < file_size || info->text_offset > (2u << 20) ||
        (info->text_offset & 0xfff))
        return -ENOEXEC;
    return 0;
}
