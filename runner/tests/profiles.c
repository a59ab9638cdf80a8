/*
 * tests/profiles.c: tests of the profiles, the libvirt releases the
 * state table follows: each profile's states and values, the profile
 * table's order and default and its compile-time checks, the generated
 * schema of each profile (fresh, in parity with its table, and libvirt's
 * own schema reported against its release), --profile on the command
 * line, and README's profiles, facts and libvirt's drift.  What each
 * profile expects of documents and cases is in tests/profile_cases.c.
 */
#include "tests/harness.h"

#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "util/buf.h"
#include "schema/parity.h"
#include "schema/profile_schema.h"
#include "model/states.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"

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

/* The same line worked out here from the rows of states.def, apart
 * from states.c: in a release's enum from ENUM_SINCE to before
 * ENUM_UNTIL, valued by the states before it there, refused where
 * XML_SINCE..XML_UNTIL leaves the release out. */
struct def_row {
    const char *name;
    long enum_since, enum_until, xml_since, xml_until;
};
#define DEF_ROW(ctx, kind, id, str, es, eu, as, au, off) { str, es, eu, as, au },
static const struct def_row def_rows[] = { SC_STATES(DEF_ROW, 0) };

static char *table_line(long release)
{
    struct sc_buf b = { 0 };
    int value = 0;

    sc_buf_puts(&b, "");
    for (size_t i = 0; i < sizeof(def_rows) / sizeof(def_rows[0]); i++) {
        const struct def_row *r = &def_rows[i];
        if (release < r->enum_since || release >= r->enum_until)
            continue;
        sc_buf_printf(&b, "%s%s=%d%s", b.len ? " " : "", r->name, value++,
                      release >= r->xml_since && release < r->xml_until ? "" : "*");
    }
    return b.data;
}

/* Each profile's states and values are its release's rows of the
 * table; and the facts the table was written from stay: 0.9.5 has no
 * pmsuspended and takes nostate, later releases refuse nostate. */
static void test_each_profile_has_its_releases_states(void **state)
{
    (void)state;
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        char *got = state_line((enum sc_profile)p), *want = table_line(sc_profile_version((enum sc_profile)p));
        if (strcmp(got, want) != 0)
            fail_msg("%s's states: expected '%s', got '%s'", sc_profile_name((enum sc_profile)p), want, got);
        free(want);
        free(got);
    }
    char *old = state_line(profile_named("libvirt-0.9.5")), *debian = state_line(profile_named("libvirt-9.0"));
    assert_non_null(strstr(old, "nostate=0 "));
    assert_null(strstr(old, "pmsuspended"));
    assert_non_null(strstr(old, " disk-snapshot=7"));
    assert_non_null(strstr(debian, "nostate=0* "));
    assert_non_null(strstr(debian, " pmsuspended=7 "));
    free(debian);
    free(old);
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
    /* 0.9.5's schema against the newest table: what each accepts alone */
    enum sc_profile old_profile = profile_named("libvirt-0.9.5");
    char *old = sc_xasprintf("%s/profile-libvirt-0.9.5.rng", dir);
    struct sc_parity p = parity_in(old, SC_PROFILE_DEFAULT);
    size_t missing = 0, extra = 0;
    for (int i = 0; i < SC_STATE_LAST; i++) {
        bool newest = sc_state_accepted((enum sc_state)i), then = sc_state_accepted_in((enum sc_state)i, old_profile);
        const char *name = sc_state_to_string((enum sc_state)i);
        if (newest && !then)
            assert_string_equal(p.missing.v[missing++], name);
        if (then && !newest)
            assert_string_equal(p.extra.v[extra++], name);
    }
    assert_int_equal(p.missing.n, missing);
    assert_int_equal(p.extra.n, extra);
    sc_parity_free(&p);
    free(old);
    free(dir);
}

/* The states of LACKS (space-separated) are the parity's missing ones. */
static void assert_missing(const struct sc_parity *p, const char *lacks)
{
    struct sc_buf b = { 0 };

    sc_buf_puts(&b, "");
    for (size_t i = 0; i < p->missing.n; i++)
        sc_buf_printf(&b, "%s ", p->missing.v[i]);
    assert_string_equal(b.data, lacks);
    sc_buf_free(&b);
}

/* libvirt 9.0's installed schema, against 9.0's table: the states its
 * parser accepts and its schema lacks (pmsuspended) are missing, and
 * values compare as tokens.  Against 0.9.5's, those 0.9.5 accepted that
 * it dropped (nostate) are missing instead. */
static void test_parity_libvirt_9_0_drift(void **state)
{
    enum sc_profile debian = profile_named("libvirt-9.0"), old = profile_named("libvirt-0.9.5");
    char *lacks = NULL;

    (void)state;
    if (access(LIBVIRT_SCHEMA, R_OK) != 0) {
        print_message("%s not installed (Debian package libvirt0)\n", LIBVIRT_SCHEMA);
        harness_skip();
    }
    struct tool_result r = harness_tool((const char *[]){ "parity", "--schema", LIBVIRT_SCHEMA,
                                                          "--profile", "libvirt-9.0", NULL },
                                        NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_true(harness_libvirt_schema_lacks(debian, &lacks) > 0);
    for (char *name = strtok(lacks, " "); name; name = strtok(NULL, " ")) {
        char *line = sc_xasprintf(LIBVIRT_SCHEMA ": drift: state '%s' is accepted by the state table "
                                  "of libvirt-9.0 but not by the schema\n", name);
        if (!strstr(r.out, line))
            fail_msg("parity --profile libvirt-9.0 does not report %s:\n%s", name, r.out);
        free(line);
    }
    free(lacks);
    assert_non_null(strstr(r.out, "compared as 'token'"));
    for (int i = 0; i < SC_STATE_LAST; i++) {
        char *quoted = sc_xasprintf("'%s'", sc_state_to_string((enum sc_state)i));
        if (!sc_state_accepted_in((enum sc_state)i, debian) && strstr(r.out, quoted))
            fail_msg("parity --profile libvirt-9.0 reports %s, which 9.0 refuses:\n%s", quoted, r.out);
        free(quoted);
    }
    harness_tool_free(&r);

    struct sc_parity p = parity_in(LIBVIRT_SCHEMA, old);
    harness_libvirt_schema_lacks(old, &lacks);
    assert_missing(&p, lacks);
    assert_int_equal(p.extra.n, 0);
    sc_parity_free(&p);
    free(lacks);
}

/* A document with STATE in redefine mode, written to the scratch
 * directory: bare, or WITH_DOMAIN a parent and the domain's identity. */
static char *state_document(const char *state, bool with_domain)
{
    char *text = sc_xasprintf("<domainsnapshot>\n  <name>s</name>\n%s  <state>%s</state>\n"
                              "  <creationTime>1700000000</creationTime>\n%s</domainsnapshot>\n",
                              with_domain ? "  <parent>\n    <name>p</name>\n  </parent>\n" : "", state,
                              with_domain ? "  <domain type='kvm'>\n    <name>g</name>\n"
                                            "    <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n"
                                            "  </domain>\n" : "");
    char *name = sc_xasprintf("profile-state-%s%s.xml", state, with_domain ? "-domain" : "");
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

/* Every state of the table, in two shapes of document (bare, and with a
 * parent and a domain), in every profile: schema and parser alike
 * (validate checks both) accept it where the profile's table does, and
 * the formatter writes the state back as it was. */
static void test_validate_follows_the_profile(void **state)
{
    (void)state;
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        const char *profile = sc_profile_name((enum sc_profile)p);
        for (int i = 0; i < SC_STATE_LAST; i++) {
            const char *name = sc_state_to_string((enum sc_state)i);
            bool accepted = sc_state_accepted_in((enum sc_state)i, (enum sc_profile)p);
            for (int shape = 0; shape < 2; shape++) {
                char *doc = state_document(name, shape);
                if (validate_in(profile, doc) != (accepted ? 0 : 1))
                    fail_msg("validate --profile %s %s: not %s", profile, doc, accepted ? "valid" : "invalid");
                if (accepted) {
                    struct tool_result r = harness_tool((const char *[]){ "format", "--redefine", "--profile", profile, doc,
                                                                          NULL }, NULL, NULL);
                    char *written = sc_xasprintf("<state>%s</state>", name);
                    if (r.status != 0 || !strstr(r.out, written))
                        fail_msg("format --profile %s %s: exit %d\n%s%s", profile, doc, r.status, r.out, r.err);
                    free(written);
                    harness_tool_free(&r);
                }
                free(doc);
            }
        }
    }
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

/* Compiles runner/model/states.c with states.def changed by SED;
 * returns the compiler's status, its messages in *LOG. */
static int compile_states_with(const char *name, const char *sed, char **log)
{
    char *dir = harness_tmp_path(name);
    const char *src = harness_suite->layout.datadir;
    char *cmd = sc_xasprintf(
        "mkdir -p '%s/model' '%s/util' && cd '%s' && "
        "cp '%s/runner/model/states.c' '%s/runner/model/states.h' '%s/runner/model/states.def' model/ && "
        "cp '%s/runner/util/buf.h' util/ && sed -i '%s' model/states.def && "
        "${CC:-cc} -std=c11 -I. -fsyntax-only model/states.c > log 2>&1",
        dir, dir, dir, src, src, src, src, sed);
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

/* The text between BEGIN and END in README.md, or NULL. */
static char *readme_block(const char *readme, const char *begin, const char *end)
{
    const char *b = strstr(readme, begin), *e = b ? strstr(b, end) : NULL;

    return e ? sc_xasprintf("%.*s", (int)(e - b - strlen(begin)), b + strlen(begin)) : NULL;
}

/* README's Profiles section shows what snapcheck profiles and profiles
 * --facts print today, and its drift blocks what parity prints against
 * libvirt's installed schema (make readme). */
static void test_readme_profiles_are_current(void **state)
{
    char *path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);

    (void)state;
    if (access(path, R_OK) != 0) {
        print_message("%s: not a source tree\n", path);
        free(path);
        harness_skip();
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
    /* libvirt's drift, against libvirt-9.0 and against the default */
    if (access(LIBVIRT_SCHEMA, R_OK) == 0) {
        static const char *const blocks[][3] = {
            { "drift-libvirt-9.0", "snapcheck", "libvirt-9.0" },
            { "drift", "runner/snapcheck", NULL },
        };
        for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
            const char *profile = blocks[i][2];
            struct tool_result r = harness_tool((const char *[]){ "parity", "--schema", LIBVIRT_SCHEMA,
                                                                  profile ? "--profile" : NULL, profile, NULL },
                                                NULL, NULL);
            struct sc_buf want = { 0 };
            sc_buf_printf(&want, "\n    $ %s parity --schema %s%s%s\n", blocks[i][1], LIBVIRT_SCHEMA,
                          profile ? " --profile " : "", profile ? profile : "");
            for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"))
                sc_buf_printf(&want, "    %s\n", line);
            char *begin = sc_xasprintf("<!-- %s:begin -->", blocks[i][0]);
            char *end = sc_xasprintf("<!-- %s:end -->", blocks[i][0]);
            char *have = readme_block(readme, begin, end);
            if (!have || strcmp(have, want.data))
                fail_msg("README.md's block %s is stale; run 'make readme'. It should read:%s", blocks[i][0],
                         want.data);
            free(have);
            free(end);
            free(begin);
            sc_buf_free(&want);
            harness_tool_free(&r);
        }
    }
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
        cmocka_unit_test(test_each_profile_has_its_releases_states),
        cmocka_unit_test(test_table_checked_per_profile_at_compile_time),
        cmocka_unit_test(test_profiles_newest_first_default_newest),
        cmocka_unit_test(test_profile_schemas_are_fresh),
        cmocka_unit_test(test_each_profile_schema_agrees_with_its_table),
        cmocka_unit_test(test_parity_libvirt_9_0_drift),
        cmocka_unit_test(test_validate_follows_the_profile),
        cmocka_unit_test(test_unknown_profile_is_a_usage_error),
        cmocka_unit_test(test_profile_commands),
        cmocka_unit_test(test_readme_profiles_are_current),
    };

    return harness_group("profiles", tests, NULL, NULL);
}
