/*
 * snapcheck.c: the command-line tool's entry point and its small
 * commands.  Each command is a thin layer over the modules: format
 * (snapshot_*.c), parity (parity.c), states (states.c), coverage
 * (coverage.c), lint (lint.c), init (authoring.c); validate, run, report and new
 * have files of their own (cmd_*.c), and cli.c holds what they share.
 *
 * Exit codes: 0 success, 1 something does not conform, 2 usage or I/O
 * error, 3 (run --impl) the implementation could not be started or fails
 * the smoke case.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "suite/authoring.h"
#include "util/buf.h"
#include "model/snapshot.h"
#include "cli/cli.h"
#include "suite/run.h"
#include "suite/coverage.h"
#include "util/fileio.h"
#include "suite/lint.h"
#include "suite/manifest.h"
#include "cli/options.h"
#include "schema/parity.h"
#include "suite/report.h"
#include "schema/schema.h"
#include "model/states.h"
#include "suite/suite.h"
#include "model/xmlin.h"

#ifndef SC_VERSION
#define SC_VERSION "0.1"
#endif

/* Parses ARGV for CMD, every option a shared one (cli.h): 0 with the
 * operands from *FIRST, or -1 when the command is done (--help, a usage
 * error) with its exit status in *STATUS. */
static int parse_doc_command(const struct sc_command *cmd, int argc, char **argv,
                             struct doc_opts *o, int *first, int *status)
{
    struct sc_opt_parser p;
    const char *arg = NULL;
    int id;

    sc_opt_init(&p, cmd, argc, argv);
    while ((id = sc_opt_next(&p, &arg)) > 0) {
        if ((*status = doc_option(o, id, arg)) != 0)
            return -1;
    }
    if (id < 0) {
        *status = p.status;
        return -1;
    }
    *first = p.optind;
    return 0;
}

static const struct sc_option format_options[] = {
    SC_OPTIONS_MODE,
    SC_OPTION_PROFILE,
    { OPT_NOW, "now", 0, "EPOCH", "the creation time create mode gives, in seconds since the epoch "
      "(default: now)", NULL, 0, false },
    { OPT_REASON, "reason", 0, NULL, "on a rejection, also say what it is about on standard error, "
      "as the implementation protocol asks ('snapcheck-reason: PART')", NULL, 0, false },
    { 0 },
};
static int cmd_format(int argc, char **argv);
static const struct sc_command format_command = {
    "format", "FILE|-", "print the canonical form of a snapshot document (create mode by default)",
    format_options, cmd_format,
};

static int cmd_format(int argc, char **argv)
{
    struct doc_opts o = { .parse = { .now = (long long)time(NULL) } };
    struct sc_error err;
    struct sc_diag_list diags = { 0 };
    struct sc_diag diag = { 0 };
    char *data;
    size_t len;
    int first = 0, rc = EXIT_OK;

    if (parse_doc_command(&format_command, argc, argv, &o, &first, &rc) < 0)
        return rc;
    if (first != argc - 1)
        return usage_error("%s wants exactly one FILE (or - for standard input)", "format");
    const char *path = argv[first], *name = display_name(path);
    if (sc_read_file(path, &data, &len, &diag) < 0) {
        sc_diag_print(stderr, name, &diag);
        sc_diag_clear(&diag);
        return EXIT_USAGE;
    }
    xmlDocPtr doc = sc_xml_read_memory(data, len, name, &err);
    free(data);
    struct sc_snapshot *snap = doc ? sc_snapshot_parse(doc, &o.parse, &err) : NULL;
    if (!snap) {
        sc_diag_add_error(&diags, &err);
        sc_diag_list_print(stderr, name, &diags);
        sc_diag_list_free(&diags);
        /* the implementation protocol's reason line (README) */
        if (o.reason && !err.unreadable)
            fprintf(stderr, "snapcheck-reason: %s\n", doc ? err.part : "xml");
        return sc_exit_status(err.unreadable, true);
    }
    char *out = sc_snapshot_format(snap);
    fputs(out, stdout);
    free(out);
    sc_snapshot_free(snap);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
}


static const struct sc_option no_options[] = { { 0 } };
static const struct sc_option states_options[] = {
    SC_OPTION_PROFILE,
    { 0 },
};
static int cmd_states(int argc, char **argv);
static const struct sc_command states_command = {
    "states", NULL, "print the state table of a profile (default: the newest)", states_options,
    cmd_states,
};

/* One line per state the profile's enum has, with its value there. */
static int cmd_states(int argc, char **argv)
{
    struct doc_opts o = { 0 };
    int first = 0, rc = EXIT_OK;

    if (parse_doc_command(&states_command, argc, argv, &o, &first, &rc) < 0)
        return rc;
    if (first != argc)
        return usage_error("%s takes no arguments", "states");
    printf("%-5s %-14s %s\n", "value", "string", "accepted");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        enum sc_state s = (enum sc_state)i;
        int value = sc_state_value(s, o.parse.profile);
        if (value < 0)
            continue;
        printf("%-5d %-14s %s%s\n", value, sc_state_to_string(s),
               sc_state_accepted_in(s, o.parse.profile) ? "yes" : "no",
               sc_state_is_domain_state(s) ? "" : "  (snapshot only)");
    }
    return EXIT_OK;
}

enum { OPT_SUMMARY = OPT_OWN };
static const struct sc_option coverage_options[] = {
    { OPT_SUMMARY, "summary", 0, NULL, "print the totals only, as README shows them", NULL, 0, false },
    SC_OPTION_CASES,
    SC_OPTION_PROFILE,
    { 0 },
};
static int cmd_coverage(int argc, char **argv);
static const struct sc_command coverage_command = {
    "coverage", NULL, "list the grammar's items and constraints with the cases that exercise or break them",
    coverage_options, cmd_coverage,
};

static int cmd_coverage(int argc, char **argv)
{
    struct sc_diag_list diags = { 0 };
    struct sc_coverage cov;
    struct sc_opt_parser p;
    size_t items, items_all, cons, cons_all;
    const char *arg, *cases = NULL;
    enum sc_profile profile = SC_PROFILE_DEFAULT;
    bool summary = false;
    int rc, id;

    sc_opt_init(&p, &coverage_command, argc, argv);
    while ((id = sc_opt_next(&p, &arg)) > 0) {
        if (id == OPT_SUMMARY) {
            summary = true;
        } else if (id == OPT_PROFILE) {
            int found = parse_profile(arg);
            if (found < 0)
                return EXIT_USAGE;
            profile = (enum sc_profile)found;
        } else {
            cases = arg;
        }
    }
    if (id < 0)
        return p.status;
    if (p.optind != argc)
        return usage_error("%s takes no arguments", "coverage");
    struct sc_suite *suite = load_suite(cases, profile);
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
        rc = sc_exit_status(false, items != items_all || cons != cons_all);
    }
    sc_coverage_free(&cov);
    sc_diag_list_free(&diags);
    sc_suite_free(suite);
    return rc;
}

enum { OPT_FIX = OPT_OWN };
static const struct sc_option lint_options[] = {
    { OPT_FIX, "fix", 0, NULL, "put the manifest in canonical form (sorted by id, two-space layout); "
      "nothing else is changed", NULL, 0, false },
    SC_OPTION_CASES,
    SC_OPTION_PROFILE,
    { 0 },
};
static int cmd_lint(int argc, char **argv);
static const struct sc_command lint_command = {
    "lint", NULL, "check the suite's own files: manifest, cases, golden files", lint_options, cmd_lint,
};

static int cmd_lint(int argc, char **argv)
{
    struct sc_opt_parser p;
    struct sc_layout layout;
    const char *arg, *cases = NULL;
    unsigned profiles = SC_ALL_PROFILES;
    bool fix = false;
    int id, rc;

    sc_opt_init(&p, &lint_command, argc, argv);
    while ((id = sc_opt_next(&p, &arg)) > 0) {
        if (id == OPT_FIX) {
            fix = true;
        } else if (id == OPT_PROFILE) {
            int profile = parse_profile(arg);
            if (profile < 0)
                return EXIT_USAGE;
            profiles = 1u << profile;
        } else {
            cases = arg;
        }
    }
    if (id < 0)
        return p.status;
    if (p.optind != argc)
        return usage_error("%s takes no arguments", "lint");
    if ((rc = find_suite(cases, &layout)) != 0)
        return rc;
    if (fix && (rc = refuse_installed("lint --fix", &layout)) != 0) {
        sc_layout_clear(&layout);
        return rc;
    }
    size_t n = sc_lint(&layout, stderr, fix, profiles);
    sc_say(stdout, "lint: %zu finding%s in %s", n, n == 1 ? "" : "s", sc_layout_dir(&layout));
    sc_layout_clear(&layout);
    return sc_exit_status(false, n != 0);
}

/* snapcheck init DIR: an empty suite of a project's own, for --cases. */
static int cmd_init(int argc, char **argv);
static const struct sc_command init_command = {
    "init", "DIR", "make an empty suite of your own in DIR (new or empty), for --cases DIR",
    no_options, cmd_init,
};

static int cmd_init(int argc, char **argv)
{
    struct doc_opts o = { 0 };
    struct sc_diag diag = { 0 };
    int first = 0, rc = EXIT_OK;

    if (parse_doc_command(&init_command, argc, argv, &o, &first, &rc) < 0)
        return rc;
    if (first != argc - 1 || !*argv[first])
        return usage_error("%s wants one directory", "init");
    /* "DIR/" is DIR, in every path the messages show */
    char *dir = sc_xstrdup(argv[first]);
    for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    if (sc_init_suite(dir, &diag) < 0) {
        sc_say(stderr, "snapcheck init: %s", diag.msg);
        sc_diag_clear(&diag);
        free(dir);
        return EXIT_USAGE;
    }
    sc_say(stdout, "made an empty suite in %s: manifest.xml, valid/, invalid/ and golden/", dir);
    sc_say(stdout, "add cases with 'snapcheck new ID --cases %s ...', run them with "
           "'snapcheck run --cases %s'", dir, dir);
    free(dir);
    return EXIT_OK;
}

/* snapcheck --datadir: where the schemas, the built-in suite and the
 * adapters are, for scripts ("$(snapcheck --datadir)/adapters/…"). */
static int print_data_dir(int nargs)
{
    char *dir;

    if (nargs != 0)
        return usage_error("%s takes no arguments", "--datadir");
    if (!(dir = find_data_dir()))
        return EXIT_USAGE;
    sc_say(stdout, "%s", dir);
    free(dir);
    return EXIT_OK;
}

static int cmd_help(int argc, char **argv);
static const struct sc_command help_command = {
    "help", "[COMMAND]", "print the help of the tool, or of COMMAND", no_options, cmd_help,
};

const struct sc_command *const sc_commands[] = {
    &format_command, &sc_cmd_validate, &sc_cmd_parity, &states_command, &sc_cmd_profiles, &sc_cmd_run,
    &sc_cmd_report, &coverage_command, &lint_command, &init_command, &sc_cmd_new, &help_command,
    NULL,
};

/* "snapcheck help COMMAND", or "snapcheck help --man", which prints
 * the man page's SYNOPSIS and OPTIONS (make man puts them in). */
static int cmd_help(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--man")) {
        struct sc_buf b = { 0 };
        sc_man_sections(&b);
        fputs(b.data, stdout);
        sc_buf_free(&b);
        return EXIT_OK;
    }
    struct doc_opts o = { 0 };
    int first = 0, rc = EXIT_OK;
    if (parse_doc_command(&help_command, argc, argv, &o, &first, &rc) < 0)
        return rc;
    if (first == argc) {
        sc_tool_help(stdout);
        return EXIT_OK;
    }
    const struct sc_command *cmd = first == argc - 1 ? sc_command_find(argv[first]) : NULL;
    if (!cmd)
        return usage_error("help takes one COMMAND, not '%s'", argv[first]);
    sc_command_help(stdout, cmd);
    return EXIT_OK;
}

/* What --version says: the tool, the corpus it finds, the profile and
 * the libxml2 it runs with. */
static int print_version(void)
{
    struct sc_diag_list diags = { 0 };
    struct sc_layout layout;
    char *datadir = find_data_dir();
    struct sc_manifest *m = NULL;

    if (datadir && find_suite(NULL, &layout) == 0) {
        m = sc_manifest_load(&layout, &diags);
        sc_layout_clear(&layout);
    }

    printf("snapcheck %s\n", SC_VERSION);
    if (m) {
        size_t valid = 0;
        for (size_t i = 0; i < m->n; i++)
            valid += m->v[i].valid;
        sc_say(stdout, "corpus: %zu cases (%zu valid, %zu invalid) in %s", m->n, valid, m->n - valid,
               datadir);
    } else {
        sc_say(stdout, "corpus: none found%s%s", datadir ? " in " : "", datadir ? datadir : "");
    }
    printf("profile: %s\n", sc_profile_name(SC_PROFILE_DEFAULT));
    int v = atoi(xmlParserVersion);
    printf("libxml2: %d.%d.%d (built with %s)\n", v / 10000, v / 100 % 100, v % 100, LIBXML_DOTTED_VERSION);
    sc_manifest_free(m);
    sc_diag_list_free(&diags);
    free(datadir);
    return EXIT_OK;
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
    const char *names[sizeof(sc_commands) / sizeof(sc_commands[0])];

    if (argc < 2) {
        sc_tool_help(stderr);
        return usage_error("%s", "missing COMMAND");
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        sc_tool_help(stdout);
        return finish_output(EXIT_OK);
    }
    if (!strcmp(argv[1], "--datadir"))
        return finish_output(print_data_dir(argc - 2));
    /* an implementation that exits without reading its input must not
     * take snapcheck down with it */
    signal(SIGPIPE, SIG_IGN);
    sc_xml_init();
    if (!strcmp(argv[1], "--version"))
        return finish_output(print_version());
    if (!strcmp(argv[1], "--datadir"))
        return finish_output(print_data_dir(argc - 2));
    const struct sc_command *cmd = sc_command_find(argv[1]);
    if (!cmd) {
        size_t n = 0;
        for (; sc_commands[n]; n++)
            names[n] = sc_commands[n]->name;
        names[n] = NULL;
        const char *near = sc_nearest(argv[1], names);
        if (argv[1][0] == '-')
            return usage_error("unknown option '%s' (options go after the COMMAND)", argv[1]);
        if (near) {
            char *fmt = sc_xasprintf("unknown command '%%s'; did you mean '%s'?", near);
            int rc = usage_error(fmt, argv[1]);
            free(fmt);
            return rc;
        }
        return usage_error("unknown command '%s'", argv[1]);
    }
    sc_current_command = cmd;
    int rc = cmd->run(argc - 1, argv + 1);
    xmlCleanupParser();
    return finish_output(rc);
}
