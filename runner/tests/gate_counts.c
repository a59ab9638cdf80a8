/*
 * tests/gate_counts.c: what the CI gate counts and how it says so.
 * Baselines record the kind of each known result; every report format
 * states the same counts for one run.  Implementations are scripts that
 * misbehave on chosen cases (harness_scripted_impl).
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

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
    expect_in("the text report", r.out, "\n2 passed, 1 failed, 1 error, 1 skipped\n"
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

/* The counts a report states. */
struct counts {
    size_t total, passed, failed, errors, skipped, known, known_skips, fresh, stale;
};

static void expect_counts(const char *format, const struct counts *got, const struct counts *want)
{
    if (memcmp(got, want, sizeof(*got)) != 0)
        fail_msg("the %s report counts %zu cases: %zu passed, %zu failed, %zu errors, %zu skipped; known %zu "
                 "(%zu skips), new %zu, stale %zu; the run had %zu: %zu, %zu, %zu, %zu; %zu (%zu), %zu, %zu",
                 format, got->total, got->passed, got->failed, got->errors, got->skipped, got->known,
                 got->known_skips, got->fresh, got->stale, want->total, want->passed, want->failed, want->errors,
                 want->skipped, want->known, want->known_skips, want->fresh, want->stale);
}

/* The numbers of the line of TEXT that starts with START, in order;
 * fails unless there are N. */
static void line_numbers(const char *text, const char *start, size_t *v, size_t n)
{
    const char *p = strstr(text, start);
    size_t k = 0;

    if (!p)
        fail_msg("no line \"%s…\" in:\n%s", start + 1, text);
    for (p += strlen(start); *p && *p != '\n'; p++) {
        if (*p >= '0' && *p <= '9' && k < n)
            v[k++] = strtoul(p, (char **)&p, 10);
        if (*p == '\n')
            break;
    }
    if (k != n)
        fail_msg("the line \"%s…\" has %zu numbers, not %zu:\n%s", start + 1, k, n, text);
}

/* The summary lines of the text report, after PREFIX ("# " in TAP). */
static struct counts text_counts(const char *text, const char *prefix)
{
    struct counts c = { 0 };
    char *compliance = sc_xasprintf("\n%scompliance: ", prefix);
    char *baseline = sc_xasprintf("\n%sbaseline: ", prefix);
    const char *p = strstr(text, compliance);
    size_t v[5];

    line_numbers(text, compliance, v, 3);
    c.total = v[1];
    /* the next line: "P passed, F failed, E errors, S skipped" */
    p = strchr(p + 1, '\n');
    if (!p || strncmp(p + 1, prefix, strlen(prefix)) || !strstr(p, " passed, ") || !strstr(p, " skipped\n"))
        fail_msg("no line of verdicts after the compliance line in:\n%s", text);
    line_numbers(p, "\n", v, 4);
    c.passed = v[0];
    c.failed = v[1];
    c.errors = v[2];
    c.skipped = v[3];
    line_numbers(text, baseline, v, 5);
    c.known = v[0];
    c.known_skips = v[2];
    c.fresh = v[3];
    c.stale = v[4];
    if (v[1] + v[2] != v[0] || c.passed != c.total - c.failed - c.errors - c.skipped)
        fail_msg("the counts of the text report do not add up:\n%s", text);
    free(baseline);
    free(compliance);
    return c;
}

/* TAP: its summary lines, which its test lines must bear out. */
static struct counts tap_counts(const char *tap)
{
    struct counts c = text_counts(tap, "# ");
    size_t plan = 0, not_ok = 0, todo = 0, skip = 0;

    for (const char *line = tap; *line;) {
        size_t n = strcspn(line, "\n");
        char *l = sc_xasprintf("%.*s", (int)n, line);
        if (sscanf(l, "1..%zu", &plan) != 1 && (!strncmp(l, "ok ", 3) || !strncmp(l, "not ok ", 7))) {
            todo += strstr(l, " # TODO ") != NULL;
            skip += strstr(l, " # SKIP ") != NULL;
            not_ok += !strncmp(l, "not ok ", 7) && !strstr(l, " # TODO ");
        }
        free(l);
        line += n + (line[n] == '\n');
    }
    if (plan != c.total + c.stale || not_ok != c.fresh + c.stale || todo != c.known - c.known_skips ||
        skip != c.skipped)
        fail_msg("TAP's test lines (plan %zu, %zu not ok, %zu TODO, %zu SKIP) disagree with its counts:\n%s", plan,
                 not_ok, todo, skip, tap);
    return c;
}

static size_t xpath_count(xmlXPathContextPtr ctx, const char *expr)
{
    xmlXPathObjectPtr res = xmlXPathEval(BAD_CAST expr, ctx);
    size_t v = res && res->type == XPATH_NUMBER ? (size_t)res->floatval : (size_t)-1;

    xmlXPathFreeObject(res);
    return v;
}

/* JUnit: its properties; the suite's attributes, which a CI reads, must
 * bear them out. */
static struct counts junit_counts(const char *path)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    struct counts c;

    if (!doc)
        fail_msg("the JUnit report is not XML");
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    c.total = xpath_count(ctx, "count(//testsuite/testcase) - number(//property[@name='stale']/@value)");
    c.passed = xpath_count(ctx, "number(//property[@name='pass']/@value)");
    c.failed = xpath_count(ctx, "number(//property[@name='fail']/@value)");
    c.errors = xpath_count(ctx, "number(//property[@name='error']/@value)");
    c.skipped = xpath_count(ctx, "number(//property[@name='skip']/@value)");
    c.known = xpath_count(ctx, "number(//property[@name='known']/@value)");
    c.known_skips = xpath_count(ctx, "number(//property[@name='known-skips']/@value)");
    c.fresh = xpath_count(ctx, "number(//property[@name='new']/@value)");
    c.stale = xpath_count(ctx, "number(//property[@name='stale']/@value)");
    if (xpath_count(ctx, "number(//testsuite/@tests)") != c.total + c.stale ||
        xpath_count(ctx, "number(//testsuite/@failures) + number(//testsuite/@errors)") != c.fresh + c.stale ||
        xpath_count(ctx, "number(//testsuite/@skipped)") != c.skipped + c.known - c.known_skips ||
        xpath_count(ctx, "count(//testcase[not(*)])") != c.passed)
        fail_msg("the JUnit suite's attributes disagree with its properties:\n%s", harness_slurp(path));
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return c;
}

/* The number after KEY in TEXT; the test fails, naming KEY and WHERE,
 * when there is none.  KEY is freed. */
static size_t number_after(const char *text, char *key, const char *where)
{
    const char *p = strstr(text, key);
    size_t v = 0;

    if (!p || sscanf(p + strlen(key), "%zu", &v) != 1)
        fail_msg("no number after '%s' in %s: %s", key, where, text);
    free(key);
    return v;
}

static size_t json_number(const char *line, const char *name)
{
    return number_after(line, sc_xasprintf("\"%s\":", name), "the summary record");
}

/* JSON Lines: its summary record, which its case records bear out. */
static struct counts jsonl_counts(const char *jsonl)
{
    const char *summary = strstr(jsonl, "{\"type\":\"summary\"");
    struct counts c;
    size_t records = 0, passes = 0;

    if (!summary)
        fail_msg("no summary record in:\n%s", jsonl);
    c.total = json_number(summary, "total");
    c.passed = json_number(summary, "passed");
    c.failed = json_number(summary, "failed");
    c.errors = json_number(summary, "errors");
    c.skipped = json_number(summary, "skipped");
    c.known = json_number(summary, "known");
    c.known_skips = json_number(summary, "known_skips");
    c.fresh = json_number(summary, "new");
    c.stale = json_number(summary, "stale");
    for (const char *p = jsonl; (p = strstr(p, "{\"type\":\"case\"")); p++) {
        records++;
        passes += !strncmp(strstr(p, "\"result\":"), "\"result\":\"pass\"", 15);
    }
    if (records != c.total || passes != c.passed)
        fail_msg("JSON Lines holds %zu case records, %zu passes, and says otherwise:\n%s", records, passes, jsonl);
    return c;
}

static size_t md_row(const char *md, const char *name)
{
    return number_after(md, sc_xasprintf("\n| %s | ", name), "the Markdown report");
}

/* Markdown: its table of counts, which its compliance figure and its
 * table of cases bear out. */
static struct counts markdown_counts(const char *md)
{
    struct counts c;
    size_t passed = 0, total = 0, rows = 0;
    const char *p = strstr(md, "\n**compliance: ");

    c.passed = md_row(md, "pass");
    c.failed = md_row(md, "fail");
    c.errors = md_row(md, "error");
    c.skipped = md_row(md, "skip");
    c.total = c.passed + c.failed + c.errors + c.skipped;
    c.known = md_row(md, "known (baseline)");
    c.known_skips = md_row(md, "known skips (baseline)");
    c.fresh = md_row(md, "new failures");
    c.stale = md_row(md, "stale baseline entries");
    for (const char *q = strstr(md, "\n| case |"); q && (q = strstr(q + 1, "\n| `"));)
        rows++;
    if (!p || sscanf(p, "\n**compliance: %zu/%zu passed", &passed, &total) != 2 || passed != c.passed ||
        total != c.total || rows != c.total - c.passed + c.stale)
        fail_msg("the Markdown report's compliance figure or table of cases disagrees with its counts:\n%s", md);
    return c;
}

/* One run, written in every format at once: each states the counts of
 * the run, the same in each. */
static void test_every_format_states_the_same_counts(void **state)
{
    /* what the implementation does on eight cases, and what the
     * baseline lists: 0 not at all */
    static const struct { const char *action, *listed; } plan[] = {
        { NULL, NULL },
        { NULL, "fail: fixed since" },
        { "echo refused >&2; exit 1", NULL },
        { "echo refused >&2; exit 1", "fail: rejects" },
        { "kill -SEGV $$", "error: crashes" },
        { "kill -SEGV $$", "fail: rejects" },
        { "echo 'no such mode' >&2; exit 77", "skip: unsupported" },
        { "echo 'no such mode' >&2; exit 77", NULL },
    };
    const size_t n = sizeof(plan) / sizeof(plan[0]);
    const struct sc_case *c[8];
    const char *ids[8], *actions[8];
    struct sc_buf baseline = { 0 };
    size_t acting = 0;
    /* the smoke case passes as well */
    const struct counts want = { .total = 9, .passed = 3, .failed = 2, .errors = 2, .skipped = 2, .known = 3,
                                 .known_skips = 1, .fresh = 2, .stale = 1 };

    (void)state;
    for (size_t i = 0; i < n; i++) {
        c[i] = harness_valid_case(i, SC_MODE_REDEFINE);
        if (plan[i].action) {
            ids[acting] = c[i]->id;
            actions[acting++] = plan[i].action;
        }
        if (plan[i].listed)
            sc_buf_printf(&baseline, "%s: %s\n", c[i]->id, plan[i].listed);
    }
    char *impl = harness_scripted_impl("counts", ids, actions, acting);
    char *suite = harness_small_suite("counts", c, n);
    char *base = harness_write(harness_tmpdir(), "counts.baseline", baseline.data);
    char *files[5];
    static const char *const formats[] = { "text", "tap", "junit", "jsonl", "markdown" };
    const char *argv[16] = { "run", "--impl", impl, "--baseline", base };
    for (size_t i = 0; i < 5; i++) {
        files[i] = sc_xasprintf("%s/counts.%s", harness_tmpdir(), formats[i]);
        argv[5 + i] = sc_xasprintf("--report=%s=%s", formats[i], files[i]);
    }
    struct tool_result r = harness_tool(argv, NULL, suite);
    struct counts got;

    assert_int_equal(r.status, 1);
    got = text_counts(r.out, "");
    expect_counts("console", &got, &want);
    char *text = harness_slurp(files[0]);
    got = text_counts(text, "");
    expect_counts("text", &got, &want);
    char *tap = harness_slurp(files[1]);
    got = tap_counts(tap);
    expect_counts("TAP", &got, &want);
    got = junit_counts(files[2]);
    expect_counts("JUnit", &got, &want);
    char *jsonl = harness_slurp(files[3]);
    got = jsonl_counts(jsonl);
    expect_counts("JSON Lines", &got, &want);
    char *md = harness_slurp(files[4]);
    got = markdown_counts(md);
    expect_counts("Markdown", &got, &want);
    harness_tool_free(&r);
    free(md);
    free(jsonl);
    free(tap);
    free(text);
    for (size_t i = 0; i < 5; i++) {
        free(files[i]);
        free((char *)argv[5 + i]);
    }
    free(base);
    free(suite);
    free(impl);
    sc_buf_free(&baseline);
}

/* --report FORMAT=FILE, repeated, writes each report; the text report
 * is on the console all the same (on standard error when another
 * report takes standard output); --report FORMAT -o FILE still works;
 * reports that would clash are refused before anything runs. */
static void test_several_reports_from_one_run(void **state)
{
    const struct sc_case *c = harness_valid_case(0, SC_MODE_REDEFINE);
    char *tap = harness_tmp_path("several.tap");
    char *junit = harness_tmp_path("several.xml");
    char *tap_arg = sc_xasprintf("tap=%s", tap), *junit_arg = sc_xasprintf("junit=%s", junit);
    char *said = sc_xasprintf("\n1 passed, 0 failed, 0 errors, 0 skipped\ntap report written to %s\n"
                              "junit report written to %s\n", tap, junit);

    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "run", "--filter", c->id, "--report", tap_arg, "--report",
                                                          junit_arg, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    expect_in("the console", r.out, said);
    char *text = harness_slurp(tap);
    expect_in("the TAP report", text, "1..1\nok 1 - ");
    free(text);
    text = harness_slurp(junit);
    expect_in("the JUnit report", text, "<testsuite name=\"the snapcheck reference implementation\" tests=\"1\"");
    free(text);
    harness_tool_free(&r);
    /* a report on standard output moves the console to standard error */
    r = harness_tool((const char *[]){ "run", "--filter", c->id, "--report", "jsonl", "--report", tap_arg, NULL },
                     NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(strncmp(r.out, "{\"type\":\"case\"", 14), 0);
    expect_in("standard error", r.err, "\n1 passed, 0 failed, 0 errors, 0 skipped\ntap report written to ");
    harness_tool_free(&r);
    /* -o is the file of the report given without one */
    r = harness_tool((const char *[]){ "run", "--filter", c->id, "--report", "tap", "-o", tap, "--report",
                                       junit_arg, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    expect_in("the console", r.out, said);
    harness_tool_free(&r);
    static const struct { const char *args[7]; const char *says; } refused[] = {
        { { "--report", "tap", "--report", "jsonl" },
          "snapcheck: --report: only one report can go to standard output; give the others as --report FORMAT=FILE\n" },
        { { "--report", "tap", "--report", "jsonl", "-o", "x" },
          "snapcheck: -o names the file of one --report; give the others as --report FORMAT=FILE\n" },
        { { "--report", "tap=x", "--report", "jsonl=x" }, "snapcheck: two reports would be written to 'x'\n" },
        { { "--report", "tap=x", "-o", "y" },
          "snapcheck: -o gives the file of a --report without one, and every --report has its file\n" },
        { { "--report", "html=x" },
          "snapcheck: --report is text, tap, junit, jsonl or markdown, optionally =FILE, not 'html=x'\n" },
        { { "--report", "junit=" }, "snapcheck: --report junit= wants a file name after '='\n" },
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        const char *argv[10] = { "run" };
        for (size_t k = 0; k < 7 && refused[i].args[k]; k++)
            argv[k + 1] = refused[i].args[k];
        r = harness_tool(argv, NULL, NULL);
        char *want = sc_xasprintf("%sTry 'snapcheck run --help'.\n", refused[i].says);
        if (r.status != 2 || strcmp(r.err, want) || r.out[0])
            fail_msg("run %s %s …: exit %d, stderr:\n%s", refused[i].args[0], refused[i].args[1], r.status, r.err);
        free(want);
        harness_tool_free(&r);
    }
    /* a report that cannot be written is exit 2; the others are written */
    unlink(junit);
    r = harness_tool((const char *[]){ "run", "--filter", c->id, "--report", "tap=/dev/full", "--report", junit_arg,
                                       NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "snapcheck: cannot write /dev/full: No space left on device\n");
    assert_null(strstr(r.out, "/dev/full"));
    free(said);
    said = sc_xasprintf("\njunit report written to %s\n", junit);
    expect_in("the console", r.out, said);
    harness_tool_free(&r);
    const char *many[40] = { "run" };
    for (size_t i = 0; i < 17; i++) {
        many[1 + 2 * i] = "--report";
        many[2 + 2 * i] = sc_xasprintf("text=%s/many-%zu", harness_tmpdir(), i);
    }
    r = harness_tool(many, NULL, NULL);
    assert_int_equal(r.status, 2);
    expect_in("standard error", r.err, "is one too many: at most 16 reports\n");
    harness_tool_free(&r);
    for (size_t i = 0; i < 17; i++)
        free((char *)many[2 + 2 * i]);
    free(said);
    free(junit_arg);
    free(tap_arg);
    free(junit);
    free(tap);
}

int harness_run_gate_counts(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_entries_have_a_kind),
        cmocka_unit_test(test_update_baseline_writes_kinds),
        cmocka_unit_test(test_every_format_states_the_same_counts),
        cmocka_unit_test(test_several_reports_from_one_run),
    };

    return harness_group("gate counts", tests, NULL, NULL);
}
