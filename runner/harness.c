/*
 * harness.c: the cmocka harness behind "make check".
 *
 * One cmocka test per case of cases/manifest.xml, named by its id, runs
 * the checks of suite.c; one test per case and golden file compares
 * xmllint's verdict with the one the manifest implies.  The state table,
 * parity and command-line groups live in harness_tables.c and
 * harness_cli.c.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "buf.h"

struct sc_suite *harness_suite;
static char tmpdir[] = "/tmp/snapcheck-check.XXXXXX";

const char *harness_tmpdir(void)
{
    return tmpdir;
}

char *harness_write(const char *dir, const char *name, const char *text)
{
    char *path = sc_xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void test_case(void **state)
{
    const struct sc_case *c = *state;
    struct sc_diag_list failures = { 0 };
    bool ok = sc_case_check(harness_suite, c, &failures);

    for (size_t i = 0; i < failures.n; i++)
        print_error("%s\n", failures.v[i].msg);
    sc_diag_list_free(&failures);
    if (!ok)
        fail_msg("case %s (%s) does not conform", c->id, c->description);
}

/* One file's schema verdict as the manifest implies it and as xmllint
 * gives it. */
struct lint_file {
    char *path;
    char *name;        /* the test name */
    bool expect_valid;
    int xmllint;       /* 1 validates, 0 fails, -1 not reported */
};

static struct lint_file *lint_files;
static size_t nlint;

static void add_lint_file(const char *path, bool expect_valid)
{
    lint_files = sc_xrealloc(lint_files, (nlint + 1) * sizeof(*lint_files));
    lint_files[nlint++] = (struct lint_file){
        .path = sc_xstrdup(path),
        .name = sc_xasprintf("xmllint agrees on %s", path + strlen(harness_suite->datadir) + 1),
        .expect_valid = expect_valid,
        .xmllint = -1,
    };
}

/* Runs one xmllint process over every file and records its verdicts. */
static void run_xmllint(void)
{
    struct sc_buf cmd = { 0 };
    char line[4096];
    FILE *p;

    sc_buf_printf(&cmd, "xmllint --noout --relaxng '%s'", harness_suite->schema->path);
    for (size_t i = 0; i < nlint; i++)
        sc_buf_printf(&cmd, " '%s'", lint_files[i].path);
    sc_buf_puts(&cmd, " 2>&1");
    if (!(p = popen(cmd.data, "r"))) {
        sc_buf_free(&cmd);
        return;
    }
    while (fgets(line, sizeof(line), p)) {
        line[strcspn(line, "\n")] = '\0';
        for (size_t i = 0; i < nlint; i++) {
            size_t n = strlen(lint_files[i].path);
            if (strncmp(line, lint_files[i].path, n) != 0)
                continue;
            if (strcmp(line + n, " validates") == 0)
                lint_files[i].xmllint = 1;
            else if (strcmp(line + n, " fails to validate") == 0)
                lint_files[i].xmllint = 0;
        }
    }
    pclose(p);
    sc_buf_free(&cmd);
}

static void test_xmllint(void **state)
{
    const struct lint_file *f = *state;

    if (f->xmllint < 0)
        fail_msg("xmllint gave no verdict on %s", f->path);
    if (f->xmllint != f->expect_valid)
        fail_msg("%s: xmllint says %s, the harness says %s", f->path,
                 f->xmllint ? "valid" : "invalid", f->expect_valid ? "valid" : "invalid");
}

static int run_cases(void)
{
    const struct sc_manifest *m = harness_suite->manifest;
    struct CMUnitTest *tests = sc_xcalloc(m->n, sizeof(*tests));
    int failed;

    for (size_t i = 0; i < m->n; i++) {
        tests[i].name = m->v[i].id;
        tests[i].test_func = test_case;
        tests[i].initial_state = &m->v[i];
    }
    failed = _cmocka_run_group_tests("cases", tests, m->n, NULL, NULL);
    free(tests);
    return failed;
}

static int run_lint(void)
{
    const struct sc_manifest *m = harness_suite->manifest;
    struct CMUnitTest *tests;
    int failed;

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        add_lint_file(c->input, c->valid || !c->schema_error);
        if (c->golden)
            add_lint_file(c->golden, true);
    }
    run_xmllint();
    tests = sc_xcalloc(nlint, sizeof(*tests));
    for (size_t i = 0; i < nlint; i++) {
        tests[i].name = lint_files[i].name;
        tests[i].test_func = test_xmllint;
        tests[i].initial_state = &lint_files[i];
    }
    failed = _cmocka_run_group_tests("xmllint", tests, nlint, NULL, NULL);
    for (size_t i = 0; i < nlint; i++) {
        free(lint_files[i].path);
        free(lint_files[i].name);
    }
    free(lint_files);
    free(tests);
    return failed;
}

static void remove_tmpdir(void)
{
    char *cmd = sc_xasprintf("rm -rf '%s'", tmpdir);

    if (system(cmd) != 0)
        fprintf(stderr, "harness: could not remove %s\n", tmpdir);
    free(cmd);
}

int main(void)
{
    struct sc_diag_list diags = { 0 };
    char *datadir;
    int failed = 0;

    xmlInitParser();
    datadir = sc_data_dir();
    harness_suite = sc_suite_load(datadir, NULL, &diags);
    if (!harness_suite) {
        sc_diag_list_print(stderr, datadir, &diags);
        return 1;
    }
    if (!mkdtemp(tmpdir)) {
        perror("harness: mkdtemp");
        return 1;
    }
    atexit(remove_tmpdir);
    failed += run_cases();
    failed += run_lint();
    failed += harness_run_model();
    failed += harness_run_tables();
    failed += harness_run_cli();
    sc_suite_free(harness_suite);
    sc_diag_list_free(&diags);
    free(datadir);
    xmlCleanupParser();
    return failed ? 1 : 0;
}
