/*
 * cmd_report.c: "snapcheck report --merge": the JSON Lines reports of a
 * run's shards (merge.h) made into one run's results, written in any
 * report format and judged as the gate, as run would have judged the
 * whole run.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "merge.h"
#include "results.h"
#include "xmlin.h"

enum { OPT_MERGE = 400, OPT_REPORT, OPT_MAX_SKIP, OPT_MIN_PASS };

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

/* Options may come before and after the files. */
static int parse_report_args(int argc, char **argv, struct report_args *a)
{
    static const struct option longopts[] = {
        { "merge", no_argument, NULL, OPT_MERGE },
        { "report", required_argument, NULL, OPT_REPORT },
        { "output", required_argument, NULL, 'o' },
        { "max-skip", required_argument, NULL, OPT_MAX_SKIP },
        { "min-pass", required_argument, NULL, OPT_MIN_PASS },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt, rc = 0;

    while (rc == 0 && (opt = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_MERGE:
            a->merge = true;
            break;
        case OPT_REPORT:
            rc = report_plan_add(&a->reports, optarg);
            break;
        case 'o':
            a->reports.output = optarg;
            break;
        case OPT_MAX_SKIP:
            rc = parse_limit("--max-skip", optarg, &a->max_skip);
            break;
        case OPT_MIN_PASS:
            rc = parse_limit("--min-pass", optarg, &a->min_pass);
            break;
        case 'h':
            fputs(usage_text, stdout);
            exit(EXIT_OK);
        default:
            return option_error(argv, opt);
        }
    }
    if (rc)
        return rc;
    if (!a->merge)
        return usage_error("%s wants --merge and the JSON Lines reports of a run's shards", "report");
    if (optind == argc)
        return usage_error("%s wants the JSON Lines reports to merge (run --report jsonl=FILE)", "report --merge");
    return report_plan_resolve(&a->reports);
}

int cmd_report(int argc, char **argv)
{
    struct report_args a = { 0 };
    struct sc_results results;
    struct sc_merge_error err;
    int rc = parse_report_args(argc, argv, &a);

    if (rc)
        return rc;
    if (sc_results_merge(argv + optind, (size_t)(argc - optind), &results, &err) < 0) {
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
