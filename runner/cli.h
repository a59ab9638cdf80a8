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

#include "datadir.h"
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
};

/* Returns -1 when the options parsed, or an exit code. */
int parse_doc_opts(int argc, char **argv, struct doc_opts *o, bool allow_schema,
                   bool allow_report);

/* Writes a rendered report to OUTPUT (atomically) or standard output. */
int emit(const char *text, const char *output);

/* The data directory (datadir.h), or NULL after saying where it was
 * looked for and that SNAPCHECK_DATADIR names it. */
char *find_data_dir(void);

/* The suite a command works on: CASES (--cases DIR), else the
 * SNAPCHECK_CASES environment variable, else the built-in one in the
 * data directory.  Returns 0 with LAYOUT set, or an exit status after
 * saying why not (no data directory; DIR has no manifest.xml). */
int find_suite(const char *cases, struct sc_layout *layout);

/* 0 when COMMAND may write into the suite LAYOUT describes; else says
 * that an installed data directory is read-only data, and what to do
 * instead, and returns EXIT_USAGE. */
int refuse_installed(const char *command, const struct sc_layout *layout);

/* That suite loaded, or NULL after saying why not. */
struct sc_suite *load_suite(const char *cases);
struct sc_schema *load_schema(const char *path);

int cmd_validate(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_new(int argc, char **argv);

#endif
