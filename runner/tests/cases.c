/*
 * tests/cases.c: the suite's cases, checked in process.  One cmocka
 * test per case of cases/manifest.xml, named by its id, runs the checks
 * of case.c; one test per case and golden file compares the verdicts of
 * xmllint and jing with the one the manifest implies.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "suite/case.h"
#include "util/escape.h"
#include "util/term.h"
#include "tests/fixture.h"
#include "tests/groups.h"

static bool color;   /* diffs in failure messages, on a terminal */

static void test_case(void **state)
{
    const struct sc_case *c = *state;
    struct sc_diag_list failures = { 0 };
    bool ok = sc_case_check(harness_suite, c, &failures, NULL);

    for (size_t i = 0; i < failures.n; i++) {
        struct sc_buf b = { 0 };
        sc_esc_text_lines(&b, "", failures.v[i].msg, color);
        print_error("%s", b.data ? b.data : "\n");
        sc_buf_free(&b);
    }
    sc_diag_list_free(&failures);
    if (!ok)
        fail_msg("case %s (%s) does not conform", c->id, c->description);
}

/* One file's schema verdict as the manifest implies it and as xmllint
 * gives it. */
struct validator_file {
    char *path;
    char *name;        /* the test name */
    bool expect_valid;
    int xmllint;       /* 1 validates, 0 fails, -1 not reported */
    bool jing_error;   /* jing reported an error in this file */
};

static int jing_status = -1;   /* jing's exit status, -1 when not run */

static struct validator_file *validator_files;
static size_t nvalidator;

static void add_validator_file(const char *path, bool expect_valid)
{
    validator_files = sc_xrealloc(validator_files, (nvalidator + 1) * sizeof(*validator_files));
    validator_files[nvalidator++] = (struct validator_file){
        .path = sc_xstrdup(path),
        .name = sc_xasprintf("validators agree on %s", path + strlen(harness_suite->layout.datadir) + 1),
        .expect_valid = expect_valid,
        .xmllint = -1,
    };
}

/* Runs "TOOL every-file REDIRECT" once and hands each output line, with
 * the file it starts with, to SEEN; returns the exit status. */
static int run_validator(const char *tool, const char *redirect,
                         void (*seen)(struct validator_file *f, const char *rest))
{
    struct sc_buf cmd = { 0 };
    char line[8192];
    FILE *p;
    int status = -1;

    sc_buf_printf(&cmd, "%s '%s'", tool, harness_suite->schema->path);
    for (size_t i = 0; i < nvalidator; i++)
        sc_buf_printf(&cmd, " '%s'", validator_files[i].path);
    sc_buf_printf(&cmd, " %s", redirect);
    if ((p = popen(cmd.data, "r"))) {
        while (fgets(line, sizeof(line), p)) {
            line[strcspn(line, "\n")] = '\0';
            for (size_t i = 0; i < nvalidator; i++) {
                size_t n = strlen(validator_files[i].path);
                if (strncmp(line, validator_files[i].path, n) == 0)
                    seen(&validator_files[i], line + n);
            }
        }
        status = pclose(p);
    }
    sc_buf_free(&cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* xmllint says "FILE validates" or "FILE fails to validate". */
static void xmllint_line(struct validator_file *f, const char *rest)
{
    if (strcmp(rest, " validates") == 0)
        f->xmllint = 1;
    else if (strcmp(rest, " fails to validate") == 0)
        f->xmllint = 0;
}

/* jing names a file only in its errors: "FILE:LINE:COL: error: …". */
static void jing_line(struct validator_file *f, const char *rest)
{
    if (rest[0] == ':')
        f->jing_error = true;
}

static const char *verdict(bool valid)
{
    return valid ? "valid" : "invalid";
}

/* xmllint, jing and the manifest (which the case tests hold libxml2's
 * in-process validation to) must give one verdict. */
static void test_validators(void **state)
{
    const struct validator_file *f = *state;

    if (f->xmllint < 0)
        fail_msg("xmllint gave no verdict on %s", f->path);
    if (jing_status != 0 && jing_status != 1)
        fail_msg("jing did not run (exit status %d); install the jing package", jing_status);
    if (f->xmllint != f->expect_valid || f->jing_error == f->expect_valid)
        fail_msg("%s: validators disagree: harness says %s, xmllint %s, jing %s", f->path,
                 verdict(f->expect_valid), verdict(f->xmllint), verdict(!f->jing_error));
}

int harness_run_cases(void)
{
    const struct sc_manifest *m = harness_suite->manifest;
    struct CMUnitTest *tests = sc_xcalloc(m->n, sizeof(*tests));
    int failed;

    /* diffs in failure messages: coloured as the tool colours them */
    color = sc_color_for(SC_WHEN_AUTO, STDERR_FILENO);
    for (size_t i = 0; i < m->n; i++) {
        tests[i].name = m->v[i].id;
        tests[i].test_func = test_case;
        tests[i].initial_state = &m->v[i];
    }
    failed = harness_run_group("cases", tests, m->n, NULL, NULL);
    free(tests);
    return failed;
}

int harness_run_validators(void)
{
    const struct sc_manifest *m = harness_suite->manifest;
    struct CMUnitTest *tests;
    int failed;

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        add_validator_file(c->input, c->valid || !c->schema_error);
        if (c->golden)
            add_validator_file(c->golden, true);
    }
    run_validator("xmllint --noout --relaxng", "2>&1", xmllint_line);
    jing_status = run_validator("jing", "2>/dev/null", jing_line);
    tests = sc_xcalloc(nvalidator, sizeof(*tests));
    for (size_t i = 0; i < nvalidator; i++) {
        tests[i].name = validator_files[i].name;
        tests[i].test_func = test_validators;
        tests[i].initial_state = &validator_files[i];
    }
    failed = harness_run_group("validators", tests, nvalidator, NULL, NULL);
    for (size_t i = 0; i < nvalidator; i++) {
        free(validator_files[i].path);
        free(validator_files[i].name);
    }
    free(validator_files);
    free(tests);
    return failed;
}
