/* libvirt's CPU lists. */
#include <string.h>

#include "check.h"
#include "cpuset.h"

static cpu_mask parsed(const char *text)
{
    cpu_mask cpus = 0;

    CHECK(cpuset_parse(text, &cpus) == NULL);
    return cpus;
}

TEST(cpuset_parses_numbers_ranges_and_exclusions)
{
    CHECK_EQ(parsed("0"), 0x1);
    CHECK_EQ(parsed("1-3"), 0xe);
    CHECK_EQ(parsed("0-3,^1"), 0xd);
    CHECK_EQ(parsed("0,2,4-5"), 0x35);
    CHECK_EQ(parsed("63"), 1ull << 63);
}

TEST(cpuset_refuses_bad_lists_saying_why)
{
    static const struct {
        const char *text, *why;
    } cases[] = {
        {"", "expected a pCPU number"},
        {"1-", "expected a pCPU number"},
        {"3-1", "a range goes from low to high"},
        {"1,,2", "expected a pCPU number"},
        {"1;2", "expected ',' between items (like 1-3,^2,5)"},
        {"64", "pCPU numbers go up to 63"},
        {"^1", "no pCPU is left in the set"},
        {"1-2,^1-2", "expected ',' between items (like 1-3,^2,5)"},
    };
    cpu_mask cpus;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *why = cpuset_parse(cases[i].text, &cpus);

        CHECK(why && strcmp(why, cases[i].why) == 0);
    }
}

TEST(cpuset_formats_as_ranges)
{
    char buf[64];

    cpuset_format(0xd, buf, sizeof(buf));
    CHECK(strcmp(buf, "0,2-3") == 0);
    cpuset_format(0x1e0, buf, sizeof(buf));
    CHECK(strcmp(buf, "5-8") == 0);
    CHECK_EQ(cpuset_first(0x30), 4);
}
