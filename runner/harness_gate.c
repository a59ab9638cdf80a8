/*
 * harness_gate.c: snapcheck as a CI gate.  Drives "snapcheck run" with
 * external implementations written for the test (the reference
 * formatter behind the protocol, and shell scripts that crash, hang,
 * flood, print garbage or skip), and checks results, exit codes,
 * baselines, selection and every report format.  The cases used come
 * from the manifest.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "buf.h"
#include "fileio.h"

char *harness_reference_impl(void)
{
    const char *tool = getenv("SNAPCHECK_TOOL");

    return sc_xasprintf("'%s' format --reason --$SNAPCHECK_MODE --now $SNAPCHECK_NOW -",
                        tool ? tool : "runner/snapcheck");
}

size_t harness_schema_only_cases(void)
{
    const struct sc_manifest *m = harness_suite->manifest;
    size_t n = 0;

    for (size_t i = 0; i < m->n; i++)
        n += !m->v[i].valid && !m->v[i].parser_error;
    return n;
}

static const struct sc_case *nth_valid(size_t k, enum sc_mode mode)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        if (m->v[i].valid && m->v[i].mode == mode && k-- == 0)
            return &m->v[i];
    }
    fail_msg("not enough valid %s cases", sc_mode_to_string(mode));
    return NULL;
}

static char *tmp_path(const char *name)
{
    return sc_xasprintf("%s/%s", harness_tmpdir(), name);
}

static void test_reference_impl_and_exit_codes(void **state)
{
    char *impl = harness_reference_impl();
    char *summary = sc_xasprintf("\n%zu passed, %zu failed\n",
                                 harness_suite->manifest->n - harness_schema_only_cases(), harness_schema_only_cases());
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
        { "echo 'snapcheck-reason: state' >&2; exit 1", NULL, "1 passed, 0 failed", 0 },
        { "echo refused >&2; exit 1", "--any-reason", "1 passed, 0 failed", 0 },
    };
    for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", runs[i].impl, "--filter",
                                                               c->id, runs[i].extra, NULL }, NULL, NULL);
        if (r.status != runs[i].status || !strstr(r.out, runs[i].want))
            fail_msg("'%s' %s: exit %d, output:\n%s", runs[i].impl, runs[i].extra ? runs[i].extra : "",
                     r.status, r.out);
        harness_tool_free(&r);
    }
}

/* The baseline gate: known failures pass, stale entries fail, and
 * --update-baseline lists exactly the failures, keeping reasons. */
static void test_baseline(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    char *impl = harness_reference_impl();
    char *baseline = tmp_path("gate.baseline");
    struct sc_buf want = { 0 };

    (void)state;
    if (!harness_schema_only_cases())
        skip();
    harness_progress("run --impl --update-baseline");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline,
                                                           "--update-baseline", NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    char *text = harness_slurp(baseline);
    for (size_t i = 0; i < m->n; i++) {
        if (!m->v[i].valid && !m->v[i].parser_error) {
            char *entry = sc_xasprintf("\n%s: ", m->v[i].id);
            if (!strstr(text, entry))
                fail_msg("baseline lacks %s", m->v[i].id);
            free(entry);
        }
    }
    /* a reason written by hand survives a rewrite; a stale entry fails */
    const struct sc_case *passing = nth_valid(0, SC_MODE_REDEFINE);
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
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, " 0 failed"));
    harness_tool_free(&r);
    free(harness_write(harness_tmpdir(), "gate.baseline", "this line has no colon\n"));
    harness_progress("run --impl --baseline, a baseline with a bad line");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--baseline", baseline, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, ":1: error:"));
    harness_tool_free(&r);
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
    char *impl = harness_reference_impl();
    char *script = sc_xasprintf(
        "#!/bin/sh\n"
        "case \"$SNAPCHECK_CASE\" in\n"
        "%s) kill -SEGV $$ ;;\n"
        "%s) exec sleep 60 ;;\n"
        "%s) exec cat /dev/zero ;;\n"
        "%s) printf '\\377\\376<&\\001 not xml'; exit 0 ;;\n"
        "%s) exit 0 ;;\n"
        "%s) echo 'mode unsupported' >&2; exit 77 ;;\n"
        "esac\n"
        "exec %s\n", c[0]->id, c[1]->id, c[2]->id, c[3]->id, c[4]->id, c[5]->id, impl);
    char *path = harness_write(harness_tmpdir(), "misbehave.sh", script);
    char *cmd = sc_xasprintf("sh '%s'", path);

    free(script);
    free(path);
    free(impl);
    return cmd;
}

static void test_misbehaving_impl_fails_only_its_cases(void **state)
{
    const struct sc_case *c[6];

    (void)state;
    for (size_t i = 0; i < 6; i++)
        c[i] = nth_valid(i, SC_MODE_REDEFINE);
    char *impl = misbehaving_impl(c);
    char *report = tmp_path("misbehave.jsonl");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--timeout", "1",
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
    const struct sc_case *c = nth_valid(0, SC_MODE_REDEFINE);
    char *script = sc_xasprintf("#!/bin/sh\n"
                                "printf 'bad <input> & \"quotes\" \\047here\\047 \\001 \\377\\n' >&2\n"
                                "exit 1\n");
    char *path = harness_write(harness_tmpdir(), "reject.sh", script);
    char *impl = sc_xasprintf("sh '%s'", path);
    char *report = tmp_path("report.xml");
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
    free(path);
    free(script);
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
        char *report = tmp_path("every-format.out");
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
    char *line = sc_xasprintf("\n%zu passed, 0 failed\n", want);
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
        c = nth_valid(k, SC_MODE_REDEFINE);
        char *golden = harness_slurp(c->golden);
        c = strstr(golden, "\n  <domain type=") ? c : NULL;
        free(golden);
    }
    char *impl = harness_reference_impl();
    char *padded = sc_xasprintf("%s | sed 's#^  <domain type=.*#&\\n    <seclabel type=\"none\"/>#'", impl);
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
    free(impl);
}

static void test_validate_reports(void **state)
{
    const struct sc_case *good = nth_valid(0, SC_MODE_REDEFINE);
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
    harness_tool_free(&r);
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
    };

    return harness_group("gate", tests, NULL, NULL);
}
