/*
 * diag.c: collecting and printing diagnostics in the form compilers
 * use, so that editors and CI annotators can jump to the line.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void sc_diag_add(struct sc_diag_list *l, long line, const char *fmt, ...)
{
    struct sc_buf b = { 0 };
    va_list ap;

    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = sc_xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    va_start(ap, fmt);
    sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    l->v[l->n].line = line;
    l->v[l->n].part = NULL;
    l->v[l->n].msg = sc_buf_steal(&b);
    l->n++;
}

/* A diagnostic stays on one line: control characters quoted from the
 * document are shown as C escapes. */
void sc_diag_print(FILE *out, const char *file, long line, const char *msg)
{
    if (line > 0)
        fprintf(out, "%s:%ld: error: ", file, line);
    else
        fprintf(out, "%s: error: ", file);
    for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
        if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p == '\r')
            fputs("\\r", out);
        else if (*p < 0x20)
            fprintf(out, "\\x%02x", *p);
        else
            fputc(*p, out);
    }
    fputc('\n', out);
}

void sc_diag_list_print(FILE *out, const char *file, const struct sc_diag_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        sc_diag_print(out, file, l->v[i].line, l->v[i].msg);
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
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].msg);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
