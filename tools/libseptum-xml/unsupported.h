/* libvirt's elements and attributes that Septum does not honour, with the
 * reason, so that a definition written for libvirt is refused with an
 * explanation rather than a bare "unexpected". */
#ifndef SEPTUM_XML_UNSUPPORTED_H
#define SEPTUM_XML_UNSUPPORTED_H

#include <libxml/tree.h>

/* Why element n, a child of parent, cannot be honoured; NULL if it is not
 * one of libvirt's that we know. */
const char *libvirt_unsupported(const xmlNode *parent, const xmlNode *n);

/* The same for attribute a of element n. */
const char *libvirt_unsupported_attribute(const xmlNode *n, const xmlAttr *a);

#endif
