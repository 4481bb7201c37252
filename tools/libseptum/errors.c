/* Messages for the errors the library returns, phrased for what a
 * hypervisor call means by them; anything else is the C library's text. */
#include <errno.h>
#include <string.h>

#include "septum.h"

static const struct {
    int err;
    const char *text;
} messages[] = {
    {EPERM, "not permitted (the control domain and CAP_SYS_ADMIN only)"},
    {ENOSYS, "not supported by this hypervisor"},
    {EOPNOTSUPP, "not a call the /dev/septum driver knows"},
    {ESRCH, "no such domain"},
    {ENOTUNIQ, "more than one domain has that name"},
    {EINVAL, "invalid argument"},
    {EFAULT, "bad buffer address"},
    {ENOMEM, "not enough memory"},
    {EBUSY, "busy: a pCPU is taken, or the domain's state does not allow this"},
    {ENOSPC, "no room left in the hypervisor (domain slots, memory or load segments)"},
    {ENOBUFS, "free memory is in too many pieces for one domain"},
    {ENAMETOOLONG, "name or command line too long"},
    {ENOEXEC, "nothing to boot (not an arm64 Linux Image, or no entry point)"},
    {EFBIG, "image does not fit in the domain's memory"},
    {ENODATA, "empty file"},
    {EPROTO, "unexpected reply from the hypervisor"},
    {EPROTONOSUPPORT, "hypervisor ABI version not supported by these tools"},
};

const char *septum_strerror(int err)
{
    if (err >= 0)
        return "success";
    for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
        if (messages[i].err == -err)
            return messages[i].text;
    return strerror(-err);
}
