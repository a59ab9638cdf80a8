/*
 * case.h: the conformance checks of one case against the reference
 * implementation, shared by "snapcheck run" and the cmocka harness, and
 * what one document gets from the reference's layers.
 *
 * A valid case must be schema-valid, parse in its mode, format to its
 * golden byte for byte, and its golden must be schema-valid and a fixed
 * point.  An invalid case must be rejected by each layer the manifest
 * names, with the declared error, and accepted by the other layer.
 */
#ifndef SNAPCHECK_CASE_H
#define SNAPCHECK_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "suite/manifest.h"
#include "schema/schema.h"
#include "model/snapshot.h"
#include "suite/suite.h"

/* The parse options of a case's mode. */
struct sc_parse_opts sc_case_opts(const struct sc_suite *suite, const struct sc_case *c);

/* Runs every check of case C; each failed check adds one entry (line 0)
 * to FAILURES, with a unified diff for output mismatches.  *ACCEPTED
 * (when not NULL) tells whether the parser accepted the input.  Returns
 * whether the case passed. */
bool sc_case_check(const struct sc_suite *suite, const struct sc_case *c,
                   struct sc_diag_list *failures, bool *accepted);

/* What a document gets from one layer: parsed, validated, parsed into
 * the model, formatted.  OUTPUT is NULL unless everything succeeded.
 * Returns -1 with *DIAG set when the file cannot be read. */
struct sc_outcome {
    bool well_formed;
    struct sc_error xml_error;        /* when not well-formed */
    struct sc_diag_list schema;       /* schema errors */
    bool parsed;
    struct sc_error parse_error;      /* when not parsed */
    char *output;                     /* canonical form when parsed */
};
int sc_outcome_of_file(const struct sc_schema *schema, const char *path,
                       const struct sc_parse_opts *opts, struct sc_outcome *out,
                       struct sc_diag *diag);
/* The same for LEN bytes at DATA, named NAME in messages. */
void sc_outcome_of_memory(const struct sc_schema *schema, const char *data, size_t len, const char *name,
                          const struct sc_parse_opts *opts, struct sc_outcome *out);
/* The same verdicts, without the canonical form (OUTPUT stays NULL):
 * what validate needs, for less work. */
int sc_verdict_of_file(const struct sc_schema *schema, const char *path,
                       const struct sc_parse_opts *opts, struct sc_outcome *out,
                       struct sc_diag *diag);
void sc_outcome_clear(struct sc_outcome *out);

#endif
