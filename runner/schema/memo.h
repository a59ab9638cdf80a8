/*
 * memo.h: the embedded domains (and list items) a schema has already
 * accepted.
 *
 * A VM's snapshots carry the same domain definition again and again, and
 * with libvirt's grammar that definition costs most of a validation.  The
 * memo remembers, by a 128-bit hash of the subtree, each <domain> and
 * <inactiveDomain> that validated; a later document whose domains are all
 * remembered is validated with them set aside.  This relies on the
 * domain's validity depending on its subtree alone, which bulk.c takes
 * only from a grammar proven to give it (shortcut.h); the items of a
 * disk list likewise, in a memo of the list's own.  Each set is shared
 * by all threads.  A memo may also map each hash to a word (values.c
 * keeps datatype verdicts so).
 */
#ifndef SNAPCHECK_MEMO_H
#define SNAPCHECK_MEMO_H

#include <stdbool.h>
#include <stdint.h>
#include <libxml/tree.h>

struct sc_hash {
    uint64_t a, b;
};

/* Hash of an element and everything below it: names, namespaces,
 * attributes, text, in order; comments and PIs do not count.  For an
 * element read compact whose bytes are at hand (sc_xml_element_bytes),
 * its name, attributes and namespaces in scope and the bytes it holds
 * as written instead: the same subtree written another way (indented
 * otherwise, say) then hashes differently, which costs only a
 * validation. */
struct sc_hash sc_subtree_hash(xmlNodePtr node);

/* The same, walking the tree, with each attribute value for which SIG
 * (given CTX) returns true standing as the word it sets: two subtrees
 * that differ only by such values, with the same words, hash alike.
 * Without SIG, sc_subtree_hash. */
typedef bool sc_value_signature_fn(const void *ctx, xmlAttrPtr a, uint64_t *sig);
struct sc_hash sc_subtree_hash_by(xmlNodePtr node, sc_value_signature_fn *sig, const void *ctx);

/* Hash of string S under TAG (S may be NULL). */
struct sc_hash sc_string_hash(const xmlChar *s, uint64_t tag);

struct sc_memo;

/* A set that holds up to MAX / 2 hashes (MAX a power of two), and
 * ignores any more. */
struct sc_memo *sc_memo_new(size_t max);
void sc_memo_free(struct sc_memo *m);

bool sc_memo_has(struct sc_memo *m, struct sc_hash h);
void sc_memo_add(struct sc_memo *m, struct sc_hash h);

/* The same set as a map: each hash with a word. */
bool sc_memo_get(struct sc_memo *m, struct sc_hash h, uint64_t *value);
void sc_memo_put(struct sc_memo *m, struct sc_hash h, uint64_t value);

#endif
