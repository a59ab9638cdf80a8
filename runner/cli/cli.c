/*
 * cli.c: helpers shared by the command files (see cli.h).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/strlist.h"
#include "util/fileio.h"
#include "cli/options.h"
#include "schema/profile_schema.h"
#include "suite/report.h"
#include "util/term.h"
#include "model/xmlin.h"

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
        return 0;
    case OPT_REDEFINE:
        o->parse.redefine = true;
        o->parse.internal = false;
        return 0;
    case OPT_INTERNAL:
        o->parse.internal = o->parse.redefine = true;
        return 0;
    case OPT_NOW:
        if (!sc_parse_int64(arg, &o->parse.now))
            return usage_error("--now wants seconds since the epoch, not '%s'", arg);
        return 0;
    case OPT_SCHEMA:
        o->schema = arg;
        return 0;
    case OPT_JOBS:
        return (o->jobs = parse_jobs(arg)) ? 0 : EXIT_USAGE;
    case OPT_REASON:
        o->reason = true;
        return 0;
    case OPT_OUTPUT:
        o->reports.output = arg;
        return 0;
    case OPT_REPORT:
        return report_plan_add(&o->reports, arg) ? EXIT_USAGE : 0;
    case OPT_PROFILE: {
        int profile = parse_profile(arg);
        if (profile < 0)
            return EXIT_USAGE;
        o->parse.profile = (enum sc_profile)profile;
        return 0;
    }
    case OPT_PROGRESS:
    case OPT_NO_PROGRESS:
        o->progress = id == OPT_PROGRESS ? SC_WHEN_ALWAYS : SC_WHEN_NEVER;
        return 0;
    default:
        return EXIT_USAGE;
    }
}

/* Writes a rendered report to OUTPUT (atomically) or standard output. */
int emit(const char *text, const char *output)
{
    struct sc_diag diag = { 0 };

    if (!output) {
        fputs(text, stdout);
        return fflush(stdout) == 0 ? 0 : -1;
    }
    if (sc_write_file(output, text, strlen(text), &diag) < 0) {
        sc_diag_print(stderr, NULL, &diag);
        sc_diag_clear(&diag);
        return -1;
    }
    return 0;
}

char *find_data_dir(void)
{
    const char *env = getenv("SNAPCHECK_DATADIR");
    char *dir = sc_data_dir(), *installed, *beside;

    if (sc_is_data_dir(dir))
        return dir;
    if (env && *env) {
        sc_say(stderr, "snapcheck: SNAPCHECK_DATADIR is %s, which is not snapcheck's data directory "
               "(it has no rng/domainsnapshot.rng)", dir);
        free(dir);
        return NULL;
    }
    installed = sc_install_data_dir();
    beside = sc_beside_data_dir();
    if (beside && strcmp(beside, installed) != 0)
        sc_say(stderr, "snapcheck: cannot find snapcheck's data (rng/domainsnapshot.rng) in %s, "
               "the installed location, nor in %s, relative to the binary", installed, beside);
    else
        sc_say(stderr, "snapcheck: cannot find snapcheck's data (rng/domainsnapshot.rng) in %s, "
               "the installed location", installed);
    sc_say(stderr, "snapcheck: if snapcheck was moved, set SNAPCHECK_DATADIR to the directory that "
           "holds its rng/, cases/, golden/ and adapters/");
    free(installed);
    free(beside);
    free(dir);
    return NULL;
}

int report_plan_add(struct report_plan *p, const char *arg)
{
    const char *eq = strchr(arg, '=');
    char *name = sc_xasprintf("%.*s", (int)(eq ? (size_t)(eq - arg) : strlen(arg)), arg);
    int format = sc_report_format_from_string(name);

    free(name);
    if (format < 0)
        return usage_error("--report is " SC_REPORT_FORMAT_LIST ", optionally =FILE, not '%s'", arg);
    if (eq && !eq[1])
        return usage_error("--report %s wants a file name after '='", arg);
    if (p->n == MAX_REPORTS)
        return usage_error("--report %s is one too many: at most 16 reports", arg);
    p->v[p->n].format = format;
    p->v[p->n].path = eq ? eq + 1 : NULL;
    p->n++;
    return 0;
}

int report_plan_resolve(struct report_plan *p)
{
    size_t unnamed = 0;

    if (p->n == 0 && p->output)
        report_plan_add(p, "text");
    for (size_t i = 0; i < p->n; i++)
        unnamed += !p->v[i].path;
    if (p->output && !unnamed)
        return usage_error("%s gives the file of a --report without one, and every --report has its file", "-o");
    if (unnamed > 1)
        return usage_error(p->output ? "%s names the file of one --report; give the others as --report FORMAT=FILE"
                                     : "%s: only one report can go to standard output; give the others as "
                                       "--report FORMAT=FILE", p->output ? "-o" : "--report");
    for (size_t i = 0; i < p->n; i++) {
        if (!p->v[i].path)
            p->v[i].path = p->output;
        for (size_t j = 0; j < i && p->v[i].path; j++) {
            if (p->v[j].path && strcmp(p->v[i].path, p->v[j].path) == 0)
                return usage_error("two reports would be written to '%s'", p->v[i].path);
        }
    }
    return 0;
}

int report_plan_emit(const struct report_plan *p, const struct sc_results *r, bool *written)
{
    int rc = 0;

    for (size_t i = 0; i < p->n; i++) {
        /* auto: a report written to a file is not coloured */
        bool color = p->v[i].format == SC_REPORT_TEXT &&
                     (p->v[i].path ? p->color == SC_WHEN_ALWAYS : sc_color_for(p->color, STDOUT_FILENO));
        char *text = sc_report_render(r, (enum sc_report_format)p->v[i].format, color);
        bool ok = emit(text, p->v[i].path) == 0;
        if (written)
            written[i] = ok;
        rc = ok ? rc : -1;
        free(text);
    }
    return rc;
}

int report_plan_write(const struct report_plan *p, const struct sc_results *r)
{
    FILE *console = stdout;
    bool text_on_stdout = false, written[MAX_REPORTS];
    int rc;

    for (size_t i = 0; i < p->n; i++) {
        if (!p->v[i].path) {
            console = p->v[i].format == SC_REPORT_TEXT ? stdout : stderr;
            text_on_stdout = p->v[i].format == SC_REPORT_TEXT;
        }
    }
    rc = report_plan_emit(p, r, written);
    if (!text_on_stdout) {
        char *text = sc_report_render(r, SC_REPORT_TEXT, sc_color_for(p->color, fileno(console)));
        fputs(text, console);
        free(text);
    }
    for (size_t i = 0; i < p->n; i++) {
        if (p->v[i].path && written[i])
            sc_say(console, "%s report written to %s", sc_report_format_to_string(p->v[i].format), p->v[i].path);
    }
    return rc < 0 || fflush(console) != 0 ? -1 : 0;
}

int gate_limit_option(int id, const char *arg, unsigned *max_skip, unsigned *min_pass)
{
    unsigned long long v;

    if (!sc_parse_uint64(arg, &v) || v > 1000000)
        return usage_error(id == OPT_MAX_SKIP ? "--max-skip wants a number of cases, not '%s'"
                                              : "--min-pass wants a number of cases, not '%s'", arg);
    *(id == OPT_MAX_SKIP ? max_skip : min_pass) = (unsigned)v;
    return 0;
}

int report_and_gate(const struct report_plan *p, const struct sc_results *r, unsigned max_skip,
                    unsigned min_pass)
{
    struct sc_strings why = { 0 };
    struct sc_counts c;

    if (report_plan_write(p, r) < 0)
        return EXIT_USAGE;
    sc_results_count(r, &c);
    sc_results_gate(r, max_skip, min_pass, &why);
    for (size_t i = 0; i < why.n; i++)
        sc_say(stderr, "snapcheck: %s", why.v[i]);
    bool refused = why.n > 0;
    sc_strings_free(&why);
    return sc_exit_status(false, c.new_failures || c.stale || refused);
}

int parse_profile(const char *arg)
{
    const char *names[SC_PROFILE_LAST + 1];
    int profile = sc_profile_find(arg);

    if (profile >= 0)
        return profile;
    for (int i = 0; i < SC_PROFILE_LAST; i++)
        names[i] = sc_profile_name((enum sc_profile)i);
    names[SC_PROFILE_LAST] = NULL;
    const char *near = sc_nearest(arg, names);
    char *fmt = sc_xasprintf("unknown profile '%%s' (known: %s)%s%s%s", sc_profile_list(),
                             near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    usage_error(fmt, arg);
    free(fmt);
    return -1;
}

char *profile_schema_path(enum sc_profile profile)
{
    char *dir = find_data_dir();
    char *path = dir ? sc_profile_schema_path(dir, profile) : NULL;

    free(dir);
    return path;
}

struct sc_schema *load_schema(const char *path, enum sc_profile profile, bool shortcuts)
{
    char *def = path ? NULL : profile_schema_path(profile);
    struct sc_diag_list diags = { 0 };
    struct sc_schema *s = NULL;

    if (path || def)
        s = shortcuts ? sc_schema_load_with_shortcuts(path ? path : def, &diags)
                      : sc_schema_load(path ? path : def, &diags);
    if (!s && (path || def))
        sc_diag_list_print(stderr, path ? path : def, &diags);
    sc_diag_list_free(&diags);
    free(def);
    return s;
}

int find_suite(const char *cases, struct sc_layout *layout)
{
    const char *env = getenv("SNAPCHECK_CASES");
    const char *named = cases ? "--cases" : "SNAPCHECK_CASES is";
    char *datadir;

    if (cases && !*cases)
        return usage_error("%s wants a directory", "--cases");
    if (!(datadir = find_data_dir()))
        return EXIT_USAGE;
    if (!cases && env && *env)
        cases = env;
    if (!cases)
        sc_layout_builtin(layout, datadir);
    else
        sc_layout_project(layout, cases, datadir);
    free(datadir);
    if (cases && access(layout->manifest, F_OK) != 0 && errno == ENOENT) {
        sc_say(stderr, "snapcheck: %s %s: no manifest.xml there; 'snapcheck init DIR' makes a suite "
               "in a new or empty directory", named, cases);
        sc_layout_clear(layout);
        return EXIT_USAGE;
    }
    return 0;
}

int refuse_installed(const char *command, const struct sc_layout *layout)
{
    if (!sc_is_installed(layout->cases))
        return 0;
    sc_say(stderr, "snapcheck %s: %s is snapcheck's installed data, which is never changed; make a suite "
           "of your own with 'snapcheck init DIR' and name it with --cases DIR", command, sc_layout_dir(layout));
    return EXIT_USAGE;
}

struct sc_suite *load_suite(const char *cases, enum sc_profile profile)
{
    struct sc_diag_list diags = { 0 };
    struct sc_layout layout;

    if (find_suite(cases, &layout) != 0)
        return NULL;
    struct sc_suite *suite = sc_suite_load_profile(&layout, NULL, profile, &diags);
    if (!suite)
        sc_diag_list_print(stderr, sc_layout_dir(&layout), &diags);
    sc_diag_list_free(&diags);
    sc_layout_clear(&layout);
    return suite;
}

