/*
 * xmllimits.h: the bounds within which snapcheck reads a document, so
 * that a small crafted file costs bounded memory and time.  libxml2's
 * parser and RELAX NG validator spend time quadratic in the attributes
 * of one element, the namespaces in scope and the children of one
 * element; its tree costs about 200 bytes a node.  A document beyond
 * these bounds is not judged: it is reported as one snapcheck cannot
 * read (exit 2), never as invalid.  No real snapshot document comes
 * near them (10,000 disks with their domain take a tenth of each).
 */
#ifndef SNAPCHECK_XMLLIMITS_H
#define SNAPCHECK_XMLLIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/parser.h>

#include "util/diag.h"

#define SC_MAX_ATTRIBUTES 256           /* on one element */
#define SC_MAX_NAMESPACES 256           /* declarations in one document */
#define SC_MAX_NODES 500000             /* elements, attributes, text, comments, PIs */
#define SC_MAX_CROWDING (1ull << 28)    /* sum over elements of children squared */

/* Checks the bytes of a document before libxml2 sees them, for what
 * libxml2 would spend quadratic time on before any callback runs: the
 * attributes of one start tag.  Every attribute is written name="value"
 * (or with '), and no attribute value holds '<', so the assignments
 * between two '<' bound the attributes of a start tag from above.
 * Returns 0, or -1 with ERR set. */
int sc_xml_prescan(const char *data, size_t len, struct sc_error *err);

/* Sets ERR for a document beyond the bounds: WHAT it has, at LINE. */
void sc_xml_beyond(struct sc_error *err, long line, const char *what);

/* The count of what a parse has built so far. */
struct sc_xml_counts {
    struct sc_error *err;         /* first: what the reader's handlers find */
    unsigned long long nodes, namespaces, crowding;
    unsigned depth;
    bool in_text;                 /* the last thing built was text */
    bool skip_layout;             /* leave out whitespace that only lays out
                                   * elements (see sc_xml_read_memory_compact),
                                   * and note each element's bytes (below) */
    unsigned children[257];     /* per open element, libxml2 nests at most 256 */
};

/* Makes CTXT's tree builder count what it builds into BUDGET (held in
 * CTXT->_private) and stop the parse, with BUDGET->err set, when a
 * bound is passed. */
void sc_xml_counts_attach(xmlParserCtxtPtr ctxt, struct sc_xml_counts *budget);

/* Where an element's bytes lie in what was parsed, noted in a compact
 * read (skip_layout): from the end of its start tag (its '>' or "/>")
 * to the end of its end tag, as offsets of the parser's input.  False
 * when they were not noted. */
bool sc_xml_element_span(xmlNodePtr element, size_t *start, size_t *end);

#endif
