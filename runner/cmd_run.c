/*
 * cmd_run.c: "snapcheck run": the conformance suite against the
 * reference implementation or an external one, with baselines and
 * reports.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "authoring.h"
#include "buf.h"
#include "cli.h"
#include "conform.h"
#include "fileio.h"
#include "impl.h"
#include "report.h"
#include "results.h"
#include "term.h"
#include "xmlin.h"

struct run_args {
    struct sc_run_opts run;
    bool regenerate, dry_run;
    const char *baseline;
    bool update_baseline;
    int report;
    const char *output;
    enum sc_when color, progress;
};

enum { OPT_IMPL = 300, OPT_COMPARE, OPT_TIMEOUT, OPT_BASELINE, OPT_UPDATE, OPT_REPORT,
       OPT_FILTER, OPT_SHARD, OPT_JOBS, OPT_REGENERATE, OPT_DRY_RUN, OPT_ANY_REASON, OPT_COLOR,
       OPT_PROGRESS, OPT_NO_PROGRESS };

static int parse_unsigned(const char *s, unsigned *out)
{
    unsigned long long v;

    if (!sc_parse_uint64(s, &v) || v > 1000000)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int parse_run_option(int opt, struct run_args *a)
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
    case OPT_COLOR: {
        int when = optarg ? sc_when_from_string(optarg) : SC_WHEN_ALWAYS;
        if (when < 0)
            return usage_error("--color is auto, always or never, not '%s'", optarg);
        a->color = (enum sc_when)when;
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
        if (parse_unsigned(optarg, &a->run.jobs) < 0 || a->run.jobs == 0)
            return usage_error("--jobs wants a positive number, not '%s'", optarg);
        return 0;
    default:
        return EXIT_USAGE;
    }
}

/* --report and -o, then the other options of run. */
static int parse_report_option(int opt, struct run_args *a)
{
    if (opt == OPT_REPORT) {
        a->report = sc_report_format_from_string(optarg);
        if (a->report < 0)
            return usage_error("--report is text, tap, junit, jsonl or markdown, not '%s'", optarg);
        return 0;
    }
    if (opt == 'o') {
        a->output = optarg;
        return 0;
    }
    return parse_run_option(opt, a);
}

static int parse_run_args(int argc, char **argv, struct run_args *a)
{
    static const struct option longopts[] = {
        { "impl", required_argument, NULL, OPT_IMPL },
        { "compare", required_argument, NULL, OPT_COMPARE },
        { "timeout", required_argument, NULL, OPT_TIMEOUT },
        { "baseline", required_argument, NULL, OPT_BASELINE },
        { "update-baseline", no_argument, NULL, OPT_UPDATE },
        { "report", required_argument, NULL, OPT_REPORT },
        { "output", required_argument, NULL, 'o' },
        { "filter", required_argument, NULL, OPT_FILTER },
        { "shard", required_argument, NULL, OPT_SHARD },
        { "jobs", required_argument, NULL, OPT_JOBS },
        { "regenerate", no_argument, NULL, OPT_REGENERATE },
        { "dry-run", no_argument, NULL, OPT_DRY_RUN },
        { "any-reason", no_argument, NULL, OPT_ANY_REASON },
        { "color", optional_argument, NULL, OPT_COLOR },
        { "progress", no_argument, NULL, OPT_PROGRESS },
        { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "+:o:h", longopts, NULL)) != -1) {
        if (opt == '?' || opt == ':')
            return option_error(argv, opt);
        if (opt == 'h') {
            fputs(usage_text, stdout);
            exit(EXIT_OK);
        }
        if ((rc = parse_report_option(opt, a)) != 0)
            return rc;
    }
    if (optind != argc)
        return usage_error("%s takes options only; see --help", "run");
    if (a->dry_run && !a->regenerate)
        return usage_error("%s goes with --regenerate", "--dry-run");
    if (a->regenerate && (a->run.impl || a->baseline || a->run.shards))
        return usage_error("%s uses the reference formatter on the whole suite (--filter aside)",
                           "--regenerate");
    if (a->update_baseline && !a->baseline)
        return usage_error("%s needs --baseline FILE", "--update-baseline");
    if (a->update_baseline && (a->run.filter || a->run.shards))
        return usage_error("%s covers the whole suite: drop --filter and --shard", "--update-baseline");
    return 0;
}

static int write_baseline(const struct run_args *a, const struct sc_results *results)
{
    char *text = sc_baseline_format(results);
    size_t n = 0;
    int rc = emit(text, a->baseline);

    for (size_t i = 0; i < results->n; i++)
        n += results->v[i].verdict == SC_FAIL || results->v[i].verdict == SC_ERROR;
    if (rc == 0)
        sc_say(stdout, "baseline: %zu known failure%s written to %s", n, n == 1 ? "" : "s", a->baseline);
    free(text);
    return rc < 0 ? EXIT_USAGE : EXIT_OK;
}

/* Golden files from the reference formatter: 0 when done (or, with
 * --dry-run, when nothing would change), 1 when a dry run found changes. */
static int regenerate(const struct run_args *a)
{
    struct sc_diag_list problems = { 0 };
    char *datadir = sc_data_dir();
    bool color = sc_color_for(a->color, STDOUT_FILENO);
    long n = sc_regenerate(datadir, a->run.filter, a->dry_run, color, stdout, &problems);
    int rc;

    for (size_t i = 0; i < problems.n; i++)
        sc_say(stderr, "snapcheck: %s", problems.v[i].msg);
    if (n < 0) {
        rc = EXIT_USAGE;
    } else {
        printf("%ld golden file%s %s\n", n, n == 1 ? "" : "s",
               a->dry_run ? "would change (nothing written)" : "rewritten");
        rc = a->dry_run && n ? EXIT_NONCONFORM : EXIT_OK;
    }
    sc_diag_list_free(&problems);
    free(datadir);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    struct run_args a = { .run = { .timeout = 10 }, .report = SC_REPORT_TEXT };
    struct sc_results results;
    char errbuf[512];
    long errline;
    int rc = parse_run_args(argc, argv, &a);

    if (rc)
        return rc;
    if (a.regenerate)
        return regenerate(&a);
    struct sc_suite *suite = load_suite();
    if (!suite)
        return EXIT_USAGE;
    /* auto: a report written to a file is not coloured */
    bool color = a.report == SC_REPORT_TEXT && (a.output ? a.color == SC_WHEN_ALWAYS
                                                          : sc_color_for(a.color, STDOUT_FILENO));
    a.run.progress = sc_progress_start(a.progress, "run", "cases");
    rc = sc_run_suite(suite, &a.run, &results);
    sc_progress_end(a.run.progress);
    if (rc == SC_RUN_INTERRUPTED) {
        /* every implementation is gone; no report for a run cut short */
        sc_results_free(&results);
        sc_suite_free(suite);
        sc_impl_die_of_interrupt();
    }
    if (rc == SC_RUN_NO_CASE) {
        sc_results_free(&results);
        sc_suite_free(suite);
        return usage_error("no case matches --filter '%s' in this shard", a.run.filter ? a.run.filter : "");
    }
    if (rc == SC_RUN_NO_START) {
        sc_say(stderr, "snapcheck: %s", results.n && results.v[0].message ? results.v[0].message : a.run.impl);
        rc = EXIT_NO_IMPL;
    } else if (a.update_baseline) {
        /* entries still failing keep the reason a person wrote for
         * them; a baseline that cannot be read is not replaced, since
         * what it holds would be lost */
        if (access(a.baseline, F_OK) == 0 &&
            sc_baseline_apply(a.baseline, &results, &errline, errbuf, sizeof(errbuf)) < 0) {
            sc_diag_print(stderr, a.baseline, errline, errbuf);
            sc_say(stderr, "snapcheck: %s left as it was; correct it, or remove it to start afresh",
                   a.baseline);
            rc = EXIT_USAGE;
        } else {
            rc = write_baseline(&a, &results);
        }
    } else if (a.baseline && sc_baseline_apply(a.baseline, &results, &errline, errbuf, sizeof(errbuf)) < 0) {
        sc_diag_print(stderr, a.baseline, errline, errbuf);
        rc = EXIT_USAGE;
    } else {
        char *text = sc_report_render(&results, (enum sc_report_format)a.report, color);
        size_t passed, total;
        rc = emit(text, a.output) < 0 ? EXIT_USAGE
             : sc_results_regressions(&results) || results.stale.n ? EXIT_NONCONFORM : EXIT_OK;
        if (a.output) {
            sc_results_compliance(&results, &passed, &total);
            sc_say(stdout, "compliance: %zu/%zu passed; report written to %s", passed, total, a.output);
        }
        free(text);
    }
    sc_results_free(&results);
    sc_suite_free(suite);
    return rc;
}

