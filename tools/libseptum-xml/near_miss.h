/* Namespaces that are almost Septum's: a typo in xmlns:septum makes
 * Septum's settings someone else's metadata, which is kept and not read.
 * Telling such a namespace apart lets the loader warn instead of dropping
 * the settings in silence. */
#ifndef SEPTUM_XML_NEAR_MISS_H
#define SEPTUM_XML_NEAR_MISS_H

#include <stdbool.h>

/* Whether uri, which is not ours, looks like a mistake for it: the same
 * but for case, scheme, "www." or trailing slashes, a few characters
 * away, or another version of it (ours with its last segment changed).
 * ours must be shorter than NEAR_MISS_MAX. */
bool namespace_near_miss(const char *uri, const char *ours);

#define NEAR_MISS_MAX 128

#endif
