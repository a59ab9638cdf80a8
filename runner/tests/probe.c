/*
 * tests/probe.c: parity --impl and --all, the probes of what an
 * implementation accepts.  Stub implementations, each the reference
 * formatter but for one state (accepting one more, missing one,
 * rewriting one, taking a near-miss), must be reported exactly: one
 * disagreement each, with its wording, and exit 1; the reference itself
 * agrees with its table everywhere.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"
#include "model/states.h"

/* The near-misses probed beside the states of the table: two other
 * cases, three whitespaces, a number, nothing, an unknown word. */
#define NEAR_MISSES 8
#define STATE_PROBES (SC_STATE_LAST + NEAR_MISSES)

/* A stub: the reference formatter, except for a document holding
 * <state>STATE</state>, which gets ANSWER (shell, the document in
 * $doc). */
static char *stub(const char *name, const char *state, const char *answer)
{
    char *ref = harness_reference_impl();
    char *script = sc_xasprintf("doc=$(cat)\n"
                                "case \"$doc\" in\n"
                                "*'<state>%s</state>'*) %s ;;\n"
                                "*) printf '%%s\\n' \"$doc\" | %s ;;\n"
                                "esac\n",
                                state, answer, ref);
    char *cmd = harness_impl_script(name, script);

    free(script);
    free(ref);
    return cmd;
}

static size_t count(const char *text, const char *what)
{
    size_t n = 0;

    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

/* parity --impl IMPL says exactly one hole, HOLE, and exits 1. */
static void expect_one_hole(const char *impl, const char *hole)
{
    struct tool_result r = harness_tool((const char *[]){ "parity", "--impl", impl, NULL }, NULL, NULL);

    char *probed = sc_xasprintf("%d values probed, 1 disagreement\n", STATE_PROBES);

    if (r.status != 1 || count(r.out, "  hole: ") != 1 || !strstr(r.out, hole) || !strstr(r.out, probed))
        fail_msg("parity --impl %s: exit %d, not the one hole\n%s\n:\n%s%s", impl, r.status, hole, r.out, r.err);
    free(probed);
    harness_tool_free(&r);
}

static void test_the_reference_agrees_with_its_table(void **state)
{
    char *ref = harness_reference_impl();

    (void)state;
    harness_progress("parity --impl (the reference formatter) --all");
    struct tool_result r = harness_tool((const char *[]){ "parity", "--impl", ref, "--all", NULL }, NULL, NULL);
    if (r.status != 0 || !strstr(r.out, " values probed, 0 disagreements\n") || strstr(r.out, "hole:"))
        fail_msg("the reference formatter, probed: exit %d\n%s%s", r.status, r.out, r.err);
    /* every state of the table is there, and each kind of near-miss */
    for (int i = 0; i < SC_STATE_LAST; i++) {
        char *row = sc_xasprintf("'%s' ", sc_state_to_string((enum sc_state)i));
        if (!strstr(r.out, row))
            fail_msg("the probe report lacks %s:\n%s", row, r.out);
        free(row);
    }
    static const char *const rows[] = { "'RUNNING'", "'Running'", "' running'", "'running '",
                                        "'\\trunning\\n'", "'1' ", "'' ", "'sometimes'" };
    _Static_assert(sizeof(rows) / sizeof(rows[0]) == NEAR_MISSES, "one row per near-miss");
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (!strstr(r.out, rows[i]))
            fail_msg("the probe report lacks %s:\n%s", rows[i], r.out);
    }
    static const char *const kinds[] = { "states: state table", "memory snapshot modes: reference",
                                         "disk snapshot modes: reference", "disk types: reference",
                                         "disk driver formats: reference", "network disk protocols: reference" };
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strstr(r.out, kinds[i]))
            fail_msg("parity --all does not probe '%s':\n%s", kinds[i], r.out);
    }
    harness_tool_free(&r);
    free(ref);
}

/* Each stub's one difference, reported as such. */
static void test_each_hole_is_named(void **state)
{
    (void)state;
    char *extra = stub("probe-extra.sh", "nostate", "printf '%s\\n' \"$doc\"");
    harness_progress("parity --impl (accepts nostate)");
    expect_one_hole(extra, "  hole: state 'nostate' (table): the implementation accepts it; the state table refuses it\n");
    char *missing = stub("probe-missing.sh", "crashed", "echo 'crashed: not here' >&2; exit 1");
    harness_progress("parity --impl (refuses crashed)");
    expect_one_hole(missing, "  hole: state 'crashed' (table): the state table accepts it; the implementation refuses it "
                             "(implementation: crashed: not here)\n");
    char *ref = harness_reference_impl();
    char *body = sc_xasprintf("printf '%%s\\n' \"$doc\" | %s | sed 's#<state>blocked<#<state>running<#'", ref);
    char *rewrite = stub("probe-rewrite.sh", "blocked", body);
    harness_progress("parity --impl (writes blocked as running)");
    expect_one_hole(rewrite, "  hole: state 'blocked' (table): the state table accepts it; the implementation rewrites "
                             "it (implementation: accepted it, but wrote back 'running')\n");
    char *near = stub("probe-near.sh", " running", "printf '%s\\n' \"$doc\"");
    harness_progress("parity --impl (accepts ' running')");
    expect_one_hole(near, "  hole: state ' running' (whitespace): the implementation accepts it; the state table "
                          "refuses it\n");
    free(near);
    free(rewrite);
    free(body);
    free(ref);
    free(missing);
    free(extra);
}

/* A schema column joins when --schema names one: libvirt's drift, as
 * the reference sees it, without an implementation's. */
static void test_the_schema_column(void **state)
{
    const char *libvirt = "/usr/share/libvirt/schemas/domainsnapshot.rng";
    char *ref = harness_reference_impl();

    (void)state;
    if (access(libvirt, R_OK) != 0) {
        print_message("%s is not installed\n", libvirt);
        free(ref);
        harness_skip();
    }
    harness_progress("parity --impl (the reference formatter) --schema (libvirt's)");
    struct tool_result r = harness_tool((const char *[]){ "parity", "--impl", ref, "--schema", libvirt, NULL }, NULL,
                                        NULL);
    char *lacks = NULL;
    size_t nlacks = harness_libvirt_schema_lacks(SC_PROFILE_DEFAULT, &lacks);
    for (char *name = strtok(lacks, " "); name; name = strtok(NULL, " ")) {
        char *hole = sc_xasprintf("  hole: state '%s' (table): the state table and the implementation accept it; "
                                  "the schema refuses it\n", name);
        if (!strstr(r.out, hole))
            fail_msg("parity with libvirt's schema lacks:\n%s\n:\n%s", hole, r.out);
        free(hole);
    }
    free(lacks);
    static const char *const holes[] = {
        "  hole: state ' running' (whitespace): the schema accepts it; the state table and the implementation refuse it",
        "  hole: state 'running ' (whitespace): the schema accepts it; the state table and the implementation refuse it",
        "  hole: state '\\trunning\\n' (whitespace): the schema accepts it; the state table and the implementation "
        "refuse it",
    };
    if (r.status != 1 || count(r.out, "  hole: ") != nlacks + sizeof(holes) / sizeof(holes[0]))
        fail_msg("parity with libvirt's schema: exit %d\n%s%s", r.status, r.out, r.err);
    for (size_t i = 0; i < sizeof(holes) / sizeof(holes[0]); i++) {
        if (!strstr(r.out, holes[i]))
            fail_msg("parity with libvirt's schema lacks:\n%s\n:\n%s", holes[i], r.out);
    }
    harness_tool_free(&r);
    free(ref);
}

/* The JSON Lines report is JSON, a record per value and a summary; the
 * Markdown report escapes what the implementation said. */
static void test_reports(void **state)
{
    char *hostile = stub("probe-hostile.sh", "crashed", "printf '<script>|`x`|\\033[31m\\n' >&2; exit 1");
    char *jsonl = sc_xasprintf("jsonl=%s/probe.jsonl", harness_tmpdir());
    char *md = sc_xasprintf("markdown=%s/probe.md", harness_tmpdir());

    (void)state;
    harness_progress("parity --impl --report jsonl= --report markdown=");
    struct tool_result r = harness_tool((const char *[]){ "parity", "--impl", hostile, "--report", jsonl, "--report",
                                                           md, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    harness_tool_free(&r);
    char *text = harness_slurp(jsonl + 6);
    size_t records = 0, disagree = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        json_error_t e;
        json_t *j = json_loads(line, JSON_REJECT_DUPLICATES, &e);
        if (!j)
            fail_msg("not JSON: %s (%s)", line, e.text);
        const char *type = json_string_value(json_object_get(j, "type"));
        if (strcmp(type, "summary") == 0) {
            assert_int_equal(json_integer_value(json_object_get(j, "values")), records);
            disagree = (size_t)json_integer_value(json_object_get(j, "disagreements"));
        } else {
            records++;
            if (json_is_false(json_object_get(j, "agree")))
                assert_string_equal(json_string_value(json_object_get(j, "value")), "crashed");
        }
        json_decref(j);
    }
    assert_int_equal(records, STATE_PROBES);
    assert_int_equal(disagree, 1);
    free(text);
    text = harness_slurp(md + 9);
    if (!strstr(text, "| `crashed` | table | accept | refuse: \\<script\\>\\|\\`x\\`\\|\\\\e\\[31m | **no** |\n") ||
        strstr(text, "<script>"))
        fail_msg("the Markdown report does not escape what the implementation said:\n%s", text);
    free(text);
    /* usage */
    r = harness_tool((const char *[]){ "parity", "--impl", hostile, "--report", "tap", NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "snapcheck: parity writes text, jsonl or markdown reports, not tap\n"
                               "Try 'snapcheck parity --help'.\n");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "parity", "--report", "jsonl", NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "snapcheck: --report goes with --impl or --all\nTry 'snapcheck parity --help'.\n");
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "parity", "--impl", "./no-such-implementation", NULL }, NULL, NULL);
    assert_int_equal(r.status, 3);
    if (strncmp(r.err, "snapcheck: ./no-such-implementation: ", 37) != 0)
        fail_msg("an implementation that cannot start: %s", r.err);
    harness_tool_free(&r);
    free(md);
    free(jsonl);
    free(hostile);
}

int harness_run_probe(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_reference_agrees_with_its_table),
        cmocka_unit_test(test_each_hole_is_named),
        cmocka_unit_test(test_the_schema_column),
        cmocka_unit_test(test_reports),
    };

    return harness_group("probe", tests, NULL, NULL);
}
