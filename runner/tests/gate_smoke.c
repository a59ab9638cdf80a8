/*
 * tests/gate_smoke.c: the smoke case, the first look "run --impl"
 * takes at an implementation.  Implementations here log the cases they
 * are given, so that a test can tell which ran, in which order, and how
 * often.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

static char *fresh_log(const char *name)
{
    char *log = sc_xasprintf("%s/%s.log", harness_tmpdir(), name);

    unlink(log);
    free(harness_write(harness_tmpdir(), strrchr(log, '/') + 1, ""));
    return log;
}

static size_t lines_equal(const char *text, const char *line)
{
    size_t n = 0, len = strlen(line);

    for (const char *p = text; *p;) {
        size_t k = strcspn(p, "\n");
        n += k == len && !strncmp(p, line, len);
        p += k + (p[k] == '\n');
    }
    return n;
}

static bool same_file(const char *a, const char *b)
{
    char *x = harness_slurp(a), *y = harness_slurp(b);
    bool same = !strcmp(x, y);

    free(x);
    free(y);
    return same;
}

/* The first case an implementation gets is the smoke case, selected or
 * not: a valid redefine case whose input is its own golden, and no
 * such case has a smaller input.  It runs once in a run that selects it. */
static void test_the_smoke_case_comes_first(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *invalid = NULL;
    char *log = fresh_log("smoke-first");
    char *ref = harness_reference_impl();
    char *impl = harness_logging_impl("smoke-first", log, ref);

    (void)state;
    for (size_t i = 0; i < m->n && !invalid; i++)
        invalid = m->v[i].valid ? NULL : &m->v[i];
    assert_non_null(invalid);
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter", invalid->id, NULL },
                                        NULL, NULL);
    char *text = harness_slurp(log);
    char first[256];
    assert_int_equal(r.status, 0);
    assert_int_equal(sscanf(text, "%255s", first), 1);
    const struct sc_case *smoke = NULL;
    for (size_t i = 0; i < m->n; i++)
        smoke = !strcmp(m->v[i].id, first) ? &m->v[i] : smoke;
    assert_non_null(smoke);
    if (!smoke->valid || smoke->mode != SC_MODE_REDEFINE || !same_file(smoke->input, smoke->golden))
        fail_msg("the first case run, %s, is not a valid redefine case that is its own golden", first);
    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (c->valid && c->mode == SC_MODE_REDEFINE && harness_file_size(c->input) < harness_file_size(smoke->input) &&
            same_file(c->input, c->golden))
            fail_msg("%s is simpler than the smoke case %s", c->id, smoke->id);
    }
    char *order = sc_xasprintf("%s\n%s\n", smoke->id, invalid->id);
    assert_string_equal(text, order);
    /* the report holds the selected case only */
    assert_non_null(strstr(r.out, "\n1 passed, 0 failed, 0 errors, 0 skipped\n"));
    harness_tool_free(&r);
    free(order);
    free(text);
    /* a run that selects it runs it once */
    free(log);
    log = fresh_log("smoke-first");
    r = harness_tool((const char *[]){ "run", "--impl", impl, NULL }, NULL, NULL);
    text = harness_slurp(log);
    assert_int_equal(lines_equal(text, smoke->id), 1);
    assert_int_equal(lines_equal(text, invalid->id), 1);
    harness_tool_free(&r);
    free(text);
    free(impl);
    free(ref);
    free(log);
}

/* An implementation that does not pass the smoke case stops the run
 * before any other case, exit 3, saying which case it is and quoting
 * what the implementation printed on standard error, escaped; no report
 * is written. */
static void test_failing_the_smoke_case_is_exit_3(void **state)
{
    const struct sc_case *smoke = harness_smoke_case();
    char *log = fresh_log("smoke-fails");
    char *ref = harness_reference_impl();
    char *wrong_body = sc_xasprintf("printf 'warning: \\033[31mred\\033[0m\\n::error::forged\\n' >&2\n"
                                    "%s | sed 's#<name>#<name>x#'", ref);
    char *wrong = harness_logging_impl("smoke-wrong", log, wrong_body);
    char *report = harness_tmp_path("smoke.xml");
    char *junit = sc_xasprintf("junit=%s", report);
    char *head = sc_xasprintf("snapcheck: the implementation fails the smoke case %s (cases/valid/%s.xml, "
                              "redefine mode), the simplest valid document of the suite; no other case was run\n"
                              "  output differs at line 2: ", smoke->id, smoke->id);

    (void)state;
    unlink(report);
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", wrong, "--report", junit, NULL }, NULL,
                                        NULL);
    char *text = harness_slurp(log);
    char *once = sc_xasprintf("%s\n", smoke->id);
    assert_int_equal(r.status, 3);
    assert_string_equal(text, once);
    assert_string_equal(r.out, "");
    assert_int_equal(access(report, F_OK), -1);
    if (strncmp(r.err, head, strlen(head)) || !strstr(r.err, "\n  +++ output\n") ||
        !strstr(r.err, "\n  its standard error:\n    warning: \\e[31mred\\e[0m\n    \\x3a:error::forged\n"))
        fail_msg("standard error:\n%s", r.err);
    harness_tool_free(&r);
    /* a rejection quotes standard error in its message, once */
    char *reject = harness_logging_impl("smoke-reject", log, "echo 'no such element' >&2; exit 1");
    r = harness_tool((const char *[]){ "run", "--impl", reject, NULL }, NULL, NULL);
    char *said = sc_xasprintf("snapcheck: the implementation fails the smoke case %s (cases/valid/%s.xml, "
                              "redefine mode), the simplest valid document of the suite; no other case was run\n"
                              "  rejected a valid document: no such element\n", smoke->id, smoke->id);
    assert_int_equal(r.status, 3);
    assert_string_equal(r.err, said);
    harness_tool_free(&r);
    /* nor is a baseline written for it */
    char *baseline = harness_tmp_path("smoke.baseline");
    unlink(baseline);
    r = harness_tool((const char *[]){ "run", "--impl", reject, "--baseline", baseline, "--update-baseline", NULL },
                     NULL, NULL);
    assert_int_equal(r.status, 3);
    assert_string_equal(r.err, said);
    assert_int_equal(access(baseline, F_OK), -1);
    harness_tool_free(&r);
    free(baseline);
    /* a hang: the timeout, and nothing on standard error */
    free(said);
    said = sc_xasprintf("snapcheck: the implementation fails the smoke case %s (cases/valid/%s.xml, "
                        "redefine mode), the simplest valid document of the suite; no other case was run\n"
                        "  no answer within 0.5 s\n  it printed nothing on standard error\n", smoke->id, smoke->id);
    r = harness_tool((const char *[]){ "run", "--impl", "exec sleep 30", "--timeout", "0.5", NULL }, NULL, NULL);
    assert_int_equal(r.status, 3);
    assert_string_equal(r.err, said);
    harness_tool_free(&r);
    free(said);
    free(reject);
    free(once);
    free(text);
    free(head);
    free(junit);
    free(report);
    free(wrong);
    free(wrong_body);
    free(ref);
    free(log);
}

/* An implementation that skips the smoke case is tried on the smoke
 * case of create mode, then of internal mode; one that skips them all
 * is left to the gate's limit on skips. */
static void test_a_skipped_smoke_case_tries_the_next_mode(void **state)
{
    const struct sc_case *create = NULL;
    const struct sc_manifest *m = harness_suite->manifest;
    char *log = fresh_log("smoke-modes");
    char *ref = harness_reference_impl();
    char *body = sc_xasprintf("[ \"$SNAPCHECK_MODE\" = redefine ] && exit 77\n"
                              "[ \"$SNAPCHECK_MODE\" = create ] && { echo 'create: no' >&2; exit 1; }\nexec %s",
                              ref);
    char *impl = harness_logging_impl("smoke-modes", log, body);

    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, NULL }, NULL, NULL);
    char *text = harness_slurp(log);
    char second[256] = "";
    assert_int_equal(r.status, 3);
    assert_int_equal(sscanf(strchr(text, '\n') + 1, "%255s", second), 1);
    for (size_t i = 0; i < m->n; i++)
        create = !strcmp(m->v[i].id, second) ? &m->v[i] : create;
    assert_non_null(create);
    assert_true(create->valid && create->mode == SC_MODE_CREATE);
    char *head = sc_xasprintf("snapcheck: the implementation fails the smoke case %s (cases/valid/%s.xml, "
                              "create mode), ", create->id, create->id);
    assert_int_equal(strncmp(r.err, head, strlen(head)), 0);
    assert_int_equal(lines_equal(text, harness_smoke_case()->id), 1);
    harness_tool_free(&r);
    free(head);
    free(text);
    /* skipping every mode: the run goes on, and the gate says no */
    r = harness_tool((const char *[]){ "run", "--impl", "exit 77", "--filter", create->id, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.err, "snapcheck: 1 case skipped, more than --max-skip allows (0)\n"
                               "snapcheck: no case ran: the one selected was skipped\n");
    harness_tool_free(&r);
    free(impl);
    free(body);
    free(ref);
    free(log);
}

int harness_run_gate_smoke(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_smoke_case_comes_first),
        cmocka_unit_test(test_failing_the_smoke_case_is_exit_3),
        cmocka_unit_test(test_a_skipped_smoke_case_tries_the_next_mode),
    };

    return harness_group("gate smoke", tests, NULL, NULL);
}
