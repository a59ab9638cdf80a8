/*
 * cli.c: helpers shared by the command files (see cli.h).
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "report.h"
#include "term.h"
#include "xmlin.h"

const char usage_text[] =
    "usage: snapcheck COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "commands:\n"
    "  format [--create|--redefine] [--internal] [--now EPOCH] FILE|-\n"
    "                          print the canonical form of a snapshot document\n"
    "  validate [--schema RNG] [--create|--redefine] [--internal]\n"
    "           [--report FORMAT] [-o FILE] [--jobs N] [--[no-]progress] PATH...\n"
    "                          check documents (directories: every *.xml) against\n"
    "                          the schema and the parser's rules\n"
    "  parity [--schema RNG]   compare a schema's state list with the state table\n"
    "  states                  print the state table\n"
    "  coverage [--summary]    list the grammar's items and constraints with the\n"
    "                          cases that exercise or break them\n"
    "  lint [--fix]            check the suite's own files: manifest, cases, goldens;\n"
    "                          --fix puts the manifest in canonical form\n"
    "  new ID --description TEXT [--from FILE] [--create|--redefine|--internal]\n"
    "      [--invalid --layer schema|parser|both --expect-error TEXT\n"
    "       [--expect-schema-error TEXT]]\n"
    "                          add a case: input, manifest entry and golden\n"
    "  run [--impl COMMAND] [--compare exact|envelope|canonical]\n"
    "      [--timeout SECONDS] [--baseline FILE [--update-baseline]]\n"
    "      [--report FORMAT] [-o FILE] [--filter GLOB] [--shard I/N] [--jobs N]\n"
    "      [--color[=auto|always|never]] [--[no-]progress]\n"
    "                          run the conformance suite against the reference\n"
    "                          implementation or COMMAND\n"
    "  run --regenerate [--dry-run] [--filter GLOB] [--color[=WHEN]]\n"
    "                          rewrite the golden files whose output changed\n"
    "\n"
    "report formats: text, tap, junit, jsonl, markdown\n"
    "exit status: 0 success, 1 not conforming, 2 usage or I/O error,\n"
    "             3 the implementation could not be started\n";

int usage_error(const char *fmt, const char *arg)
{
    struct sc_buf b = { 0 };

    /* ARG is what the user typed, or a file name a glob expanded to */
    sc_buf_printf(&b, fmt, arg);
    sc_say(stderr, "snapcheck: %s", b.data);
    fputs("Try 'snapcheck --help'.\n", stderr);
    sc_buf_free(&b);
    return EXIT_USAGE;
}

int option_error(char *const *argv, int opt)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    char *what = strncmp(arg, "--", 2) == 0 ? sc_xasprintf("%.*s", (int)strcspn(arg, "="), arg)
                                            : sc_xasprintf("-%c", optopt > 0 && optopt < 128 ? optopt : '?');
    int rc = usage_error(opt == ':' ? "option '%s' needs a value" : "unknown option '%s'", what);

    free(what);
    return rc;
}

const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

enum { OPT_SCHEMA = 256, OPT_NOW, OPT_DOC_REPORT, OPT_DOC_JOBS, OPT_DOC_REASON, OPT_DOC_PROGRESS,
       OPT_DOC_NO_PROGRESS };

int parse_doc_opts(int argc, char **argv, struct doc_opts *o, bool allow_schema,
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
        { "jobs", required_argument, NULL, OPT_DOC_JOBS },
        { "reason", no_argument, NULL, OPT_DOC_REASON },
        { "progress", no_argument, NULL, OPT_DOC_PROGRESS },
        { "no-progress", no_argument, NULL, OPT_DOC_NO_PROGRESS },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    while ((opt = getopt_long(argc, argv, "+:ho:", longopts, NULL)) != -1) {
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
        case OPT_DOC_JOBS: {
            unsigned long long jobs;
            if (!allow_report)
                return usage_error("%s does not take --jobs", argv[0]);
            if (!sc_parse_uint64(optarg, &jobs) || jobs == 0 || jobs > 1024)
                return usage_error("--jobs wants a number from 1 to 1024, not '%s'", optarg);
            o->jobs = (unsigned)jobs;
            break;
        }
        case OPT_DOC_PROGRESS:
        case OPT_DOC_NO_PROGRESS:
            if (!allow_report)
                return usage_error("%s does not take --progress or --no-progress", argv[0]);
            o->progress = opt == OPT_DOC_PROGRESS ? SC_WHEN_ALWAYS : SC_WHEN_NEVER;
            break;
        case OPT_DOC_REASON:
            if (allow_schema || allow_report)
                return usage_error("%s does not take --reason", argv[0]);
            o->reason = true;
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
            return option_error(argv, opt);
        }
    }
    return -1;
}

/* Writes a rendered report to OUTPUT (atomically) or standard output. */
int emit(const char *text, const char *output)
{
    char errbuf[512];

    if (!output) {
        fputs(text, stdout);
        return fflush(stdout) == 0 ? 0 : -1;
    }
    if (sc_write_file(output, text, strlen(text), errbuf, sizeof(errbuf)) < 0) {
        sc_say(stderr, "snapcheck: %s", errbuf);
        return -1;
    }
    return 0;
}

struct sc_schema *load_schema(const char *path)
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

/* The suite of the data directory, or NULL after saying why not. */
struct sc_suite *load_suite(void)
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

