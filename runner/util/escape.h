/*
 * escape.h: names and foreign text (file names, case ids, baseline
 * reasons, what an implementation printed) made safe for each output
 * format.  One function per format, and every writer of that format goes
 * through it: foreign text can then neither end a line nor start one, nor
 * be read as the format's own syntax or as a CI runner's command (a line
 * starting with "::", or "##[" anywhere in a line).  Ordinary names
 * (letters, digits, / - _ . and spaces) come out unchanged.
 */
#ifndef SNAPCHECK_ESCAPE_H
#define SNAPCHECK_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Terminal and text report: one line in C escapes.  \n \t \r \e and the
 * like by name, other control bytes and bytes that are not UTF-8 as
 * \xNN, characters that hide, move or break text (C1 controls, spaces
 * other than the ASCII one, line separators, bidirectional controls) as
 * \uNNNN, a backslash as \\; the second '#' of "##" as \x23, and a ':'
 * that would start B's current line (spaces aside) as \x3a.  Printable
 * UTF-8 stays as it is. */
void sc_esc_text(struct sc_buf *b, const char *s);

/* Each line of TEXT after INDENT, escaped as sc_esc_text does, so that
 * a message of several lines keeps its lines; with COLOR, the lines of
 * unified diffs (diff.h) are coloured. */
void sc_esc_text_lines(struct sc_buf *b, const char *indent, const char *text, bool color);

/* A TAP test description or directive reason: sc_esc_text, with every
 * '#' written \# so that none starts a directive. */
void sc_esc_tap(struct sc_buf *b, const char *s);

/* Markdown table cell text: the sc_esc_text form, with every character
 * Markdown would read (\ ` * _ [ ] < > | ~ & $ #) backslash-escaped. */
void sc_esc_md(struct sc_buf *b, const char *s);

/* A Markdown code span, delimiters included: the sc_esc_text form
 * between backtick fences longer than any backtick run inside, with '|'
 * escaped for the table around it. */
void sc_esc_md_code(struct sc_buf *b, const char *s);

/* A JSON string, quotes included: exact, as \uNNNN escapes where
 * sc_esc_text would escape; bytes that are not UTF-8 become U+FFFD. */
void sc_esc_json(struct sc_buf *b, const char *s);

/* XML, before libxml2: S (newly allocated) with bytes that are not
 * UTF-8 and characters XML 1.0 cannot hold replaced by U+FFFD.  libxml2
 * escapes markup characters itself. */
char *sc_xml_clean(const char *s);

/* XML, after libxml2: the serialised document XML appended to B with
 * the characters sc_esc_text would escape as character references, and
 * likewise the second '#' of "##" and a ':' starting a line, so that
 * the document can be printed to a CI log.  For documents whose markup
 * is ASCII and that hold no comments, CDATA or processing instructions,
 * as snapcheck's reports are: those characters are then content. */
void sc_esc_xml_output(struct sc_buf *b, const char *xml);

#endif
