/*
 * cli.c: helpers shared by the command files (see cli.h).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fileio.h"
#include "options.h"
#include "report.h"
#include "xmlin.h"

int usage_error(const char *fmt, const char *arg)
{
    struct sc_buf b = { 0 };

    /* ARG is what the user typed, or a file name a glob expanded to */
    sc_buf_printf(&b, fmt, arg);
    sc_say(stderr, "snapcheck: %s", b.data);
    if (sc_current_command)
        fprintf(stderr, "Try 'snapcheck %s --help'.\n", sc_current_command->name);
    else
        fputs("Try 'snapcheck --help'.\n", stderr);
    sc_buf_free(&b);
    return EXIT_USAGE;
}

const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

unsigned parse_jobs(const char *arg)
{
    unsigned long long jobs;

    if (!sc_parse_uint64(arg, &jobs) || jobs == 0 || jobs > 1024) {
        usage_error("--jobs wants a number from 1 to 1024, not '%s'", arg);
        return 0;
    }
    return (unsigned)jobs;
}

int doc_option(struct doc_opts *o, int id, const char *arg)
{
    switch (id) {
    case OPT_CREATE:
        o->parse.redefine = o->parse.internal = false;
        return -1;
    case OPT_REDEFINE:
        o->parse.redefine = true;
        o->parse.internal = false;
        return -1;
    case OPT_INTERNAL:
        o->parse.internal = o->parse.redefine = true;
        return -1;
    case OPT_NOW:
        if (!sc_parse_int64(arg, &o->parse.now))
            return usage_error("--now wants seconds since the epoch, not '%s'", arg);
        return -1;
    case OPT_SCHEMA:
        o->schema = arg;
        return -1;
    case OPT_JOBS:
        return (o->jobs = parse_jobs(arg)) ? -1 : EXIT_USAGE;
    case OPT_REASON:
        o->reason = true;
        return -1;
    case OPT_OUTPUT:
        o->output = arg;
        if (o->report < 0)
            o->report = SC_REPORT_TEXT;
        return -1;
    case OPT_REPORT:
        if ((o->report = sc_report_format_from_string(arg)) < 0)
            return usage_error("--report is text, tap, junit, jsonl or markdown, not '%s'", arg);
        return -1;
    default:
        return EXIT_USAGE;
    }
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

