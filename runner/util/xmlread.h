/*
 * xmlread.h: the one way a document's bytes become a tree (xmlread.c):
 * libxml2 with no network, no DTD, CDATA merged into text, and the
 * bounds of xmllimits.h; and libxml2 set up for snapcheck.
 */
#ifndef SNAPCHECK_XMLREAD_H
#define SNAPCHECK_XMLREAD_H

#include <stddef.h>
#include <libxml/tree.h>

#include "util/diag.h"

/* Parses DATA (named NAME in messages) with snapcheck's libxml2
 * options: no network, no DTD (refused), CDATA merged into text.
 * Returns NULL and fills ERR on a well-formedness error. */
xmlDocPtr sc_xml_read_memory(const char *data, size_t len, const char *name,
                             struct sc_error *err);

/* The same, with short text kept inside its node instead of a block of
 * its own, and without the whitespace that only lays out elements
 * (blanks right before a child element, or before the end tag of an
 * element whose last child is an element), which RELAX NG ignores and
 * the parser's rules refuse only when it is not blank: for a tree that
 * is judged, and whose nodes are at most moved (schema validation, the
 * parser's rules), never one that is written back. */
xmlDocPtr sc_xml_read_memory_compact(const char *data, size_t len, const char *name,
                                     struct sc_error *err);

/* For an element of a tree read compact, while the DATA it was read
 * from lives: the bytes from the end of its start tag (its '>' or "/>")
 * to the end of its end tag, as written.  NULL when they cannot stand
 * for what the element holds: another kind of read, or an encoding
 * other than UTF-8 converted on the way.  In a document that has no
 * DTD, as snapcheck reads them, two elements of the same name,
 * attributes and namespaces in scope whose bytes are the same hold the
 * same subtree. */
const char *sc_xml_element_bytes(xmlNodePtr element, size_t *len);

/* Frees DOC, unless the open document scope (xmlalloc.h) holds it and
 * will free it at its end. */
void sc_xml_free_doc(xmlDocPtr doc);

/* The same check of well-formedness, without a tree: memory does not
 * grow with DATA.  Returns 0 and sets *NODES to how many nodes (elements,
 * attributes, namespace declarations, text runs, comments, processing
 * instructions) a tree of DATA would have; or -1 with ERR set. */
int sc_xml_check_memory(const char *data, size_t len, const char *name, struct sc_error *err,
                        size_t *nodes);

/* Sets libxml2 up for snapcheck, once, before any thread starts: the
 * parser initialised, and an entity loader that never uses the network. */
void sc_xml_init(void);

/* The same without taking over libxml2's allocator (which makes running
 * out of memory exit 2): for libsnapcheck, in a process that is not
 * snapcheck's own. */
void sc_xml_init_library(void);

#endif
