/*
 * suite.c: loading a suite of cases for a profile: its manifest and
 * its schema.
 */
#include "suite/suite.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diff.h"
#include "util/fileio.h"
#include "schema/profile_schema.h"
#include "model/xmlin.h"

struct sc_suite *sc_suite_load_profile(const struct sc_layout *layout, const char *schema_path,
                                       enum sc_profile profile, struct sc_diag_list *diags)
{
    char *default_schema = sc_profile_schema_path(layout->datadir, profile);
    struct sc_suite *s = sc_xcalloc(1, sizeof(*s));

    sc_layout_copy(&s->layout, layout);
    s->profile = profile;
    s->schema = sc_schema_load(schema_path ? schema_path : default_schema, diags);
    free(default_schema);
    if (s->schema)
        s->all = sc_manifest_load(layout, diags);
    if (s->all)
        s->manifest = sc_manifest_for_profile(s->all, profile, layout);
    if (!s->schema || !s->manifest) {
        sc_suite_free(s);
        return NULL;
    }
    return s;
}

struct sc_suite *sc_suite_load(const struct sc_layout *layout, const char *schema_path,
                               struct sc_diag_list *diags)
{
    return sc_suite_load_profile(layout, schema_path, SC_PROFILE_DEFAULT, diags);
}

void sc_suite_free(struct sc_suite *suite)
{
    if (!suite)
        return;
    sc_schema_free(suite->schema);
    sc_manifest_free(suite->manifest);
    sc_manifest_free(suite->all);
    sc_layout_clear(&suite->layout);
    free(suite);
}

const char *sc_suite_path(const struct sc_suite *suite, const char *path)
{
    return sc_layout_shown(&suite->layout, path);
}
