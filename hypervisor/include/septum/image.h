/* The Linux Image header (Documentation/arch/arm64/booting.rst, and RISC-V's
 * boot-image-header.rst, which has the same fields): how a kernel image says
 * where it wants to be placed and how much memory it uses. */
#ifndef SEPTUM_IMAGE_H
#define SEPTUM_IMAGE_H

#include <stdint.h>

#define IMAGE_HEADER_SIZE 64

struct image_info {
    uint64_t text_offset; /* from a 2 MiB aligned base */
    uint64_t footprint;   /* bytes from the load address, bss included */
};

/* Parses and checks the header of an image of file_size bytes. */
int image_parse(const void *image, uint64_t file_size, struct image_info *info);

#endif
