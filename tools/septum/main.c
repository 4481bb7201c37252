/* septum: the control domain's command line, xl/virsh style. One table
 * lists every verb; main() finds the verb and hands it the rest of the
 * command line. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kept.h"

static int cmd_help(const struct verb *v, int argc, char **argv);

#define STOP_DETAILS(what)                                                                         \
    "  -w, --wait            return once the domain has done it\n"                                 \
    "  -t, --timeout SECS    wait at most this long, then say it is not\n"                         \
    "                        responding (default 60; implies --wait)\n"                            \
    "  -F, --force           " what " at once, as if the guest had asked\n"                        \
    "The guest is asked and does it itself: Linux with busybox acpid and init\n"                   \
    "(or systemd) does. A guest that does not handle its power keys ignores\n"                     \
    "the request: 'septum destroy' stops any domain at once.\n"

static const struct verb verbs[] = {
    {"help", cmd_help, "[VERB]", "show this help, or a verb's", NULL, false},
    {"version", cmd_version, "", "show the tools' and the hypervisor's versions", NULL, false},
    {"info", cmd_info, "", "show the host: pCPUs and their owners, memory, uptime", NULL, false},
    {"list", cmd_list, "[-a] [-l | --json]", "list domains",
     "  -a, --all    add kept definitions that are not running ('shut off')\n"
     "  -l, --long   add uptime, restarts and the crash reason\n"
     "  --json       print a JSON array of domains\n",
     false},
    {"dominfo", cmd_dominfo, "DOMAIN", "show one domain: state, vCPUs and pCPUs, memory, uptime",
     NULL, false},
    {"domstate", cmd_domstate, "DOMAIN", "print a domain's state", NULL, false},
    {"domid", cmd_domid, "NAME", "print a domain's id ('-' for a kept one not running)", NULL,
     false},
    {"domname", cmd_domname, "ID", "print a domain's name", NULL, false},
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
    {"define", cmd_define, "FILE.xml", "keep a definition, to start it by name later",
     "The definition is checked, then copied to " KEPT_DIR "/NAME.xml\n"
     "(SEPTUM_DOMAINS_DIR moves it). Dom0's root is in memory: kept definitions\n"
     "last until dom0 reboots, unless that folder is on persistent storage.\n"
     "Images must be named by absolute path. Defining a kept name replaces it.\n",
     false},
    {"start", cmd_start, "NAME [-p] [-c]", "create and start a domain from its kept definition",
     "  -p, --paused    create the domain but do not start it\n"
     "  -c, --console   attach to its console once started\n",
     false},
    {"undefine", cmd_undefine, "NAME", "forget a kept definition (a running domain goes on)", NULL,
     false},
    {"dumpxml", cmd_dumpxml, "DOMAIN",
     "print a domain's XML definition (or one made from what the hypervisor reports)",
     "For a domain created from a file, the file as it was written; for a kept\n"
     "definition that is not running, the kept file; for any other domain\n"
     "(booted with the machine or with 'septum boot'), a definition made from\n"
     "what the hypervisor reports: name, memory, vCPUs and their pCPUs.\n",
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
    {"pause", cmd_pause, "DOMAIN", "pause a running domain (returns once its vCPUs stopped)", NULL,
     false},
    {"unpause", cmd_unpause, "DOMAIN", "resume a paused domain, or start one created paused", NULL,
     false},
    {"shutdown", cmd_shutdown, "DOMAIN [-w] [-t SECONDS] [-F]",
     "ask a domain to power off (its power key)", STOP_DETAILS("power off"), false},
    {"reboot", cmd_reboot, "DOMAIN [-w] [-t SECONDS] [-F]", "ask a domain to reboot (Ctrl-Alt-Del)",
     STOP_DETAILS("reboot"), false},
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
    {"top", cmd_top, "[-b] [-i N] [-d SECONDS] [-f] [--csv[=TABLE]] [--ascii]",
     "watch domains, pCPU placement and device activity live",
     "  -b, --batch          print samples as text instead of drawing the screen\n"
     "  -i, --iterations N   stop after N samples (default: at q, or never with -b)\n"
     "  -d, --delay SECONDS  between samples, 0.1 to 3600 (default: 3)\n"
     "  --csv[=TABLE]        print one table as CSV: domains (default), pcpus, devices\n"
     "  -f, --full-names     never cut names in the domain table (elsewhere a cut\n"
     "                       name ends in '+'); columns that no longer fit are left out\n"
     "  --ascii              sparklines in ASCII even when the locale is UTF-8\n"
     "On the screen, h lists the keys; Ctrl-L redraws it, asking a serial terminal\n"
     "its size again. Rates are per second over the measured time between samples:\n"
     "the first sample of a domain has none yet ('-').\n",
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

/* Edit distance, for "did you mean": small words, small table. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[32];

    if (la >= 31 || lb >= 31)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

/* The verb a user of xl or virsh may have meant by a word septum lacks. */
static const char *suggestion(const char *word)
{
    static const char *const aliases[][2] = {
        {"suspend", "pause"},       {"resume", "unpause"},  {"poweroff", "shutdown"},
        {"kill", "destroy"},        {"status", "domstate"}, {"ls", "list"},
        {"show", "dominfo"},        {"log", "dmesg"},       {"uptime", "list"},
        {"vcpu-info", "vcpu-list"}, {"physinfo", "info"},
    };
    const char *best = NULL;
    size_t best_d = 3; /* further than 2 edits is no longer a typo */

    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
        if (strcmp(word, aliases[i][0]) == 0)
            return aliases[i][1];
    for (size_t i = 0; i < NR_VERBS; i++) {
        size_t d = distance(word, verbs[i].name);

        if (!verbs[i].hidden && d < best_d && d < strlen(word)) {
            best = verbs[i].name;
            best_d = d;
        }
    }
    return best;
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
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("septum tools %s (ABI %u.%u)\n", SEPTUM_TOOLS_VERSION, SEPTUM_ABI_MAJOR,
               SEPTUM_ABI_MINOR);
        return EXIT_OK;
    }
    v = find_verb(argv[1]);
    if (!v) {
        const char *hint = suggestion(argv[1]);

        fprintf(stderr, "septum: unknown verb '%s'\n", argv[1]);
        if (hint)
            fprintf(stderr, "Did you mean 'septum %s'?\n", hint);
        fprintf(stderr, "Run 'septum help' for the list.\n");
        return EXIT_USAGE;
    }
    return v->run(v, argc - 1, argv + 1);
}
