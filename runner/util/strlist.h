/*
 * strlist.h: a list of strings the list owns (struct sc_strings), the
 * one way snapcheck keeps one: appending, looking up, freeing.
 */
#ifndef SNAPCHECK_STRLIST_H
#define SNAPCHECK_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct sc_strings {
    char **v;
    size_t n;
};

/* Appends S, which the list then owns. */
void sc_strings_take(struct sc_strings *l, char *s);

/* Appends a copy of S. */
void sc_strings_add(struct sc_strings *l, const char *s);

/* Appends a copy of S unless the list holds it already. */
void sc_strings_add_once(struct sc_strings *l, const char *s);

/* Whether the list holds S. */
bool sc_strings_has(const struct sc_strings *l, const char *s);

/* Frees every string and the list, which is left empty. */
void sc_strings_free(struct sc_strings *l);

#endif
