/*
 * diag.h: a list of diagnostics (line + message) for one document, as
 * collected from the schema and the parser and printed by the tool as
 * FILE:LINE: error: MESSAGE, and the escaping that keeps such a line one
 * line of plain text whatever bytes the message quotes.
 */
#ifndef SNAPCHECK_DIAG_H
#define SNAPCHECK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct sc_buf;

struct sc_diag {
    char *file;     /* another file than the list's (an included schema), or NULL */
    long line;      /* 0 when unknown */
    const char *part; /* for a document: the part it is about, or NULL */
    char *msg;
};

struct sc_diag_list {
    struct sc_diag *v;
    size_t n, cap;
};

void sc_diag_add(struct sc_diag_list *l, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for a message about FILE rather than the list's own file
 * (FILE NULL: the list's own). */
void sc_diag_add_in(struct sc_diag_list *l, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* "FILE:LINE: error: MSG" (without ":LINE" when LINE is 0), file name
 * and message escaped for the console. */
void sc_diag_print(FILE *out, const char *file, long line, const char *msg);
/* Each diagnostic, under its own file or else FILE. */
void sc_diag_list_print(FILE *out, const char *file, const struct sc_diag_list *l);

/* Appends S to B as text safe for a terminal or a log, on one line:
 * printable ASCII and valid UTF-8 as they are; newline, tab and
 * carriage return as \n, \t, \r; any other control character, DEL, a C1
 * control and every byte that is not part of valid UTF-8 as \xNN. */
void sc_escape_console(struct sc_buf *b, const char *s);

/* Whether some message of L contains FRAGMENT. */
bool sc_diag_list_mentions(const struct sc_diag_list *l, const char *fragment);

void sc_diag_list_free(struct sc_diag_list *l);

#endif
