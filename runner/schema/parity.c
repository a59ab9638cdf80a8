/*
 * parity.c: finding the state list of any RELAX NG schema and comparing
 * it with the state table.
 *
 * The schema is read as a grammar (grammar.h).  The walk goes from the
 * start to the <domainsnapshot> element, from its content to <state>,
 * and from there collects values; it never enters other elements, so
 * the cost is small even for a large schema such as libvirt's.
 */
#include "schema/parity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strlist.h"
#include "schema/grammar.h"
#include "model/states.h"

#define XSD_LIB "http://www.w3.org/2001/XMLSchema-datatypes"
#define MAX_DEPTH 200

struct walker {
    struct sc_grammar *g;
    struct sc_parity *out;
};

typedef void (*visit_fn)(struct walker *w, xmlNodePtr node, struct sc_scope *s, void *opaque);

/* Calls FN on each leaf pattern reachable from the children of NODE
 * without entering an element; refs and nested grammars are followed. */
static void walk(struct walker *w, xmlNodePtr node, struct sc_scope *s, int depth,
                 visit_fn fn, void *opaque);

static void walk_pattern(struct walker *w, xmlNodePtr p, struct sc_scope *s, int depth,
                         visit_fn fn, void *opaque)
{
    struct sc_pattern here = { p, s, false };
    struct sc_patterns to;

    if (depth > MAX_DEPTH)
        return;
    if (sc_grammar_deref(w->g, &here, &to)) {
        for (size_t i = 0; i < to.n; i++) {
            if (to.v[i].container)
                walk(w, to.v[i].node, to.v[i].scope, depth + 1, fn, opaque);
            else
                walk_pattern(w, to.v[i].node, to.v[i].scope, depth + 1, fn, opaque);
        }
        sc_patterns_free(&to);
    } else if (sc_is_rng(p, "element") || sc_is_rng(p, "value") || sc_is_rng(p, "data") ||
               sc_is_rng(p, "text") || sc_is_rng(p, "attribute")) {
        fn(w, p, s, opaque);
    } else if (sc_is_rng(p, NULL) && !sc_is_rng(p, "name") && !sc_is_rng(p, "anyName") &&
               !sc_is_rng(p, "nsName") && !sc_is_rng(p, "param") && !sc_is_rng(p, "except")) {
        walk(w, p, s, depth + 1, fn, opaque);   /* choice, group, optional, … */
    }
}

static void walk(struct walker *w, xmlNodePtr node, struct sc_scope *s, int depth,
                 visit_fn fn, void *opaque)
{
    for (xmlNodePtr c = node->children; c; c = c->next)
        walk_pattern(w, c, s, depth, fn, opaque);
}

/* Whether the element pattern P is named NAME (name="x", name="p:x" or
 * a <name> child). */
static bool element_named(xmlNodePtr p, const char *name)
{
    xmlChar *attr = sc_rng_name(p, "name");
    bool match = false;

    if (attr) {
        const xmlChar *local = xmlStrchr(attr, ':') ? xmlStrchr(attr, ':') + 1 : attr;
        match = xmlStrEqual(local, BAD_CAST name);
        xmlFree(attr);
        return match;
    }
    for (xmlNodePtr c = p->children; c; c = c->next) {
        if (!sc_is_rng(c, NULL))
            continue;
        if (sc_is_rng(c, "name")) {
            xmlChar *t = sc_rng_name(c, NULL);
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
    void (*found)(struct walker *w, xmlNodePtr element, struct sc_scope *s);
};

static void find_element(struct walker *w, xmlNodePtr node, struct sc_scope *s, void *opaque)
{
    struct element_query *q = opaque;

    if (sc_is_rng(node, "element") && element_named(node, q->name))
        q->found(w, node, s);
}


static void collect_value(struct walker *w, xmlNodePtr node, struct sc_scope *s, void *opaque)
{
    (void)s;
    (void)opaque;
    if (sc_is_rng(node, "value")) {
        xmlChar *type = sc_rng_name(node, "type");
        xmlChar *lib = type ? sc_rng_library(node) : xmlStrdup(BAD_CAST "");
        xmlChar *text = xmlNodeGetContent(node);
        /* An untyped value is the built-in token type; only "string"
         * (built-in or XSD) compares without collapsing whitespace. */
        bool exact = type && xmlStrEqual(type, BAD_CAST "string") &&
                     (!*lib || xmlStrEqual(lib, BAD_CAST XSD_LIB));
        w->out->collapses |= !exact;
        sc_strings_add_once(&w->out->values, text ? (const char *)text : "");
        xmlFree(type);
        xmlFree(lib);
        xmlFree(text);
    } else if (sc_is_rng(node, "data") || sc_is_rng(node, "text")) {
        w->out->any_text = true;
    }
}

static void found_state(struct walker *w, xmlNodePtr element, struct sc_scope *s)
{
    w->out->found = true;
    walk(w, element, s, 0, collect_value, NULL);
}

static void found_snapshot(struct walker *w, xmlNodePtr element, struct sc_scope *s)
{
    struct element_query q = { "state", found_state };

    walk(w, element, s, 0, find_element, &q);
}

static void compare(struct sc_parity *p, enum sc_profile profile)
{
    for (int i = 0; i < SC_STATE_LAST; i++) {
        const char *name = sc_state_to_string((enum sc_state)i);
        bool listed = false;
        for (size_t j = 0; j < p->values.n; j++)
            listed |= strcmp(p->values.v[j], name) == 0;
        if (sc_state_accepted_in((enum sc_state)i, profile) && !listed && !p->any_text)
            sc_strings_add_once(&p->missing, name);
    }
    for (size_t j = 0; j < p->values.n; j++) {
        int st = sc_state_from_string(p->values.v[j]);
        if (st < 0 || !sc_state_accepted_in((enum sc_state)st, profile))
            sc_strings_add_once(&p->extra, p->values.v[j]);
    }
}

int sc_parity_check(const char *schema_path, enum sc_profile profile, struct sc_parity *out,
                    struct sc_diag_list *diags)
{
    struct walker w = { .out = out };
    struct element_query q = { "domainsnapshot", found_snapshot };
    struct sc_patterns start;

    memset(out, 0, sizeof(*out));
    out->profile = profile;
    if (!(w.g = sc_grammar_load(schema_path, diags)))
        return -1;
    sc_grammar_start(w.g, &start);
    for (size_t i = 0; i < start.n; i++) {
        if (start.v[i].container)
            walk(&w, start.v[i].node, start.v[i].scope, 0, find_element, &q);
        else
            walk_pattern(&w, start.v[i].node, start.v[i].scope, 0, find_element, &q);
    }
    sc_patterns_free(&start);
    compare(out, profile);
    int rc = sc_grammar_incomplete(w.g) ? -1 : 0;
    sc_grammar_free(w.g);
    return rc;
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
        sc_say(stdout, "%s: drift: state '%s' is accepted by the state table of %s but not by the "
               "schema", schema_path, p->missing.v[i], sc_profile_name(p->profile));
    for (size_t i = 0; i < p->extra.n; i++)
        sc_say(stdout, "%s: drift: state '%s' is accepted by the schema but not by the state table "
               "of %s", schema_path, p->extra.v[i], sc_profile_name(p->profile));
    if (p->any_text)
        sc_say(stdout, "%s: drift: <state> accepts free text, not a list of states", schema_path);
    if (p->collapses)
        sc_say(stdout, "%s: drift: state values are compared as 'token', so the schema accepts "
               "whitespace around a state (e.g. ' running') that the parser rejects", schema_path);
    if (!sc_parity_drift(p))
        sc_say(stdout, "%s: parity: the schema allows exactly the %zu accepted states of %s",
               schema_path, p->values.n, sc_profile_name(p->profile));
}

void sc_parity_free(struct sc_parity *p)
{
    sc_strings_free(&p->values);
    sc_strings_free(&p->missing);
    sc_strings_free(&p->extra);
}
