/*
 * cmd_run.c: "snapcheck run": the conformance suite against the
 * reference implementation or an external one, with baselines and
 * reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suite/authoring.h"
#include "util/buf.h"
#include "cli/cli.h"
#include "suite/run.h"
#include "util/fileio.h"
#include "suite/impl.h"
#include "suite/report.h"
#include "suite/results.h"
#include "util/term.h"
#include "model/xmlin.h"

struct run_args {
    struct sc_run_opts run;
    bool regenerate, dry_run;
    const char *baseline;
    bool update_baseline;
    struct report_plan reports;
    unsigned max_skip, min_pass;
    const char *cases;      /* --cases DIR: a project's suite */
    unsigned profiles;      /* --profile: a bit per enum sc_profile; 0 for the default */
    enum sc_when progress;
};

enum { OPT_IMPL = OPT_OWN, OPT_COMPARE, OPT_TIMEOUT, OPT_BASELINE, OPT_UPDATE,
       OPT_FILTER, OPT_SHARD, OPT_REGENERATE, OPT_DRY_RUN, OPT_ANY_REASON };

static const struct sc_option run_options[] = {
    { OPT_IMPL, "impl", 0, "COMMAND", "run COMMAND once per case instead of the reference "
      "implementation (see IMPLEMENTATION PROTOCOL)",
      "It is run with /bin/sh -c.", 0, false },
    { OPT_COMPARE, "compare", 0, "MODE", "exact (default): the golden file byte for byte; "
      "envelope: all but the embedded domains, which must match by type, name and uuid; "
      "canonical: both as XML, after canonicalisation",
      "canonical compares after Exclusive XML Canonicalization 1.0 (libxml2's C14N, without "
      "comments), with whitespace-only text removed from element content first and namespace "
      "prefixes renamed n1, n2, ... in the order of the namespace URIs the document uses. Attribute "
      "order, quote style, empty-element form, character references, indentation, comments and "
      "prefixes then do not count; text content, whitespace in it included, is compared exactly. A "
      "document with a relative namespace URI has no canonical form and fails. A canonical mismatch "
      "is shown as a diff of both canonical forms, one element per line. Envelope and canonical "
      "comparisons read the output as a tree, so an output of more nodes than one per 512 bytes of "
      "the output limit is an error instead, as is a canonical form longer than twice that limit.",
      0, false },
    { OPT_TIMEOUT, "timeout", 0, "SECONDS", "time allowed to each case (default 10)", NULL, 0, false },
    { OPT_ANY_REASON, "any-reason", 0, NULL, "take any rejection of an invalid case, whatever it "
      "says it is about", NULL, 0, false },
    { OPT_BASELINE, "baseline", 0, "FILE", "known results, one 'CASE-ID: KIND: reason' per line "
      "(KIND: fail, error or skip)",
      "An entry without a kind means fail. The run fails on a failure or error the baseline does "
      "not list as it ended (a known failure that now crashes is a new failure), and on a listed "
      "case that now passes.", 0, false },
    { OPT_UPDATE, "update-baseline", 0, NULL, "rewrite the baseline to list exactly the current "
      "failures, errors and skips with their kinds, keeping the reasons of entries that remain",
      "The limits of the gate do not apply; the smoke case does, and an implementation that fails "
      "it gets no baseline.", 0, false },
    SC_OPTIONS_LIMITS,
    SC_OPTION_REPORT,
    { OPT_FILTER, "filter", 0, "GLOB", "run only the cases whose id matches", NULL, 0, false },
    { OPT_SHARD, "shard", 0, "I/N", "run the I-th of N interleaved shards of the selected cases",
      NULL, 0, false },
    SC_OPTION_JOBS,
    SC_OPTION_CASES,
    { OPT_PROFILE, "profile", 0, "NAME|all", "follow the libvirt release NAME (snapcheck profiles "
      "lists them; default: the newest), or every one: all",
      "With all, each case runs once in each profile it applies to, reported as ID@PROFILE, and "
      "the text report ends with the matrix of cases and profiles.", 0, false },
    SC_OPTION_COLOR,
    SC_OPTIONS_PROGRESS,
    { OPT_REGENERATE, "regenerate", 0, NULL, "rewrite the golden files whose formatted output "
      "changed, printing a diff for each", NULL, 0, false },
    { OPT_DRY_RUN, "dry-run", 0, NULL, "with --regenerate: write nothing, and exit 1 if anything "
      "would change", NULL, 0, false },
    { 0 },
};
static int cmd_run(int argc, char **argv);
const struct sc_command sc_cmd_run = {
    "run", NULL, "run the conformance suite against the reference implementation or COMMAND",
    run_options, cmd_run,
};

static int parse_unsigned(const char *s, unsigned *out)
{
    unsigned long long v;

    if (!sc_parse_uint64(s, &v) || v > 1000000)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int parse_run_option(int opt, const char *optarg, struct run_args *a)
{
    char *end;

    switch (opt) {
    case OPT_IMPL:
        a->run.impl = optarg;
        return 0;
    case OPT_COMPARE:
        if (!strcmp(optarg, "exact"))
            a->run.compare = SC_COMPARE_EXACT;
        else if (!strcmp(optarg, "envelope"))
            a->run.compare = SC_COMPARE_ENVELOPE;
        else if (!strcmp(optarg, "canonical"))
            a->run.compare = SC_COMPARE_CANONICAL;
        else
            return usage_error("--compare is exact, envelope or canonical, not '%s'", optarg);
        return 0;
    case OPT_TIMEOUT:
        a->run.timeout = strtod(optarg, &end);
        if (*end || !(a->run.timeout > 0) || a->run.timeout > 86400)
            return usage_error("--timeout wants seconds (e.g. 10 or 0.5), not '%s'", optarg);
        return 0;
    case OPT_BASELINE:
        a->baseline = optarg;
        return 0;
    case OPT_UPDATE:
        a->update_baseline = true;
        return 0;
    case OPT_FILTER:
        a->run.filter = optarg;
        return 0;
    case OPT_REGENERATE:
        a->regenerate = true;
        return 0;
    case OPT_DRY_RUN:
        a->dry_run = true;
        return 0;
    case OPT_ANY_REASON:
        a->run.any_reason = true;
        return 0;
    case OPT_CASES:
        a->cases = optarg;
        return 0;
    case OPT_PROFILE: {
        int p = strcmp(optarg, "all") ? parse_profile(optarg) : SC_PROFILE_LAST;
        if (p < 0)
            return EXIT_USAGE;
        a->profiles = p == SC_PROFILE_LAST ? SC_ALL_PROFILES : 1u << p;
        return 0;
    }
    case OPT_COLOR: {
        int when = optarg ? sc_when_from_string(optarg) : SC_WHEN_ALWAYS;
        if (when < 0)
            return usage_error("--color is auto, always or never, not '%s'", optarg);
        a->reports.color = (enum sc_when)when;
        return 0;
    }
    case OPT_PROGRESS:
    case OPT_NO_PROGRESS:
        a->progress = opt == OPT_PROGRESS ? SC_WHEN_ALWAYS : SC_WHEN_NEVER;
        return 0;
    case OPT_SHARD: {
        char *slash = strchr(optarg, '/');
        if (!slash)
            return usage_error("--shard wants I/N (e.g. 2/4), not '%s'", optarg);
        *slash = '\0';
        int bad = parse_unsigned(optarg, &a->run.shard) < 0 || parse_unsigned(slash + 1, &a->run.shards) < 0;
        *slash = '/';
        if (bad || a->run.shards == 0 || a->run.shard == 0 || a->run.shard > a->run.shards)
            return usage_error("--shard wants I/N with 1 <= I <= N, not '%s'", optarg);
        return 0;
    }
    case OPT_JOBS:
        return (a->run.jobs = parse_jobs(optarg)) ? 0 : EXIT_USAGE;
    case OPT_MAX_SKIP:
    case OPT_MIN_PASS:
        return gate_limit_option(opt, optarg, &a->max_skip, &a->min_pass);
    default:
        return EXIT_USAGE;
    }
}

/* --report and -o, then the other options of run. */
static int parse_report_option(int opt, const char *optarg, struct run_args *a)
{
    if (opt == OPT_REPORT)
        return report_plan_add(&a->reports, optarg);
    if (opt == OPT_OUTPUT) {
        a->reports.output = optarg;
        return 0;
    }
    return parse_run_option(opt, optarg, a);
}

/* 0 when the run may go on, or -1 when it is done (--help, a usage
 * error) with its exit status in *STATUS. */
static int parse_run_args(int argc, char **argv, struct run_args *a, int *status)
{
    struct sc_opt_parser p;
    const char *arg = NULL;
    int opt, rc;

    sc_opt_init(&p, &sc_cmd_run, argc, argv);
    while ((opt = sc_opt_next(&p, &arg)) > 0) {
        if ((rc = parse_report_option(opt, arg, a)) != 0)
            return parse_stop(status, rc);
    }
    if (opt < 0)
        return parse_stop(status, p.status);
    int first = p.optind;
    if (first != argc)
        return parse_stop(status, usage_error("%s takes options only; see --help", "run"));
    if (a->dry_run && !a->regenerate)
        return parse_stop(status, usage_error("%s goes with --regenerate", "--dry-run"));
    if (a->regenerate && (a->run.impl || a->baseline || a->run.shards))
        return parse_stop(status, usage_error("%s uses the reference formatter on the whole suite "
                                              "(--filter aside)", "--regenerate"));
    if (a->update_baseline && !a->baseline)
        return parse_stop(status, usage_error("%s needs --baseline FILE", "--update-baseline"));
    if (a->update_baseline && (a->run.filter || a->run.shards))
        return parse_stop(status, usage_error("%s covers the whole suite: drop --filter and --shard",
                                              "--update-baseline"));
    if (a->reports.n || a->reports.output || !a->regenerate) {
        if (report_plan_resolve(&a->reports) != 0)
            return parse_stop(status, EXIT_USAGE);
    }
    return 0;
}

static int write_baseline(const struct run_args *a, const struct sc_results *results)
{
    char *text = sc_baseline_format(results);
    struct sc_counts c;
    int rc = emit(text, a->baseline);

    sc_results_count(results, &c);
    if (rc == 0)
        sc_say(stdout, "baseline: %zu entr%s (%zu fail, %zu error, %zu skip) written to %s",
                c.total - c.by[SC_PASS], c.total - c.by[SC_PASS] == 1 ? "y" : "ies", c.by[SC_FAIL],
                c.by[SC_ERROR], c.by[SC_SKIP], a->baseline);
    free(text);
    return rc < 0 ? EXIT_USAGE : EXIT_OK;
}

/* Golden files from the reference formatter: 0 when done (or, with
 * --dry-run, when nothing would change), 1 when a dry run found changes. */
static int regenerate(const struct run_args *a)
{
    struct sc_diag_list problems = { 0 };
    struct sc_layout layout;
    int rc;

    if ((rc = find_suite(a->cases, &layout)) != 0)
        return rc;
    if (!a->dry_run && (rc = refuse_installed("run --regenerate", &layout)) != 0) {
        sc_layout_clear(&layout);
        return rc;
    }
    bool color = sc_color_for(a->reports.color, STDOUT_FILENO);
    long n = sc_regenerate(&layout, a->run.filter, a->dry_run, color, stdout, &problems);

    sc_diag_list_print(stderr, NULL, &problems);
    if (n < 0) {
        rc = EXIT_USAGE;
    } else {
        printf("%ld golden file%s %s\n", n, n == 1 ? "" : "s",
               a->dry_run ? "would change (nothing written)" : "rewritten");
        rc = sc_exit_status(false, a->dry_run && n);
    }
    sc_diag_list_free(&problems);
    sc_layout_clear(&layout);
    return rc;
}

/* An empty selection is a mistake in the command line. */
static int no_case(const struct sc_run_opts *o)
{
    char *why = o->filter && o->shards ? sc_xasprintf("no case matches --filter '%s' in shard %u/%u", o->filter,
                                                      o->shard, o->shards)
                : o->filter ? sc_xasprintf("no case matches --filter '%s'", o->filter)
                : o->shards ? sc_xasprintf("shard %u/%u holds no case", o->shard, o->shards)
                : sc_xstrdup("the suite has no case");
    int rc = usage_error("%s", why);

    free(why);
    return rc;
}

/* The baseline, read before anything runs: one that cannot be read is
 * exit 2 at once, and --update-baseline starts from a missing one. */
static int load_baseline(const struct run_args *a, struct sc_baseline *b)
{
    struct sc_diag diag = { 0 };

    if (!a->baseline || (a->update_baseline && access(a->baseline, F_OK) != 0))
        return 0;
    if (sc_baseline_load(a->baseline, b, &diag) == 0)
        return 0;
    sc_diag_print(stderr, a->baseline, &diag);
    sc_diag_clear(&diag);
    /* entries still failing keep the reason a person wrote for them; a
     * baseline that cannot be read is not replaced, since what it holds
     * would be lost */
    if (a->update_baseline)
        sc_say(stderr, "snapcheck: %s left as it was; correct it, or remove it to start afresh", a->baseline);
    return EXIT_USAGE;
}

/* run_profile and run_profiles: no suite to run (said why). */
enum { RUN_UNUSABLE = -100 };

/* Runs the suite of each profile of A->profiles into RESULTS, case ids
 * made ID@PROFILE; stops at the first profile whose run does not end
 * normally, with that run's status and results.  *SUITE is the last
 * profile's suite (to be freed), or NULL when there is none. */
static int run_profiles(struct run_args *a, struct sc_results *results, struct sc_suite **suite)
{
    int rc = SC_RUN_NO_CASE;

    memset(results, 0, sizeof(*results));
    *suite = NULL;
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        struct sc_results one;
        if (!(a->profiles & (1u << p)))
            continue;
        sc_suite_free(*suite);
        if (!(*suite = load_suite(a->cases, (enum sc_profile)p))) {
            sc_results_free(results);
            return RUN_UNUSABLE;
        }
        a->run.progress = sc_progress_start(a->progress, sc_profile_name((enum sc_profile)p), "cases");
        int one_rc = sc_run_suite(*suite, &a->run, &one);
        sc_progress_end(a->run.progress);
        if (one_rc == SC_RUN_NO_CASE)
            continue;
        if (one_rc != SC_RUN_OK) {
            sc_results_free(results);
            *results = one;
            return one_rc;
        }
        sc_results_append_profile(results, &one, sc_profile_name((enum sc_profile)p));
        rc = SC_RUN_OK;
    }
    if (rc == SC_RUN_OK) {
        char *settings = sc_xasprintf("%s --profile all", results->settings);
        free(results->settings);
        results->settings = settings;
    }
    return rc;
}

/* A run of one profile: the default unless --profile names another. */
static int run_profile(struct run_args *a, struct sc_results *results, struct sc_suite **suite)
{
    enum sc_profile p = SC_PROFILE_DEFAULT;

    for (int i = 0; i < SC_PROFILE_LAST; i++) {
        if (a->profiles == 1u << i)
            p = (enum sc_profile)i;
    }
    if (!(*suite = load_suite(a->cases, p)))
        return RUN_UNUSABLE;
    if (!(*suite)->manifest->n) {
        /* a run that checks nothing must not pass */
        sc_say(stderr, "snapcheck: %s has no case yet%s%s; add one with 'snapcheck new'",
               sc_suite_path(*suite, (*suite)->manifest->path),
               p == SC_PROFILE_DEFAULT ? "" : " for ", p == SC_PROFILE_DEFAULT ? "" : sc_profile_name(p));
        return RUN_UNUSABLE;
    }
    a->run.progress = sc_progress_start(a->progress, "run", "cases");
    int rc = sc_run_suite(*suite, &a->run, results);
    sc_progress_end(a->run.progress);
    if (p != SC_PROFILE_DEFAULT && results->settings) {
        char *settings = sc_xasprintf("%s --profile %s", results->settings, sc_profile_name(p));
        free(results->settings);
        results->settings = settings;
    }
    /* the reports name the release the run held the implementation to */
    free(results->profile);
    results->profile = sc_xstrdup(sc_profile_name(p));
    return rc;
}

static int cmd_run(int argc, char **argv)
{
    struct run_args a = { .run = { .timeout = 10 } };
    struct sc_baseline baseline = { 0 };
    struct sc_results results;
    int rc = EXIT_OK;

    if (parse_run_args(argc, argv, &a, &rc) < 0)
        return rc;
    if (a.regenerate)
        return regenerate(&a);
    if ((rc = load_baseline(&a, &baseline)) != 0)
        return rc;
    struct sc_suite *suite = NULL;
    bool several = a.profiles && (a.profiles & (a.profiles - 1));
    rc = several ? run_profiles(&a, &results, &suite) : run_profile(&a, &results, &suite);
    if (rc == RUN_UNUSABLE) {
        sc_suite_free(suite);
        sc_baseline_free(&baseline);
        return EXIT_USAGE;
    }
    if (rc == SC_RUN_INTERRUPTED) {
        /* every implementation is gone; no report for a run cut short */
        sc_results_free(&results);
        sc_suite_free(suite);
        sc_baseline_free(&baseline);
        sc_impl_die_of_interrupt();
    }
    if (a.baseline)
        sc_baseline_apply(&baseline, a.baseline, &results);
    if (rc == SC_RUN_NO_CASE) {
        rc = no_case(&a.run);
    } else if (rc == SC_RUN_NO_START) {
        sc_say(stderr, "snapcheck: %s", results.n && results.v[0].message ? results.v[0].message : a.run.impl);
        rc = EXIT_NO_IMPL;
    } else if (rc == SC_RUN_SMOKE_FAILED) {
        /* the first line says what happened; the rest quotes the
         * implementation, a line of its own each, escaped */
        const char *msg = results.v[0].message;
        size_t n = strcspn(msg, "\n");
        sc_say(stderr, "snapcheck: %.*s", (int)n, msg);
        if (msg[n])
            sc_say_lines(stderr, "  ", msg + n + 1, false);
        rc = EXIT_NO_IMPL;
    } else if (a.update_baseline) {
        rc = write_baseline(&a, &results);
    } else {
        rc = report_and_gate(&a.reports, &results, a.max_skip, a.min_pass);
    }
    sc_results_free(&results);
    sc_suite_free(suite);
    sc_baseline_free(&baseline);
    return rc;
}
