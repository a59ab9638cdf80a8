/*
 * tests/profile_cases.c: tests of what each profile expects of
 * documents and cases: the seed, libvirt 0.9.5's own document for the
 * state it brought, valid and in 0.9.5's form there; each later part of
 * the format refused by the profiles before it, by schema and parser
 * alike; every case passing in each profile it applies to, with that
 * profile's expectation; run --profile all and its matrix; lint and
 * coverage per profile.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "model/features.h"
#include "model/states.h"
#include "suite/case.h"
#include "suite/suite.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"

static enum sc_profile profile_named(const char *name)
{
    int p = sc_profile_find(name);

    if (p < 0)
        fail_msg("no profile '%s'", name);
    return (enum sc_profile)p;
}

/* The seed, libvirt 0.9.5's own document for the state it brought, is
 * valid for that release in redefine and internal mode, and formats to
 * that release's form: state before parent, an empty <disks> for a
 * disk-snapshot, the domain at the left margin; a fixed point. */
static void test_seed_valid_in_libvirt_0_9_5(void **state)
{
    char *seed = sc_xasprintf("%s/valid/seed-internal.xml", harness_suite->layout.cases);
#define SEED seed
    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "validate", "--profile", "libvirt-0.9.5",
                                                          "--internal", SEED, NULL }, NULL, NULL);
    if (r.status != 0)
        fail_msg("the seed is not valid for libvirt-0.9.5 in internal mode:\n%s", r.err);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "format", "--profile", "libvirt-0.9.5", "--internal", SEED,
                                       NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "  <state>disk-snapshot</state>\n  <parent>\n"));
    assert_non_null(strstr(r.out, "  <creationTime>1272917631</creationTime>\n  <disks>\n  </disks>\n"
                           "<domain type='qemu'>\n  <name>QEMUGuest1</name>\n"));
    assert_non_null(strstr(r.out, "</domain>\n  <active>1</active>\n</domainsnapshot>\n"));
    assert_null(strstr(r.out, "<memory snapshot"));
    char *path = harness_write(harness_tmpdir(), "seed-0.9.5.xml", r.out);
    struct tool_result again = harness_tool((const char *[]){ "format", "--profile", "libvirt-0.9.5",
                                                              "--internal", path, NULL }, NULL, NULL);
    if (strcmp(again.out, r.out) != 0)
        fail_msg("the seed's 0.9.5 form is not a fixed point:\n%s", again.out);
    harness_tool_free(&again);
    harness_tool_free(&r);
    free(path);
    free(seed);
#undef SEED
}

/* Format DOC (redefine mode) for PROFILE. */
static struct tool_result format_in(const char *profile, const char *name, const char *doc)
{
    char *path = harness_write(harness_tmpdir(), name, doc);
    struct tool_result r = harness_tool((const char *[]){ "format", "--redefine", "--profile",
                                                          profile, path, NULL }, NULL, NULL);
    free(path);
    return r;
}

/* 0.9.5's form of a disk: <source> before <driver>, no type=; of a zero
 * state and time: written; of <disks> outside a disk-snapshot: left out.
 * 9.0's: the other way round. */
static void test_libvirt_0_9_5_form(void **state)
{
    static const char disk_doc[] =
        "<domainsnapshot><name>d</name><state>disk-snapshot</state><creationTime>0</creationTime>"
        "<disks><disk name='vda'><driver type='qcow2'/><source file='/s.qcow2'/></disk></disks>"
        "</domainsnapshot>";
    static const char running_doc[] =
        "<domainsnapshot><name>r</name><state>running</state><creationTime>5</creationTime>"
        "<disks><disk name='vda' snapshot='no'/></disks></domainsnapshot>";

    (void)state;
    struct tool_result r = format_in("libvirt-0.9.5", "form-disk.xml", disk_doc);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "<domainsnapshot>\n  <name>d</name>\n  <state>disk-snapshot</state>\n"
                        "  <creationTime>0</creationTime>\n  <disks>\n"
                        "    <disk name='vda' snapshot='external'>\n      <source file='/s.qcow2'/>\n"
                        "      <driver type='qcow2'/>\n    </disk>\n  </disks>\n</domainsnapshot>\n");
    harness_tool_free(&r);
    r = format_in("libvirt-9.0", "form-disk.xml", disk_doc);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "<disk name='vda' snapshot='external' type='file'>\n"
                           "      <driver type='qcow2'/>\n      <source file='/s.qcow2'/>\n"));
    assert_null(strstr(r.out, "creationTime"));
    harness_tool_free(&r);
    r = format_in("libvirt-0.9.5", "form-running.xml", running_doc);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "<disks"));
    harness_tool_free(&r);
    r = format_in("libvirt-9.0", "form-running.xml", running_doc);
    assert_non_null(strstr(r.out, "<disks>\n    <disk name='vda' snapshot='no'/>\n  </disks>\n"));
    harness_tool_free(&r);
}

/* One use of each part of the format that came later, in a redefined
 * snapshot (running, unless it says); NULL for the rules of the parser
 * or the output alone. */
static const char *feature_use(enum sc_feature f)
{
    switch (f) {
    case SC_FEATURE_MEMORY:
        return "<memory snapshot='internal'/>";
    case SC_FEATURE_SOURCE_CONTENT:
        return "<disks><disk name='vda'><source file='/a' index='1'/></disk></disks>";
    case SC_FEATURE_DISK_TYPE:
        return "<disks><disk name='vda' type='file'><source file='/a'/></disk></disks>";
    case SC_FEATURE_BLOCK_DISK:
        return "<disks><disk name='vda' type='block'><source dev='/dev/b'/></disk></disks>";
    case SC_FEATURE_NETWORK_DISK:
        return "<disks><disk name='vda' type='network'><source protocol='nbd' name='x'>"
               "<host name='h'/></source></disk></disks>";
    case SC_FEATURE_COOKIE:
        return "<cookie><a/></cookie>";
    case SC_FEATURE_INACTIVE_DOMAIN:
        return "<inactiveDomain type='kvm'><name>g</name></inactiveDomain>";
    case SC_FEATURE_MANUAL_DISK:
        return "<state>disk-snapshot</state><disks><disk name='vda' snapshot='manual'/></disks>";
    case SC_FEATURE_METADATA_CACHE:
        return "<disks><disk name='vda'><driver type='qcow2'><metadata_cache/></driver>"
               "<source file='/a'/></disk></disks>";
    case SC_FEATURE_DELETE_IN_PROGRESS:
        return "<disks><disk name='vda'><snapshotDeleteInProgress/><source file='/a'/></disk></disks>";
    case SC_FEATURE_REVERT_DISKS:
        return "<revertDisks><disk name='vda' snapshot='no'/></revertDisks>";
    case SC_FEATURE_DOMAIN_INDENTED:
    case SC_FEATURE_DRIVER_FIRST:
    case SC_FEATURE_REGULAR_FILE_NAMES:
    case SC_FEATURE_DISKS_WHEN_ANY:
    case SC_FEATURE_ZERO_NOT_WRITTEN:
    case SC_FEATURE_LAST:
        break;
    }
    return NULL;
}

/* Each part of the format is valid exactly in the profiles whose
 * release has it, for the schema and the parser alike (validate checks
 * both, and says which refused): <memory> refused by 0.9.5, <revertDisks>
 * by 9.0. */
static void test_later_parts_refused_by_older_profiles(void **state)
{
    size_t wrong = 0;

    (void)state;
    for (int i = 0; i < SC_FEATURE_LAST; i++) {
        enum sc_feature f = (enum sc_feature)i;
        const char *use = feature_use(f);
        bool schema_rule = sc_feature_kind(f) == SC_FEATURE_NOT_ALLOWED ||
                           sc_feature_kind(f) == SC_FEATURE_EMPTY;
        if (!use) {
            if (schema_rule)
                fail_msg("no document uses '%s': add one to feature_use()", sc_feature_what(f));
            continue;
        }
        char *doc = sc_xasprintf("<domainsnapshot><name>f</name>%s"
                                 "<creationTime>1</creationTime>%s</domainsnapshot>\n",
                                 strstr(use, "<state>") ? "" : "<state>running</state>", use);
        char *name = sc_xasprintf("feature-%d.xml", i);
        char *path = harness_write(harness_tmpdir(), name, doc);
        for (int p = 0; p < SC_PROFILE_LAST; p++) {
            const char *profile = sc_profile_name((enum sc_profile)p);
            struct tool_result r = harness_tool((const char *[]){ "validate", "--profile", profile,
                                                                  path, NULL }, NULL, NULL);
            bool has = sc_has((enum sc_profile)p, f);
            /* refused by the schema and by the parser, naming the release */
            bool as_expected = has ? r.status == 0
                                   : r.status == 1 && strstr(r.err, "Relax-NG") == NULL &&
                                     strstr(r.err, "is not in the format of") &&
                                     strstr(r.err, profile);
            if (!has && as_expected) {
                /* the schema's refusal comes first */
                char *line = sc_xasprintf("%s:1: error: ", path);
                as_expected = strstr(r.err, line) == r.err;
                free(line);
            }
            if (!as_expected) {
                print_error("%s with %s: expected %s, got status %d:\n%s", profile, use,
                            has ? "valid" : "refused", r.status, r.err);
                wrong++;
            }
            harness_tool_free(&r);
        }
        free(path);
        free(name);
        free(doc);
    }
    assert_int_equal(wrong, 0);
}

/* Every case passes in every profile it applies to, with that profile's
 * expectation (the default profile's cases have a test each). */
static void test_every_case_passes_in_its_profiles(void **state)
{
    size_t failed = 0, checked = 0;

    (void)state;
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        struct sc_diag_list diags = { 0 };
        if (p == SC_PROFILE_DEFAULT)
            continue;
        struct sc_suite *suite = sc_suite_load_profile(&harness_suite->layout, NULL,
                                                       (enum sc_profile)p, &diags);
        if (!suite)
            fail_msg("the suite of %s does not load: %s", sc_profile_name((enum sc_profile)p),
                     diags.n ? diags.v[0].msg : "");
        for (size_t i = 0; i < suite->manifest->n; i++) {
            struct sc_diag_list failures = { 0 };
            const struct sc_case *c = &suite->manifest->v[i];
            if (!sc_case_check(suite, c, &failures, NULL)) {
                print_error("%s in %s:\n", c->id, sc_profile_name((enum sc_profile)p));
                for (size_t j = 0; j < failures.n; j++)
                    print_error("  %s\n", failures.v[j].msg);
                failed++;
            }
            checked++;
            sc_diag_list_free(&failures);
        }
        sc_suite_free(suite);
        sc_diag_list_free(&diags);
    }
    assert_true(checked > 0);
    assert_int_equal(failed, 0);
}

/* The cases of each profile: a case names the profiles it applies to
 * (all by default) and may expect otherwise in some: pmsuspended is
 * refused by 0.9.5, nostate taken; revertDisks refused by 9.0. */
static void test_cases_know_their_profiles(void **state)
{
    struct {
        const char *profile, *id;
        int valid;   /* 1 valid, 0 invalid, -1 not there */
        const char *golden;   /* under golden/, for a valid one */
    } expect[] = {
        { "libvirt-0.9.5", "state-nostate", 1, "libvirt-0.9.5/state-nostate.xml" },
        { "libvirt-9.0", "state-nostate", 0, NULL },
        { "libvirt-0.9.5", "state-pmsuspended-plain", 0, NULL },
        { "libvirt-9.0", "state-pmsuspended-plain", 1, "state-pmsuspended-plain.xml" },
        { "libvirt-9.0", "revert-disks", 0, NULL },
        { "libvirt-10.7", "revert-disks", 1, "revert-disks.xml" },
        { "libvirt-0.9.5", "revert-disks", -1, NULL },
        { "libvirt-10.7", "state-running-libvirt-0-9-5", -1, NULL },
        { "libvirt-0.9.5", "seed-internal", 1, "libvirt-0.9.5/seed-internal.xml" },
    };

    (void)state;
    for (size_t k = 0; k < sizeof(expect) / sizeof(expect[0]); k++) {
        struct sc_diag_list diags = { 0 };
        enum sc_profile p = profile_named(expect[k].profile);
        struct sc_suite *suite = sc_suite_load_profile(&harness_suite->layout, NULL, p, &diags);
        const struct sc_case *c = NULL;
        assert_non_null(suite);
        for (size_t i = 0; i < suite->manifest->n; i++) {
            if (!strcmp(suite->manifest->v[i].id, expect[k].id))
                c = &suite->manifest->v[i];
        }
        if (expect[k].valid < 0 ? c != NULL : !c || c->valid != (expect[k].valid == 1))
            fail_msg("case %s in %s is not as the manifest says", expect[k].id, expect[k].profile);
        if (expect[k].golden) {
            char *golden = sc_xasprintf("%s/%s", harness_suite->layout.golden, expect[k].golden);
            assert_string_equal(c->golden, golden);
            free(golden);
        }
        sc_suite_free(suite);
        sc_diag_list_free(&diags);
    }
}

/* run --profile all: each case once in each of its profiles, as
 * ID@PROFILE; the text report holds the matrix; every format counts the
 * same. */
static void test_run_all_profiles_matrix(void **state)
{
    char *jsonl = harness_tmp_path("all.jsonl");
    char *report = sc_xasprintf("jsonl=%s", jsonl);
    size_t expected = 0;

    (void)state;
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        struct sc_diag_list diags = { 0 };
        struct sc_suite *suite = sc_suite_load_profile(&harness_suite->layout, NULL,
                                                       (enum sc_profile)p, &diags);
        assert_non_null(suite);
        expected += suite->manifest->n;
        sc_suite_free(suite);
        sc_diag_list_free(&diags);
    }
    struct tool_result r = harness_tool((const char *[]){ "run", "--profile", "all", "--report",
                                                          "text", "--report", report, NULL },
                                        NULL, NULL);
    assert_int_equal(r.status, 0);
    char *total = sc_xasprintf("%zu passed, 0 failed, 0 errors, 0 skipped", expected);
    if (!strstr(r.out, total))
        fail_msg("run --profile all does not count %zu cases:\n%s", expected, r.out);
    assert_non_null(strstr(r.out, "case "));
    assert_non_null(strstr(r.out, "  libvirt-10.7  libvirt-9.0  libvirt-0.9.5\n"));
    assert_non_null(strstr(r.out, "\nstate-nostate "));
    assert_non_null(strstr(r.out, "\nrevert-disks "));
    char *text = harness_slurp(jsonl);
    assert_non_null(strstr(text, "\"id\":\"revert-disks@libvirt-9.0\""));
    assert_non_null(strstr(text, "--profile all"));
    char *count = sc_xasprintf("\"passed\":%zu", expected);
    if (!strstr(text, count))
        fail_msg("the JSON Lines report does not count %zu passes", expected);
    free(count);
    free(text);
    free(total);
    harness_tool_free(&r);
    free(report);
    free(jsonl);
}

/* lint and coverage per profile: lint finds nothing in any; coverage of
 * 9.0 is complete without <revertDisks>, which its grammar lacks. */
static void test_lint_and_coverage_per_profile(void **state)
{
    (void)state;
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        const char *name = sc_profile_name((enum sc_profile)p);
        struct tool_result r = harness_tool((const char *[]){ "lint", "--profile", name, NULL }, NULL, NULL);
        if (r.status != 0)
            fail_msg("lint --profile %s:\n%s", name, r.err);
        harness_tool_free(&r);
    }
    struct tool_result r = harness_tool((const char *[]){ "coverage", "--profile", "libvirt-9.0", NULL },
                                        NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "revertDisks"));
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "coverage", NULL }, NULL, NULL);
    assert_non_null(strstr(r.out, "revertDisks"));
    harness_tool_free(&r);
}

int harness_run_profile_cases(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_valid_in_libvirt_0_9_5),
        cmocka_unit_test(test_libvirt_0_9_5_form),
        cmocka_unit_test(test_later_parts_refused_by_older_profiles),
        cmocka_unit_test(test_every_case_passes_in_its_profiles),
        cmocka_unit_test(test_cases_know_their_profiles),
        cmocka_unit_test(test_run_all_profiles_matrix),
        cmocka_unit_test(test_lint_and_coverage_per_profile),
    };

    return harness_group("profile cases", tests, NULL, NULL);
}
