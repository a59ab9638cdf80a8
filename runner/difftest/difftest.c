/*
 * difftest.c: the differential tester (make difftest).  It derives
 * thousands of documents from the suite's cases (mutate.c), puts each
 * through libvirt 9.0 itself (oracle.c: its parser and formatter, and a
 * redefine through its API) and through snapcheck, and reports every
 * class of disagreement with a count and an example:
 *
 *   (a) libvirt accepts, snapcheck rejects
 *   (b) snapcheck accepts, libvirt refuses (its parser or API, or its
 *       schema with the known drift corrected, drift.c)
 *   (c) both accept, and the outputs differ
 *   (d) a document libvirt wrote is not valid under snapcheck, or not a
 *       byte-identical fixed point of its formatter
 *
 * "libvirt accepts" means its parser accepts the document and its API
 * does too, unless the API refused for a reason outside the document
 * (a snapshot without a domain, which only an existing snapshot may be;
 * the oracle gives every disk file the domain names a stand-in, so the
 * host's files never decide).  Examples land in OUT/examples, the counts
 * in OUT/summary.tsv, every disagreeing document in OUT/documents.tsv.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/parser.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/datadir.h"
#include "schema/drift.h"
#include "util/fileio.h"
#include "difftest/mutate.h"
#include "difftest/oracle.h"
#include "schema/schema.h"
#include "model/snapshot.h"
#include "suite/case.h"
#include "suite/suite.h"
#include "model/xmlin.h"

#define LIBVIRT_SCHEMA "/usr/share/libvirt/schemas/domainsnapshot.rng"

enum klass { A_SC_REJECTS, B_LV_PARSER, B_LV_SCHEMA, C_OUTPUT, D_INVALID, D_NOT_FIXED, D_DEFECT,
             E_CRASH, NCLASS };

static const char *const class_titles[NCLASS] = {
    "(a) libvirt accepts, snapcheck rejects",
    "(b) snapcheck accepts, libvirt's parser or API refuses",
    "(b) snapcheck accepts, libvirt's schema (drift corrected) refuses",
    "(c) both accept, the outputs differ",
    "(d) libvirt wrote it, snapcheck's validate rejects it",
    "(d) libvirt wrote it, snapcheck's format changes it",
    "libvirt defect: it cannot read back what it wrote (not counted against snapcheck)",
    "libvirt itself crashed (a libvirt defect; the helper is restarted)",
};
static const char *const class_tags[NCLASS] = { "a", "b-parser", "b-schema", "c", "d-invalid", "d-format", "libvirt-defect", "crash" };

struct group {
    char *key;
    size_t count;
    char *example_label;    /* smallest document of the group */
    char *example_doc;
    size_t example_len;
    char *detail;
};

struct tally {
    struct group *v;
    size_t n, cap;
    size_t total;
    FILE *list;             /* every document, one line each, or NULL */
    const char *tag;
};

struct opts {
    size_t sample;          /* 0: every document */
    double min_agreement;   /* percent; below it the run fails */
    unsigned long seed;
    const char *out;
    const char *python;
    const char *oracle;
    size_t examples;        /* groups shown per class */
};

struct checkers {
    const struct sc_suite *suite;
    struct sc_schema *corrected;
    struct sc_oracle *oracle;
    const struct opts *opts;
};

struct stats {
    size_t docs, agree, contextual;
    size_t outputs, outputs_ok, defects;
    struct tally classes[NCLASS];
};

/* -- a set of strings seen before ------------------------------------ */

struct seen {
    uint64_t *h;
    size_t cap, n;
};

static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;

    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ? h : 1;
}

/* Whether H was new (64-bit hashes: a collision merely drops one item). */
static bool seen_add(struct seen *s, uint64_t h)
{
    if (s->n * 2 >= s->cap) {
        struct seen bigger = { sc_xcalloc(s->cap ? s->cap * 2 : 1024, sizeof(uint64_t)),
                               s->cap ? s->cap * 2 : 1024, 0 };
        for (size_t i = 0; i < s->cap; i++) {
            if (s->h[i])
                seen_add(&bigger, s->h[i]);
        }
        free(s->h);
        *s = bigger;
    }
    size_t i = h % s->cap;
    while (s->h[i]) {
        if (s->h[i] == h)
            return false;
        i = (i + 1) % s->cap;
    }
    s->h[i] = h;
    s->n++;
    return true;
}

/* -- tallies ---------------------------------------------------------- */

static void tally_add(struct tally *t, const char *key, const char *label, const char *doc,
                      size_t len, char *detail)
{
    struct group *g = NULL;

    t->total++;
    if (t->list)
        fprintf(t->list, "%s\t%s\t%s\n", t->tag, key, label);
    for (size_t i = 0; i < t->n && !g; i++)
        g = strcmp(t->v[i].key, key) == 0 ? &t->v[i] : NULL;
    if (!g) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 16;
            t->v = sc_xrealloc(t->v, t->cap * sizeof(*t->v));
        }
        g = &t->v[t->n++];
        memset(g, 0, sizeof(*g));
        g->key = sc_xstrdup(key);
    }
    g->count++;
    if (!g->example_doc || len < g->example_len) {
        free(g->example_label);
        free(g->example_doc);
        free(g->detail);
        g->example_label = sc_xstrdup(label);
        g->example_doc = sc_xstrdup(doc);
        g->example_len = len;
        g->detail = detail;
    } else {
        free(detail);
    }
}

static int by_count(const void *a, const void *b)
{
    const struct group *x = a, *y = b;

    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->key, y->key);
}

static void tally_free(struct tally *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].key);
        free(t->v[i].example_label);
        free(t->v[i].example_doc);
        free(t->v[i].detail);
    }
    free(t->v);
}

/* -- what snapcheck makes of a document -------------------------------- */

struct verdict {
    bool ok;
    char *why;        /* first reason for a rejection */
    char *output;     /* formatted, when parsed */
};

static size_t schema_errors(const struct sc_schema *s, xmlDocPtr doc, char **first)
{
    struct sc_diag_list d = { 0 };
    size_t n = sc_schema_validate_full(s, doc, &d);

    if (n && first && !*first)
        *first = sc_xasprintf("%ld: %s", d.v[0].line, d.v[0].msg);
    sc_diag_list_free(&d);
    return n;
}

static void snapcheck_verdict(const struct checkers *k, const char *text, size_t len,
                              const struct sc_parse_opts *po, struct verdict *v)
{
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory(text, len, "doc", &err);

    memset(v, 0, sizeof(*v));
    if (!doc) {
        v->why = sc_xasprintf("%ld: %s", err.line, err.msg);
        return;
    }
    size_t bad = schema_errors(k->suite->schema, doc, &v->why);
    struct sc_snapshot *snap = sc_snapshot_parse(doc, po, &err);
    if (snap) {
        v->output = sc_snapshot_format(snap);
        sc_snapshot_free(snap);
    } else if (!v->why) {
        v->why = sc_xasprintf("%ld: %s", err.line, err.msg);
    }
    v->ok = !bad && snap;
}

static void verdict_clear(struct verdict *v)
{
    free(v->why);
    free(v->output);
}

/* An API refusal that says nothing about the document itself. */
static bool contextual(const char *msg, const char *doc)
{
    if (strstr(msg, "already exists with uuid") || strstr(msg, "is already defined"))
        return true;
    /* only a snapshot that exists already may be redefined without a
     * full domain; a new one is refused */
    return strstr(msg, "missing domain in snapshot") && !strstr(doc, "<domain type=");
}

/* -- one document ----------------------------------------------------- */

static char *first_line(const char *s)
{
    size_t n = strcspn(s, "\n");

    return sc_xasprintf("%.*s%s", (int)(n > 300 ? 300 : n), s, s[n] ? " …" : "");
}

/* A document libvirt wrote, for a document it accepted: snapcheck must
 * take it and write it back unchanged, unless libvirt itself cannot
 * (then the bytes are libvirt's defect, not a fact about the format). */
static int check_output(struct checkers *k, struct stats *st, struct seen *outputs,
                        const char *text, const struct sc_parse_opts *po, const char *mode,
                        const struct sc_variant *var, const char *layer)
{
    struct verdict v;
    size_t len = strlen(text);
    struct sc_diag diag = { 0 };

    if (!seen_add(outputs, hash(text, len)))
        return 0;
    st->outputs++;
    snapcheck_verdict(k, text, len, po, &v);
    char *key = sc_xasprintf("%s %s", layer, var->group);
    char *label = sc_xasprintf("%s (libvirt %s output)", var->label, layer);
    if (v.ok && strcmp(v.output, text) == 0) {
        st->outputs_ok++;
    } else {
        struct sc_oracle_answer conf, api, *again;
        bool by_api = strcmp(layer, "api") == 0;
        if (sc_oracle_ask(k->oracle, text, len, mode, po->now, by_api ? SC_ORACLE_API : SC_ORACLE_CONF,
                          &conf, &api, &diag) < 0) {
            fprintf(stderr, "difftest: %s\n", diag.msg);
            sc_diag_clear(&diag);
            free(key);
            free(label);
            verdict_clear(&v);
            return -1;
        }
        again = by_api ? &api : &conf;
        if (again->status != SC_ORACLE_OK || strcmp(again->text, text) != 0) {
            st->defects++;
            tally_add(&st->classes[D_DEFECT], key, label, text, len,
                      again->status == SC_ORACLE_OK ? sc_xasprintf("libvirt writes it again as:\n%s", again->text)
                                                    : sc_xasprintf("libvirt refuses it: %s", again->text));
        } else if (!v.ok) {
            tally_add(&st->classes[D_INVALID], key, label, text, len, first_line(v.why));
        } else {
            tally_add(&st->classes[D_NOT_FIXED], key, label, text, len,
                      sc_xasprintf("snapcheck writes:\n%s", v.output));
        }
        sc_oracle_answer_clear(&conf);
        sc_oracle_answer_clear(&api);
    }
    free(key);
    free(label);
    verdict_clear(&v);
    return 0;
}

static int check_variant(struct checkers *k, struct stats *st, struct seen *outputs,
                         const struct sc_variant *var, const struct sc_case *c,
                         const struct sc_parse_opts *po)
{
    struct sc_diag diag = { 0 };
    struct sc_oracle_answer conf, api;
    struct verdict sc;
    const char *mode = sc_mode_to_string(c->mode);

    if (sc_oracle_ask(k->oracle, var->doc, var->len, mode, po->now, SC_ORACLE_BOTH, &conf, &api,
                      &diag) < 0) {
        char *label = sc_xasprintf("%s: %s", c->id, var->label);
        tally_add(&st->classes[E_CRASH], var->group, label, var->doc, var->len, sc_xstrdup(diag.msg));
        free(label);
        sc_oracle_stop(k->oracle);
        k->oracle = sc_oracle_start(k->opts->python, k->opts->oracle, &diag);
        if (!k->oracle)
            fprintf(stderr, "difftest: %s\n", diag.msg);
        sc_diag_clear(&diag);
        return k->oracle ? 0 : -1;
    }
    snapcheck_verdict(k, var->doc, var->len, po, &sc);
    char *schema_why = NULL;
    bool corrected_ok = true;
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory(var->doc, var->len, "doc", &err);
    if (doc) {
        corrected_ok = schema_errors(k->corrected, doc, &schema_why) == 0;
        xmlFreeDoc(doc);
    }
    bool api_context = api.status == SC_ORACLE_ERR && contextual(api.text, var->doc);
    bool lv_parser = conf.status == SC_ORACLE_OK && (api.status != SC_ORACLE_ERR || api_context);
    bool reference = lv_parser && corrected_ok && doc;
    char *label = sc_xasprintf("%s: %s", c->id, var->label);

    st->docs++;
    st->contextual += api_context;
    st->agree += reference == sc.ok;
    if (reference && !sc.ok) {
        tally_add(&st->classes[A_SC_REJECTS], var->group, label, var->doc, var->len,
                  sc_xasprintf("snapcheck: %s", sc.why));
    } else if (!reference && sc.ok && !lv_parser) {
        const char *msg = conf.status != SC_ORACLE_OK ? conf.text : api.text;
        tally_add(&st->classes[B_LV_PARSER], var->group, label, var->doc, var->len,
                  sc_xasprintf("libvirt %s: %s", conf.status != SC_ORACLE_OK ? "parser" : "API", msg));
    } else if (!reference && sc.ok) {
        tally_add(&st->classes[B_LV_SCHEMA], var->group, label, var->doc, var->len,
                  sc_xasprintf("libvirt schema: %s", schema_why ? schema_why : "?"));
    }
    if (sc.ok && sc.output && conf.status == SC_ORACLE_OK && strcmp(sc.output, conf.text) != 0)
        tally_add(&st->classes[C_OUTPUT], var->group, label, var->doc, var->len,
                  sc_xasprintf("libvirt writes:\n%s\nsnapcheck writes:\n%s", conf.text, sc.output));
    int rc = 0;
    if (reference && conf.status == SC_ORACLE_OK)
        rc = check_output(k, st, outputs, conf.text, po, mode, var, "conf");
    if (rc == 0 && reference && api.status == SC_ORACLE_OK)
        rc = check_output(k, st, outputs, api.text, po, mode, var, "api");
    free(label);
    free(schema_why);
    verdict_clear(&sc);
    sc_oracle_answer_clear(&conf);
    sc_oracle_answer_clear(&api);
    return rc;
}

/* -- base documents ------------------------------------------------- */

static bool is_elem(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (is_elem(c, name))
            return c;
    }
    return NULL;
}

static void add_disk(xmlNodePtr devices, const char *source, const char *target)
{
    xmlNodePtr disk = xmlNewChild(devices, NULL, BAD_CAST "disk", NULL);

    xmlSetProp(disk, BAD_CAST "type", BAD_CAST "file");
    xmlSetProp(disk, BAD_CAST "device", BAD_CAST "disk");
    xmlSetProp(xmlNewChild(disk, NULL, BAD_CAST "source", NULL), BAD_CAST "file", BAD_CAST source);
    xmlSetProp(xmlNewChild(disk, NULL, BAD_CAST "target", NULL), BAD_CAST "dev", BAD_CAST target);
}

/* A test domain with a disk for each disk the snapshot names. */
static char *domain_for(xmlNodePtr root)
{
    xmlNodePtr olddom = child(root, "domain");
    xmlChar *uuid = olddom ? xmlNodeGetContent(child(olddom, "uuid")) : NULL;
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr dom = xmlNewDocNode(doc, NULL, BAD_CAST "domain", NULL);
    char target[8] = "sda", *text;

    xmlDocSetRootElement(doc, dom);
    xmlSetProp(dom, BAD_CAST "type", BAD_CAST "test");
    xmlNewTextChild(dom, NULL, BAD_CAST "name", BAD_CAST "difftest");
    xmlNewTextChild(dom, NULL, BAD_CAST "uuid",
                    uuid && sc_valid_uuid((const char *)uuid) ? uuid
                        : BAD_CAST "8d2b4f0e-3c1a-4b5d-9e6f-7a8b9c0d1e2f");
    xmlSetProp(xmlNewTextChild(dom, NULL, BAD_CAST "memory", BAD_CAST "1048576"),
               BAD_CAST "unit", BAD_CAST "KiB");
    xmlNewTextChild(xmlNewChild(dom, NULL, BAD_CAST "os", NULL), NULL, BAD_CAST "type", BAD_CAST "hvm");
    xmlNodePtr devices = xmlNewChild(dom, NULL, BAD_CAST "devices", NULL);
    for (xmlNodePtr d = child(child(root, "disks"), "disk"); d; d = d->next) {
        xmlChar *name = is_elem(d, "disk") ? xmlGetProp(d, BAD_CAST "name") : NULL;
        if (name && name[0] == '/') {
            add_disk(devices, (const char *)name, target);
            target[2]++;
        } else if (name && sc_valid_disk_target((const char *)name)) {
            char *source = sc_xasprintf("/var/lib/libvirt/images/%s.qcow2", (const char *)name);
            add_disk(devices, source, (const char *)name);
            free(source);
        }
        xmlFree(name);
    }
    xmlBufferPtr b = xmlBufferCreate();
    xmlNodeDump(b, doc, dom, 0, 0);
    text = sc_xstrdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    xmlFreeDoc(doc);
    xmlFree(uuid);
    return text;
}

/* libvirt's own form of the domains in DOMAINS_XML (a <domain> and an
 * optional <inactiveDomain>), so that they survive a round trip
 * unchanged and outputs compare byte for byte.  Adds them to ROOT, in
 * place of OLD and OLD_INACTIVE; keeps the old ones if libvirt refuses. */
static void canonical_domains(const struct checkers *k, const char *domains_xml, xmlNodePtr root,
                              xmlNodePtr old, xmlNodePtr old_inactive)
{
    struct sc_diag diag = { 0 };
    struct sc_oracle_answer conf, api;
    char *doc = sc_xasprintf("<domainsnapshot><name>c</name><state>shutoff</state>"
                             "<creationTime>1</creationTime>%s</domainsnapshot>", domains_xml);

    if (sc_oracle_ask(k->oracle, doc, strlen(doc), "redefine", 1, SC_ORACLE_CONF, &conf, &api, &diag) == 0 && conf.status == SC_ORACLE_OK) {
        xmlDocPtr out = xmlReadMemory(conf.text, (int)strlen(conf.text), NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOBLANKS);
        xmlNodePtr top = out ? xmlDocGetRootElement(out) : NULL;
        const char *names[] = { "domain", "inactiveDomain" };
        xmlNodePtr olds[] = { old, old_inactive };
        for (int i = 0; i < 2; i++) {
            xmlNodePtr fresh = child(top, names[i]);
            if (!fresh)
                continue;
            fresh = xmlDocCopyNode(fresh, root->doc, 1);
            if (olds[i]) {
                xmlReplaceNode(olds[i], fresh);
                xmlFreeNode(olds[i]);
            } else {
                xmlAddChild(root, fresh);
            }
        }
        xmlFreeDoc(out);
    }
    sc_diag_clear(&diag);
    sc_oracle_answer_clear(&conf);
    sc_oracle_answer_clear(&api);
    free(doc);
}

static char *dump(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr b = xmlBufferCreate();
    char *text;

    xmlNodeDump(b, doc, node, 0, 0);
    text = sc_xstrdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return text;
}

/* The case's document with a full domain in libvirt's form. */
static xmlDocPtr base_document(const struct checkers *k, const struct sc_case *c)
{
    struct sc_diag diag = { 0 };
    char *data = NULL;
    size_t len;
    struct sc_error err;

    if (sc_read_file(c->input, &data, &len, &diag) < 0) {
        sc_diag_clear(&diag);
        return NULL;
    }
    xmlDocPtr doc = sc_xml_read_memory(data, len, c->input, &err);
    free(data);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !is_elem(root, "domainsnapshot")) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlNodePtr old = child(root, "domain"), inactive = child(root, "inactiveDomain");
    xmlChar *type = old ? xmlGetProp(old, BAD_CAST "type") : NULL;
    char *domain_xml = type ? dump(doc, old) : domain_for(root);
    char *inactive_xml = inactive ? dump(doc, inactive) : sc_xstrdup("");
    char *both = sc_xasprintf("%s%s", domain_xml, inactive_xml);
    canonical_domains(k, both, root, old, inactive);
    xmlFree(type);
    free(domain_xml);
    free(inactive_xml);
    free(both);
    return doc;
}

/* -- the run --------------------------------------------------------- */

static void write_example(const struct opts *o, const char *tag, size_t i, const struct group *g,
                          char **path)
{
    struct sc_diag diag = { 0 };

    *path = sc_xasprintf("%s/examples/%s-%03zu.xml", o->out, tag, i + 1);
    if (sc_write_file(*path, g->example_doc, g->example_len, &diag) < 0)
        fprintf(stderr, "difftest: %s\n", diag.msg);
    sc_diag_clear(&diag);
}

static void report(const struct opts *o, struct stats *st, size_t cases)
{
    char *tsv_path = sc_xasprintf("%s/summary.tsv", o->out);
    struct sc_buf tsv = { 0 };
    struct sc_diag diag = { 0 };

    printf("difftest: %zu documents from %zu cases%s, against libvirt 9.0.0 (python3-libvirt)\n",
           st->docs, cases, o->sample ? " (a fixed sample)" : "");
    printf("verdicts agree with \"libvirt accepts and its schema, drift corrected, validates\": "
           "%zu/%zu (%.1f%%)\n", st->agree, st->docs, st->docs ? 100.0 * st->agree / st->docs : 0);
    size_t judged = st->outputs - st->defects;
    printf("documents libvirt wrote for the documents it accepts: %zu distinct, %zu of them its own "
           "defects; of the rest, valid and fixed points under snapcheck: %zu/%zu (%.1f%%)\n",
           st->outputs, st->defects, st->outputs_ok, judged, judged ? 100.0 * st->outputs_ok / judged : 0);
    printf("API refusals for reasons outside the document (not counted against libvirt): %zu\n",
           st->contextual);
    sc_buf_printf(&tsv, "documents\t%zu\nagree\t%zu\noutputs\t%zu\ndefects\t%zu\noutputs_ok\t%zu\n",
                  st->docs, st->agree, st->outputs, st->defects, st->outputs_ok);
    for (int k = 0; k < NCLASS; k++) {
        struct tally *t = &st->classes[k];
        qsort(t->v, t->n, sizeof(*t->v), by_count);
        printf("\n%s: %zu documents in %zu groups\n", class_titles[k], t->total, t->n);
        sc_buf_printf(&tsv, "%s\t%zu\t%zu\n", class_tags[k], t->total, t->n);
        for (size_t i = 0; i < t->n; i++) {
            char *path;
            write_example(o, class_tags[k], i, &t->v[i], &path);
            sc_buf_printf(&tsv, "%s\t%zu\t%s\t%s\n", class_tags[k], t->v[i].count, t->v[i].key, path);
            if (i < o->examples) {
                printf("  %6zu  %s\n          e.g. %s (%s)\n", t->v[i].count, t->v[i].key,
                       t->v[i].example_label, path);
                for (const char *p = t->v[i].detail; p && *p;) {
                    size_t n = strcspn(p, "\n");
                    printf("          | %.*s\n", (int)n, p);
                    p += n + (p[n] != '\0');
                }
            }
            free(path);
        }
        if (t->n > o->examples)
            printf("  … %zu more groups in %s\n", t->n - o->examples, tsv_path);
    }
    sc_write_file(tsv_path, tsv.data, tsv.len, &diag);
    sc_diag_clear(&diag);
    sc_buf_free(&tsv);
    free(tsv_path);
}

/* Indexes of a deterministic sample of N out of TOTAL. */
static bool *sample(size_t total, size_t n, unsigned long seed)
{
    bool *keep = sc_xcalloc(total ? total : 1, sizeof(bool));
    size_t *idx = sc_xcalloc(total ? total : 1, sizeof(size_t));
    uint64_t x = seed * 6364136223846793005ull + 1442695040888963407ull;

    for (size_t i = 0; i < total; i++)
        idx[i] = i;
    for (size_t i = 0; i < n && i < total; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        size_t j = i + (size_t)((x >> 33) % (total - i));
        size_t t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        keep[idx[i]] = true;
    }
    free(idx);
    return keep;
}

struct base_variant {
    const struct sc_case *c;
    struct sc_variant v;
};

static int run(const struct opts *o, struct checkers *k, struct stats *st)
{
    const struct sc_manifest *m = k->suite->manifest;
    struct base_variant *all = NULL;
    size_t n = 0, cap = 0, cases = 0;
    struct seen docs = { 0 }, outputs = { 0 };
    int rc = 0;

    for (size_t i = 0; i < m->n; i++) {
        xmlDocPtr base = base_document(k, &m->v[i]);
        struct sc_variant_list l = { 0 };
        if (!base)
            continue;
        cases++;
        sc_mutate(base, &l);
        xmlFreeDoc(base);
        for (size_t j = 0; j < l.n; j++) {
            if (!seen_add(&docs, hash(l.v[j].doc, l.v[j].len))) {
                free(l.v[j].label);
                free(l.v[j].group);
                free(l.v[j].doc);
                continue;
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 4096;
                all = sc_xrealloc(all, cap * sizeof(*all));
            }
            all[n++] = (struct base_variant){ &m->v[i], l.v[j] };
        }
        free(l.v);
    }
    bool *keep = o->sample ? sample(n, o->sample, o->seed) : NULL;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (keep && !keep[i])
            continue;
        struct sc_parse_opts po = sc_case_opts(k->suite, all[i].c);
        rc = check_variant(k, st, &outputs, &all[i].v, all[i].c, &po);
        if (rc == 0 && st->docs % 2000 == 0 && st->docs)
            fprintf(stderr, "difftest: %zu documents …\n", st->docs);
    }
    if (rc == 0)
        report(o, st, cases);
    for (size_t i = 0; i < n; i++) {
        free(all[i].v.label);
        free(all[i].v.group);
        free(all[i].v.doc);
    }
    free(all);
    free(keep);
    free(docs.h);
    free(outputs.h);
    return rc;
}

static int usage(FILE *f, int code)
{
    fprintf(f, "usage: difftest [--sample N] [--seed S] [--examples N] [--out DIR]\n"
               "                [--min-agreement PERCENT] [--python PATH] [--oracle SCRIPT]\n"
               "Exits 1 when a document libvirt wrote is not valid or not a fixed point\n"
               "under snapcheck, or when fewer verdicts agree than PERCENT (default 98).\n");
    return code;
}

/* The gate: every document libvirt wrote holds, and enough verdicts agree. */
static int verdict(const struct opts *o, const struct stats *st)
{
    double agree = st->docs ? 100.0 * (double)st->agree / (double)st->docs : 100.0;
    size_t judged = st->outputs - st->defects;

    if (st->outputs_ok != judged) {
        fprintf(stderr, "difftest: %zu documents libvirt wrote are not valid fixed points under snapcheck\n",
                judged - st->outputs_ok);
        return 1;
    }
    if (agree < o->min_agreement) {
        fprintf(stderr, "difftest: verdicts agree on %.1f%%, below %.1f%%\n", agree, o->min_agreement);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "sample", required_argument, NULL, 's' }, { "seed", required_argument, NULL, 'S' },
        { "examples", required_argument, NULL, 'e' }, { "out", required_argument, NULL, 'o' },
        { "python", required_argument, NULL, 'p' }, { "oracle", required_argument, NULL, 'O' },
        { "min-agreement", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
    };
    struct opts o = { .seed = 1, .min_agreement = 98.0, .out = "build/difftest", .python = "/usr/bin/python3",
                      .oracle = "adapters/libvirt_oracle.py", .examples = 12 };
    struct sc_diag_list diags = { 0 };
    struct checkers k = { .opts = &o };
    struct stats st = { 0 };
    struct sc_diag diag = { 0 };
    int opt, rc = 2;

    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case 's': o.sample = strtoul(optarg, NULL, 10); break;
        case 'S': o.seed = strtoul(optarg, NULL, 10); break;
        case 'e': o.examples = strtoul(optarg, NULL, 10); break;
        case 'o': o.out = optarg; break;
        case 'p': o.python = optarg; break;
        case 'O': o.oracle = optarg; break;
        case 'm': o.min_agreement = strtod(optarg, NULL); break;
        case 'h': return usage(stdout, 0);
        default: return usage(stderr, 2);
        }
    }
    sc_xml_init();
    char *datadir = sc_data_dir();
    char *examples = sc_xasprintf("%s/examples", o.out);
    mkdir(o.out, 0777);
    mkdir(examples, 0777);
    free(examples);
    struct sc_layout layout;
    sc_layout_builtin(&layout, datadir);
    struct sc_suite *suite = sc_suite_load(&layout, NULL, &diags);
    sc_layout_clear(&layout);
    k.suite = suite;
    k.corrected = suite ? sc_drift_corrected_schema(LIBVIRT_SCHEMA, &diags) : NULL;
    if (k.corrected)
        k.oracle = sc_oracle_start(o.python, o.oracle, &diag);
    if (!suite || !k.corrected) {
        sc_diag_list_print(stderr, "difftest", &diags);
    } else if (!k.oracle) {
        fprintf(stderr, "difftest: %s\n", diag.msg);
        sc_diag_clear(&diag);
    } else {
        char *list_path = sc_xasprintf("%s/documents.tsv", o.out);
        FILE *list = fopen(list_path, "w");
        for (int i = 0; i < NCLASS; i++) {
            st.classes[i].list = list;
            st.classes[i].tag = class_tags[i];
        }
        rc = run(&o, &k, &st) < 0 ? 2 : verdict(&o, &st);
        if (list)
            fclose(list);
        free(list_path);
    }
    sc_oracle_stop(k.oracle);
    for (int i = 0; i < NCLASS; i++)
        tally_free(&st.classes[i]);
    sc_schema_free(k.corrected);
    sc_suite_free(suite);
    sc_diag_list_free(&diags);
    free(datadir);
    return rc;
}
