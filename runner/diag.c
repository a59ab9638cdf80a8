/*
 * diag.c: collecting and printing diagnostics in the form compilers
 * use, so that editors and CI annotators can jump to the line, and the
 * escaping that keeps each of them one line of plain text.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void vadd(struct sc_diag_list *l, const char *file, long line, const char *fmt, va_list ap)
{
    struct sc_buf b = { 0 };

    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = sc_xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    sc_buf_vprintf(&b, fmt, ap);
    l->v[l->n].file = file ? sc_xstrdup(file) : NULL;
    l->v[l->n].line = line;
    l->v[l->n].part = NULL;
    l->v[l->n].msg = sc_buf_steal(&b);
    l->n++;
}

void sc_diag_add(struct sc_diag_list *l, long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vadd(l, NULL, line, fmt, ap);
    va_end(ap);
}

void sc_diag_add_in(struct sc_diag_list *l, const char *file, long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vadd(l, file, line, fmt, ap);
    va_end(ap);
}

/* The length of the valid UTF-8 sequence at P that encodes a printable
 * character (not a C1 control), or 0. */
static size_t utf8_printable(const unsigned char *p)
{
    unsigned cp;
    size_t n;

    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        n = 2, cp = p[0] & 0x1fu;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        n = 3, cp = p[0] & 0x0fu;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        n = 4, cp = p[0] & 0x07u;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)   /* also stops at the NUL */
            return 0;
        cp = cp << 6 | (p[i] & 0x3fu);
    }
    /* overlong forms, surrogates, beyond U+10FFFF, C1 controls */
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) ||
        cp > 0x10ffff || (cp >= 0x80 && cp <= 0x9f))
        return 0;
    return n;
}

void sc_escape_console(struct sc_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        size_t n = *p >= 0x80 ? utf8_printable(p) : 0;
        if (n) {
            sc_buf_add(b, (const char *)p, n);
            p += n;
            continue;
        }
        if (*p == '\n')
            sc_buf_puts(b, "\\n");
        else if (*p == '\t')
            sc_buf_puts(b, "\\t");
        else if (*p == '\r')
            sc_buf_puts(b, "\\r");
        else if (*p < 0x20 || *p >= 0x7f)
            sc_buf_printf(b, "\\x%02x", *p);
        else
            sc_buf_add(b, (const char *)p, 1);
        p++;
    }
}

/* A diagnostic stays on one line of plain text, whatever the document
 * or a file a schema names holds. */
void sc_diag_print(FILE *out, const char *file, long line, const char *msg)
{
    struct sc_buf b = { 0 };

    sc_escape_console(&b, file);
    if (line > 0)
        sc_buf_printf(&b, ":%ld", line);
    sc_buf_puts(&b, ": error: ");
    sc_escape_console(&b, msg);
    sc_buf_puts(&b, "\n");
    fputs(b.data, out);
    sc_buf_free(&b);
}

void sc_diag_list_print(FILE *out, const char *file, const struct sc_diag_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        sc_diag_print(out, l->v[i].file ? l->v[i].file : file, l->v[i].line, l->v[i].msg);
}

bool sc_diag_list_mentions(const struct sc_diag_list *l, const char *fragment)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strstr(l->v[i].msg, fragment))
            return true;
    }
    return false;
}

void sc_diag_list_free(struct sc_diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].file);
        free(l->v[i].msg);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
