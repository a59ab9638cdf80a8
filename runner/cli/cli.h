/*
 * cli.h: what the command files of the snapcheck tool share: the
 * options of document commands, and loading the suite, a schema or
 * writing reports and judging them as the gate.  Exit statuses are
 * util/exitcode.h's, usage errors options.h's.
 * snapcheck.c dispatches to the cmd_* functions; cmd_validate.c,
 * cmd_run.c, cmd_report.c and cmd_new.c hold the larger commands.
 */
#ifndef SNAPCHECK_CLI_H
#define SNAPCHECK_CLI_H

#include <stdbool.h>

#include "util/datadir.h"
#include "cli/options.h"
#include "suite/report.h"
#include "suite/results.h"
#include "schema/schema.h"
#include "model/snapshot.h"
#include "suite/suite.h"
#include "util/term.h"

/* "<stdin>" for "-". */
const char *display_name(const char *path);

/* The ids of the options several commands share (options.h); a
 * command's own start at OPT_OWN. */
enum {
    OPT_OUTPUT = 'o',
    OPT_CREATE = 256, OPT_REDEFINE, OPT_INTERNAL, OPT_NOW, OPT_SCHEMA, OPT_REPORT, OPT_JOBS,
    OPT_REASON, OPT_CASES, OPT_COLOR, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_PROFILE, OPT_MAX_SKIP, OPT_MIN_PASS, OPT_OWN = 300
};

/* Their table entries: the modes (one group), and the others. */
#define SC_OPTIONS_MODE                                                                            \
    { OPT_CREATE, "create", 0, NULL,                                                               \
      "create mode, as virsh snapshot-create: state, parent, creationTime and the domain are "     \
      "ignored", NULL, 1, false },                                                                 \
    { OPT_REDEFINE, "redefine", 0, NULL,                                                           \
      "redefine mode, as snapshot-create --redefine: name, state and creationTime are required",    \
      NULL, 1, false },                                                                            \
    { OPT_INTERNAL, "internal", 0, NULL,                                                           \
      "libvirt's own stored metadata: redefine mode, and <active> is required", NULL, 1, false }
#define SC_OPTION_SCHEMA                                                                           \
    { OPT_SCHEMA, "schema", 0, "RNG", "check against this RELAX NG schema instead of the suite's",  \
      "A schema and every file it includes or refers to must be a local regular file without a "   \
      "DOCTYPE, 4 MiB and 256 files in all.", 0, false }
#define SC_OPTION_REPORT                                                                           \
    { OPT_REPORT, "report", 0, "FORMAT[=FILE]", "write a report (" SC_REPORT_FORMAT_LIST ") to "    \
      "FILE, or to standard output; repeat for several reports",                                   \
      "Given several times, one run writes several reports; at most one may go to standard "       \
      "output and no two to one file. run also writes the text report to the console, with one "   \
      "line per report written to a file: on standard output, or on standard error when a report " \
      "in another format takes standard output. Every format states the same counts. "            \
      "Names, ids and foreign text are escaped for the format: C escapes in text, also \\# in "     \
      "TAP descriptions, backslashes and code spans in Markdown, character references in JUnit, "  \
      "\\u escapes in JSON Lines.", 0, false },                                                     \
    { OPT_OUTPUT, "output", 'o', "FILE", "write the report given without =FILE to FILE",          \
      "Without --report, the text report. "                                                       \
      "A regular file is replaced whole, keeping its mode and owner; a link is followed; a "       \
      "device or FIFO is written through.", 0, false }
#define SC_OPTION_CASES                                                                            \
    { OPT_CASES, "cases", 0, "DIR", "work on the suite in DIR (made by init) instead of the "        \
      "built-in one", "The SNAPCHECK_CASES environment variable does the same.", 0, false }
#define SC_OPTIONS_LIMITS                                                                          \
    { OPT_MAX_SKIP, "max-skip", 0, "N", "fail when more than N cases are skipped beyond those the "   \
      "baseline lists (default 0)", NULL, 0, false },                                              \
    { OPT_MIN_PASS, "min-pass", 0, "N", "fail when fewer than N cases pass (default 0)",              \
      "A run in which no case ran (every one skipped) fails whatever the limits. A shard is held "  \
      "to them alone; report --merge holds the whole run to them.", 0, false }
#define SC_OPTIONS_PROGRESS                                                                        \
    { OPT_PROGRESS, "progress", 0, NULL, "show progress on standard error even when it is not a "     \
      "terminal (a CI log)",                                                                      \
      "On a terminal, progress (done/total, elapsed time) is shown unless --no-progress is "      \
      "given; elsewhere, plain lines, one each tenth of the way, only with --progress.", 2, false }, \
    { OPT_NO_PROGRESS, "no-progress", 0, NULL, "show no progress, even on a terminal", NULL, 2, false }
#define SC_OPTION_COLOR                                                                            \
    { OPT_COLOR, "color", 0, "[=WHEN]", "colour differences: auto (default: on a terminal, unless "   \
      "NO_COLOR is set or TERM is dumb), always or never; --color alone is always", NULL, 0, false }
#define SC_OPTION_PROFILE                                                                          \
    { OPT_PROFILE, "profile", 0, "NAME", "follow the libvirt release NAME (snapcheck profiles lists "  \
      "them; default: the newest)", "A profile is a release's state table, schema and rules.", 0,   \
      false }
#define SC_OPTION_JOBS                                                                             \
    { OPT_JOBS, "jobs", 0, "N", "work on N at a time, 1 to 1024 (default: one per core)", NULL,     \
      0, false }

/* Options shared by format, validate and parity. */
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
    enum sc_when color;     /* of text reports (--color) */
};

/* Adds "FORMAT" or "FORMAT=FILE"; returns 0, or EXIT_USAGE after
 * saying why. */
int report_plan_add(struct report_plan *p, const char *arg);

/* Gives -o to the report without a file (a text report when there is
 * none); returns 0, or EXIT_USAGE when two reports would go to standard
 * output, to -o, or to one file, or when -o names no report's file. */
int report_plan_resolve(struct report_plan *p);

struct doc_opts {
    struct sc_parse_opts parse;
    const char *schema;
    struct report_plan reports;   /* validate: --report and -o */
    unsigned jobs;          /* validate: worker threads, 0 for one per core */
    bool reason;            /* format: say what a rejection is about */
    int progress;           /* validate: an enum sc_when (term.h) */
};

/* The profile ARG names, or -1 after a usage error that lists the
 * known ones and suggests the nearest. */
int parse_profile(const char *arg);

/* Takes the shared option ID with its value ARG into O: 0, or the
 * exit status of a usage error. */
int doc_option(struct doc_opts *o, int id, const char *arg);

/* The number of jobs ARG asks for (1 to 1024), or 0 after a usage
 * error. */
unsigned parse_jobs(const char *arg);

/* Writes a rendered report to OUTPUT (atomically) or standard output. */
int emit(const char *text, const char *output);


/* Writes each report, and the text report on the console: standard
 * output, or standard error when another report goes there; then one
 * line per report written to a file.  Returns 0, or -1 when a report
 * could not be written. */
int report_plan_write(const struct report_plan *p, const struct sc_results *r);

/* Writes each report, and nothing else; returns 0, or -1 when a report
 * could not be written (said on standard error).  WRITTEN, when not
 * NULL, records which were. */
int report_plan_emit(const struct report_plan *p, const struct sc_results *r, bool *written);

/* Writes the reports, then judges the results as the gate: 0 when they
 * pass, 1 on a new failure, a stale entry, more skips than the baseline
 * lists and MAX_SKIP allows, fewer passes than MIN_PASS, or no case run
 * (each limit said on standard error), 2 when a report could not be
 * written. */
/* Takes --max-skip or --min-pass (ID) with its value ARG into the limit
 * it sets: 0, or EXIT_USAGE after saying why. */
int gate_limit_option(int id, const char *arg, unsigned *max_skip, unsigned *min_pass);

int report_and_gate(const struct report_plan *p, const struct sc_results *r, unsigned max_skip,
                    unsigned min_pass);

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

/* That suite loaded for PROFILE (its schema and its cases), or NULL
 * after saying why not. */
struct sc_suite *load_suite(const char *cases, enum sc_profile profile);
/* The schema at PATH, or PROFILE's in the data directory, loaded (with
 * SHORTCUTS, ready for bulk validation: schema.h); NULL after saying
 * why not. */
struct sc_schema *load_schema(const char *path, enum sc_profile profile, bool shortcuts);

/* PROFILE's schema in the data directory, newly allocated; NULL after
 * saying that there is no data directory. */
char *profile_schema_path(enum sc_profile profile);

extern const struct sc_command sc_cmd_validate, sc_cmd_run, sc_cmd_report, sc_cmd_new,
    sc_cmd_parity, sc_cmd_profiles;

#endif
