/* The freestanding formatter. */
#include <string.h>
#include <septum/format.h>
#include "check.h"

/* Truncation is what these tests exercise. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

static const char *fmt(char *buf, size_t size, const char *f, ...)
{
    va_list ap;

    va_start(ap, f);
    vsnprintf(buf, size, f, ap);
    va_end(ap);
    return buf;
}

TEST(format_conversions)
{
    char b[64];

    CHECK(strcmp(fmt(b, sizeof(b), "%d|%5d|%-4d|%05d", -42, 7, 3, -12), "-42|    7|3   |-0012") ==
          0);
    CHECK(strcmp(fmt(b, sizeof(b), "%x %X %llx", 0xbeefu, 0xbeefu, 0x123456789abcull),
                 "beef BEEF 123456789abc") == 0);
    CHECK(strcmp(fmt(b, sizeof(b), "%s|%6s|%-3s|%c%%", "ab", "cd", "e", 'z'), "ab|    cd|e  |z%") ==
          0);
    CHECK(strcmp(fmt(b, sizeof(b), "%zu %lu %s", (size_t)9, 10ul, (char *)NULL), "9 10 (null)") ==
          0);
    CHECK(strcmp(fmt(b, sizeof(b), "%lld", -9223372036854775807ll - 1), "-9223372036854775808") ==
          0);
}

TEST(format_truncates_safely)
{
    char b[8];

    CHECK_EQ(snprintf(b, sizeof(b), "%s", "0123456789"), 10);
    CHECK(strcmp(b, "0123456") == 0);
    CHECK_EQ(snprintf(b, 0, "%d", 5), 1);
}
