/*
 * values.c: attribute values interchangeable for a grammar (values.h).
 *
 * The grammar side reads an attribute pattern's name class (names by
 * their local part, anything else as a wildcard, so that a name is
 * only ever given more patterns than match it) and its content.  The
 * value side mirrors libxml2's RELAX NG datatype glue: a data pattern
 * of the built-in library accepts any value; one of XML Schema's is
 * xmlSchemaValPredefTypeNode on the type, then xmlSchemaValidateFacet
 * for each parameter in turn, with the facet libxml2 would build and
 * check for it.  Anything this file does not mirror exactly (another
 * library, an except, a parameter that is not a facet, a facet that
 * does not check) makes the names it concerns not interchangeable.
 * The schema's own attributes (type, name, datatypeLibrary) are read
 * as libxml2 reads them, with xmlGetProp.
 */
#include "schema/values.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>

#include "util/buf.h"

#define MAX_DEPTH 100
#define MAX_CHECKS 64   /* bits of a signature */
#define MAX_DATA 4096   /* data patterns told apart */
#define CACHE_SLOTS 16384

#define XSD_LIBRARY "http://www.w3.org/2001/XMLSchema-datatypes"
#define XSD_NS "http://www.w3.org/2001/XMLSchema"

/* A data pattern, as libxml2 checks a value against it. */
struct check {
    char *key;                   /* library, type and parameters */
    xmlSchemaTypePtr type;       /* NULL: the built-in library, which takes any value */
    xmlSchemaFacetPtr *facets;
    xmlChar **strings;           /* the facets' values, which they do not own */
    size_t nfacets;
};

/* What the attribute patterns that may match a name check. */
struct entry {
    char *name;                  /* a local name; NULL for every name */
    bool refused;
    size_t *checks, nchecks;
};

/* A data pattern of the grammar already read: its check, or -1. */
struct seen {
    xmlNodePtr node;
    int check;
};

struct sc_values {
    struct check *checks;
    size_t nchecks;
    struct seen *seen;           /* while the grammar is read */
    size_t nseen;
    struct entry *names;         /* in the order of their names */
    size_t nnames;
    struct entry any;            /* of wildcards, for every name */
    struct sc_memo *cache;       /* signatures of the values met, by name and
                                  * value: names and hosts repeat */
};

struct sc_values *sc_values_new(void)
{
    return sc_xcalloc(1, sizeof(struct sc_values));
}

static void free_check(struct check *c)
{
    for (size_t i = 0; i < c->nfacets; i++) {
        xmlSchemaFreeFacet(c->facets[i]);
        xmlFree(c->strings[i]);
    }
    free(c->facets);
    free(c->strings);
    free(c->key);
}

void sc_values_free(struct sc_values *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->nchecks; i++)
        free_check(&v->checks[i]);
    for (size_t i = 0; i < v->nnames; i++) {
        free(v->names[i].name);
        free(v->names[i].checks);
    }
    free(v->any.checks);
    free(v->seen);
    sc_memo_free(v->cache);
    free(v->checks);
    free(v->names);
    free(v);
}

/* ---- the grammar side ---- */

static bool has_space(const xmlChar *s)
{
    for (; s && *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            return true;
    }
    return false;
}

static const struct {
    const char *name;
    xmlSchemaTypeType type;
} facet_kinds[] = {
    { "minInclusive", XML_SCHEMA_FACET_MININCLUSIVE },
    { "minExclusive", XML_SCHEMA_FACET_MINEXCLUSIVE },
    { "maxInclusive", XML_SCHEMA_FACET_MAXINCLUSIVE },
    { "maxExclusive", XML_SCHEMA_FACET_MAXEXCLUSIVE },
    { "totalDigits", XML_SCHEMA_FACET_TOTALDIGITS },
    { "fractionDigits", XML_SCHEMA_FACET_FRACTIONDIGITS },
    { "pattern", XML_SCHEMA_FACET_PATTERN },
    { "enumeration", XML_SCHEMA_FACET_ENUMERATION },
    { "whiteSpace", XML_SCHEMA_FACET_WHITESPACE },
    { "length", XML_SCHEMA_FACET_LENGTH },
    { "maxLength", XML_SCHEMA_FACET_MAXLENGTH },
    { "minLength", XML_SCHEMA_FACET_MINLENGTH },
};

static void quiet(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

/* Adds to C the facet NAME = VALUE for its type, as libxml2 builds and
 * checks it before each use; false when libxml2 would not get a facet
 * that checks (then every value fails, and is better left to it). */
static bool add_facet(struct check *c, const xmlChar *name, const xmlChar *value, const xmlChar *type)
{
    xmlStructuredErrorFunc handler = xmlStructuredError;
    void *context = xmlStructuredErrorContext;
    xmlSchemaFacetPtr f = NULL;
    size_t k = 0;
    int rc;

    while (k < sizeof(facet_kinds) / sizeof(facet_kinds[0]) &&
           !xmlStrEqual(name, BAD_CAST facet_kinds[k].name))
        k++;
    if (k == sizeof(facet_kinds) / sizeof(facet_kinds[0]) || !(f = xmlSchemaNewFacet()))
        return false;
    f->type = facet_kinds[k].type;
    f->value = xmlStrdup(value);
    /* a facet that does not check is a message per value in libxml2's
     * hands; here it only refuses the name */
    xmlSetStructuredErrorFunc(NULL, quiet);
    rc = xmlSchemaCheckFacet(f, c->type, NULL, type);
    xmlSetStructuredErrorFunc(context, handler);
    c->facets = sc_xrealloc(c->facets, (c->nfacets + 1) * sizeof(*c->facets));
    c->strings = sc_xrealloc(c->strings, (c->nfacets + 1) * sizeof(*c->strings));
    c->facets[c->nfacets] = f;
    c->strings[c->nfacets++] = (xmlChar *)f->value;
    return rc == 0;
}

/* The check of data pattern N, made the first time; -1 when it is one
 * this file does not mirror. */
static int check_of(struct sc_values *v, xmlNodePtr n)
{
    xmlChar *lib = sc_rng_library(n), *type = sc_rng_name(n, "type");
    bool xsd = lib && xmlStrEqual(lib, BAD_CAST XSD_LIBRARY);
    bool builtin = lib && (!*lib || xmlStrEqual(lib, BAD_CAST SC_RNG_NS));
    struct sc_buf key = { 0 };
    struct check c = { 0 };
    /* the types that read more than the value are refused with the
     * grammar (shortcut.h); and here, since the check is given no node */
    bool ok = type && !has_space(type) && (xsd || builtin) && !sc_type_depends_on_document(type);
    int found = -1;

    if (builtin && ok)
        ok = xmlStrEqual(type, BAD_CAST "string") || xmlStrEqual(type, BAD_CAST "token");
    if (ok)
        sc_buf_printf(&key, "%s\n%s", xsd ? "xsd" : "", (const char *)type);
    for (xmlNodePtr p = sc_rng_from(n->children); ok && p; p = sc_rng_from(p->next)) {
        xmlChar *name = xmlGetProp(p, BAD_CAST "name"), *value = xmlNodeGetContent(p);
        ok = sc_is_rng(p, "param") && xsd && name && value;
        if (ok)
            sc_buf_printf(&key, "\n%s=%s", (const char *)name, (const char *)value);
        xmlFree(name);
        xmlFree(value);
    }
    for (size_t i = 0; ok && i < v->nchecks && found < 0; i++) {
        if (!strcmp(v->checks[i].key, key.data))
            found = (int)i;
    }
    if (ok && found < 0) {
        c.type = xsd ? xmlSchemaGetPredefinedType(type, BAD_CAST XSD_NS) : NULL;
        ok = !xsd || c.type;
        for (xmlNodePtr p = sc_rng_from(n->children); ok && p; p = sc_rng_from(p->next)) {
            xmlChar *name = xmlGetProp(p, BAD_CAST "name"), *value = xmlNodeGetContent(p);
            ok = add_facet(&c, name, value, type);
            xmlFree(name);
            xmlFree(value);
        }
        if (ok && v->nchecks < MAX_DATA) {
            c.key = sc_buf_steal(&key);
            v->checks = sc_xrealloc(v->checks, (v->nchecks + 1) * sizeof(*v->checks));
            v->checks[v->nchecks] = c;
            found = (int)v->nchecks++;
        } else {
            free_check(&c);
        }
    }
    sc_buf_free(&key);
    xmlFree(lib);
    xmlFree(type);
    return found;
}

/* check_of, once for each data pattern: a define is met once for each
 * attribute that refers to it. */
static int check_once(struct sc_values *v, xmlNodePtr n)
{
    for (size_t i = v->nseen; i-- > 0;) {
        if (v->seen[i].node == n)
            return v->seen[i].check;
    }
    v->seen = sc_xrealloc(v->seen, (v->nseen + 1) * sizeof(*v->seen));
    v->seen[v->nseen] = (struct seen){ n, check_of(v, n) };
    return v->seen[v->nseen++].check;
}

struct found {
    size_t *v, n;
};

static void add_index(struct found *f, size_t i)
{
    for (size_t k = 0; k < f->n; k++) {
        if (f->v[k] == i)
            return;
    }
    f->v = sc_xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
    f->v[f->n++] = i;
}

/* Adds to OUT the checks of P, a value pattern; false when P is more
 * than choices of data (no except), text and notAllowed. */
static bool checks_of(struct sc_values *v, struct sc_grammar *g, const struct sc_pattern *p,
                      struct found *out, int depth)
{
    struct sc_patterns to;
    bool ok = true;

    if (depth > MAX_DEPTH)
        return false;
    if (p->container || sc_is_rng(p->node, "choice")) {
        xmlNodePtr first = sc_pattern_first(p->node);
        if (p->container && (!first || sc_pattern_next(first)))
            return false;   /* a group of several, or nothing */
        for (xmlNodePtr c = first; c && ok; c = sc_pattern_next(c)) {
            struct sc_pattern k = { c, p->scope, false };
            ok = checks_of(v, g, &k, out, depth + 1);
        }
        return ok;
    }
    if (sc_is_rng(p->node, "text") || sc_is_rng(p->node, "notAllowed"))
        return true;
    if (sc_is_rng(p->node, "data")) {
        int i = check_once(v, p->node);
        if (i >= 0)
            add_index(out, (size_t)i);
        return i >= 0;
    }
    if (!sc_grammar_deref(g, p, &to))
        return false;
    ok = to.n > 0 && !(to.interleave && to.n > 1);
    for (size_t i = 0; i < to.n && ok; i++)
        ok = checks_of(v, g, &to.v[i], out, depth + 1);
    sc_patterns_free(&to);
    return ok;
}

/* The entry of the names NAME may stand for, made the first time:
 * names are kept in order, for the binary search. */
static struct entry *entry_for(struct sc_values *v, const xmlChar *name)
{
    const xmlChar *colon = name ? xmlStrchr(name, ':') : NULL;
    const char *local = (const char *)(colon ? colon + 1 : name);
    size_t lo = 0, hi = v->nnames;

    if (!name || has_space(name))
        return &v->any;   /* read as libxml2 would not: any name */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(v->names[mid].name, local);
        if (!c)
            return &v->names[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    v->names = sc_xrealloc(v->names, (v->nnames + 1) * sizeof(*v->names));
    memmove(&v->names[lo + 1], &v->names[lo], (v->nnames - lo) * sizeof(*v->names));
    v->names[lo] = (struct entry){ sc_xstrdup(local), false, NULL, 0 };
    v->nnames++;
    return &v->names[lo];
}

static void add_to(struct entry *e, const struct found *f, bool ok)
{
    struct found merged = { e->checks, e->nchecks };

    e->refused = e->refused || !ok;
    for (size_t i = 0; ok && i < f->n; i++)
        add_index(&merged, f->v[i]);
    e->checks = merged.v;
    e->nchecks = merged.n;
}

/* Gives the content's checks (or refusal) to each name name class NC
 * may match. */
static void note_names(struct sc_values *v, xmlNodePtr nc, const struct found *f, bool ok)
{
    if (sc_is_rng(nc, "name")) {
        xmlChar *t = sc_rng_name(nc, NULL);
        add_to(entry_for(v, t), f, ok);
        xmlFree(t);
    } else if (sc_is_rng(nc, "choice")) {
        for (xmlNodePtr c = sc_rng_from(nc->children); c; c = sc_rng_from(c->next))
            note_names(v, c, f, ok);
    } else {
        add_to(&v->any, f, ok);   /* anyName, nsName, or anything else */
    }
}

void sc_values_note_attribute(struct sc_values *v, struct sc_grammar *g, const struct sc_pattern *p)
{
    xmlNodePtr content = sc_pattern_first(p->node);
    struct found f = { 0 };
    bool ok = true;

    if (content && sc_pattern_next(content))
        ok = false;   /* a group */
    else if (content) {
        struct sc_pattern k = { content, p->scope, false };
        ok = checks_of(v, g, &k, &f, 0);
    }
    xmlChar *name = sc_rng_name(p->node, "name");
    if (name)
        add_to(entry_for(v, name), &f, ok);
    else
        note_names(v, sc_rng_from(p->node->children), &f, ok);
    xmlFree(name);
    free(f.v);
}

bool sc_values_seal(struct sc_values *v)
{
    bool any = false;

    for (size_t i = 0; i < v->nnames; i++) {
        struct entry *e = &v->names[i];
        add_to(e, &(struct found){ v->any.checks, v->any.nchecks }, !v->any.refused);
        if (e->nchecks > MAX_CHECKS)
            e->refused = true;
        any = any || !e->refused;
    }
    if (v->any.nchecks > MAX_CHECKS)
        v->any.refused = true;
    v->cache = sc_memo_new(CACHE_SLOTS);
    return any || !v->any.refused;
}

/* ---- the value side ---- */

static bool passes(const struct check *c, const xmlChar *value)
{
    xmlSchemaValPtr val = NULL;
    bool ok;

    if (!c->type)
        return true;
    ok = xmlSchemaValPredefTypeNode(c->type, value, c->nfacets ? &val : NULL, NULL) == 0;
    for (size_t i = 0; ok && i < c->nfacets; i++)
        ok = xmlSchemaValidateFacet(c->type, c->facets[i], value, val) == 0;
    if (val)
        xmlSchemaFreeValue(val);
    return ok;
}

bool sc_values_signature(const struct sc_values *v, xmlAttrPtr a, uint64_t *sig)
{
    const struct entry *e = &v->any;
    size_t lo = 0, hi = v->nnames;
    xmlChar *owned = NULL;
    const xmlChar *value;

    if (a->ns)
        return false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(v->names[mid].name, (const char *)a->name);
        if (!c) {
            e = &v->names[mid];
            break;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (e->refused)
        return false;
    /* the value as libxml2's validation takes it: none at all for an
     * attribute without children, which every datatype refuses */
    if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
        value = a->children->content;
    else
        value = owned = xmlNodeListGetString(a->doc, a->children, 1);
    *sig = 0;
    if (value && e->nchecks) {
        size_t which = e == &v->any ? v->nnames : (size_t)(e - v->names);
        struct sc_hash h = sc_string_hash(value, which);
        if (!sc_memo_get(v->cache, h, sig)) {
            for (size_t i = 0; i < e->nchecks; i++) {
                if (passes(&v->checks[e->checks[i]], value))
                    *sig |= (uint64_t)1 << i;
            }
            sc_memo_put(v->cache, h, *sig);
        }
    }
    xmlFree(owned);
    return true;
}

static bool signature_of(const void *v, xmlAttrPtr a, uint64_t *sig)
{
    return sc_values_signature(v, a, sig);
}

struct sc_hash sc_values_subtree_hash(xmlNodePtr node, const struct sc_values *v)
{
    return v ? sc_subtree_hash_by(node, signature_of, v) : sc_subtree_hash(node);
}
