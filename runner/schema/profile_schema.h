/*
 * profile_schema.h: each profile's schema, generated from the state
 * table.
 *
 * rng/domainsnapshot.rng is the one grammar, the default (newest)
 * profile's.  Every older profile has a small wrapper,
 * rng/profile-NAME.rng, that includes it and overrides what that release
 * does otherwise: the "state" define, listing exactly the release's
 * accepted states (states.def), and the define of each part of the
 * format that came later (features.def), made notAllowed or empty.
 * The wrappers are generated (make rng, or snapcheck profiles --rng
 * NAME) and a test fails when one is stale.
 */
#ifndef SNAPCHECK_PROFILE_SCHEMA_H
#define SNAPCHECK_PROFILE_SCHEMA_H

#include "model/states.h"

/* The file name, under rng/, of PROFILE's schema: domainsnapshot.rng
 * for the default profile, profile-NAME.rng otherwise.  Newly
 * allocated. */
char *sc_profile_schema_file(enum sc_profile profile);

/* DATADIR/rng/FILE, FILE PROFILE's schema as sc_profile_schema_file
 * names it: the one place a bundled schema's path is made.  Newly
 * allocated. */
char *sc_profile_schema_path(const char *datadir, enum sc_profile profile);

/* The text of rng/profile-NAME.rng for PROFILE (NULL for the default
 * profile, whose schema is the grammar itself).  Newly allocated. */
char *sc_profile_schema_text(enum sc_profile profile);

/* The grammar at BASE_PATH (rng/domainsnapshot.rng) with PROFILE's
 * overrides made in place, as one document: what the profile's wrapper
 * means, for the work that reads a grammar as a tree (coverage).  NULL
 * when BASE_PATH cannot be read. */
#include <libxml/tree.h>
xmlDocPtr sc_profile_grammar(const char *base_path, enum sc_profile profile);

#endif
