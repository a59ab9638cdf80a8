/*
 * coverage.h: how much of rng/domainsnapshot.rng the cases exercise.
 *
 * Items are the grammar's element, attribute and value patterns; a
 * valid case exercises an item when the document stops being valid once
 * that one pattern is replaced by <notAllowed/>.  Constraints are the
 * grammar's enumerations, fixed values and data patterns; an invalid
 * case breaks a constraint when relaxing that one constraint to <text/>
 * makes the document valid.  Both are measured with libxml2 on altered
 * copies of the schema, so what is reported is what validation does.
 */
#ifndef SNAPCHECK_COVERAGE_H
#define SNAPCHECK_COVERAGE_H

#include <stddef.h>
#include <stdio.h>

#include "util/strlist.h"
#include "suite/suite.h"

enum sc_cov_kind {
    SC_COV_ELEMENT,
    SC_COV_ATTRIBUTE,
    SC_COV_VALUE,
    SC_COV_CONSTRAINT,
    SC_COV_KIND_LAST
};

struct sc_cov_entry {
    enum sc_cov_kind kind;
    char *label;              /* e.g. "domainsnapshot/memory@snapshot=no" */
    size_t node;              /* document-order index of the pattern */
    struct sc_strings cases;  /* ids of the cases that exercise/break it */
};

struct sc_coverage {
    struct sc_cov_entry *v;
    size_t n;
};

/* Measures the suite's cases against its schema; -1 with DIAGS set when
 * the schema cannot be read or an altered copy cannot be compiled. */
int sc_coverage_measure(const struct sc_suite *suite, struct sc_coverage *out,
                        struct sc_diag_list *diags);

/* Totals: items (elements, attributes, values) and constraints, each
 * covered / all. */
void sc_coverage_totals(const struct sc_coverage *cov, size_t *items, size_t *items_all,
                        size_t *constraints, size_t *constraints_all);

/* The full report: every entry with its cases, the uncovered ones
 * marked, and the totals line. */
void sc_coverage_print(FILE *out, const struct sc_coverage *cov);

/* Two lines for the README: the cases by kind and mode, and the totals. */
char *sc_coverage_summary(const struct sc_suite *suite, const struct sc_coverage *cov);

void sc_coverage_free(struct sc_coverage *cov);

#endif
