/*
 * lint.h: the suite checks itself.  The manifest must be valid against
 * rng/manifest.rng, ids and descriptions unique; every case must have its
 * input, every valid case its golden; no file in cases/ or golden/ may be
 * left unreferenced; every golden must already be canonical; every
 * invalid case must be rejected for its declared reason only; the
 * manifest must be in canonical form.
 */
#ifndef SNAPCHECK_LINT_H
#define SNAPCHECK_LINT_H

#include <stdbool.h>
#include <stdio.h>

/* Prints one "FILE[:LINE]: error: …" line per finding to OUT and
 * returns how many there were.  With FIX, a manifest that is valid but
 * not in canonical form is rewritten (atomically) instead of reported;
 * nothing else is changed. */
size_t sc_lint(const char *datadir, FILE *out, bool fix);

#endif
