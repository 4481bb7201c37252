/* <devices> and <features>: what libvirt would say about the devices every
 * Septum domain has (a PL011 console, a GICv3), accepted so that a
 * definition can say it; nothing else can be asked for. */
#include <stdlib.h>

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

void take_devices(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "serial", .take = take_serial},
        {.name = "console", .take = take_console},
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
