/*
 * diag.c: collecting and printing diagnostics (file, line, severity,
 * message) in the form compilers use, so that editors and CI annotators can jump to the line, and
 * printing any other line of the tool's own; whatever is printed goes
 * through the terminal's escaping (escape.h).
 */
#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/escape.h"

const char *sc_severity_name(enum sc_severity severity)
{
    switch (severity) {
    case SC_SEV_WARNING:
        return "warning";
    case SC_SEV_NOTE:
        return "note";
    case SC_SEV_ERROR:
    default:
        return "error";
    }
}

static void vset(struct sc_diag *d, const char *file, long line, enum sc_severity severity,
                 const char *fmt, va_list ap)
{
    struct sc_buf b = { 0 };

    sc_buf_vprintf(&b, fmt, ap);
    d->file = file ? sc_xstrdup(file) : NULL;
    d->line = line;
    d->severity = severity;
    d->part = NULL;
    d->msg = sc_buf_steal(&b);
}

int sc_diag_set(struct sc_diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;

    sc_diag_clear(d);
    va_start(ap, fmt);
    vset(d, file, line, SC_SEV_ERROR, fmt, ap);
    va_end(ap);
    return -1;
}

void sc_diag_clear(struct sc_diag *d)
{
    free(d->file);
    free(d->msg);
    memset(d, 0, sizeof(*d));
}

static struct sc_diag *grow(struct sc_diag_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = sc_xrealloc(l->v, l->cap * sizeof(*l->v));
    }
    return &l->v[l->n++];
}

void sc_diag_add(struct sc_diag_list *l, long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vset(grow(l), NULL, line, SC_SEV_ERROR, fmt, ap);
    va_end(ap);
}

void sc_diag_add_in(struct sc_diag_list *l, const char *file, long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vset(grow(l), file, line, SC_SEV_ERROR, fmt, ap);
    va_end(ap);
}

void sc_diag_list_take(struct sc_diag_list *l, struct sc_diag *d)
{
    *grow(l) = *d;
    memset(d, 0, sizeof(*d));
}

void sc_diag_add_error(struct sc_diag_list *l, const struct sc_error *err)
{
    sc_diag_add(l, err->line, "%s", err->msg);
}

/* D's line, newline included; ESCAPE for a terminal. */
static void diag_line(struct sc_buf *b, const char *file, const struct sc_diag *d, bool escape)
{
    if (d->file)
        file = d->file;
    if (!file)
        sc_buf_puts(b, "snapcheck");
    else if (escape)
        sc_esc_text(b, file);
    else
        sc_buf_puts(b, file);
    if (file && d->line > 0)
        sc_buf_printf(b, ":%ld", d->line);
    if (file || d->severity != SC_SEV_ERROR)
        sc_buf_printf(b, ": %s", sc_severity_name(d->severity));
    sc_buf_puts(b, ": ");
    if (escape)
        sc_esc_text(b, d->msg);
    else
        sc_buf_puts(b, d->msg);
    sc_buf_puts(b, "\n");
}

/* A diagnostic stays on one line, the file name and whatever the
 * message quotes from the document shown in C escapes. */
void sc_diag_print(FILE *out, const char *file, const struct sc_diag *d)
{
    struct sc_buf b = { 0 };

    diag_line(&b, file, d, true);
    fputs(b.data, out);
    sc_buf_free(&b);
}

void sc_diag_list_print(FILE *out, const char *file, const struct sc_diag_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        sc_diag_print(out, file, &l->v[i]);
}

char *sc_diag_list_text(const char *file, const struct sc_diag_list *l)
{
    struct sc_buf b = { 0 };

    for (size_t i = 0; i < l->n; i++)
        diag_line(&b, file, &l->v[i], false);
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
