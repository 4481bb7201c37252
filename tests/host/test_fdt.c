/* Device-tree writer and reader. */
#include <string.h>
#include <septum/errno.h>
#include <septum/fdt.h>
#include "check.h"

static int build_sample(uint8_t *buf, uint32_t cap)
{
    struct fdt_writer w;
    uint32_t reg[4] = {0, 0x40000000, 0, 0x8000000};

    fdt_writer_init(&w, buf, cap);
    fdt_begin_node(&w, "");
    fdt_property_u32(&w, "#address-cells", 2);
    fdt_property_u32(&w, "#size-cells", 2);
    fdt_begin_node(&w, "chosen");
    fdt_property_string(&w, "bootargs", "console=ttyAMA0");
    fdt_end_node(&w);
    fdt_begin_node(&w, "memory@40000000");
    fdt_property_string(&w, "device_type", "memory");
    fdt_property_cells(&w, "reg", reg, 4);
    fdt_end_node(&w);
    fdt_begin_node(&w, "uart@9000000");
    fdt_property(&w, "compatible", "arm,pl011\0arm,primecell", 24);
    fdt_end_node(&w);
    fdt_end_node(&w);
    return fdt_writer_finish(&w);
}

TEST(fdt_roundtrip)
{
    uint8_t buf[1024];
    struct fdt fdt;
    uint64_t base, size;
    int size_total = build_sample(buf, sizeof(buf));
    int mem, uart;

    CHECK(size_total > 0);
    CHECK_EQ(fdt_total_size(buf), size_total);
    CHECK_EQ(fdt_open(&fdt, buf, (size_t)size_total), 0);
    CHECK(strcmp(fdt_prop_string(&fdt, fdt_find_path(&fdt, "/chosen"), "bootargs"),
                 "console=ttyAMA0") == 0);
    mem = fdt_find_path(&fdt, "/memory");
    CHECK(mem >= 0);
    CHECK(strcmp(fdt_node_name(&fdt, mem), "memory@40000000") == 0);
    CHECK_EQ(fdt_reg(&fdt, mem, 2, 2, 0, &base, &size), 0);
    CHECK_EQ(base, 0x40000000);
    CHECK_EQ(size, 0x8000000);
    CHECK_EQ(fdt_reg(&fdt, mem, 2, 2, 1, &base, &size), -ENOENT);
    uart = fdt_find_compatible(&fdt, -1, "arm,primecell");
    CHECK(uart >= 0 && strcmp(fdt_node_name(&fdt, uart), "uart@9000000") == 0);
    CHECK_EQ(fdt_find_compatible(&fdt, uart, "arm,primecell"), -ENOENT);
    CHECK(fdt_find_path(&fdt, "/nothing") < 0);
    CHECK(fdt_find_path(&fdt, "/memory@50000000") < 0);
    CHECK_EQ(fdt_address_cells(&fdt, fdt_root(&fdt)), 2);
}

TEST(fdt_writer_reports_overflow)
{
    uint8_t buf[100];

    CHECK_EQ(build_sample(buf, sizeof(buf)), -ENOSPC);
}

TEST(fdt_rejects_malformed_blobs)
{
    uint8_t buf[1024], bad[1024];
    struct fdt fdt;
    int size = build_sample(buf, sizeof(buf));

    CHECK_EQ(fdt_open(&fdt, buf, 20), -EINVAL);               /* shorter than a header */
    CHECK_EQ(fdt_open(&fdt, buf, (size_t)size - 1), -EINVAL); /* totalsize beyond the buffer */
    memcpy(bad, buf, (size_t)size);
    bad[0] = 0;
    CHECK_EQ(fdt_open(&fdt, bad, (size_t)size), -EINVAL); /* magic */
    memcpy(bad, buf, (size_t)size);
    bad[38] = 0x10; /* structure block larger than the blob */
    CHECK_EQ(fdt_open(&fdt, bad, (size_t)size), -EINVAL);
    /* A property length running past the structure block: reads stop. */
    memcpy(bad, buf, (size_t)size);
    CHECK_EQ(fdt_open(&fdt, bad, (size_t)size), 0);
    for (uint32_t off = fdt.struct_off; off + 8 < fdt.struct_off + fdt.struct_size; off += 4) {
        if (fdt_read_u32(bad + off) == 3) { /* first FDT_PROP */
            bad[off + 4] = 0x7f;
            break;
        }
    }
    CHECK(fdt_prop(&fdt, fdt_root(&fdt), "#size-cells", NULL) == NULL);
    CHECK(fdt_find_path(&fdt, "/chosen") < 0);
}
