/*
 * cmd_report.c: "snapcheck report", two ways.  --merge: the JSON Lines
 * reports of a run's shards (merge.h) made into one run's results,
 * written in any report format and judged as the gate, as run would
 * have judged the whole run.  --html DIR: the JSON Lines reports of one
 * or more runs (implementations, profiles, shards) made into a static
 * web site (site.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "cli/cli.h"
#include "suite/merge.h"
#include "suite/results.h"
#include "suite/site.h"
#include "model/xmlin.h"

enum { OPT_MERGE = OPT_OWN, OPT_HTML };

static const struct sc_option report_options[] = {
    { OPT_MERGE, "merge", 0, NULL, "merge the JSON Lines reports of a run's shards (run --shard I/N "
      "--report jsonl=FILE) into the reports of the whole run", NULL, 3, false },
    { OPT_HTML, "html", 0, "DIR", "write a static web site of the JSON Lines reports of one or more "
      "runs into DIR: a summary, a matrix of cases, a page per case, drift and badges",
      "Reports of one implementation and profile are put together as the shards of one run; each "
      "other implementation or profile is a column. The site opens from file:// and loads nothing "
      "from elsewhere. Exactly one of --merge and --html is given.", 3, false },
    SC_OPTION_CASES,
    SC_OPTION_REPORT,
    SC_OPTIONS_LIMITS,
    { 0 },
};
static int cmd_report(int argc, char **argv);
const struct sc_command sc_cmd_report = {
    "report", "FILE...", "one report, and the gate, from the JSON Lines reports of a run's shards; or a "
    "web site from those of several runs",
    report_options, cmd_report,
};

struct report_args {
    bool merge;
    const char *html, *cases;
    bool gate_options;
    struct report_plan reports;
    unsigned max_skip, min_pass;
};

/* 0 with the index of the first file in *FIRST, or -1 when the command
 * is done (--help, a usage error) with its exit status in *STATUS. */
static int parse_report_args(int argc, char **argv, struct report_args *a, int *first, int *status)
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
        case OPT_HTML:
            a->html = arg;
            break;
        case OPT_CASES:
            a->cases = arg;
            break;
        case OPT_REPORT:
            a->gate_options = true;
            rc = report_plan_add(&a->reports, arg);
            break;
        case OPT_OUTPUT:
            a->gate_options = true;
            a->reports.output = arg;
            break;
        case OPT_MAX_SKIP:
            a->gate_options = true;
            rc = gate_limit_option(opt, arg, &a->max_skip, &a->min_pass);
            break;
        case OPT_MIN_PASS:
            a->gate_options = true;
            rc = gate_limit_option(opt, arg, &a->max_skip, &a->min_pass);
            break;
        default:
            return parse_stop(status, EXIT_USAGE);
        }
    }
    if (rc)
        return parse_stop(status, rc);
    if (opt < 0)
        return parse_stop(status, p.status);
    if (!a->merge && !a->html)
        return parse_stop(status, usage_error("%s wants --merge or --html DIR", "report"));
    if (a->html && a->gate_options)
        return parse_stop(status, usage_error("%s takes no --report, -o, --max-skip or --min-pass: those are "
                                              "for --merge", "report --html"));
    if (a->merge && a->cases)
        return parse_stop(status, usage_error("%s takes no --cases: that is for --html", "report --merge"));
    if (p.optind == argc)
        return parse_stop(status,
                          usage_error(a->html ? "%s wants the JSON Lines reports to show (run --report jsonl=FILE)"
                                              : "%s wants the JSON Lines reports to merge (run --report jsonl=FILE)",
                                      a->html ? "report --html" : "report --merge"));
    if (a->html && !*a->html)
        return parse_stop(status, usage_error("--html wants a directory, not '%s'", a->html));
    if (report_plan_resolve(&a->reports) != 0)
        return parse_stop(status, EXIT_USAGE);
    *first = p.optind;
    return 0;
}

static int write_site(const struct report_args *a, char *const *paths, size_t n)
{
    struct sc_suite *suite = load_suite(a->cases, SC_PROFILE_DEFAULT);
    char *datadir = suite ? find_data_dir() : NULL, *assets;
    struct sc_diag err = { 0 };
    struct sc_site site;
    int rc = EXIT_OK;

    if (!suite || !datadir) {
        sc_suite_free(suite);
        free(datadir);
        return EXIT_USAGE;
    }
    assets = sc_xasprintf("%s/site", datadir);
    if (sc_site_load(&site, paths, n, suite, &err) < 0 || sc_site_write(&site, a->html, assets, &err) < 0) {
        sc_diag_print(stderr, NULL, &err);
        rc = EXIT_USAGE;
    } else {
        sc_say(stdout, "%s/index.html", a->html);
    }
    sc_diag_clear(&err);
    sc_site_free(&site);
    sc_suite_free(suite);
    free(assets);
    free(datadir);
    return rc;
}

static int cmd_report(int argc, char **argv)
{
    struct report_args a = { 0 };
    struct sc_results results;
    struct sc_diag err = { 0 };
    int first = 0, rc = EXIT_OK;

    if (parse_report_args(argc, argv, &a, &first, &rc) < 0)
        return rc;
    if (a.html)
        return write_site(&a, argv + first, (size_t)(argc - first));
    if (sc_results_merge(argv + first, (size_t)(argc - first), &results, &err) < 0) {
        sc_diag_print(stderr, NULL, &err);
        sc_diag_clear(&err);
        return EXIT_USAGE;
    }
    rc = report_and_gate(&a.reports, &results, a.max_skip, a.min_pass);
    sc_results_free(&results);
    return rc;
}
