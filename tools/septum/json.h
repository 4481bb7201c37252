/* The little JSON the tools print. */
#ifndef SEPTUM_JSON_H
#define SEPTUM_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Prints s (at most max bytes, or up to its NUL) as a JSON string. */
void json_string(FILE *f, const char *s, size_t max);

#endif
