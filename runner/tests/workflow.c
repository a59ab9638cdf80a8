/*
 * tests/workflow.c: the contributor's workflow, on scratch copies of
 * the tree.  CONTRIBUTING.md's walkthrough is executed as written;
 * snapcheck new refuses what it must and overwrites nothing; --regenerate
 * writes only changed golden files and nothing with --dry-run; lint --fix
 * restores the manifest's canonical form and nothing else; adding a
 * state to the table makes the checks name the files still to change;
 * and CONTRIBUTING's steps to add a state end with make check passing
 * on a copy of the tree, no other file changed.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileio.h"
#include "tests/fixture.h"
#include "tests/groups.h"

/* Runs SCRIPT with sh -e in DIR, colour off; returns its exit status,
 * its output in *LOG. */
static int sh_in(const char *dir, const char *script, char **log)
{
    return harness_sh_in(dir, "export NO_COLOR=1", script, log);
}

/* A scratch tree with its own copy of the tool, so that the tool finds
 * the scratch data as its own. */
static char *scratch_with_tool(const char *name)
{
    char *dir = harness_scratch_tree(name);
    const char *tool = getenv("SNAPCHECK_TOOL");
    char *cmd = sc_xasprintf("mkdir -p '%s/runner' && cp '%s' '%s/runner/snapcheck'", dir,
                             tool ? tool : "runner/snapcheck", dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
    return dir;
}

static void test_contributing_walkthrough_works(void **state)
{
    char *path = sc_xasprintf("%s/CONTRIBUTING.md", harness_suite->layout.datadir);
    char *doc = harness_slurp(path);
    char *dir = scratch_with_tool("walkthrough");
    char *section = strstr(doc, "\n## Walkthrough\n");
    char *end = section ? strstr(section + 1, "\n## ") : NULL;
    int steps = 0;

    (void)state;
    assert_non_null(end);
    *end = '\0';
    for (char *p = section; (p = strstr(p, "\n```sh\n"));) {
        char *body = p + 7, *close = strstr(body, "\n```\n");
        char *log;
        assert_non_null(close);
        *close = '\0';
        if (sh_in(dir, body, &log) != 0)
            fail_msg("CONTRIBUTING.md step %d failed:\n%s\n--- output:\n%s", steps + 1, body, log);
        free(log);
        steps++;
        p = close + 1;
    }
    assert_true(steps >= 4);
    /* what the walkthrough says it did */
    char *golden = sc_xasprintf("%s/golden/paused-nightly-checkpoint.xml", dir);
    char *invalid = sc_xasprintf("%s/cases/invalid/memory-external-relative-file.xml", dir);
    char *text = harness_slurp(golden);
    char *log;
    assert_non_null(strstr(text, "<name>nightly</name>"));
    assert_int_equal(access(invalid, R_OK), 0);
    assert_int_equal(sh_in(dir, "runner/snapcheck lint\nrunner/snapcheck run\n", &log), 0);
    free(log);
    free(text);
    free(golden);
    free(invalid);
    free(dir);
    free(doc);
    free(path);
}

static size_t count_files(const char *dir)
{
    char *cmd = sc_xasprintf("find '%s' -type f | wc -l", dir);
    FILE *p = popen(cmd, "r");
    size_t n = 0;

    assert_non_null(p);
    assert_int_equal(fscanf(p, "%zu", &n), 1);
    pclose(p);
    free(cmd);
    return n;
}

static void test_new_refuses_and_overwrites_nothing(void **state)
{
    const struct sc_case *existing = &harness_suite->manifest->v[0];
    char *dir = scratch_with_tool("new-refusals");
    char *manifest = sc_xasprintf("%s/cases/manifest.xml", dir);
    char *before = harness_slurp(manifest);
    size_t files = count_files(dir);
    char *script = sc_xasprintf(
        "set +e\n"
        "echo '<domainsnapshot><name>x</name></domainsnapshot>' > in.xml\n"
        "runner/snapcheck new %s --description 'a new description' --from in.xml; echo \"taken=$?\"\n"
        "runner/snapcheck new Bad_Id --description 'another description' --from in.xml; echo \"badid=$?\"\n"
        "runner/snapcheck new needs-state --description 'missing state' --from in.xml; echo \"rejected=$?\"\n"
        "echo '<domainsnapshot><name>x' > broken.xml\n"
        "runner/snapcheck new broken-doc --description 'broken' --from broken.xml; echo \"broken=$?\"\n"
        "runner/snapcheck new wrong-reason --invalid --layer parser --expect-error 'something else' "
        "--description 'wrong reason' --from in.xml; echo \"reason=$?\"\n"
        "rm in.xml broken.xml\n", existing->id);
    char *log;

    (void)state;
    assert_int_equal(sh_in(dir, script, &log), 0);
    assert_non_null(strstr(log, "taken=1"));
    assert_non_null(strstr(log, "already exists"));
    assert_non_null(strstr(log, "badid=1"));
    assert_non_null(strstr(log, "rejected=1"));
    assert_non_null(strstr(log, "missing creationTime from existing snapshot"));
    assert_non_null(strstr(log, "broken=1"));
    assert_non_null(strstr(log, "not well-formed"));
    assert_non_null(strstr(log, "reason=1"));
    assert_non_null(strstr(log, "not \"something else\""));
    char *after = harness_slurp(manifest);
    assert_string_equal(before, after);
    assert_int_equal(count_files(dir), files);
    free(after);
    free(log);
    free(script);
    free(before);
    free(manifest);
    free(dir);
}

/* Appends a comment to the golden file of the first valid case in the
 * scratch tree DIR; returns the case, with its golden text from before
 * in *GOOD and after in *SPOILT. */
static const struct sc_case *spoil_a_golden(const char *dir, char **good, char **spoilt)
{
    const struct sc_case *c = NULL;

    for (size_t i = 0; i < harness_suite->manifest->n && !c; i++)
        c = harness_suite->manifest->v[i].valid ? &harness_suite->manifest->v[i] : NULL;
    assert_non_null(c);
    char *rel = sc_xasprintf("golden/%s.xml", c->id);
    char *path = sc_xasprintf("%s/%s", dir, rel);
    *good = harness_slurp(path);
    *spoilt = sc_xasprintf("%s<!-- spoilt -->\n", *good);
    free(harness_write(dir, rel, *spoilt));
    free(path);
    free(rel);
    return c;
}

static void test_regenerate_writes_only_changes(void **state)
{
    char *dir = scratch_with_tool("regenerate");
    char *log, *good, *spoilt;

    (void)state;
    const struct sc_case *c = spoil_a_golden(dir, &good, &spoilt);
    char *golden = sc_xasprintf("%s/golden/%s.xml", dir, c->id);
    size_t files = count_files(dir);
    struct stat before, after;
    assert_int_equal(stat(golden, &before), 0);
    int rc = sh_in(dir, "runner/snapcheck run --regenerate --dry-run", &log);
    char *header = sc_xasprintf("--- golden/%s.xml\n+++ golden/%s.xml\n@@ -", c->id, c->id);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(log, header));
    assert_non_null(strstr(log, "-<!-- spoilt -->"));
    assert_non_null(strstr(log, "1 golden file would change"));
    char *unchanged = harness_slurp(golden);
    assert_string_equal(unchanged, spoilt);
    free(log);
    assert_int_equal(sh_in(dir, "runner/snapcheck run --regenerate", &log), 0);
    assert_non_null(strstr(log, "1 golden file rewritten"));
    char *fixed = harness_slurp(golden);
    assert_string_equal(fixed, good);
    assert_int_equal(stat(golden, &after), 0);
    assert_true(before.st_ino != after.st_ino);   /* renamed into place */
    assert_int_equal(count_files(dir), files);
    free(log);
    free(fixed);
    free(unchanged);
    free(header);
    free(spoilt);
    free(good);
    free(golden);
    free(dir);
}

static void test_lint_fix_restores_canonical_form_only(void **state)
{
    char *dir = scratch_with_tool("lint-fix");
    char *manifest = sc_xasprintf("%s/cases/manifest.xml", dir);
    char *canonical = harness_slurp(manifest);
    /* move the first case to the end and re-indent it */
    char *first = strstr(canonical, "  <case ");
    char *after_first = strstr(first, "  </case>\n") + strlen("  </case>\n");
    char *closing = strstr(canonical, "</manifest>");
    struct sc_buf b = { 0 };
    char *log;

    (void)state;
    sc_buf_add(&b, canonical, (size_t)(first - canonical));
    sc_buf_add(&b, after_first, (size_t)(closing - after_first));
    sc_buf_puts(&b, "<!-- moved -->\n");
    for (const char *p = first; p < after_first; p++) {
        sc_buf_add(&b, p, 1);
        if (*p == '\n' && p + 1 < after_first)
            sc_buf_puts(&b, "\t");
    }
    sc_buf_puts(&b, "</manifest>\n");
    free(harness_write(dir, "cases/manifest.xml", b.data));
    assert_int_equal(sh_in(dir, "runner/snapcheck lint", &log), 1);
    assert_non_null(strstr(log, "cases/manifest.xml: error: not in canonical form"));
    free(log);
    assert_int_equal(sh_in(dir, "runner/snapcheck lint --fix && runner/snapcheck lint", &log), 0);
    char *fixed = harness_slurp(manifest);
    /* the same text but for the comment, which travels with its case */
    assert_non_null(strstr(fixed, "<!-- moved -->"));
    char *at = strstr(fixed, "  <!-- moved -->\n");
    assert_non_null(at);
    memmove(at, at + strlen("  <!-- moved -->\n"), strlen(at + strlen("  <!-- moved -->\n")) + 1);
    assert_string_equal(fixed, canonical);
    free(fixed);
    free(log);
    sc_buf_free(&b);
    free(canonical);
    free(manifest);
    free(dir);
}

/* Runs "runner/snapcheck ARGS" in DIR on a pseudo-terminal, with
 * NO_COLOR set or not; returns what it printed. */
static char *on_terminal(const char *dir, const char *args, bool no_color)
{
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    struct sc_buf b = { 0 };
    char chunk[4096];
    ssize_t n;

    if (pid < 0)
        return NULL;   /* no pseudo-terminal on this machine */
    if (pid == 0) {
        if (no_color)
            setenv("NO_COLOR", "1", 1);
        else
            unsetenv("NO_COLOR");
        if (chdir(dir) == 0)
            execl("/bin/sh", "sh", "-c", args, (char *)NULL);
        _exit(127);
    }
    while ((n = read(master, chunk, sizeof(chunk))) > 0)
        sc_buf_add(&b, chunk, (size_t)n);
    close(master);
    waitpid(pid, NULL, 0);
    return b.data ? sc_buf_steal(&b) : sc_xstrdup("");
}

/* A golden mismatch is a unified diff, coloured on a terminal unless
 * NO_COLOR is set, and never coloured into a pipe. */
static void test_mismatch_diff_and_colour(void **state)
{
    char *dir = scratch_with_tool("colour");
    char *log, *text, *spoilt;

    (void)state;
    const struct sc_case *c = spoil_a_golden(dir, &text, &spoilt);
    char *golden = sc_xasprintf("golden/%s.xml", c->id);
    char *args = sc_xasprintf("runner/snapcheck run --filter %s", c->id);
    char *header = sc_xasprintf("--- %s", golden);
    char *piped = sc_xasprintf("env -u NO_COLOR %s", args);
    assert_int_equal(sh_in(dir, piped, &log), 1);
    assert_non_null(strstr(log, header));
    assert_non_null(strstr(log, "@@ -"));
    assert_null(strstr(log, "\033["));
    free(log);
    free(piped);
    char *tty = on_terminal(dir, args, false);
    if (!tty) {
        print_message("no pseudo-terminal here (forkpty failed); the terminal half is skipped\n");
        free(header);
        free(args);
        free(spoilt);
        free(text);
        free(golden);
        free(dir);
        harness_skip();
    }
    assert_non_null(strstr(tty, header));
    assert_non_null(strstr(tty, "\033[31m-<!-- spoilt -->"));
    free(tty);
    tty = on_terminal(dir, args, true);
    assert_non_null(strstr(tty, "-<!-- spoilt -->"));
    /* no colour; the progress line's own controls aside */
    assert_null(strstr(tty, "\033[3"));
    assert_null(strstr(tty, "\033[0m"));
    free(tty);
    free(header);
    free(args);
    free(spoilt);
    free(text);
    free(golden);
    free(dir);
}

/* A new state in the table alone: parity names the state and the
 * schema, the exhaustiveness check the case to add.  A new release in
 * the table: the freshness check names its schema, the exhaustiveness
 * check the states it lacks cases for.  The state is not CONTRIBUTING's
 * example, which the copy that test_adding_a_state_works makes already
 * has. */
static void test_new_state_names_what_to_add(void **state)
{
    char *dir = harness_scratch_tree("grow");
    char *log;
    char *copy = sc_xasprintf(
        "cp -R '%s/runner' '%s/Makefile' . && "
        "sed -i 's/^\\( *\\)X(ctx, DOMAIN, PMSUSPENDED, .*/&\\n\\1X(ctx, DOMAIN, HALTED, \"halted\", "
        "V(10, 7, 0), NEVER, V(10, 7, 0), NEVER, ONLINE) \\\\/' "
        "runner/model/states.def && grep -q HALTED runner/model/states.def && "
        "sed -i 's/^\\( *\\)P(ctx, LIBVIRT_0_9_5, .*/\\1P(ctx, LIBVIRT_5_0, \"libvirt-5.0\", V(5, 0, 0), "
        "\"a release added\") \\\\\\n&/' runner/model/states.def && grep -q LIBVIRT_5_0 runner/model/states.def && "
        "rm -f runner/snapcheck && "
        "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j2 SANITIZE= FUZZ= runner/snapcheck build/harness > /dev/null\n",
        harness_suite->layout.datadir, harness_suite->layout.datadir);

    (void)state;
    harness_progress("building a copy of the tree with a state added (a full build)");
    if (sh_in(dir, copy, &log) != 0)
        fail_msg("cannot build the scratch tree:\n%s", log);
    harness_progress("parity and the copy's harness, on the new state");
    free(log);
    assert_int_equal(sh_in(dir, "runner/snapcheck parity", &log), 1);
    assert_non_null(strstr(log, "/rng/domainsnapshot.rng: drift: state 'halted' is accepted by the state table of libvirt-10.7 but not by the schema"));
    free(log);
    assert_int_not_equal(sh_in(dir, "SNAPCHECK_TEST_FILTER='test_every_accepted_state_has_a_valid_case' build/harness",
                               &log), 0);
    assert_non_null(strstr(log, "state 'halted' has no valid case: add one with 'runner/snapcheck new state-halted' "
                           "(cases/valid/state-halted.xml, its entry in cases/manifest.xml and golden/state-halted.xml)"));
    free(log);
    assert_int_not_equal(sh_in(dir, "SNAPCHECK_TEST_FILTER='test_shipped_schema_agrees_with_table' build/harness",
                               &log), 0);
    assert_non_null(strstr(log, "rng/domainsnapshot.rng: drift: state 'halted'"));
    free(log);
    /* the release added: its schema and its cases are named */
    assert_int_not_equal(sh_in(dir, "SNAPCHECK_TEST_FILTER='test_profile_schemas_are_fresh' build/harness",
                               &log), 0);
    assert_non_null(strstr(log, "rng/profile-libvirt-5.0.rng is missing: run 'make rng'"));
    free(log);
    assert_int_not_equal(sh_in(dir, "SNAPCHECK_TEST_FILTER='test_every_accepted_state_has_a_valid_case' "
                               "build/harness", &log), 0);
    assert_non_null(strstr(log, "state 'nostate' has no valid case in libvirt-5.0: "
                           "add cases/valid/state-nostate-libvirt-5-0.xml"));
    assert_non_null(strstr(log, "state 'running' has no valid case in libvirt-5.0"));
    assert_null(strstr(log, "in libvirt-9.0"));
    free(log);
    free(copy);
    free(dir);
}

/* The files CONTRIBUTING's "Adding a state" may change: the table, the
 * schema's state define, the case snapcheck new writes, and what make
 * check generates from them. */
static const char *const add_a_state_touches[] = {
    "runner/model/states.def", "rng/domainsnapshot.rng", "cases/manifest.xml",
    "cases/valid/state-hibernated.xml", "golden/state-hibernated.xml", "README.md",
};

#define NESTED_CHECK "SNAPCHECK_NESTED_CHECK"

/* CONTRIBUTING.md's "Adding a state", run as written on a scratch copy
 * of the tree: the table, the schema's state define, one snapcheck new,
 * and make check, which must pass there, with no other file of the tree
 * changed.  That make check would run this test again: NESTED_CHECK,
 * set for it, makes the copy's harness skip it. */
static void test_adding_a_state_works(void **state)
{
    (void)state;
    if (getenv(NESTED_CHECK)) {
        print_message("skipped: this is the make check it runs on a copy of the tree (" NESTED_CHECK " is set)\n");
        harness_skip();
    }
    const char *data = harness_suite->layout.datadir;
    char *path = sc_xasprintf("%s/CONTRIBUTING.md", data);
    char *doc = harness_slurp(path);
    char *section = strstr(doc, "\n## Adding a state\n");
    char *end = section ? strstr(section + 1, "\n## ") : NULL;
    char *body = section ? strstr(section, "\n```sh\n") : NULL;
    char *close = body ? strstr(body + 7, "\n```\n") : NULL;

    assert_non_null(end);
    assert_true(close && close < end);
    *close = '\0';
    body += 7;
    /* the copy: what make check reads, without what it builds */
    char *dir = harness_scratch_tree("add-a-state");
    char *sums = sc_xasprintf("%s/add-a-state.sums", harness_tmpdir());
    char *copy = sc_xasprintf(
        "cd '%s' && cp -R runner Makefile README.md CONTRIBUTING.md .gitignore .ci adapters bench ci site '%s/' && "
        "mkdir '%s/browser' && cp browser/*.* '%s/browser/'\n"
        "cd '%s' && rm -f runner/snapcheck && find . -type f | sort | xargs sha1sum > '%s'\n",
        data, dir, dir, dir, dir, sums);
    char *log;
    if (sh_in(harness_tmpdir(), copy, &log) != 0)
        fail_msg("cannot copy the tree:\n%s", log);
    free(log);
    /* the steps, in an environment of their own: no outer make's flags,
     * no outer harness's tool, data, filter or wrapper */
    char *out = sc_xasprintf("%s/add-a-state.log", harness_tmpdir());
    char *script = sc_xasprintf("unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE FUZZ SNAPCHECK_TOOL SNAPCHECK_DATADIR "
                                "SNAPCHECK_CASES SNAPCHECK_TEST_FILTER SNAPCHECK_WRAPPER\n"
                                "export " NESTED_CHECK "=1\n{\n%s\n} > '%s' 2>&1\n", body, out);
    /* what the copy's harness printed (the tests' output holds NUL bytes) */
    char *verdict = sc_xasprintf("grep -a -q '^harness: .*, all passed' '%s' && "
                                 "grep -a -q 'on a copy of the tree (" NESTED_CHECK " is set)' '%s' || "
                                 "{ tail -c 6000 '%s' | tr -d '\\000'; exit 1; }\n", out, out, out);
    struct timespec t0, t1;
    harness_progress("CONTRIBUTING's steps to add a state, then make check, on a copy of the tree");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = sh_in(dir, script, &log);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(log);
    if (sh_in(dir, verdict, &log) != 0) {
        print_error("--- the end of its output:\n%s", log);
        fail_msg("CONTRIBUTING.md's \"Adding a state\" (exit %d) did not end with make check passing there, "
                 "this test skipped", rc);
    }
    print_message("the steps and make check on the copy took %.0f s\n",
                  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    free(log);
    /* no file changed but those the steps name and make check generates */
    char *changed = sc_xasprintf("{ sha1sum -c --quiet '%s' 2>/dev/null | sed 's/: FAILED.*//'\n"
                                 "cut -c43- '%s' > .step.old\n"
                                 "find . -type f ! -path './build/*' ! -path ./runner/snapcheck ! -name '.step.*' "
                                 "| sort > .step.new\n"
                                 "comm -13 .step.old .step.new; rm -f .step.old .step.new; } | sort -u\n",
                                 sums, sums);
    assert_int_equal(sh_in(dir, changed, &log), 0);
    for (char *line = strtok(log, "\n"); line; line = strtok(NULL, "\n")) {
        const char *file = strncmp(line, "./", 2) == 0 ? line + 2 : line;
        bool listed = false;
        for (size_t i = 0; i < sizeof(add_a_state_touches) / sizeof(add_a_state_touches[0]); i++)
            listed |= strcmp(file, add_a_state_touches[i]) == 0;
        if (!listed)
            fail_msg("adding a state changed %s, which CONTRIBUTING.md does not name", file);
    }
    free(log);
    free(changed);
    free(script);
    free(verdict);
    free(out);
    free(copy);
    free(sums);
    free(dir);
    free(doc);
    free(path);
}

/* The harness itself, on one test, with the tool and without one:
 * it ends with its total, and names a failure by group and test. */
static void test_harness_ends_with_its_total(void **state)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    const char *tool = getenv("SNAPCHECK_TOOL");
    char *log;

    (void)state;
    assert_true(n > 0);
    exe[n] = '\0';
    char *full = realpath(tool ? tool : "runner/snapcheck", NULL);
    assert_non_null(full);
    const char *env = "env -u SNAPCHECK_WRAPPER SNAPCHECK_TEST_FILTER=test_states_command";
    char *run = sc_xasprintf("%s SNAPCHECK_DATADIR='%s' SNAPCHECK_TOOL='%s' '%s'", env,
                             harness_suite->layout.datadir, full, exe);
    char *broken = sc_xasprintf("%s SNAPCHECK_DATADIR='%s' SNAPCHECK_TOOL=/bin/false '%s'", env,
                                harness_suite->layout.datadir, exe);
    if (sh_in(harness_tmpdir(), run, &log) != 0 || !strstr(log, "\nharness: 1 test in 1 group, all passed\n"))
        fail_msg("the harness on one test that passes:\n%s", log);
    free(log);
    if (sh_in(harness_tmpdir(), broken, &log) != 1 ||
        !strstr(log, "\nharness: 1 test in 1 group, 1 failed:\n  cli: test_states_command\n"))
        fail_msg("the harness on one test that fails:\n%s", log);
    free(log);
    free(broken);
    free(run);
    free(full);
}

int harness_run_workflow(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contributing_walkthrough_works),
        cmocka_unit_test(test_new_refuses_and_overwrites_nothing),
        cmocka_unit_test(test_regenerate_writes_only_changes),
        cmocka_unit_test(test_lint_fix_restores_canonical_form_only),
        cmocka_unit_test(test_mismatch_diff_and_colour),
        cmocka_unit_test(test_new_state_names_what_to_add),
        cmocka_unit_test(test_adding_a_state_works),
        cmocka_unit_test(test_harness_ends_with_its_total),
    };

    return harness_group("workflow", tests, NULL, NULL);
}
