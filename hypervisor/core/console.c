/* Domain consoles multiplexed onto the physical one. */
#include <septum/console.h>
#include <septum/format.h>
#include <septum/hal.h>
#include <septum/spinlock.h>
#include <septum/string.h>
#include <septum/vm.h>

static spinlock_t console_lock = SPINLOCK_INIT;

void console_emit(const char *prefix, const char *text, size_t len)
{
    spin_lock(&console_lock);
    hal_console_write(prefix, strlen(prefix));
    hal_console_write(text, len);
    spin_unlock(&console_lock);
}

void console_domain_flush(struct vm *vm)
{
    struct console_line *line = &vm->console;
    char prefix[DOMAIN_NAME_MAX + 16];

    if (line->len == 0)
        return;
    if (line->text[line->len - 1] != '\n')
        line->text[line->len++] = '\n';
    snprintf(prefix, sizeof(prefix), "(d%u:%s) ", vm->id, vm->config.name);
    console_emit(prefix, line->text, line->len);
    line->len = 0;
}

void console_domain_putc(struct vm *vm, char c)
{
    struct console_line *line = &vm->console;

    vm->stats.console_bytes++;
    if (c == '\r')
        return;
    line->text[line->len++] = c;
    /* One byte is kept free for the newline a flush may add. */
    if (c == '\n' || line->len == CONSOLE_LINE_MAX - 1)
        console_domain_flush(vm);
}
