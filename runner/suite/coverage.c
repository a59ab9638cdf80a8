/*
 * coverage.c: grammar coverage of the cases, measured by altering the
 * schema one pattern at a time (see coverage.h).
 *
 * The grammar is walked from <start> through refs (each define once),
 * giving every pattern a label from the first element path that reaches
 * it.  Patterns are found again in an altered copy by their index in
 * document order, which xmlCopyDoc keeps.
 */
#include "suite/coverage.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "util/buf.h"
#include "util/strlist.h"
#include "util/fileio.h"
#include "schema/grammar.h"
#include "schema/profile_schema.h"

static const char *const kind_names[] = {
    [SC_COV_ELEMENT] = "element",
    [SC_COV_ATTRIBUTE] = "attribute",
    [SC_COV_VALUE] = "value",
    [SC_COV_CONSTRAINT] = "constraint",
};
_Static_assert(sizeof(kind_names) / sizeof(kind_names[0]) == SC_COV_KIND_LAST,
               "one name per coverage kind");

struct labeler {
    xmlDocPtr doc;
    xmlNodePtr *defines;      /* the grammar's defines, by position */
    size_t ndefines;
    bool *define_seen;
    struct sc_coverage *out;
};

/* Document-order index of NODE among the element nodes of its tree. */
static size_t count_before(xmlNodePtr from, xmlNodePtr node, size_t *i, bool *found)
{
    for (xmlNodePtr c = from; c && !*found; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (c == node) {
            *found = true;
            return *i;
        }
        (*i)++;
        count_before(c->children, node, i, found);
    }
    return *i;
}

static size_t node_index(xmlDocPtr doc, xmlNodePtr node)
{
    size_t i = 0;
    bool found = false;

    return count_before(doc->children, node, &i, &found);
}

static xmlNodePtr nth_node(xmlNodePtr from, size_t *left)
{
    for (xmlNodePtr c = from; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if ((*left)-- == 0)
            return c;
        xmlNodePtr r = nth_node(c->children, left);
        if (r)
            return r;
    }
    return NULL;
}

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
    char *s = sc_xstrdup(v ? (const char *)v : "");

    xmlFree(v);
    return s;
}

/* The name of an element or attribute pattern, "*" for a wildcard. */
static char *pattern_name(xmlNodePtr p)
{
    if (xmlHasProp(p, BAD_CAST "name"))
        return attr(p, "name");
    for (xmlNodePtr c = p->children; c; c = c->next) {
        if (sc_is_rng(c, "name")) {
            xmlChar *t = xmlNodeGetContent(c);
            char *s = sc_xstrdup((const char *)t);
            xmlFree(t);
            return s;
        }
        if (sc_is_rng(c, NULL))
            break;
    }
    return sc_xstrdup("*");
}

static void add_entry(struct labeler *l, enum sc_cov_kind kind, xmlNodePtr node, char *label)
{
    struct sc_coverage *c = l->out;

    c->v = sc_xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
    c->v[c->n++] = (struct sc_cov_entry){ kind, label, node_index(l->doc, node), { 0 } };
}

static bool all_values(xmlNodePtr choice)
{
    bool any = false;

    for (xmlNodePtr c = choice->children; c; c = c->next) {
        if (!sc_is_rng(c, NULL))
            continue;
        if (!sc_is_rng(c, "value"))
            return false;
        any = true;
    }
    return any;
}

static void label_children(struct labeler *l, xmlNodePtr node, const char *path, const char *ctx);

static void label_pattern(struct labeler *l, xmlNodePtr p, const char *path, const char *ctx)
{
    if (sc_is_rng(p, "element")) {
        char *name = pattern_name(p);
        char *sub = *path ? sc_xasprintf("%s/%s", path, name) : sc_xstrdup(name);
        add_entry(l, SC_COV_ELEMENT, p, sc_xstrdup(sub));
        label_children(l, p, sub, sub);
        free(sub);
        free(name);
    } else if (sc_is_rng(p, "attribute")) {
        char *name = pattern_name(p);
        char *sub = sc_xasprintf("%s@%s", path, name);
        add_entry(l, SC_COV_ATTRIBUTE, p, sc_xstrdup(sub));
        label_children(l, p, path, sub);
        free(sub);
        free(name);
    } else if (sc_is_rng(p, "value")) {
        xmlChar *t = xmlNodeGetContent(p);
        add_entry(l, SC_COV_VALUE, p, sc_xasprintf("%s=%s", ctx, (const char *)t));
        if (!sc_is_rng(p->parent, "choice"))
            add_entry(l, SC_COV_CONSTRAINT, p, sc_xasprintf("%s is '%s'", ctx, (const char *)t));
        xmlFree(t);
    } else if (sc_is_rng(p, "choice") && all_values(p)) {
        add_entry(l, SC_COV_CONSTRAINT, p, sc_xasprintf("%s is one of a list", ctx));
        label_children(l, p, path, ctx);
    } else if (sc_is_rng(p, "data")) {
        bool facets = false;
        for (xmlNodePtr c = p->children; c; c = c->next)
            facets |= sc_is_rng(c, "param");
        if (facets && sc_is_rng(p->parent, "define")) {
            /* a named value type, shared by every place that refers to it */
            char *name = attr(p->parent, "name");
            add_entry(l, SC_COV_CONSTRAINT, p, sc_xasprintf("%s (first at %s)", name, ctx));
            free(name);
        } else if (facets) {
            add_entry(l, SC_COV_CONSTRAINT, p, sc_xasprintf("%s matches its pattern", ctx));
        }
    } else if (sc_is_rng(p, "ref")) {
        char *name = attr(p, "name");
        for (size_t i = 0; i < l->ndefines; i++) {
            char *dn = attr(l->defines[i], "name");
            bool match = strcmp(dn, name) == 0;
            free(dn);
            if (match && !l->define_seen[i]) {
                l->define_seen[i] = true;
                label_children(l, l->defines[i], path, ctx);
            }
        }
        free(name);
    } else if (sc_is_rng(p, NULL) && !sc_is_rng(p, "name") && !sc_is_rng(p, "anyName") &&
               !sc_is_rng(p, "nsName") && !sc_is_rng(p, "param")) {
        label_children(l, p, path, ctx);
    }
}

static void label_children(struct labeler *l, xmlNodePtr node, const char *path, const char *ctx)
{
    for (xmlNodePtr c = node->children; c; c = c->next)
        label_pattern(l, c, path, ctx);
}

/* Labels shared by two patterns get " #2", " #3" … in grammar order. */
static void disambiguate(struct sc_coverage *cov)
{
    for (size_t i = 0; i < cov->n; i++) {
        int seen = 1;
        for (size_t j = 0; j < i; j++)
            seen += cov->v[j].kind == cov->v[i].kind && !strcmp(cov->v[j].label, cov->v[i].label);
        if (seen > 1) {
            char *s = sc_xasprintf("%s #%d", cov->v[i].label, seen);
            free(cov->v[i].label);
            cov->v[i].label = s;
        }
    }
}

static void quiet(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* A copy of SCHEMA with entry E removed (items) or relaxed
 * (constraints), compiled.  With INSIDE, an element keeps its name and
 * only its content becomes <notAllowed/>: the same language, in a shape
 * libxml2 compiles where a bare notAllowed in an interleave it does not. */
static xmlRelaxNGPtr altered(xmlDocPtr schema, const struct sc_cov_entry *e, bool inside)
{
    xmlDocPtr copy = xmlCopyDoc(schema, 1);
    size_t left = e->node;
    xmlNodePtr node = nth_node(copy->children, &left);
    xmlRelaxNGParserCtxtPtr pctxt;
    xmlRelaxNGPtr rng;

    if (inside) {
        xmlNodePtr c = node->children;
        while (c && !(sc_is_rng(c, "name") || sc_is_rng(c, "anyName") || sc_is_rng(c, "nsName") ||
                      sc_is_rng(c, "choice")))
            c = c->next;
        if (xmlHasProp(node, BAD_CAST "name"))
            c = NULL;   /* the name is an attribute: every child is content */
        for (xmlNodePtr k = c ? c->next : node->children, next; k; k = next) {
            next = k->next;
            xmlUnlinkNode(k);
            xmlFreeNode(k);
        }
        xmlNewChild(node, node->ns, BAD_CAST "notAllowed", NULL);
    } else if (e->kind == SC_COV_VALUE && sc_is_rng(node->parent, "choice")) {
        xmlUnlinkNode(node);
        xmlFreeNode(node);
    } else {
        const char *with = e->kind == SC_COV_CONSTRAINT ? "text" : "notAllowed";
        xmlReplaceNode(node, xmlNewDocNode(copy, node->ns, BAD_CAST with, NULL));
        xmlFreeNode(node);
    }
    pctxt = xmlRelaxNGNewDocParserCtxt(copy);
    xmlRelaxNGSetParserStructuredErrors(pctxt, quiet, NULL);
    rng = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    xmlFreeDoc(copy);
    return rng;
}

static bool valid_under(xmlRelaxNGPtr rng, xmlDocPtr doc)
{
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(rng);
    int rc;

    xmlRelaxNGSetValidStructuredErrors(v, quiet, NULL);
    rc = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    return rc == 0;
}

/* Every case document of the suite that counts: valid inputs for items,
 * schema-rejected inputs for constraints. */
struct case_doc {
    const struct sc_case *c;
    xmlDocPtr doc;
};

static size_t load_cases(const struct sc_suite *suite, struct case_doc **out)
{
    const struct sc_manifest *m = suite->manifest;
    size_t n = 0;

    *out = sc_xcalloc(m->n, sizeof(**out));
    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (!c->valid && !c->schema_error)
            continue;
        xmlDocPtr doc = xmlReadFile(c->input, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
        if (doc)
            (*out)[n++] = (struct case_doc){ c, doc };
    }
    return n;
}

static int measure(xmlDocPtr schema, struct sc_cov_entry *e, const struct case_doc *docs,
                   size_t ndocs, struct sc_diag_list *diags)
{
    xmlRelaxNGPtr rng = altered(schema, e, false);
    bool constraint = e->kind == SC_COV_CONSTRAINT;

    if (!rng && e->kind == SC_COV_ELEMENT)
        rng = altered(schema, e, true);
    if (!rng) {
        sc_diag_add(diags, 0, "cannot compile the schema without %s %s", kind_names[e->kind], e->label);
        return -1;
    }
    for (size_t i = 0; i < ndocs; i++) {
        if (docs[i].c->valid == constraint)
            continue;
        /* A valid case exercises an item it cannot do without; an
         * invalid case breaks a constraint whose relaxation admits it. */
        if (valid_under(rng, docs[i].doc) == constraint)
            sc_strings_add(&e->cases, docs[i].c->id);
    }
    xmlRelaxNGFree(rng);
    return 0;
}

int sc_coverage_measure(const struct sc_suite *suite, struct sc_coverage *out,
                        struct sc_diag_list *diags)
{
    /* an older profile's schema is a wrapper: its grammar, as one tree */
    char *base = sc_profile_schema_path(suite->layout.datadir, SC_PROFILE_DEFAULT);
    xmlDocPtr schema = suite->profile == SC_PROFILE_DEFAULT
                       ? xmlReadFile(suite->schema->path, NULL, XML_PARSE_NONET)
                       : sc_profile_grammar(base, suite->profile);
    xmlNodePtr root = schema ? xmlDocGetRootElement(schema) : NULL;
    struct labeler l = { .doc = schema, .out = out };
    struct case_doc *docs;
    size_t ndocs;
    int rc = 0;

    free(base);
    memset(out, 0, sizeof(*out));
    if (!sc_is_rng(root, "grammar")) {
        sc_diag_add(diags, 0, "%s: not a RELAX NG grammar", suite->schema->path);
        xmlFreeDoc(schema);
        return -1;
    }
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (sc_is_rng(c, "define")) {
            l.defines = sc_xrealloc(l.defines, (l.ndefines + 1) * sizeof(*l.defines));
            l.defines[l.ndefines++] = c;
        }
    }
    l.define_seen = sc_xcalloc(l.ndefines, sizeof(*l.define_seen));
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (sc_is_rng(c, "start"))
            label_children(&l, c, "", "");
    }
    disambiguate(out);
    ndocs = load_cases(suite, &docs);
    for (size_t i = 0; i < out->n; i++)
        rc |= measure(schema, &out->v[i], docs, ndocs, diags);
    for (size_t i = 0; i < ndocs; i++)
        xmlFreeDoc(docs[i].doc);
    free(docs);
    free(l.defines);
    free(l.define_seen);
    xmlFreeDoc(schema);
    return rc ? -1 : 0;
}

void sc_coverage_totals(const struct sc_coverage *cov, size_t *items, size_t *items_all,
                        size_t *constraints, size_t *constraints_all)
{
    *items = *items_all = *constraints = *constraints_all = 0;
    for (size_t i = 0; i < cov->n; i++) {
        bool hit = cov->v[i].cases.n > 0;
        if (cov->v[i].kind == SC_COV_CONSTRAINT) {
            (*constraints_all)++;
            *constraints += hit;
        } else {
            (*items_all)++;
            *items += hit;
        }
    }
}

static void print_section(FILE *out, const struct sc_coverage *cov, bool constraints)
{
    for (size_t i = 0; i < cov->n; i++) {
        const struct sc_cov_entry *e = &cov->v[i];
        if ((e->kind == SC_COV_CONSTRAINT) != constraints)
            continue;
        struct sc_buf line = { 0 };
        sc_buf_printf(&line, "  %-10s %s: ", kind_names[e->kind], e->label);
        if (!e->cases.n)
            sc_buf_printf(&line, "NOT COVERED (%s)",
                          constraints ? "no invalid case breaks it" : "no valid case uses it");
        for (size_t j = 0; j < e->cases.n; j++)
            sc_buf_printf(&line, "%s%s", j ? ", " : "", e->cases.v[j]);
        /* labels quote the grammar's names and values */
        sc_say(out, "%s", line.data);
        sc_buf_free(&line);
    }
}

void sc_coverage_print(FILE *out, const struct sc_coverage *cov)
{
    size_t items, items_all, cons, cons_all;

    fputs("items (elements, attributes and values of the grammar) and the valid cases that use them:\n", out);
    print_section(out, cov, false);
    fputs("constraints (enumerations, fixed values, data patterns) and the invalid cases that break them:\n", out);
    print_section(out, cov, true);
    sc_coverage_totals(cov, &items, &items_all, &cons, &cons_all);
    fprintf(out, "coverage: %zu/%zu items, %zu/%zu constraints\n", items, items_all, cons, cons_all);
}

char *sc_coverage_summary(const struct sc_suite *suite, const struct sc_coverage *cov)
{
    const struct sc_manifest *m = suite->manifest;
    size_t valid = 0, modes[SC_MODE_LAST] = { 0 };
    size_t items, items_all, cons, cons_all;
    struct sc_buf b = { 0 };

    for (size_t i = 0; i < m->n; i++) {
        valid += m->v[i].valid;
        modes[m->v[i].mode]++;
    }
    sc_coverage_totals(cov, &items, &items_all, &cons, &cons_all);
    sc_buf_printf(&b, "cases: %zu (%zu valid, %zu invalid); by mode:", m->n, valid, m->n - valid);
    for (int i = 0; i < SC_MODE_LAST; i++)
        sc_buf_printf(&b, "%s %zu %s", i ? "," : "", modes[i], sc_mode_to_string((enum sc_mode)i));
    sc_buf_printf(&b, "\ncoverage: %zu/%zu items, %zu/%zu constraints\n", items, items_all, cons, cons_all);
    return sc_buf_steal(&b);
}

void sc_coverage_free(struct sc_coverage *cov)
{
    for (size_t i = 0; i < cov->n; i++) {
        free(cov->v[i].label);
        sc_strings_free(&cov->v[i].cases);
    }
    free(cov->v);
    cov->v = NULL;
    cov->n = 0;
}
