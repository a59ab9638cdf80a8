/*
 * harness_gate_counts.c: what the CI gate counts and how it says so.
 * Baselines record the kind of each known result; every report format
 * states the same counts for one run.  Implementations are scripts that
 * misbehave on chosen cases (harness_scripted_impl).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Runs "snapcheck run --impl IMPL ARGS…" on the suite in DATADIR. */
static struct tool_result run_in(const char *datadir, const char *impl, const char *const *args)
{
    const char *argv[24] = { "run", "--impl", impl };
    size_t k = 3;

    for (size_t i = 0; args && args[i] && k < 23; i++)
        argv[k++] = args[i];
    argv[k] = NULL;
    return harness_tool(argv, NULL, datadir);
}

static void expect_in(const char *what, const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("%s lacks \"%s\":\n%s", what, want, text);
}

/* A baseline entry names the kind of result: a case known to fail that
 * crashes, or known to crash that fails, is a new failure, said so; a
 * skip is known only as a skip; the form without a kind means fail. */
static void test_baseline_entries_have_a_kind(void **state)
{
    const struct sc_case *c[4];
    const char *actions[3] = { "kill -SEGV $$", "echo refused >&2; exit 1", "echo 'no such mode' >&2; exit 77" };

    (void)state;
    for (size_t i = 0; i < 4; i++)
        c[i] = harness_valid_case(i, SC_MODE_REDEFINE);
    const char *ids[3] = { c[0]->id, c[1]->id, c[2]->id };
    char *impl = harness_scripted_impl("kinds", ids, actions, 3);
    char *four = harness_small_suite("kinds-4", c, 4), *three = harness_small_suite("kinds-3", c, 3);
    char *one = harness_small_suite("kinds-1", c + 1, 1);
    /* as listed: an error, a failure and a skip known; a passing case stale */
    char *text = sc_xasprintf("# comment\n%s: error: crashes\n%s: fail: rejects\n%s: skip: unsupported here\n"
                              "%s: fail: fixed since\n", c[0]->id, c[1]->id, c[2]->id, c[3]->id);
    char *baseline = harness_write(harness_tmpdir(), "kinds.baseline", text);
    struct tool_result r = run_in(four, impl, (const char *[]){ "--baseline", baseline, NULL });
    char *known = sc_xasprintf("known error (1): %s: crashes\nknown fail (1): %s: rejects\n"
                               "known skip (1): %s: unsupported here\n", c[0]->id, c[1]->id, c[2]->id);
    char *stale = sc_xasprintf("STALE %s: passes now; remove it from the baseline\n", c[3]->id);

    assert_int_equal(r.status, 1);
    expect_in("the text report", r.out, known);
    expect_in("the text report", r.out, stale);
    expect_in("the text report", r.out, "\n1 passed, 1 failed, 1 error, 1 skipped\n"
                                        "baseline: 3 known (2 failures, 1 skip), 0 new failures, 1 stale entry\n");
    harness_tool_free(&r);
    free(text);
    /* each listed as another kind; the form without a kind is a failure */
    text = sc_xasprintf("%s: fail: rejects\n%s: error: crashes\n%s: unsupported here\n", c[0]->id, c[1]->id,
                        c[2]->id);
    free(harness_write(harness_tmpdir(), "kinds.baseline", text));
    r = run_in(three, impl, (const char *[]){ "--baseline", baseline, NULL });
    char *crash = sc_xasprintf("ERROR %s: %s (the baseline lists it as fail)\n      crashed: killed by signal 11",
                               c[0]->id, c[0]->description);
    char *fail = sc_xasprintf("\nFAIL  %s: %s (the baseline lists it as error)\n      rejected a valid document",
                              c[1]->id, c[1]->description);
    char *skip = sc_xasprintf("\nskipped (1): %s: unsupported: no such mode\n", c[2]->id);
    assert_int_equal(r.status, 1);
    expect_in("the text report", r.out, crash);
    expect_in("the text report", r.out, fail);
    expect_in("the text report", r.out, skip);
    expect_in("the text report", r.out, "\nbaseline: 0 known (0 failures, 0 skips), 2 new failures, 0 stale entries\n");
    harness_tool_free(&r);
    r = run_in(three, impl, (const char *[]){ "--baseline", baseline, "--report", "jsonl", NULL });
    char *listed = sc_xasprintf("\"id\":\"%s\",\"result\":\"error\",\"expected\":\"accept\",\"actual\":\"crash\","
                                "\"message\":\"crashed: killed by signal 11 (SIGSEGV)\",\"known\":null,"
                                "\"listed\":\"fail\"", c[0]->id);
    expect_in("the JSON Lines report", r.out, listed);
    harness_tool_free(&r);
    /* the form without a kind, on a case that fails, is known */
    free(harness_write(harness_tmpdir(), "kinds.baseline", "# written before kinds\n"));
    free(text);
    text = sc_xasprintf("%s: a reason from before kinds\n", c[1]->id);
    free(harness_write(harness_tmpdir(), "kinds.baseline", text));
    r = run_in(one, impl, (const char *[]){ "--baseline", baseline, NULL });
    assert_int_equal(r.status, 0);
    free(known);
    known = sc_xasprintf("known fail (1): %s: a reason from before kinds\n", c[1]->id);
    expect_in("the text report", r.out, known);
    harness_tool_free(&r);
    free(listed);
    free(skip);
    free(fail);
    free(crash);
    free(stale);
    free(known);
    free(baseline);
    free(text);
    free(one);
    free(three);
    free(four);
    free(impl);
}

/* --update-baseline writes each result's kind, skips included, and
 * keeps the reason of an entry that still holds. */
static void test_update_baseline_writes_kinds(void **state)
{
    const struct sc_case *c[4];
    const char *actions[3] = { "kill -SEGV $$", "echo refused >&2; exit 1", "echo 'no such mode' >&2; exit 77" };

    (void)state;
    for (size_t i = 0; i < 4; i++)
        c[i] = harness_valid_case(i, SC_MODE_REDEFINE);
    const char *ids[3] = { c[0]->id, c[1]->id, c[2]->id };
    char *impl = harness_scripted_impl("kinds", ids, actions, 3);
    char *four = harness_small_suite("update-4", c, 4);
    char *entry = sc_xasprintf("%s: fail: a reason written by hand\n", c[1]->id);
    char *baseline = harness_write(harness_tmpdir(), "update.baseline", entry);
    struct tool_result r = run_in(four, impl, (const char *[]){ "--baseline", baseline, "--update-baseline", NULL });
    char *text = harness_slurp(baseline);
    char *want = sc_xasprintf("\n%s: error: crashed: killed by signal 11 (SIGSEGV)\n"
                              "%s: fail: a reason written by hand\n"
                              "%s: skip: unsupported: no such mode\n", c[0]->id, c[1]->id, c[2]->id);
    char *said = sc_xasprintf("baseline: 3 entries (1 fail, 1 error, 1 skip) written to %s\n", baseline);

    assert_int_equal(r.status, 0);
    expect_in("the baseline", text, want);
    assert_null(strstr(text, c[3]->id));
    assert_string_equal(r.out, said);
    harness_tool_free(&r);
    /* and the run it was written from passes against it */
    r = run_in(four, impl, (const char *[]){ "--baseline", baseline, NULL });
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    free(said);
    free(want);
    free(text);
    free(baseline);
    free(entry);
    free(four);
    free(impl);
}

int harness_run_gate_counts(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_entries_have_a_kind),
        cmocka_unit_test(test_update_baseline_writes_kinds),
    };

    return cmocka_run_group_tests_name("gate counts", tests, NULL, NULL);
}
