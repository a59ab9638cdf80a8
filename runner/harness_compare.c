/*
 * harness_compare.c: how an output is compared with its golden file and
 * how a difference is shown: whitespace drawn in the first difference
 * and in diffs (diff.c), the same in every report format.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "buf.h"
#include "diff.h"

/* The valid case whose golden file holds a namespace prefix, several
 * attributes on one element and an empty element. */
static const struct sc_case *case_with_everything(void)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        if (!m->v[i].valid)
            continue;
        char *g = harness_slurp(m->v[i].golden);
        bool all = strstr(g, " xmlns:") && strstr(g, "/>") && strstr(g, "' ") && strstr(g, ":");
        free(g);
        if (all)
            return &m->v[i];
    }
    fail_msg("no golden file has a namespace prefix, attributes and an empty element: "
             "the rewrites would not be exercised");
    return NULL;
}

static void expect_first_difference(const char *want, const char *got, const char *message)
{
    struct sc_buf b = { 0 };

    sc_first_difference(&b, want, got);
    if (strcmp(b.data, message) != 0)
        fail_msg("first difference of '%s' and '%s':\n  %s\nnot\n  %s", want, got, b.data, message);
    sc_buf_free(&b);
}

#define SP SC_MARK_SPACE
#define TAB SC_MARK_TAB
#define CR SC_MARK_CR
#define EOL SC_MARK_EOL

/* The first difference draws whitespace where it is easy to miss. */
static void test_first_difference_draws_whitespace(void **state)
{
    struct sc_buf a = { 0 }, b = { 0 };

    (void)state;
    expect_first_difference("<a>\n  <name>x</name>\n</a>\n", "<a>\n  <name>x</name> \n</a>\n",
                            "output differs at line 2: expected '<name>x</name>" EOL "', got '<name>x</name>" SP EOL "'");
    expect_first_difference("<a>\n  <b/>\n</a>\n", "<a>\n\t<b/>\n</a>\n",
                            "output differs at line 2: expected '" SP SP "<b/>" EOL "', got '" TAB "<b/>" EOL "'");
    expect_first_difference("<a>\n  <b/>\n</a>\n", "<a>\n   <b/>\n</a>\n",
                            "output differs at line 2: expected '<b/>" EOL "', got '" SP "<b/>" EOL "'");
    expect_first_difference("<a/>\n", "<a/>\r\n", "output differs at line 1: expected '<a/>" EOL "', got '<a/>" CR EOL "'");
    expect_first_difference("<a>\n</a>\n", "<a>\n</a>", "output differs at line 2: expected '</a>" EOL "', got '</a>'");
    expect_first_difference("<a>\n</a>\n", "<a>\n</a>\n\n", "output differs at line 3: expected '', got '" EOL "'");
    /* a single space between two characters is drawn only where the lines part */
    expect_first_difference("<b c='1'>ab</b>\n", "<b c='1'>a b</b>\n",
                            "output differs at line 1: expected '<b c='1'>ab</b>" EOL "', got '<b c='1'>a" SP "b</b>" EOL "'");
    /* far into a long line, the quote starts a little before the difference */
    for (int i = 0; i < 200; i++)
        sc_buf_puts(&a, "x");
    sc_buf_puts(&b, a.data);
    sc_buf_puts(&a, "<y/>\n");
    sc_buf_puts(&b, "<y/> \n");
    struct sc_buf m = { 0 };
    sc_first_difference(&m, a.data, b.data);
    if (!strstr(m.data, "', got '…xxx") || !strstr(m.data, "xxx<y/>" SP EOL "'") || strlen(m.data) > 200)
        fail_msg("a difference at byte 200 is quoted as: %s", m.data);
    sc_buf_free(&m);
    sc_buf_free(&a);
    sc_buf_free(&b);
}

/* A diff draws whitespace on the lines it removes and adds, not on its
 * context. */
static void test_diff_draws_whitespace_on_changed_lines(void **state)
{
    struct sc_buf b = { 0 };

    (void)state;
    sc_unified_diff(&b, "golden", "<a>\n  <b c='1'/>\n  <c>x</c>\n</a>\n", "output",
                    "<a>\n  <b c='1'/>\n  <c>x</c>\t\n</a>");
    static const char *const lines[] = {
        "\n   <b c='1'/>\n", "\n-" SP SP "<c>x</c>" EOL "\n", "\n+" SP SP "<c>x</c>" TAB EOL "\n",
        "\n-</a>" EOL "\n", "\n+</a>\n\\ No newline at end of file\n",
    };
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        if (!strstr(b.data, lines[i]))
            fail_msg("the diff lacks the line '%s':\n%s", lines[i] + 1, b.data);
    }
    sc_buf_free(&b);
}

/* Every report format carries the marks as they are. */
static void test_marks_in_every_format(void **state)
{
    static const char *const formats[] = { "text", "tap", "junit", "jsonl", "markdown" };
    const struct sc_case *c = case_with_everything();
    char *impl = sc_xasprintf("sed '2s/$/ \\t/' '%s'", c->golden);
    char *mark = sc_xstrdup(SP TAB EOL "' (");

    (void)state;
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter", c->id,
                                                               "--report", formats[i], NULL }, NULL, NULL);
        if (r.status != 1 || !strstr(r.out, mark))
            fail_msg("the %s report lacks \"%s\":\n%s", formats[i], mark, r.out);
        if (!strcmp(formats[i], "junit")) {
            xmlDocPtr doc = xmlReadMemory(r.out, (int)strlen(r.out), "junit.xml", NULL, XML_PARSE_NONET);
            assert_non_null(doc);
            xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
            xmlXPathObjectPtr res = xmlXPathEval(BAD_CAST "string(//testcase/failure/@message)", ctx);
            if (!strstr((const char *)res->stringval, mark))
                fail_msg("the JUnit failure message lacks \"%s\": %s", mark, res->stringval);
            xmlXPathFreeObject(res);
            xmlXPathFreeContext(ctx);
            xmlFreeDoc(doc);
        }
        harness_tool_free(&r);
    }
    free(mark);
    free(impl);
}

int harness_run_compare(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_difference_draws_whitespace),
        cmocka_unit_test(test_diff_draws_whitespace_on_changed_lines),
        cmocka_unit_test(test_marks_in_every_format),
    };

    return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
