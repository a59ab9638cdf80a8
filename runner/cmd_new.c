/*
 * cmd_new.c: "snapcheck new ID": add a case in one command (see
 * authoring.c for the checks made before anything is written).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring.h"
#include "buf.h"
#include "cli.h"
#include "fileio.h"
#include "xmlin.h"

enum { OPT_FROM = 400, OPT_DESC, OPT_INVALID, OPT_LAYER, OPT_EXPECT, OPT_EXPECT_SCHEMA,
       OPT_CREATE, OPT_REDEFINE, OPT_INTERNAL, OPT_REASON, OPT_CASES };

static int parse_new_args(int argc, char **argv, struct sc_new_case *n, const char **from,
                          const char **cases)
{
    static const struct option longopts[] = {
        { "from", required_argument, NULL, OPT_FROM },
        { "description", required_argument, NULL, OPT_DESC },
        { "invalid", no_argument, NULL, OPT_INVALID },
        { "layer", required_argument, NULL, OPT_LAYER },
        { "expect-error", required_argument, NULL, OPT_EXPECT },
        { "expect-schema-error", required_argument, NULL, OPT_EXPECT_SCHEMA },
        { "create", no_argument, NULL, OPT_CREATE },
        { "redefine", no_argument, NULL, OPT_REDEFINE },
        { "internal", no_argument, NULL, OPT_INTERNAL },
        { "reason", required_argument, NULL, OPT_REASON },
        { "cases", required_argument, NULL, OPT_CASES },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    /* options may come before or after the ID */
    while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_FROM: *from = optarg; break;
        case OPT_DESC: n->description = optarg; break;
        case OPT_INVALID: n->invalid = true; break;
        case OPT_EXPECT: n->expect_error = optarg; break;
        case OPT_EXPECT_SCHEMA: n->expect_schema_error = optarg; break;
        case OPT_CREATE: n->mode = SC_MODE_CREATE; break;
        case OPT_REDEFINE: n->mode = SC_MODE_REDEFINE; break;
        case OPT_INTERNAL: n->mode = SC_MODE_INTERNAL; break;
        case OPT_REASON: n->reason = optarg; break;
        case OPT_CASES: *cases = optarg; break;
        case OPT_LAYER:
            if (!strcmp(optarg, "schema"))
                n->layer = SC_LAYER_SCHEMA;
            else if (!strcmp(optarg, "parser"))
                n->layer = SC_LAYER_PARSER;
            else if (!strcmp(optarg, "both"))
                n->layer = SC_LAYER_BOTH;
            else
                return usage_error("--layer is schema, parser or both, not '%s'", optarg);
            break;
        default:
            return option_error(argv, opt);
        }
    }
    if (optind != argc - 1)
        return usage_error("%s wants one case ID", "new");
    n->id = argv[optind];
    if (n->invalid && (!n->layer || !n->expect_error))
        return usage_error("%s needs --layer and --expect-error", "--invalid");
    if (!n->invalid && (n->layer || n->expect_error || n->expect_schema_error || n->reason))
        return usage_error("%s: --layer, --expect-error and --reason go with --invalid", "new");
    if (n->reason && sc_lookup(sc_parts, n->reason) < 0)
        return usage_error("--reason is one of: %s", sc_parts_list());
    if (n->expect_schema_error && n->layer != SC_LAYER_BOTH)
        return usage_error("%s goes with --layer both", "--expect-schema-error");
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

int cmd_new(int argc, char **argv)
{
    struct sc_new_case n = { .mode = SC_MODE_REDEFINE };
    struct sc_diag_list problems = { 0 };
    const char *from = "-", *cases = NULL;
    char errbuf[512], *data = NULL;
    size_t len;
    int rc = parse_new_args(argc, argv, &n, &from, &cases);

    if (rc)
        return rc;
    if (sc_read_file(from, &data, &len, errbuf, sizeof(errbuf)) < 0) {
        sc_diag_print(stderr, display_name(from), 0, errbuf);
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
