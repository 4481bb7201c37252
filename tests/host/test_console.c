/* The physical console's model: who is shown there, and every domain's ring.
 * Each test runs in a process of its own, so a control domain created by
 * one is never seen by another. */
#include <stdio.h>
#include <string.h>
#include <septum/console.h>
#include <septum/vm.h>
#include "check.h"
#include "test_hal.h"

static struct vm dom0, domu;

static struct vm *domain(struct vm *vm, unsigned id, const char *name, bool control)
{
    memset(vm, 0, sizeof(*vm));
    vm->id = id;
    vm->config.control = control;
    strcpy(vm->config.name, name);
    console_init(vm);
    return vm;
}

static void put(struct vm *vm, const char *s)
{
    for (; *s; s++)
        console_domain_putc(vm, *s);
}

/* The domain's ring from its start, as `septum console --dump` reads it. */
static size_t ring_text(struct vm *vm, char *out, size_t size)
{
    uint64_t next;

    return ring_read(&vm->console.ring, 0, out, size, &next);
}

#define CHECK_CONSOLE(text)                                                                        \
    do {                                                                                           \
        CHECK_EQ(test_console_len, strlen(text));                                                  \
        CHECK(memcmp(test_console, text, test_console_len) == 0);                                  \
    } while (0)

TEST(console_without_a_control_domain_shows_every_domain_line_by_line)
{
    char ring[64];

    test_hal_reset();
    domain(&domu, 1, "solo", false);
    put(&domu, "up\r\nprompt> ");
    CHECK_CONSOLE("(d1:solo) up\n");
    console_domain_flush(&domu); /* at stop, the partial line too */
    CHECK_CONSOLE("(d1:solo) up\n(d1:solo) prompt> \n");
    CHECK_EQ(ring_text(&domu, ring, sizeof(ring)), strlen("up\r\nprompt> "));
}

TEST(console_with_a_control_domain_keeps_other_domains_output_in_their_rings)
{
    char ring[64];

    test_hal_reset();
    domain(&dom0, 0, "dom0", true);
    domain(&domu, 2, "chatty", false);
    put(&domu, "tick\nlogin: ");
    put(&dom0, "dom0# ");
    console_domain_flush(&domu);
    /* Only dom0's prompt reaches the physical console, as typed. */
    CHECK_CONSOLE("dom0# ");
    /* The domain's ring has every byte, its prompt included, once. */
    CHECK_EQ(ring_text(&domu, ring, sizeof(ring)), strlen("tick\nlogin: "));
    CHECK(memcmp(ring, "tick\nlogin: ", strlen("tick\nlogin: ")) == 0);
    CHECK_EQ(domu.stats.console_bytes, strlen("tick\nlogin: "));
}

TEST(console_shows_a_domain_while_it_has_the_input)
{
    struct domain_config c0 = {.nr_vcpus = 1, .mem_size = 8u << 20};
    struct domain_config c1 = {.nr_vcpus = 1, .mem_size = 8u << 20, .pcpu = {1}};
    struct vm *d0, *d1;
    char line[32];

    test_hal_reset();
    strcpy(c0.name, "dom0");
    strcpy(c1.name, "guest");
    CHECK_EQ(vm_create(&c0, &d0), 0);
    CHECK_EQ(vm_create(&c1, &d1), 0);
    /* What creating a control domain does to the console (a real one needs
     * its RAM mapped 1:1, which this test's memory cannot give). */
    d0->config.control = true;
    console_init(d0);
    console_focus_default(); /* dom0 */
    put(d1, "unseen\n");
    CHECK(strstr(test_console, "unseen") == NULL);
    for (int i = 0; i < 3; i++)
        console_input(CONSOLE_SWITCH_CHAR);
    CHECK(strstr(test_console, "its output is shown here meanwhile") != NULL);
    put(d1, "seen\n");
    snprintf(line, sizeof(line), "(d%u:guest) seen\n", d1->id);
    CHECK(strstr(test_console, line) != NULL);
    for (int i = 0; i < 3; i++)
        console_input(CONSOLE_SWITCH_CHAR); /* to the hypervisor */
    put(d1, "hidden\n");
    CHECK(strstr(test_console, "hidden") == NULL);
}
