/* Parsing of the /chosen bootargs line: space-separated words. */
#ifndef GUEST_BOOTARGS_H
#define GUEST_BOOTARGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/* True when args contains exactly this word. */
bool bootargs_has_word(const char *args, const char *word);

/* Finds the first word "key=value" and copies value (NUL-terminated,
 * truncated to size - 1 characters) into out; false when absent. */
bool bootargs_value(const char *args, const char *key, char *out, size_t size);

/* The value of "key=N" (decimal, or hexadecimal after 0x): 0, -ENOENT when
 * there is no such word, -EINVAL when its value is no number. */
int bootargs_u64(const char *args, const char *key, uint64_t *out);

#endif
