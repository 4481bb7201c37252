/* Xen's hypercall ABI on Arm: `hvc #0xEA1`, number in x16, arguments from
 * x0 (xen/include/public/arch-arm.h); xen_version(XENVER_version, NULL) is
 * its cheapest call. */
#ifndef BENCH_XEN_H
#define BENCH_XEN_H

#define XEN_HYPERCALL_TAG 0xea1
#define XEN_HC_XEN_VERSION 17
#define XEN_HC_UNKNOWN 0xfff /* past the end of Xen's hypercall table: -ENOSYS */
#define XENVER_VERSION 0

#endif
