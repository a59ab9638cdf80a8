/*
 * xmlout.h: the canonical XML writer shared by the snapshot formatter.
 *
 * Canonical means libvirt's layout: two spaces per level, attributes in
 * single quotes, the five special characters escaped, empty elements
 * self-closed.  Subtrees snapcheck does not model (the embedded domain,
 * the cookie) are written by sc_xml_write_node in the same layout.
 */
#ifndef SNAPCHECK_XMLOUT_H
#define SNAPCHECK_XMLOUT_H

#include <libxml/tree.h>

#include "util/buf.h"

/* Escapes & < > " ' as libvirt does; whitespace is written as it is. */
void sc_xml_escape(struct sc_buf *b, const char *s, int in_attr);

/* " name='value'" with VALUE escaped; nothing when VALUE is NULL. */
void sc_xml_attr(struct sc_buf *b, const char *name, const char *value);

/* An indented <name>text</name> line; nothing when TEXT is NULL. */
void sc_xml_text_element(struct sc_buf *b, int level, const char *name,
                         const char *text);

/* Writes the element NODE and its subtree at LEVEL in canonical layout.
 * Comments and processing instructions are dropped; the children of a
 * domain's <metadata> go through libxml2's own serializer, as libvirt
 * writes them. */
void sc_xml_write_node(struct sc_buf *b, xmlNodePtr node, int level);

#endif
