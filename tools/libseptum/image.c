/* arm64 Linux Images: reading the header, and building a domain from one. */
#include <errno.h>

#include "septum.h"

#define IMAGE_HEADER_SIZE 64
#define IMAGE_MAGIC 0x644d5241u /* "ARM\x64" */
#define IMAGE_FLAG_BIG_ENDIAN 1u
#define IMAGE_LEGACY_TEXT_OFFSET 0x80000u
#define IMAGE_TEXT_OFFSET_LIMIT (2u << 20) /* the kernel sits in the first 2 MiB */

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

int septum_image_parse(const void *data, size_t len, struct septum_image *img)
{
    const unsigned char *h = data;
    uint64_t image_size;

    if (len < IMAGE_HEADER_SIZE || (uint32_t)le64(h + 56) != IMAGE_MAGIC)
        return -ENOEXEC;
    if (le64(h + 24) & IMAGE_FLAG_BIG_ENDIAN)
        return -ENOEXEC;
    image_size = le64(h + 16);
    /* image_size 0 marks a kernel older than 3.17, whose text_offset is not
     * to be trusted (Documentation/arch/arm64/booting.rst). */
    if (image_size == 0) {
        img->text_offset = IMAGE_LEGACY_TEXT_OFFSET;
        img->footprint = len;
    } else {
        img->text_offset = le64(h + 8);
        img->footprint = image_size;
    }
    if (img->footprint < len || img->text_offset >= IMAGE_TEXT_OFFSET_LIMIT ||
        (img->text_offset & 0xfff))
        return -ENOEXEC;
    return 0;
}

static int load_and_set_boot(struct septum *h, uint32_t domid, const void *image, size_t len,
                             const struct septum_image *img)
{
    uint64_t entry = SEPTUM_GUEST_RAM_BASE + img->text_offset;
    int rc = septum_domain_load(h, domid, entry, image, len);

    if (rc < 0)
        return rc;
    return septum_domain_set_boot(h, domid, entry, 0);
}

int septum_domain_build(struct septum *h, const struct septum_domain_config *cfg, const void *image,
                        size_t len, uint32_t *domid)
{
    uint64_t reserved, room;
    struct septum_image img;
    uint32_t id;
    int rc = septum_image_parse(image, len, &img);

    if (rc < 0)
        return rc;
    /* The hypervisor's device tree goes at the end of RAM: keep clear. */
    reserved = img.text_offset + SEPTUM_GUEST_DTB_SIZE;
    room = cfg->mem_size > reserved ? cfg->mem_size - reserved : 0;
    if (img.footprint > room)
        return -EFBIG;
    rc = septum_domain_create(h, cfg, &id);
    if (rc < 0)
        return rc;
    rc = load_and_set_boot(h, id, image, len, &img);
    if (rc < 0) {
        septum_domain_destroy(h, id);
        return rc;
    }
    *domid = id;
    return 0;
}
