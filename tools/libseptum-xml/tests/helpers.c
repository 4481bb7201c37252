/* Temporary definitions and captured messages for the unit tests. */
#define _XOPEN_SOURCE 700 /* nftw() */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "helpers.h"

void capture_start(struct captured *c, const char *file)
{
    memset(c, 0, sizeof(*c));
    c->sink.out = open_memstream(&c->text, &c->len);
    c->sink.file = file;
    CHECK(c->sink.out);
}

const char *capture_text(struct captured *c)
{
    fflush(c->sink.out);
    return c->text;
}

void capture_end(struct captured *c)
{
    fclose(c->sink.out);
    free(c->text);
}

static char dir[] = "/tmp/septum-xml-test.XXXXXX";

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_temp_dir(void)
{
    nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* One folder per test process, removed when it exits. */
static const char *temp_dir(void)
{
    static bool made;

    if (!made) {
        CHECK(mkdtemp(dir));
        atexit(remove_temp_dir);
        made = true;
    }
    return dir;
}

char *temp_file(const char *name, const void *data, size_t len)
{
    char *path = malloc(strlen(temp_dir()) + strlen(name) + 2);
    FILE *f;

    CHECK(path);
    sprintf(path, "%s/%s", temp_dir(), name);
    f = fopen(path, "wb");
    CHECK(f);
    CHECK_EQ(fwrite(data, 1, len, f), len);
    CHECK_EQ(fclose(f), 0);
    return path;
}

char *temp_text(const char *name, const char *text)
{
    return temp_file(name, text, strlen(text));
}

static void le64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

char *temp_image(const char *name, uint64_t text_offset, uint64_t image_size, size_t payload)
{
    size_t len = 64 + payload;
    unsigned char *img = calloc(1, len);
    char *path;

    CHECK(img);
    le64(img + 8, text_offset);
    le64(img + 16, image_size);
    le64(img + 24, 0xa); /* little-endian, 4K pages, anywhere */
    memcpy(img + 56, "ARM\x64", 4);
    path = temp_file(name, img, len);
    free(img);
    return path;
}

char *temp_definition(const char *body)
{
    const char *os = strstr(body, "<os>") ? ""
                                          : "<os><type arch='aarch64' machine='virt'>hvm</type>"
                                            "<kernel>kernel.Image</kernel></os>\n";
    size_t len = strlen(body) + strlen(os) + 128;
    char *text = malloc(len), *path;

    CHECK(text);
    free(temp_image("kernel.Image", 0x80000, 0x10000, 4096));
    snprintf(text, len, "<domain type='xen'>\n<name>t</name>\n%s%s</domain>\n", body, os);
    path = temp_text("domain.xml", text);
    free(text);
    return path;
}

struct domain_desc *load_ok(const char *path)
{
    struct captured c;
    struct domain_desc *desc = NULL;
    int rc;

    capture_start(&c, path);
    rc = domain_desc_load(path, &c.sink, &desc);
    if (rc != 0)
        fprintf(stderr, "unexpected errors:\n%s", capture_text(&c));
    CHECK_EQ(rc, 0);
    capture_end(&c);
    return desc;
}

char *load_errors(const char *path)
{
    struct captured c;
    struct domain_desc *desc = NULL;
    char *text;

    capture_start(&c, path);
    CHECK(domain_desc_load(path, &c.sink, &desc) < 0);
    CHECK(c.sink.errors > 0);
    text = strdup(capture_text(&c));
    capture_end(&c);
    return text;
}
