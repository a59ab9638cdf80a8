/*
 * results.h: the outcome of a run, case by case, as every report format
 * sees it; the counts every format states; and the baseline of known
 * results it is judged against.
 */
#ifndef SNAPCHECK_RESULTS_H
#define SNAPCHECK_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strlist.h"

struct sc_diag;

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
    char *known;        /* the baseline's reason, when the case ended as
                         * the baseline lists it */
    enum sc_verdict listed; /* what the baseline lists for the case
                             * (fail, error or skip); SC_PASS, which no
                             * baseline lists, when it is not there */
};

struct sc_results {
    char *subject;              /* what was tested, for report titles */
    char *settings;             /* the options that decide verdicts, or NULL */
    unsigned shard, shards;     /* the shard run (1-based) of SHARDS; 0 = all */
    char *baseline;             /* the baseline judged against, or NULL */
    char *profile;              /* the libvirt release the run held the
                                 * implementation to, or NULL when the
                                 * report does not say (sc_results_profile) */
    struct sc_result *v;
    size_t n;
    struct sc_strings stale;    /* baseline entries that now pass */
    struct sc_strings profiles; /* a run of several profiles (run --profile
                                 * all): their names, each case's id then
                                 * being ID@PROFILE; else empty */
};

/* Appends the results of FROM, run for PROFILE, to INTO, each id made
 * ID@PROFILE; FROM is left empty (freed).  INTO takes FROM's subject and
 * settings when it has none yet. */
void sc_results_append_profile(struct sc_results *into, struct sc_results *from,
                               const char *profile);

/* What every report format states, the same in each.  The four
 * verdicts add up to TOTAL; KNOWN, NEW_FAILURES, NEW_SKIPS and STALE
 * say how the results stand against the baseline. */
struct sc_counts {
    size_t total;
    size_t by[SC_VERDICT_LAST];
    size_t known;           /* fail, error or skip as the baseline lists it */
    size_t known_skips;     /* of which skips */
    size_t new_failures;    /* fail or error not as the baseline lists it */
    size_t new_skips;       /* skips the baseline does not list as skips */
    size_t stale;           /* baseline entries whose case passes now */
};

const char *sc_verdict_to_string(enum sc_verdict v);

/* -1 for a name that is not a verdict. */
int sc_verdict_from_string(const char *s);

/* The profile of a run: its own, or the one runs had before profiles
 * were recorded. */
#define SC_PROFILE_UNRECORDED "libvirt-9.0"
const char *sc_results_profile(const struct sc_results *r);

void sc_results_count(const struct sc_results *r, struct sc_counts *c);

/* Whether the case is a failure or error the baseline does not list as
 * it ended. */
bool sc_result_is_new_failure(const struct sc_result *res);

/* The gate beyond new failures and stale entries: a run fails when it
 * skipped more cases than the baseline lists plus MAX_SKIP, passed
 * fewer than MIN_PASS, or ran no case at all (every one skipped).  Each
 * reason is added to WHY as one line; returns how many there are. */
size_t sc_results_gate(const struct sc_results *r, size_t max_skip, size_t min_pass,
                       struct sc_strings *why);

void sc_result_clear(struct sc_result *res);
void sc_results_free(struct sc_results *r);

/* A baseline: "CASE-ID: KIND: reason" lines, KIND fail, error or skip;
 * "CASE-ID: reason" (the form without a kind) means fail; '#' starts a
 * comment. */
struct sc_baseline_entry {
    char *id;
    enum sc_verdict kind;
    char *reason;
};

struct sc_baseline {
    struct sc_baseline_entry *v;
    size_t n;
};

/* Reads PATH; returns -1 with *DIAG set (about PATH, at the line of a
 * syntax error) when the file cannot be read or parsed. */
int sc_baseline_load(const char *path, struct sc_baseline *b, struct sc_diag *diag);

/* Marks each result the baseline lists (listed, and known when it ended
 * as listed) and collects, in the order of the results, the entries
 * whose case now passes; entries for cases not run (filtered out, or in
 * another shard) are left alone. */
void sc_baseline_apply(const struct sc_baseline *b, const char *path, struct sc_results *r);

void sc_baseline_free(struct sc_baseline *b);

/* The baseline that lists exactly the current failures, errors and
 * skips, keeping the reason of each entry that still holds. */
char *sc_baseline_format(const struct sc_results *r);

#endif
