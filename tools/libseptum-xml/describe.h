/* The handlers of a definition's elements, one per libvirt element (or
 * Septum one), spread over files by topic. Each takes its element, checks
 * it and fills w->desc. */
#ifndef SEPTUM_XML_DESCRIBE_H
#define SEPTUM_XML_DESCRIBE_H

#include "walk.h"

/* Septum's namespace, for its elements under <metadata>. */
#define SEPTUM_XML_NS "http://septum.dev/xmlns/domain/1"

void describe_domain(struct walk *w, xmlNode *domain);

void take_memory(struct walk *w, xmlNode *n);
void take_current_memory(struct walk *w, xmlNode *n);
void take_vcpu(struct walk *w, xmlNode *n);
void take_cputune(struct walk *w, xmlNode *n);
void take_os(struct walk *w, xmlNode *n);
void take_features(struct walk *w, xmlNode *n);
void take_devices(struct walk *w, xmlNode *n);
void take_metadata(struct walk *w, xmlNode *n);

/* Checks between elements, once all are read: vCPU pins against the
 * number of vCPUs. */
void check_vcpus(struct walk *w);

/* An element holding a number of units (attribute unit, default_unit when
 * absent, libvirt's names) in bytes; false (reported) when it has none. */
bool take_size(struct walk *w, xmlNode *n, const char *default_unit, uint64_t *bytes);

/* A required attribute's value (malloc()ed), or NULL after reporting its
 * absence. */
char *required_attribute(struct walk *w, const xmlNode *n, const char *name);

#endif
