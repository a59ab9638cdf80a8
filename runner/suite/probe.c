/*
 * probe.c: the probes of probe.h.  Each kind says where its value goes
 * in a small redefine document (built with libxml2's tree API, so any
 * value is escaped), where it is read back from in an output, and
 * whether its expected answers come from a table (the states) or from
 * the reference model, which is what enums.def and the parser's rules
 * make of the document.
 */
#include "suite/probe.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/enums.h"
#include "util/escape.h"
#include "suite/impl.h"
#include "model/snapshot.h"
#include "model/states.h"

#define PROBE_NAME "parity-probe"
#define PROBE_TIME "1700000000"
#define OUTPUT_LIMIT (1u << 20)

struct sc_probe_kind {
    const char *name;           /* as --kind and reports name it */
    const char *what;           /* the values, for a person */
    const struct sc_enum *table;   /* the values, or NULL: the states */
    bool by_table;              /* expected answers from the state table */
    void (*build)(xmlNodePtr root, const char *value);
    const char *readback;       /* XPath of the value in an output */
};

static xmlNodePtr child(xmlNodePtr parent, const char *name, const char *text)
{
    return xmlNewTextChild(parent, NULL, BAD_CAST name, text ? BAD_CAST text : NULL);
}

/* <name>, <state>, <creationTime>: what every probe holds. */
static void head(xmlNodePtr root, const char *state)
{
    child(root, "name", PROBE_NAME);
    child(root, "state", state);
    child(root, "creationTime", PROBE_TIME);
}

/* One disk, vda, of a disk-only snapshot (the state whose disks every
 * release writes). */
static xmlNodePtr disk(xmlNodePtr root, const char *snapshot)
{
    head(root, "disk-snapshot");
    xmlNodePtr d = child(child(root, "disks", NULL), "disk", NULL);
    xmlNewProp(d, BAD_CAST "name", BAD_CAST "vda");
    if (snapshot)
        xmlNewProp(d, BAD_CAST "snapshot", BAD_CAST snapshot);
    return d;
}

static void build_state(xmlNodePtr root, const char *value)
{
    head(root, value);
}

static void build_memory(xmlNodePtr root, const char *value)
{
    head(root, "running");
    xmlNodePtr m = child(root, "memory", NULL);
    xmlNewProp(m, BAD_CAST "snapshot", BAD_CAST value);
    /* external memory is saved to a file, which it must name */
    if (strcmp(value, "external") == 0)
        xmlNewProp(m, BAD_CAST "file", BAD_CAST "/var/lib/libvirt/qemu/snapshot/" PROBE_NAME ".mem");
}

static void build_disk_snapshot(xmlNodePtr root, const char *value)
{
    disk(root, value);
}

static void network_source(xmlNodePtr d, const char *protocol)
{
    xmlNodePtr s = child(d, "source", NULL);
    xmlNewProp(s, BAD_CAST "protocol", BAD_CAST protocol);
    /* pool/image: the form the protocols that need one want */
    xmlNewProp(s, BAD_CAST "name", BAD_CAST "pool/" PROBE_NAME);
    xmlNewProp(child(s, "host", NULL), BAD_CAST "name", BAD_CAST "probe.example");
}

/* Each type with the source it takes; any other value with a file. */
static void build_disk_type(xmlNodePtr root, const char *value)
{
    xmlNodePtr d = disk(root, "external");
    xmlNewProp(d, BAD_CAST "type", BAD_CAST value);
    if (strcmp(value, "network") == 0) {
        network_source(d, "nbd");
    } else {
        xmlNodePtr s = child(d, "source", NULL);
        bool block = strcmp(value, "block") == 0;
        xmlNewProp(s, BAD_CAST(block ? "dev" : "file"),
                   BAD_CAST(block ? "/dev/" PROBE_NAME : "/var/lib/libvirt/images/" PROBE_NAME ".qcow2"));
    }
}

static void build_driver(xmlNodePtr root, const char *value)
{
    xmlNodePtr d = disk(root, "external");
    xmlNewProp(child(d, "driver", NULL), BAD_CAST "type", BAD_CAST value);
}

static void build_protocol(xmlNodePtr root, const char *value)
{
    xmlNodePtr d = disk(root, "external");
    xmlNewProp(d, BAD_CAST "type", BAD_CAST "network");
    network_source(d, value);
}

static const struct sc_probe_kind kind_state = {
    "state", "states", NULL, true, build_state, "/domainsnapshot/state",
};
static const struct sc_probe_kind kind_memory = {
    "memory", "memory snapshot modes", &sc_locations, false, build_memory, "/domainsnapshot/memory/@snapshot",
};
static const struct sc_probe_kind kind_disk_snapshot = {
    "disk-snapshot", "disk snapshot modes", &sc_locations, false, build_disk_snapshot,
    "/domainsnapshot/disks/disk[@name='vda']/@snapshot",
};
static const struct sc_probe_kind kind_disk_type = {
    "disk-type", "disk types", &sc_storages, false, build_disk_type,
    "/domainsnapshot/disks/disk[@name='vda']/@type",
};
static const struct sc_probe_kind kind_driver = {
    "driver", "disk driver formats", &sc_formats, false, build_driver,
    "/domainsnapshot/disks/disk[@name='vda']/driver/@type",
};
static const struct sc_probe_kind kind_protocol = {
    "protocol", "network disk protocols", &sc_protocols, false, build_protocol,
    "/domainsnapshot/disks/disk[@name='vda']/source/@protocol",
};

const struct sc_probe_kind *const sc_probe_kinds[] = {
    &kind_state, &kind_memory, &kind_disk_snapshot, &kind_disk_type, &kind_driver, &kind_protocol, NULL,
};

const char *sc_probe_kind_name(const struct sc_probe_kind *k)
{
    return k->name;
}

const struct sc_probe_kind *sc_probe_kind_find(const char *name)
{
    for (size_t i = 0; sc_probe_kinds[i]; i++) {
        if (strcmp(sc_probe_kinds[i]->name, name) == 0)
            return sc_probe_kinds[i];
    }
    return NULL;
}

static size_t kind_size(const struct sc_probe_kind *k)
{
    return k->table ? k->table->n : (size_t)SC_STATE_LAST;
}

static const char *kind_string(const struct sc_probe_kind *k, size_t i)
{
    return k->table ? k->table->strings[i] : sc_state_to_string((enum sc_state)i);
}

/* The probe document of VALUE, serialised without a declaration. */
static char *probe_document(const struct sc_probe_kind *k, const char *value, size_t *len)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "domainsnapshot");
    xmlBufferPtr buf = xmlBufferCreate();

    xmlDocSetRootElement(doc, root);
    k->build(root, value);
    xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT | XML_SAVE_NO_DECL);
    xmlSaveDoc(save, doc);
    xmlSaveClose(save);
    char *text = sc_xasprintf("%s", (const char *)xmlBufferContent(buf));
    *len = strlen(text);
    xmlBufferFree(buf);
    xmlFreeDoc(doc);
    return text;
}

/* The value at K's place in the document TEXT: newly allocated, NULL
 * when TEXT is not XML (*NOT_XML set) or the place is empty. */
static char *read_back(const struct sc_probe_kind *k, const char *text, size_t len, bool *not_xml)
{
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory(text, len, "output", &err);
    char *value = NULL;

    *not_xml = !doc;
    if (!doc)
        return NULL;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = ctx ? xmlXPathEvalExpression(BAD_CAST k->readback, ctx) : NULL;
    if (o && o->nodesetval && o->nodesetval->nodeNr == 1) {
        xmlChar *s = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
        value = s ? sc_xstrdup((const char *)s) : NULL;
        xmlFree(s);
    }
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return value;
}

/* The answer an output gives for VALUE: accepted as it is, or written
 * back otherwise (*DETAIL says how). */
static enum sc_probe_answer judge_output(const struct sc_probe_kind *k, const char *value, const char *out,
                                         size_t len, char **detail)
{
    bool not_xml;
    char *back = read_back(k, out, len, &not_xml);
    enum sc_probe_answer a = SC_PROBE_ACCEPT;

    if (not_xml) {
        *detail = sc_xstrdup("accepted it, but its output is not XML");
        a = SC_PROBE_ERROR;
    } else if (!back) {
        *detail = sc_xstrdup("accepted it, but wrote no value back");
        a = SC_PROBE_REWRITE;
    } else if (strcmp(back, value) != 0) {
        struct sc_buf b = { 0 };
        sc_buf_puts(&b, "accepted it, but wrote back '");
        sc_esc_text(&b, back);
        sc_buf_puts(&b, "'");
        *detail = sc_buf_steal(&b);
        a = SC_PROBE_REWRITE;
    }
    free(back);
    return a;
}

/* What the reference model makes of the document. */
static enum sc_probe_answer model_answer(const struct sc_probe_kind *k, const char *value, const char *text,
                                         size_t len, enum sc_profile profile)
{
    struct sc_parse_opts opts = { .redefine = true, .profile = profile };
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory(text, len, "probe", &err);
    struct sc_snapshot *snap = doc ? sc_snapshot_parse(doc, &opts, &err) : NULL;
    char *detail = NULL;

    if (!snap)
        return SC_PROBE_REFUSE;
    char *out = sc_snapshot_format(snap);
    enum sc_probe_answer a = judge_output(k, value, out, strlen(out), &detail);
    free(detail);
    free(out);
    sc_snapshot_free(snap);
    return a;
}

static enum sc_probe_answer table_answer(const char *value, enum sc_profile profile)
{
    int s = sc_state_from_string(value);

    return s >= 0 && sc_state_accepted_in((enum sc_state)s, profile) ? SC_PROBE_ACCEPT : SC_PROBE_REFUSE;
}

static enum sc_probe_answer schema_answer(const struct sc_schema *schema, const char *text, size_t len)
{
    struct sc_diag_list diags = { 0 };
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory(text, len, "probe", &err);
    size_t problems = doc ? sc_schema_validate_full(schema, doc, &diags) : 1;

    sc_diag_list_free(&diags);
    xmlFreeDoc(doc);
    return problems ? SC_PROBE_REFUSE : SC_PROBE_ACCEPT;
}

/* The first line of what the implementation said, or a default. */
static char *first_line(const char *err, const char *otherwise)
{
    size_t n = err ? strcspn(err, "\n") : 0;

    return n ? sc_xasprintf("%.*s", (int)n, err) : sc_xstrdup(otherwise);
}

/* Runs the implementation on one probe; false when it cannot start. */
static bool impl_answer(const struct sc_probe_kind *k, const struct sc_probe_opts *o, struct sc_probe_row *row,
                        const char *text, size_t len, size_t index, bool preflight, struct sc_diag *err)
{
    char *id = sc_xasprintf("parity-%s-%zu", k->name, index + 1);
    struct sc_impl_request req = {
        .command = o->impl, .input = text, .input_len = len, .mode = "redefine", .now = o->now, .case_id = id,
        .timeout = o->timeout, .out_limit = OUTPUT_LIMIT, .preflight = preflight,
        .profile = sc_profile_name(o->profile),
    };
    struct sc_impl_run run;
    bool started = true;

    sc_impl_run(&req, &run);
    switch (run.end) {
    case SC_IMPL_NO_START: {
        char *why = first_line(run.err, "the implementation could not be started");
        sc_diag_set(err, NULL, 0, "%s: %s", o->impl, why);
        free(why);
        started = false;
        break;
    }
    case SC_IMPL_EXITED:
        if (run.exit_code == 0) {
            row->impl = judge_output(k, row->value, run.out, run.out_len, &row->detail);
        } else if (run.exit_code == SC_IMPL_EXIT_SKIP) {
            row->impl = SC_PROBE_SKIP;
            row->detail = sc_xstrdup("declined redefine mode (exit 77)");
        } else {
            row->impl = SC_PROBE_REFUSE;
            row->detail = first_line(run.err, "refused it, saying nothing");
        }
        break;
    case SC_IMPL_SIGNALED:
        row->impl = SC_PROBE_ERROR;
        row->detail = sc_xasprintf("crashed: killed by signal %d", run.exit_code);
        break;
    case SC_IMPL_TIMED_OUT:
        row->impl = SC_PROBE_ERROR;
        row->detail = sc_xasprintf("no answer within %g s", o->timeout);
        break;
    case SC_IMPL_FLOODED:
        row->impl = SC_PROBE_ERROR;
        row->detail = sc_xstrdup("printed more than 1 MiB");
        break;
    case SC_IMPL_INTERRUPTED:
        row->impl = SC_PROBE_ERROR;
        row->detail = sc_xstrdup("interrupted");
        break;
    }
    sc_impl_run_clear(&run);
    free(id);
    return started;
}

static bool row_agrees(const struct sc_probe_row *r)
{
    enum sc_probe_answer cols[] = { r->expected, r->schema, r->impl };

    for (size_t i = 0; i < 3; i++) {
        if (cols[i] == SC_PROBE_ABSENT)
            continue;
        if (cols[i] == SC_PROBE_SKIP || cols[i] == SC_PROBE_ERROR)
            return false;
        /* a rewrite agrees with a rewrite: the reference model writes
         * some accepted values back otherwise too */
        if (cols[i] != r->expected)
            return false;
    }
    return true;
}

static void add_row(struct sc_probe_table *t, char *value, const char *origin)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->v[i].value, value) == 0) {   /* a near-miss that is a value of the table */
            free(value);
            return;
        }
    }
    t->v = sc_xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
    t->v[t->n++] = (struct sc_probe_row){ .value = value, .origin = origin };
}

/* The values of the table, then near-misses of REP (an accepted one). */
static void candidates(const struct sc_probe_kind *k, struct sc_probe_table *t, const char *rep, size_t rep_index)
{
    char *upper = sc_xstrdup(rep), *title = sc_xstrdup(rep);

    for (size_t i = 0; i < kind_size(k); i++)
        add_row(t, sc_xstrdup(kind_string(k, i)), "table");
    for (char *p = upper; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    title[0] = (char)toupper((unsigned char)title[0]);
    add_row(t, upper, "case");
    add_row(t, title, "case");
    add_row(t, sc_xasprintf(" %s", rep), "whitespace");
    add_row(t, sc_xasprintf("%s ", rep), "whitespace");
    add_row(t, sc_xasprintf("\t%s\n", rep), "whitespace");
    add_row(t, sc_xasprintf("%zu", rep_index), "number");
    add_row(t, sc_xstrdup(""), "empty");
    add_row(t, sc_xstrdup("sometimes"), "unknown");
}

int sc_probe_run(const struct sc_probe_kind *k, const struct sc_probe_opts *o, struct sc_probe_table *out,
                 struct sc_diag *err)
{
    const char *rep = NULL;
    size_t rep_index = 0;

    *out = (struct sc_probe_table){ .kind = k };
    /* the near-misses are of the first value the table accepts */
    for (size_t i = 0; i < kind_size(k) && !rep; i++) {
        size_t len;
        char *text = probe_document(k, kind_string(k, i), &len);
        enum sc_probe_answer a = k->by_table ? table_answer(kind_string(k, i), o->profile)
                                             : model_answer(k, kind_string(k, i), text, len, o->profile);
        if (a == SC_PROBE_ACCEPT) {
            rep = kind_string(k, i);
            /* a state's number is the profile's own */
            rep_index = k->by_table ? (size_t)sc_state_value((enum sc_state)i, o->profile) : i;
        }
        free(text);
    }
    candidates(k, out, rep ? rep : kind_string(k, 0), rep_index);
    for (size_t i = 0; i < out->n; i++) {
        struct sc_probe_row *r = &out->v[i];
        size_t len;
        char *text = probe_document(k, r->value, &len);
        r->expected = k->by_table ? table_answer(r->value, o->profile)
                                  : model_answer(k, r->value, text, len, o->profile);
        r->schema = o->schema ? schema_answer(o->schema, text, len) : SC_PROBE_ABSENT;
        r->impl = SC_PROBE_ABSENT;
        bool started = !o->impl || impl_answer(k, o, r, text, len, i, i == 0, err);
        free(text);
        if (!started) {
            sc_probe_table_free(out);
            return -1;
        }
        r->agree = row_agrees(r);
    }
    return 0;
}

void sc_probe_table_free(struct sc_probe_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].value);
        free(t->v[i].detail);
    }
    free(t->v);
    *t = (struct sc_probe_table){ 0 };
}

size_t sc_probe_disagreements(const struct sc_probe_table *t)
{
    size_t n = 0;

    for (size_t i = 0; i < t->n; i++)
        n += !t->v[i].agree;
    return n;
}

/* --- reports --- */

static const char *const answer_names[] = {
    [SC_PROBE_ABSENT] = "-", [SC_PROBE_ACCEPT] = "accept", [SC_PROBE_REFUSE] = "refuse",
    [SC_PROBE_REWRITE] = "rewrite", [SC_PROBE_SKIP] = "skip", [SC_PROBE_ERROR] = "error",
};

/* The first column's name: the table's, or the model's. */
static const char *expected_name(const struct sc_probe_kind *k)
{
    return k->by_table ? "state table" : "reference";
}

/* What is wrong with row R, for a person: which column says what. */
static char *disagreement(const struct sc_probe_kind *k, const struct sc_probe_row *r)
{
    struct sc_buf b = { 0 };
    const char *who[3] = { expected_name(k), "schema", "implementation" };
    enum sc_probe_answer cols[3] = { r->expected, r->schema, r->impl };
    bool first = true;

    for (enum sc_probe_answer a = SC_PROBE_ACCEPT; a <= SC_PROBE_ERROR; a++) {
        size_t n = 0;
        for (size_t i = 0; i < 3; i++)
            n += cols[i] == a;
        if (!n)
            continue;
        sc_buf_puts(&b, first ? "" : "; ");
        first = false;
        size_t said = 0;
        for (size_t i = 0; i < 3; i++) {
            if (cols[i] != a)
                continue;
            sc_buf_printf(&b, "%sthe %s", said ? (said + 1 == n ? " and " : ", ") : "", who[i]);
            said++;
        }
        static const char *const verbs[][2] = {
            [SC_PROBE_ACCEPT] = { "accepts it", "accept it" }, [SC_PROBE_REFUSE] = { "refuses it", "refuse it" },
            [SC_PROBE_REWRITE] = { "rewrites it", "rewrite it" },
            [SC_PROBE_SKIP] = { "declines the probe", "decline the probe" },
            [SC_PROBE_ERROR] = { "fails on it", "fail on it" },
        };
        sc_buf_printf(&b, " %s", verbs[a][n > 1]);
    }
    return sc_buf_steal(&b);
}

static void render_text(struct sc_buf *b, const struct sc_probe_table *t, enum sc_profile profile,
                        const char *schema, const char *impl)
{
    const struct sc_probe_kind *k = t->kind;

    sc_buf_printf(b, "%s: %s of %s", k->what, expected_name(k), sc_profile_name(profile));
    if (schema) {
        sc_buf_puts(b, "; schema ");
        sc_esc_text(b, schema);
    }
    if (impl) {
        sc_buf_puts(b, "; implementation ");
        sc_esc_text(b, impl);
    }
    sc_buf_printf(b, "\n     %-18s %-11s %-7s %-14s %s\n", "value", expected_name(k), "schema", "implementation",
                  "probe");
    for (size_t i = 0; i < t->n; i++) {
        const struct sc_probe_row *r = &t->v[i];
        struct sc_buf v = { 0 };
        sc_buf_puts(&v, "'");
        sc_esc_text(&v, r->value);
        sc_buf_puts(&v, "'");
        sc_buf_printf(b, "  %s %-18s %-11s %-7s %-14s %s\n", r->agree ? "  " : "!!", v.data, answer_names[r->expected],
                      answer_names[r->schema], answer_names[r->impl], r->origin);
        sc_buf_free(&v);
    }
    for (size_t i = 0; i < t->n; i++) {
        const struct sc_probe_row *r = &t->v[i];
        if (r->agree)
            continue;
        char *why = disagreement(k, r);
        sc_buf_printf(b, "  hole: %s '", k->name);
        sc_esc_text(b, r->value);
        sc_buf_printf(b, "' (%s): %s", r->origin, why);
        if (r->detail) {
            sc_buf_puts(b, " (implementation: ");
            sc_esc_text(b, r->detail);
            sc_buf_puts(b, ")");
        }
        sc_buf_puts(b, "\n");
        free(why);
    }
}

static void render_jsonl(struct sc_buf *b, const struct sc_probe_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct sc_probe_row *r = &t->v[i];
        sc_buf_printf(b, "{\"type\":\"probe\",\"kind\":\"%s\",\"value\":", t->kind->name);
        sc_esc_json(b, r->value);
        sc_buf_printf(b, ",\"origin\":\"%s\",\"%s\":\"%s\"", r->origin,
                      t->kind->by_table ? "table" : "reference", answer_names[r->expected]);
        if (r->schema != SC_PROBE_ABSENT)
            sc_buf_printf(b, ",\"schema\":\"%s\"", answer_names[r->schema]);
        if (r->impl != SC_PROBE_ABSENT)
            sc_buf_printf(b, ",\"implementation\":\"%s\"", answer_names[r->impl]);
        if (r->detail) {
            sc_buf_puts(b, ",\"detail\":");
            sc_esc_json(b, r->detail);
        }
        sc_buf_printf(b, ",\"agree\":%s}\n", r->agree ? "true" : "false");
    }
}

static void render_markdown(struct sc_buf *b, const struct sc_probe_table *t, bool schema, bool impl)
{
    sc_buf_printf(b, "### %s\n\n| value | probe | %s |%s%s agree |\n|---|---|---|%s%s---|\n", t->kind->what,
                  expected_name(t->kind), schema ? " schema |" : "", impl ? " implementation |" : "",
                  schema ? "---|" : "", impl ? "---|" : "");
    for (size_t i = 0; i < t->n; i++) {
        const struct sc_probe_row *r = &t->v[i];
        sc_buf_puts(b, "| ");
        sc_esc_md_code(b, r->value);
        sc_buf_printf(b, " | %s | %s |", r->origin, answer_names[r->expected]);
        if (schema)
            sc_buf_printf(b, " %s |", answer_names[r->schema]);
        if (impl) {
            sc_buf_printf(b, " %s", answer_names[r->impl]);
            if (r->detail) {
                sc_buf_puts(b, ": ");
                sc_esc_md(b, r->detail);
            }
            sc_buf_puts(b, " |");
        }
        sc_buf_printf(b, " %s |\n", r->agree ? "yes" : "**no**");
    }
    sc_buf_puts(b, "\n");
}

char *sc_probe_render(const struct sc_probe_table *t, size_t n, enum sc_report_format format,
                      enum sc_profile profile, const char *schema, const char *impl)
{
    struct sc_buf b = { 0 };
    size_t disagree = 0, values = 0;

    if (format == SC_REPORT_MARKDOWN)
        sc_buf_printf(&b, "## snapcheck parity (%s)\n\n", sc_profile_name(profile));
    for (size_t i = 0; i < n; i++) {
        disagree += sc_probe_disagreements(&t[i]);
        values += t[i].n;
        if (format == SC_REPORT_JSONL)
            render_jsonl(&b, &t[i]);
        else if (format == SC_REPORT_MARKDOWN)
            render_markdown(&b, &t[i], schema != NULL, impl != NULL);
        else
            render_text(&b, &t[i], profile, schema, impl);
    }
    if (format == SC_REPORT_JSONL) {
        sc_buf_printf(&b, "{\"type\":\"summary\",\"profile\":\"%s\",\"values\":%zu,\"disagreements\":%zu",
                      sc_profile_name(profile), values, disagree);
        if (schema) {
            sc_buf_puts(&b, ",\"schema\":");
            sc_esc_json(&b, schema);
        }
        if (impl) {
            sc_buf_puts(&b, ",\"implementation\":");
            sc_esc_json(&b, impl);
        }
        sc_buf_puts(&b, "}\n");
    } else {
        const char *strong = format == SC_REPORT_MARKDOWN ? "**" : "";
        sc_buf_printf(&b, "%s%zu values probed, %zu disagreement%s%s\n", strong, values, disagree,
                      disagree == 1 ? "" : "s", strong);
    }
    return sc_buf_steal(&b);
}
