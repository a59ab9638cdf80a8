/*
 * tests/hostile_names.c: names and foreign text that try to forge
 * output.  Documents whose file names hold a newline and a GitHub
 * workflow command, a TAP directive, backticks and pipes, ANSI escapes,
 * bytes that are not UTF-8 or Unicode line breaks and spaces, and an
 * implementation that prints such text, go through every report format
 * and standard error.  No line may be taken for a CI runner's command,
 * carry a terminal escape, or be forged in its format; TAP must parse
 * (prove, when installed, judges too), JUnit be well-formed, JSON Lines
 * parse, and Markdown tables keep their columns.  A diagnostic of each
 * severity, with a file and line or without, has the one form the tool
 * prints it in.
 */
#define _GNU_SOURCE   /* memmem */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/escape.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

static const char *const hostile[] = {
    "x\n::error::forged.xml",
    "::error::lead.xml",
    "x # TODO.xml",
    "a`b|c``d.xml",
    "e\033[31mred\033[0m.xml",
    "bad\xff\xfe.xml",
    "x##[error]legacy.xml",
    "cr\r::warning::x.xml",
    "\xc2\xa0::notice::nbsp.xml",
    "ls\xe2\x80\xa8::error::sep.xml",
    "back\\slash|.xml",
};
#define NHOSTILE (sizeof(hostile) / sizeof(hostile[0]))

static char *names_dir;

static int make_names(void **state)
{
    (void)state;
    names_dir = harness_tmp_path("names");
    if (mkdir(names_dir, 0700) != 0)
        return -1;
    for (size_t i = 0; i < NHOSTILE; i++)
        free(harness_write(names_dir, hostile[i], "<domainsnapshot><state>Running</state></domainsnapshot>\n"));
    return 0;
}

static int free_names(void **state)
{
    (void)state;
    free(names_dir);
    return 0;
}

/* TEXT as the tool would show it, for failure messages. */
static char *shown(const char *text)
{
    struct sc_buf b = { 0 };

    sc_esc_text_lines(&b, "    ", text, false);
    return b.data ? sc_buf_steal(&b) : sc_xstrdup("");
}

/* Past the whitespace GitHub's runner trims before it looks for a
 * command (.NET's TrimStart: ASCII and Unicode spaces). */
static const char *skip_spaces(const char *p, const char *end)
{
    static const char *const wide[] = { "\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8",
                                        "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80" };

    for (bool more = true; more;) {
        more = false;
        if (p < end && (*p == ' ' || *p == '\t' || *p == '\v' || *p == '\f')) {
            p++, more = true;
        } else if (end - p >= 3 && !memcmp(p, "\xe2\x80", 2) && (unsigned char)p[2] <= 0x8a) {
            p += 3, more = true;   /* U+2000 to U+200A */
        }
        for (size_t i = 0; !more && i < sizeof(wide) / sizeof(wide[0]); i++) {
            size_t n = strlen(wide[i]);
            if ((size_t)(end - p) >= n && !memcmp(p, wide[i], n))
                p += n, more = true;
        }
    }
    return p;
}

/* No line of TEXT (which WHAT names) is a CI runner's command (a line
 * starting with "::" once trimmed, "##[" or "##vso[" anywhere; lines end
 * at CR or LF), and no terminal escape or Unicode line break is raw. */
static void assert_no_forged_line(const char *what, const char *text)
{
    static const char *const raw[] = { "\033", "\xc2\x9b", "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9",
                                       "##[", "##vso[" };

    for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
        if (strstr(text, raw[i])) {
            char *s = shown(text);
            fail_msg("%s holds %s:\n%s", what, i < 5 ? "a raw control or line break" : "a legacy workflow command", s);
        }
    }
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\r\n");
        const char *p = skip_spaces(line, line + n);
        if (line + n - p >= 2 && p[0] == ':' && p[1] == ':') {
            char *s = shown(text);
            fail_msg("%s has a line a CI runner takes for a command:\n%s", what, s);
        }
        line += n + (line[n] != '\0');
    }
}

/* Runs snapcheck in the directory of hostile names with ARGV, then
 * its standard output's and error's lines are checked. */
static struct tool_result run_names(const char *const *argv)
{
    struct tool_result r = harness_tool_in(names_dir, argv, NULL, NULL);

    assert_no_forged_line("standard output", r.out);
    assert_no_forged_line("standard error", r.err);
    return r;
}

/* The argument vector: COMMAND's words, then every hostile name. */
static const char **with_names(const char *const *words)
{
    size_t n = 0;
    const char **argv;

    while (words[n])
        n++;
    argv = sc_xcalloc(n + NHOSTILE + 1, sizeof(*argv));
    memcpy(argv, words, n * sizeof(*argv));
    memcpy(argv + n, hostile, NHOSTILE * sizeof(*argv));
    return argv;
}

static void test_escapes_are_c_escapes(void **state)
{
    static const struct { const char *in, *text, *tap, *md_code, *json; } cases[] = {
        { "cases/valid/disk-a_b.1 x.xml", "cases/valid/disk-a_b.1 x.xml", "cases/valid/disk-a_b.1 x.xml",
          "`cases/valid/disk-a_b.1 x.xml`", "\"cases/valid/disk-a_b.1 x.xml\"" },
        { "x\n::error::y", "x\\n::error::y", "x\\n::error::y", "`x\\n::error::y`", "\"x\\n::error::y\"" },
        { "::e", "\\x3a:e", "\\x3a:e", "`::e`", "\"::e\"" },
        { "e\033[0m\xff", "e\\e[0m\\xff", "e\\e[0m\\xff", "`e\\e[0m\\xff`", "\"e\\u001b[0m\xEF\xBF\xBD\"" },
        { "a##[b # c\\", "a#\\x23[b # c\\\\", "a\\#\\#[b \\# c\\\\", "`a#\\x23[b # c\\\\`", "\"a#\\u0023[b # c\\\\\"" },
        { "\xe2\x80\xa8\xc3\xa9", "\\u2028\xc3\xa9", "\\u2028\xc3\xa9", "`\\u2028\xc3\xa9`", "\"\\u2028\xc3\xa9\"" },
        { "`a|b", "`a|b", "`a|b", "`` `a\\|b ``", "\"`a|b\"" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sc_buf b[4] = { { 0 } };
        sc_esc_text(&b[0], cases[i].in);
        sc_esc_tap(&b[1], cases[i].in);
        sc_esc_md_code(&b[2], cases[i].in);
        sc_esc_json(&b[3], cases[i].in);
        assert_string_equal(b[0].data, cases[i].text);
        assert_string_equal(b[1].data, cases[i].tap);
        assert_string_equal(b[2].data, cases[i].md_code);
        assert_string_equal(b[3].data, cases[i].json);
        for (int k = 0; k < 4; k++)
            sc_buf_free(&b[k]);
    }
    /* a ':' starts a line only at its start */
    struct sc_buf b = { 0 };
    sc_buf_puts(&b, "name ");
    sc_esc_text(&b, "::e");
    assert_string_equal(b.data, "name ::e");
    sc_buf_free(&b);
    /* Markdown text: what Markdown reads, escaped on top of the C form */
    sc_esc_md(&b, "a|b_`c*<d>[e]&$#\\\n");
    assert_string_equal(b.data, "a\\|b\\_\\`c\\*\\<d\\>\\[e\\]\\&\\$\\#\\\\\\\\\\\\n");
    sc_buf_free(&b);
    /* XML as serialised: content that would start a command, as references */
    sc_esc_xml_output(&b, "<a x=\"y##z\">\n  ::b\xe2\x80\xa8</a>");
    assert_string_equal(b.data, "<a x=\"y#&#35;z\">\n  &#58;:b&#x2028;</a>");
    sc_buf_free(&b);
}

/* FILE:LINE: SEVERITY: MSG, the line left out when there is none, the
 * file the diagnostic's own or else the one it is printed under, a
 * diagnostic of no file the tool's own; names and messages escaped. */
static void test_diagnostic_forms(void **state)
{
    struct sc_diag_list l = { 0 };
    struct sc_error err;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    (void)state;
    assert_non_null(out);
    sc_diag_add(&l, 3, "bad %s", "value");
    sc_diag_add_in(&l, "inc.rng", 0, "cannot open");
    sc_diag_list_take(&l, &(struct sc_diag){ .file = sc_xstrdup("x\n::error::y"), .severity = SC_SEV_WARNING,
                                             .msg = sc_xstrdup("a link; not followed") });
    sc_diag_list_take(&l, &(struct sc_diag){ .line = 7, .severity = SC_SEV_NOTE, .msg = sc_xstrdup("\033[31m") });
    sc_error_set(&err, 12, "disk", "no such %s", "thing");
    sc_diag_add_error(&l, &err);
    sc_diag_list_print(out, "doc.xml", &l);
    sc_diag_print(out, NULL, &(struct sc_diag){ .msg = "cannot write o" });
    sc_diag_print(out, NULL, &(struct sc_diag){ .severity = SC_SEV_WARNING, .msg = "w" });
    assert_int_equal(fclose(out), 0);
    assert_string_equal(text, "doc.xml:3: error: bad value\n"
                              "inc.rng: error: cannot open\n"
                              "x\\n::error::y: warning: a link; not followed\n"
                              "doc.xml:7: note: \\e[31m\n"
                              "doc.xml:12: error: no such thing\n"
                              "snapcheck: cannot write o\n"
                              "snapcheck: warning: w\n");
    free(text);
    text = sc_diag_list_text("doc.xml", &l);
    assert_string_equal(text, "doc.xml:3: error: bad value\n"
                              "inc.rng: error: cannot open\n"
                              "x\n::error::y: warning: a link; not followed\n"
                              "doc.xml:7: note: \033[31m\n"
                              "doc.xml:12: error: no such thing\n");
    free(text);
    sc_diag_list_free(&l);
}

/* Standard error: one "NAME:LINE: error: …" line per diagnostic, the
 * names given as they are (relative) and found by a walk. */
static void test_stderr_diagnostics(void **state)
{
    const char **argv = with_names((const char *[]){ "validate", NULL });

    (void)state;
    struct tool_result r = run_names(argv);
    assert_int_equal(r.status, 1);
    size_t lines = 0;
    for (const char *line = r.err; *line; lines++) {
        size_t n = strcspn(line, "\n");
        if (!memmem(line, n, ": error: ", 9))
            fail_msg("not a diagnostic: %.*s", (int)n, line);
        line += n + (line[n] == '\n');
    }
    assert_true(lines >= NHOSTILE);
    harness_tool_free(&r);
    r = run_names((const char *[]){ "validate", ".", NULL });
    assert_int_equal(r.status, 1);
    harness_tool_free(&r);
    free(argv);
}

/* Each line of the text report is one of its own kinds: FAILURES new
 * failures, and SKIPS skipped cases in groups of one line each. */
static void check_text(const char *text, size_t failures, size_t skips)
{
    size_t fails = 0, skipped = 0, p, f;

    assert_no_forged_line("the text report", text);
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n"), group = 0;
        fails += !strncmp(line, "FAIL  ", 6);
        if (sscanf(line, "skipped (%zu): ", &group) == 1)
            skipped += group;
        else if (strncmp(line, "FAIL  ", 6) && strncmp(line, "      ", 6) && strncmp(line, "known fail (", 12) &&
                 strncmp(line, "compliance: ", 12) && strncmp(line, "baseline: ", 10) &&
                 sscanf(line, "%zu passed, %zu failed, ", &p, &f) != 2)
            fail_msg("a line the text report does not write: %.*s", (int)n, line);
        line += n + (line[n] == '\n');
    }
    assert_int_equal(fails, failures);
    assert_int_equal(skipped, skips);
}

/* TAP, line by line: the plan, one test line per result of the kind
 * WANT gives ('F' not ok, 'T' not ok # TODO, 'S' ok # SKIP), YAML blocks
 * indented, comments; nothing else. */
static void check_tap(const char *tap, const char *want)
{
    size_t next = 1, plan = 0;
    bool yaml = false;

    assert_no_forged_line("the TAP report", tap);
    assert_null(strchr(tap, '\r'));
    for (const char *line = tap; *line;) {
        size_t n = strcspn(line, "\n");
        char *l = sc_xasprintf("%.*s", (int)n, line), *desc = NULL;
        size_t num;
        int ok = !strncmp(l, "ok ", 3), not_ok = !strncmp(l, "not ok ", 7);
        if (yaml) {
            if (strncmp(l, "  ", 2))
                fail_msg("a line inside a YAML block is not indented: %s", l);
            yaml = strcmp(l, "  ...") != 0;
        } else if (!strcmp(l, "  ---")) {
            yaml = true;
        } else if (ok || not_ok) {
            if (sscanf(l + (ok ? 3 : 7), "%zu", &num) != 1 || num != next || !(desc = strstr(l, " - ")))
                fail_msg("test line %zu is not numbered in order: %s", next, l);
            const char *hash = desc;
            while (*hash && *hash != '#')
                hash += *hash == '\\' && hash[1] ? 2 : 1;
            char kind = !*hash ? (not_ok ? 'F' : 'P') : !strncmp(hash, "# SKIP", 6) && ok ? 'S'
                        : !strncmp(hash, "# TODO", 6) && not_ok ? 'T' : '?';
            if (next > strlen(want) || kind != want[next - 1])
                fail_msg("test %zu reads as '%c', not '%c': %s", next, kind,
                         next > strlen(want) ? '-' : want[next - 1], l);
            next++;
        } else if (strcmp(l, "TAP version 13") && l[0] != '#' && sscanf(l, "1..%zu", &plan) != 1) {
            fail_msg("a line that is not TAP: %s", l);
        }
        free(l);
        line += n + (line[n] == '\n');
    }
    assert_int_equal(plan, strlen(want));
    assert_int_equal(next - 1, plan);
}

/* prove, when installed, must count FAILED of TESTS as failed and find
 * nothing to complain about. */
static void check_with_prove(const char *tap, size_t tests, size_t failed)
{
    if (system("command -v prove >/dev/null 2>&1") != 0) {
        print_message("prove is not installed: TAP is checked line by line only\n");
        return;
    }
    char *path = harness_write(harness_tmpdir(), "names.tap", tap);
    char *cmd = sc_xasprintf("prove -e cat '%s' 2>&1", path);
    char *want = sc_xasprintf("Tests: %zu Failed: %zu)", tests, failed);
    struct sc_buf out = { 0 };
    char chunk[4096];
    size_t n;
    FILE *p = popen(cmd, "r");

    assert_non_null(p);
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        sc_buf_add(&out, chunk, n);
    pclose(p);
    if (!out.data || !strstr(out.data, want) || strstr(out.data, "Parse errors") ||
        strstr(out.data, "TODO passed"))
        fail_msg("prove does not see %zu failed of %zu:\n%s", failed, tests, out.data ? out.data : "");
    sc_buf_free(&out);
    free(want);
    free(cmd);
    free(path);
}

/* Well-formed, CASES test cases, and each name XML can hold, exact. */
static void check_junit(const char *xml, size_t cases, const char *const *names, size_t nnames)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "report.xml", NULL, XML_PARSE_NONET);
    size_t found = 0;

    assert_no_forged_line("the JUnit report", xml);
    if (!doc)
        fail_msg("the JUnit report is not well-formed XML");
    xmlNodePtr suite = xmlDocGetRootElement(doc)->children;
    while (suite && suite->type != XML_ELEMENT_NODE)
        suite = suite->next;
    assert_non_null(suite);
    for (xmlNodePtr tc = suite->children; tc; tc = tc->next)
        found += tc->type == XML_ELEMENT_NODE && xmlStrEqual(tc->name, BAD_CAST "testcase");
    assert_int_equal(found, cases);
    for (size_t i = 0; i < nnames; i++) {
        bool holdable = xmlCheckUTF8(BAD_CAST names[i]), seen = false;
        for (const unsigned char *c = (const unsigned char *)names[i]; *c; c++)
            holdable = holdable && (*c >= 0x20 || *c == '\t' || *c == '\n' || *c == '\r');
        for (xmlNodePtr tc = suite->children; holdable && tc; tc = tc->next) {
            xmlChar *name = tc->type == XML_ELEMENT_NODE ? xmlGetProp(tc, BAD_CAST "name") : NULL;
            seen = seen || (name && !strcmp((const char *)name, names[i]));
            xmlFree(name);
        }
        if (holdable && !seen) {
            char *s = shown(names[i]);
            fail_msg("no test case is named\n%s", s);
        }
    }
    xmlFreeDoc(doc);
}

/* One record per line, each parsing (python3, when it runs, parses and
 * compares the case ids with NAMES, its bytes that are not UTF-8 read
 * as U+FFFD). */
static void check_jsonl(const char *jsonl, size_t records, const char *const *names, size_t nnames)
{
    size_t lines = 0;

    assert_no_forged_line("the JSON Lines report", jsonl);
    for (const char *line = jsonl; *line; lines++) {
        size_t n = strcspn(line, "\n");
        if (strncmp(line, "{\"type\":\"", 9) || line[n - 1] != '}')
            fail_msg("not a JSON record: %.*s", (int)n, line);
        for (size_t i = 0; i < n; i++)
            assert_true((unsigned char)line[i] >= 0x20);
        line += n + (line[n] == '\n');
    }
    assert_int_equal(lines, records);
    if (system("python3 -c 'import json' >/dev/null 2>&1") != 0) {
        print_message("python3 does not run here: JSON Lines checked for structure only\n");
        return;
    }
    char *path = harness_write(harness_tmpdir(), "names.jsonl", jsonl);
    struct sc_buf cmd = { 0 };
    sc_buf_printf(&cmd, "python3 -c 'import json, sys\n"
                        "recs = [json.loads(l) for l in open(sys.argv[1], encoding=\"utf-8\")]\n"
                        "ids = sorted(r[\"id\"] for r in recs if r[\"type\"] == \"case\")\n"
                        "want = sorted(bytes.fromhex(h).decode(\"utf-8\", \"replace\") for h in sys.argv[2:])\n"
                        "sys.exit(0 if not want or ids == want else 1)' '%s'", path);
    for (size_t i = 0; i < nnames; i++) {
        sc_buf_puts(&cmd, " ");
        for (const unsigned char *c = (const unsigned char *)names[i]; *c; c++)
            sc_buf_printf(&cmd, "%02x", *c);
    }
    if (system(cmd.data) != 0)
        fail_msg("python3 cannot parse the JSON Lines report, or its ids differ");
    sc_buf_free(&cmd);
    free(path);
}

static size_t unescaped_pipes(const char *line, size_t n)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++)
        count += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    return count;
}

/* Every row keeps its table's columns; the cases table has ROWS rows,
 * each case id in one intact code span. */
static void check_markdown(const char *md, size_t rows)
{
    size_t columns = 0, case_rows = 0;
    bool cases_table = false;

    assert_no_forged_line("the Markdown report", md);
    for (const char *line = md; *line;) {
        size_t n = strcspn(line, "\n");
        if (line[0] != '|') {
            columns = 0;
            if (n && strncmp(line, "## snapcheck: ", 14) && strncmp(line, "**compliance: ", 14))
                fail_msg("a line the Markdown report does not write: %.*s", (int)n, line);
        } else if (!columns) {
            columns = unescaped_pipes(line, n);
            cases_table = !strncmp(line, "| case |", 8);
        } else if (unescaped_pipes(line, n) != columns) {
            fail_msg("a row with %zu cells in a table of %zu: %.*s", unescaped_pipes(line, n) - 1,
                     columns - 1, (int)n, line);
        } else if (cases_table && strncmp(line, "|---", 4)) {
            /* "| " fence, text, fence " |": no run of the fence's length inside */
            const char *cell = line + 2, *end = cell;
            while (*end && (*end != '|' || end[-1] == '\\'))
                end++;
            end--;   /* the space before the pipe */
            size_t k = strspn(cell, "`");
            for (const char *p = cell + k; p < end - k; p++) {
                size_t run = strspn(p, "`");
                if (run == k)
                    fail_msg("a code span closes early: %.*s", (int)n, line);
                p += run;
            }
            if (!k || end - cell < 2 * (long)k || strspn(end - k, "`") != k || end[-(long)k - 1] == '`')
                fail_msg("the case id is not one code span: %.*s", (int)n, line);
            case_rows++;
        }
        line += n + (line[n] == '\n');
    }
    assert_int_equal(case_rows, rows);
}

/* validate over the hostile names in every report format. */
static void test_validate_in_every_format(void **state)
{
    static const char *const formats[] = { "text", "tap", "junit", "jsonl", "markdown" };
    char want[NHOSTILE + 1];

    (void)state;
    memset(want, 'F', NHOSTILE);
    want[NHOSTILE] = '\0';
    for (size_t i = 0; i < 5; i++) {
        const char **argv = with_names((const char *[]){ "validate", "--report", formats[i], NULL });
        struct tool_result r = run_names(argv);
        assert_int_equal(r.status, 1);
        if (i == 0)
            check_text(r.out, NHOSTILE, 0);
        else if (i == 1)
            check_tap(r.out, want), check_with_prove(r.out, NHOSTILE, NHOSTILE);
        else if (i == 2)
            check_junit(r.out, NHOSTILE, hostile, NHOSTILE);
        else if (i == 3)
            check_jsonl(r.out, NHOSTILE + 1, hostile, NHOSTILE);
        else
            check_markdown(r.out, NHOSTILE);
        harness_tool_free(&r);
        free(argv);
    }
}

/* An implementation that prints ANSI escapes and workflow commands on
 * standard error, on a failing case, a known failure (whose baseline
 * reason is as hostile) and skipped cases, in every format. */
static void test_implementation_output(void **state)
{
    static const char *const formats[] = { "text", "tap", "junit", "jsonl", "markdown" };
    const struct sc_manifest *m = harness_suite->manifest;
    const size_t shards = 20;
    char want[64] = "";
    size_t n = 0;

    (void)state;
    if (m->n <= shards || m->n / shards >= sizeof(want))
        harness_skip();
    const char *fail_id = m->v[0].id, *known_id = m->v[shards].id;
    for (size_t i = 0; i < m->n; i += shards)
        want[n++] = m->v[i].id == fail_id ? 'F' : m->v[i].id == known_id ? 'T' : 'S';
    want[n] = '\0';
    char *script = sc_xasprintf(
        "#!/bin/sh\n"
        "case \"$SNAPCHECK_CASE\" in\n"
        "%s) printf '\\033[31mred\\033[0m\\n::error::forged\\n  ##[error]legacy\\n"
        "\\302\\240::warning::nbsp\\n\\342\\200\\250::error::ls\\n' >&2; exit 1 ;;\n"
        "%s) echo known >&2; exit 1 ;;\n"
        "esac\n"
        "printf 'x # TODO \\033[2J\\r::error::skip\\n' >&2\n"
        "exit 77\n", fail_id, known_id);
    char *impl = harness_impl_script("hostile-impl.sh", script);
    char *entry = sc_xasprintf("%s: \033[31m##[error]forged # SKIP |`<b>\n", known_id);
    char *baseline = harness_write(harness_tmpdir(), "hostile.baseline", entry);
    for (size_t i = 0; i < 5; i++) {
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--shard", "1/20", "--baseline",
                                                               baseline, "--report", formats[i], NULL }, NULL, NULL);
        assert_int_equal(r.status, 1);
        assert_no_forged_line("standard error", r.err);
        if (i == 0)
            check_text(r.out, 1, n - 2);
        else if (i == 1)
            check_tap(r.out, want), check_with_prove(r.out, n, 1);
        else if (i == 2)
            check_junit(r.out, n, NULL, 0);
        else if (i == 3)
            check_jsonl(r.out, n + 1, NULL, 0);
        else
            check_markdown(r.out, n);
        harness_tool_free(&r);
    }
    free(baseline);
    free(entry);
    free(impl);
    free(script);
}

/* The messages of the other commands: a missing schema or document, a
 * --filter and an option echoed back, a case id for new, a file lint
 * finds, a schema's path and values for parity, a golden's diff. */
static void test_every_command_message(void **state)
{
    static const struct { const char *argv[6]; int status; const char *says; } runs[] = {
        { { "validate", "--schema", "x\n::error::forged.rng", "::error::lead.xml", NULL }, 2, "forged.rng" },
        { { "validate", "missing\n::error::forged.xml", NULL }, 2, "cannot open" },
        { { "format", "--redefine", "x\n::error::forged.xml", NULL }, 1, ":1: error: " },
        { { "run", "--filter", "x\n::error::forged", NULL }, 2, "no case matches" },
        { { "validate", "--x\n::error::forged", NULL }, 2, "unknown option" },
    };
    char *tree = harness_scratch_tree("hostile-names-tree");

    (void)state;
    for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        struct tool_result r = run_names(runs[i].argv);
        if (r.status != runs[i].status || !strstr(r.err, runs[i].says))
            fail_msg("snapcheck %s: exit %d (expected %d), no \"%s\" on standard error", runs[i].argv[0],
                     r.status, runs[i].status, runs[i].says);
        harness_tool_free(&r);
    }
    struct tool_result r = harness_tool_in(names_dir, (const char *[]){ "new", "x\n::error::forged", "--description",
                                                                         "d\n::error::e", NULL }, NULL, tree);
    assert_int_equal(r.status, 1);
    assert_no_forged_line("new's standard error", r.err);
    harness_tool_free(&r);
    char *valid = sc_xasprintf("%s/cases/valid", tree);
    free(harness_write(valid, "x\n::error::forged ##[error]x.xml", "<domainsnapshot/>\n"));
    r = harness_tool((const char *[]){ "lint", NULL }, NULL, tree);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "not referenced"));
    assert_no_forged_line("lint's standard error", r.err);
    assert_no_forged_line("lint's standard output", r.out);
    harness_tool_free(&r);
    char *rng = harness_write(harness_tmpdir(), "x\n::error::forged.rng",
        "<element name='domainsnapshot' xmlns='http://relaxng.org/ns/structure/1.0'><element name='state'>"
        "<choice><value>running</value><value>x&#10;::error::forged</value><value>y##[error]z</value>"
        "</choice></element></element>\n");
    r = harness_tool((const char *[]){ "parity", "--schema", rng, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "is accepted by the schema but not by the state table of libvirt-10.7"));
    assert_no_forged_line("parity's standard output", r.out);
    harness_tool_free(&r);
    /* a golden spoilt with a workflow command, as its diff shows it */
    const struct sc_case *c = NULL;
    for (size_t i = 0; !c; i++)
        c = harness_suite->manifest->v[i].valid ? &harness_suite->manifest->v[i] : NULL;
    char *golden = sc_xasprintf("%s/golden/%s.xml", tree, c->id);
    char *text = harness_slurp(golden);
    char *spoilt = sc_xasprintf("%s<!-- ##[error]forged\n::error::forged -->\n", text);
    FILE *f = fopen(golden, "w");
    assert_non_null(f);
    fputs(spoilt, f);
    assert_int_equal(fclose(f), 0);
    r = harness_tool((const char *[]){ "run", "--regenerate", "--dry-run", NULL }, NULL, tree);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "forged"));
    assert_no_forged_line("the golden's diff", r.out);
    harness_tool_free(&r);
    free(spoilt);
    free(text);
    free(golden);
    free(rng);
    free(valid);
    free(tree);
}

/* A baseline written for an implementation whose command holds a line
 * break and workflow commands stays a baseline: it gates the next run. */
static void test_baseline_of_a_hostile_command(void **state)
{
    char *guard = harness_smoke_guard();
    char *impl = sc_xasprintf("%s; exit 1\n::error::forged ##[error]x", guard);
    char *baseline = harness_tmp_path("hostile-command.baseline");

    (void)state;
    harness_progress("run --impl (a hostile command) --update-baseline");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline,
                                                           "--update-baseline", NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_no_forged_line("standard output", r.out);
    harness_tool_free(&r);
    char *text = harness_slurp(baseline);
    assert_no_forged_line("the baseline", text);
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        if (line[0] != '#' && !memmem(line, n, ": ", 2))
            fail_msg("a baseline line that is neither a comment nor an entry: %.*s", (int)n, line);
        line += n + (line[n] == '\n');
    }
    harness_progress("run --impl (a hostile command) --baseline --report markdown");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline, "--report", "markdown",
                                        NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    check_markdown(r.out, harness_suite->manifest->n - 1);
    harness_tool_free(&r);
    free(text);
    free(baseline);
    free(impl);
    free(guard);
}

int harness_run_hostile_names(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_are_c_escapes),
        cmocka_unit_test(test_diagnostic_forms),
        cmocka_unit_test(test_stderr_diagnostics),
        cmocka_unit_test(test_validate_in_every_format),
        cmocka_unit_test(test_implementation_output),
        cmocka_unit_test(test_every_command_message),
        cmocka_unit_test(test_baseline_of_a_hostile_command),
    };

    return harness_group("hostile names", tests, make_names, free_names);
}
