/*
 * tests/gate_ci.c: snapcheck as a CI runs it.  README.md's "Use
 * snapcheck in your CI" is executed as written, with an implementation
 * that logs every case it is given; "report --merge" puts shards back
 * together into the reports of the whole run, and refuses what is not
 * the shards of one run.
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
#include "tests/impls.h"

static size_t count_lines(const char *text)
{
    size_t n = 0;

    for (const char *p = text; *p; p++)
        n += *p == '\n';
    return n;
}

/* Every command README's CI section shows runs, in order, and succeeds
 * against an implementation that conforms but for the baseline; a step
 * that runs the suite gives the implementation each case once; the
 * shards, merged, give the JUnit report of the single run. */
static void test_readme_ci_recipe_works(void **state)
{
    char *path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);
    char *doc = harness_slurp(path);
    char *dir = harness_tmp_path("ci-recipe");
    char *start = strstr(doc, "\n## Use snapcheck in your CI\n");
    char *end = start ? strstr(start, "\n### The implementation protocol\n") : NULL;
    char *log_path = sc_xasprintf("%s/roundtrip.log", dir);
    char *junit = sc_xasprintf("%s/snapcheck.xml", dir);
    char *single_junit = NULL;
    size_t steps = 0, skipped = 0, merged = 0, sharded = 0;

    (void)state;
    assert_non_null(end);
    *end = '\0';
    assert_int_equal(mkdir(dir, 0755), 0);
    char *prelude = harness_driver_project(dir);
    for (char *p = start; (p = strstr(p, "\n```sh\n"));) {
        char *body = p + 7, *close = strstr(body, "\n```\n");
        assert_non_null(close);
        *close = '\0';
        p = close + 1;
        if (!strncmp(body, "make ", 5)) {
            skipped++;      /* installing is for the reader's machine */
            continue;
        }
        bool shards = strstr(body, "$SHARD") != NULL;
        for (int shard = 1; shard <= (shards ? 4 : 1); shard++) {
            char *with = sc_xasprintf("%sSHARD=%d\n", prelude, shard);
            char *log;
            free(harness_write(dir, "roundtrip.log", ""));
            if (harness_sh_in(dir, with, body, &log) != 0)
                fail_msg("README's CI step failed:\n%s\n--- output:\n%s", body, log);
            char *calls = harness_slurp(log_path);
            /* a step that runs the suite runs it once, whatever it writes */
            if (strstr(body, "snapcheck run ") && !shards && count_lines(calls) != harness_suite->manifest->n)
                fail_msg("README's CI step ran %zu cases, not the suite's %zu once:\n%s", count_lines(calls),
                         harness_suite->manifest->n, body);
            if (strstr(body, "snapcheck run ") && strstr(body, "--report junit=")) {
                free(single_junit);
                single_junit = harness_slurp(junit);
            }
            if (strstr(body, "report --merge")) {
                char *merged_junit = harness_slurp(junit);
                assert_non_null(single_junit);
                if (strcmp(merged_junit, single_junit))
                    fail_msg("the merged shards' JUnit report differs from the single run's:\n%s\n---\n%s",
                             merged_junit, single_junit);
                free(merged_junit);
                merged++;
            }
            sharded += shards;
            free(calls);
            free(log);
            free(with);
        }
        steps++;
    }
    assert_int_equal(skipped, 1);
    assert_true(steps >= 5);
    assert_int_equal(sharded, 4);
    assert_int_equal(merged, 1);
    free(single_junit);
    free(prelude);
    free(junit);
    free(log_path);
    free(dir);
    free(doc);
    free(path);
}

/* Runs snapcheck with ARGV on the suite in DATADIR (NULL: the suite's
 * own); fails unless it exits STATUS. */
static struct tool_result expect_exit(const char *const *argv, const char *datadir, int status)
{
    struct tool_result r = harness_tool(argv, NULL, datadir);

    if (r.status != status)
        fail_msg("snapcheck %s %s…: exit %d, not %d; standard error:\n%s", argv[0], argv[1] ? argv[1] : "", r.status,
                 status, r.err);
    return r;
}

/* The shards of a run, merged, give the reports of the whole run, byte
 * for byte, known failures, skips and stale entries included, whatever
 * order the files are given in; the merged run is gated as one. */
static void test_shards_merge_into_the_run(void **state)
{
    static const char *const actions[] = { "echo refused >&2; exit 1", "echo refused >&2; exit 1", "kill -SEGV $$",
                                           "echo 'no such mode' >&2; exit 77", "echo 'no such mode' >&2; exit 77" };
    const struct sc_case *c[7];
    const char *ids[5];

    (void)state;
    for (size_t i = 0; i < 7; i++)
        c[i] = harness_valid_case(i, SC_MODE_REDEFINE);
    for (size_t i = 0; i < 5; i++)
        ids[i] = c[i]->id;
    char *impl = harness_scripted_impl("merge", ids, actions, 5);
    char *suite = harness_small_suite("merge", c, 7);
    /* two stale entries, listed out of the cases' order */
    char *entries = sc_xasprintf("%s: fail: rejects\n%s: fail: fixed long ago\n%s: skip: not here\n"
                                 "%s: fail: fixed since\n", c[1]->id, c[6]->id, c[3]->id, c[5]->id);
    char *baseline = harness_write(harness_tmpdir(), "merge.baseline", entries);
    char *all_jsonl = harness_tmp_path("merge-all.jsonl"), *all_text = harness_tmp_path("merge-all.txt");
    char *merged_jsonl = harness_tmp_path("merge-merged.jsonl"), *merged_text = harness_tmp_path("merge-merged.txt");
    char *arg[4], *shard[3];

    arg[0] = sc_xasprintf("jsonl=%s", all_jsonl);
    arg[1] = sc_xasprintf("text=%s", all_text);
    arg[2] = sc_xasprintf("jsonl=%s", merged_jsonl);
    arg[3] = sc_xasprintf("text=%s", merged_text);
    struct tool_result r = expect_exit((const char *[]){ "run", "--impl", impl, "--baseline", baseline, "--report",
                                                         arg[0], "--report", arg[1], NULL }, suite, 1);
    harness_tool_free(&r);
    for (int i = 0; i < 3; i++) {
        char *which = sc_xasprintf("%d/3", i + 1), *name = sc_xasprintf("merge-%d.jsonl", i + 1);
        char *out = sc_xasprintf("jsonl=%s/%s", harness_tmpdir(), name);
        shard[i] = harness_tmp_path(name);
        r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline, "--shard", which,
                                           "--report", out, NULL }, NULL, suite);
        harness_tool_free(&r);
        free(out);
        free(name);
        free(which);
    }
    r = expect_exit((const char *[]){ "report", "--merge", shard[2], shard[0], shard[1], "--report", arg[2],
                                      "--report", arg[3], NULL }, NULL, 1);
    char *want = harness_slurp(all_jsonl), *got = harness_slurp(merged_jsonl);
    assert_string_equal(got, want);
    free(want);
    free(got);
    want = harness_slurp(all_text);
    got = harness_slurp(merged_text);
    assert_string_equal(got, want);
    assert_non_null(strstr(got, "\nSTALE "));
    assert_non_null(strstr(got, "\nknown skip (1): "));
    free(want);
    free(got);
    harness_tool_free(&r);
    /* the gate's limits apply to the whole run */
    r = expect_exit((const char *[]){ "report", "--merge", shard[0], shard[1], shard[2], "--min-pass", "9",
                                      "--max-skip", "1", NULL }, NULL, 1);
    assert_string_equal(r.err, "snapcheck: 3 cases passed, fewer than --min-pass wants (9)\n");
    harness_tool_free(&r);
    for (int i = 0; i < 3; i++)
        free(shard[i]);
    for (int i = 0; i < 4; i++)
        free(arg[i]);
    free(merged_text);
    free(merged_jsonl);
    free(all_text);
    free(all_jsonl);
    free(baseline);
    free(entries);
    free(suite);
    free(impl);
}

/* A JSON Lines report of the reference implementation, with ARGS. */
static char *reference_report(const char *name, const char *const *args)
{
    char *path = harness_tmp_path(name);
    char *out = sc_xasprintf("jsonl=%s", path);
    const char *argv[12] = { "run", "--report", out };
    size_t k = 3;

    for (size_t i = 0; args[i]; i++)
        argv[k++] = args[i];
    argv[k] = NULL;
    struct tool_result r = expect_exit(argv, NULL, 0);
    harness_tool_free(&r);
    free(out);
    return path;
}

/* The line of FILE's summary record: the last. */
static size_t summary_line(const char *file)
{
    char *text = harness_slurp(file);
    size_t n = count_lines(text);

    free(text);
    return n;
}

/* Runs "report --merge FILES…" and checks exit 2 and the message. */
static void expect_refused(const char *const *files, const char *err)
{
    const char *argv[12] = { "report", "--merge" };
    size_t k = 2;

    for (size_t i = 0; files[i]; i++)
        argv[k++] = files[i];
    argv[k] = NULL;
    struct tool_result r = harness_tool(argv, NULL, NULL);
    if (r.status != 2 || strcmp(r.err, err) || r.out[0])
        fail_msg("report --merge %s …: exit %d, stderr:\n%s\nnot:\n%s", files[0] ? files[0] : "", r.status, r.err,
                 err);
    harness_tool_free(&r);
}

/* Each way a set of reports can fail to be the shards of one run is
 * refused, exit 2, with the file and line at fault. */
static void test_merge_refuses_what_is_not_one_run(void **state)
{
    char *ref = harness_reference_impl();
    char *empty = harness_write(harness_tmpdir(), "empty.baseline", "");
    char *s1 = reference_report("r-1.jsonl", (const char *[]){ "--shard", "1/3", NULL });
    char *s2 = reference_report("r-2.jsonl", (const char *[]){ "--shard", "2/3", NULL });
    char *s3 = reference_report("r-3.jsonl", (const char *[]){ "--shard", "3/3", NULL });
    char *env = reference_report("r-env.jsonl", (const char *[]){ "--shard", "3/3", "--compare", "envelope", NULL });
    char *base = reference_report("r-base.jsonl", (const char *[]){ "--shard", "3/3", "--baseline", empty, NULL });
    char *q1 = reference_report("r-q1.jsonl", (const char *[]){ "--shard", "1/4", NULL });
    char *all = reference_report("r-all.jsonl", (const char *[]){ NULL });
    char *all2 = reference_report("r-all2.jsonl", (const char *[]){ NULL });
    char *other = harness_tmp_path("r-other.jsonl");
    char *out = sc_xasprintf("jsonl=%s", other);
    size_t l1 = summary_line(s1), l2 = summary_line(s2), l3 = summary_line(s3);
    char *want;

    (void)state;
    /* the reference behind the protocol: another implementation */
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", ref, "--shard", "3/3", "--report", out,
                                                          NULL }, NULL, NULL);
    assert_int_equal(access(other, R_OK), 0);
    harness_tool_free(&r);
#define REFUSED(files, ...) do { want = sc_xasprintf(__VA_ARGS__); expect_refused(files, want); free(want); } while (0)
    REFUSED(((const char *[]){ s1, s1, NULL }), "%s:%zu: error: shard 1/3 again: %s is that shard too\n", s1, l1, s1);
    REFUSED(((const char *[]){ s1, s2, NULL }), "snapcheck: shard 3/3 is missing: merge every shard of the run\n");
    REFUSED(((const char *[]){ s1, s2, env, NULL }), "%s:%zu: error: not from the run of %s: other settings\n", env,
            l3, s1);
    REFUSED(((const char *[]){ s1, s2, base, NULL }), "%s:%zu: error: not from the run of %s: another baseline\n",
            base, l3, s1);
    REFUSED(((const char *[]){ s1, s2, other, NULL }),
            "%s:%zu: error: not from the run of %s: another implementation\n", other, l3, s1);
    REFUSED(((const char *[]){ all, s1, NULL }), "%s:%zu: error: shard 1/3, where %s is not a shard: not shards of "
            "one run\n", s1, l1, all);
    REFUSED(((const char *[]){ q1, s2, s3, NULL }), "%s:%zu: error: shard 2/3, where %s is shard 1/4: not shards of "
            "one run\n", s2, l2, q1);
    REFUSED(((const char *[]){ all, all2, NULL }), "%s:1: error: case '%s' is in %s too (line 1)\n", all2,
            harness_suite->manifest->v[0].id, all);
    /* a shard one case short, its counts made to agree: shard 2, or
     * shard 1 when the suite's size leaves shard 2 one case more than
     * shard 3 (one short, it would look like a run of one case less) */
    size_t lines_of[3] = { l1, l2, l3 }, n_cases = l1 + l2 + l3 - 3;
    size_t k = n_cases % 3 == 2 ? 0 : 1;
    char *cmd = sc_xasprintf("cd '%s' && sed 1d r-%zu.jsonl | sed 's/\"passed\":%zu,\"total\":%zu,/\"passed\":%zu,"
                             "\"total\":%zu,/' > r-short.jsonl", harness_tmpdir(), k + 1, lines_of[k] - 1,
                             lines_of[k] - 1, lines_of[k] - 2, lines_of[k] - 2);
    assert_int_equal(system(cmd), 0);
    char *shorter = harness_tmp_path("r-short.jsonl");
    /* the first shard whose count is not that of a run of the total is
     * named: which one depends on how the suite's cases divide by 3 */
    const char *files3[3] = { s1, s2, s3 };
    size_t held[3] = { l1 - 1, l2 - 1, l3 - 1 }, lines[3] = { l1, l2, l3 };
    files3[k] = shorter;
    held[k]--;
    lines[k]--;
    size_t total = held[0] + held[1] + held[2], at = 0;
    while (at < 3 && held[at] == total / 3 + (total % 3 >= at + 1))
        at++;
    assert_true(at < 3);
    REFUSED(((const char *[]){ files3[0], files3[1], files3[2], NULL }), "%s:%zu: error: shard %zu/3 holds %zu "
            "cases; in a run of %zu it would hold %zu: the shards are not of one run\n", files3[at], lines[at],
            at + 1, held[at], total, total / 3 + (total % 3 >= at + 1));
    /* files that are not such reports, or not whole */
    free(cmd);
    cmd = sc_xasprintf("cd '%s' && head -n 3 r-2.jsonl > r-cut.jsonl && sed 's/\"passed\":%zu,/\"passed\":%zu,/' "
                       "r-2.jsonl > r-edit.jsonl && printf 'nonsense\\n' > r-bad.jsonl && "
                       "printf '{\"type\":\"case\",\"type\":\"case\"}\\n' > r-dup.jsonl && "
                       "printf '{\"type\":\"banana\"}\\n' > r-banana.jsonl && "
                       "printf '{\"type\":\"case\",\"id\":\"x\"}\\n' > r-case.jsonl && "
                       "printf '{\"type\":\"stale-baseline\",\"id\":\"x\"}\\n' > r-stale.jsonl && "
                       "tail -n 1 r-2.jsonl >> r-stale.jsonl && "
                       "head -n 1 r-2.jsonl > r-twice.jsonl && cat r-2.jsonl >> r-twice.jsonl && "
                       "printf '{\"type\":\"stale-baseline\"}\\n' > r-noid.jsonl && "
                       "printf '{\"type\":\"summary\",\"subject\":1}\\n' > r-summary.jsonl && "
                       "printf '{\"type\":\"summary\",\"subject\":\"x\",\"passed\":0}\\n' > r-count.jsonl && "
                       "printf '[1]\\n' > r-array.jsonl && "
                       "cat r-2.jsonl r-2.jsonl > r-after.jsonl", harness_tmpdir(), l2 - 1, l2 - 2);
    assert_int_equal(system(cmd), 0);
    static const char *const names[] = { "r-cut.jsonl", "r-edit.jsonl", "r-bad.jsonl", "r-dup.jsonl",
                                          "r-banana.jsonl", "r-case.jsonl", "r-stale.jsonl", "r-twice.jsonl",
                                          "r-noid.jsonl", "r-summary.jsonl", "r-count.jsonl", "r-array.jsonl",
                                          "r-after.jsonl" };
    char *files[13];
    for (size_t i = 0; i < 13; i++)
        files[i] = harness_tmp_path(names[i]);
    REFUSED(((const char *[]){ files[0], NULL }), "%s: error: no summary record: not a JSON Lines report of "
            "snapcheck's, or one cut short\n", files[0]);
    REFUSED(((const char *[]){ files[1], NULL }), "%s:%zu: error: the summary counts %zu passed, the records %zu: "
            "the report was changed or cut short\n", files[1], l2, l2 - 2, l2 - 1);
    REFUSED(((const char *[]){ files[2], NULL }), "%s:1: error: not JSON: '[' or '{' expected near 'nonsense' "
            "(column 8)\n", files[2]);
    REFUSED(((const char *[]){ files[3], NULL }), "%s:1: error: not JSON: duplicate object key near '\"type\"' "
            "(column 21)\n", files[3]);
    REFUSED(((const char *[]){ files[4], NULL }), "%s:1: error: a record of unknown type 'banana'\n", files[4]);
    REFUSED(((const char *[]){ files[5], NULL }), "%s:1: error: not a case record of snapcheck's: it wants id, "
            "result, expected, actual, message, known and listed, as run --report jsonl writes them\n", files[5]);
    REFUSED(((const char *[]){ files[6], NULL }), "%s: error: the stale baseline entry 'x' is not a case that "
            "passed here\n", files[6]);
    REFUSED(((const char *[]){ files[7], NULL }), "%s:2: error: case '%s' again (line 1)\n", files[7],
            harness_suite->manifest->v[1].id);
    REFUSED(((const char *[]){ files[8], NULL }), "%s:1: error: a stale-baseline record wants an id\n", files[8]);
    REFUSED(((const char *[]){ files[9], NULL }), "%s:1: error: not a summary record of snapcheck's: it wants "
            "subject, settings, shard (I/N or null) and baseline\n", files[9]);
    REFUSED(((const char *[]){ files[10], NULL }), "%s:1: error: the summary record has no count 'total'\n",
            files[10]);
    REFUSED(((const char *[]){ files[11], NULL }), "%s:1: error: not a record of snapcheck's: a JSON object with a "
            "type\n", files[11]);
    REFUSED(((const char *[]){ files[12], NULL }), "%s:%zu: error: a record after the summary (line %zu)\n",
            files[12], l2 + 1, l2);
    REFUSED(((const char *[]){ "/nonexistent.jsonl", NULL }),
            "/nonexistent.jsonl: error: cannot open: No such file or directory\n");
    REFUSED(((const char *[]){ NULL }), "snapcheck: report --merge wants the JSON Lines reports to merge (run "
            "--report jsonl=FILE)\nTry 'snapcheck report --help'.\n");
#undef REFUSED
    /* a report of no case at all is read, and fails the gate */
    char *none = harness_write(harness_tmpdir(), "r-none.jsonl",
                               "{\"type\":\"summary\",\"subject\":\"x\",\"settings\":null,\"shard\":null,"
                               "\"baseline\":null,\"passed\":0,\"total\":0,\"failed\":0,\"errors\":0,\"skipped\":0}\n");
    r = harness_tool((const char *[]){ "report", "--merge", none, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.err, "snapcheck: no case ran\n");
    harness_tool_free(&r);
    free(none);
    r = harness_tool((const char *[]){ "report", s1, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "snapcheck: report wants --merge or --html DIR\n"
                               "Try 'snapcheck report --help'.\n");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "report", "--merge", s1, "--max-skip", "x", NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "snapcheck: --max-skip wants a number of cases, not 'x'\nTry 'snapcheck report --help'.\n");
    harness_tool_free(&r);
    for (size_t i = 0; i < 13; i++)
        free(files[i]);
    free(shorter);
    free(cmd);
    free(out);
    free(other);
    free(all2);
    free(all);
    free(q1);
    free(base);
    free(env);
    free(s3);
    free(s2);
    free(s1);
    free(empty);
    free(ref);
}

int harness_run_gate_ci(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readme_ci_recipe_works),
        cmocka_unit_test(test_shards_merge_into_the_run),
        cmocka_unit_test(test_merge_refuses_what_is_not_one_run),
    };

    return harness_group("gate ci", tests, NULL, NULL);
}
