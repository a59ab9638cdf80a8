/*
 * run.h: running the conformance suite, against the reference
 * implementation or an external one (impl.h), with case selection,
 * sharding and parallel jobs; results come back in manifest order.
 */
#ifndef SNAPCHECK_RUN_H
#define SNAPCHECK_RUN_H

#include <stdbool.h>

#include "suite/results.h"
#include "suite/suite.h"
#include "util/term.h"

enum sc_compare {
    SC_COMPARE_EXACT,      /* byte for byte against the golden */
    SC_COMPARE_ENVELOPE,   /* the embedded domains only by type, name, uuid */
    SC_COMPARE_CANONICAL,  /* as XML: canonical forms (canon.h) */
};

struct sc_run_opts {
    const char *impl;       /* a shell command, or NULL for the reference */
    enum sc_compare compare;
    double timeout;         /* seconds, per case */
    const char *filter;     /* glob on case ids, or NULL */
    unsigned shard, shards; /* run shard SHARD (1-based) of SHARDS; 0 = all */
    unsigned jobs;          /* 0: one per core */
    bool any_reason;        /* a rejection passes whatever it is about */
    struct sc_progress *progress;   /* told of each case done, or NULL */
};

enum { SC_RUN_OK = 0, SC_RUN_NO_CASE = -1, SC_RUN_NO_START = -2, SC_RUN_INTERRUPTED = -3,
       SC_RUN_SMOKE_FAILED = -4 };

/* The number of jobs when none is asked for: one per online core, or 1
 * when that is unknown or past 256. */
unsigned sc_default_jobs(void);

/* Runs the selected cases into OUT.  An external implementation first
 * gets the smoke case (sc_smoke_case) of redefine mode, or of the next
 * mode while it skips, selected or not.  Returns SC_RUN_OK,
 * SC_RUN_NO_CASE when the selection is empty, SC_RUN_NO_START when the
 * implementation cannot be started at all, SC_RUN_SMOKE_FAILED when it
 * does not pass the smoke case (OUT then holds that case only, whose
 * message says why, the implementation's standard error included), or
 * SC_RUN_INTERRUPTED when a signal stopped the run (see
 * sc_impl_die_of_interrupt). */
int sc_run_suite(const struct sc_suite *suite, const struct sc_run_opts *opts,
                 struct sc_results *out);

/* The simplest valid case of MODE, for a first look at whether an
 * implementation works at all: the smallest input that is already its
 * own golden (a document read and written back unchanged), or failing
 * that the smallest input; NULL when MODE has no valid case. */
const struct sc_case *sc_smoke_case(const struct sc_suite *suite, enum sc_mode mode);

/* The document with each embedded domain cut down to its type, name and
 * uuid, in canonical layout; NULL with ERR set when TEXT is not XML. */
char *sc_envelope(const char *text, size_t len, struct sc_error *err);

#endif
