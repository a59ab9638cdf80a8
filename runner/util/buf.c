/*
 * buf.c: growable buffer and the allocation helpers that end the
 * process on failure.
 */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/exitcode.h"

void sc_out_of_memory(void)
{
    static const char msg[] = "snapcheck: out of memory\n";

    /* no stdio, no exit handlers: another thread may hold their locks */
    if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
        /* nothing left to report it with */
    }
    _exit(EXIT_USAGE);
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

/* How much of the N bytes at S a limited buffer keeps: what fits, cut
 * before a UTF-8 continuation byte (S has a byte past what fits). */
static size_t fitting(const struct sc_buf *b, const char *s, size_t n)
{
    if (!b->limit)
        return n;
    if (b->dropped || b->len >= b->limit)
        return 0;
    size_t room = b->limit - b->len;
    if (n <= room)
        return n;
    for (int back = 0; room > 0 && back < 3 && ((unsigned char)s[room] & 0xC0) == 0x80; back++)
        room--;
    return room;
}

/* Keeps KEEP of the bytes at S and counts the rest of TOTAL as dropped. */
static void append(struct sc_buf *b, const char *s, size_t keep, size_t total)
{
    b->dropped += total - keep;
    if (keep == 0 && total != 0)
        return;
    reserve(b, keep);
    memcpy(b->data + b->len, s, keep);
    b->len += keep;
    b->data[b->len] = '\0';
}

void sc_buf_add(struct sc_buf *b, const char *s, size_t n)
{
    append(b, s, fitting(b, s, n), n);
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
    if (b->limit && (b->dropped || b->len + (size_t)n > b->limit)) {
        /* only what may be kept is formatted, and a few bytes to find
         * where a character ends */
        size_t room = b->limit > b->len ? b->limit - b->len : 0;
        size_t k = (size_t)n < room + 4 ? (size_t)n : room + 4;
        char *part = sc_xmalloc(k + 1);
        vsnprintf(part, k + 1, fmt, ap);
        append(b, part, fitting(b, part, k), (size_t)n);
        free(part);
        return;
    }
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
    if (b->limit) {
        for (int i = 0; i < level; i++)
            sc_buf_add(b, "  ", 2);
        return;
    }
    reserve(b, (size_t)level * 2);
    memset(b->data + b->len, ' ', (size_t)level * 2);
    b->len += (size_t)level * 2;
    b->data[b->len] = '\0';
}

void sc_buf_mark_dropped(struct sc_buf *b)
{
    size_t limit = b->limit, dropped = b->dropped;

    if (!dropped)
        return;
    b->limit = 0;
    b->dropped = 0;
    sc_buf_printf(b, "… (%zu more bytes)", dropped);
    b->limit = limit;
    b->dropped = dropped;
}

char *sc_buf_steal(struct sc_buf *b)
{
    char *s = b->data ? b->data : sc_xstrdup("");

    b->data = NULL;
    b->len = b->cap = b->dropped = 0;
    return s;
}

void sc_buf_free(struct sc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = b->dropped = 0;
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
