/* The hypervisor's log: every message goes to a ring (readable later by the
 * control domain) and to the physical console with a "(septum)" prefix. */
#ifndef SEPTUM_LOG_H
#define SEPTUM_LOG_H

#include <stddef.h>
#include <stdint.h>

#define LOG_RING_SIZE 16384

void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Copies up to len bytes of the ring starting at byte position `from`
 * (counted since boot); returns bytes copied, *next the position after. */
size_t log_read(uint64_t from, char *buf, size_t len, uint64_t *next);

#define pr_info(...) log_printf(__VA_ARGS__)

#endif
