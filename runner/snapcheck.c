/*
 * snapcheck.c: the command-line tool's entry point and its small
 * commands.  Each command is a thin layer over the modules: format
 * (snapshot_*.c), parity (parity.c), states (states.c), coverage
 * (coverage.c), lint (lint.c); validate, run, report and new have files
 * of their own (cmd_*.c), and cli.c holds what they share.
 *
 * Exit codes: 0 success, 1 something does not conform, 2 usage or I/O
 * error, 3 (run --impl) the implementation could not be started or fails
 * the smoke case.
 */
#include <getopt.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "buf.h"
#include "snapshot.h"
#include "cli.h"
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
        /* the implementation protocol's reason line (README) */
        if (err.unreadable)
            return EXIT_USAGE;
        if (o.reason)
            fprintf(stderr, "snapcheck-reason: %s\n", doc ? err.part : "xml");
        return EXIT_NONCONFORM;
    }
    char *out = sc_snapshot_format(snap);
    fputs(out, stdout);
    free(out);
    sc_snapshot_free(snap);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
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

    while ((opt = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
        if (opt != 's')
            return option_error(argv, opt);
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
    sc_say(stdout, "lint: %zu finding%s in %s", n, n == 1 ? "" : "s", datadir);
    free(datadir);
    return n ? EXIT_NONCONFORM : EXIT_OK;
}

/* What a command printed must have reached standard output: a full
 * disk or a closed pipe is an error, whatever the command decided. */
static int finish_output(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "snapcheck: cannot write standard output: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
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
        { "coverage", cmd_coverage }, { "lint", cmd_lint }, { "new", cmd_new }, { "report", cmd_report },
    };

    if (argc < 2)
        return usage_error("%s", "missing COMMAND");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage_text, stdout);
        return finish_output(EXIT_OK);
    }
    if (!strcmp(argv[1], "--version")) {
        printf("snapcheck %s\n", SC_VERSION);
        return finish_output(EXIT_OK);
    }
    /* an implementation that exits without reading its input must not
     * take snapcheck down with it */
    signal(SIGPIPE, SIG_IGN);
    opterr = 0;   /* getopt would print an unknown option unescaped */
    sc_xml_init();
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            int rc = commands[i].fn(argc - 1, argv + 1);
            xmlCleanupParser();
            return finish_output(rc);
        }
    }
    return usage_error("unknown command '%s'", argv[1]);
}
