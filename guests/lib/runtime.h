/* The contract between the runtime library and each guest program. */
#ifndef GUEST_RUNTIME_H
#define GUEST_RUNTIME_H

/* Provided by the guest: its name, used as the prefix of library messages. */
extern const char guest_name[];

/* Provided by the guest: runs on the boot CPU with dtb = the address the
 * loader passed (x0 on arm64, a1 on riscv64). The guest is powered off when main returns. */
int main(const void *dtb);

/* Prints "<guest_name>: FAIL <reason>" and powers the guest off. */
__attribute__((noreturn, format(printf, 1, 2))) void guest_fail(const char *fmt, ...);

#endif
