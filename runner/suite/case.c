/*
 * case.c: checking one case of the manifest against the reference
 * parser, formatter and the suite's schema; and what one document gets
 * from those layers.
 */
#include "suite/case.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diff.h"
#include "util/fileio.h"
#include "schema/profile_schema.h"
#include "model/xmlin.h"

struct sc_parse_opts sc_case_opts(const struct sc_suite *suite, const struct sc_case *c)
{
    return (struct sc_parse_opts){
        .redefine = c->mode != SC_MODE_CREATE,
        .internal = c->mode == SC_MODE_INTERNAL,
        .now = suite->manifest->now,
        .profile = suite->profile,
    };
}

/* What one document gets; with FORMAT, its canonical form too. */
static void outcome_of_memory(const struct sc_schema *schema, const char *data, size_t len, const char *name,
                              const struct sc_parse_opts *opts, bool format, struct sc_outcome *out)
{
    xmlDocPtr doc;

    memset(out, 0, sizeof(*out));
    doc = format ? sc_xml_read_memory(data, len, name, &out->xml_error)
                 : sc_xml_read_memory_compact(data, len, name, &out->xml_error);
    if (!doc)
        return;
    out->well_formed = true;
    if (schema)
        sc_schema_validate(schema, doc, &out->schema);
    if (!format) {
        out->parsed = sc_snapshot_check(doc, opts, &out->parse_error) == 0;
        return;
    }
    struct sc_snapshot *snap = sc_snapshot_parse(doc, opts, &out->parse_error);
    if (snap) {
        out->parsed = true;
        out->output = sc_snapshot_format(snap);
        sc_snapshot_free(snap);
    }
}

static int outcome_of_file(const struct sc_schema *schema, const char *path,
                           const struct sc_parse_opts *opts, bool format, struct sc_outcome *out,
                           struct sc_diag *diag)
{
    char *data = NULL;
    size_t len;

    memset(out, 0, sizeof(*out));
    if (sc_read_file(path, &data, &len, diag) < 0)
        return -1;
    outcome_of_memory(schema, data, len, path, opts, format, out);
    free(data);
    return 0;
}

void sc_outcome_of_memory(const struct sc_schema *schema, const char *data, size_t len, const char *name,
                          const struct sc_parse_opts *opts, struct sc_outcome *out)
{
    outcome_of_memory(schema, data, len, name, opts, true, out);
}

int sc_outcome_of_file(const struct sc_schema *schema, const char *path,
                       const struct sc_parse_opts *opts, struct sc_outcome *out,
                       struct sc_diag *diag)
{
    return outcome_of_file(schema, path, opts, true, out, diag);
}

int sc_verdict_of_file(const struct sc_schema *schema, const char *path,
                       const struct sc_parse_opts *opts, struct sc_outcome *out,
                       struct sc_diag *diag)
{
    return outcome_of_file(schema, path, opts, false, out, diag);
}

void sc_outcome_clear(struct sc_outcome *out)
{
    sc_diag_list_free(&out->schema);
    free(out->output);
    out->output = NULL;
}


static char *first_schema_errors(const struct sc_diag_list *l)
{
    struct sc_buf b = { 0 };

    for (size_t i = 0; i < l->n && i < 3; i++)
        sc_buf_printf(&b, "%s%s", i ? "; " : "", l->v[i].msg);
    return sc_buf_steal(&b);
}

/* Reads a file the check needs; a failure is itself a finding. */
static bool outcome(const struct sc_suite *suite, const char *path,
                    const struct sc_parse_opts *opts, struct sc_outcome *out,
                    struct sc_diag_list *failures)
{
    struct sc_diag diag = { 0 };

    if (sc_outcome_of_file(suite->schema, path, opts, out, &diag) < 0) {
        sc_diag_add(failures, 0, "%s: %s", sc_suite_path(suite, path), diag.msg);
        sc_diag_clear(&diag);
        return false;
    }
    if (!out->well_formed) {
        sc_diag_add(failures, 0, "%s:%ld: not well-formed: %s", sc_suite_path(suite, path),
                    out->xml_error.line, out->xml_error.msg);
        sc_outcome_clear(out);
        return false;
    }
    return true;
}

static void check_accepted(const struct sc_suite *suite, const char *file,
                           const struct sc_outcome *o, struct sc_diag_list *failures)
{
    const char *path = sc_suite_path(suite, file);

    if (o->schema.n) {
        char *errs = first_schema_errors(&o->schema);
        sc_diag_add(failures, 0, "%s is not schema-valid: %s", path, errs);
        free(errs);
    }
    if (!o->parsed)
        sc_diag_add(failures, 0, "%s:%ld: parser rejects it: %s", path,
                    o->parse_error.line, o->parse_error.msg);
}

static void check_same(const struct sc_suite *suite, const char *what,
                       const char *golden_file, const char *golden,
                       const char *actual, struct sc_diag_list *failures)
{
    const char *golden_path = sc_suite_path(suite, golden_file);
    struct sc_buf b = { 0 };

    if (strcmp(golden, actual) == 0)
        return;
    sc_buf_printf(&b, "%s differs from %s:\n", what, golden_path);
    sc_unified_diff(&b, golden_path, golden, what, actual);
    sc_diag_add(failures, 0, "%s", b.data);
    sc_buf_free(&b);
}

static void check_valid(const struct sc_suite *suite, const struct sc_case *c,
                        struct sc_diag_list *failures, bool *accepted)
{
    struct sc_parse_opts opts = sc_case_opts(suite, c);
    struct sc_outcome in, gold;
    struct sc_diag diag = { 0 };
    char *golden = NULL;
    size_t len;

    if (!outcome(suite, c->input, &opts, &in, failures))
        return;
    *accepted = in.parsed;
    check_accepted(suite, c->input, &in, failures);
    if (sc_read_file(c->golden, &golden, &len, &diag) < 0) {
        sc_diag_add(failures, 0, "%s: %s", sc_suite_path(suite, c->golden), diag.msg);
        sc_diag_clear(&diag);
    } else if (in.output) {
        check_same(suite, "formatted output", c->golden, golden, in.output, failures);
    }
    if (golden && outcome(suite, c->golden, &opts, &gold, failures)) {
        check_accepted(suite, c->golden, &gold, failures);
        if (gold.output)
            check_same(suite, "golden formatted again", c->golden, golden, gold.output,
                       failures);
        sc_outcome_clear(&gold);
    }
    free(golden);
    sc_outcome_clear(&in);
}

static const char *first_part(const struct sc_diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].part)
            return l->v[i].part;
    }
    return NULL;
}

/* A rejection by a layer that the case expects is also about the part
 * of the document the case declares.  The schema's messages name no
 * more than the top-level element whose content failed: "disks" for any
 * part of a disk. */
static void check_reason(const struct sc_case *c, const char *input, const char *layer,
                         const char *part, const char *msg, struct sc_diag_list *failures)
{
    if (c->reason && part && !sc_part_answers(part, c->reason))
        sc_diag_add(failures, 0, "%s: the %s rejects it about <%s>, but the case is about <%s>: %s",
                    input, layer, part, c->reason, msg);
}

static void check_invalid(const struct sc_suite *suite, const struct sc_case *c,
                          struct sc_diag_list *failures, bool *accepted)
{
    struct sc_parse_opts opts = sc_case_opts(suite, c);
    const char *input = sc_suite_path(suite, c->input);
    struct sc_outcome o;
    char *errs;

    if (!outcome(suite, c->input, &opts, &o, failures))
        return;
    *accepted = o.parsed;
    errs = first_schema_errors(&o.schema);
    if (c->schema_error && !o.schema.n)
        sc_diag_add(failures, 0, "%s: the schema accepts it; expected an error mentioning \"%s\"",
                    input, c->schema_error);
    else if (c->schema_error && !sc_diag_list_mentions(&o.schema, c->schema_error))
        sc_diag_add(failures, 0, "%s: the schema rejects it, but not with \"%s\": %s",
                    input, c->schema_error, errs);
    else if (!c->schema_error && o.schema.n)
        sc_diag_add(failures, 0, "%s: the schema rejects it, but only the parser should: %s",
                    input, errs);
    else if (c->schema_error)
        check_reason(c, input, "schema", first_part(&o.schema), o.schema.v[0].msg, failures);
    free(errs);
    if (c->parser_error && o.parsed)
        sc_diag_add(failures, 0, "%s: the parser accepts it; expected \"%s\"",
                    input, c->parser_error);
    else if (c->parser_error && strcmp(o.parse_error.msg, c->parser_error) != 0)
        sc_diag_add(failures, 0, "%s:%ld: the parser rejects it with \"%s\"; expected \"%s\"",
                    input, o.parse_error.line, o.parse_error.msg, c->parser_error);
    else if (!c->parser_error && !o.parsed)
        sc_diag_add(failures, 0, "%s:%ld: the parser rejects it (\"%s\"), but only the schema should",
                    input, o.parse_error.line, o.parse_error.msg);
    else if (c->parser_error)
        check_reason(c, input, "parser", o.parse_error.part, o.parse_error.msg, failures);
    sc_outcome_clear(&o);
}

bool sc_case_check(const struct sc_suite *suite, const struct sc_case *c,
                   struct sc_diag_list *failures, bool *accepted)
{
    size_t before = failures->n;
    bool ignored;

    if (!accepted)
        accepted = &ignored;
    *accepted = false;
    if (c->valid)
        check_valid(suite, c, failures, accepted);
    else
        check_invalid(suite, c, failures, accepted);
    return failures->n == before;
}
