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

#include "snapshot.h"

/* Fills ERR with the line of NODE (0 when NODE is NULL); returns -1. */
int sc_fail(struct sc_error *err, xmlNodePtr node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

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

/* Index of S in the NULL-terminated list, or -1. */
int sc_lookup(const char *const *list, const char *s);

#endif
