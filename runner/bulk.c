/*
 * bulk.c: the shortcuts of bulk validation (see bulk.h).  Everything set
 * aside is moved within the same document (replaced by empty comments,
 * which RELAX NG ignores) and put back where it was before returning.
 */
#include "bulk.h"

#include <stdbool.h>
#include <stdlib.h>

#include "buf.h"
#include "memo.h"
#include "schema.h"
#include "xmlin.h"

#define MAX_DOMAINS 4
#define MAX_LISTS 2
#define BATCH 32

struct pieces {
    xmlNodePtr root;
    xmlNodePtr dom[MAX_DOMAINS];
    struct sc_hash hash[MAX_DOMAINS];
    size_t ndom;
    xmlNodePtr list[MAX_LISTS];        /* long disk lists */
    xmlNodePtr *items[MAX_LISTS];      /* their children, in order */
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

/* The pieces of DOC; false when the shortcuts must not be taken (an
 * element given twice, whose repetition only the whole document shows). */
static bool find_pieces(xmlDocPtr doc, struct pieces *p)
{
    static const char *const once[] = { "domain", "inactiveDomain", "disks", "revertDisks" };
    int seen[4] = { 0 };

    p->root = xmlDocGetRootElement(doc);
    for (xmlNodePtr c = p->root ? p->root->children : NULL; c; c = c->next) {
        for (int i = 0; i < 4; i++)
            seen[i] += sc_is_element(c, once[i]);
        if ((sc_is_element(c, "domain") || sc_is_element(c, "inactiveDomain")) && p->ndom < MAX_DOMAINS)
            p->dom[p->ndom++] = c;
        else if ((sc_is_element(c, "disks") || sc_is_element(c, "revertDisks")) &&
                 p->nlists < MAX_LISTS && count_elements(c) > BATCH)
            p->list[p->nlists++] = c;
    }
    for (int i = 0; i < 4; i++) {
        if (seen[i] > 1)
            return false;
    }
    return true;
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
static size_t validate_batches(const struct sc_schema *s, struct pieces *p, size_t i,
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
        errors = sc_schema_validate_full(s, p->root->doc, diags);
        for (size_t j = k; j < end; j++)
            xmlUnlinkNode(p->items[i][j]);
    }
    for (size_t k = 0; k < nothers; k++)
        put_back(aside[k], others[k]);
    return errors;
}

/* The document in pieces: the known domains aside, long lists emptied
 * and then checked batch by batch.  Returns the number of errors. */
static size_t validate_pieces(const struct sc_schema *s, struct pieces *p, bool domains_known,
                              struct sc_diag_list *diags)
{
    xmlNodePtr aside[MAX_DOMAINS];
    size_t errors;

    for (size_t i = 0; domains_known && i < p->ndom; i++)
        aside[i] = stand_in(p->dom[i]);
    for (size_t i = 0; i < p->nlists; i++)
        empty_list(p, i);
    errors = sc_schema_validate_full(s, p->root->doc, diags);
    for (size_t i = 0; i < p->nlists && !errors; i++)
        errors = validate_batches(s, p, i, diags);
    for (size_t i = 0; i < p->nlists; i++)
        refill_list(p, i);
    for (size_t i = 0; domains_known && i < p->ndom; i++)
        put_back(aside[i], p->dom[i]);
    return errors;
}

/* Remembers the domains of a document just found valid; the first time,
 * checks that setting domains aside keeps a valid document valid. */
static void learn(const struct sc_schema *s, struct pieces *p)
{
    enum sc_memo_state state = sc_memo_state(s->memo);

    if (!p->ndom || state == SC_MEMO_UNUSABLE)
        return;
    if (state == SC_MEMO_UNTRIED) {
        struct sc_diag_list probe = { 0 };
        bool usable = validate_pieces(s, p, true, &probe) == 0;
        sc_diag_list_free(&probe);
        sc_memo_set_state(s->memo, usable ? SC_MEMO_USABLE : SC_MEMO_UNUSABLE);
        if (!usable)
            return;
    }
    for (size_t i = 0; i < p->ndom; i++)
        sc_memo_add(s->memo, p->hash[i]);
}

size_t sc_bulk_validate(const struct sc_schema *s, xmlDocPtr doc, struct sc_diag_list *diags)
{
    struct pieces p = { 0 };
    bool known;

    if (!find_pieces(doc, &p))
        return sc_schema_validate_full(s, doc, diags);
    known = p.ndom && sc_memo_state(s->memo) == SC_MEMO_USABLE;
    for (size_t i = 0; i < p.ndom; i++) {
        p.hash[i] = sc_subtree_hash(p.dom[i]);
        known = known && sc_memo_has(s->memo, p.hash[i]);
    }
    if (known || p.nlists) {
        struct sc_diag_list tmp = { 0 };
        size_t errors = validate_pieces(s, &p, known, &tmp);
        sc_diag_list_free(&tmp);
        if (errors == 0) {
            if (!known)
                learn(s, &p);
            return 0;
        }
        /* invalid: the full pass below gives the exact diagnostics */
    }
    size_t errors = sc_schema_validate_full(s, doc, diags);
    if (errors == 0)
        learn(s, &p);
    return errors;
}
