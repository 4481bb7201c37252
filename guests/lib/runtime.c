/* C entry of the boot CPU, called from start.S with bss cleared. */
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
