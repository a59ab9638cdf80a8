/*
 * tests/cli.c: the command-line contract of the built snapcheck
 * binary (SNAPCHECK_TOOL): output, diagnostics and exit codes of each
 * command.  The documents come from the manifest, never from names
 * written here.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileio.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

static struct tool_result run_tool(const char *const *argv, const char *stdin_path)
{
    return harness_tool(argv, stdin_path, NULL);
}

/* The first case of the manifest that matches. */
static const struct sc_case *find_case(bool valid, bool parser_only, enum sc_mode mode)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (c->valid != valid || c->mode != mode)
            continue;
        if (!valid && parser_only != (!c->schema_error && c->parser_error))
            continue;
        return c;
    }
    fail_msg("the manifest has no %s %s case", valid ? "valid" : "invalid",
             sc_mode_to_string(mode));
    return NULL;
}

static void test_format_prints_golden(void **state)
{
    const struct sc_case *c = find_case(true, false, SC_MODE_REDEFINE);
    struct tool_result r = run_tool((const char *[]){ "format", "--redefine", c->input, NULL }, NULL);
    char *golden = harness_slurp(c->golden);

    (void)state;
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, golden);
    free(golden);
    harness_tool_free(&r);
}

static void test_format_reads_stdin_in_create_mode(void **state)
{
    const struct sc_case *c = find_case(true, false, SC_MODE_CREATE);
    char *now = sc_xasprintf("%lld", harness_suite->manifest->now);
    struct tool_result r = run_tool((const char *[]){ "format", "--now", now, "-", NULL }, c->input);
    char *golden = harness_slurp(c->golden);

    (void)state;
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, golden);
    free(golden);
    free(now);
    harness_tool_free(&r);
}

static void test_format_rejects_with_file_and_line(void **state)
{
    const struct sc_case *c = find_case(false, true, SC_MODE_REDEFINE);
    struct tool_result r = run_tool((const char *[]){ "format", "--redefine", c->input, NULL }, NULL);
    char *prefix = sc_xasprintf("%s:", c->input);

    (void)state;
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_memory_equal(r.err, prefix, strlen(prefix));
    assert_non_null(strstr(r.err, ": error: "));
    assert_non_null(strstr(r.err, c->parser_error));
    free(prefix);
    harness_tool_free(&r);
}

static void test_format_usage_and_io_errors(void **state)
{
    char *missing = harness_tmp_path("no-such-file.xml");
    struct tool_result r1 = run_tool((const char *[]){ "format", NULL }, NULL);
    struct tool_result r2 = run_tool((const char *[]){ "format", missing, NULL }, NULL);
    struct tool_result r3 = run_tool((const char *[]){ "format", "--now", "soon", "-", NULL }, NULL);
    struct tool_result r4 = run_tool((const char *[]){ "frobnicate", NULL }, NULL);

    (void)state;
    assert_int_equal(r1.status, 2);
    assert_int_equal(r2.status, 2);
    assert_non_null(strstr(r2.err, missing));
    assert_int_equal(r3.status, 2);
    assert_int_equal(r4.status, 2);
    assert_non_null(strstr(r4.err, "frobnicate"));
    harness_tool_free(&r1);
    harness_tool_free(&r2);
    harness_tool_free(&r3);
    harness_tool_free(&r4);
    free(missing);
}

/* Every redefine-mode golden, linked into a nested directory beside a
 * file that is not *.xml, must be found and valid. */
static void test_validate_walks_directories(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    char *top = harness_tmp_path("walk");
    char *sub = sc_xasprintf("%s/nested", top);
    char *expect;
    size_t n = 0;

    (void)state;
    assert_int_equal(mkdir(top, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    free(harness_write(top, "notes.txt", "not a document\n"));
    for (size_t i = 0; i < m->n; i++) {
        if (!m->v[i].valid || m->v[i].mode != SC_MODE_REDEFINE)
            continue;
        char *link = sc_xasprintf("%s/%s.xml", n % 2 ? sub : top, m->v[i].id);
        assert_int_equal(symlink(m->v[i].golden, link), 0);
        free(link);
        n++;
    }
    struct tool_result r = run_tool((const char *[]){ "validate", top, NULL }, NULL);
    expect = sc_xasprintf("%zu valid, 0 invalid\n", n);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_string_equal(r.out, expect);
    free(expect);
    free(sub);
    free(top);
    harness_tool_free(&r);
}

static void test_validate_reports_each_problem(void **state)
{
    const struct sc_case *bad = find_case(false, true, SC_MODE_REDEFINE);
    const struct sc_case *good = find_case(true, false, SC_MODE_REDEFINE);
    struct tool_result r = run_tool((const char *[]){ "validate", good->input, bad->input, NULL }, NULL);

    (void)state;
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "1 valid, 1 invalid"));
    assert_non_null(strstr(r.err, bad->parser_error));
    assert_null(strstr(r.err, good->input));
    harness_tool_free(&r);
}

/* Whatever the number of workers, and however they share the files out,
 * the diagnostics come in the order of the walk: 300 files (more than the
 * ring holds, in several blocks), every seventh one invalid. */
static void test_validate_keeps_walk_order(void **state)
{
    const struct sc_case *bad = find_case(false, true, SC_MODE_REDEFINE);
    const struct sc_case *good = find_case(true, false, SC_MODE_REDEFINE);
    char *dir = harness_tmp_path("order");
    char *first_err = NULL;

    (void)state;
    assert_int_equal(mkdir(dir, 0700), 0);
    for (int i = 0; i < 300; i++) {
        char *link = sc_xasprintf("%s/doc%03d.xml", dir, i);
        assert_int_equal(symlink(i % 7 == 3 ? bad->input : good->input, link), 0);
        free(link);
    }
    static const char *const jobs[] = { "1", "2", "3", "5" };
    for (size_t j = 0; j < sizeof(jobs) / sizeof(jobs[0]); j++) {
        struct tool_result r = run_tool((const char *[]){ "validate", "--jobs", jobs[j], dir, NULL }, NULL);
        assert_int_equal(r.status, 1);
        assert_string_equal(r.out, "257 valid, 43 invalid\n");
        if (!first_err) {
            /* in order: each invalid file's name after the one before */
            const char *at = r.err;
            for (int i = 3; i < 300; i += 7) {
                char *name = sc_xasprintf("doc%03d.xml:", i);
                const char *found = strstr(at, name);
                if (!found)
                    fail_msg("--jobs %s: %s not in order in:\n%s", jobs[j], name, r.err);
                at = found + strlen(name);
                free(name);
            }
            first_err = sc_xstrdup(r.err);
        } else if (strcmp(r.err, first_err) != 0) {
            fail_msg("--jobs %s printed otherwise than --jobs 1:\n%s", jobs[j], r.err);
        }
        harness_tool_free(&r);
    }
    free(first_err);
    free(dir);
}

static void test_validate_stdin_and_io_error(void **state)
{
    const struct sc_case *good = find_case(true, false, SC_MODE_REDEFINE);
    char *missing = harness_tmp_path("absent.xml");
    struct tool_result r1 = run_tool((const char *[]){ "validate", "-", NULL }, good->input);
    struct tool_result r2 = run_tool((const char *[]){ "validate", missing, NULL }, NULL);
    struct tool_result r3 = run_tool((const char *[]){ "validate", NULL }, NULL);

    (void)state;
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 2);
    assert_int_equal(r3.status, 2);
    free(missing);
    harness_tool_free(&r1);
    harness_tool_free(&r2);
    harness_tool_free(&r3);
}

static void test_parity_command(void **state)
{
    char *rng = harness_write(harness_tmpdir(), "cli-drift.rng",
        "<element name='domainsnapshot' xmlns='http://relaxng.org/ns/structure/1.0'>"
        "<element name='state'><choice><value>running</value><value>nostate</value>"
        "</choice></element></element>\n");
    struct tool_result ok = run_tool((const char *[]){ "parity", NULL }, NULL);
    struct tool_result drift = run_tool((const char *[]){ "parity", "--schema", rng, NULL }, NULL);

    (void)state;
    assert_int_equal(ok.status, 0);
    assert_int_equal(drift.status, 1);
    assert_non_null(strstr(drift.out, "'nostate'"));
    assert_non_null(strstr(drift.out, "'pmsuspended'"));
    assert_non_null(strstr(drift.out, "'disk-snapshot'"));
    free(rng);
    harness_tool_free(&ok);
    harness_tool_free(&drift);
}

static void test_states_command(void **state)
{
    struct tool_result r = run_tool((const char *[]){ "states", NULL }, NULL);

    (void)state;
    assert_int_equal(r.status, 0);
    for (int i = 0; i < SC_STATE_LAST; i++) {
        char *line = sc_xasprintf("%-5d %-14s %s", i, sc_state_to_string((enum sc_state)i),
                                  sc_state_accepted((enum sc_state)i) ? "yes" : "no");
        if (!strstr(r.out, line))
            fail_msg("'snapcheck states' lacks the line \"%s\"", line);
        free(line);
    }
    harness_tool_free(&r);
}

static void test_run_command_summary(void **state)
{
    struct tool_result r = run_tool((const char *[]){ "run", NULL }, NULL);
    char *summary = harness_verdicts(harness_suite->manifest->n, 0, 0, 0);

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, summary));
    free(summary);
    harness_tool_free(&r);
}

int harness_run_cli(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_prints_golden),
        cmocka_unit_test(test_format_reads_stdin_in_create_mode),
        cmocka_unit_test(test_format_rejects_with_file_and_line),
        cmocka_unit_test(test_format_usage_and_io_errors),
        cmocka_unit_test(test_validate_walks_directories),
        cmocka_unit_test(test_validate_reports_each_problem),
        cmocka_unit_test(test_validate_keeps_walk_order),
        cmocka_unit_test(test_validate_stdin_and_io_error),
        cmocka_unit_test(test_parity_command),
        cmocka_unit_test(test_states_command),
        cmocka_unit_test(test_run_command_summary),
    };

    return harness_group("cli", tests, NULL, NULL);
}
