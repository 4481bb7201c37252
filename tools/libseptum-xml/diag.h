/* Messages about a domain definition, each naming the file, the line and
 * the element or attribute, the way compilers report errors:
 *     hello.xml:7: element <memory> attribute unit: unknown unit 'XB'
 * They go to a stream as they are found, so that one run reports every
 * mistake, and are counted. A warning is about what is not wrong but is
 * likely not meant; it does not make the definition invalid. */
#ifndef SEPTUM_XML_DIAG_H
#define SEPTUM_XML_DIAG_H

#include <stdio.h>

struct diag_sink {
    FILE *out;
    const char *file; /* as the user named it */
    unsigned errors;
    unsigned warnings;
};

/* Where something was written: a line, an element and maybe an attribute
 * (names are string constants or live as long as the document). */
struct spot {
    unsigned line;
    const char *element;
    const char *attribute; /* NULL for the element itself */
};

/* "FILE:LINE: element <E>[ attribute A]: message". */
void diag_at(struct diag_sink *d, const struct spot *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "FILE:LINE: element <E>: warning: message". */
void diag_warn_at(struct diag_sink *d, const struct spot *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "FILE:LINE: message", for what is on a line but in no element. */
void diag_line(struct diag_sink *d, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "FILE: message", for what belongs to no element. */
void diag_file(struct diag_sink *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
