/*
 * tests/harness.c: the cmocka harness behind "make check".
 *
 * One cmocka test per case of cases/manifest.xml, named by its id, runs
 * the checks of case.c; one test per case and golden file compares the
 * verdicts of xmllint and jing with the one the manifest implies.  The
 * other groups live in files of their own (tests/harness.h), and every group
 * runs through tests/groups.c.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "util/buf.h"
#include "suite/case.h"
#include "util/datadir.h"
#include "util/escape.h"
#include "model/snapshot.h"
#include "util/fileio.h"
#include "util/term.h"

struct sc_suite *harness_suite;
static bool color;   /* diffs in failure messages, on a terminal */
static char tmpdir[] = "/tmp/snapcheck-check.XXXXXX";

const char *harness_tmpdir(void)
{
    return tmpdir;
}

char *harness_slurp(const char *path)
{
    char errbuf[256], *data = NULL;
    size_t len;

    if (sc_read_file(path, &data, &len, errbuf, sizeof(errbuf)) < 0)
        fail_msg("%s: %s", path, errbuf);
    return data;
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

char *harness_scratch_tree(const char *name)
{
    char *dir = sc_xasprintf("%s/%s", harness_tmpdir(), name);
    char *cmd = sc_xasprintf("mkdir '%s' && cp -R '%s/rng' '%s/cases' '%s/golden' '%s/'", dir,
                             harness_suite->layout.datadir, harness_suite->layout.datadir,
                             harness_suite->layout.datadir, dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
    return dir;
}

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
    failed = harness_run_group("cases", tests, m->n, NULL, NULL);
    free(tests);
    return failed;
}

static int run_validators(void)
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
    struct sc_layout layout;
    char *datadir;
    int failed = 0;

    sc_xml_init();
    /* each test names the suite a command works on, whatever the shell
     * that runs make check has set */
    unsetenv("SNAPCHECK_CASES");
    datadir = sc_data_dir();
    sc_layout_builtin(&layout, datadir);
    harness_suite = sc_suite_load(&layout, NULL, &diags);
    sc_layout_clear(&layout);
    if (!harness_suite) {
        sc_diag_list_print(stderr, datadir, &diags);
        return 1;
    }
    /* diffs in failure messages: coloured as the tool colours them */
    color = sc_color_for(SC_WHEN_AUTO, STDERR_FILENO);
    if (!mkdtemp(tmpdir)) {
        perror("harness: mkdtemp");
        return 1;
    }
    atexit(remove_tmpdir);
    harness_start();
    failed += run_cases();
    failed += run_validators();
    failed += harness_run_model();
    failed += harness_run_tables();
    failed += harness_run_profiles();
    failed += harness_run_profile_cases();
    failed += harness_run_corpus();
    failed += harness_run_cli();
    failed += harness_run_usage();
    failed += harness_run_gate();
    failed += harness_run_gate_counts();
    failed += harness_run_gate_smoke();
    failed += harness_run_gate_ci();
    failed += harness_run_report_html();
    failed += harness_run_compare();
    failed += harness_run_term();
    failed += harness_run_dropin();
    failed += harness_run_probe();
    failed += harness_run_workflow();
    failed += harness_run_hostile();
    failed += harness_run_hostile_names();
    failed += harness_run_hostile_impl();
    failed += harness_run_hostile_schema();
    failed += harness_run_project();
    failed += harness_run_install();
    sc_suite_free(harness_suite);
    sc_diag_list_free(&diags);
    free(datadir);
    xmlCleanupParser();
    return harness_summary(failed);
}

size_t harness_libvirt_schema_lacks(enum sc_profile profile, char **names)
{
    int old = sc_profile_find("libvirt-0.9.5"), schema = sc_profile_find("libvirt-9.0");
    struct sc_buf b = { 0 };
    size_t n = 0;

    assert_true(old >= 0 && schema >= 0);
    sc_buf_puts(&b, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        enum sc_state st = (enum sc_state)i;
        if (sc_state_accepted_in(st, profile) &&
            !(sc_state_accepted_in(st, (enum sc_profile)old) && sc_state_accepted_in(st, (enum sc_profile)schema))) {
            sc_buf_printf(&b, "%s ", sc_state_to_string(st));
            n++;
        }
    }
    if (names)
        *names = b.data;
    else
        sc_buf_free(&b);
    return n;
}
