/* The <domain> element and its simple children: name, uuid, what happens
 * when the guest stops. */
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "sizes.h"
#include "septum.h"

static const char *const action_names[] = {
    [SEPTUM_ACTION_DESTROY] = "destroy",
    [SEPTUM_ACTION_RESTART] = "restart",
    [SEPTUM_ACTION_PRESERVE] = "preserve",
    NULL,
};

const char *domain_action_name(uint32_t action)
{
    return action < SEPTUM_ACTION_PRESERVE + 1 ? action_names[action] : "?";
}

char *required_attribute(struct walk *w, const xmlNode *n, const char *name)
{
    char *value = attribute_text(n, name);

    if (!value) {
        struct spot at = spot_of(n, NULL);

        diag_at(w->d, &at, "missing attribute %s", name);
    }
    return value;
}

static bool only_digits(const char *s)
{
    return strspn(s, "0123456789") == strlen(s);
}

static bool has_control_characters(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

static void take_name(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, NULL);
    char *name = element_text(w, n);

    check_attributes(w, n, (const char *const[]){NULL});
    if (!name)
        return;
    if (!*name)
        diag_at(w->d, &at, "empty name");
    else if (strlen(name) > SEPTUM_NAME_MAX - 1)
        diag_at(w->d, &at, "'%s' is %zu bytes long, at most %d", name, strlen(name),
                SEPTUM_NAME_MAX - 1);
    else if (only_digits(name))
        diag_at(w->d, &at, "'%s' is a number, which would read as a domain id", name);
    else if (has_control_characters(name) || strchr(name, '/'))
        diag_at(w->d, &at, "control characters and '/' are not allowed in a name");
    free(w->desc->name);
    w->desc->name = name;
    w->desc->name_at = at;
}

/* libvirt's form: 32 hex digits, with or without the four dashes. */
static bool is_uuid(const char *s)
{
    static const unsigned groups[] = {8, 4, 4, 4, 12};

    for (unsigned g = 0; g < 5; g++) {
        size_t len = strspn(s, "0123456789abcdefABCDEF");

        if (len < groups[g])
            return false;
        s += groups[g];
        if (g < 4 && *s == '-')
            s++;
    }
    return *s == '\0';
}

static void take_uuid(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, NULL);
    char *uuid = element_text(w, n);

    check_attributes(w, n, (const char *const[]){NULL});
    if (uuid && !is_uuid(uuid))
        diag_at(w->d, &at, "'%s' is not a UUID (like 5e97a3c1-0b2d-4f6e-9a41-73e0c1d2b5f8)", uuid);
    free(w->desc->uuid);
    w->desc->uuid = uuid;
}

/* Free text for people: checked to hold no elements, otherwise unused. */
static void take_text(struct walk *w, xmlNode *n)
{
    check_attributes(w, n, (const char *const[]){NULL});
    free(element_text(w, n));
}

static void take_action(struct walk *w, xmlNode *n, uint32_t *action)
{
    struct spot at = spot_of(n, NULL);
    char *text = element_text(w, n);
    int i = text ? pick(w, &at, text, action_names) : -1;

    check_attributes(w, n, (const char *const[]){NULL});
    if (i >= 0)
        *action = (uint32_t)i;
    free(text);
}

static void take_on_poweroff(struct walk *w, xmlNode *n)
{
    take_action(w, n, &w->desc->on_poweroff);
}

static void take_on_reboot(struct walk *w, xmlNode *n)
{
    take_action(w, n, &w->desc->on_reboot);
}

static void take_on_crash(struct walk *w, xmlNode *n)
{
    take_action(w, n, &w->desc->on_crash);
}

/* Septum has no ballooning: a domain has all its memory from the start. */
static void check_current_memory(struct walk *w)
{
    const struct domain_desc *desc = w->desc;
    char current[32], memory[32];

    if (!desc->current_memory_at.element || !desc->memory || desc->current_memory == desc->memory)
        return;
    size_text(desc->current_memory, current, sizeof(current));
    size_text(desc->memory, memory, sizeof(memory));
    diag_at(w->d, &desc->current_memory_at,
            "%s, but <memory> says %s: without ballooning, a domain has all its memory from "
            "the start",
            current, memory);
}

static const struct child_rule domain_children[] = {
    {.name = "name", .take = take_name, .required = true},
    {.name = "uuid", .take = take_uuid},
    {.name = "title", .take = take_text},
    {.name = "description", .take = take_text},
    {.name = "metadata", .take = take_metadata},
    {.name = "memory", .take = take_memory, .required = true},
    {.name = "currentMemory", .take = take_current_memory},
    {.name = "vcpu", .take = take_vcpu},
    {.name = "cputune", .take = take_cputune},
    {.name = "os", .take = take_os, .required = true},
    {.name = "features", .take = take_features},
    {.name = "on_poweroff", .take = take_on_poweroff},
    {.name = "on_reboot", .take = take_on_reboot},
    {.name = "on_crash", .take = take_on_crash},
    {.name = "devices", .take = take_devices},
};

void describe_domain(struct walk *w, xmlNode *domain)
{
    static const char *const types[] = {"xen", "septum", NULL};
    struct spot at = spot_of(domain, "type");
    char *type = required_attribute(w, domain, "type");
    struct septum_domain_config defaults;

    int i;

    for (i = 0; type && types[i] && strcmp(type, types[i]) != 0; i++)
        ;
    if (type && !types[i])
        diag_at(w->d, &at,
                "'%s': Septum domains are type='xen' (libvirt's name for this "
                "family of hypervisors) or type='septum'",
                type);
    free(type);
    check_attributes(w, domain, (const char *const[]){"type", NULL});
    septum_domain_config_init(&defaults);
    w->desc->on_poweroff = defaults.on_poweroff;
    w->desc->on_reboot = defaults.on_reboot;
    w->desc->on_crash = defaults.on_crash;
    w->desc->nr_vcpus = 1;
    w->desc->vcpus_at = spot_of(domain, NULL);
    walk_children(w, domain, domain_children, sizeof(domain_children) / sizeof(domain_children[0]));
    check_current_memory(w);
    check_vcpus(w);
}
