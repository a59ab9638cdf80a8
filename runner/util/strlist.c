/*
 * strlist.c: the string list of strlist.h.
 */
#include "util/strlist.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void sc_strings_take(struct sc_strings *l, char *s)
{
    l->v = sc_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    l->v[l->n++] = s;
}

void sc_strings_add(struct sc_strings *l, const char *s)
{
    sc_strings_take(l, sc_xstrdup(s));
}

void sc_strings_add_once(struct sc_strings *l, const char *s)
{
    if (!sc_strings_has(l, s))
        sc_strings_add(l, s);
}

bool sc_strings_has(const struct sc_strings *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], s) == 0)
            return true;
    }
    return false;
}

void sc_strings_free(struct sc_strings *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}
