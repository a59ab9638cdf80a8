/*
 * diag.h: the one form of a problem the tool reports, a diagnostic
 * (file, line, severity, message), alone or in a list for one document,
 * as collected from the schema, the parser, file I/O and the suite, and
 * printed by the tool as FILE:LINE: SEVERITY: MESSAGE; and the one way
 * the tool prints its other lines.  Everything printed is escaped for a
 * terminal (escape.h): a file name or a quoted value can neither end
 * the line nor start one.
 */
#ifndef SNAPCHECK_DIAG_H
#define SNAPCHECK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct sc_buf;

enum sc_severity {
    SC_SEV_ERROR,
    SC_SEV_WARNING,
    SC_SEV_NOTE,
};

/* "error", "warning" or "note". */
const char *sc_severity_name(enum sc_severity severity);

struct sc_diag {
    char *file;     /* another file than the one it is printed under (an
                     * included schema), or NULL */
    long line;      /* 0 when unknown */
    enum sc_severity severity;
    const char *part; /* for a document: the part it is about (a static
                       * string), or NULL */
    char *msg;
};

struct sc_diag_list {
    struct sc_diag *v;
    size_t n, cap;
};

/* The allocation-free form of one diagnostic (an error), for the hot
 * path: the first fault found in one document, what the reader and the
 * reference model stop at.  It becomes a struct sc_diag through
 * sc_diag_add_error, and only through it. */
struct sc_error {
    long line;          /* 0 when no line applies */
    char part[16];      /* the part of the document it is about (model/xmlin.h) */
    char msg[512];
    bool unreadable;    /* not judged: beyond snapcheck's bounds (xmllimits.h) */
};

/* Sets ERR to MSG at LINE about PART ("root" when NULL); returns -1. */
int sc_error_set(struct sc_error *err, long line, const char *part, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets D (zeroed, or holding a diagnostic, which is replaced) to an
 * error of MSG about FILE (NULL: the file the caller names) at LINE;
 * returns -1, for the functions that report a failure in D. */
int sc_diag_set(struct sc_diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Frees what D holds and zeroes it. */
void sc_diag_clear(struct sc_diag *d);

/* Adds an error of MSG at LINE. */
void sc_diag_add(struct sc_diag_list *l, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for a message about FILE rather than the list's own file
 * (FILE NULL: the list's own). */
void sc_diag_add_in(struct sc_diag_list *l, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Moves D to the end of L; D holds nothing after. */
void sc_diag_list_take(struct sc_diag_list *l, struct sc_diag *d);
/* Adds ERR as an error at its line (its part, a fixed array, is not
 * carried: the caller reads it from ERR): the one conversion of an
 * sc_error into a diagnostic. */
void sc_diag_add_error(struct sc_diag_list *l, const struct sc_error *err);

/* D as "FILE:LINE: SEVERITY: MSG", FILE being D's own file or else
 * FILE, and ":LINE" left out when the line is 0; a diagnostic of no
 * file at all is the tool's own: "snapcheck: MSG" ("snapcheck:
 * SEVERITY: MSG" when not an error).  File name and message escaped for
 * the console. */
void sc_diag_print(FILE *out, const char *file, const struct sc_diag *d);
/* Each diagnostic (sc_diag_print), under its own file or else FILE. */
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
