/*
 * cli.h: what the command files of the snapcheck tool share: exit
 * codes, usage errors, the options of document commands, and loading the
 * suite, a schema or writing reports and judging them as the gate.
 * snapcheck.c dispatches to the cmd_* functions; cmd_validate.c,
 * cmd_run.c, cmd_report.c and cmd_new.c hold the larger commands.
 */
#ifndef SNAPCHECK_CLI_H
#define SNAPCHECK_CLI_H

#include <stdbool.h>

#include "results.h"
#include "schema.h"
#include "snapshot.h"
#include "suite.h"

/* EXIT_NO_IMPL: run --impl's implementation cannot start, or fails the
 * smoke case (conform.h). */
enum { EXIT_OK = 0, EXIT_NONCONFORM = 1, EXIT_USAGE = 2, EXIT_NO_IMPL = 3 };

extern const char usage_text[];

/* Prints "snapcheck: FMT" (with ARG, escaped) and a pointer to --help;
 * returns EXIT_USAGE. */
int usage_error(const char *fmt, const char *arg);

/* The usage error for getopt_long's '?' or ':' (OPT), naming the option
 * (main turns getopt's own messages off: they print it unescaped). */
int option_error(char *const *argv, int opt);

/* "<stdin>" for "-". */
const char *display_name(const char *path);

/* Options shared by format, validate and parity. */
struct doc_opts {
    struct sc_parse_opts parse;
    const char *schema;
    int report;             /* a report format, or -1 */
    const char *output;
    unsigned jobs;          /* validate: worker threads, 0 for one per core */
    bool reason;            /* format: say what a rejection is about */
};

/* Returns -1 when the options parsed, or an exit code. */
int parse_doc_opts(int argc, char **argv, struct doc_opts *o, bool allow_schema,
                   bool allow_report);

/* Writes a rendered report to OUTPUT (atomically) or standard output. */
int emit(const char *text, const char *output);

/* The reports of one run (--report FORMAT[=FILE], repeated, and -o FILE
 * for the one given without a file), and the console. */
#define MAX_REPORTS 16
struct report_plan {
    struct {
        int format;
        const char *path;   /* NULL: standard output */
    } v[MAX_REPORTS];
    size_t n;
    const char *output;     /* -o FILE */
};

/* Adds "FORMAT" or "FORMAT=FILE"; returns 0, or EXIT_USAGE after
 * saying why. */
int report_plan_add(struct report_plan *p, const char *arg);

/* Gives -o to the report without a file (a text report when there is
 * none); returns 0, or EXIT_USAGE when two reports would go to standard
 * output, to -o, or to one file, or when -o names no report's file. */
int report_plan_resolve(struct report_plan *p);

/* Writes each report, and the text report on the console: standard
 * output, or standard error when another report goes there; then one
 * line per report written to a file.  Returns 0, or -1 when a report
 * could not be written. */
int report_plan_write(const struct report_plan *p, const struct sc_results *r);

/* Writes the reports, then judges the results as the gate: 0 when they
 * pass, 1 on a new failure, a stale entry, more skips than the baseline
 * lists and MAX_SKIP allows, fewer passes than MIN_PASS, or no case run
 * (each limit said on standard error), 2 when a report could not be
 * written. */
int report_and_gate(const struct report_plan *p, const struct sc_results *r, unsigned max_skip,
                    unsigned min_pass);

struct sc_suite *load_suite(void);
struct sc_schema *load_schema(const char *path);

int cmd_validate(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_new(int argc, char **argv);

#endif
