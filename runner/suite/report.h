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

/* The report formats, the one place they are listed:
 *   X(ID, "name", what follows the name in a sentence listing them) */
#define SC_REPORT_FORMATS(X)                                                               \
    X(TEXT, "text", ", ")                                                                  \
    X(TAP, "tap", ", ")                                                                    \
    X(JUNIT, "junit", ", ")                                                                \
    X(JSONL, "jsonl", " or ")                                                              \
    X(MARKDOWN, "markdown", "")

#define SC_REPORT_FORMAT_ENUM(id, name, then) SC_REPORT_##id,
enum sc_report_format { SC_REPORT_FORMATS(SC_REPORT_FORMAT_ENUM) SC_REPORT_LAST };

/* "text, tap, junit, jsonl or markdown", a string literal. */
#define SC_REPORT_FORMAT_WORDS(id, name, then) name then
#define SC_REPORT_FORMAT_LIST SC_REPORT_FORMATS(SC_REPORT_FORMAT_WORDS)

/* -1 for an unknown name. */
int sc_report_format_from_string(const char *s);
const char *sc_report_format_to_string(int format);

/* The whole report, NUL-terminated, to be freed by the caller; COLOR
 * (text only) colours the diffs in messages for a terminal.  Names and
 * messages are escaped for the format (escape.h). */
char *sc_report_render(const struct sc_results *r, enum sc_report_format fmt, bool color);

#endif
