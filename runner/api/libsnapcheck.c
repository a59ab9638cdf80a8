/*
 * libsnapcheck.c: the public C API of snapcheck.h, a thin layer over
 * the modules the tool uses: schema.c for schemas, case.c's outcome of
 * one document for validation, the model for the canonical form,
 * states.c for the state table.
 */
#include "api/snapcheck.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/datadir.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "schema/profile_schema.h"
#include "schema/schema.h"
#include "model/snapshot.h"
#include "model/states.h"
#include "suite/case.h"
#include "suite/suite.h"

#ifndef SC_VERSION
#define SC_VERSION "0.1"
#endif

struct snapcheck_schema {
    struct sc_schema *schema;
};

struct snapcheck_diags {
    struct sc_diag_list list;
};

static pthread_once_t once = PTHREAD_ONCE_INIT;

void snapcheck_init(void)
{
    pthread_once(&once, sc_xml_init_library);
}

const char *snapcheck_version(void)
{
    return SC_VERSION;
}

/* Hands L over to *DIAGS, or frees it. */
static void give(struct sc_diag_list *l, snapcheck_diags **diags)
{
    if (diags) {
        *diags = sc_xcalloc(1, sizeof(**diags));
        (*diags)->list = *l;
    } else {
        sc_diag_list_free(l);
    }
}

snapcheck_schema *snapcheck_schema_load(const char *path, snapcheck_diags **diags)
{
    struct sc_diag_list l = { 0 };
    struct sc_schema *s;

    snapcheck_init();
    if (diags)
        *diags = NULL;
    if (!(s = sc_schema_load(path, &l))) {
        give(&l, diags);
        return NULL;
    }
    sc_diag_list_free(&l);
    snapcheck_schema *out = sc_xcalloc(1, sizeof(*out));
    out->schema = s;
    return out;
}

snapcheck_schema *snapcheck_schema_bundled(const char *profile, snapcheck_diags **diags)
{
    int p = profile ? sc_profile_find(profile) : (int)SC_PROFILE_DEFAULT;

    if (p < 0) {
        struct sc_diag_list l = { 0 };
        sc_diag_add(&l, 0, "unknown profile '%s' (known: %s)", profile, sc_profile_list());
        give(&l, diags);
        return NULL;
    }
    char *dir = sc_data_dir(), *path = sc_profile_schema_path(dir, (enum sc_profile)p);
    snapcheck_schema *s = snapcheck_schema_load(path, diags);
    free(path);
    free(dir);
    return s;
}

void snapcheck_schema_free(snapcheck_schema *schema)
{
    if (!schema)
        return;
    sc_schema_free(schema->schema);
    free(schema);
}

static struct sc_parse_opts parse_opts(enum snapcheck_mode mode, long long now)
{
    return (struct sc_parse_opts){
        .redefine = mode != SNAPCHECK_CREATE,
        .internal = mode == SNAPCHECK_INTERNAL,
        .now = now,
    };
}

/* The verdict of an outcome, its problems added to L. */
static int verdict(struct sc_outcome *o, struct sc_diag_list *l)
{
    if (!o->well_formed) {
        sc_diag_add_error(l, &o->xml_error);
        return o->xml_error.unreadable ? -1 : 0;
    }
    for (size_t i = 0; i < o->schema.n; i++)
        sc_diag_add(l, o->schema.v[i].line, "%s", o->schema.v[i].msg);
    if (!o->parsed)
        sc_diag_add_error(l, &o->parse_error);
    return o->parsed && !o->schema.n;
}

int snapcheck_validate_memory(const snapcheck_schema *schema, const char *data, size_t len, const char *name,
                              enum snapcheck_mode mode, snapcheck_diags **diags)
{
    struct sc_parse_opts opts = parse_opts(mode, 0);
    struct sc_diag_list l = { 0 };
    struct sc_outcome o;

    snapcheck_init();
    sc_outcome_of_memory(schema ? schema->schema : NULL, data, len, name ? name : "document", &opts, &o);
    int rc = verdict(&o, &l);
    sc_outcome_clear(&o);
    give(&l, diags);
    return rc;
}

int snapcheck_validate_file(const snapcheck_schema *schema, const char *path, enum snapcheck_mode mode,
                            snapcheck_diags **diags)
{
    struct sc_parse_opts opts = parse_opts(mode, 0);
    struct sc_diag_list l = { 0 };
    struct sc_outcome o;
    struct sc_diag diag = { 0 };
    int rc;

    snapcheck_init();
    if (sc_outcome_of_file(schema ? schema->schema : NULL, path, &opts, &o, &diag) < 0) {
        sc_diag_list_take(&l, &diag);
        rc = -1;
    } else {
        rc = verdict(&o, &l);
        sc_outcome_clear(&o);
    }
    give(&l, diags);
    return rc;
}

char *snapcheck_format(const char *data, size_t len, enum snapcheck_mode mode, long long now,
                       snapcheck_diags **diags)
{
    struct sc_parse_opts opts = parse_opts(mode, now);
    struct sc_diag_list l = { 0 };
    struct sc_outcome o;

    snapcheck_init();
    sc_outcome_of_memory(NULL, data, len, "document", &opts, &o);
    char *out = o.output;
    o.output = NULL;
    if (!out)
        verdict(&o, &l);
    sc_outcome_clear(&o);
    give(&l, diags);
    return out;
}

size_t snapcheck_diags_count(const snapcheck_diags *diags)
{
    return diags ? diags->list.n : 0;
}

long snapcheck_diags_line(const snapcheck_diags *diags, size_t i)
{
    return diags && i < diags->list.n ? diags->list.v[i].line : 0;
}

const char *snapcheck_diags_message(const snapcheck_diags *diags, size_t i)
{
    return diags && i < diags->list.n ? diags->list.v[i].msg : NULL;
}

void snapcheck_diags_free(snapcheck_diags *diags)
{
    if (!diags)
        return;
    sc_diag_list_free(&diags->list);
    free(diags);
}

size_t snapcheck_state_count(void)
{
    return SC_STATE_LAST;
}

const char *snapcheck_state_name(size_t i)
{
    return sc_state_to_string((enum sc_state)i);
}

int snapcheck_state_accepted(size_t i)
{
    return i < SC_STATE_LAST && sc_state_accepted((enum sc_state)i);
}
