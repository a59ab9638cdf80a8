/*
 * cmd_validate.c: "snapcheck validate": documents against the schema and
 * the parser's rules, with diagnostics on standard error or a report.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "fileio.h"
#include "report.h"
#include "results.h"

struct validate_state {
    const struct sc_schema *schema;
    struct sc_parse_opts parse;
    struct sc_results *results;   /* collect for a report, or NULL */
    size_t valid, invalid, io_errors;
};

static void add_result(struct sc_results *r, const char *name, bool valid, char *message)
{
    r->v = sc_xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
    r->v[r->n++] = (struct sc_result){
        .id = sc_xstrdup(name), .verdict = valid ? SC_PASS : SC_FAIL,
        .expected = sc_xstrdup("valid"), .actual = sc_xstrdup(valid ? "valid" : "invalid"),
        .message = message,
    };
}

static int validate_one(const char *path, void *opaque)
{
    struct validate_state *v = opaque;
    const char *name = display_name(path);
    struct sc_outcome o;
    char errbuf[256], *diags = NULL;
    size_t len = 0;
    FILE *out = v->results ? open_memstream(&diags, &len) : stderr;

    if (sc_outcome_of_file(v->schema, path, &v->parse, &o, errbuf, sizeof(errbuf)) < 0) {
        sc_diag_print(stderr, name, 0, errbuf);
        v->io_errors++;
        if (out != stderr)
            fclose(out);
        free(diags);
        return 0;
    }
    if (!o.well_formed)
        sc_diag_print(out, name, o.xml_error.line, o.xml_error.msg);
    sc_diag_list_print(out, name, &o.schema);
    if (o.well_formed && !o.parsed)
        sc_diag_print(out, name, o.parse_error.line, o.parse_error.msg);
    bool valid = o.well_formed && o.parsed && !o.schema.n;
    v->valid += valid;
    v->invalid += !valid;
    if (out != stderr) {
        fclose(out);
        add_result(v->results, name, valid, valid ? (free(diags), NULL) : diags);
    }
    sc_outcome_clear(&o);
    return 0;
}

int cmd_validate(int argc, char **argv)
{
    struct doc_opts o = { .parse = { .redefine = true }, .report = -1 };
    struct sc_results results = { 0 };
    int rc = parse_doc_opts(argc, argv, &o, true, true);

    if (rc >= 0)
        return rc;
    if (optind >= argc)
        return usage_error("%s wants at least one PATH (file, directory or -)", "validate");
    struct sc_schema *schema = load_schema(o.schema);
    if (!schema)
        return EXIT_USAGE;
    struct validate_state v = { .schema = schema, .parse = o.parse,
                                .results = o.report >= 0 ? &results : NULL };
    for (int i = optind; i < argc; i++) {
        char errbuf[512];
        if (sc_walk(argv[i], true, validate_one, &v, errbuf, sizeof(errbuf)) < 0) {
            fprintf(stderr, "snapcheck: %s\n", errbuf);
            v.io_errors++;
        }
    }
    if (o.report >= 0) {
        results.subject = sc_xstrdup("documents checked by snapcheck validate");
        char *text = sc_report_render(&results, (enum sc_report_format)o.report);
        if (emit(text, o.output) < 0)
            v.io_errors++;
        free(text);
        sc_results_free(&results);
    }
    if (o.report < 0 || o.output)
        printf("%zu valid, %zu invalid%s\n", v.valid, v.invalid,
               v.io_errors ? ", some could not be read" : "");
    sc_schema_free(schema);
    if (v.io_errors)
        return EXIT_USAGE;
    return v.invalid ? EXIT_NONCONFORM : EXIT_OK;
}

