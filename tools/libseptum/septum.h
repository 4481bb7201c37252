/* libseptum: the control domain's C interface to Septum's hypercalls.
 *
 * One function per hypercall over the public ABI (public/septum.h), plus the
 * helpers every tool needs: domain lookup, state names, size and CPU-list
 * parsing, arm64 Image loading. Every function that can fail returns 0 (or a
 * count, where it says so) on success and a negative errno on failure;
 * septum_strerror() turns that into a message. -ENOSYS means the hypervisor
 * does not implement the call (SMCCC NOT_SUPPORTED, told apart from -EPERM
 * with SEPTUM_HC_FEATURES).
 *
 * Hypercalls go through a transport: by default the /dev/septum ioctl of the
 * dom0 driver; unit tests substitute their own. */
#ifndef LIBSEPTUM_SEPTUM_H
#define LIBSEPTUM_SEPTUM_H

#include <stddef.h>
#include <stdint.h>

#include "public/septum.h"
#include "public/septum_ioctl.h"

/* DOMAIN_LOAD sends at most this much per hypercall: the driver's bounce
 * limit, so that a big kernel takes few calls (and few boot segments). */
#define SEPTUM_LOAD_CHUNK SEPTUM_IOCTL_BUF_MAX

struct septum;

/* Performs one hypercall: hc->fn, hc->args[1..5] and hc->bufs[] as the
 * /dev/septum ioctl takes them; fills hc->ret[0..3]. Returns 0 when the
 * hypercall was made (whatever its status in ret[0]), or a negative errno
 * when it could not be. */
struct septum_transport {
    int (*hypercall)(void *ctx, struct septum_ioctl_hypercall *hc);
    void (*close)(void *ctx); /* may be NULL */
    void *ctx;
};

/* Handles. */
int septum_open(struct septum **h); /* SEPTUM_DEVICE */
int septum_open_transport(const struct septum_transport *t, struct septum **h);
void septum_close(struct septum *h);

const char *septum_strerror(int err);

/* Makes a hypercall with the scalar registers as given and returns x0..x3
 * as they are, for debugging and for robustness tests. A call that takes a
 * buffer gets buf/len (len may be 0) declared where its layout says: the
 * driver, not the caller, fills the address and length registers. Returns
 * a negative errno only when the call could not be made (-EINVAL for a
 * buffer call without a buffer, -EOPNOTSUPP for a call the driver does not
 * know). */
int septum_hypercall_raw(struct septum *h, uint64_t fn, const uint64_t args[5], void *buf,
                         size_t len, uint64_t ret[4]);

/* Host and ABI. */
int septum_version(struct septum *h, uint32_t *abi);
int septum_check_abi(struct septum *h);             /* -EPROTONOSUPPORT if majors differ */
int septum_features(struct septum *h, uint32_t fn); /* 0, or -ENOSYS */
int septum_whoami(struct septum *h, uint32_t *domid, uint32_t *vcpu);
int septum_physinfo(struct septum *h, struct septum_physinfo *info);

/* Domain configuration: zeroed, with the default actions (destroy on power
 * off, restart on reboot, keep a crashed domain for inspection). */
void septum_domain_config_init(struct septum_domain_config *cfg);
int septum_domain_config_set_name(struct septum_domain_config *cfg, const char *name);
int septum_domain_config_set_cmdline(struct septum_domain_config *cfg, const char *cmdline);

/* Domain life cycle. */
int septum_domain_create(struct septum *h, const struct septum_domain_config *cfg, uint32_t *domid);
int septum_domain_load(struct septum *h, uint32_t domid, uint64_t ipa, const void *data,
                       size_t len);
int septum_domain_set_boot(struct septum *h, uint32_t domid, uint64_t entry, uint64_t dtb);
int septum_domain_start(struct septum *h, uint32_t domid);
int septum_domain_pause(struct septum *h, uint32_t domid);
int septum_domain_unpause(struct septum *h, uint32_t domid);
int septum_domain_shutdown(struct septum *h, uint32_t domid, uint32_t reason);
int septum_domain_destroy(struct septum *h, uint32_t domid);

/* Queries. *count receives how many exist, which may exceed max; only the
 * first min(*count, max) entries are filled. */
int septum_domain_list(struct septum *h, struct septum_domain_info *info, size_t max,
                       size_t *count);
int septum_domain_info(struct septum *h, uint32_t domid, struct septum_domain_info *info);
int septum_vcpu_info(struct septum *h, uint32_t domid, struct septum_vcpu_info *info, size_t max,
                     size_t *count);
int septum_domain_stats(struct septum *h, uint32_t domid, struct septum_domain_stats *stats);

/* Shared-memory regions (ABI 1.2): attach returns the peer id (>= 0). */
int septum_shm_attach(struct septum *h, uint32_t domid, const struct septum_shm_attach *req);
int septum_shm_detach(struct septum *h, uint32_t domid, const char *name);
/* Devices (ABI 1.2). A CREATED domain is given a platform device's
 * registers (SEPTUM_MMIO_* flags) and interrupts; destroying it gives them
 * back. */
int septum_assign_mmio(struct septum *h, uint32_t domid, uint64_t pa, uint64_t size, uint64_t ipa,
                       uint32_t flags);
int septum_assign_irq(struct septum *h, uint32_t domid, uint32_t pirq, uint32_t virq);
/* What a domain holds beyond RAM and vCPUs; *count as for the queries
 * below. The _all form fills a malloc()ed array the caller frees. */
int septum_domain_resources(struct septum *h, uint32_t domid, struct septum_resource *res,
                            size_t max, size_t *count);
int septum_domain_resources_all(struct septum *h, uint32_t domid, struct septum_resource **res,
                                size_t *count);
/* The machine's device tree, in a malloc()ed buffer the caller frees. */
int septum_host_fdt(struct septum *h, void **fdt, size_t *size);

/* Every domain, in a malloc()ed array the caller frees. */
int septum_domain_list_all(struct septum *h, struct septum_domain_info **info, size_t *count);

/* Console and log rings. Positions count bytes since the ring's start; a
 * read returns the number of bytes copied (0 when there is nothing new) and
 * advances *pos. Reading from a position the ring no longer holds resumes at
 * the oldest byte kept. A write returns the number of bytes accepted, at
 * most SEPTUM_CONSOLE_WRITE_MAX: callers loop. */
int septum_console_read(struct septum *h, uint32_t domid, void *buf, size_t len, uint64_t *pos);
int septum_console_write(struct septum *h, uint32_t domid, const void *buf, size_t len);
int septum_log_read(struct septum *h, void *buf, size_t len, uint64_t *pos);

/* "name" or "id" -> domain id; -ESRCH if there is none, -ENOTUNIQ if two
 * live domains have that name. A string of digits is an id. */
int septum_domain_lookup(struct septum *h, const char *name_or_id, uint32_t *domid);

/* Names for the ABI's enumerations ("running", "on", "mmio", ...). */
const char *septum_state_name(uint32_t state);
const char *septum_vcpu_power_name(uint32_t power);
const char *septum_exit_name(uint32_t cause);

/* "4096", "64M", "2G", "512MiB" (case-insensitive; K, M, G, T are powers of
 * 1024; no suffix means bytes) -> bytes. -EINVAL or -ERANGE. */
int septum_parse_size(const char *text, uint64_t *bytes);

/* "1-3,5" -> the CPUs in increasing order, each once. -EINVAL for bad
 * syntax, -E2BIG when more than max CPUs are named. */
int septum_parse_cpus(const char *text, uint32_t *cpus, size_t max, size_t *count);

/* Reads the file at path whole into a malloc()ed buffer, with a
 * NUL after its len bytes (so that text can be used as a string). -ENODATA
 * if it is empty, -EFBIG if it is larger than max bytes, -EISDIR for a
 * folder, or the error of opening or reading it. */
int septum_read_file(const char *path, uint64_t max, void **data, size_t *len);

/* An arm64 Linux Image, per the kernel's boot protocol (booting.rst). */
struct septum_image {
    uint64_t text_offset; /* load address = RAM base + text_offset */
    uint64_t footprint;   /* bytes from the load address the kernel may use */
};

/* -ENOEXEC unless data is a little-endian arm64 Image. */
int septum_image_parse(const void *data, size_t len, struct septum_image *img);

/* Creates a domain from cfg and a raw Image: create, load at RAM base +
 * text_offset, boot entry there with the hypervisor's standard device tree.
 * The domain is left CREATED, for septum_domain_start(). On failure
 * whatever was created is destroyed. -EFBIG if the Image does not fit in
 * the domain's RAM below the device tree. */
int septum_domain_build(struct septum *h, const struct septum_domain_config *cfg, const void *image,
                        size_t len, uint32_t *domid);

#endif
