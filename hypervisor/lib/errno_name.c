/* Names of Septum's error codes, for log lines that say why. */
#include <septum/errno.h>

#define NAME(e)                                                                                    \
    case -(e):                                                                                     \
        return "-" #e

const char *errno_name(int err)
{
    switch (err) {
        NAME(EPERM);
        NAME(ENOENT);
        NAME(ESRCH);
        NAME(EIO);
        NAME(E2BIG);
        NAME(ENOEXEC);
        NAME(EAGAIN);
        NAME(ENOMEM);
        NAME(EFAULT);
        NAME(EBUSY);
        NAME(EEXIST);
        NAME(ENODEV);
        NAME(EINVAL);
        NAME(ENOSPC);
        NAME(ERANGE);
        NAME(ENOSYS);
        NAME(EOPNOTSUPP);
        NAME(ENOBUFS);
        NAME(EALREADY);
        NAME(EINPROGRESS);
    default:
        return "an unknown error";
    }
}
