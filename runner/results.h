/*
 * results.h: the outcome of a run, case by case, as every report format
 * sees it, and the baseline of known failures it is judged against.
 */
#ifndef SNAPCHECK_RESULTS_H
#define SNAPCHECK_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "parity.h"

enum sc_verdict {
    SC_PASS,
    SC_FAIL,    /* wrong output, or accepted/rejected the wrong way */
    SC_ERROR,   /* crashed, timed out, printed what is not XML */
    SC_SKIP,    /* the implementation declared the case unsupported */
    SC_VERDICT_LAST
};

struct sc_result {
    char *id;
    char *description;  /* one line, or NULL */
    enum sc_verdict verdict;
    char *expected;     /* "accept" or "reject" (a document: "valid") */
    char *actual;       /* "accept", "reject", "crash", "timeout", … */
    char *message;      /* why, for anything but a pass; may span lines */
    char *known;        /* the baseline's reason, when listed there */
};

struct sc_results {
    char *subject;              /* what was tested, for report titles */
    struct sc_result *v;
    size_t n;
    struct sc_strings stale;    /* baseline entries that now pass */
};

const char *sc_verdict_to_string(enum sc_verdict v);

/* Passed out of all: skips and errors count against it. */
void sc_results_compliance(const struct sc_results *r, size_t *passed, size_t *total);

/* Failures and errors the baseline does not list. */
size_t sc_results_regressions(const struct sc_results *r);

void sc_results_free(struct sc_results *r);

/* The baseline: "ID: reason" lines, '#' comments.  Loading marks the
 * listed results known and collects entries whose case now passes;
 * entries for cases not run (filtered out, or in another shard) are
 * left alone.  Returns -1 with ERRBUF (and *ERRLINE for a syntax error)
 * set when the file cannot be read or parsed. */
int sc_baseline_apply(const char *path, struct sc_results *r, long *errline,
                      char *errbuf, size_t errlen);

/* The baseline that lists exactly the current failures and errors. */
char *sc_baseline_format(const struct sc_results *r);

#endif
