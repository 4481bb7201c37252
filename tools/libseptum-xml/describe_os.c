/* <os>: direct kernel boot of an arm64 Linux Image on QEMU virt's layout,
 * with an optional initramfs, command line and device tree. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

static void take_type(struct walk *w, xmlNode *n)
{
    static const char *const arches[] = {"aarch64", NULL};
    static const char *const machines[] = {"virt", NULL};
    static const char *const types[] = {"hvm", NULL};
    struct spot at = spot_of(n, NULL), arch_at = spot_of(n, "arch"),
                machine_at = spot_of(n, "machine");
    char *arch = attribute_text(n, "arch"), *machine = attribute_text(n, "machine");
    char *type = element_text(w, n);

    check_attributes(w, n, (const char *const[]){"arch", "machine", NULL});
    if (arch)
        pick(w, &arch_at, arch, arches);
    if (machine)
        pick(w, &machine_at, machine, machines);
    if (type)
        pick(w, &at, type, types);
    free(arch);
    free(machine);
    free(type);
}

/* A file name: kept with where it was given, for messages about it. */
static void take_path(struct walk *w, xmlNode *n, char **path, struct spot *path_at)
{
    struct spot at = spot_of(n, NULL);
    char *text = element_text(w, n);

    check_attributes(w, n, (const char *const[]){NULL});
    if (text && !*text) {
        diag_at(w->d, &at, "empty file name");
        free(text);
        return;
    }
    *path = text;
    *path_at = at;
}

static void take_kernel(struct walk *w, xmlNode *n)
{
    take_path(w, n, &w->desc->kernel, &w->desc->kernel_at);
}

static void take_initrd(struct walk *w, xmlNode *n)
{
    take_path(w, n, &w->desc->initrd, &w->desc->initrd_at);
}

static void take_dtb(struct walk *w, xmlNode *n)
{
    take_path(w, n, &w->desc->dtb, &w->desc->dtb_at);
}

static void take_cmdline(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, NULL);
    char *text = element_text(w, n);

    check_attributes(w, n, (const char *const[]){NULL});
    if (text && strlen(text) > SEPTUM_CMDLINE_MAX - 1)
        diag_at(w->d, &at, "%zu bytes long, at most %d", strlen(text), SEPTUM_CMDLINE_MAX - 1);
    w->desc->cmdline = text;
    w->desc->cmdline_at = at;
}

void take_os(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "type", .take = take_type, .required = true},
        {.name = "kernel", .take = take_kernel, .required = true},
        {.name = "initrd", .take = take_initrd},
        {.name = "cmdline", .take = take_cmdline},
        {.name = "dtb", .take = take_dtb},
    };

    check_attributes(w, n, (const char *const[]){NULL});
    walk_children(w, n, children, sizeof(children) / sizeof(children[0]));
}
