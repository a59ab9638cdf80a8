/*
 * cmd_new.c: "snapcheck new ID": add a case in one command (see
 * authoring.c for the checks made before anything is written).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite/authoring.h"
#include "util/buf.h"
#include "cli/cli.h"
#include "util/fileio.h"
#include "model/xmlin.h"

enum { OPT_FROM = OPT_OWN, OPT_DESC, OPT_INVALID, OPT_LAYER, OPT_EXPECT, OPT_EXPECT_SCHEMA,
       OPT_CASE_REASON };

static const struct sc_option new_options[] = {
    { OPT_DESC, "description", 0, "TEXT", "what the case shows, one line (unique in the manifest)",
      NULL, 0, true },
    { OPT_FROM, "from", 0, "FILE", "read the document from FILE (default: standard input)", NULL, 0,
      false },
    SC_OPTIONS_MODE,
    { OPT_INVALID, "invalid", 0, NULL, "the case must be rejected (with --layer and --expect-error)",
      NULL, 0, false },
    { OPT_LAYER, "layer", 0, "LAYER", "what rejects it: schema, parser or both", NULL, 0, false },
    { OPT_EXPECT, "expect-error", 0, "TEXT",
      "the parser's exact message (--layer parser or both), or a fragment of the schema's", NULL, 0,
      false },
    { OPT_EXPECT_SCHEMA, "expect-schema-error", 0, "TEXT",
      "with --layer both: a fragment of the schema's message", NULL, 0, false },
    { OPT_CASE_REASON, "reason", 0, "PART",
      "what the rejection is about (default: what the parser or schema names)", NULL, 0, false },
    SC_OPTION_CASES,
    { 0 },
};
static int cmd_new(int argc, char **argv);
const struct sc_command sc_cmd_new = {
    "new", "ID", "add a case: its input, manifest entry and golden file (redefine mode by default)",
    new_options, cmd_new,
};

/* 0 when the case may be added, or -1 when the command is done
 * (--help, a usage error) with its exit status in *STATUS. */
static int parse_new_args(int argc, char **argv, struct sc_new_case *n, const char **from,
                          const char **cases, int *status)
{
    struct sc_opt_parser p;
    const char *arg = NULL;
    int opt;

    /* options may come before or after the ID */
    sc_opt_init(&p, &sc_cmd_new, argc, argv);
    while ((opt = sc_opt_next(&p, &arg)) > 0) {
        switch (opt) {
        case OPT_FROM: *from = arg; break;
        case OPT_DESC: n->description = arg; break;
        case OPT_INVALID: n->invalid = true; break;
        case OPT_EXPECT: n->expect_error = arg; break;
        case OPT_EXPECT_SCHEMA: n->expect_schema_error = arg; break;
        case OPT_CREATE: n->mode = SC_MODE_CREATE; break;
        case OPT_REDEFINE: n->mode = SC_MODE_REDEFINE; break;
        case OPT_INTERNAL: n->mode = SC_MODE_INTERNAL; break;
        case OPT_CASE_REASON: n->reason = arg; break;
        case OPT_CASES: *cases = arg; break;
        case OPT_LAYER:
            if (!strcmp(arg, "schema"))
                n->layer = SC_LAYER_SCHEMA;
            else if (!strcmp(arg, "parser"))
                n->layer = SC_LAYER_PARSER;
            else if (!strcmp(arg, "both"))
                n->layer = SC_LAYER_BOTH;
            else
                return parse_stop(status, usage_error("--layer is schema, parser or both, not '%s'", arg));
            break;
        default:
            return parse_stop(status, EXIT_USAGE);
        }
    }
    if (opt < 0)
        return parse_stop(status, p.status);
    int first = p.optind;
    if (first != argc - 1)
        return parse_stop(status, usage_error("%s wants one case ID", "new"));
    n->id = argv[first];
    if (!*n->description)
        return parse_stop(status, usage_error("%s wants a --description that says what the case shows",
                                              "new"));
    if (n->invalid && (!n->layer || !n->expect_error))
        return parse_stop(status, usage_error("%s needs --layer and --expect-error", "--invalid"));
    if (!n->invalid && (n->layer || n->expect_error || n->expect_schema_error || n->reason))
        return parse_stop(status, usage_error("%s: --layer, --expect-error and --reason go with --invalid",
                                              "new"));
    if (n->reason && sc_lookup(sc_parts, n->reason) < 0)
        return parse_stop(status, usage_error("--reason is one of: %s", sc_parts_list()));
    if (n->expect_schema_error && n->layer != SC_LAYER_BOTH)
        return parse_stop(status, usage_error("%s goes with --layer both", "--expect-schema-error"));
    return 0;
}

/* What was written, as messages show the suite's paths. */
static void say_added(const struct sc_layout *layout, const struct sc_new_case *n)
{
    char *input = sc_layout_input(layout, !n->invalid, n->id);
    char *golden_path = sc_layout_golden(layout, n->id);
    char *golden = n->invalid ? sc_xstrdup("") : sc_xasprintf("%s, ", sc_layout_shown(layout, golden_path));

    sc_say(stderr, "added case %s: %s, %sand its entry in %s", n->id, sc_layout_shown(layout, input),
           golden, sc_layout_shown(layout, layout->manifest));
    if (!n->invalid)
        fprintf(stderr, "(the golden file, printed above, is what every implementation will be held to: read it)\n");
    free(golden);
    free(golden_path);
    free(input);
}

static int cmd_new(int argc, char **argv)
{
    struct sc_new_case n = { .mode = SC_MODE_REDEFINE };
    struct sc_diag_list problems = { 0 };
    const char *from = "-", *cases = NULL;
    struct sc_diag diag = { 0 };
    char *data = NULL;
    size_t len;
    int rc = EXIT_OK;

    if (parse_new_args(argc, argv, &n, &from, &cases, &rc) < 0)
        return rc;
    rc = EXIT_OK;
    if (sc_read_file(from, &data, &len, &diag) < 0) {
        sc_diag_print(stderr, display_name(from), &diag);
        sc_diag_clear(&diag);
        return EXIT_USAGE;
    }
    n.input = data;
    n.input_len = len;
    n.input_name = display_name(from);
    struct sc_layout layout;
    if ((rc = find_suite(cases, &layout)) != 0) {
        free(data);
        return rc;
    }
    if ((rc = refuse_installed("new", &layout)) != 0) {
        sc_layout_clear(&layout);
        free(data);
        return rc;
    }
    if (sc_new_case(&layout, &n, stdout, &problems) < 0) {
        for (size_t i = 0; i < problems.n; i++)
            sc_say(stderr, "snapcheck new %s: %s", n.id, problems.v[i].msg);
        sc_say(stderr, "snapcheck new %s: nothing was written", n.id);
        rc = EXIT_NONCONFORM;
    } else {
        say_added(&layout, &n);
    }
    sc_diag_list_free(&problems);
    sc_layout_clear(&layout);
    free(data);
    return rc;
}
