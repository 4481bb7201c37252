/* Error codes used across Septum; negative values are returned. The values
 * match Linux's so that dom0's tools can print them with strerror(). */
#ifndef SEPTUM_ERRNO_H
#define SEPTUM_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EIO 5
#define E2BIG 7
#define ENOEXEC 8
#define EAGAIN 11
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
#define EOPNOTSUPP 95
#define ENOBUFS 105
#define EALREADY 114
#define EINPROGRESS 115

/* "-EINVAL" for -EINVAL: the name of a negative error code above. */
const char *errno_name(int err);

#endif
