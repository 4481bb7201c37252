/* What libseptum-xml's unit tests share: definitions written to temporary
 * files, and the messages a step reported, captured. */
#ifndef SEPTUM_XML_TEST_HELPERS_H
#define SEPTUM_XML_TEST_HELPERS_H

#include <stddef.h>

#include "plan.h"

/* Messages written to a sink, readable as one string. */
struct captured {
    struct diag_sink sink;
    char *text;
    size_t len;
};

void capture_start(struct captured *c, const char *file);
/* The messages so far (valid until capture_end). */
const char *capture_text(struct captured *c);
void capture_end(struct captured *c);

/* Writes data to a new file in a fresh temporary folder; returns its path
 * (malloc()ed). Files of one test share the folder. */
char *temp_file(const char *name, const void *data, size_t len);
char *temp_text(const char *name, const char *text);

/* An arm64 Image header with this text_offset and image_size, followed by
 * payload zero bytes. */
char *temp_image(const char *name, uint64_t text_offset, uint64_t image_size, size_t payload);

/* "<domain type='xen'><name>t</name>..." around body, with a kernel
 * (kernel.Image in the same folder) unless body has an <os>. */
char *temp_definition(const char *body);

/* Loads path, failing the test if it does not load cleanly. */
struct domain_desc *load_ok(const char *path);

/* Loads path expecting it to fail; returns the messages (malloc()ed). */
char *load_errors(const char *path);

#endif
