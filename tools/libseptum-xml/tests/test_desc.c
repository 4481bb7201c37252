/* Reading definitions: what each element gives, defaults, and every
 * mistake reported at once. */
#include <errno.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "helpers.h"
#include "schema.h"

TEST(desc_reads_every_supported_element)
{
    char *path = temp_definition(
        "<uuid>5e97a3c1-0b2d-4f6e-9a41-73e0c1d2b5f8</uuid>\n"
        "<title>t</title><description>what it is</description>\n"
        "<metadata><app:x xmlns:app='urn:app' a='1'><app:y/>text</app:x>\n"
        "  <septum:septum xmlns:septum='http://septum.dev/xmlns/domain/1'/></metadata>\n"
        "<memory>65536</memory><currentMemory unit='KiB'>65536</currentMemory>\n"
        "<vcpu placement='static' cpuset='1-3'>2</vcpu>\n"
        "<cputune><vcpupin vcpu='1' cpuset='3'/></cputune>\n"
        "<os><type arch='aarch64' machine='virt'>hvm</type><kernel>k</kernel>\n"
        "  <initrd>/boot/initrd</initrd><cmdline><![CDATA[console=ttyAMA0 a<b]]></cmdline>\n"
        "  <dtb>d.dtb</dtb></os>\n"
        "<features><gic version='3'/></features>\n"
        "<on_poweroff>preserve</on_poweroff><on_reboot>destroy</on_reboot>\n"
        "<on_crash>restart</on_crash>\n"
        "<devices><serial type='pty'><target type='system-serial' port='0'>\n"
        "  <model name='pl011'/></target></serial>\n"
        "  <console type='pty'><target type='serial' port='0'/></console></devices>\n");
    struct domain_desc *d = load_ok(path);

    CHECK(strcmp(d->name, "t") == 0);
    CHECK(strcmp(d->uuid, "5e97a3c1-0b2d-4f6e-9a41-73e0c1d2b5f8") == 0);
    CHECK_EQ(d->memory, 64ull << 20); /* KiB by default */
    CHECK_EQ(d->nr_vcpus, 2);
    CHECK(d->has_cpuset);
    CHECK_EQ(d->cpuset, 0xe);
    CHECK(!d->pins[0].given);
    CHECK(d->pins[1].given);
    CHECK_EQ(d->pins[1].cpus, 0x8);
    CHECK_EQ(d->pins[1].at.line, 9);
    CHECK(strcmp(d->kernel, "k") == 0);
    CHECK(strcmp(d->initrd, "/boot/initrd") == 0);
    CHECK(strcmp(d->dtb, "d.dtb") == 0);
    CHECK(strcmp(d->cmdline, "console=ttyAMA0 a<b") == 0);
    CHECK_EQ(d->on_poweroff, SEPTUM_ACTION_PRESERVE);
    CHECK_EQ(d->on_reboot, SEPTUM_ACTION_DESTROY);
    CHECK_EQ(d->on_crash, SEPTUM_ACTION_RESTART);
    CHECK_EQ(d->nr_passthrough, 0);
    CHECK(strstr(d->xml, "<uuid>") != NULL);
    CHECK_EQ(d->xml_len, strlen(d->xml));
    domain_desc_free(d);
    free(path);
}

TEST(desc_defaults_to_one_vcpu_and_septums_actions)
{
    char *path = temp_definition("<memory unit='M'>2</memory>\n");
    struct domain_desc *d = load_ok(path);

    CHECK_EQ(d->nr_vcpus, 1);
    CHECK(!d->has_cpuset);
    CHECK_EQ(d->on_poweroff, SEPTUM_ACTION_DESTROY);
    CHECK_EQ(d->on_reboot, SEPTUM_ACTION_RESTART);
    CHECK_EQ(d->on_crash, SEPTUM_ACTION_PRESERVE);
    CHECK(d->cmdline == NULL && d->initrd == NULL && d->dtb == NULL && d->uuid == NULL);
    domain_desc_free(d);
    free(path);
}

TEST(desc_memory_units_are_libvirts)
{
    static const struct {
        const char *unit, *count;
        uint64_t bytes;
    } cases[] = {
        {"b", "2097152", 2ull << 20},     {"bytes", "4194304", 4ull << 20},
        {"KB", "2097152", 2097152000ull}, {"k", "2048", 2ull << 20},
        {"KiB", "4096", 4ull << 20},      {"MB", "2097152", 2097152000000ull},
        {"M", "2", 2ull << 20},           {"MiB", "6", 6ull << 20},
        {"GB", "4096", 4096000000000ull}, {"G", "1", 1ull << 30},
        {"GiB", "2", 2ull << 30},         {"TB", "512", 512000000000000ull},
        {"T", "1", 1ull << 40},           {"TiB", "3", 3ull << 40},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char body[128], *path;
        struct domain_desc *d;

        snprintf(body, sizeof(body), "<memory unit='%s'>%s</memory>\n", cases[i].unit,
                 cases[i].count);
        path = temp_definition(body);
        d = load_ok(path);
        CHECK_EQ(d->memory, cases[i].bytes);
        domain_desc_free(d);
        free(path);
    }
}

TEST(desc_reports_every_mistake_with_its_line)
{
    char *path = temp_definition("<memory unit='MiB'>3</memory>\n"
                                 "<vcpu>9</vcpu>\n"
                                 "<on_reboot>reboot</on_reboot>\n"
                                 "<devices><graphics type='vnc'/></devices>\n");
    char *errors = load_errors(path), line[512];

    snprintf(line, sizeof(line),
             "%s:3: element <memory>: 3 MiB is not a multiple of 2 MiB, the block Septum "
             "gives memory in\n"
             "%s:4: element <vcpu>: 9 vCPUs, at most 8\n"
             "%s:5: element <on_reboot>: 'reboot' is not one of 'destroy', 'restart', "
             "'preserve'\n",
             path, path, path);
    CHECK(strncmp(errors, line, strlen(line)) == 0);
    CHECK(strstr(errors, ":6: element <graphics>: not supported by Septum: display, input and "
                         "sound") != NULL);
    free(errors);
    free(path);
}

TEST(desc_names_a_missing_file)
{
    struct captured c;
    struct domain_desc *d;

    capture_start(&c, "nowhere.xml");
    CHECK_EQ(domain_desc_load("/nonexistent/nowhere.xml", &c.sink, &d), -ENOENT);
    CHECK(strcmp(capture_text(&c), "nowhere.xml: No such file or directory\n") == 0);
    capture_end(&c);
}

TEST(desc_reports_malformed_xml_with_its_line)
{
    char *path = temp_text("bad.xml", "<domain type='xen'>\n<name>t</name\n</domain>\n");
    char *errors = load_errors(path);

    /* libxml2 tells where it noticed: the line after the broken tag. */
    CHECK(strstr(errors, ":3: malformed XML: expected '>'\n") != NULL);
    free(errors);
    free(path);
}

TEST(desc_refuses_entities)
{
    char *path = temp_text("entity.xml", "<?xml version='1.0'?>\n"
                                         "<!DOCTYPE domain [<!ENTITY e SYSTEM '/etc/passwd'>]>\n"
                                         "<domain type='xen'><name>&e;</name></domain>\n");
    char *errors = load_errors(path);

    CHECK(strstr(errors, ":2: a DOCTYPE is not allowed in a domain definition\n") != NULL);
    CHECK(strstr(errors, "root:") == NULL);
    free(errors);
    free(path);
}

TEST(schema_reports_what_departs_from_it)
{
    static const char text[] = "<domain type='xen'>\n<name>t</name>\n</domain>\n";
    xmlDoc *doc = xmlReadMemory(text, sizeof(text) - 1, "s.xml", NULL, 0);
    struct captured c;

    capture_start(&c, "s.xml");
    CHECK(schema_check(doc, &c.sink) > 0);
    CHECK(strstr(capture_text(&c), "does not match Septum's schema: ") != NULL);
    capture_end(&c);
    xmlFreeDoc(doc);
}

TEST(desc_warns_of_septum_settings_in_a_mistyped_namespace)
{
    char *path = temp_definition("<memory unit='MiB'>4</memory><metadata>\n"
                                 "<s:septum xmlns:s='http://septum.dev/xmlns/domian/1'>"
                                 "<s:passthrough path='/eth'/></s:septum>\n"
                                 "<app:septum xmlns:app='http://example.com/app/1'/>\n"
                                 "</metadata>\n");
    struct domain_desc *d = NULL;
    struct captured c;
    char expected[512];

    capture_start(&c, path);
    CHECK_EQ(domain_desc_load(path, &c.sink, &d), 0);
    snprintf(expected, sizeof(expected),
             "%s:4: element <septum>: warning: namespace 'http://septum.dev/xmlns/domian/1' "
             "is not Septum's ('http://septum.dev/xmlns/domain/1'): what it holds is ignored\n",
             path);
    CHECK(strcmp(capture_text(&c), expected) == 0);
    CHECK_EQ(c.sink.warnings, 1);
    CHECK_EQ(c.sink.errors, 0);
    CHECK_EQ(d->nr_passthrough, 0);
    capture_end(&c);
    domain_desc_free(d);
    free(path);
}
