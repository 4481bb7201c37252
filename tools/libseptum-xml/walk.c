/* The generic part of walking a definition: children, attributes, text. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "unsupported.h"
#include "walk.h"

#define WHITE_SPACE " \t\r\n"

struct spot spot_of(const xmlNode *n, const char *attribute)
{
    long line = xmlGetLineNo(n);

    return (struct spot){.line = line > 0 ? (unsigned)line : 0,
                         .element = (const char *)n->name,
                         .attribute = attribute};
}

static bool blank(const xmlChar *text)
{
    const char *s = (const char *)text;

    return !s || s[strspn(s, WHITE_SPACE)] == '\0';
}

static bool is_text(const xmlNode *n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* Text outside the elements that hold some, cut short to be quoted. */
static void stray_text(struct walk *w, const xmlNode *parent, const xmlNode *text)
{
    const char *s = (const char *)text->content + strspn((const char *)text->content, WHITE_SPACE);
    size_t len = strcspn(s, "\r\n");
    struct spot at = spot_of(parent, NULL);

    /* libxml2 numbers a text node by the line it ends on. */
    if (text->line) {
        const char *c = (const char *)text->content;
        unsigned after = 0;

        for (; *c; c++)
            after += *c == '\n' && c >= s;
        at.line = text->line - after;
    }
    diag_at(w->d, &at, "unexpected text '%.*s%s'", (int)(len < 20 ? len : 20), s,
            len > 20 ? "..." : "");
}

void check_no_text(struct walk *w, const xmlNode *parent)
{
    for (const xmlNode *n = parent->children; n; n = n->next)
        if (is_text(n) && !blank(n->content))
            stray_text(w, parent, n);
}

static bool matches(const struct child_rule *rule, const xmlNode *n)
{
    if (rule->ns ? !n->ns || strcmp((const char *)n->ns->href, rule->ns) != 0 : n->ns != NULL)
        return false;
    return strcmp((const char *)n->name, rule->name) == 0;
}

/* What a parent accepts, for the message about an unknown child. */
static void list_rules(char *buf, size_t size, const struct child_rule *rules, size_t nr)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < nr && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s<%s>", i ? ", " : "", rules[i].name);
}

static void unknown_child(struct walk *w, const xmlNode *parent, const xmlNode *n,
                          const struct child_rule *rules, size_t nr)
{
    struct spot at = spot_of(n, NULL);
    const char *why = n->ns ? NULL : libvirt_unsupported(parent, n);
    char allowed[256];

    if (why) {
        diag_at(w->d, &at, "not supported by Septum: %s", why);
        return;
    }
    list_rules(allowed, sizeof(allowed), rules, nr);
    if (n->ns && !parent->ns)
        diag_at(w->d, &at, "unexpected in <%s>: the namespace '%s' belongs in <metadata>",
                (const char *)parent->name, (const char *)n->ns->href);
    else
        diag_at(w->d, &at, "unexpected in <%s> (it takes %s)", (const char *)parent->name,
                nr ? allowed : "no elements");
}

void walk_children(struct walk *w, const xmlNode *parent, const struct child_rule *rules,
                   size_t nr_rules)
{
    unsigned first_line[MAX_CHILD_RULES];
    bool seen[MAX_CHILD_RULES] = {false};

    assert(nr_rules <= MAX_CHILD_RULES);
    check_no_text(w, parent);
    for (xmlNode *n = parent->children; n; n = n->next) {
        size_t i = 0;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        while (i < nr_rules && !matches(&rules[i], n))
            i++;
        if (i == nr_rules) {
            unknown_child(w, parent, n, rules, nr_rules);
            continue;
        }
        if (seen[i] && !rules[i].repeats) {
            struct spot at = spot_of(n, NULL);

            diag_at(w->d, &at, "given twice (first on line %u)", first_line[i]);
            continue;
        }
        if (!seen[i])
            first_line[i] = spot_of(n, NULL).line;
        seen[i] = true;
        rules[i].take(w, n);
    }
    for (size_t i = 0; i < nr_rules; i++) {
        if (rules[i].required && !seen[i]) {
            struct spot at = spot_of(parent, NULL);

            diag_at(w->d, &at, "missing <%s>", rules[i].name);
        }
    }
}

void check_attributes(struct walk *w, const xmlNode *n, const char *const *allowed)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        size_t i = 0;

        while (allowed[i] && (a->ns || strcmp((const char *)a->name, allowed[i]) != 0))
            i++;
        if (!allowed[i]) {
            struct spot at = spot_of(n, (const char *)a->name);
            const char *why = a->ns ? NULL : libvirt_unsupported_attribute(n, a);

            if (why)
                diag_at(w->d, &at, "not supported by Septum: %s", why);
            else
                diag_at(w->d, &at, "unknown attribute");
        }
    }
}

void check_empty(struct walk *w, const xmlNode *n)
{
    walk_children(w, n, NULL, 0);
}

char *element_text(struct walk *w, const xmlNode *n)
{
    xmlChar *content;
    char *text;
    size_t start, len;

    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            struct spot at = spot_of(c, NULL);

            diag_at(w->d, &at, "unexpected in <%s>, which holds only text", (const char *)n->name);
            return NULL;
        }
    }
    content = xmlNodeGetContent(n);
    if (!content)
        return NULL;
    start = strspn((const char *)content, WHITE_SPACE);
    len = strlen((const char *)content + start);
    while (len && strchr(WHITE_SPACE, content[start + len - 1]))
        len--;
    text = strndup((const char *)content + start, len);
    xmlFree(content);
    return text;
}

char *attribute_text(const xmlNode *n, const char *name)
{
    xmlChar *value = xmlGetNoNsProp(n, (const xmlChar *)name);
    char *text;

    if (!value)
        return NULL;
    text = strdup((const char *)value);
    xmlFree(value);
    return text;
}

int pick(struct walk *w, const struct spot *at, const char *text, const char *const *choices)
{
    char list[128];
    size_t used = 0;

    for (int i = 0; choices[i]; i++)
        if (strcmp(text, choices[i]) == 0)
            return i;
    list[0] = '\0';
    for (int i = 0; choices[i] && used < sizeof(list); i++)
        used +=
            (size_t)snprintf(list + used, sizeof(list) - used, "%s'%s'", i ? ", " : "", choices[i]);
    diag_at(w->d, at, "'%s' is not one of %s", text, list);
    return -1;
}

int parse_decimal(struct walk *w, const struct spot *at, const char *text, uint64_t max,
                  uint64_t *value)
{
    uint64_t v = 0;

    if (!*text || strspn(text, "0123456789") != strlen(text)) {
        diag_at(w->d, at, "'%s' is not a number", text);
        return -1;
    }
    for (const char *s = text; *s; s++) {
        uint64_t digit = (uint64_t)(*s - '0');

        if (digit > max || v > (max - digit) / 10) {
            diag_at(w->d, at, "%s is too large (at most %llu)", text, (unsigned long long)max);
            return -1;
        }
        v = v * 10 + digit;
    }
    *value = v;
    return 0;
}
