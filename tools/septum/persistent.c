/* define, start, undefine: domains kept as definitions (kept.h). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "definitions.h"
#include "kept.h"

/* A kept definition is read from KEPT_DIR, not from where it was written:
 * an image named relative to the original file would not be found. */
static unsigned check_absolute(const char *path, const struct domain_desc *desc)
{
    struct diag_sink d = {.out = stderr, .file = path};
    const struct {
        const char *name;
        const struct spot *at;
    } images[] = {{desc->kernel, &desc->kernel_at},
                  {desc->initrd, &desc->initrd_at},
                  {desc->dtb, &desc->dtb_at}};

    for (size_t i = 0; i < sizeof(images) / sizeof(images[0]); i++) {
        if (images[i].name && images[i].name[0] != '/')
            diag_at(&d, images[i].at,
                    "'%s' is a relative path: a kept definition must name its images by "
                    "absolute path",
                    images[i].name);
    }
    return d.errors;
}

/* mkdir -p for the kept folder. */
static int make_dirs(const char *dir)
{
    char path[4096];

    snprintf(path, sizeof(path), "%s", dir);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST)
            return -errno;
        *p = '/';
    }
    return mkdir(path, 0755) < 0 && errno != EEXIST ? -errno : 0;
}

/* Writes the definition whole or not at all. */
static int keep(const struct domain_desc *desc)
{
    char path[4096];
    int rc = make_dirs(kept_dir());

    if (rc < 0)
        return rc;
    kept_path(desc->name, path, sizeof(path));
    return write_whole(path, desc->xml, desc->xml_len);
}

int cmd_define(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    const char *path = argv[optind];
    struct domain_desc *desc;
    unsigned errors;
    bool existed;

    if (rc >= 0)
        return rc;
    rc = load_definition(v, path, &desc);
    if (rc)
        return rc;
    errors = check_absolute(path, desc);
    if (errors) {
        domain_desc_free(desc);
        return fail(v, "%s: %u error%s in the definition", path, errors, errors == 1 ? "" : "s");
    }
    existed = kept_exists(desc->name);
    rc = keep(desc);
    if (rc < 0)
        rc = fail(v, "cannot keep '%s' in %s: %s", desc->name, kept_dir(), strerror(-rc));
    else
        printf("Domain '%s' %s from %s\n", desc->name, existed ? "redefined" : "defined", path);
    domain_desc_free(desc);
    return rc;
}

int cmd_start(const struct verb *v, int argc, char **argv)
{
    static const struct option opts[] = {
        {"paused", no_argument, NULL, 'p'},
        {"console", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    bool paused = false, console = false;
    char path[4096];
    int opt;

    while ((opt = getopt_long(argc, argv, ":pch", opts, NULL)) != -1) {
        if (opt == 'p')
            paused = true;
        else if (opt == 'c')
            console = true;
        else if (opt == 'h')
            return print_help(v);
        else
            return bad_option(v, opt, argv);
    }
    if (argc - optind != 1)
        return usage_error(v, argc == optind ? "missing argument" : "too many arguments");
    if (!kept_exists(argv[optind]))
        return fail(v,
                    "%s: no kept definition of that name in %s (see 'septum list --all'; "
                    "'septum define FILE.xml' keeps one, 'septum create FILE.xml' runs a file)",
                    argv[optind], kept_dir());
    kept_path(argv[optind], path, sizeof(path));
    return create_domain(v, path, paused, console);
}

int cmd_undefine(const struct verb *v, int argc, char **argv)
{
    int rc = parse_plain_verb(v, argc, argv, 1, 1);
    const char *name = argv[optind];
    char path[4096];

    if (rc >= 0)
        return rc;
    kept_path(name, path, sizeof(path));
    if (remove(path) < 0) {
        if (errno == ENOENT)
            return fail(v, "%s: no kept definition of that name in %s", name, kept_dir());
        return fail(v, "%s: cannot remove %s: %s", name, path, strerror(errno));
    }
    /* As virsh: a running domain goes on, no longer kept. */
    printf("Domain '%s' has been undefined\n", name);
    return EXIT_OK;
}
