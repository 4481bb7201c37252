/* Domain consoles multiplexed onto the physical one, and input focus. */
#include <septum/arch.h>
#include <septum/console.h>
#include <septum/format.h>
#include <septum/hal.h>
#include <septum/log.h>
#include <septum/spinlock.h>
#include <septum/string.h>
#include <septum/vm.h>

#define FOCUS_HYPERVISOR (-1)
#define SWITCH_PRESSES 3

/* Held for one line at most (CONSOLE_LINE_MAX bytes), by the hypervisor's
 * log, the control domain, and a shown domain's own pCPU: see shown(). */
static spinlock_t console_lock = SPINLOCK_INIT;
static bool console_at_line_start = true; /* of the physical console */
static _Atomic int focus = FOCUS_HYPERVISOR;
static unsigned switch_presses;
/* A control domain was created: from then on, the other domains' output
 * stays in their rings, read with `septum console`. */
static _Atomic bool control_domain_present;

void console_emit(const char *prefix, const char *text, size_t len)
{
    size_t prefix_len = strlen(prefix);

    spin_lock(&console_lock);
    /* A prefixed line starts on a line of its own, even if another domain
     * (a shell prompt, say) left the physical console mid-line. */
    if (prefix_len && !console_at_line_start)
        hal_console_write("\n", 1);
    hal_console_write(prefix, prefix_len);
    hal_console_write(text, len);
    if (len)
        console_at_line_start = text[len - 1] == '\n';
    spin_unlock(&console_lock);
}

static void domain_prefix(const struct vm *vm, char *buf, size_t size)
{
    snprintf(buf, size, "(d%u:%s) ", vm->id, vm->config.name);
}

/* Whether a domain's output goes to the physical console as well as to its
 * ring. As on Xen, with a control domain the physical console is the
 * hypervisor's and the control domain's: another domain's output appears
 * there only while it has the input (Ctrl-a three times), and is otherwise
 * read with `septum console`. Without a control domain there is no other
 * way to see it, so every domain is shown. A domain that is not shown never
 * takes the physical console's lock, so the lines of a chatty domain cost
 * the others nothing; a shown one writes its own lines from its own pCPU,
 * one whole line per hold of the lock, so it waits at most a line from each
 * other pCPU. */
static bool shown(const struct vm *vm)
{
    return vm->config.control || !atomic_load(&control_domain_present) ||
           atomic_load(&focus) == (int)vm->id;
}

void console_init(struct vm *vm)
{
    if (vm->config.control)
        atomic_store(&control_domain_present, true);
    vm->console.lock = (spinlock_t)SPINLOCK_INIT;
    ring_init(&vm->console.ring, vm->console.ring_buf, CONSOLE_RING_SIZE);
    vm->console.line_len = 0;
}

static void flush_locked(struct vm *vm)
{
    struct console *con = &vm->console;
    char prefix[DOMAIN_NAME_MAX + 16];

    if (con->line_len == 0)
        return;
    if (con->line[con->line_len - 1] != '\n')
        con->line[con->line_len++] = '\n';
    domain_prefix(vm, prefix, sizeof(prefix));
    console_emit(prefix, con->line, con->line_len);
    con->line_len = 0;
}

void console_domain_flush(struct vm *vm)
{
    if (!shown(vm))
        return;
    spin_lock(&vm->console.lock);
    flush_locked(vm);
    spin_unlock(&vm->console.lock);
}

/* The control domain's output is not held back until the end of the line
 * (its shell prompt has none) and carries no prefix, as on Xen. */
static void emit_now(char c)
{
    console_emit("", &c, 1);
}

void console_domain_putc(struct vm *vm, char c)
{
    struct console *con = &vm->console;

    vm->stats.console_bytes++;
    ring_write(&con->ring, &c, 1);
    /* Lines end in "\n" on the physical console; the control domain's
     * output is passed as is, as full-screen programs need its "\r". */
    if ((c == '\r' && !vm->config.control) || !shown(vm))
        return;
    spin_lock(&con->lock);
    if (vm->config.control) {
        emit_now(c);
    } else {
        con->line[con->line_len++] = c;
        /* One byte is kept free for the newline a flush may add. */
        if (c == '\n' || con->line_len >= CONSOLE_LINE_MAX - 1)
            flush_locked(vm);
    }
    spin_unlock(&con->lock);
}

static void announce_focus(void)
{
    int f = atomic_load(&focus);
    struct vm *vm = f == FOCUS_HYPERVISOR ? NULL : vm_get((unsigned)f);

    if (vm) {
        log_printf("console input: d%u (%s); Ctrl-a three times to switch%s", vm->id,
                   vm->config.name,
                   vm->config.control || !atomic_load(&control_domain_present)
                       ? ""
                       : "; its output is shown here meanwhile");
        vm_put(vm);
    } else
        log_printf("console input: hypervisor ('l' lists domains); Ctrl-a three times to switch");
}

/* Input goes to the first domain above `after`, or to the hypervisor. */
static void focus_after(int after)
{
    struct vm *vm = vm_get_next(after);

    atomic_store(&focus, vm ? (int)vm->id : FOCUS_HYPERVISOR);
    if (vm)
        vm_put(vm);
    announce_focus();
}

void console_focus_default(void)
{
    if (atomic_load(&control_domain_present))
        log_printf("other domains' output is kept for `septum console NAME`");
    focus_after(-1);
}

/* Domains in id order, then the hypervisor, then round again. */
static void switch_focus(void)
{
    focus_after(atomic_load(&focus));
}

static void hypervisor_command(char c)
{
    if (c != 'l')
        return;
    for (struct vm *vm = vm_get_next(-1); vm; vm = vm_get_after(vm)) {
        log_printf("d%u (%s): %s, %u vCPU(s), %llu MiB%s%s", vm->id, vm->config.name,
                   vm_state_name(atomic_load(&vm->state)), vm->config.nr_vcpus,
                   (unsigned long long)(vm->config.mem_size >> 20), vm->crash_reason[0] ? ", " : "",
                   vm->crash_reason);
    }
}

static void deliver(char c)
{
    int f = atomic_load(&focus);
    struct vm *vm;

    vm = f == FOCUS_HYPERVISOR ? NULL : vm_get((unsigned)f);
    if (vm) {
        arch_guest.uart_model->receive(vm, &c, 1);
        vm_put(vm);
    } else {
        hypervisor_command(c);
    }
}

void console_input(char c)
{
    if (c == CONSOLE_SWITCH_CHAR) {
        if (++switch_presses == SWITCH_PRESSES) {
            switch_presses = 0;
            switch_focus();
        }
        return;
    }
    /* Fewer than three Ctrl-a were meant for the domain. */
    for (; switch_presses; switch_presses--)
        deliver(CONSOLE_SWITCH_CHAR);
    deliver(c);
}
