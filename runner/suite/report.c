/*
 * report.c: the report formats.  Every name and every message goes
 * through its format's escaping (escape.h), so that nothing a file name,
 * a baseline or an implementation holds can add, end or change a line of
 * a report.  JUnit is built as a libxml2 tree and serialised by libxml2,
 * which escapes markup; text is cleaned of what XML cannot hold before,
 * and the document made safe for a CI log after.
 */
#include "suite/report.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/escape.h"

#define FORMAT_NAME(id, name, then) [SC_REPORT_##id] = name,
static const char *const format_names[] = { SC_REPORT_FORMATS(FORMAT_NAME) };
_Static_assert(sizeof(format_names) / sizeof(format_names[0]) == SC_REPORT_LAST,
               "one name per report format");

int sc_report_format_from_string(const char *s)
{
    for (int i = 0; s && i < SC_REPORT_LAST; i++) {
        if (strcmp(format_names[i], s) == 0)
            return i;
    }
    return -1;
}

const char *sc_report_format_to_string(int format)
{
    return format >= 0 && format < SC_REPORT_LAST ? format_names[format] : "?";
}

/* The first line of a message (newly allocated). */
static char *first_line(const char *msg)
{
    msg = msg ? msg : "";
    return sc_xasprintf("%.*s", (int)strcspn(msg, "\n"), msg);
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void compliance_line(struct sc_buf *b, const struct sc_counts *c)
{
    sc_buf_printf(b, "compliance: %zu/%zu passed (%.1f%%)", c->by[SC_PASS], c->total,
                  c->total ? 100.0 * (double)c->by[SC_PASS] / (double)c->total : 100.0);
}

/* The verdicts, which add up to the number of cases. */
static void verdicts_line(struct sc_buf *b, const struct sc_counts *c)
{
    sc_buf_printf(b, "%zu passed, %zu failed, %zu %s, %zu skipped", c->by[SC_PASS], c->by[SC_FAIL],
                  c->by[SC_ERROR], plural(c->by[SC_ERROR], "error", "errors"), c->by[SC_SKIP]);
}

/* How the results stand against the baseline; only with one. */
static void baseline_line(struct sc_buf *b, const struct sc_counts *c)
{
    size_t failures = c->known - c->known_skips;

    sc_buf_printf(b, "baseline: %zu known (%zu %s, %zu %s), %zu new %s, %zu stale %s", c->known, failures,
                  plural(failures, "failure", "failures"), c->known_skips, plural(c->known_skips, "skip", "skips"),
                  c->new_failures, plural(c->new_failures, "failure", "failures"), c->stale,
                  plural(c->stale, "entry", "entries"));
}

/* What the text report and TAP end with, each line after PREFIX. */
static void summary_lines(struct sc_buf *b, const char *prefix, const struct sc_results *r,
                          const struct sc_counts *c)
{
    sc_buf_puts(b, prefix);
    compliance_line(b, c);
    sc_buf_printf(b, "\n%s", prefix);
    verdicts_line(b, c);
    sc_buf_puts(b, "\n");
    if (r->baseline) {
        sc_buf_puts(b, prefix);
        baseline_line(b, c);
        sc_buf_puts(b, "\n");
    }
}

/* The reason a result is shown with in a group: the baseline's, or the
 * first line of its message. */
static char *group_reason(const struct sc_result *res)
{
    return first_line(res->known ? res->known : res->message);
}

/* The ids a group's line names; the other reports name them all. */
#define GROUP_IDS 10

/* One line per group of results with the same verdict and reason among
 * those WANTED picks (known ones, or skips the baseline does not list),
 * in the order of their first case: "LABEL (N): ID, ID: reason". */
static void group_lines(struct sc_buf *b, const struct sc_results *r, bool (*wanted)(const struct sc_result *),
                        const char *label, bool with_verdict)
{
    size_t n = r->n ? r->n : 1;
    char **reason = sc_xcalloc(n, sizeof(*reason));
    size_t *group = sc_xcalloc(n, sizeof(*group));   /* 1 + the group's first case, or 0 */

    for (size_t i = 0; i < r->n; i++)
        reason[i] = wanted(&r->v[i]) ? group_reason(&r->v[i]) : NULL;
    for (size_t i = 0; i < r->n; i++) {
        if (!reason[i] || group[i])
            continue;
        size_t members = 0;
        for (size_t j = i; j < r->n; j++) {
            if (reason[j] && !group[j] && r->v[j].verdict == r->v[i].verdict && !strcmp(reason[j], reason[i])) {
                group[j] = i + 1;
                members++;
            }
        }
        sc_buf_printf(b, "%s%s%s (%zu): ", label, with_verdict ? " " : "",
                      with_verdict ? sc_verdict_to_string(r->v[i].verdict) : "", members);
        for (size_t j = i, k = 0; k < members && k < GROUP_IDS; j++) {
            if (group[j] != i + 1)
                continue;
            sc_buf_puts(b, k++ ? ", " : "");
            sc_esc_text(b, r->v[j].id);
        }
        if (members > GROUP_IDS)
            sc_buf_printf(b, " and %zu more", members - GROUP_IDS);
        sc_buf_puts(b, ": ");
        sc_esc_text(b, reason[i]);
        sc_buf_puts(b, "\n");
    }
    for (size_t i = 0; i < r->n; i++)
        free(reason[i]);
    free(reason);
    free(group);
}

static bool is_known(const struct sc_result *res)
{
    return res->known != NULL;
}

static bool is_new_skip(const struct sc_result *res)
{
    return res->verdict == SC_SKIP && !res->known;
}

/* The verdict of case ID in PROFILE for the matrix: "-" when the case
 * does not apply there. */
static const char *matrix_cell(const struct sc_results *r, const char *id, size_t idlen,
                               const char *profile)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *at = strrchr(r->v[i].id, '@');
        if (at && (size_t)(at - r->v[i].id) == idlen && !strncmp(r->v[i].id, id, idlen) &&
            !strcmp(at + 1, profile)) {
            const struct sc_result *res = &r->v[i];
            if (res->known)
                return "known";
            return res->verdict == SC_PASS ? "pass" : res->verdict == SC_FAIL ? "FAIL"
                   : res->verdict == SC_ERROR ? "ERROR" : "skip";
        }
    }
    return "-";
}

/* A run of several profiles: one row per case, one column per profile,
 * in the order the cases were run. */
static void render_matrix(struct sc_buf *b, const struct sc_results *r)
{
    size_t width = 4;

    for (size_t i = 0; i < r->n; i++) {
        const char *at = strrchr(r->v[i].id, '@');
        size_t n = at ? (size_t)(at - r->v[i].id) : strlen(r->v[i].id);
        width = n > width ? n : width;
    }
    sc_buf_printf(b, "%-*s", (int)width, "case");
    for (size_t p = 0; p < r->profiles.n; p++)
        sc_buf_printf(b, "  %s", r->profiles.v[p]);
    sc_buf_puts(b, "\n");
    for (size_t i = 0; i < r->n; i++) {
        const char *id = r->v[i].id, *at = strrchr(id, '@');
        size_t n = at ? (size_t)(at - id) : strlen(id);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            const char *other = strrchr(r->v[j].id, '@');
            seen = other && (size_t)(other - r->v[j].id) == n && !strncmp(r->v[j].id, id, n);
        }
        if (seen)
            continue;
        struct sc_buf row = { 0 };
        sc_buf_printf(&row, "%.*s", (int)n, id);
        sc_esc_text(b, row.data);
        sc_buf_free(&row);
        sc_buf_printf(b, "%*s", (int)(width - n), "");
        for (size_t p = 0; p < r->profiles.n; p++)
            sc_buf_printf(b, "  %-*s", p + 1 < r->profiles.n ? (int)strlen(r->profiles.v[p]) : 0,
                          matrix_cell(r, id, n, r->profiles.v[p]));
        sc_buf_puts(b, "\n");
    }
}

/* The console: new failures first, each with its message and diff;
 * stale entries; skips and known results one line per group; for a run
 * of several profiles, the matrix of cases and profiles; then the
 * counts. */
static void render_text(struct sc_buf *b, const struct sc_results *r, const struct sc_counts *c, bool color)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        if (!sc_result_is_new_failure(res))
            continue;
        sc_buf_printf(b, "%-5s ", res->verdict == SC_FAIL ? "FAIL" : "ERROR");
        sc_esc_text(b, res->id);
        if (res->description) {
            sc_buf_puts(b, ": ");
            sc_esc_text(b, res->description);
        }
        if (res->listed != SC_PASS)
            sc_buf_printf(b, " (the baseline lists it as %s)", sc_verdict_to_string(res->listed));
        sc_buf_puts(b, "\n");
        sc_esc_text_lines(b, "      ", res->message, color);
    }
    for (size_t i = 0; i < r->stale.n; i++) {
        sc_buf_puts(b, "STALE ");
        sc_esc_text(b, r->stale.v[i]);
        sc_buf_puts(b, ": passes now; remove it from the baseline\n");
    }
    group_lines(b, r, is_new_skip, "skipped", false);
    group_lines(b, r, is_known, "known", true);
    if (r->profiles.n > 1)
        render_matrix(b, r);
    summary_lines(b, "", r, c);
}

static void render_tap(struct sc_buf *b, const struct sc_results *r, const struct sc_counts *c)
{
    sc_buf_printf(b, "TAP version 13\n1..%zu\n", r->n + r->stale.n);
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        char *why = first_line(res->known ? res->known : res->message);
        sc_buf_printf(b, "%s %zu - ", res->verdict == SC_PASS || res->verdict == SC_SKIP ? "ok" : "not ok",
                      i + 1);
        sc_esc_tap(b, res->id);
        if (res->verdict == SC_SKIP)
            sc_buf_puts(b, " # SKIP ");
        else if (res->known)
            sc_buf_puts(b, " # TODO known failure: ");
        if (res->verdict == SC_SKIP || res->known)
            sc_esc_tap(b, why);
        sc_buf_puts(b, "\n");
        if (res->verdict == SC_FAIL || res->verdict == SC_ERROR) {
            /* a literal block: its lines are text, each indented */
            sc_buf_printf(b, "  ---\n  result: %s\n  expected: %s\n  actual: %s\n  message: |\n",
                          sc_verdict_to_string(res->verdict), res->expected, res->actual);
            sc_esc_text_lines(b, "    ", res->message, false);
            sc_buf_puts(b, "  ...\n");
        }
        free(why);
    }
    for (size_t i = 0; i < r->stale.n; i++) {
        sc_buf_printf(b, "not ok %zu - baseline entry ", r->n + i + 1);
        sc_esc_tap(b, r->stale.v[i]);
        sc_buf_puts(b, " passes now; remove it\n");
    }
    summary_lines(b, "# ", r, c);
}

static void set_count(xmlNodePtr n, const char *name, size_t v)
{
    char num[32];

    snprintf(num, sizeof(num), "%zu", v);
    xmlSetProp(n, BAD_CAST name, BAD_CAST num);
}

static void add_clean_prop(xmlNodePtr n, const char *name, const char *value)
{
    char *clean = sc_xml_clean(value);

    xmlSetProp(n, BAD_CAST name, BAD_CAST clean);
    free(clean);
}

static xmlNodePtr add_clean_child(xmlNodePtr parent, const char *name, const char *text)
{
    char *clean = sc_xml_clean(text);
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

    xmlNodeAddContent(n, BAD_CAST clean);   /* escaped by libxml2 on output */
    free(clean);
    return n;
}

static void add_property(xmlNodePtr props, const char *name, const char *value)
{
    xmlNodePtr prop = xmlNewChild(props, NULL, BAD_CAST "property", NULL);

    xmlSetProp(prop, BAD_CAST "name", BAD_CAST name);
    xmlSetProp(prop, BAD_CAST "value", BAD_CAST value);
}

static void add_count_property(xmlNodePtr props, const char *name, size_t v)
{
    char num[32];

    snprintf(num, sizeof(num), "%zu", v);
    add_property(props, name, num);
}

/* The counts every format states, as properties; the suite's own
 * attributes are what a CI reads: a known failure is skipped there,
 * and a stale entry is a failing test of its own. */
static void junit_counts(xmlNodePtr suite, const struct sc_results *r, const struct sc_counts *c)
{
    xmlNodePtr props = xmlNewChild(suite, NULL, BAD_CAST "properties", NULL);
    char compliance[64];
    size_t new_errors = 0;

    for (size_t i = 0; i < r->n; i++)
        new_errors += r->v[i].verdict == SC_ERROR && !r->v[i].known;
    set_count(suite, "tests", c->total + c->stale);
    set_count(suite, "failures", c->new_failures - new_errors + c->stale);
    set_count(suite, "errors", new_errors);
    set_count(suite, "skipped", c->by[SC_SKIP] + c->known - c->known_skips);
    snprintf(compliance, sizeof(compliance), "%zu/%zu", c->by[SC_PASS], c->total);
    add_property(props, "compliance", compliance);
    for (int v = 0; v < SC_VERDICT_LAST; v++)
        add_count_property(props, sc_verdict_to_string((enum sc_verdict)v), c->by[v]);
    if (r->baseline) {
        add_count_property(props, "known", c->known);
        add_count_property(props, "known-skips", c->known_skips);
        add_count_property(props, "new", c->new_failures);
        add_count_property(props, "stale", c->stale);
    }
}

static void render_junit(struct sc_buf *b, const struct sc_results *r, const struct sc_counts *c)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr suites = xmlNewDocNode(doc, NULL, BAD_CAST "testsuites", NULL);
    xmlNodePtr suite;
    xmlChar *mem = NULL;
    int len = 0;

    xmlDocSetRootElement(doc, suites);
    xmlSetProp(suites, BAD_CAST "name", BAD_CAST "snapcheck");
    suite = xmlNewChild(suites, NULL, BAD_CAST "testsuite", NULL);
    add_clean_prop(suite, "name", r->subject);
    junit_counts(suite, r, c);
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        xmlNodePtr tc = xmlNewChild(suite, NULL, BAD_CAST "testcase", NULL);
        add_clean_prop(tc, "classname", "snapcheck");
        add_clean_prop(tc, "name", res->id);
        if (res->verdict == SC_PASS)
            continue;
        /* a known failure is skipped for CI, and says why */
        const char *kind = res->verdict == SC_SKIP || res->known ? "skipped"
                           : res->verdict == SC_FAIL ? "failure" : "error";
        char *why = first_line(res->known ? res->known : res->message);
        char *label = res->known && res->verdict != SC_SKIP ? sc_xasprintf("known failure: %s", why)
                      : sc_xstrdup(why);
        xmlNodePtr n = add_clean_child(tc, kind, res->verdict == SC_SKIP ? "" : res->message);
        add_clean_prop(n, "message", label);
        add_clean_prop(n, "type", sc_verdict_to_string(res->verdict));
        free(label);
        free(why);
    }
    for (size_t i = 0; i < r->stale.n; i++) {
        xmlNodePtr tc = xmlNewChild(suite, NULL, BAD_CAST "testcase", NULL);
        char *name = sc_xasprintf("baseline: %s", r->stale.v[i]);
        add_clean_prop(tc, "classname", "snapcheck");
        add_clean_prop(tc, "name", name);
        xmlNodePtr f = xmlNewChild(tc, NULL, BAD_CAST "failure", NULL);
        add_clean_prop(f, "message", "passes now; remove it from the baseline");
        free(name);
    }
    xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
    sc_esc_xml_output(b, mem ? (const char *)mem : "");
    xmlFree(mem);
    xmlFreeDoc(doc);
}

static void json_field(struct sc_buf *b, const char *name, const char *value, bool first)
{
    sc_buf_printf(b, "%s\"%s\":", first ? "" : ",", name);
    if (value)
        sc_esc_json(b, value);
    else
        sc_buf_puts(b, "null");
}

static void json_count(struct sc_buf *b, const char *name, size_t v)
{
    sc_buf_printf(b, ",\"%s\":%zu", name, v);
}

static void render_jsonl(struct sc_buf *b, const struct sc_results *r, const struct sc_counts *c)
{
    char shard[64];

    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        sc_buf_puts(b, "{");
        json_field(b, "type", "case", true);
        json_field(b, "id", res->id, false);
        json_field(b, "result", sc_verdict_to_string(res->verdict), false);
        json_field(b, "expected", res->expected, false);
        json_field(b, "actual", res->actual, false);
        json_field(b, "message", res->message, false);
        json_field(b, "known", res->known, false);
        json_field(b, "listed", res->listed != SC_PASS ? sc_verdict_to_string(res->listed) : NULL, false);
        json_field(b, "description", res->description, false);
        sc_buf_puts(b, "}\n");
    }
    for (size_t i = 0; i < r->stale.n; i++) {
        sc_buf_puts(b, "{");
        json_field(b, "type", "stale-baseline", true);
        json_field(b, "id", r->stale.v[i], false);
        sc_buf_puts(b, "}\n");
    }
    snprintf(shard, sizeof(shard), "%u/%u", r->shard, r->shards);
    sc_buf_puts(b, "{");
    json_field(b, "type", "summary", true);
    json_field(b, "subject", r->subject, false);
    json_field(b, "settings", r->settings, false);
    json_field(b, "shard", r->shards ? shard : NULL, false);
    json_field(b, "baseline", r->baseline, false);
    if (r->profile)
        json_field(b, "profile", r->profile, false);
    json_count(b, "passed", c->by[SC_PASS]);
    json_count(b, "total", c->total);
    json_count(b, "failed", c->by[SC_FAIL]);
    json_count(b, "errors", c->by[SC_ERROR]);
    json_count(b, "skipped", c->by[SC_SKIP]);
    json_count(b, "known", c->known);
    json_count(b, "known_skips", c->known_skips);
    json_count(b, "new", c->new_failures);
    json_count(b, "stale", c->stale);
    sc_buf_puts(b, "}\n");
}

/* A Markdown table cell: the first line of S. */
static void md_cell(struct sc_buf *b, const char *s)
{
    char *line = first_line(s);

    sc_esc_md(b, line);
    free(line);
}

static void render_markdown(struct sc_buf *b, const struct sc_results *r, const struct sc_counts *c)
{
    sc_buf_puts(b, "## snapcheck: ");
    sc_esc_md(b, r->subject);
    sc_buf_puts(b, "\n\n**");
    compliance_line(b, c);
    sc_buf_puts(b, "**\n\n| result | cases |\n|---|---:|\n");
    for (int v = 0; v < SC_VERDICT_LAST; v++)
        sc_buf_printf(b, "| %s | %zu |\n", sc_verdict_to_string((enum sc_verdict)v), c->by[v]);
    if (r->baseline)
        sc_buf_printf(b, "| known (baseline) | %zu |\n| known skips (baseline) | %zu |\n"
                         "| new failures | %zu |\n| stale baseline entries | %zu |\n",
                      c->known, c->known_skips, c->new_failures, c->stale);
    if (c->by[SC_PASS] == c->total && !c->stale)
        return;
    sc_buf_puts(b, "\n| case | result | expected | actual | why |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        if (res->verdict == SC_PASS)
            continue;
        sc_buf_puts(b, "| ");
        sc_esc_md_code(b, res->id);
        sc_buf_printf(b, " | %s", sc_verdict_to_string(res->verdict));
        if (res->known)
            sc_buf_puts(b, " (known)");
        else if (res->listed != SC_PASS)
            sc_buf_printf(b, " (listed as %s)", sc_verdict_to_string(res->listed));
        sc_buf_printf(b, " | %s | %s | ", res->expected, res->actual);
        md_cell(b, res->known ? res->known : res->message);
        sc_buf_puts(b, " |\n");
    }
    for (size_t i = 0; i < r->stale.n; i++) {
        sc_buf_puts(b, "| ");
        sc_esc_md_code(b, r->stale.v[i]);
        sc_buf_puts(b, " | stale | fail | pass | passes now; remove it from the baseline |\n");
    }
}

char *sc_report_render(const struct sc_results *r, enum sc_report_format fmt, bool color)
{
    struct sc_buf b = { 0 };
    struct sc_counts c;

    sc_results_count(r, &c);

    sc_buf_puts(&b, "");
    switch (fmt) {
    case SC_REPORT_TEXT:
        render_text(&b, r, &c, color);
        break;
    case SC_REPORT_TAP:
        render_tap(&b, r, &c);
        break;
    case SC_REPORT_JUNIT:
        render_junit(&b, r, &c);
        break;
    case SC_REPORT_JSONL:
        render_jsonl(&b, r, &c);
        break;
    case SC_REPORT_MARKDOWN:
        render_markdown(&b, r, &c);
        break;
    case SC_REPORT_LAST:
        break;
    }
    return sc_buf_steal(&b);
}
