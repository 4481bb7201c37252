/* C entry of the boot CPU, called from start.S with bss cleared, and the
 * way a guest gives up. */
#include <stdarg.h>
#include <septum/format.h>
#include "console.h"
#include "psci.h"
#include "runtime.h"
#include "sysreg.h"

void runtime_main(const void *dtb);

void runtime_main(const void *dtb)
{
    uint64_t el = (read_sysreg(CurrentEL) >> 2) & 3;

    /* At EL2 the guest's HVCs would trap to itself: say so before that hangs. */
    if (el != 1)
        console_printf("%s: warning: entered at EL%lu, expected EL1\n", guest_name,
                       (unsigned long)el);
    main(dtb);
    psci_system_off();
}

void guest_fail(const char *fmt, ...)
{
    char reason[96];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(reason, sizeof(reason), fmt, ap);
    va_end(ap);
    console_printf("%s: FAIL %s\n", guest_name, reason);
    psci_system_off();
}
