/* hcall: exercises Septum's hypercall interface from an ordinary domain
 * (not the control domain): what it may do to itself works, management of
 * others is refused with -EPERM, and bad buffers, ids and sizes return
 * errors while the hypervisor runs on. Prints one "hcall: <check> = <status>"
 * line per call, then "hcall: done". */
#include <stdint.h>
#include <public/septum.h>
#include "lib/arch.h"
#include "lib/console.h"
#include "lib/runtime.h"

const char guest_name[] = "hcall";

static struct septum_domain_info info;
static struct septum_physinfo physinfo;
static const char message[] = "written through the hypercall\n";

static int64_t report(const char *check, struct hcall_result r)
{
    console_printf("hcall: %s = %ld\n", check, (long)r.status);
    return r.status;
}

static void own_domain(void)
{
    struct hcall_result who = septum_hcall(SEPTUM_HC_WHOAMI, 0, 0, 0, 0, 0);

    console_printf("hcall: whoami = %ld vcpu %lu\n", (long)who.status, (unsigned long)who.r1);
    report("version", septum_hcall(SEPTUM_HC_VERSION, 0, 0, 0, 0, 0));
    report("features(domain_create)",
           septum_hcall(SEPTUM_HC_FEATURES, SEPTUM_HC_DOMAIN_CREATE, 0, 0, 0, 0));
    report("features(unknown)", septum_hcall(SEPTUM_HC_FEATURES, SEPTUM_HC(0x999), 0, 0, 0, 0));
    if (report("info(self)", septum_hcall(SEPTUM_HC_DOMAIN_INFO, SEPTUM_DOMID_SELF,
                                          (uintptr_t)&info, sizeof(info), 0, 0)) == 0)
        console_printf("hcall: info name %s state %u vcpus %u\n", info.name, info.state,
                       info.nr_vcpus);
    report("console_write(self)", septum_hcall(SEPTUM_HC_CONSOLE_WRITE, SEPTUM_DOMID_SELF,
                                               (uintptr_t)message, sizeof(message) - 1, 0, 0));
}

/* -EPERM and SMCCC's NOT_SUPPORTED are both -1: a refusal only counts as
 * one if FEATURES says the call exists. */
static void report_refused(const char *check, uint32_t fn, struct hcall_result r)
{
    int64_t known = septum_hcall(SEPTUM_HC_FEATURES, fn, 0, 0, 0, 0).status;

    console_printf("hcall: %s = %ld, %s\n", check, (long)r.status,
                   known == 0 ? "implemented" : "unknown");
}

static void management_refused(uint32_t self)
{
    report_refused("pause(0)", SEPTUM_HC_DOMAIN_PAUSE,
                   septum_hcall(SEPTUM_HC_DOMAIN_PAUSE, 0, 0, 0, 0, 0));
    report_refused("destroy(self)", SEPTUM_HC_DOMAIN_DESTROY,
                   septum_hcall(SEPTUM_HC_DOMAIN_DESTROY, self, 0, 0, 0, 0));
    report_refused("info(0)", SEPTUM_HC_DOMAIN_INFO,
                   septum_hcall(SEPTUM_HC_DOMAIN_INFO, 0, (uintptr_t)&info, sizeof(info), 0, 0));
    report_refused(
        "physinfo", SEPTUM_HC_PHYSINFO,
        septum_hcall(SEPTUM_HC_PHYSINFO, (uintptr_t)&physinfo, sizeof(physinfo), 0, 0, 0));
    report_refused("log_read", SEPTUM_HC_LOG_READ,
                   septum_hcall(SEPTUM_HC_LOG_READ, (uintptr_t)&info, sizeof(info), 0, 0, 0));
}

static void bad_arguments(void)
{
    report("info(unmapped buffer)",
           septum_hcall(SEPTUM_HC_DOMAIN_INFO, SEPTUM_DOMID_SELF, 0x1000, sizeof(info), 0, 0));
    report("info(wrapping buffer)", septum_hcall(SEPTUM_HC_DOMAIN_INFO, SEPTUM_DOMID_SELF,
                                                 0xfffffffffffff000ull, 0x2000, 0, 0));
    report("info(short buffer)",
           septum_hcall(SEPTUM_HC_DOMAIN_INFO, SEPTUM_DOMID_SELF, (uintptr_t)&info, 8, 0, 0));
    report("console_read(huge)", septum_hcall(SEPTUM_HC_CONSOLE_READ, SEPTUM_DOMID_SELF,
                                              (uintptr_t)&info, 1ull << 40, 0, 0));
    report("console_write(beyond ram)",
           septum_hcall(SEPTUM_HC_CONSOLE_WRITE, SEPTUM_DOMID_SELF, 0x7ffffff000ull, 64, 0, 0));
    report("unknown function", septum_hcall(SEPTUM_HC(0x999), 0, 0, 0, 0, 0));
}

int main(const void *dtb)
{
    (void)dtb;
    own_domain();
    management_refused((uint32_t)septum_hcall(SEPTUM_HC_WHOAMI, 0, 0, 0, 0, 0).status);
    bad_arguments();
    console_printf("hcall: done\n");
    system_off();
}
