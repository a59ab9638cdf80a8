/*
 * grammar.c: reading a RELAX NG schema as a grammar (see grammar.h).
 *
 * A scope is one grammar element: its defines (merged from included
 * files, less those the include overrides), its starts and its parent
 * (for parentRef).  Scopes and the files of externalRefs are made when
 * first needed and kept, so that each is read once per place that
 * refers to it, as libxml2 does.
 */
#include "schema/grammar.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

#include "util/buf.h"
#include "util/xmlload.h"

#define MAX_DEPTH 200

struct define {
    xmlChar *name;
    xmlNodePtr node;
    size_t order;                /* where it stands among the scope's defines */
};

struct sc_scope {
    struct sc_scope *parent;
    xmlNodePtr grammar;          /* the element it was made from */
    struct define *defs;
    size_t ndefs, cap;
    xmlNodePtr *starts;
    size_t nstarts;
    struct sc_scope *next;       /* every scope, for lookup and freeing */
};

/* One file read: the include or externalRef that read it (NULL for
 * the schema itself), for the check against reading a file within
 * itself. */
struct file {
    xmlDocPtr doc;
    xmlChar *url;
    xmlNodePtr from;
};

/* An externalRef already followed. */
struct external {
    xmlNodePtr ref, root;
};

struct sc_grammar {
    char *path;
    struct sc_diag_list *diags;
    struct sc_xml_budget budget;
    struct file *files;
    size_t nfiles;
    struct external *ext;
    size_t next;
    struct sc_scope *scopes;
    bool incomplete;
};

/* The questions of the proof ask this of every node, many times over:
 * the C library's comparison, which reads words, not bytes. */
bool sc_is_rng(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, SC_RNG_NS) &&
           (!name || !strcmp((const char *)n->name, name));
}

xmlNodePtr sc_rng_from(xmlNodePtr c)
{
    while (c && !sc_is_rng(c, NULL))
        c = c->next;
    return c;
}

xmlNodePtr sc_pattern_first(xmlNodePtr n)
{
    xmlNodePtr c = sc_rng_from(n->children);

    if ((sc_is_rng(n, "element") || sc_is_rng(n, "attribute")) && c &&
        !xmlHasProp(n, BAD_CAST "name"))
        c = sc_rng_from(c->next);
    return c;
}

xmlNodePtr sc_pattern_next(xmlNodePtr c)
{
    return sc_rng_from(c->next);
}

static bool blank(xmlChar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* S without the blanks around it, in place. */
static xmlChar *trimmed(xmlChar *s)
{
    size_t from = 0, len = s ? strlen((const char *)s) : 0;

    while (from < len && blank(s[from]))
        from++;
    while (len > from && blank(s[len - 1]))
        len--;
    if (s) {
        memmove(s, s + from, len - from);
        s[len - from] = '\0';
    }
    return s;
}

xmlChar *sc_rng_name(xmlNodePtr n, const char *attr)
{
    return trimmed(attr ? xmlGetProp(n, BAD_CAST attr) : xmlNodeGetContent(n));
}

xmlChar *sc_rng_library(xmlNodePtr n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        /* libxml2 takes divs out, with what they say, before it looks */
        xmlChar *lib = sc_is_rng(n, "div") ? NULL : xmlGetProp(n, BAD_CAST "datatypeLibrary");
        if (lib)
            return lib;
    }
    return xmlStrdup(BAD_CAST "");
}

bool sc_type_depends_on_document(const xmlChar *type)
{
    static const char *const types[] = { "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "NOTATION",
                                         "QName", NULL };

    for (size_t i = 0; type && types[i]; i++) {
        if (xmlStrEqual(type, BAD_CAST types[i]))
            return true;
    }
    return false;
}

static struct file *file_of(struct sc_grammar *g, xmlDocPtr doc)
{
    for (size_t i = 0; i < g->nfiles; i++) {
        if (g->files[i].doc == doc)
            return &g->files[i];
    }
    return NULL;
}

/* A diagnostic about NODE, under its own file when that is not the
 * schema itself. */
static void problem(struct sc_grammar *g, xmlNodePtr node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(struct sc_grammar *g, xmlNodePtr node, const char *fmt, ...)
{
    const struct file *f = file_of(g, node->doc);
    long line = xmlGetLineNo(node);
    struct sc_buf b = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    sc_diag_add_in(g->diags, f && f->from ? (const char *)f->url : NULL, line > 0 ? line : 0,
                   "%s", b.data);
    sc_buf_free(&b);
    g->incomplete = true;
}

static xmlDocPtr add_file(struct sc_grammar *g, xmlDocPtr doc, xmlChar *url, xmlNodePtr from)
{
    g->files = sc_xrealloc(g->files, (g->nfiles + 1) * sizeof(*g->files));
    g->files[g->nfiles++] = (struct file){ doc, url, from };
    return doc;
}

/* Reads the file the href of NODE (an include or externalRef) names,
 * relative to NODE's base; NULL after a diagnostic when it cannot be
 * read or is being read already, further up the chain that led here. */
static xmlNodePtr load_ref(struct sc_grammar *g, xmlNodePtr node)
{
    xmlChar *href = xmlGetProp(node, BAD_CAST "href");
    xmlChar *base = xmlNodeGetBase(node->doc, node);
    xmlChar *url = href ? xmlBuildURI(href, base) : NULL;
    xmlDocPtr doc = NULL;
    bool cycle = false;

    for (const struct file *f = file_of(g, node->doc); url && f && !cycle;
         f = f->from ? file_of(g, f->from->doc) : NULL)
        cycle = xmlStrEqual(f->url, url);
    if (cycle)
        problem(g, node, "'%s' is read within itself; not followed", (const char *)url);
    else if (url && (doc = sc_xml_read_file((const char *)url, g->path, g->diags, &g->budget)))
        add_file(g, doc, url, node), url = NULL;
    else
        problem(g, node, "cannot load '%s' referred to by <%s>", href ? (const char *)href : "",
                (const char *)node->name);
    xmlFree(href);
    xmlFree(base);
    xmlFree(url);
    return doc ? xmlDocGetRootElement(doc) : NULL;
}

static bool overridden(xmlNodePtr include, xmlNodePtr component)
{
    for (xmlNodePtr c = include ? include->children : NULL; c; c = c->next) {
        if (sc_is_rng(c, "start") && sc_is_rng(component, "start"))
            return true;
        if (sc_is_rng(c, "define") && sc_is_rng(component, "define")) {
            xmlChar *a = sc_rng_name(c, "name");
            xmlChar *b = sc_rng_name(component, "name");
            bool same = a && b && xmlStrEqual(a, b);
            xmlFree(a);
            xmlFree(b);
            if (same)
                return true;
        }
        if (sc_is_rng(c, "div") && overridden(c, component))
            return true;
    }
    return false;
}

static void add_components(struct sc_grammar *g, struct sc_scope *s, xmlNodePtr parent,
                           xmlNodePtr include, int depth)
{
    if (depth > MAX_DEPTH) {
        g->incomplete = true;
        return;
    }
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (!sc_is_rng(c, NULL) || overridden(include, c))
            continue;
        if (sc_is_rng(c, "define")) {
            if (s->ndefs == s->cap) {
                s->cap = s->cap ? s->cap * 2 : 64;
                s->defs = sc_xrealloc(s->defs, s->cap * sizeof(*s->defs));
            }
            s->defs[s->ndefs] = (struct define){ sc_rng_name(c, "name"), c, s->ndefs };
            s->ndefs++;
        } else if (sc_is_rng(c, "start")) {
            s->starts = sc_xrealloc(s->starts, (s->nstarts + 1) * sizeof(*s->starts));
            s->starts[s->nstarts++] = c;
        } else if (sc_is_rng(c, "div")) {
            add_components(g, s, c, include, depth + 1);
        } else if (sc_is_rng(c, "include")) {
            xmlNodePtr root = load_ref(g, c);
            if (root && sc_is_rng(root, "grammar"))
                add_components(g, s, root, c, depth + 1);
            add_components(g, s, c, NULL, depth + 1);
        }
    }
}

/* Defines by name, and in their own order among equal names: a
 * reference finds its defines by binary search (a grammar such as
 * libvirt's has a thousand). */
static int by_name(const void *a, const void *b)
{
    const struct define *x = a, *y = b;
    int c = !x->name || !y->name ? !!x->name - !!y->name   /* no name first */
                                 : strcmp((const char *)x->name, (const char *)y->name);

    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* The scope of the grammar element GRAMMAR, made the first time. */
static struct sc_scope *scope_of(struct sc_grammar *g, xmlNodePtr grammar, struct sc_scope *parent)
{
    for (struct sc_scope *s = g->scopes; s; s = s->next) {
        if (s->grammar == grammar && s->parent == parent)
            return s;
    }
    struct sc_scope *s = sc_xcalloc(1, sizeof(*s));
    s->parent = parent;
    s->grammar = grammar;
    s->next = g->scopes;
    g->scopes = s;
    add_components(g, s, grammar, NULL, 0);
    if (s->ndefs)
        qsort(s->defs, s->ndefs, sizeof(*s->defs), by_name);
    return s;
}

struct sc_grammar *sc_grammar_load(const char *path, struct sc_diag_list *diags)
{
    struct sc_grammar *g = sc_xcalloc(1, sizeof(*g));
    xmlDocPtr doc;

    g->path = sc_xstrdup(path);
    g->diags = diags;
    doc = sc_xml_read_file(path, path, diags, &g->budget);
    if (!doc || !xmlDocGetRootElement(doc)) {
        sc_diag_add(diags, 0, "cannot read schema");
        xmlFreeDoc(doc);
        sc_grammar_free(g);
        return NULL;
    }
    add_file(g, doc, xmlStrdup(doc->URL ? doc->URL : BAD_CAST path), NULL);
    return g;
}

bool sc_grammar_incomplete(const struct sc_grammar *g)
{
    return g->incomplete;
}

static void add(struct sc_patterns *out, xmlNodePtr node, struct sc_scope *scope, bool container)
{
    out->v = sc_xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
    out->v[out->n++] = (struct sc_pattern){ node, scope, container };
}

/* Whether component N says combine="interleave". */
static bool combines_interleave(xmlNodePtr n)
{
    xmlChar *how = xmlGetProp(n, BAD_CAST "combine");
    bool yes = how && xmlStrEqual(how, BAD_CAST "interleave");

    xmlFree(how);
    return yes;
}

static void starts_of(struct sc_scope *s, struct sc_patterns *out)
{
    for (size_t i = 0; i < s->nstarts; i++) {
        add(out, s->starts[i], s, true);
        out->interleave |= combines_interleave(s->starts[i]);
    }
}

void sc_grammar_start(struct sc_grammar *g, struct sc_patterns *out)
{
    xmlNodePtr root = xmlDocGetRootElement(g->files[0].doc);

    memset(out, 0, sizeof(*out));
    if (sc_is_rng(root, "grammar"))
        starts_of(scope_of(g, root, NULL), out);
    else
        add(out, root, NULL, false);
}

/* The root of the file an externalRef names, read the first time. */
static xmlNodePtr external_root(struct sc_grammar *g, xmlNodePtr ref)
{
    for (size_t i = 0; i < g->next; i++) {
        if (g->ext[i].ref == ref)
            return g->ext[i].root;
    }
    xmlNodePtr root = load_ref(g, ref);
    g->ext = sc_xrealloc(g->ext, (g->next + 1) * sizeof(*g->ext));
    g->ext[g->next++] = (struct external){ ref, root };
    return root;
}

bool sc_grammar_deref(struct sc_grammar *g, const struct sc_pattern *p, struct sc_patterns *out)
{
    xmlNodePtr n = p->node;

    memset(out, 0, sizeof(*out));
    if (sc_is_rng(n, "ref") || sc_is_rng(n, "parentRef")) {
        struct sc_scope *target = sc_is_rng(n, "ref") ? p->scope : p->scope ? p->scope->parent : NULL;
        xmlChar *name = sc_rng_name(n, "name");
        size_t lo = 0, hi = target && name ? target->ndefs : 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const xmlChar *m = target->defs[mid].name;
            if (!m || strcmp((const char *)m, (const char *)name) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; target && name && i < target->ndefs; i++) {
            if (!xmlStrEqual(target->defs[i].name, name))
                break;
            add(out, target->defs[i].node, target, true);
            out->interleave |= combines_interleave(target->defs[i].node);
        }
        /* libxml2 compiles no reference to nothing: finding none is
         * reading the grammar otherwise than it does */
        if (!out->n)
            problem(g, n, "the reference to '%s' has no define", name ? (const char *)name : "");
        xmlFree(name);
    } else if (sc_is_rng(n, "grammar")) {
        starts_of(scope_of(g, n, p->scope), out);
    } else if (sc_is_rng(n, "externalRef")) {
        xmlNodePtr root = external_root(g, n);
        if (root)   /* a grammar there nests in the current one */
            add(out, root, p->scope, false);
    } else {
        return false;
    }
    return true;
}

void sc_patterns_free(struct sc_patterns *l)
{
    free(l->v);
    memset(l, 0, sizeof(*l));
}

size_t sc_grammar_ndocs(const struct sc_grammar *g)
{
    return g->nfiles;
}

xmlDocPtr sc_grammar_doc(const struct sc_grammar *g, size_t i)
{
    return g->files[i].doc;
}

void sc_grammar_free(struct sc_grammar *g)
{
    if (!g)
        return;
    while (g->scopes) {
        struct sc_scope *next = g->scopes->next;
        for (size_t i = 0; i < g->scopes->ndefs; i++)
            xmlFree(g->scopes->defs[i].name);
        free(g->scopes->defs);
        free(g->scopes->starts);
        free(g->scopes);
        g->scopes = next;
    }
    for (size_t i = 0; i < g->nfiles; i++) {
        xmlFreeDoc(g->files[i].doc);
        xmlFree(g->files[i].url);
    }
    free(g->files);
    free(g->ext);
    free(g->path);
    free(g);
}
