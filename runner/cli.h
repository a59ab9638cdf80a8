/*
 * cli.h: what the command files of the snapcheck tool share: exit
 * codes, usage errors, the options of document commands, and loading the
 * suite, a schema or writing a report.  snapcheck.c dispatches to the
 * cmd_* functions; cmd_validate.c, cmd_run.c and cmd_new.c hold the
 * larger commands.
 */
#ifndef SNAPCHECK_CLI_H
#define SNAPCHECK_CLI_H

#include <stdbool.h>

#include "schema.h"
#include "snapshot.h"
#include "suite.h"

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
    int progress;           /* validate: an enum sc_when (term.h) */
};

/* Returns -1 when the options parsed, or an exit code. */
int parse_doc_opts(int argc, char **argv, struct doc_opts *o, bool allow_schema,
                   bool allow_report);

/* Writes a rendered report to OUTPUT (atomically) or standard output. */
int emit(const char *text, const char *output);

struct sc_suite *load_suite(void);
struct sc_schema *load_schema(const char *path);

int cmd_validate(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_new(int argc, char **argv);

#endif
