/*
 * authoring.h: how contributors change the suite's data.  Making a
 * suite of one's own starts from an empty directory.  Adding a case
 * checks everything before it writes anything and never overwrites a
 * file; regenerating golden files rewrites only those whose output
 * changed, shows each change as a diff, and never deletes.  Every write
 * goes through a temporary file in the same directory.
 */
#ifndef SNAPCHECK_AUTHORING_H
#define SNAPCHECK_AUTHORING_H

#include <stdbool.h>
#include <stdio.h>

#include "util/diag.h"
#include "suite/manifest.h"

enum sc_layer {
    SC_LAYER_SCHEMA = 1,
    SC_LAYER_PARSER = 2,
    SC_LAYER_BOTH = 3,
};

struct sc_new_case {
    const char *id;
    enum sc_mode mode;
    const char *description;
    bool invalid;
    enum sc_layer layer;              /* invalid cases */
    const char *expect_error;         /* the parser's message; with layer
                                         schema, a fragment of the schema's */
    const char *expect_schema_error;  /* layer both: fragment, or NULL for
                                         the schema's first message */
    const char *reason;               /* the part of the document it is
                                         about, or NULL for the part the
                                         rejection names */
    const char *input;                /* the document */
    size_t input_len;
    const char *input_name;           /* for messages */
};

struct sc_layout;

/* Makes an empty suite of a project's own in DIR (datadir.h: its
 * manifest.xml, valid/, invalid/ and golden/), creating DIR and its
 * parents as needed.  Returns 0, or -1 with *DIAG set: DIR is not a
 * directory, or not empty (nothing is written then), or cannot be
 * written. */
int sc_init_suite(const char *dir, struct sc_diag *diag);

/* Adds the case to the suite LAYOUT describes: input, golden (valid
 * cases, also printed to OUT) and manifest entry.  Returns 0, or -1
 * with each reason in PROBLEMS and nothing written. */
int sc_new_case(const struct sc_layout *layout, const struct sc_new_case *n, FILE *out,
                struct sc_diag_list *problems);

/* Rewrites the golden files (of the cases matching FILTER, all when
 * NULL) whose formatted output changed, printing a unified diff for
 * each to OUT; with DRY_RUN nothing is written.  Returns how many
 * changed (or would), or -1 when one could not be produced or written
 * (reasons in PROBLEMS). */
long sc_regenerate(const struct sc_layout *layout, const char *filter, bool dry_run, bool color,
                   FILE *out, struct sc_diag_list *problems);

#endif
