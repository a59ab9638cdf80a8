/*
 * term.h: what the tool draws only for a person at a terminal, or when
 * asked: colour (--color) and a progress line on standard error
 * (--progress).  A CI log, which is not a terminal, gets neither unless
 * the command line asks for it.
 */
#ifndef SNAPCHECK_TERM_H
#define SNAPCHECK_TERM_H

#include <stdbool.h>
#include <stddef.h>

enum sc_when {
    SC_WHEN_AUTO,     /* on a terminal */
    SC_WHEN_ALWAYS,
    SC_WHEN_NEVER,
};

/* "auto", "always" or "never"; -1 for anything else. */
int sc_when_from_string(const char *s);

/* Whether to colour what goes to FD: always, never, or (auto) when FD
 * is a terminal, TERM is not "dumb" and NO_COLOR is unset or empty. */
bool sc_color_for(enum sc_when when, int fd);

/* A progress line on standard error: "snapcheck WHAT: DONE/TOTAL UNIT
 * (P%), S s".  On a terminal (auto or always) one line is rewritten in
 * place, at most ten times a second, and erased at the end.  Elsewhere
 * only with always: plain lines, one each tenth of the way and one at
 * least every five seconds, and one at the end.  Every call is safe
 * from any thread, and on NULL (no progress). */
struct sc_progress;
struct sc_progress *sc_progress_start(enum sc_when when, const char *what, const char *unit);
/* The number of items: FINAL once it can no longer grow. */
void sc_progress_total(struct sc_progress *p, size_t total, bool final);
/* One more item done. */
void sc_progress_step(struct sc_progress *p);
/* Erases the line on a terminal, before something else is printed
 * there; the next step draws it again. */
void sc_progress_clear(struct sc_progress *p);
/* Erases the line, or prints the last one; frees P. */
void sc_progress_end(struct sc_progress *p);

#endif
