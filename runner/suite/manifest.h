/*
 * manifest.h: the case list of a suite's manifest.xml, checked against
 * rng/manifest.rng when it is loaded.  The C code never names a case;
 * everything it knows about one comes from here.
 */
#ifndef SNAPCHECK_MANIFEST_H
#define SNAPCHECK_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "model/states.h"

enum sc_mode {
    SC_MODE_CREATE,
    SC_MODE_REDEFINE,
    SC_MODE_INTERNAL,
    SC_MODE_LAST
};

/* Comments people wrote, in order. */
struct sc_comments {
    char **v;
    size_t n;
};

/* What a case expects: valid, or rejected about REASON by the layers
 * named. */
struct sc_expect {
    bool valid;
    char *reason;         /* invalid: the part of the document it is about */
    char *schema_error;   /* invalid: fragment of a schema message, or NULL */
    char *parser_error;   /* invalid: the parser's exact message, or NULL */
};

/* Another expectation in the profiles of PROFILES (a bit per enum
 * sc_profile); a valid one has a golden file of its own per profile,
 * golden/PROFILE/ID.xml. */
struct sc_override {
    unsigned profiles;
    struct sc_expect expect;
    long line;
};

struct sc_case {
    char *id;
    enum sc_mode mode;
    char *description;
    bool valid;
    char *reason;         /* invalid: the part of the document it is about */
    char *schema_error;   /* invalid: fragment of a schema message, or NULL */
    char *parser_error;   /* invalid: the parser's exact message, or NULL */
    char *input;          /* {valid,invalid}/ID.xml under the suite's cases (datadir.h) */
    char *golden;         /* valid: ID.xml under the suite's golden */
    struct sc_comments before;   /* between the previous entry and this one */
    struct sc_comments inside;   /* anywhere inside the entry */
    long line;            /* of the entry in the manifest */
    unsigned profiles;    /* a bit per enum sc_profile it applies to */
    struct sc_override *overrides;
    size_t noverrides;
    enum sc_profile profile;   /* in a manifest for one profile: that one */
};

/* Every profile, as a profiles mask. */
#define SC_ALL_PROFILES ((1u << SC_PROFILE_LAST) - 1)

struct sc_manifest {
    char *path;
    long long now;
    /* comments before <manifest>, after the last entry, after </manifest> */
    struct sc_comments head, tail, after;
    struct sc_case *v;
    size_t n;
};

const char *sc_mode_to_string(enum sc_mode mode);

struct sc_schema;
struct sc_layout;

/* Reads a manifest held in DATA (called NAME in messages), checked
 * against GRAMMAR (rng/manifest.rng); case paths are where LAYOUT puts
 * them.  NULL with the reasons in DIAGS. */
struct sc_manifest *sc_manifest_parse(const char *data, size_t len, const char *name,
                                      const struct sc_schema *grammar, const struct sc_layout *layout,
                                      struct sc_diag_list *diags);

/* Loads the manifest of the suite LAYOUT describes; NULL with the
 * reasons in DIAGS. */
struct sc_manifest *sc_manifest_load(const struct sc_layout *layout, struct sc_diag_list *diags);

/* The manifest in canonical form: cases sorted by id, each with the
 * comments before it and those inside it (these first in the entry),
 * the other comments where they were; attributes in single quotes, two
 * spaces per level.  This is
 * what "snapcheck lint --fix" and "snapcheck new" write. */
char *sc_manifest_format(const struct sc_manifest *m);

/* The cases of M that apply to PROFILE, each with that profile's
 * expectation and golden file (golden/PROFILE/ID.xml where an override
 * makes it valid); newly allocated. */
struct sc_manifest *sc_manifest_for_profile(const struct sc_manifest *m, enum sc_profile profile,
                                            const struct sc_layout *layout);

/* The profile that writes golden/ID.xml of C as written in the manifest:
 * the first (newest) of its profiles without a <profile> override; -1
 * when there is none or the case is invalid there. */
int sc_case_golden_owner(const struct sc_case *c);

/* The golden file of case ID in PROFILE's own form, newly allocated. */
char *sc_profile_golden(const struct sc_layout *layout, enum sc_profile profile, const char *id);

/* Inserts C (taking ownership of its strings) in M. */
void sc_manifest_add(struct sc_manifest *m, const struct sc_case *c);

/* Is ID a well-formed case id (lower-case words joined by hyphens)? */
bool sc_case_id_valid(const char *id);

void sc_manifest_free(struct sc_manifest *m);

#endif
