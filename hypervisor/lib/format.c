/* printf-style formatting shared by the hypervisor and the test guests. */
#include <stdbool.h>
#include <stdint.h>
#include <septum/format.h>

struct spec {
    int width;
    bool left;
    bool zero;
    int length; /* 0: int, 1: long, 2: long long, 3: size_t */
};

struct emitter {
    format_sink sink;
    void *ctx;
    int count;
};

static void emit(struct emitter *e, char c)
{
    e->sink(e->ctx, c);
    e->count++;
}

static void emit_padding(struct emitter *e, int n, char c)
{
    while (n-- > 0)
        emit(e, c);
}

static void emit_field(struct emitter *e, const struct spec *s, const char *text, int len,
                       bool negative)
{
    int body = len + (negative ? 1 : 0);
    int pad = s->width > body ? s->width - body : 0;

    if (!s->left && !s->zero)
        emit_padding(e, pad, ' ');
    if (negative)
        emit(e, '-');
    if (!s->left && s->zero)
        emit_padding(e, pad, '0');
    for (int i = 0; i < len; i++)
        emit(e, text[i]);
    if (s->left)
        emit_padding(e, pad, ' ');
}

static void emit_number(struct emitter *e, const struct spec *s, uint64_t value, unsigned base,
                        bool upper, bool negative)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int len = 0;

    do {
        buf[sizeof(buf) - 1 - len++] = digits[value % base];
        value /= base;
    } while (value);
    emit_field(e, s, buf + sizeof(buf) - len, len, negative);
}

static uint64_t next_unsigned(va_list *ap, int length)
{
    switch (length) {
    case 0:
        return va_arg(*ap, unsigned int);
    case 1:
        return va_arg(*ap, unsigned long);
    case 2:
        return va_arg(*ap, unsigned long long);
    default:
        return va_arg(*ap, size_t);
    }
}

static int64_t next_signed(va_list *ap, int length)
{
    switch (length) {
    case 0:
        return va_arg(*ap, int);
    case 1:
        return va_arg(*ap, long);
    case 2:
        return va_arg(*ap, long long);
    default:
        return (int64_t)va_arg(*ap, size_t);
    }
}

static const char *parse_spec(const char *p, struct spec *s)
{
    *s = (struct spec){0};
    for (;; p++) {
        if (*p == '-')
            s->left = true;
        else if (*p == '0')
            s->zero = true;
        else
            break;
    }
    while (*p >= '0' && *p <= '9')
        s->width = s->width * 10 + (*p++ - '0');
    if (*p == 'z') {
        s->length = 3;
        p++;
    }
    while (*p == 'l' && s->length < 2) {
        s->length++;
        p++;
    }
    return p;
}

int format_to(format_sink sink, void *ctx, const char *fmt, va_list ap_in)
{
    struct emitter e = {sink, ctx, 0};
    struct spec s;
    va_list ap;

    va_copy(ap, ap_in);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            emit(&e, *p);
            continue;
        }
        p = parse_spec(p + 1, &s);
        switch (*p) {
        case 'd':
        case 'i': {
            int64_t v = next_signed(&ap, s.length);
            emit_number(&e, &s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, 10, false, v < 0);
            break;
        }
        case 'u':
            emit_number(&e, &s, next_unsigned(&ap, s.length), 10, false, false);
            break;
        case 'x':
        case 'X':
            emit_number(&e, &s, next_unsigned(&ap, s.length), 16, *p == 'X', false);
            break;
        case 'p':
            emit(&e, '0');
            emit(&e, 'x');
            emit_number(&e, &s, (uintptr_t)va_arg(ap, void *), 16, false, false);
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            int len = 0;

            if (!str)
                str = "(null)";
            while (str[len])
                len++;
            emit_field(&e, &s, str, len, false);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit_field(&e, &s, &c, 1, false);
            break;
        }
        case '%':
            emit(&e, '%');
            break;
        case '\0':
            p--;
            break;
        default:
            emit(&e, '%');
            emit(&e, *p);
            break;
        }
    }
    va_end(ap);
    return e.count;
}

struct buffer_sink {
    char *buf;
    size_t size;
    size_t used;
};

static void buffer_put(void *ctx, char c)
{
    struct buffer_sink *b = ctx;

    if (b->used + 1 < b->size)
        b->buf[b->used] = c;
    b->used++;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buffer_sink b = {buf, size, 0};
    int n = format_to(buffer_put, &b, fmt, ap);

    if (size)
        buf[b.used < size ? b.used : size - 1] = '\0';
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
