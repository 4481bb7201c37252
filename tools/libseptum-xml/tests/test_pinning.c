/* vCPU placement against a machine: choices, search, and what is said
 * when there is no way. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "helpers.h"
#include "pinning.h"

static struct domain_desc domain(uint32_t nr_vcpus)
{
    return (struct domain_desc){
        .nr_vcpus = nr_vcpus,
        .vcpus_at = {.line = 3, .element = "vcpu"},
        .cpuset_at = {.line = 3, .element = "vcpu", .attribute = "cpuset"},
    };
}

static void pin(struct domain_desc *d, uint32_t vcpu, cpu_mask cpus, unsigned line)
{
    d->pins[vcpu] =
        (struct desc_pin){.given = true,
                          .cpus = cpus,
                          .at = {.line = line, .element = "vcpupin", .attribute = "cpuset"}};
}

/* A running machine of 4 pCPUs whose pCPU 0 is dom0's and 1 is d3's. */
static void busy_machine(struct machine *m)
{
    struct septum_physinfo p = {.nr_pcpus = 4, .mem_free = 1ull << 30};

    for (int i = 0; i < SEPTUM_MAX_PCPUS; i++)
        p.pcpu_owner[i] = SEPTUM_PCPU_FREE;
    p.pcpu_owner[0] = 0;
    p.pcpu_owner[1] = 3;
    machine_from_physinfo(m, &p);
}

static char *pin_errors(const struct domain_desc *d, const struct machine *m)
{
    struct captured c;
    uint32_t pcpus[SEPTUM_MAX_VCPUS];
    char *text;

    capture_start(&c, "d.xml");
    CHECK(pin_vcpus(d, m, &c.sink, pcpus) < 0);
    text = strdup(capture_text(&c));
    capture_end(&c);
    return text;
}

TEST(pinning_takes_the_lowest_free_pcpus)
{
    struct domain_desc d = domain(2);
    struct machine m;
    uint32_t pcpus[SEPTUM_MAX_VCPUS];
    struct captured c;

    capture_start(&c, "d.xml");
    machine_model(&m, 4, 0x1);
    CHECK_EQ(pin_vcpus(&d, &m, &c.sink, pcpus), 0);
    CHECK(pcpus[0] == 1 && pcpus[1] == 2);
    d.has_cpuset = true;
    d.cpuset = 0xc;
    CHECK_EQ(pin_vcpus(&d, &m, &c.sink, pcpus), 0);
    CHECK(pcpus[0] == 2 && pcpus[1] == 3);
    CHECK_EQ(c.sink.errors, 0);
    capture_end(&c);
}

TEST(pinning_searches_past_a_greedy_choice)
{
    struct domain_desc d = domain(2);
    struct machine m;
    uint32_t pcpus[SEPTUM_MAX_VCPUS];
    struct captured c;

    /* vCPU 0 may have 1 or 2, vCPU 1 only 1: greedy would give 1 to vCPU 0. */
    pin(&d, 0, 0x6, 5);
    pin(&d, 1, 0x2, 6);
    machine_model(&m, 4, 0);
    capture_start(&c, "d.xml");
    CHECK_EQ(pin_vcpus(&d, &m, &c.sink, pcpus), 0);
    CHECK(pcpus[0] == 2 && pcpus[1] == 1);
    capture_end(&c);
}

TEST(pinning_names_who_owns_a_pinned_pcpu)
{
    struct domain_desc d = domain(1);
    struct machine m;
    char *errors;

    busy_machine(&m);
    pin(&d, 0, 0x2, 5);
    errors = pin_errors(&d, &m);
    CHECK(strcmp(errors, "d.xml:5: element <vcpupin> attribute cpuset: no free pCPU for vCPU 0: "
                         "pCPU 1 belongs to d3\n") == 0);
    free(errors);
}

TEST(pinning_refuses_pcpus_the_host_lacks)
{
    struct domain_desc d = domain(1);
    struct machine m;
    char *errors;

    busy_machine(&m);
    d.has_cpuset = true;
    d.cpuset = 0x30;
    errors = pin_errors(&d, &m);
    CHECK(strcmp(errors, "d.xml:3: element <vcpu> attribute cpuset: there is no pCPU 4-5: the "
                         "host has 4\n") == 0);
    free(errors);
}

TEST(pinning_says_when_vcpus_outnumber_free_pcpus)
{
    struct domain_desc d = domain(3);
    struct machine m;
    char *errors;

    busy_machine(&m);
    errors = pin_errors(&d, &m);
    CHECK(strcmp(errors, "d.xml:3: element <vcpu>: 3 vCPUs need as many free pCPUs, and only 2 "
                         "of those they may have are free (2-3)\n") == 0);
    free(errors);
}
