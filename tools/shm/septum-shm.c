/* septum-shm: shared-memory regions with doorbells from Linux user space,
 * through UIO (/dev/uioN: map 0 the doorbell registers, map 1 the region,
 * read() waits for a doorbell). The same in dom0 and in a Linux domU;
 * dom0 also attaches and detaches regions at run time (/dev/septum-shm).
 *
 *   septum-shm list
 *   septum-shm attach NAME SIZE      (dom0)
 *   septum-shm detach NAME           (dom0)
 *   septum-shm ping NAME [COUNT]     send COUNT messages, each answered
 *   septum-shm pong NAME [COUNT]     answer COUNT messages
 *   septum-shm bench NAME [COUNT]    ping, timed, then the region's bandwidth
 *
 * ping and pong speak the protocol of the bare-metal shmping guest
 * (guests/shmping.c), so either side may be either kind of domain. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "public/septum_ioctl.h"

#define UIO_CLASS "/sys/class/uio"
/* The layout shmping uses: sequence numbers, then messages. */
#define PING_SEQ 0x000
#define PONG_SEQ 0x040
#define PING_MSG 0x100
#define PONG_MSG 0x200
#define MSG_MAX 64
#define WAIT_MS 20000
#define BENCH_BLOCK (64u << 10)

struct region {
    char name[SEPTUM_NAME_MAX];
    int fd;
    volatile uint32_t *regs;
    volatile uint8_t *mem;
    uint64_t size;
    uint32_t peer; /* the one rung */
};

static const char *prog = "septum-shm";

static int fail(const char *what, int err)
{
    fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(err));
    return 1;
}

static bool read_line(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    bool ok = f && fgets(buf, (int)size, f);

    if (f)
        fclose(f);
    if (ok)
        buf[strcspn(buf, "\n")] = '\0';
    return ok;
}

/* The region a UIO device serves: its name from septum_shm's device name,
 * or, under uio_pdrv_genirq, from its device-tree node. */
static bool uio_region_name(const char *uio, char *name, size_t size)
{
    char path[300];

    snprintf(path, sizeof(path), UIO_CLASS "/%s/device/of_node/septum,name", uio);
    if (read_line(path, name, size))
        return true;
    snprintf(path, sizeof(path), UIO_CLASS "/%s/maps/map1/name", uio);
    if (!read_line(path, name, size) || strcmp(name, "region") != 0)
        return false;
    snprintf(path, sizeof(path), UIO_CLASS "/%s/name", uio);
    return read_line(path, name, size);
}

static uint64_t uio_map_size(const char *uio, int map)
{
    char path[300], text[32];

    snprintf(path, sizeof(path), UIO_CLASS "/%s/maps/map%d/size", uio, map);
    return read_line(path, text, sizeof(text)) ? strtoull(text, NULL, 0) : 0;
}

/* Calls fn for each UIO device that is a Septum region; stops at nonzero. */
static int each_region(int (*fn)(const char *uio, const char *name, void *ctx), void *ctx)
{
    DIR *d = opendir(UIO_CLASS);
    struct dirent *e;
    int rc = 0;

    if (!d)
        return 0;
    while (!rc && (e = readdir(d))) {
        char name[SEPTUM_NAME_MAX];

        if (strncmp(e->d_name, "uio", 3) == 0 && uio_region_name(e->d_name, name, sizeof(name)))
            rc = fn(e->d_name, name, ctx);
    }
    closedir(d);
    return rc;
}

struct lookup {
    const char *want;
    char uio[32];
};

static int match(const char *uio, const char *name, void *ctx)
{
    struct lookup *l = ctx;

    if (strcmp(name, l->want) != 0)
        return 0;
    snprintf(l->uio, sizeof(l->uio), "%s", uio);
    return 1;
}

static int region_open(const char *name, struct region *r)
{
    struct lookup l = {.want = name};
    char dev[48];
    long page = sysconf(_SC_PAGESIZE);
    void *regs, *mem;
    int other;

    if (!each_region(match, &l)) {
        fprintf(stderr, "%s: no region '%s' (septum-shm list)\n", prog, name);
        return -ENOENT;
    }
    snprintf(r->name, sizeof(r->name), "%s", name);
    snprintf(dev, sizeof(dev), "/dev/%s", l.uio);
    r->size = uio_map_size(l.uio, 1);
    r->fd = open(dev, O_RDWR);
    if (r->fd < 0)
        return -errno;
    regs = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, 0);
    mem = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED, r->fd, page);
    if (regs == MAP_FAILED || mem == MAP_FAILED)
        return -errno;
    r->regs = regs;
    r->mem = mem;
    if (r->regs[SEPTUM_SHM_REG_MAGIC / 4] != SEPTUM_SHM_MAGIC) {
        fprintf(stderr, "%s: %s: no doorbell registers\n", prog, dev);
        return -ENODEV;
    }
    other = __builtin_ffs(
        (int)(r->regs[SEPTUM_SHM_REG_PEERS / 4] & ~(1u << r->regs[SEPTUM_SHM_REG_ID / 4])));
    r->peer = other ? (uint32_t)other - 1 : SEPTUM_SHM_RING_ALL;
    return 0;
}

static volatile uint32_t *word(struct region *r, unsigned offset)
{
    return (volatile uint32_t *)(r->mem + offset);
}

/* The region is mapped uncached (Device memory): byte by byte, no memcpy. */
static void put_message(struct region *r, unsigned offset, const char *text)
{
    size_t i = 0;

    do {
        r->mem[offset + i] = (uint8_t)text[i];
    } while (text[i++] && i < MSG_MAX);
}

static bool message_is(struct region *r, unsigned offset, const char *text)
{
    for (size_t i = 0; i < MSG_MAX; i++) {
        if (r->mem[offset + i] != (uint8_t)text[i])
            return false;
        if (!text[i])
            return true;
    }
    return false;
}

static void ring(struct region *r)
{
    __sync_synchronize();
    r->regs[SEPTUM_SHM_REG_DOORBELL / 4] = r->peer;
}

/* Waits on the doorbell until the word at offset reads want. UIO counts
 * interrupts per open file: one that came since the last read() makes
 * poll() return at once, so none is lost between the check and the wait. */
static int wait_for(struct region *r, unsigned offset, uint32_t want)
{
    struct pollfd p = {.fd = r->fd, .events = POLLIN};
    uint32_t count, enable = 1;

    while (*word(r, offset) != want) {
        if (write(r->fd, &enable, sizeof(enable)) < 0 && errno != ENOSYS)
            return -errno;
        int n = poll(&p, 1, WAIT_MS);

        if (n == 0) {
            fprintf(stderr, "%s: %s: nothing for %d ms (waiting for %u)\n", prog, r->name, WAIT_MS,
                    want);
            return -ETIMEDOUT;
        }
        if (n < 0 || read(r->fd, &count, sizeof(count)) != sizeof(count))
            return -errno;
    }
    __sync_synchronize();
    return 0;
}

static int ping_once(struct region *r, uint32_t n)
{
    char text[MSG_MAX];
    int err;

    snprintf(text, sizeof(text), "ping %u", n);
    put_message(r, PING_MSG, text);
    __sync_synchronize();
    *word(r, PING_SEQ) = n;
    ring(r);
    err = wait_for(r, PONG_SEQ, n);
    if (err)
        return err;
    snprintf(text, sizeof(text), "pong %u", n);
    if (!message_is(r, PONG_MSG, text)) {
        fprintf(stderr, "%s: pong %u came with the wrong message\n", prog, n);
        return -EBADMSG;
    }
    return 0;
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int ping(struct region *r, uint32_t count, bool timed)
{
    double start = now();
    int err = 0;

    for (uint32_t n = 1; n <= count && !err; n++)
        err = ping_once(r, n);
    if (err)
        return fail("ping", -err);
    printf("septum-shm: ping: %u round trips on %s", count, r->name);
    if (timed)
        printf(", %.1f us each", (now() - start) / count * 1e6);
    printf("\n");
    return 0;
}

static int pong(struct region *r, uint32_t count)
{
    char text[MSG_MAX];

    for (uint32_t n = 1; n <= count; n++) {
        int err = wait_for(r, PING_SEQ, n);

        if (err)
            return fail("pong", -err);
        snprintf(text, sizeof(text), "ping %u", n);
        if (!message_is(r, PING_MSG, text)) {
            fprintf(stderr, "%s: ping %u came with the wrong message\n", prog, n);
            return 1;
        }
        snprintf(text, sizeof(text), "pong %u", n);
        put_message(r, PONG_MSG, text);
        __sync_synchronize();
        *word(r, PONG_SEQ) = n;
        ring(r);
    }
    printf("septum-shm: pong: answered %u on %s\n", count, r->name);
    return 0;
}

/* Round trips, then how fast this side writes the region (above the
 * messages, in 8-byte words: it is mapped uncached). */
static int bench(struct region *r, uint32_t count)
{
    uint64_t room = r->size > 4096 ? r->size - 4096 : 0;
    uint64_t block = room < BENCH_BLOCK ? room : BENCH_BLOCK;
    volatile uint64_t *to = (volatile uint64_t *)(r->mem + 4096);
    double start, secs;
    uint64_t bytes = 0;

    if (ping(r, count, true))
        return 1;
    start = now();
    do {
        for (uint64_t i = 0; i < block / 8; i++)
            to[i] = i;
        bytes += block;
    } while (block && (secs = now() - start) < 0.5);
    if (block)
        printf("septum-shm: bench: writes %.1f MiB/s into %s\n", bytes / secs / (1 << 20), r->name);
    return 0;
}

static int show(const char *uio, const char *name, void *ctx)
{
    struct region r;

    (void)ctx;
    if (region_open(name, &r) == 0)
        printf("%-16s /dev/%-6s %8" PRIu64 " KiB  peer %u  peers 0x%x  rings %u\n", name, uio,
               r.size >> 10, r.regs[SEPTUM_SHM_REG_ID / 4], r.regs[SEPTUM_SHM_REG_PEERS / 4],
               r.regs[SEPTUM_SHM_REG_RINGS / 4]);
    return 0;
}

static int control(unsigned long cmd, const char *name, const char *size_text)
{
    struct septum_shm_attach req = {0};
    char *end;
    int fd, rc;

    if (strlen(name) >= sizeof(req.name))
        return fail(name, ENAMETOOLONG);
    strcpy(req.name, name);
    if (size_text) {
        req.size = strtoull(size_text, &end, 0);
        if (*end == 'K' || *end == 'k')
            req.size <<= 10, end++;
        else if (*end == 'M' || *end == 'm')
            req.size <<= 20, end++;
        if (*end || req.size == 0)
            return fail(size_text, EINVAL);
    }
    fd = open(SEPTUM_SHM_DEVICE, O_RDWR);
    if (fd < 0)
        return fail(SEPTUM_SHM_DEVICE " (dom0 only)", errno);
    rc = ioctl(fd, cmd, &req);
    close(fd);
    if (rc < 0)
        return fail(name, errno);
    if (size_text)
        printf("septum-shm: %s: /dev/uio%d, %" PRIu64 " KiB at 0x%" PRIx64 ", registers 0x%" PRIx64
               ", INTID %u\n",
               name, rc, (uint64_t)req.size >> 10, (uint64_t)req.ipa, (uint64_t)req.regs_ipa,
               req.virq);
    return 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: %s list | attach NAME SIZE | detach NAME | ping|pong|bench NAME "
            "[COUNT]\n",
            prog);
    return 2;
}

int main(int argc, char **argv)
{
    struct region r;
    uint32_t count = 10;
    int err;

    if (argc < 2)
        return usage();
    if (!strcmp(argv[1], "list") && argc == 2)
        return each_region(show, NULL);
    if (!strcmp(argv[1], "attach") && argc == 4)
        return control(SEPTUM_IOCTL_SHM_ATTACH, argv[2], argv[3]);
    if (!strcmp(argv[1], "detach") && argc == 3)
        return control(SEPTUM_IOCTL_SHM_DETACH, argv[2], NULL);
    if (argc < 3 || argc > 4)
        return usage();
    if (argc == 4) {
        char *end;
        unsigned long n = strtoul(argv[3], &end, 10);

        if (*end || n == 0 || n > 1000000)
            return usage();
        count = (uint32_t)n;
    }
    err = region_open(argv[2], &r);
    if (err)
        return err == -ENOENT ? 1 : fail(argv[2], -err);
    if (!strcmp(argv[1], "ping"))
        return ping(&r, count, false);
    if (!strcmp(argv[1], "pong"))
        return pong(&r, count);
    if (!strcmp(argv[1], "bench"))
        return bench(&r, count);
    return usage();
}
