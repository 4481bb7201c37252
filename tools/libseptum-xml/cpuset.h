/* libvirt's CPU lists ("1-3", "0,2", "0-3,^1") as bit masks. */
#ifndef SEPTUM_XML_CPUSET_H
#define SEPTUM_XML_CPUSET_H

#include <stddef.h>

#include "desc.h"

/* Parses text into *cpus. Returns NULL, or what is wrong with it. */
const char *cpuset_parse(const char *text, cpu_mask *cpus);

/* Writes cpus as a list ("1-3,5") into buf. */
void cpuset_format(cpu_mask cpus, char *buf, size_t size);

/* The lowest pCPU in cpus (cpus != 0). */
unsigned cpuset_first(cpu_mask cpus);

#endif
