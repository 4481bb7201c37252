/* libFuzzer target: a domain definition, from the file to the plan, the
 * way `septum validate --root` takes it on the host. Each input is written
 * to a file and loaded (libxml2, the element checks, the schema), and what
 * loads is planned on a model machine with its images read from a sandbox
 * (device tree generated or adapted with libfdt). Nothing is read outside
 * the sandbox: the images are confined to it (validate --root).
 *
 * Build and run: make -C tools fuzz-xml (short, fixed seed) or make fuzz. */
#define _XOPEN_SOURCE 700 /* mkdtemp(), nftw() */
#include <ftw.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char sandbox[192], root[256], definition[256];
static FILE *quiet;

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        die(path);
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0755) < 0)
        die(path);
}

/* An arm64 Image header (text_offset 0x80000, image_size 64 KiB) and a
 * little of its body. */
static void write_image(const char *path)
{
    unsigned char img[256] = {0};

    img[10] = 0x08;                 /* text_offset */
    img[18] = 0x01;                 /* image_size */
    img[24] = 0x0a;                 /* flags: little-endian, 4K pages */
    memcpy(img + 56, "ARM\x64", 4); /* magic */
    write_file(path, img, sizeof(img));
}

static void write_dtb(const char *path)
{
    char tree[256];

    if (fdt_create_empty_tree(tree, sizeof(tree)) != 0)
        die("fdt_create_empty_tree");
    write_file(path, tree, fdt_totalsize(tree));
}

/* path, under the sandbox (valid until the next call). */
static const char *in_sandbox(const char *path)
{
    static char buf[256];

    snprintf(buf, sizeof(buf), "%s/%s", sandbox, path);
    return buf;
}

/* SANDBOX/root is a dom0 tree with the images xml/examples name, so that
 * those seeds reach the plan; SANDBOX/def holds the definition, and the
 * images fuzz/seeds/own-images.xml names by relative path. */
static void make_sandbox(void)
{
    static const char *const dirs[] = {
        "root",
        "root/usr",
        "root/usr/share",
        "root/usr/share/septum",
        "root/usr/share/septum/guests",
        "def",
    };
    static const char *const images[] = {
        "root/usr/share/septum/guests/hello.bin",
        "root/usr/share/septum/guests/smp.bin",
        "root/usr/share/septum/guests/linux.Image",
        "def/kernel.Image",
    };

    /* In TMPDIR, which make points into the build tree: a crash skips the
     * clean-up, and what it leaves goes with make clean. */
    const char *tmp = getenv("TMPDIR");

    snprintf(sandbox, sizeof(sandbox), "%s/septum-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(sandbox))
        die("mkdtemp");
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        make_dir(in_sandbox(dirs[i]));
    for (size_t i = 0; i < sizeof(images) / sizeof(images[0]); i++)
        write_image(in_sandbox(images[i]));
    write_file(in_sandbox("root/usr/share/septum/guests/linux-initrd.cpio.gz"), "070701", 6);
    write_file(in_sandbox("def/initrd.img"), "070701", 6);
    write_dtb(in_sandbox("def/board.dtb"));
    snprintf(root, sizeof(root), "%s", in_sandbox("root"));
    snprintf(definition, sizeof(definition), "%s", in_sandbox("def/domain.xml"));
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_sandbox(void)
{
    nftw(sandbox, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    make_sandbox();
    atexit(remove_sandbox);
    quiet = fopen("/dev/null", "w");
    if (!quiet)
        die("/dev/null");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_sink d = {.out = quiet, .file = definition};
    struct domain_desc *desc;
    struct domain_plan plan;
    struct machine m;

    write_file(definition, data, size);
    if (domain_desc_load(definition, &d, &desc) != 0)
        return 0;
    machine_model(&m, 4, 0x1);
    if (domain_plan_make(desc, &m, root, &d, &plan) == 0)
        domain_plan_free(&plan);
    domain_desc_free(desc);
    return 0;
}
