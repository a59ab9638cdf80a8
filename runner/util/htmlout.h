/*
 * htmlout.h: HTML pages built with libxml2's tree API and written by its
 * HTML serializer, which escapes every text and attribute value itself.
 * Foreign text (case ids, messages, what an implementation printed) goes
 * in through sc_html_text, which also makes visible what would hide or
 * move text: control bytes, bidirectional controls, invisible
 * characters and bytes that are not UTF-8.
 */
#ifndef SNAPCHECK_HTMLOUT_H
#define SNAPCHECK_HTMLOUT_H

#include <stddef.h>
#include <libxml/tree.h>

struct sc_diag;

/* A page: <!DOCTYPE html>, <html lang="en">, a head with its title, a
 * Content-Security-Policy that allows no inline script or style and
 * nothing from elsewhere, the site's stylesheet and (with SCRIPT) its
 * script, both at ROOT ("" or "../"); *BODY is set to the <body>. */
xmlDocPtr sc_html_page(const char *title, const char *root, int script, xmlNodePtr *body);

/* A new child element NAME of PARENT, with class CLS when not NULL. */
xmlNodePtr sc_html_el(xmlNodePtr parent, const char *name, const char *cls);

/* The same, holding TEXT (sc_html_text). */
xmlNodePtr sc_html_text_el(xmlNodePtr parent, const char *name, const char *cls, const char *text);

/* Appends TEXT to PARENT as text; each character that would hide or
 * move text becomes a marked <span class="cc"> naming it (a control
 * byte as \xNN, as the console shows it; another as U+NNNN; a byte
 * that is not UTF-8 as \xNN too, titled so).  Newlines and tabs are kept. */
void sc_html_text(xmlNodePtr parent, const char *text);

/* Appends TEXT as one line of plain text, what sc_html_text marks
 * written as C escapes instead (\t, \u202e): for SVG, where no <span>
 * may go. */
void sc_html_plain_text(xmlNodePtr parent, const char *text);

/* Sets attribute NAME; VALUE is made valid UTF-8 and XML text first. */
void sc_html_attr(xmlNodePtr node, const char *name, const char *value);

/* A <pre> holding TEXT line by line; with DIFF, the lines of unified
 * diffs in it are marked as removed, added or hunk headers. */
xmlNodePtr sc_html_pre(xmlNodePtr parent, const char *cls, const char *text, int diff);

/* Writes DOC to PATH (replaced whole); -1 with *DIAG set on failure. */
int sc_html_save(xmlDocPtr doc, const char *path, struct sc_diag *diag);

/* Writes an XML document (an SVG image) the same way. */
int sc_xml_save(xmlDocPtr doc, const char *path, struct sc_diag *diag);

#endif
