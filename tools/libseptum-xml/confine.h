/* Keeping the files a definition names inside the folders it may read:
 * on the host (validate --root, the launcher), a definition must not make
 * the tools read the host's own files into a domain. */
#ifndef SEPTUM_XML_CONFINE_H
#define SEPTUM_XML_CONFINE_H

/* Sets *real to path with every symbolic link, "." and ".." resolved
 * (malloc()ed) and returns 0 when that is in one of the folders dirs
 * names (NULL-terminated; a folder may itself be named through links, and
 * one that does not exist holds nothing). Returns -EACCES when it is
 * outside them all (*real still set, for the message), or the errno of
 * resolving path (*real NULL). */
int confine(const char *path, const char *const *dirs, char **real);

#endif
