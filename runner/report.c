/*
 * report.c: the report formats.  Every name and every message goes
 * through its format's escaping (escape.h), so that nothing a file name,
 * a baseline or an implementation holds can add, end or change a line of
 * a report.  JUnit is built as a libxml2 tree and serialised by libxml2,
 * which escapes markup; text is cleaned of what XML cannot hold before,
 * and the document made safe for a CI log after.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "buf.h"
#include "escape.h"

static const char *const format_names[] = {
    [SC_REPORT_TEXT] = "text",
    [SC_REPORT_TAP] = "tap",
    [SC_REPORT_JUNIT] = "junit",
    [SC_REPORT_JSONL] = "jsonl",
    [SC_REPORT_MARKDOWN] = "markdown",
};
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

/* The first line of a message (newly allocated). */
static char *first_line(const char *msg)
{
    msg = msg ? msg : "";
    return sc_xasprintf("%.*s", (int)strcspn(msg, "\n"), msg);
}

struct counts {
    size_t by[SC_VERDICT_LAST];
    size_t known, passed, total;
};

static struct counts count(const struct sc_results *r)
{
    struct counts c = { { 0 }, 0, 0, 0 };

    for (size_t i = 0; i < r->n; i++) {
        c.by[r->v[i].verdict]++;
        c.known += r->v[i].known != NULL;
    }
    sc_results_compliance(r, &c.passed, &c.total);
    return c;
}

static void compliance_line(struct sc_buf *b, const struct counts *c)
{
    sc_buf_printf(b, "compliance: %zu/%zu passed (%.1f%%)", c->passed, c->total,
                  c->total ? 100.0 * (double)c->passed / (double)c->total : 100.0);
}

static void render_text(struct sc_buf *b, const struct sc_results *r, const struct counts *c, bool color)
{
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        if (res->verdict == SC_PASS) {
            sc_buf_puts(b, "ok    ");
            sc_esc_text(b, res->id);
            sc_buf_puts(b, "\n");
            continue;
        }
        sc_buf_printf(b, "%-5s ", res->verdict == SC_FAIL ? "FAIL" : res->verdict == SC_ERROR ? "ERROR" : "skip");
        sc_esc_text(b, res->id);
        if (res->description) {
            sc_buf_puts(b, ": ");
            sc_esc_text(b, res->description);
        }
        if (res->known) {
            sc_buf_puts(b, " (known: ");
            sc_esc_text(b, res->known);
            sc_buf_puts(b, ")");
        }
        sc_buf_puts(b, "\n");
        sc_esc_text_lines(b, "      ", res->message, color);
    }
    for (size_t i = 0; i < r->stale.n; i++) {
        sc_buf_puts(b, "STALE ");
        sc_esc_text(b, r->stale.v[i]);
        sc_buf_puts(b, ": passes now; remove it from the baseline\n");
    }
    compliance_line(b, c);
    sc_buf_printf(b, "; %zu known failure%s (baseline)\n", c->known, c->known == 1 ? "" : "s");
    /* the last line is the gate's verdict: known failures are not counted */
    sc_buf_printf(b, "%zu passed, %zu failed", c->by[SC_PASS], sc_results_regressions(r) + r->stale.n);
    if (c->by[SC_SKIP])
        sc_buf_printf(b, ", %zu skipped", c->by[SC_SKIP]);
    sc_buf_puts(b, "\n");
}

static void render_tap(struct sc_buf *b, const struct sc_results *r, const struct counts *c)
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
    sc_buf_puts(b, "# ");
    compliance_line(b, c);
    sc_buf_puts(b, "\n");
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

static void render_junit(struct sc_buf *b, const struct sc_results *r, const struct counts *c)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr suites = xmlNewDocNode(doc, NULL, BAD_CAST "testsuites", NULL);
    xmlNodePtr suite, props, prop;
    size_t failures = r->stale.n, errors = 0;
    char compliance[64];
    xmlChar *mem = NULL;
    int len = 0;

    for (size_t i = 0; i < r->n; i++) {
        failures += r->v[i].verdict == SC_FAIL && !r->v[i].known;
        errors += r->v[i].verdict == SC_ERROR && !r->v[i].known;
    }
    xmlDocSetRootElement(doc, suites);
    xmlSetProp(suites, BAD_CAST "name", BAD_CAST "snapcheck");
    suite = xmlNewChild(suites, NULL, BAD_CAST "testsuite", NULL);
    add_clean_prop(suite, "name", r->subject);
    set_count(suite, "tests", r->n + r->stale.n);
    set_count(suite, "failures", failures);
    set_count(suite, "errors", errors);
    set_count(suite, "skipped", c->by[SC_SKIP] + c->known);
    props = xmlNewChild(suite, NULL, BAD_CAST "properties", NULL);
    prop = xmlNewChild(props, NULL, BAD_CAST "property", NULL);
    snprintf(compliance, sizeof(compliance), "%zu/%zu", c->passed, c->total);
    xmlSetProp(prop, BAD_CAST "name", BAD_CAST "compliance");
    xmlSetProp(prop, BAD_CAST "value", BAD_CAST compliance);
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
        char *label = res->known ? sc_xasprintf("known failure: %s", why) : sc_xstrdup(why);
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

static void render_jsonl(struct sc_buf *b, const struct sc_results *r, const struct counts *c)
{
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
        sc_buf_puts(b, "}\n");
    }
    for (size_t i = 0; i < r->stale.n; i++) {
        sc_buf_puts(b, "{");
        json_field(b, "type", "stale-baseline", true);
        json_field(b, "id", r->stale.v[i], false);
        sc_buf_puts(b, "}\n");
    }
    sc_buf_puts(b, "{");
    json_field(b, "type", "summary", true);
    json_field(b, "subject", r->subject, false);
    sc_buf_printf(b, ",\"passed\":%zu,\"total\":%zu,\"failed\":%zu,\"errors\":%zu,\"skipped\":%zu,"
                     "\"known\":%zu,\"stale\":%zu}\n",
                  c->passed, c->total, c->by[SC_FAIL], c->by[SC_ERROR], c->by[SC_SKIP], c->known,
                  r->stale.n);
}

/* A Markdown table cell: the first line of S. */
static void md_cell(struct sc_buf *b, const char *s)
{
    char *line = first_line(s);

    sc_esc_md(b, line);
    free(line);
}

static void render_markdown(struct sc_buf *b, const struct sc_results *r, const struct counts *c)
{
    sc_buf_puts(b, "## snapcheck: ");
    sc_esc_md(b, r->subject);
    sc_buf_puts(b, "\n\n**");
    compliance_line(b, c);
    sc_buf_puts(b, "**\n\n| result | cases |\n|---|---:|\n");
    for (int v = 0; v < SC_VERDICT_LAST; v++)
        sc_buf_printf(b, "| %s | %zu |\n", sc_verdict_to_string((enum sc_verdict)v), c->by[v]);
    sc_buf_printf(b, "| known (baseline) | %zu |\n| stale baseline entries | %zu |\n", c->known,
                  r->stale.n);
    if (c->passed == c->total && !r->stale.n)
        return;
    sc_buf_puts(b, "\n| case | result | expected | actual | why |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        if (res->verdict == SC_PASS)
            continue;
        sc_buf_puts(b, "| ");
        sc_esc_md_code(b, res->id);
        sc_buf_printf(b, " | %s%s | %s | %s | ", sc_verdict_to_string(res->verdict),
                      res->known ? " (known)" : "", res->expected, res->actual);
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
    struct counts c = count(r);

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
