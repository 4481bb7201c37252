/* Sizes in messages, the way people write them. */
#ifndef SEPTUM_XML_SIZES_H
#define SEPTUM_XML_SIZES_H

#include <stddef.h>
#include <stdint.h>

#define KIB 1024ull
#define MIB (KIB * KIB)
#define GIB (MIB * KIB)
#define TIB (GIB * KIB)

/* bytes in the largest of GiB, MiB, KiB that holds it whole ("3000 KiB",
 * "16 MiB"), or in bytes. */
void size_text(uint64_t bytes, char *buf, size_t size);

#endif
