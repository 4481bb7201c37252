/* Kept (persistent) definitions, as virsh has them: `define` copies a
 * definition to KEPT_DIR/NAME.xml, `start NAME` creates the domain from it,
 * `undefine` removes it, `list --all` shows those not running. Dom0's root
 * is an initramfs: they last until dom0 reboots unless KEPT_DIR is on
 * persistent storage (mount something there). SEPTUM_DOMAINS_DIR moves the
 * folder, for tests on the host. */
#ifndef SEPTUM_KEPT_H
#define SEPTUM_KEPT_H

#include <stdbool.h>
#include <stddef.h>

#define KEPT_DIR "/etc/septum/domains"

/* KEPT_DIR or its replacement. */
const char *kept_dir(void);
/* Where name's definition is (or would be) kept. */
void kept_path(const char *name, char *buf, size_t size);
bool kept_exists(const char *name);
/* The kept names, sorted, malloc()ed (free each and the array). */
int kept_names(char ***names, size_t *count);
void kept_names_free(char **names, size_t count);

#endif
