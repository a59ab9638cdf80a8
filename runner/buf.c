/*
 * buf.c: growable buffer and the allocation helpers that end the
 * process on failure.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sc_out_of_memory(void)
{
    static const char msg[] = "snapcheck: out of memory\n";

    /* no stdio, no exit handlers: another thread may hold their locks */
    if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
        /* nothing left to report it with */
    }
    _exit(2);
}

void *sc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        sc_out_of_memory();
    return p;
}

void *sc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        sc_out_of_memory();
    return p;
}

void *sc_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        sc_out_of_memory();
    return p;
}

char *sc_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;

    return memcpy(sc_xmalloc(n), s, n);
}

static void reserve(struct sc_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;

    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    b->data = sc_xrealloc(b->data, cap);
    b->cap = cap;
}

void sc_buf_add(struct sc_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sc_buf_puts(struct sc_buf *b, const char *s)
{
    sc_buf_add(b, s, strlen(s));
}

void sc_buf_vprintf(struct sc_buf *b, const char *fmt, va_list ap)
{
    va_list copy;

    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sc_buf_printf(struct sc_buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void sc_buf_indent(struct sc_buf *b, int level)
{
    reserve(b, (size_t)level * 2);
    memset(b->data + b->len, ' ', (size_t)level * 2);
    b->len += (size_t)level * 2;
    b->data[b->len] = '\0';
}

char *sc_buf_steal(struct sc_buf *b)
{
    char *s = b->data ? b->data : sc_xstrdup("");

    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void sc_buf_free(struct sc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *sc_xasprintf(const char *fmt, ...)
{
    struct sc_buf b = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return sc_buf_steal(&b);
}
