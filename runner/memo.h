/*
 * memo.h: the embedded domains a schema has already accepted.
 *
 * A VM's snapshots carry the same domain definition again and again, and
 * with libvirt's grammar that definition costs most of a validation.  The
 * memo remembers, by a 128-bit hash of the subtree, each <domain> and
 * <inactiveDomain> that validated; a later document whose domains are all
 * remembered is validated with them set aside.  This relies on the
 * domain's pattern not depending on its siblings, which holds for the
 * suite's grammar and libvirt's (an optional element in an interleave),
 * and it is enabled only after a first document showed that setting the
 * domain aside leaves a valid document valid.  The set is shared by all
 * threads.
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
 * attributes, text, in order.  Comments and PIs do not count. */
struct sc_hash sc_subtree_hash(xmlNodePtr node);

enum sc_memo_state { SC_MEMO_UNTRIED, SC_MEMO_USABLE, SC_MEMO_UNUSABLE };

struct sc_memo;

struct sc_memo *sc_memo_new(void);
void sc_memo_free(struct sc_memo *m);

bool sc_memo_has(struct sc_memo *m, struct sc_hash h);
void sc_memo_add(struct sc_memo *m, struct sc_hash h);
enum sc_memo_state sc_memo_state(struct sc_memo *m);
void sc_memo_set_state(struct sc_memo *m, enum sc_memo_state s);

#endif
