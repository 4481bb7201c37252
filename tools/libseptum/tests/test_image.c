/* arm64 Image headers, and building a domain from an Image. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_transport.h"

static void put_le64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* A zero-filled Image of len bytes with the given header fields. */
static unsigned char *make_image(size_t len, uint64_t text_offset, uint64_t image_size)
{
    unsigned char *img = calloc(1, len);

    put_le64(img + 8, text_offset);
    put_le64(img + 16, image_size);
    memcpy(img + 56, "ARM\x64", 4);
    return img;
}

TEST(image_header_gives_text_offset_and_footprint)
{
    unsigned char *data = make_image(4096, 0x1000, 0x20000);
    struct septum_image img;

    CHECK_EQ(septum_image_parse(data, 4096, &img), 0);
    CHECK_EQ(img.text_offset, 0x1000);
    CHECK_EQ(img.footprint, 0x20000);
    free(data);
}

TEST(image_size_zero_means_legacy_text_offset)
{
    unsigned char *data = make_image(4096, 0x1000, 0);
    struct septum_image img;

    CHECK_EQ(septum_image_parse(data, 4096, &img), 0);
    CHECK_EQ(img.text_offset, 0x80000);
    CHECK_EQ(img.footprint, 4096);
    free(data);
}

TEST(image_parse_rejects_what_is_not_an_image)
{
    unsigned char *data = make_image(4096, 0, 4096);
    struct septum_image img;

    CHECK_EQ(septum_image_parse(data, 63, &img), -ENOEXEC);
    CHECK_EQ(septum_image_parse(data, 8192, &img), -ENOEXEC); /* bigger than image_size */
    data[24] = 1;                                             /* big-endian kernel */
    CHECK_EQ(septum_image_parse(data, 4096, &img), -ENOEXEC);
    data[24] = 0;
    put_le64(data + 8, 0x801); /* text_offset not page aligned */
    CHECK_EQ(septum_image_parse(data, 4096, &img), -ENOEXEC);
    put_le64(data + 8, 0);
    data[59] = 0x65; /* magic */
    CHECK_EQ(septum_image_parse(data, 4096, &img), -ENOEXEC);
    free(data);
}

static struct septum_domain_config config(uint64_t mem)
{
    struct septum_domain_config cfg;

    septum_domain_config_init(&cfg);
    CHECK_EQ(septum_domain_config_set_name(&cfg, "guest"), 0);
    cfg.nr_vcpus = 1;
    cfg.pcpus[0] = 1;
    cfg.mem_size = mem;
    return cfg;
}

TEST(build_creates_loads_at_text_offset_and_sets_boot)
{
    struct septum *h = fake_open();
    size_t len = SEPTUM_LOAD_CHUNK + 100;
    unsigned char *data = make_image(len, 0x80000, 2 * SEPTUM_LOAD_CHUNK);
    struct septum_domain_config cfg = config(64 << 20);
    uint32_t domid = 0;

    fake_push_x0(2);
    CHECK_EQ(septum_domain_build(h, &cfg, data, len, &domid), 0);
    CHECK_EQ(domid, 2);
    CHECK_EQ(fake_nr_calls, 4);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_CREATE);
    CHECK_EQ(fake_calls[1].fn, SEPTUM_HC_DOMAIN_LOAD);
    CHECK_EQ(fake_calls[1].args[1], 2);
    CHECK_EQ(fake_calls[1].args[2], SEPTUM_GUEST_RAM_BASE + 0x80000);
    CHECK_EQ(fake_calls[2].args[2], SEPTUM_GUEST_RAM_BASE + 0x80000 + SEPTUM_LOAD_CHUNK);
    CHECK_EQ(fake_calls[2].args[4], 100);
    CHECK_EQ(fake_calls[3].fn, SEPTUM_HC_DOMAIN_SET_BOOT);
    CHECK_EQ(fake_calls[3].args[2], SEPTUM_GUEST_RAM_BASE + 0x80000);
    CHECK_EQ(fake_calls[3].args[3], 0);
    free(data);
    septum_close(h);
}

TEST(build_destroys_the_domain_when_loading_fails)
{
    struct septum *h = fake_open();
    unsigned char *data = make_image(4096, 0, 4096);
    struct septum_domain_config cfg = config(64 << 20);
    uint32_t domid = 99;

    fake_push_x0(3);
    fake_push_x0(-EFAULT);
    CHECK_EQ(septum_domain_build(h, &cfg, data, 4096, &domid), -EFAULT);
    CHECK_EQ(domid, 99);
    CHECK_EQ(fake_nr_calls, 3);
    CHECK_EQ(fake_calls[2].fn, SEPTUM_HC_DOMAIN_DESTROY);
    CHECK_EQ(fake_calls[2].args[1], 3);
    free(data);
    septum_close(h);
}

TEST(build_refuses_an_image_that_reaches_the_device_tree)
{
    struct septum *h = fake_open();
    unsigned char *data = make_image(4096, 0x80000, (2 << 20) - 0x80000);
    struct septum_domain_config cfg = config(2 << 20);
    uint32_t domid;

    CHECK_EQ(septum_domain_build(h, &cfg, data, 4096, &domid), -EFBIG);
    cfg.mem_size = 4 << 20;
    CHECK_EQ(septum_domain_build(h, &cfg, data, 4096, &domid), 0);
    CHECK_EQ(fake_calls[0].fn, SEPTUM_HC_DOMAIN_CREATE);
    free(data);
    septum_close(h);
}
