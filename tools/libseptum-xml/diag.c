/* Formatting and counting the messages about a definition. */
#include <stdarg.h>

#include "diag.h"

static void finish(struct diag_sink *d, const char *fmt, va_list ap)
{
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
    d->errors++;
}

/* "FILE:LINE: element <E>[ attribute A]: " */
static void locate(struct diag_sink *d, const struct spot *at)
{
    fprintf(d->out, "%s:%u: element <%s>", d->file, at->line, at->element);
    if (at->attribute)
        fprintf(d->out, " attribute %s", at->attribute);
    fputs(": ", d->out);
}

void diag_at(struct diag_sink *d, const struct spot *at, const char *fmt, ...)
{
    va_list ap;

    locate(d, at);
    va_start(ap, fmt);
    finish(d, fmt, ap);
    va_end(ap);
}

void diag_warn_at(struct diag_sink *d, const struct spot *at, const char *fmt, ...)
{
    va_list ap;

    locate(d, at);
    fputs("warning: ", d->out);
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
    d->warnings++;
}

void diag_line(struct diag_sink *d, unsigned line, const char *fmt, ...)
{
    va_list ap;

    fprintf(d->out, "%s:%u: ", d->file, line);
    va_start(ap, fmt);
    finish(d, fmt, ap);
    va_end(ap);
}

void diag_file(struct diag_sink *d, const char *fmt, ...)
{
    va_list ap;

    fprintf(d->out, "%s: ", d->file);
    va_start(ap, fmt);
    finish(d, fmt, ap);
    va_end(ap);
}
