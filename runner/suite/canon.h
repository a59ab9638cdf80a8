/*
 * canon.h: documents compared as XML rather than as bytes (run
 * --compare canonical).  Two documents have the same canonical form
 * when they differ only in attribute order, quote style, empty-element
 * form (<a/> or <a></a>), character references, whitespace-only text in
 * element content (indentation), comments, the prefixes they give
 * namespaces and where they declare them.  Text content is compared
 * exactly: a <description> keeps its whitespace.
 */
#ifndef SNAPCHECK_CANON_H
#define SNAPCHECK_CANON_H

#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"

enum sc_canon_form {
    SC_CANON_C14N,      /* Exclusive XML Canonicalization 1.0: what is compared */
    SC_CANON_DISPLAY,   /* the same tree, one element per line: what a diff shows */
};

/* The FORM of the document TEXT (LEN bytes, read as every document is,
 * within the same bounds), newly allocated.  NULL with ERR set when TEXT
 * is not XML, when it cannot be canonicalised (a relative namespace
 * URI), or when the form would pass LIMIT bytes (ERR->unreadable). */
char *sc_canonical(const char *text, size_t len, enum sc_canon_form form, size_t limit,
                   struct sc_error *err);

#endif
