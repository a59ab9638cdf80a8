/*
 * diag.h: a list of diagnostics (line + message) for one document, as
 * collected from the schema and the parser and printed by the tool as
 * FILE:LINE: error: MESSAGE; and the one way the tool prints its other
 * lines.  Everything printed is escaped for a terminal (escape.h): a
 * file name or a quoted value can neither end the line nor start one.
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

/* The first fault found in one document, without allocation: what the
 * reader and the reference model stop at. */
struct sc_error {
    long line;          /* 0 when no line applies */
    char part[16];      /* the part of the document it is about (model/xmlin.h) */
    char msg[512];
    bool unreadable;    /* not judged: beyond snapcheck's bounds (xmllimits.h) */
};

/* Sets ERR to MSG at LINE about PART ("root" when NULL); returns -1. */
int sc_error_set(struct sc_error *err, long line, const char *part, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

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
/* The lines sc_diag_list_print prints, unescaped, for a report whose
 * writer escapes them for its format (newly allocated). */
char *sc_diag_list_text(const char *file, const struct sc_diag_list *l);

/* Prints FMT, formatted, as one line, escaped as a whole. */
void sc_say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints each line of TEXT after INDENT, escaped; with COLOR, the lines
 * of unified diffs in colour. */
void sc_say_lines(FILE *out, const char *indent, const char *text, bool color);
/* Whether some message of L contains FRAGMENT. */
bool sc_diag_list_mentions(const struct sc_diag_list *l, const char *fragment);

void sc_diag_list_free(struct sc_diag_list *l);

#endif
