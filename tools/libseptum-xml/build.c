/* Making a planned domain through the hypercalls. Every DOMAIN_LOAD into a
 * created domain is kept by the hypervisor as a boot segment, replayed when
 * the domain restarts (on_reboot, on_poweroff or on_crash 'restart'). */
#include "plan.h"

static int load(struct septum *h, uint32_t domid, const struct placed_file *f)
{
    return f->len ? septum_domain_load(h, domid, f->ipa, f->data, f->len) : 0;
}

int domain_plan_build(struct septum *h, const struct domain_plan *plan, uint32_t *domid)
{
    uint32_t id;
    int rc = septum_domain_create(h, &plan->config, &id);

    if (rc < 0)
        return rc;
    for (unsigned i = 0; i < plan->nr_shm && rc >= 0; i++)
        rc = septum_shm_attach(h, id, &plan->shm[i]);
    if (rc >= 0)
        rc = load(h, id, &plan->kernel);
    if (rc == 0)
        rc = load(h, id, &plan->initrd);
    if (rc == 0)
        rc = load(h, id, &plan->dtb);
    if (rc == 0)
        rc = septum_domain_set_boot(h, id, plan->entry, plan->dtb.ipa);
    if (rc < 0) {
        septum_domain_destroy(h, id);
        return rc;
    }
    *domid = id;
    return 0;
}
