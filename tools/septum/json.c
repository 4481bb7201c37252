/* JSON string escaping (RFC 8259): quotes, backslashes and control
 * characters; other bytes pass through. */
#include "json.h"

void json_string(FILE *f, const char *s, size_t max)
{
    fputc('"', f);
    for (size_t i = 0; i < max && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}
