/*
 * harness_profiles.c: tests of the profiles, the libvirt releases the
 * state table follows: each profile's states and values, the profile
 * table's order and default, the generated schema of each profile (fresh,
 * in parity with its table, and libvirt's own schema reported against
 * its release), and --profile on the command line.
 */
#include "harness.h"

#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "buf.h"
#include "diff.h"
#include "features.h"
#include "parity.h"
#include "profile_schema.h"
#include "states.h"
#include "suite.h"

#define LIBVIRT_SCHEMA "/usr/share/libvirt/schemas/domainsnapshot.rng"

static enum sc_profile profile_named(const char *name)
{
    int p = sc_profile_find(name);

    if (p < 0)
        fail_msg("no profile '%s'", name);
    return (enum sc_profile)p;
}

/* "nostate=0 running=1 …": every state PROFILE's enum has, with its
 * value there, and '*' after each it refuses in <state>. */
static char *state_line(enum sc_profile profile)
{
    struct sc_buf b = { 0 };

    sc_buf_puts(&b, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        int v = sc_state_value((enum sc_state)i, profile);
        if (v >= 0)
            sc_buf_printf(&b, "%s%s=%d%s", b.len ? " " : "", sc_state_to_string((enum sc_state)i),
                          v, sc_state_accepted_in((enum sc_state)i, profile) ? "" : "*");
    }
    return b.data;
}

static void assert_states(const char *name, const char *expected)
{
    char *got = state_line(profile_named(name));

    if (strcmp(got, expected) != 0)
        fail_msg("%s's states: expected '%s', got '%s'", name, expected, got);
    free(got);
}

static void test_libvirt_0_9_5_states(void **state)
{
    (void)state;
    assert_states("libvirt-0.9.5", "nostate=0 running=1 blocked=2 paused=3 shutdown=4 shutoff=5 "
                  "crashed=6 disk-snapshot=7");
}

static void test_libvirt_9_0_states(void **state)
{
    (void)state;
    assert_states("libvirt-9.0", "nostate=0* running=1 blocked=2 paused=3 shutdown=4 shutoff=5 "
                  "crashed=6 pmsuspended=7 disk-snapshot=8");
}

static void test_libvirt_10_7_states(void **state)
{
    (void)state;
    assert_states("libvirt-10.7", "nostate=0* running=1 blocked=2 paused=3 shutdown=4 shutoff=5 "
                  "crashed=6 pmsuspended=7 disk-snapshot=8");
}

/* Newest first, the newest the default, and no two with one name. */
static void test_profiles_newest_first_default_newest(void **state)
{
    (void)state;
    assert_string_equal(sc_profile_name(SC_PROFILE_DEFAULT), "libvirt-10.7");
    for (int i = 1; i < SC_PROFILE_LAST; i++) {
        if (sc_profile_version((enum sc_profile)i) >= sc_profile_version((enum sc_profile)(i - 1)))
            fail_msg("profile %s is listed after %s but is not older", sc_profile_name((enum sc_profile)i),
                     sc_profile_name((enum sc_profile)(i - 1)));
        assert_int_equal(sc_profile_find(sc_profile_name((enum sc_profile)i)), i);
    }
    assert_int_equal(sc_profile_find("libvirt-9"), -1);
    assert_int_equal(sc_profile_find(NULL), -1);
    assert_string_equal(sc_profile_list(), "libvirt-10.7, libvirt-9.0, libvirt-0.9.5");
}

/* The directory of the suite's schemas. */
static char *rng_dir(void)
{
    char *copy = sc_xstrdup(harness_suite->schema->path);
    char *dir = sc_xstrdup(dirname(copy));

    free(copy);
    return dir;
}

/* Each older profile's rng/profile-NAME.rng is what make rng writes
 * today, and there is no such file for a profile that is gone. */
static void test_profile_schemas_are_fresh(void **state)
{
    char *dir = rng_dir(), *pattern = sc_xasprintf("%s/profile-*.rng", dir);
    size_t stale = 0, wrappers = 0;
    glob_t g;

    (void)state;
    for (int i = 0; i < SC_PROFILE_LAST; i++) {
        char *text = sc_profile_schema_text((enum sc_profile)i);
        if (!text)
            continue;
        wrappers++;
        char *file = sc_profile_schema_file((enum sc_profile)i);
        char *path = sc_xasprintf("%s/%s", dir, file);
        char *have = access(path, R_OK) == 0 ? harness_slurp(path) : NULL;
        if (!have || strcmp(have, text) != 0) {
            print_error("%s is %s: run 'make rng'\n", path, have ? "stale" : "missing");
            stale++;
        }
        free(have);
        free(path);
        free(file);
        free(text);
    }
    assert_int_equal(glob(pattern, 0, NULL, &g), 0);
    if (g.gl_pathc != wrappers) {
        print_error("%zu profile-*.rng files in %s for %zu older profiles\n", g.gl_pathc, dir, wrappers);
        stale++;
    }
    globfree(&g);
    assert_int_equal(stale, 0);
    free(pattern);
    free(dir);
}

static struct sc_parity parity_in(const char *path, enum sc_profile profile)
{
    struct sc_diag_list diags = { 0 };
    struct sc_parity p;

    if (sc_parity_check(path, profile, &p, &diags) < 0)
        fail_msg("%s: %s", path, diags.n ? diags.v[0].msg : "cannot check");
    sc_diag_list_free(&diags);
    return p;
}

/* Every profile's schema agrees with its own state table, and an older
 * profile's does not with the newest table (the override is followed). */
static void test_each_profile_schema_agrees_with_its_table(void **state)
{
    char *dir = rng_dir();

    (void)state;
    for (int i = 0; i < SC_PROFILE_LAST; i++) {
        char *file = sc_profile_schema_file((enum sc_profile)i);
        char *path = sc_xasprintf("%s/%s", dir, file);
        struct sc_parity p = parity_in(path, (enum sc_profile)i);
        if (sc_parity_drift(&p)) {
            sc_parity_print(path, &p);
            fail_msg("%s drifts from the state table of %s", path, sc_profile_name((enum sc_profile)i));
        }
        sc_parity_free(&p);
        free(path);
        free(file);
    }
    char *old = sc_xasprintf("%s/profile-libvirt-0.9.5.rng", dir);
    struct sc_parity p = parity_in(old, SC_PROFILE_DEFAULT);
    assert_int_equal(p.missing.n, 1);
    assert_string_equal(p.missing.v[0], "pmsuspended");
    assert_int_equal(p.extra.n, 1);
    assert_string_equal(p.extra.v[0], "nostate");
    sc_parity_free(&p);
    free(old);
    free(dir);
}

/* libvirt 9.0's installed schema, against 9.0's table: pmsuspended,
 * which its parser accepts, is missing; and values compare as tokens.
 * Against 0.9.5's, nostate is missing instead. */
static void test_parity_libvirt_9_0_drift(void **state)
{
    (void)state;
    if (access(LIBVIRT_SCHEMA, R_OK) != 0) {
        print_message("%s not installed (Debian package libvirt0)\n", LIBVIRT_SCHEMA);
        skip();
    }
    struct tool_result r = harness_tool((const char *[]){ "parity", "--schema", LIBVIRT_SCHEMA,
                                                          "--profile", "libvirt-9.0", NULL },
                                        NULL, NULL);
    assert_int_equal(r.status, 1);
    if (!strstr(r.out, LIBVIRT_SCHEMA ": drift: state 'pmsuspended' is accepted by the state table "
                "of libvirt-9.0 but not by the schema\n"))
        fail_msg("parity --profile libvirt-9.0 does not report pmsuspended:\n%s", r.out);
    assert_non_null(strstr(r.out, "compared as 'token'"));
    assert_null(strstr(r.out, "'nostate'"));
    harness_tool_free(&r);

    struct sc_parity p = parity_in(LIBVIRT_SCHEMA, profile_named("libvirt-0.9.5"));
    assert_int_equal(p.missing.n, 1);
    assert_string_equal(p.missing.v[0], "nostate");
    assert_int_equal(p.extra.n, 0);
    sc_parity_free(&p);
}

/* A document with STATE in redefine mode, written to the scratch
 * directory. */
static char *state_document(const char *state)
{
    char *text = sc_xasprintf("<domainsnapshot>\n  <name>s</name>\n  <state>%s</state>\n"
                              "  <creationTime>1700000000</creationTime>\n</domainsnapshot>\n", state);
    char *name = sc_xasprintf("profile-state-%s.xml", state);
    char *path = harness_write(harness_tmpdir(), name, text);

    free(name);
    free(text);
    return path;
}

static int validate_in(const char *profile, const char *path)
{
    struct tool_result r = harness_tool((const char *[]){ "validate", "--profile", profile, path, NULL },
                                        NULL, NULL);
    int status = r.status;

    harness_tool_free(&r);
    return status;
}

/* nostate: 0.9.5 accepts it, 9.0 and 10.7 refuse it; pmsuspended the
 * other way round; schema and parser alike (validate checks both). */
static void test_validate_follows_the_profile(void **state)
{
    char *nostate = state_document("nostate"), *pm = state_document("pmsuspended");

    (void)state;
    assert_int_equal(validate_in("libvirt-0.9.5", nostate), 0);
    assert_int_equal(validate_in("libvirt-9.0", nostate), 1);
    assert_int_equal(validate_in("libvirt-10.7", nostate), 1);
    assert_int_equal(validate_in("libvirt-0.9.5", pm), 1);
    assert_int_equal(validate_in("libvirt-9.0", pm), 0);
    assert_int_equal(validate_in("libvirt-10.7", pm), 0);
    free(nostate);
    free(pm);
}

/* An unknown name is a usage error that lists the known ones and names
 * the nearest; on every command that takes --profile. */
static void test_unknown_profile_is_a_usage_error(void **state)
{
    static const char *const commands[] = { "validate", "format", "parity", "states" };

    (void)state;
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        struct tool_result r = harness_tool((const char *[]){ commands[i], "--profile", "libvirt-9",
                                                              NULL }, NULL, NULL);
        assert_int_equal(r.status, 2);
        if (!strstr(r.err, "unknown profile 'libvirt-9' (known: libvirt-10.7, libvirt-9.0, "
                    "libvirt-0.9.5); did you mean 'libvirt-9.0'?"))
            fail_msg("%s --profile libvirt-9 says:\n%s", commands[i], r.err);
        harness_tool_free(&r);
    }
}

/* states --profile prints that release's values; --version the default
 * profile; profiles every profile with what differs. */
static void test_profile_commands(void **state)
{
    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "states", "--profile", "libvirt-0.9.5", NULL },
                                        NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "7     disk-snapshot  yes  (snapshot only)\n"));
    assert_non_null(strstr(r.out, "0     nostate        yes\n"));
    assert_null(strstr(r.out, "pmsuspended"));
    harness_tool_free(&r);

    r = harness_tool((const char *[]){ "--version", NULL }, NULL, NULL);
    assert_non_null(strstr(r.out, "\nprofile: libvirt-10.7\n"));
    harness_tool_free(&r);

    r = harness_tool((const char *[]){ "profiles", NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    for (int i = 0; i < SC_PROFILE_LAST; i++) {
        char *head = sc_xasprintf("%s: libvirt ", sc_profile_name((enum sc_profile)i));
        assert_non_null(strstr(r.out, head));
        free(head);
    }
    assert_non_null(strstr(r.out, "against libvirt-0.9.5: nostate refused in <state>; pmsuspended "
                           "added as 7, accepted in <state>; disk-snapshot 8 (was 7)\n"));
    harness_tool_free(&r);
}

/* Compiles runner/states.c with states.def changed by SED; returns the
 * compiler's status, its messages in *LOG. */
static int compile_states_with(const char *name, const char *sed, char **log)
{
    char *dir = sc_xasprintf("%s/%s", harness_tmpdir(), name);
    char *cmd = sc_xasprintf(
        "mkdir -p '%s' && cd '%s' && cp '%s/runner/states.c' '%s/runner/states.h' "
        "'%s/runner/states.def' '%s/runner/buf.h' . && sed -i '%s' states.def && "
        "${CC:-cc} -std=c11 -fsyntax-only states.c > log 2>&1",
        dir, dir, harness_suite->layout.datadir, harness_suite->layout.datadir,
        harness_suite->layout.datadir, harness_suite->layout.datadir, sed);
    int status = system(cmd);
    char *path = sc_xasprintf("%s/log", dir);

    *log = access(path, R_OK) == 0 ? harness_slurp(path) : sc_xstrdup("");
    free(path);
    free(cmd);
    free(dir);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The per-profile compile-time checks fire: disk-snapshot missing from
 * a release, and a state accepted where the release's enum lacks it. */
static void test_table_checked_per_profile_at_compile_time(void **state)
{
    char *log;

    (void)state;
    assert_int_equal(compile_states_with("states-as-is", "s/^//", &log), 0);
    free(log);
    assert_int_not_equal(compile_states_with("states-no-disk",
        "s/DISK_SNAPSHOT, \"disk-snapshot\", V(0, 9, 5)/DISK_SNAPSHOT, \"disk-snapshot\", V(9, 0, 0)/",
        &log), 0);
    if (!strstr(log, "in libvirt-0.9.5, disk-snapshot must exist"))
        fail_msg("no per-profile check named disk-snapshot missing from 0.9.5:\n%s", log);
    free(log);
    assert_int_not_equal(compile_states_with("states-early-pm",
        "s/V(0, 9, 11), NEVER, V(0, 9, 11)/V(0, 9, 11), NEVER, V(0, 9, 5)/", &log), 0);
    if (!strstr(log, "in libvirt-0.9.5, every accepted state must be in the enum"))
        fail_msg("no per-profile check named pmsuspended accepted outside 0.9.5's enum:\n%s", log);
    free(log);
}

#define SEED "/work/shared/seed/disk_snapshot.xml"

/* The seed, libvirt 0.9.5's own document for the state it brought, is
 * valid for that release in redefine and internal mode, and formats to
 * that release's form: state before parent, an empty <disks> for a
 * disk-snapshot, the domain at the left margin; a fixed point. */
static void test_seed_valid_in_libvirt_0_9_5(void **state)
{
    (void)state;
    if (access(SEED, R_OK) != 0) {
        print_message("%s not here\n", SEED);
        skip();
    }
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
    char *jsonl = sc_xasprintf("%s/all.jsonl", harness_tmpdir());
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

/* The text between BEGIN and END in README.md, or NULL. */
static char *readme_block(const char *readme, const char *begin, const char *end)
{
    const char *b = strstr(readme, begin), *e = b ? strstr(b, end) : NULL;

    return e ? sc_xasprintf("%.*s", (int)(e - b - strlen(begin)), b + strlen(begin)) : NULL;
}

/* README's Profiles section shows what snapcheck profiles and profiles
 * --facts print today (make readme). */
static void test_readme_profiles_are_current(void **state)
{
    char *path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);

    (void)state;
    if (access(path, R_OK) != 0) {
        print_message("%s: not a source tree\n", path);
        free(path);
        skip();
    }
    char *readme = harness_slurp(path);
    struct tool_result listed = harness_tool((const char *[]){ "profiles", NULL }, NULL, NULL);
    struct tool_result facts = harness_tool((const char *[]){ "profiles", "--facts", NULL }, NULL, NULL);
    char *want_listed = sc_xasprintf("\n```\n%s```\n", listed.out);
    char *want_facts = sc_xasprintf("\n%s", facts.out);
    char *have_listed = readme_block(readme, "<!-- profiles:begin -->", "<!-- profiles:end -->");
    char *have_facts = readme_block(readme, "<!-- facts:begin -->", "<!-- facts:end -->");

    if (!have_listed || strcmp(have_listed, want_listed))
        fail_msg("README.md's profiles block is stale; run 'make readme'");
    if (!have_facts || strcmp(have_facts, want_facts))
        fail_msg("README.md's table of facts is stale; run 'make readme'");
    free(have_facts);
    free(have_listed);
    free(want_facts);
    free(want_listed);
    harness_tool_free(&facts);
    harness_tool_free(&listed);
    free(readme);
    free(path);
}

int harness_run_profiles(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_libvirt_0_9_5_states),
        cmocka_unit_test(test_libvirt_9_0_states),
        cmocka_unit_test(test_libvirt_10_7_states),
        cmocka_unit_test(test_table_checked_per_profile_at_compile_time),
        cmocka_unit_test(test_profiles_newest_first_default_newest),
        cmocka_unit_test(test_profile_schemas_are_fresh),
        cmocka_unit_test(test_each_profile_schema_agrees_with_its_table),
        cmocka_unit_test(test_parity_libvirt_9_0_drift),
        cmocka_unit_test(test_validate_follows_the_profile),
        cmocka_unit_test(test_unknown_profile_is_a_usage_error),
        cmocka_unit_test(test_profile_commands),
        cmocka_unit_test(test_seed_valid_in_libvirt_0_9_5),
        cmocka_unit_test(test_libvirt_0_9_5_form),
        cmocka_unit_test(test_later_parts_refused_by_older_profiles),
        cmocka_unit_test(test_every_case_passes_in_its_profiles),
        cmocka_unit_test(test_cases_know_their_profiles),
        cmocka_unit_test(test_run_all_profiles_matrix),
        cmocka_unit_test(test_lint_and_coverage_per_profile),
        cmocka_unit_test(test_readme_profiles_are_current),
    };

    return harness_group("profiles", tests, NULL, NULL);
}
