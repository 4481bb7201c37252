/* <devices> and <features>: what libvirt would say about the devices every
 * Septum domain has (a PL011 console, a GICv3), accepted so that a
 * definition can say it; nothing else can be asked for. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"

/* An attribute that, when given, must have this one value. */
static void fixed_attribute(struct walk *w, const xmlNode *n, const char *name, const char *value)
{
    const char *const choices[] = {value, NULL};
    struct spot at = spot_of(n, name);
    char *text = attribute_text(n, name);

    if (text)
        pick(w, &at, text, choices);
    free(text);
}

static void take_model(struct walk *w, xmlNode *n)
{
    check_attributes(w, n, (const char *const[]){"name", NULL});
    check_empty(w, n);
    free(required_attribute(w, n, "name"));
    fixed_attribute(w, n, "name", "pl011");
}

static void take_serial_target(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {{.name = "model", .take = take_model}};

    check_attributes(w, n, (const char *const[]){"type", "port", NULL});
    fixed_attribute(w, n, "type", "system-serial");
    fixed_attribute(w, n, "port", "0");
    walk_children(w, n, children, 1);
}

static void take_console_target(struct walk *w, xmlNode *n)
{
    check_attributes(w, n, (const char *const[]){"type", "port", NULL});
    fixed_attribute(w, n, "type", "serial");
    fixed_attribute(w, n, "port", "0");
    check_empty(w, n);
}

/* <serial> and <console> describe the same PL011, as libvirt does. */
static void take_pty(struct walk *w, xmlNode *n, void (*take_target)(struct walk *, xmlNode *))
{
    const struct child_rule children[] = {{.name = "target", .take = take_target}};

    check_attributes(w, n, (const char *const[]){"type", NULL});
    free(required_attribute(w, n, "type"));
    fixed_attribute(w, n, "type", "pty");
    walk_children(w, n, children, 1);
}

static void take_serial(struct walk *w, xmlNode *n)
{
    take_pty(w, n, take_serial_target);
}

static void take_console(struct walk *w, xmlNode *n)
{
    take_pty(w, n, take_console_target);
}

static void take_shmem_model(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, "type");
    char *type = required_attribute(w, n, "type");

    check_attributes(w, n, (const char *const[]){"type", NULL});
    check_empty(w, n);
    if (type && strcmp(type, "ivshmem-doorbell") != 0)
        diag_at(w->d, &at,
                "'%s': Septum's regions always have doorbells (model type='ivshmem-doorbell')",
                type);
    free(type);
}

/* Into the slot take_shmem() fills next (it checks there is one). */
static void take_shmem_size(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, NULL);
    uint64_t *size = &w->desc->shmem[w->desc->nr_shmem].size;

    if (take_size(w, n, "b", size) && (*size == 0 || *size % 4096))
        diag_at(w->d, &at, "a region is a non-zero multiple of 4 KiB");
}

/* <shmem name='ring0'><model type='ivshmem-doorbell'/><size unit='M'>1</size></shmem> */
static void take_shmem(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "model", .take = take_shmem_model, .required = true},
        {.name = "size", .take = take_shmem_size, .required = true},
    };
    struct domain_desc *desc = w->desc;
    struct spot at = spot_of(n, NULL), name_at = spot_of(n, "name");
    char *name = required_attribute(w, n, "name");

    check_attributes(w, n, (const char *const[]){"name", NULL});
    if (desc->nr_shmem == SEPTUM_SHM_MAX_REGIONS) {
        diag_at(w->d, &at, "more than %d regions", SEPTUM_SHM_MAX_REGIONS);
        free(name);
        return;
    }
    desc->shmem[desc->nr_shmem].size = 0;
    walk_children(w, n, children, sizeof(children) / sizeof(children[0]));
    if (!name)
        return;
    for (size_t i = 0; i < desc->nr_shmem; i++) {
        if (strcmp(desc->shmem[i].name, name) == 0) {
            diag_at(w->d, &name_at, "region '%s' given twice (first on line %u)", name,
                    desc->shmem[i].at.line);
            free(name);
            return;
        }
    }
    if (strlen(name) >= SEPTUM_NAME_MAX || !*name)
        diag_at(w->d, &name_at, "a region's name has 1 to %d bytes", SEPTUM_NAME_MAX - 1);
    desc->shmem[desc->nr_shmem].name = name;
    desc->shmem[desc->nr_shmem++].at = at;
}

void take_devices(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "serial", .take = take_serial},
        {.name = "console", .take = take_console},
        {.name = "shmem", .take = take_shmem, .repeats = true},
    };

    check_attributes(w, n, (const char *const[]){NULL});
    walk_children(w, n, children, sizeof(children) / sizeof(children[0]));
}

static void take_gic(struct walk *w, xmlNode *n)
{
    check_attributes(w, n, (const char *const[]){"version", NULL});
    fixed_attribute(w, n, "version", "3");
    check_empty(w, n);
}

void take_features(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {{.name = "gic", .take = take_gic}};

    check_attributes(w, n, (const char *const[]){NULL});
    walk_children(w, n, children, 1);
}
