/*
 * diag.c: collecting and printing diagnostics in the form compilers
 * use, so that editors and CI annotators can jump to the line, and
 * printing any other line of the tool's own; whatever is printed goes
 * through the terminal's escaping (escape.h).
 */
#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/escape.h"

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

/* FILE:LINE: error: MSG, newline included; ESCAPE for a terminal. */
static void diag_line(struct sc_buf *b, const char *file, long line, const char *msg, bool escape)
{
    if (escape)
        sc_esc_text(b, file);
    else
        sc_buf_puts(b, file);
    if (line > 0)
        sc_buf_printf(b, ":%ld: error: ", line);
    else
        sc_buf_puts(b, ": error: ");
    if (escape)
        sc_esc_text(b, msg);
    else
        sc_buf_puts(b, msg);
    sc_buf_puts(b, "\n");
}

/* A diagnostic stays on one line, the file name and whatever the
 * message quotes from the document shown in C escapes. */
void sc_diag_print(FILE *out, const char *file, long line, const char *msg)
{
    struct sc_buf b = { 0 };

    diag_line(&b, file, line, msg, true);
    fputs(b.data, out);
    sc_buf_free(&b);
}

void sc_diag_list_print(FILE *out, const char *file, const struct sc_diag_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        sc_diag_print(out, l->v[i].file ? l->v[i].file : file, l->v[i].line, l->v[i].msg);
}

char *sc_diag_list_text(const char *file, const struct sc_diag_list *l)
{
    struct sc_buf b = { 0 };

    for (size_t i = 0; i < l->n; i++)
        diag_line(&b, l->v[i].file ? l->v[i].file : file, l->v[i].line, l->v[i].msg, false);
    return sc_buf_steal(&b);
}

void sc_say(FILE *out, const char *fmt, ...)
{
    struct sc_buf text = { 0 }, line = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&text, fmt, ap);
    va_end(ap);
    sc_esc_text(&line, text.data);
    sc_buf_puts(&line, "\n");
    fputs(line.data, out);
    sc_buf_free(&text);
    sc_buf_free(&line);
}

void sc_say_lines(FILE *out, const char *indent, const char *text, bool color)
{
    struct sc_buf b = { 0 };

    sc_esc_text_lines(&b, indent, text, color);
    if (b.data)
        fputs(b.data, out);
    sc_buf_free(&b);
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

int sc_error_set(struct sc_error *err, long line, const char *part, const char *fmt, ...)
{
    va_list ap;

    err->unreadable = false;
    err->line = line < 0 ? 0 : line;
    snprintf(err->part, sizeof(err->part), "%s", part ? part : "root");
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return -1;
}
