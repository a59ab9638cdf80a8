/*
 * tests/gate.c: snapcheck as a CI gate.  Drives "snapcheck run" with
 * external implementations written for the test (the reference
 * formatter behind the protocol, and shell scripts that crash, hang,
 * flood, print garbage or skip), and checks results, exit codes,
 * baselines, selection and every report format.  The cases used come
 * from the manifest.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "util/buf.h"
#include "suite/run.h"
#include "util/fileio.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

static void test_reference_impl_and_exit_codes(void **state)
{
    char *impl = harness_reference_impl();
    char *summary = harness_verdicts(harness_suite->manifest->n - harness_schema_only_cases(),
                                     harness_schema_only_cases(), 0, 0);
    struct tool_result r;

    (void)state;
    harness_progress("run --impl (the reference formatter)");
    r = harness_tool((const char *[]){ "run", "--impl", impl, NULL }, NULL, NULL);
    assert_int_equal(r.status, harness_schema_only_cases() ? 1 : 0);
    assert_non_null(strstr(r.out, summary));
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--impl", "./no-such-implementation", NULL }, NULL, NULL);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "no-such-implementation"));
    harness_tool_free(&r);
    const char *usage[][4] = {
        { "run", "--compare", "loose", NULL }, { "run", "--shard", "4/3", NULL },
        { "run", "--report", "html", NULL }, { "run", "--jobs", "0", NULL },
        { "run", "--update-baseline", NULL }, { "run", "--filter", "no-such-case-*", NULL },
    };
    for (size_t i = 0; i < sizeof(usage) / sizeof(usage[0]); i++) {
        r = harness_tool(usage[i], NULL, NULL);
        if (r.status != 2)
            fail_msg("'snapcheck %s %s' exits %d, not 2", usage[i][1], usage[i][2] ? usage[i][2] : "", r.status);
        harness_tool_free(&r);
    }
    free(summary);
    free(impl);
}

/* An invalid case passes only when the implementation rejects it about
 * the part of the document the case is about: silence or another part
 * fails, unless --any-reason says any rejection will do. */
static void test_rejections_are_judged_by_reason(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *c = NULL;

    (void)state;
    for (size_t i = 0; i < m->n && !c; i++)
        c = !m->v[i].valid && m->v[i].parser_error && !strcmp(m->v[i].reason, "state") ? &m->v[i] : NULL;
    assert_non_null(c);
    const struct { const char *impl, *extra, *want; int status; } runs[] = {
        { "echo refused >&2; exit 1", NULL, "rejected it without saying what about", 1 },
        { "echo 'refused'; echo 'snapcheck-reason: memory' >&2; exit 1", NULL,
          "rejected it about <memory>, but the case is about <state>", 1 },
        { "echo 'snapcheck-reason: state' >&2; exit 1", NULL, "1 passed, 0 failed, 0 errors, 0 skipped", 0 },
        { "echo refused >&2; exit 1", "--any-reason", "1 passed, 0 failed, 0 errors, 0 skipped", 0 },
    };
    char *guard = harness_smoke_guard();
    for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        char *impl = sc_xasprintf("%s; %s", guard, runs[i].impl);
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter",
                                                               c->id, runs[i].extra, NULL }, NULL, NULL);
        if (r.status != runs[i].status || !strstr(r.out, runs[i].want))
            fail_msg("'%s' %s: exit %d, output:\n%s", runs[i].impl, runs[i].extra ? runs[i].extra : "",
                     r.status, r.out);
        harness_tool_free(&r);
        free(impl);
    }
    free(guard);
}

/* The baseline gate: known failures pass, stale entries fail, and
 * --update-baseline lists exactly the failures, keeping reasons. */
static void test_baseline(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    char *impl = harness_reference_impl();
    char *baseline = harness_tmp_path("gate.baseline");
    struct sc_buf want = { 0 };

    (void)state;
    if (!harness_schema_only_cases())
        harness_skip();
    harness_progress("run --impl --update-baseline");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline,
                                                           "--update-baseline", NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    char *text = harness_slurp(baseline);
    for (size_t i = 0; i < m->n; i++) {
        if (!m->v[i].valid && !m->v[i].parser_error) {
            char *entry = sc_xasprintf("\n%s: fail: ", m->v[i].id);
            if (!strstr(text, entry))
                fail_msg("baseline lacks %s", m->v[i].id);
            free(entry);
        }
    }
    /* a reason written by hand survives a rewrite; a stale entry fails */
    const struct sc_case *passing = harness_valid_case(0, SC_MODE_REDEFINE);
    sc_buf_puts(&want, text);
    sc_buf_printf(&want, "%s: fixed long ago\n", passing->id);
    free(harness_write(harness_tmpdir(), "gate.baseline", want.data));
    harness_progress("run --impl --baseline, with an entry that passes now");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    char *stale = sc_xasprintf("STALE %s", passing->id);
    assert_non_null(strstr(r.out, stale));
    harness_tool_free(&r);
    free(harness_write(harness_tmpdir(), "gate.baseline", text));
    harness_progress("run --impl --baseline, the baseline as written");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline, NULL }, NULL, NULL);
    char *counts = sc_xasprintf("\nbaseline: %zu known (%zu failures, 0 skips), 0 new failures, 0 stale entries\n",
                                harness_schema_only_cases(), harness_schema_only_cases());
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, counts));
    free(counts);
    harness_tool_free(&r);
    free(harness_write(harness_tmpdir(), "gate.baseline", "this line has no colon\n"));
    harness_progress("run --impl --baseline, a baseline with a bad line");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, ":1: error:"));
    harness_tool_free(&r);
    /* nor does --update-baseline replace it: what it holds would be lost */
    harness_progress("run --impl --update-baseline, a baseline with a bad line");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline, "--update-baseline", NULL },
                     NULL, NULL);
    char *where = sc_xasprintf("%s:1: error: expected 'CASE-ID: KIND: reason', found 'this line has no colon'\n",
                               baseline);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, where));
    harness_tool_free(&r);
    char *kept = harness_slurp(baseline);
    assert_string_equal(kept, "this line has no colon\n");
    free(kept);
    free(where);
    sc_buf_free(&want);
    free(stale);
    free(text);
    free(baseline);
    free(impl);
}

/* A script that misbehaves on five valid cases and skips a sixth, and
 * otherwise formats like the reference. */
static char *misbehaving_impl(const struct sc_case *const *c)
{
    const char *ids[6], *actions[6] = {
        "kill -SEGV $$", "exec sleep 60", "exec cat /dev/zero", "printf '\\377\\376<&\\001 not xml'; exit 0",
        "exit 0", "echo 'mode unsupported' >&2; exit 77",
    };

    for (size_t i = 0; i < 6; i++)
        ids[i] = c[i]->id;
    return harness_scripted_impl("misbehave", ids, actions, 6);
}

static void test_misbehaving_impl_fails_only_its_cases(void **state)
{
    const struct sc_case *c[6];

    (void)state;
    for (size_t i = 0; i < 6; i++)
        c[i] = harness_valid_case(i, SC_MODE_REDEFINE);
    char *impl = misbehaving_impl(c);
    char *report = harness_tmp_path("misbehave.jsonl");
    /* the timeout leaves the well-behaved cases room on a loaded
     * machine, or under valgrind: only the hanging case may reach it */
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--timeout", "5",
                                                           "--report", "jsonl", "-o", report, NULL },
                                        NULL, NULL);
    char *jsonl = harness_slurp(report);
    const char *actual[6] = { "crash", "timeout", "flood", "non-xml", "non-xml", "skip" };
    const char *result[6] = { "error", "error", "error", "error", "error", "skip" };

    assert_int_equal(r.status, 1);
    for (size_t i = 0; i < 6; i++) {
        char *rec = sc_xasprintf("\"id\":\"%s\",\"result\":\"%s\",\"expected\":\"accept\",\"actual\":\"%s\"",
                                 c[i]->id, result[i], actual[i]);
        if (!strstr(jsonl, rec))
            fail_msg("no record %s in\n%s", rec, jsonl);
        free(rec);
    }
    char *summary = sc_xasprintf("\"passed\":%zu,\"total\":%zu,", harness_suite->manifest->n - 6 - harness_schema_only_cases(),
                                 harness_suite->manifest->n);
    assert_non_null(strstr(jsonl, summary));
    free(summary);
    free(jsonl);
    free(report);
    harness_tool_free(&r);
    free(impl);
}

/* JUnit comes from libxml2: it must parse, count right, and carry the
 * implementation's message with its special characters intact. */
static void test_junit_is_well_formed_and_escaped(void **state)
{
    const struct sc_case *c = harness_valid_case(0, SC_MODE_REDEFINE);
    char *guard = harness_smoke_guard();
    char *script = sc_xasprintf("#!/bin/sh\n%s\n"
                                "printf 'bad <input> & \"quotes\" \\047here\\047 \\001 \\377\\n' >&2\n"
                                "exit 1\n", guard);
    char *impl = harness_impl_script("reject.sh", script);
    char *report = harness_tmp_path("report.xml");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter", c->id,
                                                           "--report", "junit", "-o", report, NULL },
                                        NULL, NULL);
    xmlDocPtr doc = xmlReadFile(report, NULL, XML_PARSE_NONET);
    xmlXPathContextPtr ctx;
    xmlXPathObjectPtr res;

    (void)state;
    assert_int_equal(r.status, 1);
    assert_non_null(doc);
    ctx = xmlXPathNewContext(doc);
    res = xmlXPathEval(BAD_CAST "string(//testcase/failure/@message)", ctx);
    assert_string_equal((const char *)res->stringval,
                        "rejected a valid document: bad <input> & \"quotes\" 'here' \xEF\xBF\xBD \xEF\xBF\xBD");
    xmlXPathFreeObject(res);
    res = xmlXPathEval(BAD_CAST "string(//testsuite/@failures)", ctx);
    assert_string_equal((const char *)res->stringval, "1");
    xmlXPathFreeObject(res);
    res = xmlXPathEval(BAD_CAST "string(//property[@name='compliance']/@value)", ctx);
    assert_string_equal((const char *)res->stringval, "0/1");
    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    harness_tool_free(&r);
    free(report);
    free(impl);
    free(script);
    free(guard);
}

/* Each format states the compliance figure. */
static void test_every_format_states_compliance(void **state)
{
    static const char *const formats[] = { "text", "tap", "junit", "jsonl", "markdown" };
    static const char *const marks[] = { "compliance: %zu/%zu passed", "# compliance: %zu/%zu passed",
                                         "value=\"%zu/%zu\"", "\"passed\":%zu,\"total\":%zu",
                                         "**compliance: %zu/%zu passed" };
    size_t n = harness_suite->manifest->n;

    (void)state;
    for (size_t i = 0; i < 5; i++) {
        char *report = harness_tmp_path("every-format.out");
        harness_progress("run --report %s", formats[i]);
        struct tool_result r = harness_tool((const char *[]){ "run", "--report", formats[i], "-o", report, NULL },
                                            NULL, NULL);
        char *text = harness_slurp(report);
        char *mark = sc_xasprintf(marks[i], n, n);
        assert_int_equal(r.status, 0);
        if (!strstr(text, mark))
            fail_msg("the %s report does not state \"%s\"", formats[i], mark);
        free(mark);
        free(text);
        free(report);
        harness_tool_free(&r);
    }
}

/* Shards partition the suite, and the report does not depend on --jobs. */
static void test_shards_and_jobs(void **state)
{
    size_t n = harness_suite->manifest->n, total = 0;
    char *one, *many;

    (void)state;
    for (int i = 1; i <= 3; i++) {
        char *shard = sc_xasprintf("%d/3", i);
        struct tool_result r = harness_tool((const char *[]){ "run", "--shard", shard, "--report", "tap", NULL },
                                            NULL, NULL);
        size_t count = 0;
        assert_int_equal(r.status, 0);
        assert_int_equal(sscanf(strstr(r.out, "\n1..") + 4, "%zu", &count), 1);
        assert_true(count == n / 3 || count == n / 3 + 1);
        total += count;
        harness_tool_free(&r);
        free(shard);
    }
    assert_int_equal(total, n);
    struct tool_result a = harness_tool((const char *[]){ "run", "--jobs", "1", "--report", "jsonl", NULL }, NULL, NULL);
    struct tool_result b = harness_tool((const char *[]){ "run", "--jobs", "7", "--report", "jsonl", NULL }, NULL, NULL);
    one = a.out;
    many = b.out;
    assert_string_equal(one, many);
    harness_tool_free(&a);
    harness_tool_free(&b);
}

static void test_filter_selects_by_glob(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    size_t want = 0;

    (void)state;
    for (size_t i = 0; i < m->n; i++)
        want += strncmp(m->v[i].id, "state-", 6) == 0;
    struct tool_result r = harness_tool((const char *[]){ "run", "--filter", "state-*", NULL }, NULL, NULL);
    char *line = harness_verdicts(want, 0, 0, 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, line));
    free(line);
    harness_tool_free(&r);
}

/* An implementation that adds to the embedded domain fails exact
 * comparison and passes envelope comparison. */
static void test_envelope_compares_domain_identity_only(void **state)
{
    const struct sc_case *c = NULL;

    for (size_t k = 0; !c; k++) {
        c = harness_valid_case(k, SC_MODE_REDEFINE);
        char *golden = harness_slurp(c->golden);
        c = strstr(golden, "\n  <domain type=") ? c : NULL;
        free(golden);
    }
    char *impl = harness_reference_impl(), *guard = harness_smoke_guard();
    char *padded = sc_xasprintf("%s; %s | sed 's#^  <domain type=.*#&\\n    <seclabel type=\"none\"/>#'", guard,
                                impl);
    struct tool_result exact = harness_tool((const char *[]){ "run", "--impl", padded, "--filter", c->id, NULL },
                                            NULL, NULL);
    struct tool_result env = harness_tool((const char *[]){ "run", "--impl", padded, "--filter", c->id,
                                                            "--compare", "envelope", NULL }, NULL, NULL);

    (void)state;
    assert_int_equal(exact.status, 1);
    assert_non_null(strstr(exact.out, "seclabel"));
    assert_int_equal(env.status, 0);
    harness_tool_free(&exact);
    harness_tool_free(&env);
    free(padded);
    free(guard);
    free(impl);
}

static void test_validate_reports(void **state)
{
    const struct sc_case *good = harness_valid_case(0, SC_MODE_REDEFINE);
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *bad = NULL;

    (void)state;
    for (size_t i = 0; i < m->n && !bad; i++)
        bad = !m->v[i].valid && m->v[i].parser_error && m->v[i].schema_error ? &m->v[i] : NULL;
    assert_non_null(bad);
    struct tool_result r = harness_tool((const char *[]){ "validate", "--report", "tap", good->input,
                                                           bad->input, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "1..2\n"));
    assert_non_null(strstr(r.out, "not ok 2 - "));
    assert_non_null(strstr(r.out, bad->parser_error));
    assert_non_null(strstr(r.out, "# compliance: 1/2 passed"));
    /* no baseline, so no word of one */
    assert_null(strstr(r.out, "known"));
    assert_null(strstr(r.out, "baseline"));
    harness_tool_free(&r);
    /* several reports from one pass, each in its file, and the count on
     * the console */
    char *junit = harness_tmp_path("validate.junit.xml");
    char *md = harness_tmp_path("validate.md");
    char *junit_arg = sc_xasprintf("junit=%s", junit), *md_arg = sc_xasprintf("markdown=%s", md);
    r = harness_tool((const char *[]){ "validate", "--report", junit_arg, "--report", md_arg, good->input,
                                       bad->input, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "1 valid, 1 invalid\n");
    char *text = harness_slurp(junit);
    assert_non_null(strstr(text, "tests=\"2\""));
    assert_non_null(strstr(text, "failures=\"1\""));
    free(text);
    text = harness_slurp(md);
    assert_non_null(strstr(text, "1/2 passed"));
    free(text);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "validate", "--report", "tap", "--report", "jsonl", good->input, NULL },
                     NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "snapcheck: --report: only one report can go to standard output; give the others "
                               "as --report FORMAT=FILE\nTry 'snapcheck validate --help'.\n");
    harness_tool_free(&r);
    free(junit_arg);
    free(md_arg);
    free(junit);
    free(md);
    /* a directory with no document proves nothing: exit 2, named */
    char *empty = harness_tmp_path("no-documents");
    char *cmd = sc_xasprintf("mkdir -p '%s/sub' && echo text > '%s/notes.txt'", empty, empty);
    assert_int_equal(system(cmd), 0);
    char *said = sc_xasprintf("%s: error: no documents found (no *.xml file under it)\n", empty);
    r = harness_tool((const char *[]){ "validate", empty, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, said);
    assert_string_equal(r.out, "0 valid, 0 invalid, a directory held none\n");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "validate", good->input, empty, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, said);
    assert_string_equal(r.out, "1 valid, 0 invalid, a directory held none\n");
    harness_tool_free(&r);
    free(said);
    free(cmd);
    free(empty);
}

/* Runs "snapcheck run --impl IMPL ARGS…" on the suite in DATADIR and
 * checks its exit status and standard error. */
static void expect_gate(const char *datadir, const char *impl, const char *const *args, int status,
                        const char *err)
{
    const char *argv[16] = { "run", "--impl", impl };
    size_t k = 3;

    for (size_t i = 0; args[i]; i++)
        argv[k++] = args[i];
    argv[k] = NULL;
    struct tool_result r = harness_tool(argv, NULL, datadir);
    if (r.status != status || strcmp(r.err, err))
        fail_msg("run --impl '%s' %s %s: exit %d (not %d), standard error:\n%s\nnot:\n%s", impl,
                 args[0] ? args[0] : "", args[0] && args[1] ? args[1] : "", r.status, status, r.err, err);
    harness_tool_free(&r);
}

/* A run that skips what the baseline does not list, passes fewer cases
 * than --min-pass or runs none at all fails; --max-skip allows skips
 * beyond the baseline's. */
static void test_the_gate_cannot_pass_on_nothing(void **state)
{
    const struct sc_case *c[4];

    (void)state;
    for (size_t i = 0; i < 4; i++)
        c[i] = harness_valid_case(i, SC_MODE_REDEFINE);
    char *suite = harness_small_suite("nothing", c, 4);
    const char *ids[2] = { c[2]->id, c[3]->id }, *actions[2] = { "exit 77", "exit 77" };
    char *half = harness_scripted_impl("half-skips", ids, actions, 2);
    char *every = sc_xasprintf("%s: skip: not here\n%s: skip: not here\n%s: skip: not here\n%s: skip: not here\n"
                               "%s: skip: not here\n", c[0]->id, c[1]->id, c[2]->id, c[3]->id,
                               harness_smoke_case()->id);
    char *all_listed = harness_write(harness_tmpdir(), "all-skips.baseline", every);
    char *entry = sc_xasprintf("%s: skip: not here\n", c[2]->id);
    char *one_listed = harness_write(harness_tmpdir(), "one-skip.baseline", entry);

    expect_gate(suite, "exit 77", (const char *[]){ NULL }, 1,
                "snapcheck: 5 cases skipped, more than --max-skip allows (0)\n"
                "snapcheck: no case ran: all 5 were skipped\n");
    expect_gate(suite, "exit 77", (const char *[]){ "--max-skip", "5", NULL }, 1,
                "snapcheck: no case ran: all 5 were skipped\n");
    expect_gate(suite, "exit 77", (const char *[]){ "--baseline", all_listed, NULL }, 1,
                "snapcheck: no case ran: all 5 were skipped\n");
    expect_gate(suite, half, (const char *[]){ NULL }, 1,
                "snapcheck: 2 cases skipped, more than --max-skip allows (0)\n");
    expect_gate(suite, half, (const char *[]){ "--max-skip", "1", NULL }, 1,
                "snapcheck: 2 cases skipped, more than --max-skip allows (1)\n");
    expect_gate(suite, half, (const char *[]){ "--max-skip", "2", NULL }, 0, "");
    expect_gate(suite, half, (const char *[]){ "--baseline", one_listed, NULL }, 1,
                "snapcheck: 1 case skipped that the baseline does not list, more than --max-skip allows (0)\n");
    expect_gate(suite, half, (const char *[]){ "--baseline", one_listed, "--max-skip", "1", NULL }, 0, "");
    expect_gate(suite, half, (const char *[]){ "--max-skip", "2", "--min-pass", "4", NULL }, 1,
                "snapcheck: 3 cases passed, fewer than --min-pass wants (4)\n");
    expect_gate(suite, half, (const char *[]){ "--max-skip", "2", "--min-pass", "3", NULL }, 0, "");
    expect_gate(suite, "exit 77", (const char *[]){ "--max-skip", "x", NULL }, 2,
                "snapcheck: --max-skip wants a number of cases, not 'x'\nTry 'snapcheck run --help'.\n");
    expect_gate(suite, "exit 77", (const char *[]){ "--min-pass", "-1", NULL }, 2,
                "snapcheck: --min-pass wants a number of cases, not '-1'\nTry 'snapcheck run --help'.\n");
    /* a selection that holds no case is a mistake in the command line */
    expect_gate(suite, "exit 77", (const char *[]){ "--shard", "6/6", NULL }, 2,
                "snapcheck: shard 6/6 holds no case\nTry 'snapcheck run --help'.\n");
    expect_gate(suite, "exit 77", (const char *[]){ "--filter", "zzz*", NULL }, 2,
                "snapcheck: no case matches --filter 'zzz*'\nTry 'snapcheck run --help'.\n");
    expect_gate(suite, "exit 77", (const char *[]){ "--filter", "zzz*", "--shard", "1/2", NULL }, 2,
                "snapcheck: no case matches --filter 'zzz*' in shard 1/2\nTry 'snapcheck run --help'.\n");
    char *bare = harness_scratch_tree("no-cases");
    char *cases = sc_xasprintf("%s/cases", bare);
    free(harness_write(cases, "manifest.xml", "<manifest now='1700000000'/>\n"));
    expect_gate(bare, "exit 77", (const char *[]){ NULL }, 2,
                "snapcheck: cases/manifest.xml has no case yet; add one with 'snapcheck new'\n");
    free(cases);
    free(bare);
    free(one_listed);
    free(entry);
    free(all_listed);
    free(every);
    free(half);
    free(suite);
}

int harness_run_gate(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_impl_and_exit_codes),
        cmocka_unit_test(test_rejections_are_judged_by_reason),
        cmocka_unit_test(test_baseline),
        cmocka_unit_test(test_misbehaving_impl_fails_only_its_cases),
        cmocka_unit_test(test_junit_is_well_formed_and_escaped),
        cmocka_unit_test(test_every_format_states_compliance),
        cmocka_unit_test(test_shards_and_jobs),
        cmocka_unit_test(test_filter_selects_by_glob),
        cmocka_unit_test(test_envelope_compares_domain_identity_only),
        cmocka_unit_test(test_validate_reports),
        cmocka_unit_test(test_the_gate_cannot_pass_on_nothing),
    };

    return harness_group("gate", tests, NULL, NULL);
}
