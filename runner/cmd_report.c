/*
 * cmd_report.c: "snapcheck report --merge": the JSON Lines reports of a
 * run's shards (merge.h) made into one run's results, written in any
 * report format and judged as the gate, as run would have judged the
 * whole run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "merge.h"
#include "results.h"
#include "xmlin.h"

enum { OPT_MERGE = OPT_OWN, OPT_MAX_SKIP, OPT_MIN_PASS };

static const struct sc_option report_options[] = {
    { OPT_MERGE, "merge", 0, NULL, "merge the JSON Lines reports of a run's shards (run --shard I/N "
      "--report jsonl=FILE) into the reports of the whole run", NULL, 0, true },
    SC_OPTION_REPORT,
    { OPT_MAX_SKIP, "max-skip", 0, "N", "fail when more than N cases are skipped beyond those the "
      "baseline lists (default 0)", NULL, 0, false },
    { OPT_MIN_PASS, "min-pass", 0, "N", "fail when fewer than N cases pass (default 0)", NULL, 0,
      false },
    { 0 },
};
static int cmd_report(int argc, char **argv);
const struct sc_command sc_cmd_report = {
    "report", "FILE...", "one report, and the gate, from the JSON Lines reports of a run's shards",
    report_options, cmd_report,
};

struct report_args {
    bool merge;
    struct report_plan reports;
    unsigned max_skip, min_pass;
};

static int parse_limit(const char *name, const char *arg, unsigned *out)
{
    unsigned long long v;

    if (!sc_parse_uint64(arg, &v) || v > 1000000) {
        char *fmt = sc_xasprintf("%s wants a number of cases, not '%%s'", name);
        int rc = usage_error(fmt, arg);
        free(fmt);
        return rc;
    }
    *out = (unsigned)v;
    return 0;
}

/* The index of the first file, or -(exit status). */
static int parse_report_args(int argc, char **argv, struct report_args *a)
{
    struct sc_opt_parser p;
    const char *arg = NULL;
    int opt, rc = 0;

    sc_opt_init(&p, &sc_cmd_report, argc, argv);
    while (rc == 0 && (opt = sc_opt_next(&p, &arg)) > 0) {
        switch (opt) {
        case OPT_MERGE:
            a->merge = true;
            break;
        case OPT_REPORT:
            rc = report_plan_add(&a->reports, arg);
            break;
        case OPT_OUTPUT:
            a->reports.output = arg;
            break;
        case OPT_MAX_SKIP:
            rc = parse_limit("--max-skip", arg, &a->max_skip);
            break;
        case OPT_MIN_PASS:
            rc = parse_limit("--min-pass", arg, &a->min_pass);
            break;
        default:
            return -EXIT_USAGE;
        }
    }
    if (rc)
        return -rc;
    if (opt < 0)
        return -p.status;
    if (p.optind == argc)
        return -usage_error("%s wants the JSON Lines reports to merge (run --report jsonl=FILE)", "report --merge");
    if (report_plan_resolve(&a->reports) != 0)
        return -EXIT_USAGE;
    return p.optind;
}

static int cmd_report(int argc, char **argv)
{
    struct report_args a = { 0 };
    struct sc_results results;
    struct sc_merge_error err;
    int first = parse_report_args(argc, argv, &a), rc;

    if (first <= 0)
        return -first;
    if (sc_results_merge(argv + first, (size_t)(argc - first), &results, &err) < 0) {
        if (err.file)
            sc_diag_print(stderr, err.file, err.line, err.msg);
        else
            sc_say(stderr, "snapcheck: %s", err.msg);
        return EXIT_USAGE;
    }
    rc = report_and_gate(&a.reports, &results, a.max_skip, a.min_pass);
    sc_results_free(&results);
    return rc;
}
