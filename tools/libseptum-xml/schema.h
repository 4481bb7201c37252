/* Checking a definition against Septum's RelaxNG schema
 * (xml/septum-domain.rng), with libxml2. */
#ifndef SEPTUM_XML_SCHEMA_H
#define SEPTUM_XML_SCHEMA_H

#include <libxml/tree.h>

#include "diag.h"

/* Reports every way doc departs from the schema; returns how many. */
unsigned schema_check(xmlDoc *doc, struct diag_sink *d);

#endif
