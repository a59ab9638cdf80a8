/*
 * shortcut.c: the structural check behind bulk validation's shortcuts
 * (see shortcut.h for what it proves and why that is enough).
 *
 * Every question is asked of the grammar as written (grammar.h), with
 * references followed and a bound on depth; an answer that cannot be
 * given safely ("may this pattern match an element named N?" beyond the
 * bound, an element this file does not know) is the one that refuses
 * the shortcut.
 */
#include "schema/shortcut.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "schema/grammar.h"
#include "schema/values.h"

#define MAX_DEPTH 100
#define MAX_SCAN_DEPTH 2000

struct prover {
    struct sc_grammar *g;
    struct sc_pattern *seen;   /* containers the scan has been through */
    size_t nseen;
    const char *bad;           /* why the whole grammar is refused, or NULL */
    struct sc_values *values;  /* what the scan finds of attribute values, when asked */
};

typedef struct sc_pattern pattern;

static size_t nkids(xmlNodePtr n)
{
    size_t k = 0;

    for (xmlNodePtr c = sc_pattern_first(n); c; c = sc_pattern_next(c))
        k++;
    return k;
}

static pattern kid(const pattern *p, xmlNodePtr c)
{
    return (pattern){ c, p->scope, false };
}

/* Whether P is a container, or a pattern that is a group of its
 * children: define, start, group, interleave, optional and the like,
 * seen as their one child when they have only one. */
static bool wraps_one(const pattern *p, const char *const *kinds)
{
    if (p->container)
        return nkids(p->node) == 1;
    for (size_t i = 0; kinds[i]; i++) {
        if (sc_is_rng(p->node, kinds[i]))
            return nkids(p->node) == 1;
    }
    return false;
}

static bool is_any(xmlNodePtr n, const char *const *kinds)
{
    for (size_t i = 0; kinds[i]; i++) {
        if (sc_is_rng(n, kinds[i]))
            return true;
    }
    return false;
}

static const char *const combinators[] = {
    "choice", "group", "interleave", "optional", "zeroOrMore", "oneOrMore", "mixed", "list", NULL
};
static const char *const leaves_without_elements[] = {
    "attribute", "text", "data", "value", "empty", "notAllowed", NULL
};

/* Whether the name class NC (or the name attribute of element E) may
 * match NAME in no namespace.  Only the local part is compared, which
 * can only say "may" more often than it should. */
static bool class_may_match(xmlNodePtr nc, const char *name)
{
    if (sc_is_rng(nc, "name")) {
        xmlChar *t = sc_rng_name(nc, NULL);
        const xmlChar *colon = t ? xmlStrchr(t, ':') : NULL;
        bool match = t && xmlStrEqual(colon ? colon + 1 : t, BAD_CAST name);
        xmlFree(t);
        return match;
    }
    if (sc_is_rng(nc, "choice")) {
        for (xmlNodePtr c = sc_rng_from(nc->children); c; c = sc_rng_from(c->next)) {
            if (class_may_match(c, name))
                return true;
        }
        return false;
    }
    return true;   /* anyName, nsName, or anything else */
}

static bool element_may_match(xmlNodePtr e, const char *name)
{
    xmlChar *attr = sc_rng_name(e, "name");

    if (attr) {
        const xmlChar *colon = xmlStrchr(attr, ':');
        bool match = xmlStrEqual(colon ? colon + 1 : attr, BAD_CAST name);
        xmlFree(attr);
        return match;
    }
    xmlNodePtr nc = sc_rng_from(e->children);
    return !nc || class_may_match(nc, name);
}

/* Whether P may match a sequence in which an element named NAME stands
 * at the top (not inside another element). */
static bool may_match(struct prover *pr, const pattern *p, const char *name, int depth)
{
    struct sc_patterns to;
    bool yes = false;

    if (depth > MAX_DEPTH)
        return true;
    if (p->container || is_any(p->node, combinators)) {
        for (xmlNodePtr c = sc_pattern_first(p->node); c && !yes; c = sc_pattern_next(c)) {
            pattern k = kid(p, c);
            yes = may_match(pr, &k, name, depth + 1);
        }
        return yes;
    }
    if (sc_is_rng(p->node, "element"))
        return element_may_match(p->node, name);
    if (is_any(p->node, leaves_without_elements))
        return false;
    if (!sc_grammar_deref(pr->g, p, &to))
        return true;   /* not a pattern this file knows */
    for (size_t i = 0; i < to.n && !yes; i++)
        yes = may_match(pr, &to.v[i], name, depth + 1);
    sc_patterns_free(&to);
    return yes;
}

/* Whether P may match data (data, value, list) outside any element. */
static bool may_hold_data(struct prover *pr, const pattern *p, int depth)
{
    struct sc_patterns to;
    bool yes = false;

    if (depth > MAX_DEPTH)
        return true;
    if (p->container || (is_any(p->node, combinators) && !sc_is_rng(p->node, "list"))) {
        for (xmlNodePtr c = sc_pattern_first(p->node); c && !yes; c = sc_pattern_next(c)) {
            pattern k = kid(p, c);
            yes = may_hold_data(pr, &k, depth + 1);
        }
        return yes;
    }
    if (sc_is_rng(p->node, "data") || sc_is_rng(p->node, "value") || sc_is_rng(p->node, "list"))
        return true;
    if (sc_is_rng(p->node, "element") || is_any(p->node, leaves_without_elements))
        return false;
    if (!sc_grammar_deref(pr->g, p, &to))
        return true;
    for (size_t i = 0; i < to.n && !yes; i++)
        yes = may_hold_data(pr, &to.v[i], depth + 1);
    sc_patterns_free(&to);
    return yes;
}

/* Whether P matches one element or none, of the element patterns it
 * is made of (collected in LEAVES when given): element patterns under
 * choice, optional, zeroOrMore, oneOrMore, references, nested grammars,
 * with empty and notAllowed. */
static bool single_element(struct prover *pr, const pattern *p, struct sc_patterns *leaves, int depth)
{
    static const char *const one_child[] = { "optional", "zeroOrMore", "oneOrMore", "group", "interleave", NULL };
    struct sc_patterns to;
    bool ok = true;

    if (depth > MAX_DEPTH)
        return false;
    if (wraps_one(p, one_child)) {
        pattern k = kid(p, sc_pattern_first(p->node));
        return single_element(pr, &k, leaves, depth + 1);
    }
    if (p->container)
        return false;   /* a group of several */
    if (sc_is_rng(p->node, "element")) {
        if (leaves) {
            leaves->v = sc_xrealloc(leaves->v, (leaves->n + 1) * sizeof(*leaves->v));
            leaves->v[leaves->n++] = *p;
        }
        return true;
    }
    if (sc_is_rng(p->node, "empty") || sc_is_rng(p->node, "notAllowed"))
        return true;
    if (sc_is_rng(p->node, "choice")) {
        for (xmlNodePtr c = sc_pattern_first(p->node); c && ok; c = sc_pattern_next(c)) {
            pattern k = kid(p, c);
            ok = single_element(pr, &k, leaves, depth + 1);
        }
        return ok;
    }
    if (!sc_grammar_deref(pr->g, p, &to))
        return false;
    ok = to.n > 0 && !(to.interleave && to.n > 1);
    for (size_t i = 0; i < to.n && ok; i++)
        ok = single_element(pr, &to.v[i], leaves, depth + 1);
    sc_patterns_free(&to);
    return ok;
}

/* Whether P matches any number of elements, each of them on its own:
 * zeroOrMore or oneOrMore of a single-element pattern, possibly made
 * optional.  Such a content is valid for a list when it is valid for
 * every part of it. */
static bool repetition(struct prover *pr, const pattern *p, int depth)
{
    static const char *const one_child[] = { "optional", "group", "interleave", NULL };
    struct sc_patterns to;
    bool ok;

    if (depth > MAX_DEPTH)
        return false;
    if (wraps_one(p, one_child)) {
        pattern k = kid(p, sc_pattern_first(p->node));
        return repetition(pr, &k, depth + 1);
    }
    if (p->container)
        return false;
    if ((sc_is_rng(p->node, "zeroOrMore") || sc_is_rng(p->node, "oneOrMore")) && nkids(p->node) == 1) {
        pattern k = kid(p, sc_pattern_first(p->node));
        return single_element(pr, &k, NULL, depth + 1);
    }
    if (sc_is_rng(p->node, "choice")) {
        xmlNodePtr only = NULL;
        size_t others = 0;
        for (xmlNodePtr c = sc_pattern_first(p->node); c; c = sc_pattern_next(c)) {
            if (!sc_is_rng(c, "empty") && !sc_is_rng(c, "notAllowed"))
                only = c, others++;
        }
        pattern k = kid(p, only);
        return others == 1 && repetition(pr, &k, depth + 1);
    }
    if (!sc_grammar_deref(pr->g, p, &to))
        return false;
    ok = to.n == 1 && repetition(pr, &to.v[0], depth + 1);
    sc_patterns_free(&to);
    return ok;
}

/* Whether P matches attributes only (or nothing). */
static bool attributes_only(struct prover *pr, const pattern *p, int depth)
{
    static const char *const parts[] = { "optional", "zeroOrMore", "oneOrMore", "choice", "group",
                                         "interleave", NULL };
    struct sc_patterns to;
    bool ok = true;

    if (depth > MAX_DEPTH)
        return false;
    if (!p->container && (sc_is_rng(p->node, "attribute") || sc_is_rng(p->node, "empty") ||
                          sc_is_rng(p->node, "notAllowed")))
        return true;
    if (p->container || is_any(p->node, parts)) {
        for (xmlNodePtr c = sc_pattern_first(p->node); c && ok; c = sc_pattern_next(c)) {
            pattern k = kid(p, c);
            ok = attributes_only(pr, &k, depth + 1);
        }
        return ok;
    }
    if (sc_is_rng(p->node, "element") || !sc_grammar_deref(pr->g, p, &to))
        return false;
    for (size_t i = 0; i < to.n && ok; i++)
        ok = attributes_only(pr, &to.v[i], depth + 1);
    sc_patterns_free(&to);
    return ok;
}

/* The one member of element E's content that is not attributes only,
 * as a pattern in SCOPE; false when there are several.  NONE is set
 * when there is none at all. */
static bool content_of(struct prover *pr, const pattern *e, pattern *out, bool *none)
{
    size_t mains = 0;

    for (xmlNodePtr c = sc_pattern_first(e->node); c; c = sc_pattern_next(c)) {
        pattern k = kid(e, c);
        if (!attributes_only(pr, &k, 0)) {
            *out = k;
            mains++;
        }
    }
    *none = mains == 0;
    return mains <= 1;
}

static void add(struct sc_patterns *l, const pattern *p)
{
    l->v = sc_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    l->v[l->n++] = *p;
}

/* The components of P read as an interleave (nested interleaves,
 * mixed and combine="interleave" flattened); P itself when it is no
 * interleave.  False past the depth bound. */
static bool components(struct prover *pr, const pattern *p, struct sc_patterns *out, int depth)
{
    struct sc_patterns to;
    bool ok = true;

    if (depth > MAX_DEPTH)
        return false;
    if (p->container || sc_is_rng(p->node, "group")) {
        /* attributes beside one pattern of elements do not order it:
         * the group is that pattern */
        pattern main = { 0 };
        size_t mains = 0;
        for (xmlNodePtr c = sc_pattern_first(p->node); c; c = sc_pattern_next(c)) {
            pattern k = kid(p, c);
            if (!attributes_only(pr, &k, depth + 1))
                main = k, mains++;
        }
        if (mains != 1) {
            add(out, p);   /* a group */
            return true;
        }
        return components(pr, &main, out, depth + 1);
    }
    if (sc_is_rng(p->node, "interleave")) {
        for (xmlNodePtr c = sc_pattern_first(p->node); c && ok; c = sc_pattern_next(c)) {
            pattern k = kid(p, c);
            ok = components(pr, &k, out, depth + 1);
        }
        return ok;
    }
    if (sc_is_rng(p->node, "mixed")) {   /* text, and its children as a group */
        pattern group = { p->node, p->scope, true };
        return components(pr, &group, out, depth + 1);
    }
    if (is_any(p->node, combinators) || !sc_grammar_deref(pr->g, p, &to)) {
        add(out, p);
        return true;
    }
    if (to.n == 1 || (to.n > 1 && to.interleave)) {
        for (size_t i = 0; i < to.n && ok; i++)
            ok = components(pr, &to.v[i], out, depth + 1);
    } else {
        add(out, p);
    }
    sc_patterns_free(&to);
    return ok;
}

static bool depends_on_document(xmlNodePtr n)
{
    xmlChar *type = sc_rng_name(n, "type");
    bool bad = sc_type_depends_on_document(type);

    xmlFree(type);
    return bad;
}

static bool seen(struct prover *pr, const pattern *p)
{
    for (size_t i = 0; i < pr->nseen; i++) {
        if (pr->seen[i].node == p->node && pr->seen[i].scope == p->scope)
            return true;
    }
    pr->seen = sc_xrealloc(pr->seen, (pr->nseen + 1) * sizeof(*pr->seen));
    pr->seen[pr->nseen++] = *p;
    return false;
}

/* Goes through every pattern reachable from P, elements included,
 * reading every file the grammar uses; sets BAD on a datatype that
 * depends on the document, and notes every attribute pattern in VALUES
 * when asked. */
static void scan(struct prover *pr, const pattern *p, int depth)
{
    struct sc_patterns to;

    if (pr->bad)
        return;
    if (depth > MAX_SCAN_DEPTH) {
        pr->bad = "it nests deeper than the check follows";
        return;
    }
    if (p->container && seen(pr, p))
        return;
    if ((sc_is_rng(p->node, "data") || sc_is_rng(p->node, "value")) && depends_on_document(p->node)) {
        pr->bad = "it uses a datatype whose validity depends on the rest of the document "
                  "(ID, IDREF, IDREFS, ENTITY, ENTITIES, NOTATION or QName)";
        return;
    }
    if (pr->values && !p->container && sc_is_rng(p->node, "attribute"))
        sc_values_note_attribute(pr->values, pr->g, p);
    if (!p->container && sc_grammar_deref(pr->g, p, &to)) {
        for (size_t i = 0; i < to.n; i++)
            scan(pr, &to.v[i], depth + 1);
        sc_patterns_free(&to);
        return;
    }
    for (xmlNodePtr c = sc_pattern_first(p->node); c; c = sc_pattern_next(c)) {
        pattern k = kid(p, c);
        scan(pr, &k, depth + 1);
    }
}

/* The components of element pattern E's content (attributes aside),
 * none of which may hold data; false, with WHY set, otherwise. */
static bool element_components(struct prover *pr, const pattern *e, struct sc_patterns *out,
                               const char **why)
{
    pattern content;
    bool none, data = false;

    if (!content_of(pr, e, &content, &none) || none) {
        *why = "its content is not one pattern beside its attributes";
        return false;
    }
    if (!components(pr, &content, out, 0)) {
        *why = "its content nests deeper than the check follows";
        return false;
    }
    for (size_t i = 0; i < out->n && !data; i++)
        data = may_hold_data(pr, &out->v[i], 0);
    if (data)
        *why = "its content may hold data beside elements";
    return !data;
}

/* Of COMPS, the one component that may match an element named NAME, or
 * NULL when none or several may. */
static const pattern *only_component(struct prover *pr, const struct sc_patterns *comps,
                                     const char *name)
{
    const pattern *only = NULL;
    size_t matching = 0;

    for (size_t i = 0; i < comps->n; i++) {
        if (may_match(pr, &comps->v[i], name, 0))
            only = &comps->v[i], matching++;
    }
    return matching == 1 ? only : NULL;
}

/* Whether element pattern E may hold an element named NAME among its
 * children. */
static bool may_hold(struct prover *pr, const pattern *e, const char *name)
{
    for (xmlNodePtr c = sc_pattern_first(e->node); c; c = sc_pattern_next(c)) {
        pattern k = kid(e, c);
        if (may_match(pr, &k, name, 0))
            return true;
    }
    return false;
}

/* The one element pattern of component C (one element or none) that
 * may match NAME and, when CHILD is given, whose content may hold an
 * element named CHILD; false when C is not such a component, or when
 * not exactly one of its patterns is.  Those that cannot hold CHILD
 * match no element that has a CHILD child. */
static bool only_leaf(struct prover *pr, const pattern *c, const char *name, const char *child,
                      pattern *out)
{
    struct sc_patterns leaves = { 0 };
    size_t matching = 0;
    bool ok = single_element(pr, c, &leaves, 0);

    for (size_t i = 0; ok && i < leaves.n; i++) {
        if (element_may_match(leaves.v[i].node, name) && (!child || may_hold(pr, &leaves.v[i], child)))
            *out = leaves.v[i], matching++;
    }
    sc_patterns_free(&leaves);
    return ok && matching == 1;
}

/* Whether P is zeroOrMore of a single-element pattern (whose element
 * patterns go to LEAVES): any number of elements, each matched on its
 * own, so that taking any of them out, or putting back one it matched
 * before, keeps the rest as valid as it was. */
static bool any_number(struct prover *pr, const pattern *p, struct sc_patterns *leaves, int depth)
{
    struct sc_patterns to;
    bool ok;

    if (depth > MAX_DEPTH)
        return false;
    if (p->container) {
        if (nkids(p->node) != 1)
            return false;
        pattern k = kid(p, sc_pattern_first(p->node));
        return any_number(pr, &k, leaves, depth + 1);
    }
    if (sc_is_rng(p->node, "zeroOrMore") && nkids(p->node) == 1) {
        pattern k = kid(p, sc_pattern_first(p->node));
        return single_element(pr, &k, leaves, depth + 1);
    }
    if (is_any(p->node, combinators) || !sc_grammar_deref(pr->g, p, &to))
        return false;
    ok = to.n == 1 && any_number(pr, &to.v[0], leaves, depth + 1);
    sc_patterns_free(&to);
    return ok;
}

/* The names the children of LIST (itself the child of PART, a child of
 * the root matched by the root's component PART_COMP) may have to be
 * set aside when known: LIST is held by one element pattern of PART and
 * matched by one of that pattern's components; a name qualifies when
 * one component of LIST's content alone may match it, and that
 * component is any number of elements each on its own. */
static void prove_nested(struct prover *pr, const pattern *part_comp, struct sc_nested_proof *np,
                         struct sc_diag_list *why)
{
    struct sc_patterns part_comps = { 0 }, list_comps = { 0 };
    const char *problem = NULL;
    const pattern *c;
    pattern part, list;

    if (!only_leaf(pr, part_comp, np->part, np->list, &part))
        problem = "not exactly one of the root's patterns for its parent may hold it";
    else if (element_components(pr, &part, &part_comps, &problem)) {
        if (!(c = only_component(pr, &part_comps, np->list)) || !only_leaf(pr, c, np->list, NULL, &list))
            problem = "it is not one element or none, of one pattern, of one part of its parent's content";
        else
            element_components(pr, &list, &list_comps, &problem);
    }
    for (size_t i = 0; !problem && i < list_comps.n; i++) {
        struct sc_patterns leaves = { 0 };
        if (any_number(pr, &list_comps.v[i], &leaves, 0)) {
            for (size_t k = 0; k < leaves.n; k++) {
                xmlChar *name = sc_rng_name(leaves.v[k].node, "name");
                const char *local = name ? (const char *)name : NULL;
                if (local && strchr(local, ':'))
                    local = strchr(local, ':') + 1;
                bool known = false;
                for (size_t j = 0; local && j < np->nitems && !known; j++)
                    known = !strcmp(np->items[j], local);
                if (local && !known && only_component(pr, &list_comps, local) == &list_comps.v[i]) {
                    np->items = sc_xrealloc(np->items, (np->nitems + 2) * sizeof(*np->items));
                    np->items[np->nitems++] = sc_xstrdup(local);
                    np->items[np->nitems] = NULL;
                }
                xmlFree(name);
            }
        }
        sc_patterns_free(&leaves);
    }
    if (problem)
        sc_diag_add(why, 0, "<%s> in <%s>: %s", np->list, np->part, problem);
    else if (!np->nitems)
        sc_diag_add(why, 0, "<%s> in <%s>: no child of it may be set aside", np->list, np->part);
    sc_patterns_free(&part_comps);
    sc_patterns_free(&list_comps);
}

/* The one element pattern the document's root can match, or false. */
static bool root_element(struct prover *pr, pattern *root)
{
    struct sc_patterns start, leaves = { 0 };
    bool ok;

    sc_grammar_start(pr->g, &start);
    ok = start.n > 0 && !(start.interleave && start.n > 1);
    for (size_t i = 0; i < start.n && ok; i++)
        ok = single_element(pr, &start.v[i], &leaves, 0);
    ok = ok && leaves.n == 1;
    if (ok)
        *root = leaves.v[0];
    for (size_t i = 0; i < start.n && ok && !pr->bad; i++)
        scan(pr, &start.v[i], 0);
    sc_patterns_free(&leaves);
    sc_patterns_free(&start);
    return ok;
}

/* The shortcuts of WANTED allowed for NAME among the root's
 * COMPONENTS. */
static unsigned prove_one(struct prover *pr, const struct sc_patterns *comps, const char *name,
                          unsigned wanted, struct sc_diag_list *why)
{
    const pattern *only = NULL;
    struct sc_patterns leaves = { 0 };
    size_t matching = 0;
    unsigned allowed = 0;

    for (size_t i = 0; i < comps->n; i++) {
        if (may_match(pr, &comps->v[i], name, 0)) {
            only = &comps->v[i];
            matching++;
        }
    }
    if (matching != 1) {
        sc_diag_add(why, 0, "<%s>: %s part of the root's content can match it", name,
                    matching ? "more than one" : "no");
        return 0;
    }
    if (!single_element(pr, only, &leaves, 0)) {
        sc_diag_add(why, 0, "<%s>: its part of the root's content is not one element or none", name);
        sc_patterns_free(&leaves);
        return 0;
    }
    allowed = SC_SHORTCUT_SET_ASIDE;
    if (!(wanted & SC_SHORTCUT_BATCH)) {
        sc_patterns_free(&leaves);
        return allowed & wanted;
    }
    const pattern *list = NULL;
    size_t lists = 0;
    for (size_t i = 0; i < leaves.n; i++) {
        if (element_may_match(leaves.v[i].node, name))
            list = &leaves.v[i], lists++;
    }
    pattern content;
    bool none;
    if (lists == 1 && content_of(pr, list, &content, &none) && !none &&
        repetition(pr, &content, 0))
        allowed |= SC_SHORTCUT_BATCH;
    else
        sc_diag_add(why, 0, "<%s>: its content is not any number of elements each valid on its own",
                    name);
    sc_patterns_free(&leaves);
    return allowed & wanted;
}

void sc_shortcuts_prove(const char *path, const char *const *names, const unsigned *wanted,
                        size_t n, unsigned *out, struct sc_nested_proof *nested, size_t nnested,
                        struct sc_values **values, struct sc_diag_list *why)
{
    struct prover pr = { 0 };
    struct sc_patterns comps = { 0 };
    pattern root, content;
    bool none, scanned;

    memset(out, 0, n * sizeof(*out));
    if (values)
        *values = NULL;
    if (!(pr.g = sc_grammar_load(path, why)))
        return;
    pr.values = values ? sc_values_new() : NULL;
    scanned = root_element(&pr, &root);
    if (!scanned)
        sc_diag_add(why, 0, "the document's root can match more than one element pattern");
    else if (pr.bad || sc_grammar_incomplete(pr.g))
        sc_diag_add(why, 0, "%s", pr.bad ? pr.bad : "the grammar could not be read in full");
    else if (!content_of(&pr, &root, &content, &none) || none)
        sc_diag_add(why, 0, "the root's content is not one pattern beside its attributes");
    else if (!components(&pr, &content, &comps, 0))
        sc_diag_add(why, 0, "the root's content nests deeper than the check follows");
    else {
        bool data = false;
        for (size_t i = 0; i < comps.n && !data; i++)
            data = may_hold_data(&pr, &comps.v[i], 0);
        if (data)
            sc_diag_add(why, 0, "the root's content may hold data beside elements");
        for (size_t i = 0; i < n && !data; i++)
            out[i] = prove_one(&pr, &comps, names[i], wanted[i], why);
        for (size_t i = 0; i < nnested && !data; i++) {
            /* only below a part that may itself be set aside */
            const pattern *c = only_component(&pr, &comps, nested[i].part);
            if (c && single_element(&pr, c, NULL, 0))
                prove_nested(&pr, c, &nested[i], why);
            else
                sc_diag_add(why, 0, "<%s> in <%s>: its parent cannot be set aside", nested[i].list,
                            nested[i].part);
        }
    }
    /* the values are the whole grammar's: every attribute pattern noted */
    if (values && scanned && !pr.bad && !sc_grammar_incomplete(pr.g) && sc_values_seal(pr.values))
        *values = pr.values;
    else
        sc_values_free(pr.values);
    sc_patterns_free(&comps);
    free(pr.seen);
    sc_grammar_free(pr.g);
}
