/* Namespaces nearly Septum's, and others'. */
#include <string.h>

#include "check.h"
#include "describe.h"
#include "near_miss.h"

TEST(near_miss_catches_typos_case_slashes_schemes_and_versions)
{
    static const char *const near[] = {
        "http://septum.dev/xmlns/domain/l",  "http://septum.dev/xmlns/domian/1",
        "http://septum.dev/xmlns/domain/1/", "HTTP://Septum.Dev/xmlns/Domain/1",
        "https://septum.dev/xmlns/domain/1", "http://www.septum.dev/xmlns/domain/1",
        "http://septum.dev/xmlns/domain/2",  "http://septum.dev/xmlns/domain/1.0",
        "http://septum.dev/xmlns/domain",    "http://septum.dev/xmlns/domain/v1/",
        "septum.dev/xmlns/domain/1",         "http://septum.dev/xmlns/dom/1",
    };

    for (size_t i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
        if (!namespace_near_miss(near[i], SEPTUM_XML_NS))
            fprintf(stderr, "not taken for a near miss: %s\n", near[i]);
        CHECK(namespace_near_miss(near[i], SEPTUM_XML_NS));
    }
}

TEST(near_miss_leaves_other_applications_alone)
{
    static const char *const far[] = {
        "http://libosinfo.org/xmlns/libvirt/domain/1.0",
        "http://example.com/my-app/1",
        "http://septum.dev/xmlns/network/1",
        "urn:x",
        "",
    };
    char long_uri[4096];

    for (size_t i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
        if (namespace_near_miss(far[i], SEPTUM_XML_NS))
            fprintf(stderr, "taken for a near miss: %s\n", far[i]);
        CHECK(!namespace_near_miss(far[i], SEPTUM_XML_NS));
    }
    memset(long_uri, 'x', sizeof(long_uri) - 1);
    long_uri[sizeof(long_uri) - 1] = '\0';
    CHECK(!namespace_near_miss(long_uri, SEPTUM_XML_NS));
}
