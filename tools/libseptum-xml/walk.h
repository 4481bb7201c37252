/* Walking a definition's XML tree element by element: each handler takes
 * one element, checks its attributes and text, and fills the description;
 * unknown elements and attributes are reported, with the reason when they
 * are libvirt's and Septum cannot honour them. */
#ifndef SEPTUM_XML_WALK_H
#define SEPTUM_XML_WALK_H

#include <libxml/tree.h>

#include "desc.h"

struct walk {
    struct diag_sink *d;
    struct domain_desc *desc;
};

/* One kind of child element a parent accepts. */
struct child_rule {
    const char *name;
    void (*take)(struct walk *w, xmlNode *n);
    bool required;
    bool repeats;   /* may appear more than once */
    const char *ns; /* its namespace; NULL for libvirt's elements, which have none */
};

/* The most kinds of children an element has (<domain>'s). */
#define MAX_CHILD_RULES 16

/* Hands every child element of parent to its rule, in document order, and
 * reports unknown, repeated and missing ones and stray text. */
void walk_children(struct walk *w, const xmlNode *parent, const struct child_rule *rules,
                   size_t nr_rules);

/* Reports text, other than white space, directly inside parent. */
void check_no_text(struct walk *w, const xmlNode *parent);

/* Reports the attributes of n that are not in allowed (NULL-terminated). */
void check_attributes(struct walk *w, const xmlNode *n, const char *const *allowed);

/* Reports text and child elements inside an element that holds neither. */
void check_empty(struct walk *w, const xmlNode *n);

/* Where n (and its attribute, if not NULL) is. */
struct spot spot_of(const xmlNode *n, const char *attribute);

/* The element's text, without surrounding white space, after checking it
 * holds nothing but text; malloc()ed. NULL (reported) on failure. */
char *element_text(struct walk *w, const xmlNode *n);

/* The attribute's value (no namespace), malloc()ed, or NULL if absent. */
char *attribute_text(const xmlNode *n, const char *name);

/* Index of text in choices (NULL-terminated), or reports the choices and
 * returns -1. */
int pick(struct walk *w, const struct spot *at, const char *text, const char *const *choices);

/* A decimal number from 0 to max. Reports and returns -1 on failure. */
int parse_decimal(struct walk *w, const struct spot *at, const char *text, uint64_t max,
                  uint64_t *value);

#endif
