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
#include "xmlin.h"

struct run_args {
    struct sc_run_opts run;
    bool regenerate, dry_run;
    const char *baseline;
    bool update_baseline;
    struct report_plan reports;
    unsigned max_skip, min_pass;
};

enum { OPT_IMPL = 300, OPT_COMPARE, OPT_TIMEOUT, OPT_BASELINE, OPT_UPDATE, OPT_REPORT,
       OPT_FILTER, OPT_SHARD, OPT_JOBS, OPT_REGENERATE, OPT_DRY_RUN, OPT_ANY_REASON, OPT_MAX_SKIP,
       OPT_MIN_PASS };

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
        else
            return usage_error("--compare is exact or envelope, not '%s'", optarg);
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
    case OPT_MAX_SKIP:
        if (parse_unsigned(optarg, &a->max_skip) < 0)
            return usage_error("--max-skip wants a number of cases, not '%s'", optarg);
        return 0;
    case OPT_MIN_PASS:
        if (parse_unsigned(optarg, &a->min_pass) < 0)
            return usage_error("--min-pass wants a number of cases, not '%s'", optarg);
        return 0;
    default:
        return EXIT_USAGE;
    }
}

/* --report and -o, then the other options of run. */
static int parse_report_option(int opt, struct run_args *a)
{
    if (opt == OPT_REPORT)
        return report_plan_add(&a->reports, optarg);
    if (opt == 'o') {
        a->reports.output = optarg;
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
        { "max-skip", required_argument, NULL, OPT_MAX_SKIP },
        { "min-pass", required_argument, NULL, OPT_MIN_PASS },
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
    return report_plan_resolve(&a->reports);
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
    char *datadir = sc_data_dir();
    bool color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
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
    char errbuf[512];
    long errline;

    if (!a->baseline || (a->update_baseline && access(a->baseline, F_OK) != 0))
        return 0;
    if (sc_baseline_load(a->baseline, b, &errline, errbuf, sizeof(errbuf)) == 0)
        return 0;
    sc_diag_print(stderr, a->baseline, errline, errbuf);
    /* entries still failing keep the reason a person wrote for them; a
     * baseline that cannot be read is not replaced, since what it holds
     * would be lost */
    if (a->update_baseline)
        sc_say(stderr, "snapcheck: %s left as it was; correct it, or remove it to start afresh", a->baseline);
    return EXIT_USAGE;
}

int cmd_run(int argc, char **argv)
{
    struct run_args a = { .run = { .timeout = 10 } };
    struct sc_baseline baseline = { 0 };
    struct sc_results results;
    int rc = parse_run_args(argc, argv, &a);

    if (rc)
        return rc;
    if (a.regenerate)
        return regenerate(&a);
    if ((rc = load_baseline(&a, &baseline)) != 0)
        return rc;
    struct sc_suite *suite = load_suite();
    if (!suite) {
        sc_baseline_free(&baseline);
        return EXIT_USAGE;
    }
    rc = sc_run_suite(suite, &a.run, &results);
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
