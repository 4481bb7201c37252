/* Flattened device tree: a bounds-checked reader and a sequential writer.
 * Nodes are named by the offset of their BEGIN_NODE token in the structure
 * block; every accessor validates offsets, so a malformed blob yields errors,
 * never out-of-bounds reads. */
#ifndef SEPTUM_FDT_H
#define SEPTUM_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fdt {
    const uint8_t *blob;
    uint32_t size;
    uint32_t struct_off;
    uint32_t struct_size;
    uint32_t strings_off;
    uint32_t strings_size;
};

/* Checks the header; returns 0 or -EINVAL. */
int fdt_open(struct fdt *fdt, const void *blob, size_t max_size);
uint32_t fdt_total_size(const void *blob);

/* Node navigation; each returns a node offset, or a negative error
 * (-ENOENT when there is no such node). */
int fdt_root(const struct fdt *fdt);
int fdt_first_child(const struct fdt *fdt, int node);
int fdt_next_sibling(const struct fdt *fdt, int node);
int fdt_find_path(const struct fdt *fdt, const char *path);
int fdt_find_compatible(const struct fdt *fdt, int after, const char *compatible);

const char *fdt_node_name(const struct fdt *fdt, int node);
const void *fdt_prop(const struct fdt *fdt, int node, const char *name, uint32_t *len);
const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name);
bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compatible);

/* Reads the index-th (address, size) pair of a node's reg property, using
 * the given cell counts; returns 0 or -ENOENT. */
int fdt_reg(const struct fdt *fdt, int node, int address_cells, int size_cells, int index,
            uint64_t *address, uint64_t *size);
/* #address-cells / #size-cells of a node (defaults 2 and 1). */
int fdt_address_cells(const struct fdt *fdt, int node);
int fdt_size_cells(const struct fdt *fdt, int node);

uint32_t fdt_read_u32(const void *p);
uint64_t fdt_read_cells(const void *p, int cells);

/* Sequential writer. The strings table is built from the end of the buffer
 * downwards and moved into place by fdt_writer_finish(). */
struct fdt_writer {
    uint8_t *buf;
    uint32_t cap;
    uint32_t struct_end;
    uint32_t strings_start;
    int depth;
    int error;
};

void fdt_writer_init(struct fdt_writer *w, void *buf, uint32_t cap);
void fdt_begin_node(struct fdt_writer *w, const char *name);
void fdt_end_node(struct fdt_writer *w);
void fdt_property(struct fdt_writer *w, const char *name, const void *data, uint32_t len);
void fdt_property_string(struct fdt_writer *w, const char *name, const char *value);
void fdt_property_u32(struct fdt_writer *w, const char *name, uint32_t value);
/* Writes n 32-bit cells taken from a uint32_t array. */
void fdt_property_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, int n);
/* Returns the blob's total size, or a negative error (-ENOSPC, -EINVAL). */
int fdt_writer_finish(struct fdt_writer *w);

#endif
