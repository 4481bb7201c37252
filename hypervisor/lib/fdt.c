/* Flattened device tree reader and writer (Devicetree Specification v0.4,
 * chapter 5). Big-endian fields are read byte by byte, so the blob needs no
 * particular alignment. */
#include <septum/errno.h>
#include <septum/fdt.h>
#include <septum/string.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define FDT_HEADER_SIZE 40u
#define FDT_RSVMAP_SIZE 16u /* one terminating (0, 0) entry */
#define FDT_MAX_DEPTH 32

uint32_t fdt_read_u32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

uint64_t fdt_read_cells(const void *p, int cells)
{
    const uint8_t *b = p;
    uint64_t v = 0;

    for (int i = 0; i < cells; i++)
        v = v << 32 | fdt_read_u32(b + 4 * i);
    return v;
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t align4(uint32_t v)
{
    return (v + 3) & ~3u;
}

uint32_t fdt_total_size(const void *blob)
{
    if (fdt_read_u32(blob) != FDT_MAGIC)
        return 0;
    return fdt_read_u32((const uint8_t *)blob + 4);
}

int fdt_open(struct fdt *fdt, const void *blob, size_t max_size)
{
    const uint8_t *b = blob;

    if (max_size < FDT_HEADER_SIZE || fdt_read_u32(b) != FDT_MAGIC)
        return -EINVAL;
    fdt->blob = b;
    fdt->size = fdt_read_u32(b + 4);
    fdt->struct_off = fdt_read_u32(b + 8);
    fdt->strings_off = fdt_read_u32(b + 12);
    fdt->strings_size = fdt_read_u32(b + 32);
    fdt->struct_size = fdt_read_u32(b + 36);
    if (fdt->size > max_size || fdt->size < FDT_HEADER_SIZE || fdt->struct_off > fdt->size ||
        fdt->struct_size > fdt->size - fdt->struct_off || fdt->strings_off > fdt->size ||
        fdt->strings_size > fdt->size - fdt->strings_off || (fdt->struct_off & 3) ||
        fdt_read_u32(b + 20) < 17)
        return -EINVAL;
    return 0;
}

/* Token at a structure-block offset, or FDT_END when out of range. */
static uint32_t token_at(const struct fdt *fdt, int off)
{
    if (off < 0 || (uint32_t)off + 4 > fdt->struct_size)
        return FDT_END;
    return fdt_read_u32(fdt->blob + fdt->struct_off + off);
}

/* Offset just past the token at off, or a negative error. */
static int skip_token(const struct fdt *fdt, int off)
{
    const uint8_t *base = fdt->blob + fdt->struct_off;
    uint32_t limit = fdt->struct_size;

    switch (token_at(fdt, off)) {
    case FDT_BEGIN_NODE: {
        uint32_t name_max = limit - (uint32_t)off - 4;
        uint32_t n = (uint32_t)strnlen((const char *)base + off + 4, name_max);

        if (n == name_max)
            return -EINVAL;
        return off + 4 + (int)align4(n + 1);
    }
    case FDT_PROP: {
        uint32_t len;

        if ((uint32_t)off + 12 > limit)
            return -EINVAL;
        len = fdt_read_u32(base + off + 4);
        if (len > limit - (uint32_t)off - 12)
            return -EINVAL;
        return off + 12 + (int)align4(len);
    }
    case FDT_END_NODE:
    case FDT_NOP:
        return off + 4;
    default:
        return -EINVAL;
    }
}

/* Offset of the END_NODE matching the BEGIN_NODE at node. */
static int node_end(const struct fdt *fdt, int node)
{
    int depth = 0;

    for (int off = node; off >= 0; off = skip_token(fdt, off)) {
        uint32_t t = token_at(fdt, off);

        if (t == FDT_BEGIN_NODE)
            depth++;
        else if (t == FDT_END_NODE && --depth == 0)
            return off;
        else if (t == FDT_END)
            return -EINVAL;
    }
    return -EINVAL;
}

int fdt_root(const struct fdt *fdt)
{
    int off = 0;

    while (token_at(fdt, off) == FDT_NOP)
        off += 4;
    return token_at(fdt, off) == FDT_BEGIN_NODE ? off : -EINVAL;
}

/* The first BEGIN_NODE at or after off at the same level, or -ENOENT. */
static int node_from(const struct fdt *fdt, int off)
{
    while (off >= 0) {
        uint32_t t = token_at(fdt, off);

        if (t == FDT_BEGIN_NODE)
            return off;
        if (t == FDT_END_NODE || t == FDT_END)
            return -ENOENT;
        off = skip_token(fdt, off);
    }
    return off;
}

int fdt_first_child(const struct fdt *fdt, int node)
{
    if (token_at(fdt, node) != FDT_BEGIN_NODE)
        return -EINVAL;
    return node_from(fdt, skip_token(fdt, node));
}

int fdt_next_sibling(const struct fdt *fdt, int node)
{
    int end = node_end(fdt, node);

    return end < 0 ? end : node_from(fdt, end + 4);
}

const char *fdt_node_name(const struct fdt *fdt, int node)
{
    if (token_at(fdt, node) != FDT_BEGIN_NODE || skip_token(fdt, node) < 0)
        return NULL;
    return (const char *)fdt->blob + fdt->struct_off + node + 4;
}

/* Compares a path component with a node name; a component without a unit
 * address ("memory") also matches names that have one ("memory@40000000"). */
static bool name_matches(const char *node_name, const char *comp, size_t len)
{
    bool comp_has_unit = false;

    for (size_t i = 0; i < len; i++)
        comp_has_unit |= comp[i] == '@';
    if (strncmp(node_name, comp, len) != 0)
        return false;
    return node_name[len] == '\0' || (node_name[len] == '@' && !comp_has_unit);
}

int fdt_find_path(const struct fdt *fdt, const char *path)
{
    int node = fdt_root(fdt);

    if (path[0] != '/')
        return -EINVAL;
    for (const char *p = path + 1; *p && node >= 0;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        int child = fdt_first_child(fdt, node);

        while (child >= 0 &&
               !(fdt_node_name(fdt, child) && name_matches(fdt_node_name(fdt, child), p, len)))
            child = fdt_next_sibling(fdt, child);
        node = child;
        p += len;
        if (*p == '/')
            p++;
    }
    return node;
}

/* True when the strings-table entry at name_off is exactly name (and is
 * terminated inside the table). */
static bool string_equals(const struct fdt *fdt, uint32_t name_off, const char *name)
{
    const char *s = (const char *)fdt->blob + fdt->strings_off + name_off;
    size_t max = fdt->strings_size - name_off;

    return strnlen(s, max) < max && strcmp(s, name) == 0;
}

const void *fdt_prop(const struct fdt *fdt, int node, const char *name, uint32_t *len)
{
    const uint8_t *base = fdt->blob + fdt->struct_off;
    int off;

    if (token_at(fdt, node) != FDT_BEGIN_NODE)
        return NULL;
    for (off = skip_token(fdt, node); off >= 0; off = skip_token(fdt, off)) {
        uint32_t t = token_at(fdt, off);
        uint32_t name_off;

        if (t == FDT_NOP)
            continue;
        if (t != FDT_PROP)
            return NULL;
        /* skip_token() checks the 12-byte header and the value's length. */
        if (skip_token(fdt, off) < 0)
            return NULL;
        name_off = fdt_read_u32(base + off + 8);
        if (name_off >= fdt->strings_size)
            return NULL;
        if (string_equals(fdt, name_off, name)) {
            if (len)
                *len = fdt_read_u32(base + off + 4);
            return base + off + 12;
        }
    }
    return NULL;
}

const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name)
{
    uint32_t len;
    const char *s = fdt_prop(fdt, node, name, &len);

    if (!s || len == 0 || s[len - 1] != '\0')
        return NULL;
    return s;
}

bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compatible)
{
    uint32_t len;
    const char *list = fdt_prop(fdt, node, "compatible", &len);

    /* The property is a list of NUL-terminated strings. */
    for (uint32_t i = 0; list && i < len;) {
        uint32_t n = (uint32_t)strnlen(list + i, len - i);

        if (n < len - i && strcmp(list + i, compatible) == 0)
            return true;
        i += n + 1;
    }
    return false;
}

int fdt_find_compatible(const struct fdt *fdt, int after, const char *compatible)
{
    int off = after < 0 ? fdt_root(fdt) : skip_token(fdt, after);

    for (; off >= 0; off = skip_token(fdt, off)) {
        uint32_t t = token_at(fdt, off);

        if (t == FDT_END)
            break;
        if (t == FDT_BEGIN_NODE && fdt_is_compatible(fdt, off, compatible))
            return off;
    }
    return -ENOENT;
}

static int cells_prop(const struct fdt *fdt, int node, const char *name, int fallback)
{
    uint32_t len;
    const void *p = fdt_prop(fdt, node, name, &len);
    uint32_t v;

    if (!p || len != 4)
        return fallback;
    v = fdt_read_u32(p);
    return v <= 2 ? (int)v : fallback;
}

int fdt_address_cells(const struct fdt *fdt, int node)
{
    return cells_prop(fdt, node, "#address-cells", 2);
}

int fdt_size_cells(const struct fdt *fdt, int node)
{
    return cells_prop(fdt, node, "#size-cells", 1);
}

int fdt_reg(const struct fdt *fdt, int node, int address_cells, int size_cells, int index,
            uint64_t *address, uint64_t *size)
{
    uint32_t len;
    const uint8_t *reg = fdt_prop(fdt, node, "reg", &len);
    uint32_t entry = 4u * (uint32_t)(address_cells + size_cells);

    if (!reg || index < 0 || entry == 0 || (uint64_t)(index + 1) * entry > len)
        return -ENOENT;
    reg += (uint32_t)index * entry;
    *address = fdt_read_cells(reg, address_cells);
    *size = fdt_read_cells(reg + 4 * address_cells, size_cells);
    return 0;
}

void fdt_writer_init(struct fdt_writer *w, void *buf, uint32_t cap)
{
    *w = (struct fdt_writer){.buf = buf, .cap = cap, .strings_start = cap};
    w->struct_end = FDT_HEADER_SIZE + FDT_RSVMAP_SIZE;
    if (cap < w->struct_end) {
        w->error = -ENOSPC;
        return;
    }
    memset(w->buf, 0, w->struct_end);
}

static uint8_t *reserve_struct(struct fdt_writer *w, uint32_t len)
{
    uint32_t need = align4(len);
    uint8_t *p;

    if (w->error || need > w->strings_start - w->struct_end) {
        w->error = w->error ? w->error : -ENOSPC;
        return NULL;
    }
    p = w->buf + w->struct_end;
    memset(p, 0, need);
    w->struct_end += need;
    return p;
}

static void put_token(struct fdt_writer *w, uint32_t token)
{
    uint8_t *p = reserve_struct(w, 4);

    if (p)
        put_u32(p, token);
}

void fdt_begin_node(struct fdt_writer *w, const char *name)
{
    uint32_t n = (uint32_t)strlen(name) + 1;
    uint8_t *p = reserve_struct(w, 4 + n);

    if (++w->depth > FDT_MAX_DEPTH && !w->error)
        w->error = -EINVAL;
    if (!p)
        return;
    put_u32(p, FDT_BEGIN_NODE);
    memcpy(p + 4, name, n);
}

void fdt_end_node(struct fdt_writer *w)
{
    if (w->depth-- <= 0 && !w->error)
        w->error = -EINVAL;
    put_token(w, FDT_END_NODE);
}

/* Offset of name inside the strings table, adding it when new. Strings are
 * stored from the end of the buffer downwards, so offsets are relative to
 * cap and fixed up by fdt_writer_finish(). */
static uint32_t string_offset(struct fdt_writer *w, const char *name)
{
    uint32_t n = (uint32_t)strlen(name) + 1;

    for (uint32_t off = w->strings_start; off < w->cap;) {
        const char *s = (const char *)w->buf + off;
        uint32_t len = (uint32_t)strlen(s) + 1;

        if (len == n && memcmp(s, name, n) == 0)
            return off;
        off += len;
    }
    if (w->error || n > w->strings_start - w->struct_end) {
        w->error = w->error ? w->error : -ENOSPC;
        return 0;
    }
    w->strings_start -= n;
    memcpy(w->buf + w->strings_start, name, n);
    return w->strings_start;
}

void fdt_property(struct fdt_writer *w, const char *name, const void *data, uint32_t len)
{
    uint32_t name_off = string_offset(w, name);
    uint8_t *p = reserve_struct(w, 12 + len);

    if (!p)
        return;
    put_u32(p, FDT_PROP);
    put_u32(p + 4, len);
    put_u32(p + 8, name_off); /* rebased in fdt_writer_finish() */
    if (len)
        memcpy(p + 12, data, len);
}

void fdt_property_string(struct fdt_writer *w, const char *name, const char *value)
{
    fdt_property(w, name, value, (uint32_t)strlen(value) + 1);
}

void fdt_property_u32(struct fdt_writer *w, const char *name, uint32_t value)
{
    fdt_property_cells(w, name, &value, 1);
}

void fdt_property_cells(struct fdt_writer *w, const char *name, const uint32_t *cells, int n)
{
    uint8_t bytes[4 * 16];

    if (n < 0 || n > 16) {
        w->error = -EINVAL;
        return;
    }
    for (int i = 0; i < n; i++)
        put_u32(bytes + 4 * i, cells[i]);
    fdt_property(w, name, bytes, 4u * (uint32_t)n);
}

int fdt_writer_finish(struct fdt_writer *w)
{
    uint32_t struct_off = FDT_HEADER_SIZE + FDT_RSVMAP_SIZE;
    uint32_t struct_size, strings_size = w->cap - w->strings_start;
    uint8_t *base;

    put_token(w, FDT_END);
    if (w->error)
        return w->error;
    if (w->depth != 0)
        return -EINVAL;
    struct_size = w->struct_end - struct_off;
    /* Rebase every property's name offset from the end-relative scheme. */
    base = w->buf + struct_off;
    for (uint32_t off = 0; off < struct_size;) {
        uint32_t t = fdt_read_u32(base + off);

        if (t == FDT_PROP) {
            uint32_t len = fdt_read_u32(base + off + 4);

            put_u32(base + off + 8, fdt_read_u32(base + off + 8) - w->strings_start);
            off += 12 + align4(len);
        } else if (t == FDT_BEGIN_NODE) {
            off += 4 + align4((uint32_t)strlen((const char *)base + off + 4) + 1);
        } else {
            off += 4;
        }
    }
    memmove(w->buf + w->struct_end, w->buf + w->strings_start, strings_size);
    put_u32(w->buf + 0, FDT_MAGIC);
    put_u32(w->buf + 4, w->struct_end + strings_size);
    put_u32(w->buf + 8, struct_off);
    put_u32(w->buf + 12, w->struct_end);
    put_u32(w->buf + 16, FDT_HEADER_SIZE);
    put_u32(w->buf + 20, 17); /* version */
    put_u32(w->buf + 24, 16); /* last compatible version */
    put_u32(w->buf + 28, 0);  /* boot CPU */
    put_u32(w->buf + 32, strings_size);
    put_u32(w->buf + 36, struct_size);
    return (int)(w->struct_end + strings_size);
}
