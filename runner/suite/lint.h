/*
 * lint.h: the suite checks itself.  The manifest must be valid against
 * rng/manifest.rng, ids and descriptions unique; every case must have its
 * input, every valid case its golden; no file in cases/ or golden/ (in
 * a project's suite: valid/, invalid/, golden/) may be left
 * unreferenced; every golden must already be canonical; every invalid
 * case must be rejected for its declared reason only; the manifest must
 * be in canonical form.
 */
#ifndef SNAPCHECK_LINT_H
#define SNAPCHECK_LINT_H

#include <stdbool.h>
#include <stdio.h>

struct sc_layout;

/* Prints one "FILE[:LINE]: error: …" line per finding about the suite
 * LAYOUT describes to OUT and returns how many there were.  With FIX, a
 * manifest that is valid but not in canonical form is rewritten
 * (atomically) instead of reported; nothing else is changed.  The
 * cases and golden files are checked in each profile of PROFILES (a bit
 * per enum sc_profile); the manifest and the files' ownership always
 * over every profile. */
size_t sc_lint(const struct sc_layout *layout, FILE *out, bool fix, unsigned profiles);

#endif
