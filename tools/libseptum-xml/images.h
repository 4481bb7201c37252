/* Finding and reading the files a definition names: its kernel, initramfs
 * and device tree. */
#ifndef SEPTUM_XML_IMAGES_H
#define SEPTUM_XML_IMAGES_H

#include "plan.h"

/* The most a file may hold, and what says so, for the message. */
struct image_limit {
    uint64_t bytes;
    const char *what; /* "the domain's memory" */
};

/* Reads the file named at `at` into f->data, f->len, f->path. A relative
 * path starts from the definition's folder; an absolute one is taken as it
 * is, or under root when root is not NULL (a staged dom0 tree). With a
 * root, nothing is read outside it and the definition's folder, whatever
 * "..", or a symbolic link, says. Reports and returns a negative errno on
 * failure. */
int image_read(const struct domain_desc *desc, const char *name, const struct spot *at,
               const char *root, struct image_limit limit, struct diag_sink *d,
               struct placed_file *f);

#endif
