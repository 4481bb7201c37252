/* Error-code names in log lines. */
#include <string.h>
#include <septum/errno.h>
#include "check.h"

TEST(errno_name_names_negative_codes)
{
    CHECK(strcmp(errno_name(-EINVAL), "-EINVAL") == 0);
    CHECK(strcmp(errno_name(-EOPNOTSUPP), "-EOPNOTSUPP") == 0);
    CHECK(strcmp(errno_name(-EPERM), "-EPERM") == 0);
    CHECK(strcmp(errno_name(EINVAL), "an unknown error") == 0);
    CHECK(strcmp(errno_name(-1000), "an unknown error") == 0);
}
