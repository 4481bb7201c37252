/* Sizes and CPU lists as users type them. */
#include <errno.h>

#include "check.h"
#include "septum.h"

static int64_t size_of(const char *text)
{
    uint64_t bytes;
    int rc = septum_parse_size(text, &bytes);

    return rc < 0 ? rc : (int64_t)bytes;
}

TEST(sizes_take_binary_suffixes)
{
    CHECK_EQ(size_of("4096"), 4096);
    CHECK_EQ(size_of("64M"), 64ll << 20);
    CHECK_EQ(size_of("64m"), 64ll << 20);
    CHECK_EQ(size_of("2G"), 2ll << 30);
    CHECK_EQ(size_of("512MiB"), 512ll << 20);
    CHECK_EQ(size_of("1kib"), 1024);
    CHECK_EQ(size_of("1T"), 1ll << 40);
    CHECK_EQ(size_of("0"), 0);
}

TEST(sizes_reject_junk_and_overflow)
{
    CHECK_EQ(size_of(""), -EINVAL);
    CHECK_EQ(size_of("M"), -EINVAL);
    CHECK_EQ(size_of("-1"), -EINVAL);
    CHECK_EQ(size_of("12X"), -EINVAL);
    CHECK_EQ(size_of("64MB"), -EINVAL);
    CHECK_EQ(size_of("64 M"), -EINVAL);
    CHECK_EQ(size_of("64Mi"), -EINVAL);
    CHECK_EQ(size_of("17179869184G"), -ERANGE);
    CHECK_EQ(size_of("99999999999999999999"), -ERANGE);
}

TEST(cpu_lists_are_sorted_sets)
{
    uint32_t cpus[8];
    size_t n = 0;

    CHECK_EQ(septum_parse_cpus("1-3,5", cpus, 8, &n), 0);
    CHECK_EQ(n, 4);
    CHECK_EQ(cpus[0], 1);
    CHECK_EQ(cpus[2], 3);
    CHECK_EQ(cpus[3], 5);
    CHECK_EQ(septum_parse_cpus("5,0,5,2-2", cpus, 8, &n), 0);
    CHECK_EQ(n, 3);
    CHECK_EQ(cpus[0], 0);
    CHECK_EQ(cpus[1], 2);
    CHECK_EQ(cpus[2], 5);
}

TEST(cpu_lists_reject_junk_and_too_many)
{
    uint32_t cpus[4];
    size_t n;

    CHECK_EQ(septum_parse_cpus("", cpus, 4, &n), -EINVAL);
    CHECK_EQ(septum_parse_cpus("3-1", cpus, 4, &n), -EINVAL);
    CHECK_EQ(septum_parse_cpus("1,", cpus, 4, &n), -EINVAL);
    CHECK_EQ(septum_parse_cpus("1;2", cpus, 4, &n), -EINVAL);
    CHECK_EQ(septum_parse_cpus("a", cpus, 4, &n), -EINVAL);
    CHECK_EQ(septum_parse_cpus(" 1", cpus, 4, &n), -EINVAL);
    CHECK_EQ(septum_parse_cpus("0-4", cpus, 4, &n), -E2BIG);
    CHECK_EQ(septum_parse_cpus("0-99999999999", cpus, 4, &n), -ERANGE);
}
