/*
 * cmd_parity.c: "snapcheck parity".  Alone, it compares the states a
 * schema's grammar allows with the state table (parity.c).  With
 * --impl COMMAND, or --all, it probes instead (probe.c): every value of
 * the state table (with --all, of every enumeration of the format) and
 * near-misses of them go, in small documents, to the implementation, to
 * the schema when one is named, and to the table or the reference
 * model; the report sets their answers side by side.
 *
 * Exit codes: 0 every column agrees, 1 a disagreement, 2 usage or I/O
 * error, 3 the implementation could not be started.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "cli/cli.h"
#include "schema/parity.h"
#include "suite/probe.h"
#include "suite/report.h"

enum { OPT_IMPL = OPT_OWN, OPT_ALL, OPT_TIMEOUT };

static const struct sc_option parity_options[] = {
    SC_OPTION_SCHEMA,
    SC_OPTION_PROFILE,
    { OPT_IMPL, "impl", 0, "COMMAND", "probe COMMAND (see IMPLEMENTATION PROTOCOL) with every value of the "
      "state table and near-misses of them, and compare what it accepts with the table and the schema",
      "Each probe is a small redefine document; an accepted value must come back unchanged. The near-misses "
      "of a table are another case, surrounding whitespace, a number, nothing and an unknown word. Without "
      "--schema there is no schema column.", 0, false },
    { OPT_ALL, "all", 0, NULL, "probe every enumeration of the format: states, memory and disk snapshot "
      "modes, disk types, driver formats and network protocols",
      "The enumerations other than the states are held to what the reference model accepts, which enums.def "
      "and the parser's rules decide. Without --impl, the schema (the suite's by default) is probed alone "
      "against them.", 0, false },
    { OPT_TIMEOUT, "timeout", 0, "SECONDS", "time allowed to each probe of --impl (default 10)", NULL, 0,
      false },
    SC_OPTION_REPORT,
    { 0 },
};
static int cmd_parity(int argc, char **argv);
const struct sc_command sc_cmd_parity = {
    "parity", NULL,
    "compare a schema's state list with a profile's state table (default: the suite's schema of that "
    "profile), or probe what an implementation accepts",
    parity_options, cmd_parity,
};

struct parity_args {
    const char *schema, *impl;
    int profile;            /* --profile, or -1 */
    bool all;
    double timeout;
    struct report_plan reports;
};

/* The grammar's state list against PROFILE's state table. */
static int grammar_parity(const char *schema, enum sc_profile profile)
{
    struct sc_diag_list diags = { 0 };
    struct sc_parity p;
    char *def = schema ? NULL : profile_schema_path(profile);
    const char *path = schema ? schema : def;
    int rc;

    if (!path)
        return EXIT_USAGE;
    if (sc_parity_check(path, profile, &p, &diags) < 0) {
        sc_diag_list_print(stderr, path, &diags);
        rc = EXIT_USAGE;
    } else {
        sc_parity_print(path, &p);
        rc = sc_exit_status(false, sc_parity_drift(&p));
    }
    sc_parity_free(&p);
    sc_diag_list_free(&diags);
    free(def);
    return rc;
}

/* The probes, each kind in turn, and their reports. */
static int probe(const struct parity_args *a)
{
    enum sc_profile profile = a->profile < 0 ? SC_PROFILE_DEFAULT : (enum sc_profile)a->profile;
    char *def = a->schema || a->impl ? NULL : profile_schema_path(profile);
    const char *schema_path = a->schema ? a->schema : def;
    struct sc_schema *schema = NULL;
    size_t n = 0, disagree = 0;
    int rc = EXIT_OK;

    if (!a->schema && !a->impl && !def)
        return EXIT_USAGE;
    if (schema_path && !(schema = load_schema(schema_path, profile, false))) {
        free(def);
        return EXIT_USAGE;
    }
    struct sc_probe_opts o = { .impl = a->impl, .schema = schema, .timeout = a->timeout, .now = (long long)time(NULL),
                               .profile = profile };
    struct sc_probe_table tables[16];
    for (size_t i = 0; sc_probe_kinds[i] && n < 16 && (a->all || i == 0); i++) {
        struct sc_diag err = { 0 };
        if (sc_probe_run(sc_probe_kinds[i], &o, &tables[n], &err) < 0) {
            sc_diag_print(stderr, NULL, &err);
            sc_diag_clear(&err);
            rc = EXIT_NO_IMPL;
            break;
        }
        disagree += sc_probe_disagreements(&tables[n]);
        n++;
    }
    if (rc == EXIT_OK) {
        for (size_t i = 0; i < a->reports.n && rc == EXIT_OK; i++) {
            char *text = sc_probe_render(tables, n, (enum sc_report_format)a->reports.v[i].format, profile,
                                         schema_path, a->impl);
            if (emit(text, a->reports.v[i].path) < 0)
                rc = EXIT_USAGE;
            free(text);
        }
        if (rc == EXIT_OK)
            rc = sc_exit_status(false, disagree);
    }
    for (size_t i = 0; i < n; i++)
        sc_probe_table_free(&tables[i]);
    sc_schema_free(schema);
    free(def);
    return rc;
}

static int cmd_parity(int argc, char **argv)
{
    struct parity_args a = { .timeout = 10, .profile = -1 };
    struct sc_opt_parser p;
    const char *arg = NULL;
    char *end;
    int id;

    sc_opt_init(&p, &sc_cmd_parity, argc, argv);
    while ((id = sc_opt_next(&p, &arg)) > 0) {
        switch (id) {
        case OPT_SCHEMA:
            a.schema = arg;
            break;
        case OPT_IMPL:
            a.impl = arg;
            break;
        case OPT_PROFILE:
            if ((a.profile = parse_profile(arg)) < 0)
                return EXIT_USAGE;
            break;
        case OPT_ALL:
            a.all = true;
            break;
        case OPT_TIMEOUT:
            a.timeout = strtod(arg, &end);
            if (*end || !(a.timeout > 0) || a.timeout > 86400)
                return usage_error("--timeout wants seconds (e.g. 10 or 0.5), not '%s'", arg);
            break;
        case OPT_REPORT:
            if (report_plan_add(&a.reports, arg) != 0)
                return EXIT_USAGE;
            break;
        case OPT_OUTPUT:
            a.reports.output = arg;
            break;
        default:
            return EXIT_USAGE;
        }
    }
    if (id < 0)
        return p.status;
    if (p.optind != argc)
        return usage_error("%s takes no arguments; use --schema RNG or --impl COMMAND", "parity");
    if (!a.impl && !a.all) {
        if (a.reports.n || a.reports.output)
            return usage_error("%s goes with --impl or --all", a.reports.n ? "--report" : "-o");
        return grammar_parity(a.schema, a.profile < 0 ? SC_PROFILE_DEFAULT : (enum sc_profile)a.profile);
    }
    for (size_t i = 0; i < a.reports.n; i++) {
        int f = a.reports.v[i].format;
        if (f != SC_REPORT_TEXT && f != SC_REPORT_JSONL && f != SC_REPORT_MARKDOWN)
            return usage_error("parity writes text, jsonl or markdown reports, not %s",
                               sc_report_format_to_string(f));
    }
    if (!a.reports.n && report_plan_add(&a.reports, "text") != 0)
        return EXIT_USAGE;
    if (report_plan_resolve(&a.reports) != 0)
        return EXIT_USAGE;
    return probe(&a);
}
