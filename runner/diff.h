/*
 * diff.h: a unified diff of two texts, line by line, for golden
 * mismatches ("--- golden/x.xml", "+++ actual", @@ hunks @@).
 */
#ifndef SNAPCHECK_DIFF_H
#define SNAPCHECK_DIFF_H

#include <stdbool.h>

#include "buf.h"

/* Appends the diff from OLD (named OLD_NAME) to NEW to B, with three
 * lines of context. */
void sc_unified_diff(struct sc_buf *b, const char *old_name, const char *old,
                     const char *new_name, const char *new);

/* The terminal colour of the line of LEN bytes at LINE in a text that
 * holds unified diffs (removed red, added green, hunk headers cyan), or
 * NULL; *STATE, 0 for the first line, follows the diff across lines. */
const char *sc_diff_color(const char *line, size_t len, int *state);
#define SC_DIFF_COLOR_OFF "\033[0m"

#endif
