/*
 * values.h: attribute values that a grammar looks at only through
 * datatypes.
 *
 * Take every attribute pattern of a grammar whose name class may match
 * NAME.  When each of them holds data patterns (no except), text,
 * notAllowed and choices of these, and nothing else, then the value of
 * an attribute NAME in no namespace counts in the verdict only through
 * whether each of those data patterns accepts it.  Two values that all
 * of them accept or refuse alike are interchangeable: a document with
 * one is valid exactly when the same document with the other is.
 *
 * That lets the bulk shortcuts (bulk.h) know a list item again when
 * only such values changed: the disk of a guest's next snapshot, which
 * differs from the last one by its file's path.  A value's signature is
 * the verdicts of those data patterns on it, reached here with the
 * calls libxml2's RELAX NG validation makes (the type, then each
 * parameter as a facet), the facets compiled once instead of once per
 * value.
 */
#ifndef SNAPCHECK_VALUES_H
#define SNAPCHECK_VALUES_H

#include <stdbool.h>
#include <stdint.h>
#include <libxml/tree.h>

#include "schema/grammar.h"
#include "schema/memo.h"

struct sc_values;

struct sc_values *sc_values_new(void);
void sc_values_free(struct sc_values *v);

/* Takes in what attribute pattern P of grammar G lets through: its
 * name class, and the data patterns of its content; or, when that
 * content is more than data and text, that the values of the names it
 * may match are not interchangeable. */
void sc_values_note_attribute(struct sc_values *v, struct sc_grammar *g, const struct sc_pattern *p);

/* Once every attribute pattern is noted: whether the values of some
 * name are interchangeable (else V is of no use). */
bool sc_values_seal(struct sc_values *v);

/* For attribute A, when its value is interchangeable with any other of
 * the same signature: that signature (one bit per data pattern of its
 * name), and true. */
bool sc_values_signature(const struct sc_values *v, xmlAttrPtr a, uint64_t *sig);

/* The hash of NODE's subtree with V's signatures (memo.h); without V,
 * sc_subtree_hash. */
struct sc_hash sc_values_subtree_hash(xmlNodePtr node, const struct sc_values *v);

#endif
