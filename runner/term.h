/*
 * term.h: what the tool draws only for a person at a terminal, or when
 * asked: colour (--color).  A CI log, which is not a terminal, gets none
 * unless the command line asks for it.
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

#endif
