/*
 * tests/project.c: suites of a project's own.  init makes an empty
 * one and refuses a directory in use; --cases DIR and SNAPCHECK_CASES
 * point run, new, lint and coverage at it, with its paths in every
 * message; a directory that is not a suite is named; and README's
 * example of one is executed as written.  The cases put in it come
 * from the built-in manifest.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"

static void expect(const struct tool_result *r, const char *what, int status, const char *out,
                   const char *err)
{
    if (r->status != status || strcmp(r->out, out) != 0 || strcmp(r->err, err) != 0)
        fail_msg("%s: exit status %d (expected %d)\n--- stdout:\n%s--- expected:\n%s"
                 "--- stderr:\n%s--- expected:\n%s", what, r->status, status, r->out, out, r->err, err);
}

/* The output of "snapcheck init DIR". */
static char *init_says(const char *dir)
{
    return sc_xasprintf("made an empty suite in %s: manifest.xml, valid/, invalid/ and golden/\n"
                        "add cases with 'snapcheck new ID --cases %s ...', run them with "
                        "'snapcheck run --cases %s'\n", dir, dir, dir);
}

static void init_suite(const char *dir)
{
    struct tool_result r = harness_tool((const char *[]){ "init", dir, NULL }, NULL, NULL);
    char *says = init_says(dir);

    expect(&r, "snapcheck init", 0, says, "");
    free(says);
    harness_tool_free(&r);
}

static void test_init_makes_an_empty_suite(void **state)
{
    char *dir = harness_tmp_path("own/nested/suite");
    char *given = sc_xasprintf("%s/", dir);   /* a trailing slash changes nothing */
    struct sc_manifest empty = { .now = harness_suite->manifest->now };
    char *want = sc_manifest_format(&empty);
    char *manifest = sc_xasprintf("%s/manifest.xml", dir);
    char *says = init_says(dir);
    char *linted = sc_xasprintf("lint: 0 findings in %s\n", dir);
    char *nothing = sc_xasprintf("snapcheck: %s has no case yet; add one with 'snapcheck new'\n", manifest);
    const char *const subdirs[] = { "valid", "invalid", "golden" };
    struct stat st;

    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "init", given, NULL }, NULL, NULL);
    expect(&r, "snapcheck init DIR/", 0, says, "");
    harness_tool_free(&r);
    /* the manifest is canonical, with the built-in suite's clock */
    char *text = harness_slurp(manifest);
    assert_string_equal(text, want);
    for (size_t i = 0; i < 3; i++) {
        char *sub = sc_xasprintf("%s/%s", dir, subdirs[i]);
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
            fail_msg("init made no directory %s", sub);
        free(sub);
    }
    r = harness_tool((const char *[]){ "lint", "--cases", dir, NULL }, NULL, NULL);
    expect(&r, "lint --cases DIR of an empty suite", 0, linted, "");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--cases", dir, NULL }, NULL, NULL);
    expect(&r, "run --cases DIR of an empty suite", 2, "", nothing);
    harness_tool_free(&r);
    free(text);
    free(nothing);
    free(linted);
    free(says);
    free(manifest);
    free(want);
    free(given);
    free(dir);
}

static void test_init_refuses_a_directory_in_use(void **state)
{
    char *used = harness_tmp_path("in-use");
    char *file = sc_xasprintf("%s/notes.txt", used);
    char *manifest = sc_xasprintf("%s/manifest.xml", used);
    char *not_empty = sc_xasprintf("snapcheck init: %s is not empty: a suite is made in a new or empty "
                                   "directory\n", used);
    char *not_dir = sc_xasprintf("snapcheck init: %s exists and is not a directory\n", file);

    (void)state;
    assert_int_equal(mkdir(used, 0700), 0);
    free(harness_write(used, "notes.txt", "ours\n"));
    struct tool_result r = harness_tool((const char *[]){ "init", used, NULL }, NULL, NULL);
    expect(&r, "init of a directory that is not empty", 2, "", not_empty);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "init", file, NULL }, NULL, NULL);
    expect(&r, "init of a file", 2, "", not_dir);
    harness_tool_free(&r);
    char *text = harness_slurp(file);
    assert_string_equal(text, "ours\n");
    assert_int_not_equal(access(manifest, F_OK), 0);
    /* usage */
    r = harness_tool((const char *[]){ "init", NULL }, NULL, NULL);
    expect(&r, "init without DIR", 2, "", "snapcheck: init wants one directory\nTry 'snapcheck init --help'.\n");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "init", used, used, NULL }, NULL, NULL);
    expect(&r, "init DIR DIR", 2, "", "snapcheck: init wants one directory\nTry 'snapcheck init --help'.\n");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "init", "--cases", used, NULL }, NULL, NULL);
    expect(&r, "init --cases", 2, "", "snapcheck: '--cases' is an option of run, not of init\nTry 'snapcheck init --help'.\n");
    harness_tool_free(&r);
    free(text);
    free(not_dir);
    free(not_empty);
    free(manifest);
    free(file);
    free(used);
}

/* The first case of the built-in manifest with VALID, in redefine mode,
 * rejected by the parser alone when invalid. */
static const struct sc_case *pick(bool valid)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (c->valid == valid && c->mode == SC_MODE_REDEFINE && (valid || (c->parser_error && !c->schema_error)))
            return c;
    }
    fail_msg("the manifest has no %s redefine case", valid ? "valid" : "parser-only invalid");
    return NULL;
}

/* The tool's "new" message for case C in the suite DIR. */
static char *added(const char *dir, const struct sc_case *c)
{
    if (!c->valid)
        return sc_xasprintf("added case %s: %s/invalid/%s.xml, and its entry in %s/manifest.xml\n",
                            c->id, dir, c->id, dir);
    return sc_xasprintf("added case %s: %s/valid/%s.xml, %s/golden/%s.xml, and its entry in %s/manifest.xml\n"
                        "(the golden file, printed above, is what every implementation will be held to: "
                        "read it)\n", c->id, dir, c->id, dir, c->id, dir);
}

/* A suite whose directories git dropped while they were empty: new
 * makes them; run, lint, coverage and regenerate work on it and name
 * its files; the built-in suite is left as it was. */
static void test_cases_drive_new_run_lint_coverage(void **state)
{
    const struct sc_case *valid = pick(true), *invalid = pick(false);
    char *dir = harness_tmp_path("project");
    char *manifest = harness_slurp(harness_suite->manifest->path);
    char *golden = sc_xasprintf("%s/golden/%s.xml", dir, valid->id);
    char *cmd = sc_xasprintf("rmdir '%s/valid' '%s/invalid' '%s/golden'", dir, dir, dir);
    char *says_valid = added(dir, valid), *says_invalid = added(dir, invalid);
    char *want_golden = harness_slurp(valid->golden);

    (void)state;
    init_suite(dir);
    assert_int_equal(system(cmd), 0);
    struct tool_result r = harness_tool((const char *[]){ "new", valid->id, "--cases", dir, "--redefine",
                                                          "--description", valid->description, "--from",
                                                          valid->input, NULL }, NULL, NULL);
    expect(&r, "new --cases DIR (valid)", 0, want_golden, says_valid);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "new", invalid->id, "--cases", dir, "--redefine", "--invalid",
                                       "--layer", "parser", "--expect-error", invalid->parser_error,
                                       "--reason", invalid->reason, "--description", invalid->description,
                                       NULL }, invalid->input, NULL);
    expect(&r, "new --cases DIR (invalid)", 0, "", says_invalid);
    harness_tool_free(&r);
    char *now = harness_slurp(harness_suite->manifest->path);
    assert_string_equal(now, manifest);   /* the built-in suite is untouched */
    free(now);

    r = harness_tool((const char *[]){ "run", "--cases", dir, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\n2 passed, 0 failed, 0 errors, 0 skipped\n"));
    harness_tool_free(&r);
    char *linted = sc_xasprintf("lint: 0 findings in %s\n", dir);
    r = harness_tool((const char *[]){ "lint", "--cases", dir, NULL }, NULL, NULL);
    expect(&r, "lint --cases DIR", 0, linted, "");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "coverage", "--summary", "--cases", dir, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);   /* two cases reach little of the grammar */
    assert_memory_equal(r.out, "cases: 2 (1 valid, 1 invalid); by mode: 0 create, 2 redefine, 0 internal\n",
                        strlen("cases: 2 (1 valid, 1 invalid); by mode: 0 create, 2 redefine, 0 internal\n"));
    harness_tool_free(&r);

    /* a golden spoilt, a stray file in valid/, a file of the project's
     * own beside the manifest: lint names the first two by their paths */
    FILE *f = fopen(golden, "a");
    assert_non_null(f);
    fputs("<!-- spoilt -->\n", f);
    assert_int_equal(fclose(f), 0);
    char *valid_dir = sc_xasprintf("%s/valid", dir);
    free(harness_write(valid_dir, "stray.xml", "<domainsnapshot/>\n"));
    free(harness_write(dir, "ci.baseline", "# known failures\n"));
    char *findings = sc_xasprintf("%s/valid/stray.xml: error: not referenced by any case of %s/manifest.xml\n"
                                  "%s: error: not canonical: 'snapcheck format --redefine' changes it\n",
                                  dir, dir, golden);
    char *two = sc_xasprintf("lint: 2 findings in %s\n", dir);
    r = harness_tool((const char *[]){ "lint", "--cases", dir, NULL }, NULL, NULL);
    expect(&r, "lint --cases DIR of a spoilt suite", 1, two, findings);
    harness_tool_free(&r);
    char *stray = sc_xasprintf("%s/stray.xml", valid_dir);
    assert_int_equal(unlink(stray), 0);
    r = harness_tool((const char *[]){ "run", "--regenerate", "--cases", dir, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "1 golden file rewritten\n"));
    harness_tool_free(&r);
    char *text = harness_slurp(golden);
    assert_string_equal(text, want_golden);
    free(text);

    /* SNAPCHECK_CASES names the suite too; --cases wins over it */
    char *env = sc_xasprintf("SNAPCHECK_CASES=%s", dir);
    r = harness_tool_env((const char *[]){ env, NULL }, (const char *[]){ "lint", NULL }, NULL);
    expect(&r, "SNAPCHECK_CASES=DIR lint", 0, linted, "");
    harness_tool_free(&r);
    char *builtin = sc_xasprintf("lint: 0 findings in %s\n", harness_suite->layout.datadir);
    char *elsewhere = harness_tmp_path("elsewhere");
    char *env_elsewhere = sc_xasprintf("SNAPCHECK_CASES=%s", elsewhere);
    r = harness_tool_env((const char *[]){ env_elsewhere, NULL }, (const char *[]){ "lint", "--cases", dir, NULL },
                         NULL);
    expect(&r, "SNAPCHECK_CASES=ELSEWHERE lint --cases DIR", 0, linted, "");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "lint", NULL }, NULL, NULL);
    expect(&r, "lint without --cases or SNAPCHECK_CASES", 0, builtin, "");
    harness_tool_free(&r);
    free(env_elsewhere);
    free(elsewhere);
    free(builtin);
    free(env);
    free(stray);
    free(two);
    free(findings);
    free(valid_dir);
    free(linted);
    free(want_golden);
    free(says_invalid);
    free(says_valid);
    free(cmd);
    free(golden);
    free(manifest);
    free(dir);
}

/* A directory without manifest.xml is named, with how to make a suite. */
static void test_a_directory_that_is_not_a_suite_is_named(void **state)
{
    char *dir = harness_tmp_path("not-a-suite");
    char *by_option = sc_xasprintf("snapcheck: --cases %s: no manifest.xml there; 'snapcheck init DIR' "
                                   "makes a suite in a new or empty directory\n", dir);
    char *by_env = sc_xasprintf("snapcheck: SNAPCHECK_CASES is %s: no manifest.xml there; 'snapcheck init DIR' "
                                "makes a suite in a new or empty directory\n", dir);
    char *env = sc_xasprintf("SNAPCHECK_CASES=%s", dir);
    const char *const commands[][7] = {
        { "run", "--cases", dir }, { "run", "--regenerate", "--cases", dir }, { "lint", "--cases", dir },
        { "lint", "--fix", "--cases", dir }, { "coverage", "--cases", dir },
        { "new", "some-case", "--description", "d", "--cases", dir },
    };

    (void)state;
    assert_int_equal(mkdir(dir, 0700), 0);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        struct tool_result r = harness_tool(commands[i], NULL, NULL);
        expect(&r, commands[i][0], 2, "", by_option);
        harness_tool_free(&r);
    }
    struct tool_result r = harness_tool_env((const char *[]){ env, NULL }, (const char *[]){ "run", NULL }, NULL);
    expect(&r, "SNAPCHECK_CASES=DIR run", 2, "", by_env);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--cases", "", NULL }, NULL, NULL);
    expect(&r, "run --cases ''", 2, "", "snapcheck: --cases wants a directory\nTry 'snapcheck run --help'.\n");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "lint", "--cases", NULL }, NULL, NULL);
    expect(&r, "lint --cases", 2, "", "snapcheck: option '--cases' needs a value (DIR)\nTry 'snapcheck lint --help'.\n");
    harness_tool_free(&r);
    free(env);
    free(by_env);
    free(by_option);
    free(dir);
}

/* README's "Cases of your own" runs as written, with snapcheck on PATH. */
static void test_readme_own_cases_work(void **state)
{
    char *path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);
    char *doc = harness_slurp(path);
    char *dir = harness_tmp_path("readme-own");
    char *section = strstr(doc, "\n### Cases of your own\n");
    char *end = section ? strstr(section + 1, "\n### ") : NULL;
    const char *tool = getenv("SNAPCHECK_TOOL") ? getenv("SNAPCHECK_TOOL") : "runner/snapcheck";
    char *full = realpath(tool, NULL);
    int steps = 0;

    (void)state;
    assert_non_null(end);
    assert_non_null(full);
    *end = '\0';
    char *setup = sc_xasprintf("mkdir -p '%s/bin' && ln -s '%s' '%s/bin/snapcheck'", dir, full, dir);
    char *prelude = sc_xasprintf("export PATH='%s/bin':\"$PATH\" SNAPCHECK_DATADIR='%s' NO_COLOR=1", dir,
                                 harness_suite->layout.datadir);
    assert_int_equal(system(setup), 0);
    for (char *p = section; (p = strstr(p, "\n```sh\n"));) {
        char *body = p + 7, *close = strstr(body, "\n```\n"), *text;
        assert_non_null(close);
        *close = '\0';
        if (harness_sh_in(dir, prelude, body, &text) != 0)
            fail_msg("README.md, Cases of your own, step %d failed:\n%s\n--- output:\n%s", steps + 1, body, text);
        free(text);
        steps++;
        p = close + 1;
    }
    assert_true(steps >= 1);
    /* what it says it made */
    char *manifest = sc_xasprintf("%s/tests/snapcheck/manifest.xml", dir);
    char *text = harness_slurp(manifest);
    assert_non_null(strstr(text, "<case id='"));
    free(text);
    free(manifest);
    free(prelude);
    free(setup);
    free(full);
    free(dir);
    free(doc);
    free(path);
}

int harness_run_project(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_makes_an_empty_suite),
        cmocka_unit_test(test_init_refuses_a_directory_in_use),
        cmocka_unit_test(test_cases_drive_new_run_lint_coverage),
        cmocka_unit_test(test_a_directory_that_is_not_a_suite_is_named),
        cmocka_unit_test(test_readme_own_cases_work),
    };

    return harness_group("project suites", tests, NULL, NULL);
}
