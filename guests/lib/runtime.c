/* C entry of the boot CPU, called from the architecture's entry code with
 * bss cleared, and the way a guest gives up. */
#include <stdarg.h>
#include <septum/format.h>
#include "arch.h"
#include "console.h"
#include "runtime.h"

void runtime_main(const void *dtb);

void runtime_main(const void *dtb)
{
    arch_init(dtb);
    main(dtb);
    system_off();
}

void guest_fail(const char *fmt, ...)
{
    char reason[96];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    console_printf("%s: FAIL %s\n", guest_name, reason);
    system_off();
}
