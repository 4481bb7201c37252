/* <vcpu> and <cputune><vcpupin>: how many vCPUs, and which pCPUs each may
 * own. Which one it gets is decided against the machine (pinning.c). */
#include <stdlib.h>
#include <string.h>

#include "cpuset.h"
#include "describe.h"

/* A cpuset attribute's value; false (reported) when absent or wrong. */
static bool cpuset_of(struct walk *w, const xmlNode *n, cpu_mask *cpus)
{
    struct spot at = spot_of(n, "cpuset");
    char *text = attribute_text(n, "cpuset");
    const char *err = text ? cpuset_parse(text, cpus) : NULL;

    if (err)
        diag_at(w->d, &at, "'%s': %s", text, err);
    free(text);
    return text && !err;
}

void take_vcpu(struct walk *w, xmlNode *n)
{
    struct spot at = spot_of(n, NULL), placement_at = spot_of(n, "placement");
    char *placement = attribute_text(n, "placement");
    char *text = element_text(w, n);
    uint64_t count;

    check_attributes(w, n, (const char *const[]){"placement", "cpuset", NULL});
    if (placement && strcmp(placement, "static") != 0)
        diag_at(w->d, &placement_at,
                "'%s': Septum places vCPUs when the domain is created, each on a pCPU of its "
                "own (placement='static')",
                placement);
    w->desc->has_cpuset = cpuset_of(w, n, &w->desc->cpuset);
    w->desc->cpuset_at = spot_of(n, "cpuset");
    w->desc->vcpus_at = at;
    if (text && parse_decimal(w, &at, text, UINT32_MAX, &count) == 0) {
        if (count == 0)
            diag_at(w->d, &at, "a domain needs at least one vCPU");
        else if (count > SEPTUM_MAX_VCPUS)
            diag_at(w->d, &at, "%llu vCPUs, at most %d", (unsigned long long)count,
                    SEPTUM_MAX_VCPUS);
        else
            w->desc->nr_vcpus = (uint32_t)count;
    }
    free(placement);
    free(text);
}

static void take_vcpupin(struct walk *w, xmlNode *n)
{
    struct spot vcpu_at = spot_of(n, "vcpu");
    char *vcpu_text = required_attribute(w, n, "vcpu");
    char *cpus_text = required_attribute(w, n, "cpuset");
    bool have_cpus;
    cpu_mask cpus;
    uint64_t vcpu;

    check_attributes(w, n, (const char *const[]){"vcpu", "cpuset", NULL});
    check_empty(w, n);
    have_cpus = cpus_text && cpuset_of(w, n, &cpus);
    if (vcpu_text && parse_decimal(w, &vcpu_at, vcpu_text, SEPTUM_MAX_VCPUS - 1, &vcpu) == 0 &&
        have_cpus) {
        struct desc_pin *pin = &w->desc->pins[vcpu];

        if (pin->given)
            diag_at(w->d, &vcpu_at, "vCPU %llu is pinned twice (first on line %u)",
                    (unsigned long long)vcpu, pin->at.line);
        else
            *pin = (struct desc_pin){.given = true, .cpus = cpus, .at = spot_of(n, "cpuset")};
    }
    free(vcpu_text);
    free(cpus_text);
}

void take_cputune(struct walk *w, xmlNode *n)
{
    static const struct child_rule children[] = {
        {.name = "vcpupin", .take = take_vcpupin, .repeats = true}};

    check_attributes(w, n, (const char *const[]){NULL});
    walk_children(w, n, children, 1);
}

void check_vcpus(struct walk *w)
{
    struct domain_desc *desc = w->desc;

    for (uint32_t i = 0; i < SEPTUM_MAX_VCPUS; i++) {
        struct desc_pin *pin = &desc->pins[i];

        if (!pin->given)
            continue;
        if (i >= desc->nr_vcpus) {
            struct spot at = pin->at;

            at.attribute = "vcpu";
            diag_at(w->d, &at, "there is no vCPU %u: the domain has %u (<vcpu>)", i,
                    desc->nr_vcpus);
            continue;
        }
        /* Two vCPUs held to the same single pCPU can never both run. */
        for (uint32_t j = 0; j < i; j++) {
            if (desc->pins[j].given && desc->pins[j].cpus == pin->cpus &&
                !(pin->cpus & (pin->cpus - 1)))
                diag_at(w->d, &pin->at,
                        "vCPUs %u and %u are both pinned to pCPU %u alone, "
                        "and a pCPU runs one vCPU",
                        j, i, cpuset_first(pin->cpus));
        }
    }
}
