/* Filling in a domain configuration. */
#include <errno.h>
#include <string.h>

#include "septum.h"

void septum_domain_config_init(struct septum_domain_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->on_poweroff = SEPTUM_ACTION_DESTROY;
    cfg->on_reboot = SEPTUM_ACTION_RESTART;
    /* As for boot-time domains: a crash is kept to be looked at. */
    cfg->on_crash = SEPTUM_ACTION_PRESERVE;
}

static int set_string(char *dst, size_t size, const char *src)
{
    size_t len = strlen(src);

    if (len >= size)
        return -ENAMETOOLONG;
    memset(dst, 0, size);
    memcpy(dst, src, len);
    return 0;
}

int septum_domain_config_set_name(struct septum_domain_config *cfg, const char *name)
{
    if (!*name)
        return -EINVAL;
    return set_string(cfg->name, sizeof(cfg->name), name);
}

int septum_domain_config_set_cmdline(struct septum_domain_config *cfg, const char *cmdline)
{
    return set_string(cfg->cmdline, sizeof(cfg->cmdline), cmdline);
}
