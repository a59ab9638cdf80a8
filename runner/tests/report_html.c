/*
 * tests/report_html.c: "report --html": the site it writes from the
 * JSON Lines reports of two runs, read back with libxml2's HTML parser:
 * its pages and counts, its badges, hostile text kept as text, its
 * usage errors, the directories it writes into, and README's section
 * on it run as written.  The browser checks the same site in make check-browser
 * (browser/check.mjs); these need no browser.
 */
#include "tests/harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "util/buf.h"
#include "util/fileio.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

/* One case record and a summary, with text that would be markup, a
 * control byte and a right-to-left override in id, message and names. */
static const char hostile_jsonl[] =
    "{\"type\":\"case\",\"id\":\"<script>alert(1)</script>\\\"']]>\\u0001\\u202eid\",\"result\":\"fail\","
    "\"expected\":\"accept\",\"actual\":\"accept\",\"message\":\"<img src=x onerror=alert(2)>\",\"known\":null,"
    "\"listed\":null,\"description\":\"</title><script>alert(3)</script>\"}\n"
    "{\"type\":\"summary\",\"subject\":\"<script>alert(4)</script>\",\"settings\":null,\"shard\":null,"
    "\"baseline\":null,\"profile\":\"\\\"><b>x\",\"passed\":0,\"total\":1,\"failed\":1,\"errors\":0,"
    "\"skipped\":0}\n";

static char *site_dir;

static int make_site(void **state)
{
    char *ref = sc_xasprintf("jsonl=%s/html-ref.jsonl", harness_tmpdir());
    char *hostile = harness_write(harness_tmpdir(), "html-hostile.jsonl", hostile_jsonl);
    struct tool_result r;

    (void)state;
    site_dir = harness_tmp_path("html-site");
    r = harness_tool((const char *[]){ "run", "--report", ref, NULL }, NULL, NULL);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "report", "--html", site_dir, ref + 6, hostile, NULL }, NULL, NULL);
    free(ref);
    free(hostile);
    if (r.status != 0)
        fprintf(stderr, "report --html: exit %d: %s\n", r.status, r.err);
    harness_tool_free(&r);
    return 0;
}

static int free_site(void **state)
{
    (void)state;
    free(site_dir);
    return 0;
}

/* libxml2's HTML parser knows HTML 4 only and would name each HTML5
 * element (nav, main, section) as unknown; the tree is what counts. */
static void quiet(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* Read from memory: the harness's loader refuses a DOCTYPE in a file. */
static htmlDocPtr page(const char *name)
{
    char *path = sc_xasprintf("%s/%s", site_dir, name), *data = NULL;
    struct sc_diag diag = { 0 };
    size_t len;
    htmlDocPtr doc = NULL;

    xmlSetStructuredErrorFunc(NULL, quiet);
    if (sc_read_file(path, &data, &len, &diag) == 0)
        doc = htmlReadMemory(data, (int)len, path, "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc)
        fail_msg("%s: not an HTML page", path);
    free(data);
    free(path);
    return doc;
}

static double xpath_number(htmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    double v = o ? xmlXPathCastToNumber(o) : -1;

    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    return v;
}

static char *xpath_string(htmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
    char *out = sc_xstrdup(s ? (const char *)s : "");

    xmlFree(s);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    return out;
}

static void test_the_site_states_the_runs(void **state)
{
    size_t n = harness_suite->manifest->n;
    htmlDocPtr doc = page("index.html");
    char *expr;

    (void)state;
    assert_int_equal((int)xpath_number(doc, "count(//table[@id='summary']/tbody/tr)"), 2);
    expr = sc_xasprintf("number(//table[@id='summary']/tbody/tr[1]/td[@data-count='pass'])");
    assert_int_equal((int)xpath_number(doc, expr), (int)n);
    free(expr);
    assert_int_equal((int)xpath_number(doc, "number(//table[@id='summary']/tbody/tr[2]/td[@data-count='fail'])"), 1);
    assert_true(xpath_number(doc, "count(//svg//rect)") >= 2);
    xmlFreeDoc(doc);
    doc = page("matrix.html");
    assert_int_equal((int)xpath_number(doc, "count(//tr[@class='case'])"), (int)n + 1);
    /* every cell says its result in words, not colour alone */
    assert_int_equal((int)xpath_number(doc, "count(//table[@id='matrix']//td[normalize-space(.)=''])"), 0);
    xmlFreeDoc(doc);
    for (size_t i = 0; i < n; i += n / 8 + 1) {
        char *name = sc_xasprintf("c/%s.html", harness_suite->manifest->v[i].id), *h1;
        doc = page(name);
        h1 = xpath_string(doc, "string(//h1)");
        assert_string_equal(h1, harness_suite->manifest->v[i].id);
        free(h1);
        xmlFreeDoc(doc);
        free(name);
    }
    doc = page("drift.html");
    assert_true(xpath_number(doc, "count(//table[@id='states']//code[.='pmsuspended'])") == 1);
    xmlFreeDoc(doc);
}

static void test_badges_are_json_and_svg(void **state)
{
    char *dir = sc_xasprintf("%s/badges", site_dir);
    struct sc_diag diag = { 0 };
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t json = 0, svg = 0;

    (void)state;
    assert_non_null(d);
    while ((e = readdir(d))) {
        char *path = sc_xasprintf("%s/%s", dir, e->d_name), *data = NULL;
        size_t len;
        if (strstr(e->d_name, ".json")) {
            assert_int_equal(sc_read_file(path, &data, &len, &diag), 0);
            assert_non_null(strstr(data, "\"schemaVersion\": 1"));
            assert_non_null(strstr(data, "\"message\": \""));
            json++;
        } else if (strstr(e->d_name, ".svg")) {
            assert_int_equal(sc_read_file(path, &data, &len, &diag), 0);
            xmlDocPtr doc = xmlReadMemory(data, (int)len, path, NULL, XML_PARSE_NONET);
            assert_non_null(doc);
            assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "svg");
            xmlFreeDoc(doc);
            svg++;
        }
        free(data);
        free(path);
    }
    closedir(d);
    free(dir);
    assert_int_equal(json, 2);
    assert_int_equal(svg, 2);
}

/* No element, attribute or script the reports' text could have made. */
static void test_hostile_text_stays_text(void **state)
{
    static const char *const pages[] = { "index.html", "matrix.html", "drift.html" };
    htmlDocPtr doc;
    char *h1, *name = NULL;

    (void)state;
    for (size_t i = 0; i < 3; i++) {
        doc = page(pages[i]);
        assert_int_equal((int)xpath_number(doc, "count(//script[not(@src)] | //img[@src='x'] | //b | //*[@onerror])"), 0);
        assert_int_equal((int)xpath_number(doc, "count(//script)"), i == 1);
        xmlFreeDoc(doc);
    }
    doc = page("matrix.html");
    name = xpath_string(doc, "string(//tr[starts-with(@data-id, '<script>')]/th/a/@href)");
    xmlFreeDoc(doc);
    /* an id that is not a plain file name gets a page by number */
    assert_int_equal(strncmp(name, "c/case-", 7), 0);
    doc = page(name);
    h1 = xpath_string(doc, "string(//h1)");
    assert_string_equal(h1, "<script>alert(1)</script>\"']]>\\x01U+202Eid");
    assert_int_equal((int)xpath_number(doc, "count(//h1/span[@class='cc'])"), 2);
    assert_int_equal((int)xpath_number(doc, "count(//script | //img | //b | //*[@onerror])"), 0);
    free(h1);
    free(name);
    xmlFreeDoc(doc);
}

static void expect_usage(const char *const *argv, const char *message)
{
    struct tool_result r = harness_tool(argv, NULL, NULL);

    if (r.status != 2 || !strstr(r.err, message) || !strstr(r.err, "Try 'snapcheck report --help'."))
        fail_msg("exit %d, stderr:\n%s\nwanted exit 2 and: %s", r.status, r.err, message);
    harness_tool_free(&r);
}

static void test_html_usage_errors(void **state)
{
    char *ref = harness_tmp_path("html-ref.jsonl");
    char *bad = harness_write(harness_tmpdir(), "html-bad.jsonl", "{\"type\":\"case\"}\n");
    struct tool_result r;

    (void)state;
    expect_usage((const char *[]){ "report", "--merge", "--html", site_dir, ref, NULL }, "--html");
    expect_usage((const char *[]){ "report", "--html", site_dir, "--report", "text", ref, NULL },
                 "snapcheck: report --html takes no --report, -o, --max-skip or --min-pass: those are for --merge");
    expect_usage((const char *[]){ "report", "--html", site_dir, NULL },
                 "snapcheck: report --html wants the JSON Lines reports to show");
    r = harness_tool((const char *[]){ "report", "--html", site_dir, bad, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "html-bad.jsonl:1: error: not a case record of snapcheck's"));
    harness_tool_free(&r);
    free(bad);
    free(ref);
}

/* A directory of the user's is never written into; a report's own is
 * cleared of the last report's case pages and badges. */
static void test_only_a_report_directory_is_written(void **state)
{
    char *mine = harness_tmp_path("html-mine"), *kept = NULL, *hostile = NULL;
    char *ref = harness_tmp_path("html-ref.jsonl");
    char *again = harness_tmp_path("html-again"), *stale;
    struct tool_result r;

    (void)state;
    assert_int_equal(mkdir(mine, 0755), 0);
    free(harness_write(mine, "notes.txt", "mine\n"));
    r = harness_tool((const char *[]){ "report", "--html", mine, ref, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "html-mine: not empty and not a report of snapcheck's"));
    harness_tool_free(&r);
    kept = sc_xasprintf("%s/notes.txt", mine);
    assert_int_equal(access(kept, F_OK), 0);
    hostile = harness_tmp_path("html-hostile.jsonl");
    r = harness_tool((const char *[]){ "report", "--html", again, ref, hostile, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "report", "--html", again, ref, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out + strlen(r.out) - strlen("/index.html\n"), "/index.html\n");
    harness_tool_free(&r);
    stale = sc_xasprintf("%s/c/case-%zu.html", again, harness_suite->manifest->n + 1);
    assert_int_not_equal(access(stale, F_OK), 0);
    free(stale);
    free(again);
    free(hostile);
    free(kept);
    free(ref);
    free(mine);
}

/* README's section on the HTML report runs as written, against an
 * implementation that conforms, and every badge it embeds is one the
 * site has. */
static void test_readme_html_section_works(void **state)
{
    char *path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);
    char *doc = harness_slurp(path), *dir = harness_tmp_path("html-recipe");
    char *start = strstr(doc, "\n## The HTML report and badges\n"), *end, *prelude, *log;
    size_t steps = 0, badges = 0;

    (void)state;
    assert_non_null(start);
    end = strstr(start + 1, "\n## ");
    assert_non_null(end);
    *end = '\0';
    char *section = sc_xstrdup(start);     /* the loop below cuts START */
    assert_int_equal(mkdir(dir, 0755), 0);
    prelude = harness_driver_project(dir);
    /* the baseline as the CI section's step records it */
    if (harness_sh_in(dir, prelude, "snapcheck run --impl './ci/snapshot-roundtrip' --baseline "
                      "ci/snapcheck.baseline --update-baseline", &log) != 0)
        fail_msg("recording the baseline failed:\n%s", log);
    free(log);
    for (char *p = start; (p = strstr(p, "\n```sh\n"));) {
        char *body = p + 7, *close = strstr(body, "\n```\n");
        assert_non_null(close);
        *close = '\0';
        p = close + 1;
        if (harness_sh_in(dir, prelude, body, &log) != 0)
            fail_msg("README's HTML report step failed:\n%s\n--- output:\n%s", body, log);
        free(log);
        steps++;
    }
    assert_int_equal(steps, 1);
    char *index = sc_xasprintf("%s/snapcheck-report/index.html", dir);
    assert_int_equal(access(index, R_OK), 0);
    free(index);
    for (char *p = section; (p = strstr(p, "badges%2F"));) {
        size_t n = strcspn(p + 9, ")");
        char *file = sc_xasprintf("%s/snapcheck-report/badges/%.*s", dir, (int)n, p + 9);
        if (access(file, R_OK) != 0)
            fail_msg("README embeds %s, which the site does not have", file);
        free(file);
        badges++;
        p += 9;
    }
    for (char *p = section; (p = strstr(p, "](snapcheck-report/badges/"));) {
        size_t n = strcspn(p + 2, ")");
        char *file = sc_xasprintf("%s/%.*s", dir, (int)n, p + 2);
        if (access(file, R_OK) != 0)
            fail_msg("README embeds %s, which the site does not have", file);
        free(file);
        badges++;
        p += 2;
    }
    assert_int_equal(badges, 2);
    free(section);
    free(prelude);
    free(dir);
    free(doc);
    free(path);
}

int harness_run_report_html(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_site_states_the_runs),
        cmocka_unit_test(test_badges_are_json_and_svg),
        cmocka_unit_test(test_hostile_text_stays_text),
        cmocka_unit_test(test_html_usage_errors),
        cmocka_unit_test(test_only_a_report_directory_is_written),
        cmocka_unit_test(test_readme_html_section_works),
    };

    return harness_group("report html", tests, make_site, free_site);
}
