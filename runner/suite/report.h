/*
 * report.h: rendering results as text, TAP, JUnit XML, JSON Lines or
 * Markdown.  Every format states the same counts (results.h): the
 * compliance figure (passed / all, skips and errors counting against
 * it), each verdict, and with a baseline the known results, the new
 * failures and the stale entries.
 */
#ifndef SNAPCHECK_REPORT_H
#define SNAPCHECK_REPORT_H

#include <stdbool.h>

#include "suite/results.h"

enum sc_report_format {
    SC_REPORT_TEXT,
    SC_REPORT_TAP,
    SC_REPORT_JUNIT,
    SC_REPORT_JSONL,
    SC_REPORT_MARKDOWN,
    SC_REPORT_LAST
};

/* -1 for an unknown name. */
int sc_report_format_from_string(const char *s);
const char *sc_report_format_to_string(int format);

/* The whole report, NUL-terminated, to be freed by the caller; COLOR
 * (text only) colours the diffs in messages for a terminal.  Names and
 * messages are escaped for the format (escape.h). */
char *sc_report_render(const struct sc_results *r, enum sc_report_format fmt, bool color);

#endif
