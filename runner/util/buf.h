/*
 * buf.h: a growable byte buffer, the one way snapcheck builds text.
 *
 * Allocation failure aborts (there is nothing useful to do in a test
 * tool when malloc fails), so callers never check for it.  A buffer
 * with a limit keeps its first LIMIT bytes (never splitting a UTF-8
 * character) and only counts the rest: text that quotes what another
 * program printed costs bounded memory however much that was.
 */
#ifndef SNAPCHECK_BUF_H
#define SNAPCHECK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct sc_buf {
    char *data;     /* always NUL-terminated once anything was kept */
    size_t len;
    size_t cap;
    size_t limit;   /* 0, or the most bytes kept */
    size_t dropped; /* bytes not kept for the limit; once one is
                     * dropped, all that follows is */
};

void sc_buf_add(struct sc_buf *b, const char *s, size_t n);
void sc_buf_puts(struct sc_buf *b, const char *s);
void sc_buf_printf(struct sc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sc_buf_vprintf(struct sc_buf *b, const char *fmt, va_list ap);
void sc_buf_indent(struct sc_buf *b, int level);
/* Ends a buffer that dropped anything with "… (N more bytes)". */
void sc_buf_mark_dropped(struct sc_buf *b);
/* Hands the text to the caller (never NULL) and empties the buffer. */
char *sc_buf_steal(struct sc_buf *b);
void sc_buf_free(struct sc_buf *b);

/* Out of memory: a message and exit status 2 (an error, never a
 * verdict), from any thread. */
_Noreturn void sc_out_of_memory(void);

void *sc_xmalloc(size_t n);
void *sc_xcalloc(size_t n, size_t size);
void *sc_xrealloc(void *p, size_t n);
char *sc_xstrdup(const char *s);
char *sc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
