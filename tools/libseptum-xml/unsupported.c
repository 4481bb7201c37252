/* The reasons libvirt settings do not apply to a partitioned machine. */
#include <string.h>

#include "unsupported.h"

struct reason {
    const char *parent; /* element it belongs to */
    const char *name;
    const char *why;
};

#define FIRMWARE "firmware boot; Septum starts a kernel directly (<os><kernel>)"
#define DEVICE "this device; a domain has a GICv3, a timer and a PL011 console, nothing else"
#define STORAGE "block and file-system devices; give the guest an initramfs (<os><initrd>)"
#define DISPLAY "display, input and sound; a domain's console is its PL011 (septum console)"
#define TUNING "memory tuning; a domain's RAM is one fixed block of its own"
#define SCHEDULING "CPU scheduling; each vCPU owns a pCPU, only <vcpupin> applies"

static const struct reason elements[] = {
    {"domain", "cpu", "CPU models and topologies; a guest sees the pCPUs it runs on"},
    {"domain", "clock", "clock settings; a guest reads the generic timer directly"},
    {"domain", "maxMemory", "memory hotplug; a domain's RAM is fixed when it is created"},
    {"domain", "memoryBacking", TUNING},
    {"domain", "memtune", TUNING},
    {"domain", "numatune", TUNING},
    {"domain", "blkiotune", "I/O tuning; domains have no virtual disks"},
    {"domain", "iothreads", "I/O threads; domains have no virtual devices to serve"},
    {"domain", "bootloader", FIRMWARE},
    {"domain", "sysinfo", "SMBIOS tables; guests boot with a device tree"},
    {"domain", "pm", "power-management states; a guest powers off or resets through PSCI"},
    {"domain", "on_lockfailure", "disk leases; domains have no virtual disks"},
    {"os", "loader", FIRMWARE},
    {"os", "nvram", FIRMWARE},
    {"os", "boot", FIRMWARE},
    {"os", "bootmenu", FIRMWARE},
    {"os", "firmware", FIRMWARE},
    {"os", "smbios", "SMBIOS tables; guests boot with a device tree"},
    {"os", "acpi", "ACPI tables; guests boot with a device tree"},
    {"os", "root", "a root device; name it in <cmdline> (root=...)"},
    {"devices", "disk", STORAGE},
    {"devices", "filesystem", STORAGE},
    {"devices", "controller", STORAGE},
    {"devices", "interface",
     "network devices; a network card can be passed through (<septum:passthrough>)"},
    {"devices", "hostdev",
     "PCI/USB host devices; pass a platform device through with "
     "<septum:passthrough> in <metadata>"},
    {"devices", "graphics", DISPLAY},
    {"devices", "video", DISPLAY},
    {"devices", "input", DISPLAY},
    {"devices", "sound", DISPLAY},
    {"devices", "memballoon", "ballooning; a domain's RAM is fixed when it is created"},
    {"devices", "emulator", "device emulators; the hypervisor emulates the few devices itself"},
    {"devices", "channel", DEVICE},
    {"devices", "crypto", DEVICE},
    {"devices", "hub", DEVICE},
    {"devices", "iommu", DEVICE},
    {"devices", "memory", "memory hotplug; a domain's RAM is fixed when it is created"},
    {"devices", "panic", DEVICE},
    {"devices", "parallel", DEVICE},
    {"devices", "redirdev", DEVICE},
    {"devices", "rng", DEVICE},
    {"devices", "smartcard", DEVICE},
    {"devices", "tpm", DEVICE},
    {"devices", "vsock", DEVICE},
    {"devices", "watchdog", DEVICE},
    {"cputune", "shares", SCHEDULING},
    {"cputune", "period", SCHEDULING},
    {"cputune", "quota", SCHEDULING},
    {"cputune", "emulatorpin", SCHEDULING},
    {"cputune", "iothreadpin", SCHEDULING},
    {"cputune", "vcpusched", SCHEDULING},
};

static const struct reason attributes[] = {
    {"domain", "id", "domain ids are given by the hypervisor"},
    {"vcpu", "current", "vCPU hotplug; every vCPU exists from the start"},
    {"memory", "dumpCore", "core dumps; a crashed domain is kept for inspection (on_crash)"},
    {"os", "firmware", FIRMWARE},
};

static const char *lookup(const struct reason *table, size_t n, const xmlChar *parent,
                          const xmlChar *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i].parent, (const char *)parent) == 0 &&
            strcmp(table[i].name, (const char *)name) == 0)
            return table[i].why;
    return NULL;
}

const char *libvirt_unsupported(const xmlNode *parent, const xmlNode *n)
{
    return lookup(elements, sizeof(elements) / sizeof(elements[0]), parent->name, n->name);
}

const char *libvirt_unsupported_attribute(const xmlNode *n, const xmlAttr *a)
{
    return lookup(attributes, sizeof(attributes) / sizeof(attributes[0]), n->name, a->name);
}
