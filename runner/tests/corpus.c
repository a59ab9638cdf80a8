/*
 * tests/corpus.c: tests of the corpus itself.  Every item of the
 * grammar has a valid case and every constraint an invalid one; the
 * corpus keeps its breadth; README.md's counts are the tool's; and lint
 * passes on the suite and names the file of each problem planted in a
 * scratch copy.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "suite/coverage.h"
#include "util/fileio.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"

static struct sc_coverage cov;

static int measure(void **state)
{
    struct sc_diag_list diags = { 0 };
    int rc = sc_coverage_measure(harness_suite, &cov, &diags);

    (void)state;
    for (size_t i = 0; i < diags.n; i++)
        print_error("coverage: %s\n", diags.v[i].msg);
    sc_diag_list_free(&diags);
    return rc;
}

static int release(void **state)
{
    (void)state;
    sc_coverage_free(&cov);
    return 0;
}

static int report_uncovered(bool constraints)
{
    int n = 0;

    for (size_t i = 0; i < cov.n; i++) {
        if ((cov.v[i].kind == SC_COV_CONSTRAINT) != constraints || cov.v[i].cases.n)
            continue;
        print_error("%s has no %s case\n", cov.v[i].label, constraints ? "invalid" : "valid");
        n++;
    }
    return n;
}

static void test_every_item_has_a_valid_case(void **state)
{
    (void)state;
    assert_true(cov.n > 0);
    assert_int_equal(report_uncovered(false), 0);
}

static void test_every_constraint_has_an_invalid_case(void **state)
{
    (void)state;
    assert_int_equal(report_uncovered(true), 0);
}

static void test_corpus_breadth(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    size_t invalid = 0, modes[SC_MODE_LAST] = { 0 };

    (void)state;
    for (size_t i = 0; i < m->n; i++) {
        invalid += !m->v[i].valid;
        modes[m->v[i].mode]++;
    }
    assert_true(m->n >= 120);
    assert_true(invalid >= 50);
    for (int i = 0; i < SC_MODE_LAST; i++) {
        if (!modes[i])
            fail_msg("no case in %s mode", sc_mode_to_string((enum sc_mode)i));
    }
}

#define SUMMARY_BEGIN "<!-- summary:begin -->\n```\n"
#define SUMMARY_END "```\n<!-- summary:end -->"

static void test_readme_summary_is_current(void **state)
{
    char *path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);
    struct sc_diag diag = { 0 };
    char *readme = NULL, *begin, *end;
    char *summary = sc_coverage_summary(harness_suite, &cov);
    size_t len;

    (void)state;
    if (sc_read_file(path, &readme, &len, &diag) < 0) {
        print_message("%s: %s (not a source tree)\n", path, diag.msg);
        sc_diag_clear(&diag);
        free(path);
        free(summary);
        harness_skip();
    }
    begin = strstr(readme, SUMMARY_BEGIN);
    end = begin ? strstr(begin, SUMMARY_END) : NULL;
    if (!end)
        fail_msg("README.md has no summary block between the markers");
    begin += strlen(SUMMARY_BEGIN);
    if ((size_t)(end - begin) != strlen(summary) || strncmp(begin, summary, strlen(summary)))
        fail_msg("README.md's summary is stale; run 'make readme'. It should read:\n%s", summary);
    free(readme);
    free(summary);
    free(path);
}

static void test_lint_passes_on_the_suite(void **state)
{
    struct tool_result r = harness_tool((const char *[]){ "lint", NULL }, NULL, NULL);

    (void)state;
    if (r.status != 0)
        print_error("%s", r.err);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    harness_tool_free(&r);
}

/* Replaces the first FROM in FILE by TO. */
static void edit(const char *file, const char *from, const char *to)
{
    struct sc_diag diag = { 0 };
    char *text = NULL, *at;
    size_t len;

    assert_int_equal(sc_read_file(file, &text, &len, &diag), 0);
    assert_non_null(at = strstr(text, from));
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fprintf(f, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    assert_int_equal(fclose(f), 0);
    free(text);
}

static void test_lint_names_each_file(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *valid = NULL, *invalid = NULL;
    char *tree = harness_scratch_tree("lint-tree");
    char *manifest = sc_xasprintf("%s/cases/manifest.xml", tree);

    (void)state;
    for (size_t i = 0; i < m->n && (!valid || !invalid); i++) {
        if (m->v[i].valid && !valid && m->v[i].mode == SC_MODE_REDEFINE &&
            !strpbrk(m->v[i].description, "&<>\"'"))
            valid = &m->v[i];
        if (!m->v[i].valid && !invalid && m->v[i].parser_error &&
            !strpbrk(m->v[i].parser_error, "&<>\"'"))
            invalid = &m->v[i];
    }
    assert_non_null(valid);
    assert_non_null(invalid);
    char *golden = sc_xasprintf("%s/golden/%s.xml", tree, valid->id);
    char *input = sc_xasprintf("%s/cases/invalid/%s.xml", tree, invalid->id);
    char *dup = sc_xasprintf("<description>%s</description>", valid->description);
    /* a stray file, an orphan golden, a golden made non-canonical, a
     * wrong expected error, a repeated description */
    free(harness_write(tree, "cases/notes.txt", "stray\n"));
    free(harness_write(tree, "golden/orphan.xml", "<domainsnapshot/>\n"));
    edit(golden, "<domainsnapshot>\n", "<domainsnapshot>\n\n");
    edit(manifest, invalid->parser_error, "an error nobody gives");
    const struct sc_case *plain = NULL;   /* a description with nothing to escape */
    for (size_t i = m->n; i-- > 0 && !plain;)
        plain = &m->v[i] != valid && !strpbrk(m->v[i].description, "&<>\"'") ? &m->v[i] : NULL;
    assert_non_null(plain);
    char *other = sc_xasprintf("<description>%s</description>", plain->description);
    edit(manifest, other, dup);
    free(other);
    struct tool_result r = harness_tool((const char *[]){ "lint", NULL }, NULL, tree);
    char *golden_rel = sc_xasprintf("golden/%s.xml: error: not canonical", valid->id);
    char *input_rel = sc_xasprintf("cases/invalid/%s.xml: error:", invalid->id);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cases/notes.txt: error: not referenced"));
    assert_non_null(strstr(r.err, "golden/orphan.xml: error: not referenced"));
    assert_non_null(strstr(r.err, golden_rel));
    assert_non_null(strstr(r.err, input_rel));
    assert_non_null(strstr(r.err, "cases/manifest.xml:"));
    assert_non_null(strstr(r.err, "has the same description as"));
    assert_non_null(strstr(r.out, "lint: 5 findings"));
    harness_tool_free(&r);
    free(golden_rel);
    free(input_rel);
    free(dup);
    free(golden);
    free(input);
    free(manifest);
    free(tree);
}

int harness_run_corpus(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_item_has_a_valid_case),
        cmocka_unit_test(test_every_constraint_has_an_invalid_case),
        cmocka_unit_test(test_corpus_breadth),
        cmocka_unit_test(test_readme_summary_is_current),
        cmocka_unit_test(test_lint_passes_on_the_suite),
        cmocka_unit_test(test_lint_names_each_file),
    };

    return harness_group("corpus", tests, measure, release);
}
