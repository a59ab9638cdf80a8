/*
 * manifest.h: the case list of cases/manifest.xml, checked against
 * rng/manifest.rng when it is loaded.  The C code never names a case;
 * everything it knows about one comes from here.
 */
#ifndef SNAPCHECK_MANIFEST_H
#define SNAPCHECK_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum sc_mode {
    SC_MODE_CREATE,
    SC_MODE_REDEFINE,
    SC_MODE_INTERNAL,
    SC_MODE_LAST
};

struct sc_case {
    char *id;
    enum sc_mode mode;
    char *description;
    bool valid;
    char *schema_error;   /* invalid: fragment of a schema message, or NULL */
    char *parser_error;   /* invalid: the parser's exact message, or NULL */
    char *input;          /* DATADIR/cases/{valid,invalid}/ID.xml */
    char *golden;         /* valid: DATADIR/golden/ID.xml */
    long line;            /* of the entry in the manifest */
};

struct sc_manifest {
    char *path;
    long long now;
    struct sc_case *v;
    size_t n;
};

const char *sc_mode_to_string(enum sc_mode mode);

/* Loads DATADIR/cases/manifest.xml; NULL with the reasons in DIAGS. */
struct sc_manifest *sc_manifest_load(const char *datadir, struct sc_diag_list *diags);

void sc_manifest_free(struct sc_manifest *m);

#endif
