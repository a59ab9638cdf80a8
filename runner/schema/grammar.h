/*
 * grammar.h: a RELAX NG schema read as the grammar its files define,
 * for the checks that look into a schema (parity, the soundness of the
 * bulk shortcuts).  include (with the defines and start it overrides),
 * div, combine, nested grammar, parentRef and externalRef are resolved
 * the way RELAX NG defines them; every file is read through xmlload.h
 * under one budget, and a file that includes or refers to itself,
 * directly or not, is reported rather than followed.
 *
 * A pattern is a node of one of the files together with the grammar
 * (scope) its references are resolved in.
 */
#ifndef SNAPCHECK_GRAMMAR_H
#define SNAPCHECK_GRAMMAR_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "util/diag.h"

#define SC_RNG_NS "http://relaxng.org/ns/structure/1.0"

struct sc_grammar;
struct sc_scope;

struct sc_pattern {
    xmlNodePtr node;
    struct sc_scope *scope;
    bool container;    /* a define or start: its RNG children, as a group, are the pattern */
};

struct sc_patterns {
    struct sc_pattern *v;
    size_t n;
    bool interleave;   /* combined with combine="interleave", not as a choice */
};

/* Reads the schema at PATH; NULL, with the reasons in DIAGS, when the
 * file itself cannot be read.  DIAGS are about PATH (a diagnostic about
 * another file names it) and must outlive the grammar, which adds to
 * them when a file it loads later cannot be read. */
struct sc_grammar *sc_grammar_load(const char *path, struct sc_diag_list *diags);

/* Whether some file could not be read, or refers to itself (so some
 * reference resolves to less than it should). */
bool sc_grammar_incomplete(const struct sc_grammar *g);

/* The schema's start: the start elements of its grammar, or the root
 * pattern of a schema that is not a grammar. */
void sc_grammar_start(struct sc_grammar *g, struct sc_patterns *out);

/* What P stands for when it is a ref, parentRef, externalRef or a
 * nested grammar: the defines of that name, the referred file's root
 * pattern, the grammar's start.  False (OUT empty) for any other node.
 * OUT is to be freed with sc_patterns_free(). */
bool sc_grammar_deref(struct sc_grammar *g, const struct sc_pattern *p, struct sc_patterns *out);

void sc_patterns_free(struct sc_patterns *l);

/* Every file read so far (for a scan of the whole schema). */
size_t sc_grammar_ndocs(const struct sc_grammar *g);
xmlDocPtr sc_grammar_doc(const struct sc_grammar *g, size_t i);

/* Attribute ATTR of schema element N (its text when ATTR is NULL) as
 * libxml2 reads a name: the first attribute so named, in any
 * namespace, without the blanks around it. */
xmlChar *sc_rng_name(xmlNodePtr n, const char *attr);

/* The datatype library in force at schema element N, as libxml2 finds
 * it: the nearest datatypeLibrary attribute (in any namespace) on N or
 * an ancestor that is not a div; "" when none. */
xmlChar *sc_rng_library(xmlNodePtr n);

/* Whether datatype TYPE's validity depends on more than the value
 * itself: on other elements of the document, its DTD, or the
 * namespaces in scope (ID, IDREF, IDREFS, ENTITY, ENTITIES, NOTATION,
 * QName). */
bool sc_type_depends_on_document(const xmlChar *type);

/* Whether N is the RNG element NAME (any RNG element when NAME is NULL). */
bool sc_is_rng(xmlNodePtr n, const char *name);

/* The RNG element C or the first after it, or NULL. */
xmlNodePtr sc_rng_from(xmlNodePtr c);

/* The pattern children of N, first and next: its RNG children, less the
 * name class of an element or attribute that has no name attribute. */
xmlNodePtr sc_pattern_first(xmlNodePtr n);
xmlNodePtr sc_pattern_next(xmlNodePtr c);

void sc_grammar_free(struct sc_grammar *g);

#endif
