/*
 * diff.h: a unified diff of two texts, line by line, for golden
 * mismatches ("--- golden/x.xml", "+++ actual", @@ hunks @@).
 */
#ifndef SNAPCHECK_DIFF_H
#define SNAPCHECK_DIFF_H

#include <stdbool.h>

#include "util/buf.h"

/* How whitespace is drawn on a line that differs: every tab and
 * carriage return, every space but a single one between two visible
 * characters (indentation, trailing spaces, runs of spaces), and the
 * line's end when it has a newline; a line without the end mark has no
 * newline. */
#define SC_MARK_SPACE "\xc2\xb7"       /* · U+00B7 */
#define SC_MARK_TAB "\xe2\x86\x92"     /* → U+2192 */
#define SC_MARK_CR "\xe2\x90\x8d"      /* ␍ U+240D */
#define SC_MARK_EOL "\xe2\x8f\x8e"     /* ⏎ U+23CE */

/* Appends the diff from OLD (named OLD_NAME) to NEW to B, with three
 * lines of context; whitespace drawn on removed and added lines. */
void sc_unified_diff(struct sc_buf *b, const char *old_name, const char *old,
                     const char *new_name, const char *new);

/* "output differs at line N: expected '…', got '…'": the first line
 * where the texts WANT and GOT differ (they must differ), each side
 * quoted from the end of the indentation both share, and from a little
 * before the first differing byte when that lies far in; whitespace
 * drawn as in a diff, and a space where the lines part. */
void sc_first_difference(struct sc_buf *b, const char *want, const char *got);

/* The terminal colour of the line of LEN bytes at LINE in a text that
 * holds unified diffs (removed red, added green, hunk headers cyan), or
 * NULL; *STATE, 0 for the first line, follows the diff across lines. */
const char *sc_diff_color(const char *line, size_t len, int *state);
#define SC_DIFF_COLOR_OFF "\033[0m"

#endif
