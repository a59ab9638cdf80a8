/*
 * shortcut.h: proving, from a schema's grammar, that a shortcut of bulk
 * validation (bulk.h) gives the verdict a full validation gives.
 *
 * Both shortcuts take one child of the document's root, by name, and
 * validate the document without it (set aside) or with only part of its
 * children at a time (batches).  That is sound when the grammar shows,
 * structurally, that:
 *
 * - the root can only match one element pattern, whose content is an
 *   interleave (attributes aside): then each child of the root is
 *   matched by one of its components, whatever the other children are;
 * - exactly one of those components can match an element of that name,
 *   and it matches one such element or none, of any of its element
 *   patterns (choice, optional, zeroOrMore, oneOrMore, references and
 *   nested grammars around element patterns; no group, no text);
 * - for batches: of that component, exactly one element pattern can
 *   match the name, and its content (attributes aside) is zeroOrMore or
 *   oneOrMore of one such single-element pattern, so that any number of
 *   children each valid on their own are valid together (which is also
 *   what lets a child that pattern accepted once be set aside later);
 * - and nowhere in the grammar a datatype whose validity depends on
 *   the rest of the document (ID, IDREF, IDREFS, ENTITY, ENTITIES,
 *   NOTATION, QName).
 *
 * Anything the check does not understand, or a file it cannot read,
 * refuses the shortcut: validation is then done in full.
 */
#ifndef SNAPCHECK_SHORTCUT_H
#define SNAPCHECK_SHORTCUT_H

#include <stddef.h>

#include "util/diag.h"

enum {
    SC_SHORTCUT_SET_ASIDE = 1,   /* validate without it, when it is known to be valid */
    SC_SHORTCUT_BATCH = 2,       /* validate its children a batch at a time, or
                                  * without those known to be valid */
};

/* One level further down: the children of LIST, itself a child of
 * PART (a child of the root), that may be set aside when known, by
 * name.  That is sound when, besides the conditions on PART above:
 *
 * - of the element patterns that may match PART, exactly one may hold
 *   a LIST child (an element another one matches has none), and its
 *   content is an interleave (attributes aside) in which exactly one
 *   component may match LIST, and it is one element or none, of
 *   exactly one element pattern;
 * - that pattern's content is an interleave (attributes aside), with no
 *   data beside elements, and a name qualifies when exactly one of its
 *   components may match it and that component is zeroOrMore of a
 *   single-element pattern: any number of children, each matched on its
 *   own, so that one it accepted once can be put back beside any
 *   others. */
struct sc_nested_proof {
    const char *part, *list;   /* asked */
    char **items;              /* found: the names, NULL-ended (NULL when
                                * none); the caller frees them */
    size_t nitems;
};

struct sc_values;

/* For each of the N NAMES (children of the root, in no namespace),
 * which of the SC_SHORTCUT_* bits WANTED[i] the grammar at PATH allows:
 * OUT[i]; for each of the NNESTED requests, the names of its children
 * that may be set aside; and, when VALUES is given, the attribute
 * values the grammar looks at only through datatypes (values.h), or
 * NULL when there are none (or the grammar is refused as a whole).
 * Why a shortcut is not allowed goes to WHY. */
void sc_shortcuts_prove(const char *path, const char *const *names, const unsigned *wanted,
                        size_t n, unsigned *out, struct sc_nested_proof *nested, size_t nnested,
                        struct sc_values **values, struct sc_diag_list *why);

#endif
