/*
 * snapcheck.c: the command-line tool.  Each subcommand is a thin layer
 * over the modules: format (snapshot_*.c), validate (schema.c + the
 * parser), parity (parity.c), states (states.c), run (suite.c).
 *
 * Exit codes: 0 success, 1 a document or schema does not conform,
 * 2 usage or I/O error.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "buf.h"
#include "conform.h"
#include "coverage.h"
#include "fileio.h"
#include "lint.h"
#include "parity.h"
#include "report.h"
#include "schema.h"
#include "states.h"
#include "suite.h"
#include "xmlin.h"

#ifndef SC_VERSION
#define SC_VERSION "0.1"
#endif

enum { EXIT_OK = 0, EXIT_NONCONFORM = 1, EXIT_USAGE = 2, EXIT_NO_IMPL = 3 };

static const char usage_text[] =
    "usage: snapcheck COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "commands:\n"
    "  format [--create|--redefine] [--internal] [--now EPOCH] FILE|-\n"
    "                          print the canonical form of a snapshot document\n"
    "  validate [--schema RNG] [--create|--redefine] [--internal]\n"
    "           [--report FORMAT] [-o FILE] PATH...\n"
    "                          check documents (directories: every *.xml) against\n"
    "                          the schema and the parser's rules\n"
    "  parity [--schema RNG]   compare a schema's state list with the state table\n"
    "  states                  print the state table\n"
    "  coverage [--summary]    list the grammar's items and constraints with the\n"
    "                          cases that exercise or break them\n"
    "  lint [--fix]            check the suite's own files: manifest, cases, goldens;\n"
    "                          --fix puts the manifest in canonical form\n"
    "  run [--impl COMMAND] [--compare exact|envelope] [--timeout SECONDS]\n"
    "      [--baseline FILE [--update-baseline]] [--report FORMAT] [-o FILE]\n"
    "      [--filter GLOB] [--shard I/N] [--jobs N]\n"
    "                          run the conformance suite against the reference\n"
    "                          implementation or COMMAND\n"
    "\n"
    "report formats: text, tap, junit, jsonl, markdown\n"
    "exit status: 0 success, 1 not conforming, 2 usage or I/O error,\n"
    "             3 the implementation could not be started\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "snapcheck: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'snapcheck --help'.\n");
    return EXIT_USAGE;
}

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Options shared by format and validate. */
struct doc_opts {
    struct sc_parse_opts parse;
    const char *schema;
    int report;             /* a report format, or -1 */
    const char *output;
};

enum { OPT_SCHEMA = 256, OPT_NOW, OPT_DOC_REPORT };

static int parse_doc_opts(int argc, char **argv, struct doc_opts *o, bool allow_schema,
                          bool allow_report)
{
    static const struct option longopts[] = {
        { "create", no_argument, NULL, 'c' },
        { "redefine", no_argument, NULL, 'r' },
        { "internal", no_argument, NULL, 'i' },
        { "now", required_argument, NULL, OPT_NOW },
        { "schema", required_argument, NULL, OPT_SCHEMA },
        { "report", required_argument, NULL, OPT_DOC_REPORT },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    while ((opt = getopt_long(argc, argv, "+ho:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c':
            o->parse.redefine = o->parse.internal = false;
            break;
        case 'r':
            o->parse.redefine = true;
            break;
        case 'i':
            o->parse.internal = o->parse.redefine = true;
            break;
        case OPT_NOW:
            if (!sc_parse_int64(optarg, &o->parse.now))
                return usage_error("--now wants seconds since the epoch, not '%s'", optarg);
            break;
        case OPT_SCHEMA:
            if (!allow_schema)
                return usage_error("%s does not take --schema", argv[0]);
            o->schema = optarg;
            break;
        case OPT_DOC_REPORT:
        case 'o':
            if (!allow_report)
                return usage_error("%s does not take --report or -o", argv[0]);
            if (opt == 'o') {
                o->output = optarg;
                if (o->report < 0)
                    o->report = SC_REPORT_TEXT;
            } else if ((o->report = sc_report_format_from_string(optarg)) < 0) {
                return usage_error("--report is text, tap, junit, jsonl or markdown, not '%s'", optarg);
            }
            break;
        case 'h':
            fputs(usage_text, stdout);
            exit(EXIT_OK);
        default:
            return EXIT_USAGE;
        }
    }
    return -1;
}

static int cmd_format(int argc, char **argv)
{
    struct doc_opts o = { .parse = { .now = (long long)time(NULL) } };
    struct sc_error err;
    char errbuf[256], *data;
    size_t len;
    int rc = parse_doc_opts(argc, argv, &o, false, false);

    if (rc >= 0)
        return rc;
    if (optind != argc - 1)
        return usage_error("%s wants exactly one FILE (or - for standard input)", "format");
    const char *path = argv[optind], *name = display_name(path);
    if (sc_read_file(path, &data, &len, errbuf, sizeof(errbuf)) < 0) {
        sc_diag_print(stderr, name, 0, errbuf);
        return EXIT_USAGE;
    }
    xmlDocPtr doc = sc_xml_read_memory(data, len, name, &err);
    free(data);
    struct sc_snapshot *snap = doc ? sc_snapshot_parse(doc, &o.parse, &err) : NULL;
    if (!snap) {
        sc_diag_print(stderr, name, err.line, err.msg);
        return EXIT_NONCONFORM;
    }
    char *out = sc_snapshot_format(snap);
    fputs(out, stdout);
    free(out);
    sc_snapshot_free(snap);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
}

/* Writes a rendered report to OUTPUT (atomically) or standard output. */
static int emit(const char *text, const char *output)
{
    char errbuf[512];

    if (!output) {
        fputs(text, stdout);
        return fflush(stdout) == 0 ? 0 : -1;
    }
    if (sc_write_file_atomic(output, text, strlen(text), errbuf, sizeof(errbuf)) < 0) {
        fprintf(stderr, "snapcheck: %s\n", errbuf);
        return -1;
    }
    return 0;
}

struct validate_state {
    const struct sc_schema *schema;
    struct sc_parse_opts parse;
    struct sc_results *results;   /* collect for a report, or NULL */
    size_t valid, invalid, io_errors;
};

static void add_result(struct sc_results *r, const char *name, bool valid, char *message)
{
    r->v = sc_xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
    r->v[r->n++] = (struct sc_result){
        .id = sc_xstrdup(name), .verdict = valid ? SC_PASS : SC_FAIL,
        .expected = sc_xstrdup("valid"), .actual = sc_xstrdup(valid ? "valid" : "invalid"),
        .message = message,
    };
}

static int validate_one(const char *path, void *opaque)
{
    struct validate_state *v = opaque;
    const char *name = display_name(path);
    struct sc_outcome o;
    char errbuf[256], *diags = NULL;
    size_t len = 0;
    FILE *out = v->results ? open_memstream(&diags, &len) : stderr;

    if (sc_outcome_of_file(v->schema, path, &v->parse, &o, errbuf, sizeof(errbuf)) < 0) {
        sc_diag_print(stderr, name, 0, errbuf);
        v->io_errors++;
        if (out != stderr)
            fclose(out);
        free(diags);
        return 0;
    }
    if (!o.well_formed)
        sc_diag_print(out, name, o.xml_error.line, o.xml_error.msg);
    sc_diag_list_print(out, name, &o.schema);
    if (o.well_formed && !o.parsed)
        sc_diag_print(out, name, o.parse_error.line, o.parse_error.msg);
    bool valid = o.well_formed && o.parsed && !o.schema.n;
    v->valid += valid;
    v->invalid += !valid;
    if (out != stderr) {
        fclose(out);
        add_result(v->results, name, valid, valid ? (free(diags), NULL) : diags);
    }
    sc_outcome_clear(&o);
    return 0;
}

static struct sc_schema *load_schema(const char *path)
{
    char *def = path ? NULL : sc_default_schema_path();
    struct sc_diag_list diags = { 0 };
    struct sc_schema *s = sc_schema_load(path ? path : def, &diags);

    if (!s)
        sc_diag_list_print(stderr, path ? path : def, &diags);
    sc_diag_list_free(&diags);
    free(def);
    return s;
}

static int cmd_validate(int argc, char **argv)
{
    struct doc_opts o = { .parse = { .redefine = true }, .report = -1 };
    struct sc_results results = { 0 };
    int rc = parse_doc_opts(argc, argv, &o, true, true);

    if (rc >= 0)
        return rc;
    if (optind >= argc)
        return usage_error("%s wants at least one PATH (file, directory or -)", "validate");
    struct sc_schema *schema = load_schema(o.schema);
    if (!schema)
        return EXIT_USAGE;
    struct validate_state v = { .schema = schema, .parse = o.parse,
                                .results = o.report >= 0 ? &results : NULL };
    for (int i = optind; i < argc; i++) {
        char errbuf[512];
        if (sc_walk(argv[i], true, validate_one, &v, errbuf, sizeof(errbuf)) < 0) {
            fprintf(stderr, "snapcheck: %s\n", errbuf);
            v.io_errors++;
        }
    }
    if (o.report >= 0) {
        results.subject = sc_xstrdup("documents checked by snapcheck validate");
        char *text = sc_report_render(&results, (enum sc_report_format)o.report);
        if (emit(text, o.output) < 0)
            v.io_errors++;
        free(text);
        sc_results_free(&results);
    }
    if (o.report < 0 || o.output)
        printf("%zu valid, %zu invalid%s\n", v.valid, v.invalid,
               v.io_errors ? ", some could not be read" : "");
    sc_schema_free(schema);
    if (v.io_errors)
        return EXIT_USAGE;
    return v.invalid ? EXIT_NONCONFORM : EXIT_OK;
}

static int cmd_parity(int argc, char **argv)
{
    struct doc_opts o = { 0 };
    struct sc_diag_list diags = { 0 };
    struct sc_parity p;
    int rc = parse_doc_opts(argc, argv, &o, true, false);

    if (rc >= 0)
        return rc;
    if (optind != argc)
        return usage_error("%s takes no arguments; use --schema RNG", "parity");
    char *def = o.schema ? NULL : sc_default_schema_path();
    const char *path = o.schema ? o.schema : def;
    if (sc_parity_check(path, &p, &diags) < 0) {
        sc_diag_list_print(stderr, path, &diags);
        rc = EXIT_USAGE;
    } else {
        sc_parity_print(path, &p);
        rc = sc_parity_drift(&p) ? EXIT_NONCONFORM : EXIT_OK;
    }
    sc_parity_free(&p);
    sc_diag_list_free(&diags);
    free(def);
    return rc;
}

static int cmd_states(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return usage_error("%s takes no arguments", "states");
    printf("%-5s %-14s %s\n", "value", "string", "accepted");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        enum sc_state s = (enum sc_state)i;
        printf("%-5d %-14s %s%s\n", i, sc_state_to_string(s),
               sc_state_accepted(s) ? "yes" : "no",
               sc_state_is_domain_state(s) ? "" : "  (snapshot only)");
    }
    return EXIT_OK;
}

/* Loads the suite of the data directory, or says why it cannot. */
static struct sc_suite *load_suite(void)
{
    struct sc_diag_list diags = { 0 };
    char *datadir = sc_data_dir();
    struct sc_suite *suite = sc_suite_load(datadir, NULL, &diags);

    if (!suite)
        sc_diag_list_print(stderr, datadir, &diags);
    sc_diag_list_free(&diags);
    free(datadir);
    return suite;
}

static int cmd_coverage(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "summary", no_argument, NULL, 's' },
        { NULL, 0, NULL, 0 },
    };
    struct sc_diag_list diags = { 0 };
    struct sc_coverage cov;
    size_t items, items_all, cons, cons_all;
    bool summary = false;
    int rc, opt;

    while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
        if (opt != 's')
            return EXIT_USAGE;
        summary = true;
    }
    if (optind != argc)
        return usage_error("%s takes no arguments", "coverage");
    struct sc_suite *suite = load_suite();
    if (!suite)
        return EXIT_USAGE;
    if (sc_coverage_measure(suite, &cov, &diags) < 0) {
        sc_diag_list_print(stderr, suite->schema->path, &diags);
        rc = EXIT_USAGE;
    } else {
        char *text = summary ? sc_coverage_summary(suite, &cov) : NULL;
        if (text)
            fputs(text, stdout);
        else
            sc_coverage_print(stdout, &cov);
        free(text);
        sc_coverage_totals(&cov, &items, &items_all, &cons, &cons_all);
        rc = items == items_all && cons == cons_all ? EXIT_OK : EXIT_NONCONFORM;
    }
    sc_coverage_free(&cov);
    sc_diag_list_free(&diags);
    sc_suite_free(suite);
    return rc;
}

static int cmd_lint(int argc, char **argv)
{
    bool fix = argc == 2 && strcmp(argv[1], "--fix") == 0;

    if (argc != 1 && !fix)
        return usage_error("%s takes only --fix", "lint");
    char *datadir = sc_data_dir();
    size_t n = sc_lint(datadir, stderr, fix);
    printf("lint: %zu finding%s in %s\n", n, n == 1 ? "" : "s", datadir);
    free(datadir);
    return n ? EXIT_NONCONFORM : EXIT_OK;
}

struct run_args {
    struct sc_run_opts run;
    const char *baseline;
    bool update_baseline;
    int report;
    const char *output;
};

enum { OPT_IMPL = 300, OPT_COMPARE, OPT_TIMEOUT, OPT_BASELINE, OPT_UPDATE, OPT_REPORT,
       OPT_FILTER, OPT_SHARD, OPT_JOBS };

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

/* Options shared by run and validate: --report and -o. */
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
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "+o:h", longopts, NULL)) != -1) {
        if (opt == 'h') {
            fputs(usage_text, stdout);
            exit(EXIT_OK);
        }
        if ((rc = parse_report_option(opt, a)) != 0)
            return rc;
    }
    if (optind != argc)
        return usage_error("%s takes options only; see --help", "run");
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
        printf("baseline: %zu known failure%s written to %s\n", n, n == 1 ? "" : "s", a->baseline);
    free(text);
    return rc < 0 ? EXIT_USAGE : EXIT_OK;
}

static int cmd_run(int argc, char **argv)
{
    struct run_args a = { .run = { .timeout = 10 }, .report = SC_REPORT_TEXT };
    struct sc_results results;
    char errbuf[512];
    long errline;
    int rc = parse_run_args(argc, argv, &a);

    if (rc)
        return rc;
    struct sc_suite *suite = load_suite();
    if (!suite)
        return EXIT_USAGE;
    suite->color = a.report == SC_REPORT_TEXT && !a.output && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    rc = sc_run_suite(suite, &a.run, &results);
    if (rc == SC_RUN_NO_CASE) {
        sc_suite_free(suite);
        return usage_error("no case matches --filter '%s' in this shard", a.run.filter ? a.run.filter : "");
    }
    if (rc == SC_RUN_NO_START) {
        fprintf(stderr, "snapcheck: %s\n",
                results.n && results.v[0].message ? results.v[0].message : a.run.impl);
        rc = EXIT_NO_IMPL;
    } else if (a.update_baseline) {
        /* entries still failing keep the reason a person wrote for them */
        if (access(a.baseline, F_OK) == 0)
            sc_baseline_apply(a.baseline, &results, &errline, errbuf, sizeof(errbuf));
        rc = write_baseline(&a, &results);
    } else if (a.baseline && sc_baseline_apply(a.baseline, &results, &errline, errbuf, sizeof(errbuf)) < 0) {
        sc_diag_print(stderr, a.baseline, errline, errbuf);
        rc = EXIT_USAGE;
    } else {
        char *text = sc_report_render(&results, (enum sc_report_format)a.report);
        size_t passed, total;
        rc = emit(text, a.output) < 0 ? EXIT_USAGE
             : sc_results_regressions(&results) || results.stale.n ? EXIT_NONCONFORM : EXIT_OK;
        if (a.output) {
            sc_results_compliance(&results, &passed, &total);
            printf("compliance: %zu/%zu passed; report written to %s\n", passed, total, a.output);
        }
        free(text);
    }
    sc_results_free(&results);
    sc_suite_free(suite);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } commands[] = {
        { "format", cmd_format }, { "validate", cmd_validate },
        { "parity", cmd_parity }, { "states", cmd_states }, { "run", cmd_run },
        { "coverage", cmd_coverage }, { "lint", cmd_lint },
    };

    if (argc < 2)
        return usage_error("%s", "missing COMMAND");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("snapcheck %s\n", SC_VERSION);
        return EXIT_OK;
    }
    /* an implementation that exits without reading its input must not
     * take snapcheck down with it */
    signal(SIGPIPE, SIG_IGN);
    xmlInitParser();
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            int rc = commands[i].fn(argc - 1, argv + 1);
            xmlCleanupParser();
            return rc;
        }
    }
    return usage_error("unknown command '%s'", argv[1]);
}
