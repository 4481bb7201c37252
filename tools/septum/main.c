/* septum: the control domain's command line, xl/virsh style. One table
 * lists every verb; main() finds the verb and hands it the rest of the
 * command line. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int cmd_help(const struct verb *v, int argc, char **argv);

static const struct verb verbs[] = {
    {"help", cmd_help, "[VERB]", "show this help, or a verb's", NULL, false},
    {"version", cmd_version, "", "show the tools' and the hypervisor's versions", NULL, false},
    {"info", cmd_info, "", "show the host: pCPUs and their owners, memory, uptime", NULL, false},
    {"list", cmd_list, "[-l | --json]", "list domains",
     "  -l, --long   add uptime, restarts and the crash reason\n"
     "  --json       print a JSON array of domains\n",
     false},
    {"create", cmd_create, "FILE.xml [-p] [-c]",
     "create a domain from an XML definition and start it",
     "  -p, --paused    create the domain but do not start it\n"
     "  -c, --console   attach to its console once started\n"
     "The definition is libvirt's domain XML, the part of it Septum can honour\n"
     "(see /usr/share/septum/examples). Images are named by absolute path or\n"
     "relative to the file. 'septum dumpxml' shows it again.\n",
     false},
    {"validate", cmd_validate,
     "FILE.xml [--json] [--pcpus N] [--taken LIST] [--root DIR] [--dump-dtb FILE]",
     "check an XML definition without creating anything",
     "  --json            print the resulting configuration as JSON\n"
     "  --pcpus N         check against a machine of N pCPUs (default: 8)...\n"
     "  --taken LIST      ...of which these are taken, e.g. 0,2-3\n"
     "  --root DIR        find absolute image paths under DIR (a dom0 tree), and\n"
     "                    read no image outside DIR and the definition's folder\n"
     "  --dump-dtb FILE   write the device tree the domain would boot with\n"
     "pCPUs are chosen as create would on such a machine; memory is not checked.\n",
     false},
    {"dumpxml", cmd_dumpxml, "DOMAIN", "print the XML definition a domain was created from", NULL,
     false},
    {"boot", cmd_boot,
     "IMAGE [--name N] [--cpus LIST] [--mem SIZE] [--cmdline TEXT] [--paused] [-c]",
     "create a domain from an arm64 Linux Image and start it",
     "  --name N        domain name (default: the file name without extension)\n"
     "  --cpus LIST     pCPUs, one vCPU each, e.g. 1-3,5 (default: the lowest free)\n"
     "  --mem SIZE      RAM, a multiple of 2M, e.g. 64M, 1G (default: 64M)\n"
     "  --cmdline TEXT  kernel command line (/chosen/bootargs)\n"
     "  -p, --paused    create the domain but do not start it\n"
     "  -c, --console   attach to its console once started\n",
     false},
    {"console", cmd_console, "DOMAIN [--new | --dump]", "attach to a domain's console",
     "  --new    show only output produced from now on\n"
     "  --dump   print what the console ring holds and exit\n"
     "Detach with Ctrl-]. When stdin is not a terminal, input is sent until its\n"
     "end, then the output so far is printed and the command exits.\n",
     false},
    {"pause", cmd_pause, "DOMAIN", "pause a running domain", NULL, false},
    {"unpause", cmd_unpause, "DOMAIN", "resume a paused domain", NULL, false},
    {"shutdown", cmd_shutdown, "DOMAIN", "power a domain off, as if it asked to", NULL, false},
    {"reboot", cmd_reboot, "DOMAIN", "reboot a domain, as if it asked to", NULL, false},
    {"destroy", cmd_destroy, "DOMAIN", "stop a domain at once and free its resources", NULL, false},
    {"vcpu-list", cmd_vcpu_list, "[DOMAIN]", "list vCPUs: pCPU, state, time, exits by cause", NULL,
     false},
    {"stats", cmd_stats, "DOMAIN", "show a domain's hypercall, IRQ and device counters", NULL,
     false},
    {"shm", cmd_shm, "[DOMAIN]",
     "list shared-memory regions: peers, addresses, doorbell INTIDs and rings",
     "Regions come from <shmem> in a definition, from /chosen at boot, or, for dom0,\n"
     "from `septum-shm attach NAME SIZE` (which also makes them /dev/uioN).\n",
     false},
    {"top", cmd_top, "[-b] [-i N] [-d SECONDS] [--csv[=TABLE]] [--ascii]",
     "watch domains, pCPU placement and device activity live",
     "  -b, --batch          print samples as text instead of drawing the screen\n"
     "  -i, --iterations N   stop after N samples (default: at q, or never with -b)\n"
     "  -d, --delay SECONDS  between samples, 0.1 to 3600 (default: 3)\n"
     "  --csv[=TABLE]        print one table as CSV: domains (default), pcpus, devices\n"
     "  --ascii              sparklines in ASCII even when the locale is UTF-8\n"
     "On the screen, h lists the keys. Rates are per second over the measured time\n"
     "between samples: the first sample of a domain has none yet ('-').\n",
     false},
    {"dmesg", cmd_dmesg, "[--follow]", "print the hypervisor's log",
     "  -f, --follow   keep printing new messages\n", false},
    {"raw", cmd_raw, "[--buffer=LEN] FN [ARG...]",
     "make a hypercall with up to 5 arguments, print x0-x3", NULL, true},
};

#define NR_VERBS (sizeof(verbs) / sizeof(verbs[0]))

static const struct verb *find_verb(const char *name)
{
    for (size_t i = 0; i < NR_VERBS; i++)
        if (strcmp(verbs[i].name, name) == 0)
            return &verbs[i];
    return NULL;
}

static void print_overview(FILE *f)
{
    fprintf(f, "usage: septum VERB [ARGS...]\n\n"
               "Manages Septum domains from the control domain. DOMAIN is a name or an id.\n\n"
               "verbs:\n");
    for (size_t i = 0; i < NR_VERBS; i++)
        if (!verbs[i].hidden)
            fprintf(f, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
    fprintf(f, "\nRun 'septum VERB --help' for a verb's options.\n");
}

static int cmd_help(const struct verb *v, int argc, char **argv)
{
    const struct verb *topic;

    if (argc > 2)
        return usage_error(v, "too many arguments");
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))
        return print_help(v);
    if (argc == 1) {
        print_overview(stdout);
        return EXIT_OK;
    }
    topic = find_verb(argv[1]);
    if (!topic)
        return usage_error(v, "unknown verb '%s'", argv[1]);
    return print_help(topic);
}

int main(int argc, char **argv)
{
    const struct verb *v;

    opterr = 0; /* the verbs report bad options themselves */
    if (argc < 2) {
        print_overview(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        print_overview(stdout);
        return EXIT_OK;
    }
    v = find_verb(argv[1]);
    if (!v) {
        fprintf(stderr, "septum: unknown verb '%s'\nRun 'septum help' for the list.\n", argv[1]);
        return EXIT_USAGE;
    }
    return v->run(v, argc - 1, argv + 1);
}
