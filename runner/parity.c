/*
 * parity.c: finding the state list of any RELAX NG schema and comparing
 * it with the state table.
 *
 * A scope is one grammar: its defines (merged from included files, with
 * the include's own defines overriding), its start and its parent (for
 * parentRef).  The walk goes from the start to the <domainsnapshot>
 * element, from its content to <state>, and from there collects values;
 * it never enters other elements, so the cost is small even for a large
 * schema such as libvirt's.
 */
#include "parity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

#include "buf.h"
#include "states.h"
#include "xmlin.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_LIB "http://www.w3.org/2001/XMLSchema-datatypes"
#define MAX_DEPTH 200

struct define {
    const xmlChar *name;
    xmlNodePtr node;
};

struct scope {
    struct scope *parent;
    struct define *defs;
    size_t ndefs, cap;
    xmlNodePtr *starts;
    size_t nstarts;
    struct scope *next_alloc;   /* every scope, for freeing */
};

struct walker {
    struct sc_diag_list *diags;
    xmlDocPtr *docs;
    size_t ndocs;
    struct scope *scopes;
    struct sc_parity *out;
    int failed;
};

static bool is_rng(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
           (!name || xmlStrEqual(n->name, BAD_CAST name));
}

/* Loads the file HREF names, relative to the base of NODE. */
static xmlNodePtr load_ref(struct walker *w, xmlNodePtr node)
{
    xmlChar *href = xmlGetNoNsProp(node, BAD_CAST "href");
    xmlChar *base = xmlNodeGetBase(node->doc, node);
    xmlChar *uri = href ? xmlBuildURI(href, base) : NULL;
    xmlDocPtr doc = uri ? xmlReadFile((const char *)uri, NULL, XML_PARSE_NONET) : NULL;

    if (!doc) {
        sc_diag_add(w->diags, xmlGetLineNo(node), "cannot load '%s' referred to by <%s>",
                    href ? (const char *)href : "", (const char *)node->name);
        w->failed = 1;
    } else {
        w->docs = sc_xrealloc(w->docs, (w->ndocs + 1) * sizeof(*w->docs));
        w->docs[w->ndocs++] = doc;
    }
    xmlFree(href);
    xmlFree(base);
    xmlFree(uri);
    return doc ? xmlDocGetRootElement(doc) : NULL;
}

static bool overridden(xmlNodePtr include, xmlNodePtr component)
{
    for (xmlNodePtr c = include ? include->children : NULL; c; c = c->next) {
        if (is_rng(c, "start") && is_rng(component, "start"))
            return true;
        if (is_rng(c, "define") && is_rng(component, "define")) {
            xmlChar *a = xmlGetNoNsProp(c, BAD_CAST "name");
            xmlChar *b = xmlGetNoNsProp(component, BAD_CAST "name");
            bool same = a && b && xmlStrEqual(a, b);
            xmlFree(a);
            xmlFree(b);
            if (same)
                return true;
        }
        if (is_rng(c, "div") && overridden(c, component))
            return true;
    }
    return false;
}

static void add_components(struct walker *w, struct scope *s, xmlNodePtr parent,
                           xmlNodePtr include, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (!is_rng(c, NULL) || overridden(include, c))
            continue;
        if (is_rng(c, "define")) {
            if (s->ndefs == s->cap) {
                s->cap = s->cap ? s->cap * 2 : 64;
                s->defs = sc_xrealloc(s->defs, s->cap * sizeof(*s->defs));
            }
            s->defs[s->ndefs++] = (struct define){ xmlGetNoNsProp(c, BAD_CAST "name"), c };
        } else if (is_rng(c, "start")) {
            s->starts = sc_xrealloc(s->starts, (s->nstarts + 1) * sizeof(*s->starts));
            s->starts[s->nstarts++] = c;
        } else if (is_rng(c, "div")) {
            add_components(w, s, c, include, depth + 1);
        } else if (is_rng(c, "include")) {
            xmlNodePtr root = load_ref(w, c);
            if (root && is_rng(root, "grammar"))
                add_components(w, s, root, c, depth + 1);
            add_components(w, s, c, NULL, depth + 1);
        }
    }
}

static struct scope *new_scope(struct walker *w, xmlNodePtr grammar, struct scope *parent)
{
    struct scope *s = sc_xcalloc(1, sizeof(*s));

    s->parent = parent;
    s->next_alloc = w->scopes;
    w->scopes = s;
    add_components(w, s, grammar, NULL, 0);
    return s;
}

typedef void (*visit_fn)(struct walker *w, xmlNodePtr node, struct scope *s, void *opaque);

/* Calls FN on each leaf pattern reachable from the children of NODE
 * without entering an element; refs and nested grammars are followed. */
static void walk(struct walker *w, xmlNodePtr node, struct scope *s, int depth,
                 visit_fn fn, void *opaque);

static void walk_pattern(struct walker *w, xmlNodePtr p, struct scope *s, int depth,
                         visit_fn fn, void *opaque)
{
    if (depth > MAX_DEPTH)
        return;
    if (is_rng(p, "ref") || is_rng(p, "parentRef")) {
        struct scope *target = is_rng(p, "ref") ? s : s ? s->parent : NULL;
        xmlChar *name = xmlGetNoNsProp(p, BAD_CAST "name");
        for (size_t i = 0; target && name && i < target->ndefs; i++) {
            if (xmlStrEqual(target->defs[i].name, name))
                walk(w, target->defs[i].node, target, depth + 1, fn, opaque);
        }
        xmlFree(name);
    } else if (is_rng(p, "grammar")) {
        struct scope *inner = new_scope(w, p, s);
        for (size_t i = 0; i < inner->nstarts; i++)
            walk(w, inner->starts[i], inner, depth + 1, fn, opaque);
    } else if (is_rng(p, "externalRef")) {
        xmlNodePtr root = load_ref(w, p);
        if (root)   /* a grammar there nests under the current one */
            walk_pattern(w, root, s, depth + 1, fn, opaque);
    } else if (is_rng(p, "element") || is_rng(p, "value") || is_rng(p, "data") ||
               is_rng(p, "text") || is_rng(p, "attribute")) {
        fn(w, p, s, opaque);
    } else if (is_rng(p, NULL) && !is_rng(p, "name") && !is_rng(p, "anyName") &&
               !is_rng(p, "nsName") && !is_rng(p, "param") && !is_rng(p, "except")) {
        walk(w, p, s, depth + 1, fn, opaque);   /* choice, group, optional, … */
    }
}

static void walk(struct walker *w, xmlNodePtr node, struct scope *s, int depth,
                 visit_fn fn, void *opaque)
{
    for (xmlNodePtr c = node->children; c; c = c->next)
        walk_pattern(w, c, s, depth, fn, opaque);
}

/* Whether the element pattern P is named NAME (name="x", name="p:x" or
 * a <name> child). */
static bool element_named(xmlNodePtr p, const char *name)
{
    xmlChar *attr = xmlGetNoNsProp(p, BAD_CAST "name");
    bool match = false;

    if (attr) {
        const xmlChar *local = xmlStrchr(attr, ':') ? xmlStrchr(attr, ':') + 1 : attr;
        match = xmlStrEqual(local, BAD_CAST name);
        xmlFree(attr);
        return match;
    }
    for (xmlNodePtr c = p->children; c; c = c->next) {
        if (!is_rng(c, NULL))
            continue;
        if (is_rng(c, "name")) {
            xmlChar *t = xmlNodeGetContent(c);
            const xmlChar *local = xmlStrchr(t, ':') ? xmlStrchr(t, ':') + 1 : t;
            match = xmlStrEqual(local, BAD_CAST name);
            xmlFree(t);
        }
        break;   /* the name class is the first child */
    }
    return match;
}

struct element_query {
    const char *name;
    void (*found)(struct walker *w, xmlNodePtr element, struct scope *s);
};

static void find_element(struct walker *w, xmlNodePtr node, struct scope *s, void *opaque)
{
    struct element_query *q = opaque;

    if (is_rng(node, "element") && element_named(node, q->name))
        q->found(w, node, s);
}

static void add_string(struct sc_strings *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], s) == 0)
            return;
    }
    l->v = sc_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    l->v[l->n++] = sc_xstrdup(s);
}

/* The datatype library in force at NODE (inherited lexically). */
static xmlChar *datatype_library(xmlNodePtr node)
{
    for (xmlNodePtr n = node; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        xmlChar *lib = xmlGetNoNsProp(n, BAD_CAST "datatypeLibrary");
        if (lib)
            return lib;
    }
    return xmlStrdup(BAD_CAST "");
}

static void collect_value(struct walker *w, xmlNodePtr node, struct scope *s, void *opaque)
{
    (void)s;
    (void)opaque;
    if (is_rng(node, "value")) {
        xmlChar *type = xmlGetNoNsProp(node, BAD_CAST "type");
        xmlChar *lib = type ? datatype_library(node) : xmlStrdup(BAD_CAST "");
        xmlChar *text = xmlNodeGetContent(node);
        /* An untyped value is the built-in token type; only "string"
         * (built-in or XSD) compares without collapsing whitespace. */
        bool exact = type && xmlStrEqual(type, BAD_CAST "string") &&
                     (!*lib || xmlStrEqual(lib, BAD_CAST XSD_LIB));
        w->out->collapses |= !exact;
        add_string(&w->out->values, text ? (const char *)text : "");
        xmlFree(type);
        xmlFree(lib);
        xmlFree(text);
    } else if (is_rng(node, "data") || is_rng(node, "text")) {
        w->out->any_text = true;
    }
}

static void found_state(struct walker *w, xmlNodePtr element, struct scope *s)
{
    w->out->found = true;
    walk(w, element, s, 0, collect_value, NULL);
}

static void found_snapshot(struct walker *w, xmlNodePtr element, struct scope *s)
{
    struct element_query q = { "state", found_state };

    walk(w, element, s, 0, find_element, &q);
}

static void compare(struct sc_parity *p)
{
    for (int i = 0; i < SC_STATE_LAST; i++) {
        const char *name = sc_state_to_string((enum sc_state)i);
        bool listed = false;
        for (size_t j = 0; j < p->values.n; j++)
            listed |= strcmp(p->values.v[j], name) == 0;
        if (sc_state_accepted((enum sc_state)i) && !listed && !p->any_text)
            add_string(&p->missing, name);
    }
    for (size_t j = 0; j < p->values.n; j++) {
        int st = sc_state_from_string(p->values.v[j]);
        if (st < 0 || !sc_state_accepted((enum sc_state)st))
            add_string(&p->extra, p->values.v[j]);
    }
}

int sc_parity_check(const char *schema_path, struct sc_parity *out,
                    struct sc_diag_list *diags)
{
    struct walker w = { .diags = diags, .out = out };
    struct element_query q = { "domainsnapshot", found_snapshot };
    xmlDocPtr doc = xmlReadFile(schema_path, NULL, XML_PARSE_NONET);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;

    memset(out, 0, sizeof(*out));
    if (!root) {
        sc_diag_add(diags, 0, "cannot read schema");
        xmlFreeDoc(doc);
        return -1;
    }
    if (is_rng(root, "grammar")) {
        struct scope *top = new_scope(&w, root, NULL);
        for (size_t i = 0; i < top->nstarts; i++)
            walk(&w, top->starts[i], top, 0, find_element, &q);
    } else {
        walk_pattern(&w, root, NULL, 0, find_element, &q);
    }
    compare(out);
    while (w.scopes) {
        struct scope *next = w.scopes->next_alloc;
        for (size_t i = 0; i < w.scopes->ndefs; i++)
            xmlFree((xmlChar *)w.scopes->defs[i].name);
        free(w.scopes->defs);
        free(w.scopes->starts);
        free(w.scopes);
        w.scopes = next;
    }
    for (size_t i = 0; i < w.ndocs; i++)
        xmlFreeDoc(w.docs[i]);
    free(w.docs);
    xmlFreeDoc(doc);
    return w.failed ? -1 : 0;
}

bool sc_parity_drift(const struct sc_parity *p)
{
    return !p->found || p->any_text || p->collapses || p->missing.n || p->extra.n;
}

/* The schema's path and the values it lists are printed escaped: a
 * schema may come from anywhere (--schema). */
void sc_parity_print(const char *schema_path, const struct sc_parity *p)
{
    if (!p->found) {
        sc_say(stdout, "%s: drift: no <state> element inside <domainsnapshot>", schema_path);
        return;
    }
    for (size_t i = 0; i < p->missing.n; i++)
        sc_say(stdout, "%s: drift: state '%s' is accepted by the state table but not by the schema",
               schema_path, p->missing.v[i]);
    for (size_t i = 0; i < p->extra.n; i++)
        sc_say(stdout, "%s: drift: state '%s' is accepted by the schema but not by the state table",
               schema_path, p->extra.v[i]);
    if (p->any_text)
        sc_say(stdout, "%s: drift: <state> accepts free text, not a list of states", schema_path);
    if (p->collapses)
        sc_say(stdout, "%s: drift: state values are compared as 'token', so the schema accepts "
               "whitespace around a state (e.g. ' running') that the parser rejects", schema_path);
    if (!sc_parity_drift(p))
        sc_say(stdout, "%s: parity: the schema allows exactly the %zu accepted states",
               schema_path, p->values.n);
}

static void strings_free(struct sc_strings *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void sc_parity_free(struct sc_parity *p)
{
    strings_free(&p->values);
    strings_free(&p->missing);
    strings_free(&p->extra);
}
