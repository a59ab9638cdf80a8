/*
 * bulk.c: the shortcuts of bulk validation (see bulk.h).  Everything set
 * aside is moved within the same document (replaced by empty comments,
 * which RELAX NG ignores) and put back where it was before returning.
 */
#include "schema/bulk.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "schema/memo.h"
#include "schema/relaxng.h"
#include "schema/shortcut.h"
#include "schema/values.h"
#include "model/xmlin.h"

#define MAX_DOMAINS 4
#define MAX_LISTS 2
#define BATCH 32
/* Slots of the memos: domains are few and dear to validate; disks are
 * many, cheap, and worth remembering only while they repeat. */
#define DOMAIN_SLOTS 65536
#define ITEM_SLOTS 4096

/* The children of the root the shortcuts take apart, each with the
 * shortcut it is for. */
enum { PART_DOMAIN, PART_INACTIVE_DOMAIN, PART_DISKS, PART_REVERT_DISKS, NPARTS };
static const char *const part_names[NPARTS + 1] = { "domain", "inactiveDomain", "disks", "revertDisks", NULL };
static const unsigned part_shortcut[NPARTS] = {
    SC_SHORTCUT_SET_ASIDE, SC_SHORTCUT_SET_ASIDE, SC_SHORTCUT_BATCH, SC_SHORTCUT_BATCH,
};

/* One level down, in each domain: the children of <devices> that may be
 * set aside when known, by name (shortcut.h). */
#define NESTED_LIST "devices"

struct nested {
    char **names;            /* of the children that may be set aside, NULL-ended;
                              * none: unused */
    struct sc_memo *memo;    /* the children it accepted there */
};

static void free_names(char **names)
{
    for (size_t j = 0; names && names[j]; j++)
        free(names[j]);
    free(names);
}

struct sc_bulk {
    bool usable[NPARTS];     /* proven sound for the schema's grammar */
    struct sc_memo *memo;    /* the domains it accepted */
    struct sc_memo *items[NPARTS];   /* for a list, the items it accepted */
    struct nested nested[NPARTS];    /* for a domain, below it */
    struct sc_values *values;        /* attribute values an item is known by
                                      * only through their datatypes */
};

struct sc_bulk *sc_bulk_new(const char *schema_path, struct sc_diag_list *why)
{
    unsigned allowed[NPARTS];
    struct sc_nested_proof nested[NPARTS];
    size_t nnested = 0;
    struct sc_values *values;
    struct sc_bulk *b = NULL;

    for (size_t i = 0; i < NPARTS; i++) {
        if (part_shortcut[i] == SC_SHORTCUT_SET_ASIDE)
            nested[nnested++] = (struct sc_nested_proof){ part_names[i], NESTED_LIST, NULL, 0 };
    }
    sc_shortcuts_prove(schema_path, part_names, part_shortcut, NPARTS, allowed, nested, nnested,
                       &values, why);
    for (size_t i = 0; i < NPARTS; i++) {
        if (!(allowed[i] & part_shortcut[i]))
            continue;
        if (!b)
            b = sc_xcalloc(1, sizeof(*b));
        b->usable[i] = true;
        /* each list its own: an item valid in one may not be in another */
        if (part_shortcut[i] == SC_SHORTCUT_BATCH)
            b->items[i] = sc_memo_new(ITEM_SLOTS);
    }
    if (b && (b->usable[PART_DOMAIN] || b->usable[PART_INACTIVE_DOMAIN]))
        b->memo = sc_memo_new(DOMAIN_SLOTS);
    for (size_t k = 0; k < nnested; k++) {
        int i = sc_lookup(part_names, nested[k].part);
        if (b && i >= 0 && b->usable[i] && nested[k].nitems)
            b->nested[i] = (struct nested){ nested[k].items, sc_memo_new(ITEM_SLOTS) };
        else
            free_names(nested[k].items);
    }
    if (b)
        b->values = values;
    else
        sc_values_free(values);
    return b;
}

bool sc_bulk_uses(const struct sc_bulk *b, const char *name)
{
    for (size_t i = 0; b && i < NPARTS; i++) {
        if (!strcmp(part_names[i], name))
            return b->usable[i];
    }
    return false;
}

void sc_bulk_free(struct sc_bulk *b)
{
    if (!b)
        return;
    sc_memo_free(b->memo);
    for (size_t i = 0; i < NPARTS; i++) {
        sc_memo_free(b->items[i]);
        sc_memo_free(b->nested[i].memo);
        free_names(b->nested[i].names);
    }
    sc_values_free(b->values);
    free(b);
}

/* An element of a list: its hash, and whether the list's memo holds it
 * (then the comment standing in for it while it is set aside). */
struct item {
    xmlNodePtr node, aside;
    struct sc_hash hash;
    bool known;
};

struct pieces {
    xmlNodePtr root;
    xmlNodePtr dom[MAX_DOMAINS];
    size_t dom_part[MAX_DOMAINS];
    struct sc_hash hash[MAX_DOMAINS];
    struct item *below[MAX_DOMAINS];   /* the children of its <devices> that may be set aside */
    size_t nbelow[MAX_DOMAINS];
    size_t ndom;
    xmlNodePtr list[MAX_LISTS];        /* the lists, of part list_part */
    size_t list_part[MAX_LISTS];
    struct item *elems[MAX_LISTS];     /* their elements */
    size_t nelems[MAX_LISTS];
    bool batched[MAX_LISTS];           /* more unknown elements than a batch */
    xmlNodePtr *items[MAX_LISTS];      /* the children of a batched list, in order */
    size_t nitems[MAX_LISTS];
    size_t nlists;
};

static size_t count_elements(xmlNodePtr n)
{
    size_t k = 0;

    for (xmlNodePtr c = n->children; c; c = c->next)
        k += c->type == XML_ELEMENT_NODE;
    return k;
}

/* The pieces of DOC that the schema lets the shortcuts take; false
 * when none may be taken (an element given twice, whose repetition only
 * the whole document shows). */
static bool find_pieces(const struct sc_bulk *b, xmlDocPtr doc, struct pieces *p)
{
    int seen[NPARTS] = { 0 };

    p->root = xmlDocGetRootElement(doc);
    for (xmlNodePtr c = p->root ? p->root->children : NULL; c; c = c->next) {
        int i = c->type == XML_ELEMENT_NODE && !c->ns ? sc_lookup(part_names, (const char *)c->name) : -1;
        if (i < 0 || !b->usable[i])
            continue;
        seen[i]++;
        if (part_shortcut[i] == SC_SHORTCUT_SET_ASIDE && p->ndom < MAX_DOMAINS) {
            p->dom_part[p->ndom] = (size_t)i;
            p->dom[p->ndom++] = c;
        }
        else if (part_shortcut[i] == SC_SHORTCUT_BATCH && p->nlists < MAX_LISTS) {
            p->list_part[p->nlists] = (size_t)i;
            p->list[p->nlists++] = c;
        }
    }
    for (int i = 0; i < NPARTS; i++) {
        if (seen[i] > 1)
            return false;
    }
    return true;
}

/* IT for NODE: its hash (the values the grammar looks at only through
 * datatypes by their signatures), and whether MEMO knows it (returned). */
static bool look_up(const struct sc_bulk *b, struct item *it, xmlNodePtr node, struct sc_memo *memo)
{
    it->node = node;
    it->hash = sc_values_subtree_hash(node, b->values);
    it->known = sc_memo_has(memo, it->hash);
    return it->known;
}

/* Hashes the elements of each list, and looks them up in its memo;
 * returns whether any is known. */
static bool look_up_items(const struct sc_bulk *b, struct pieces *p)
{
    bool any = false;

    for (size_t i = 0; i < p->nlists; i++) {
        struct sc_memo *memo = b->items[p->list_part[i]];
        size_t unknown = 0;
        p->elems[i] = sc_xcalloc(count_elements(p->list[i]) + 1, sizeof(struct item));
        for (xmlNodePtr c = p->list[i]->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            bool known = look_up(b, &p->elems[i][p->nelems[i]++], c, memo);
            any = any || known;
            unknown += !known;
        }
        p->batched[i] = unknown > BATCH;
    }
    return any;
}

/* In each domain, the children of its one <devices> that the proof
 * lets be set aside: hashed, and looked up in the memo of the domain's
 * kind; returns whether any is known. */
static bool look_up_below(const struct sc_bulk *b, struct pieces *p)
{
    bool any = false;

    for (size_t i = 0; i < p->ndom; i++) {
        const struct nested *n = &b->nested[p->dom_part[i]];
        xmlNodePtr list = NULL;
        size_t lists = 0;
        if (!n->names)
            continue;
        for (xmlNodePtr c = p->dom[i]->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && !c->ns && !strcmp((const char *)c->name, NESTED_LIST))
                list = c, lists++;
        }
        if (lists != 1)
            continue;
        p->below[i] = sc_xcalloc(count_elements(list) + 1, sizeof(struct item));
        for (xmlNodePtr c = list->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && !c->ns &&
                sc_lookup((const char *const *)n->names, (const char *)c->name) >= 0)
                any = look_up(b, &p->below[i][p->nbelow[i]++], c, n->memo) || any;
        }
    }
    return any;
}

static void free_pieces(struct pieces *p)
{
    for (size_t i = 0; i < p->nlists; i++)
        free(p->elems[i]);
    for (size_t i = 0; i < p->ndom; i++)
        free(p->below[i]);
}

/* Replaces NODE by an empty comment and returns the comment. */
static xmlNodePtr stand_in(xmlNodePtr node)
{
    xmlNodePtr c = xmlNewDocComment(node->doc, BAD_CAST "");

    xmlReplaceNode(node, c);
    return c;
}

static void put_back(xmlNodePtr comment, xmlNodePtr node)
{
    xmlReplaceNode(comment, node);
    xmlFreeNode(comment);
}

/* Sets aside the known ones of the N items V, or puts them back. */
static void set_aside_known(struct item *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (v[k].known)
            v[k].aside = stand_in(v[k].node);
    }
}

static void put_back_known(struct item *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (v[k].known)
            put_back(v[k].aside, v[k].node);
    }
}

/* Moves every child of list I out, keeping them in order. */
static void empty_list(struct pieces *p, size_t i)
{
    size_t n = 0;

    for (xmlNodePtr c = p->list[i]->children; c; c = c->next)
        n++;
    p->items[i] = sc_xcalloc(n, sizeof(xmlNodePtr));
    for (xmlNodePtr c = p->list[i]->children, next; c; c = next) {
        next = c->next;
        xmlUnlinkNode(c);
        p->items[i][p->nitems[i]++] = c;
    }
}

static void refill_list(struct pieces *p, size_t i)
{
    for (size_t k = 0; k < p->nitems[i]; k++)
        xmlAddChild(p->list[i], p->items[i][k]);
    free(p->items[i]);
    p->items[i] = NULL;
    p->nitems[i] = 0;
}

/* Each long list alone in the document, a batch of disks at a time. */
static size_t validate_batches(xmlRelaxNGPtr rng, struct pieces *p, size_t i,
                               struct sc_diag_list *diags)
{
    xmlNodePtr others[64], aside[64];
    size_t nothers = 0, errors = 0;

    for (xmlNodePtr c = p->root->children; c && nothers < 64; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && c != p->list[i])
            others[nothers++] = c;
    }
    for (size_t k = 0; k < nothers; k++)
        aside[k] = stand_in(others[k]);
    for (size_t k = 0; k < p->nitems[i] && !errors; k += BATCH) {
        size_t end = k + BATCH < p->nitems[i] ? k + BATCH : p->nitems[i];
        for (size_t j = k; j < end; j++)
            xmlAddChild(p->list[i], p->items[i][j]);
        errors = sc_relaxng_validate(rng, p->root->doc, diags);
        for (size_t j = k; j < end; j++)
            xmlUnlinkNode(p->items[i][j]);
    }
    for (size_t k = 0; k < nothers; k++)
        put_back(aside[k], others[k]);
    return errors;
}

/* The document in pieces: the known domains and list items aside,
 * lists with more than a batch of items left emptied and then checked
 * batch by batch.  Returns the number of errors. */
static size_t validate_pieces(xmlRelaxNGPtr rng, struct pieces *p, bool domains_known,
                              struct sc_diag_list *diags)
{
    xmlNodePtr aside[MAX_DOMAINS];
    size_t errors;

    for (size_t i = 0; domains_known && i < p->ndom; i++)
        aside[i] = stand_in(p->dom[i]);
    for (size_t i = 0; !domains_known && i < p->ndom; i++)
        set_aside_known(p->below[i], p->nbelow[i]);
    for (size_t i = 0; i < p->nlists; i++) {
        set_aside_known(p->elems[i], p->nelems[i]);
        if (p->batched[i])
            empty_list(p, i);
    }
    errors = sc_relaxng_validate(rng, p->root->doc, diags);
    for (size_t i = 0; i < p->nlists && !errors; i++) {
        if (p->batched[i])
            errors = validate_batches(rng, p, i, diags);
    }
    for (size_t i = 0; i < p->nlists; i++) {
        if (p->batched[i])
            refill_list(p, i);
        put_back_known(p->elems[i], p->nelems[i]);
    }
    for (size_t i = 0; !domains_known && i < p->ndom; i++)
        put_back_known(p->below[i], p->nbelow[i]);
    for (size_t i = 0; domains_known && i < p->ndom; i++)
        put_back(aside[i], p->dom[i]);
    return errors;
}

/* Remembers what of a document just found valid was validated: its
 * domains (unless they were known already) and the items of its lists
 * not known before. */
static void learn(const struct sc_bulk *b, const struct pieces *p, bool domains)
{
    for (size_t i = 0; domains && i < p->ndom; i++) {
        sc_memo_add(b->memo, p->hash[i]);
        for (size_t k = 0; k < p->nbelow[i]; k++) {
            if (!p->below[i][k].known)
                sc_memo_add(b->nested[p->dom_part[i]].memo, p->below[i][k].hash);
        }
    }
    for (size_t i = 0; i < p->nlists; i++) {
        for (size_t k = 0; k < p->nelems[i]; k++) {
            if (!p->elems[i][k].known)
                sc_memo_add(b->items[p->list_part[i]], p->elems[i][k].hash);
        }
    }
}

size_t sc_bulk_validate(const struct sc_bulk *b, xmlRelaxNGPtr rng, xmlDocPtr doc,
                        struct sc_diag_list *diags)
{
    struct pieces p = { 0 };
    bool known, shortcut;
    size_t errors;

    if (!find_pieces(b, doc, &p))
        return sc_relaxng_validate(rng, doc, diags);
    known = p.ndom > 0;
    for (size_t i = 0; i < p.ndom; i++) {
        p.hash[i] = sc_subtree_hash(p.dom[i]);
        known = known && sc_memo_has(b->memo, p.hash[i]);
    }
    shortcut = look_up_items(b, &p) || known;
    /* a domain validated: what of it is known may be set aside */
    if (!known)
        shortcut = look_up_below(b, &p) || shortcut;
    for (size_t i = 0; i < p.nlists; i++)
        shortcut = shortcut || p.batched[i];
    if (shortcut) {
        struct sc_diag_list tmp = { 0 };
        errors = validate_pieces(rng, &p, known, &tmp);
        sc_diag_list_free(&tmp);
        if (errors == 0) {
            learn(b, &p, !known);
            free_pieces(&p);
            return 0;
        }
        /* invalid: the full pass below gives the exact diagnostics */
    }
    errors = sc_relaxng_validate(rng, doc, diags);
    if (errors == 0)
        learn(b, &p, true);
    free_pieces(&p);
    return errors;
}
