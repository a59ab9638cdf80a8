/*
 * xmlin.h: reading helpers shared by the snapshot and disk parsers:
 * strict element text, attribute whitelists, the format's value rules
 * (absolute paths, disk targets, UUIDs, 64-bit integers) and errors
 * that carry the line of the offending node.
 *
 * Each value rule here mirrors one pattern of rng/domainsnapshot.rng,
 * so that the schema and the parser accept the same strings.
 */
#ifndef SNAPCHECK_XMLIN_H
#define SNAPCHECK_XMLIN_H

#include <stdbool.h>
#include <libxml/tree.h>

#include "util/diag.h"

/* The parts of a document a rejection can be about, the vocabulary of
 * the manifest's reason attribute and of the implementation protocol:
 * "xml" (not well-formed), "root" (the root element and what sits
 * directly in it), each top-level element by name, "disks" for a list
 * of disks (<disks> or <revertDisks>) and for a disk "disk",
 * "disk-source" and "disk-driver".  "disks" is also the answer of one
 * that cannot tell which disk, or which part of it: libxml2's schema
 * messages name no more than the list.  NULL-terminated. */
extern const char *const sc_parts[];

/* "xml, root, name, …": the parts, for messages. */
const char *sc_parts_list(void);

/* Whether a rejection about GIVEN answers a case about WANT: the same
 * part, or "disks" for any part of a disk. */
bool sc_part_answers(const char *given, const char *want);

/* The part NODE lies in (a top-level element, a disk's source…). */
const char *sc_part_of(xmlNodePtr node);

/* Fills ERR with the line and part of NODE (0 and "root" when NODE is
 * NULL); returns -1. */
int sc_fail(struct sc_error *err, xmlNodePtr node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* sc_fail for a problem about PART that NODE does not lie in: an
 * element that is missing, say. */
int sc_fail_part(struct sc_error *err, const char *part, xmlNodePtr node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The text of an element that must hold text only; NULL with ERR set
 * when it holds an element.  Comments are skipped, CDATA and character
 * references are resolved: the text as the XML parser delivers it. */
char *sc_element_text(xmlNodePtr node, struct sc_error *err);

/* Fails on any attribute of NODE not in the NULL-terminated ALLOWED. */
int sc_check_attrs(xmlNodePtr node, const char *const *allowed,
                   struct sc_error *err);

/* Fails on non-blank text directly inside NODE. */
int sc_check_no_text(xmlNodePtr node, struct sc_error *err);

/* For element-only content: attributes from ALLOWED and no text. */
int sc_check_plain(xmlNodePtr node, const char *const *allowed, struct sc_error *err);

/* An empty attribute list, for elements that take none. */
extern const char *const sc_no_attrs[];

/* sc_check_plain, and every child element named CHILD (no child element
 * at all when CHILD is NULL); returns how many there are, or -1 with ERR
 * set. */
int sc_children_named(xmlNodePtr node, const char *const *allowed,
                      const char *child, struct sc_error *err);

/* sc_children_named for a child that may appear at most once: *OUT is
 * that child or NULL.  Returns 0, or -1 with ERR set. */
int sc_single_child(xmlNodePtr node, const char *const *allowed,
                    const char *child, xmlNodePtr *out, struct sc_error *err);

/* A copy of attribute NAME of NODE, or NULL when absent. */
char *sc_attr(xmlNodePtr node, const char *name);

bool sc_is_element(xmlNodePtr node, const char *name);

/* Claims the single child element slot *SLOT for CHILD; fails when the
 * element was already seen. */
int sc_claim_once(xmlNodePtr *slot, xmlNodePtr child, struct sc_error *err);

bool sc_valid_abs_path(const char *s);     /* "/…" with no CR or LF */
bool sc_valid_disk_target(const char *s);  /* vda, hdc, sda1, xvdb … */
bool sc_valid_uuid(const char *s);         /* 32 hex, or 8-4-4-4-12 */
bool sc_valid_domain_name(const char *s);  /* non-empty, no LF */
/* Signed 64-bit decimal without sign '+', leading zeros or spaces. */
bool sc_parse_int64(const char *s, long long *out);
/* Unsigned decimal digits, no leading zero; false on overflow. */
bool sc_parse_uint64(const char *s, unsigned long long *out);

/* Numbers as libvirt reads them (its virStrToLong_* over the whole
 * string): leading whitespace and a sign allowed, base 10, nothing
 * after the digits, no overflow.  The _p forms refuse any '-'. */
bool sc_lv_parse_ll(const char *s, long long *out);
bool sc_lv_parse_int(const char *s, int *out);
bool sc_lv_parse_ull_p(const char *s, unsigned long long *out);
bool sc_lv_parse_uint_p(const char *s, unsigned *out);

/* libvirt's liberal UUID reading (32 hex digits, '-' and ' ' between
 * pairs, whitespace around) into its canonical form, 36 characters and
 * a NUL.  False for anything else. */
bool sc_uuid_canonical(const char *s, char out[37]);

/* "yes" 1, "no" 0, anything else -1 (libvirt's tristate, exact). */
int sc_yes_no(const char *s);

/* Index of S in the NULL-terminated list, or -1. */
int sc_lookup(const char *const *list, const char *s);

#endif
