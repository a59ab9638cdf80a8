/*
 * suite.h: a suite of cases loaded: where its files are, the profile
 * it is read for, its schema and its manifest.  The checks of one case
 * are case.h's; running them all, run.h's.
 */
#ifndef SNAPCHECK_SUITE_H
#define SNAPCHECK_SUITE_H

#include <stdbool.h>

#include "util/datadir.h"
#include "util/diag.h"
#include "suite/manifest.h"
#include "schema/schema.h"
#include "model/snapshot.h"

struct sc_suite {
    struct sc_layout layout;   /* where its files are */
    enum sc_profile profile;   /* the release the cases are checked for */
    struct sc_schema *schema;  /* that profile's */
    struct sc_manifest *manifest;   /* the cases of that profile, with its expectations */
    struct sc_manifest *all;   /* the manifest as written, every profile's */
};

/* Loads the manifest of the suite LAYOUT describes, and the schema at
 * SCHEMA_PATH or else the data directory's; NULL with reasons in DIAGS.
 * sc_suite_load is for the default profile, sc_suite_load_profile for
 * PROFILE (its schema, its cases). */
struct sc_suite *sc_suite_load(const struct sc_layout *layout, const char *schema_path,
                               struct sc_diag_list *diags);
struct sc_suite *sc_suite_load_profile(const struct sc_layout *layout, const char *schema_path,
                                       enum sc_profile profile, struct sc_diag_list *diags);
void sc_suite_free(struct sc_suite *suite);

/* PATH as messages show it (sc_layout_shown). */
const char *sc_suite_path(const struct sc_suite *suite, const char *path);

#endif
