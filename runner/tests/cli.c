/*
 * tests/cli.c: the command-line contract of the built snapcheck
 * binary (SNAPCHECK_TOOL): output, diagnostics and exit codes of each
 * command.  The documents come from the manifest, never from names
 * written here.
 */
#include "tests/harness.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileio.h"

static char *tool_path(const char *name)
{
    return sc_xasprintf("%s/%s", harness_tmpdir(), name);
}

/* The command line that runs the tool (named TOOL) with ARGV: under
 * SNAPCHECK_WRAPPER (valgrind) when set.  ARGS has room for 80;
 * *WRAPPER is to be freed after. */
static void tool_args(const char **args, const char *tool, const char *const *argv, char **wrapper)
{
    size_t n = 0;

    *wrapper = getenv("SNAPCHECK_WRAPPER") ? sc_xstrdup(getenv("SNAPCHECK_WRAPPER")) : NULL;
    for (char *save = NULL, *w = *wrapper ? strtok_r(*wrapper, " ", &save) : NULL; w && n < 15;
         w = strtok_r(NULL, " ", &save))
        args[n++] = w;
    args[n++] = tool;
    for (size_t i = 0; argv[i] && n < 79; i++)
        args[n++] = argv[i];
    args[n] = NULL;
}

static char *tool_name(void)
{
    return sc_xstrdup(getenv("SNAPCHECK_TOOL") ? getenv("SNAPCHECK_TOOL") : "runner/snapcheck");
}

/* Starts the tool (INSTALLED, or else the one under test) in DIR (the
 * current directory when NULL), with ENV ("NAME=VALUE" each, or NULL)
 * added to its environment, killed by SIGALRM after SECONDS unless 0;
 * its pid. */
static pid_t start_tool(const char *installed, const char *dir, const char *const *argv,
                        const char *stdin_path, const char *datadir, const char *const *env,
                        unsigned seconds)
{
    /* from another directory the tool is named by its full path, and
     * the suite's data directory is named for it; an installed copy
     * finds its own */
    char *tool = installed ? sc_xstrdup(installed) : tool_name();
    if (dir && !installed) {
        char *full = realpath(tool, NULL);
        assert_non_null(full);
        free(tool);
        tool = full;
        datadir = datadir ? datadir : harness_suite->layout.datadir;
    }
    char *out_path = tool_path("cli.out");
    char *err_path = tool_path("cli.err");
    const char *args[80];
    char *wrapper;
    pid_t pid;

    tool_args(args, tool, argv, &wrapper);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        if (dir && chdir(dir) != 0)
            _exit(127);
        setenv("NO_COLOR", "1", 1);
        if (installed)
            unsetenv("SNAPCHECK_DATADIR");
        if (datadir)
            setenv("SNAPCHECK_DATADIR", datadir, 1);
        for (size_t i = 0; env && env[i]; i++)
            putenv((char *)env[i]);
        if (seconds)
            alarm(seconds);   /* kept across exec: a hang ends as a signal */
        execvp(args[0], (char *const *)args);
        _exit(127);
    }
    free(wrapper);
    free(tool);
    free(out_path);
    free(err_path);
    return pid;
}

static pid_t start_in(const char *dir, const char *const *argv, const char *stdin_path,
                      const char *datadir, unsigned seconds)
{
    return start_tool(NULL, dir, argv, stdin_path, datadir, NULL, seconds);
}

pid_t harness_tool_start(const char *const *argv, const char *stdin_path, const char *datadir)
{
    return start_in(NULL, argv, stdin_path, datadir, 0);
}

struct tool_result harness_tool_at(const char *tool, const char *dir, const char *const *argv,
                                   const char *datadir)
{
    return harness_tool_wait(start_tool(tool, dir, argv, NULL, datadir, NULL, 0));
}

struct tool_result harness_tool_env(const char *const *env, const char *const *argv,
                                    const char *stdin_path)
{
    return harness_tool_wait(start_tool(NULL, NULL, argv, stdin_path, NULL, env, 0));
}

struct tool_result harness_tool_wait(pid_t pid)
{
    char *out_path = tool_path("cli.out");
    char *err_path = tool_path("cli.err");
    struct tool_result r = { 0 };
    struct rusage ru;

    assert_int_equal(wait4(pid, &r.status, 0, &ru), pid);
    r.maxrss_kib = ru.ru_maxrss;
    r.signal = WIFSIGNALED(r.status) ? WTERMSIG(r.status) : 0;
    r.status = WIFEXITED(r.status) ? WEXITSTATUS(r.status) : 128;
    r.out = harness_slurp(out_path);
    r.err = harness_slurp(err_path);
    free(out_path);
    free(err_path);
    return r;
}

struct tool_result harness_tool_in(const char *dir, const char *const *argv, const char *stdin_path,
                                   const char *datadir)
{
    return harness_tool_wait(start_in(dir, argv, stdin_path, datadir, 0));
}

struct tool_result harness_tool_within(const char *const *argv, const char *stdin_path,
                                       const char *datadir, unsigned seconds)
{
    return harness_tool_wait(start_in(NULL, argv, stdin_path, datadir, seconds));
}

struct tool_result harness_tool(const char *const *argv, const char *stdin_path,
                                const char *datadir)
{
    return harness_tool_in(NULL, argv, stdin_path, datadir);
}

struct tool_result harness_tool_on_terminal(const char *const *argv, const char *no_color)
{
    struct tool_result r = { .status = -1 };
    char *tool = tool_name(), *wrapper;
    const char *args[80];
    struct sc_buf b = { 0 };
    char chunk[4096];
    ssize_t got;
    int master, status;

    tool_args(args, tool, argv, &wrapper);
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    if (pid == 0) {
        if (no_color)
            setenv("NO_COLOR", no_color, 1);
        else
            unsetenv("NO_COLOR");
        setenv("TERM", "xterm", 1);   /* whatever terminal the harness has, or none */
        execvp(args[0], (char *const *)args);
        _exit(127);
    }
    free(wrapper);
    free(tool);
    if (pid < 0)
        return r;
    /* until the terminal closes (EIO once the tool is gone) */
    while ((got = read(master, chunk, sizeof(chunk))) > 0 || (got < 0 && errno == EINTR))
        sc_buf_add(&b, chunk, got > 0 ? (size_t)got : 0);
    close(master);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    r.out = b.data ? sc_buf_steal(&b) : sc_xstrdup("");
    r.err = sc_xstrdup("");
    return r;
}

void harness_tool_free(struct tool_result *r)
{
    free(r->out);
    free(r->err);
}

static struct tool_result run_tool(const char *const *argv, const char *stdin_path)
{
    return harness_tool(argv, stdin_path, NULL);
}

/* The first case of the manifest that matches. */
static const struct sc_case *find_case(bool valid, bool parser_only, enum sc_mode mode)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (c->valid != valid || c->mode != mode)
            continue;
        if (!valid && parser_only != (!c->schema_error && c->parser_error))
            continue;
        return c;
    }
    fail_msg("the manifest has no %s %s case", valid ? "valid" : "invalid",
             sc_mode_to_string(mode));
    return NULL;
}

static void test_format_prints_golden(void **state)
{
    const struct sc_case *c = find_case(true, false, SC_MODE_REDEFINE);
    struct tool_result r = run_tool((const char *[]){ "format", "--redefine", c->input, NULL }, NULL);
    char *golden = harness_slurp(c->golden);

    (void)state;
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, golden);
    free(golden);
    harness_tool_free(&r);
}

static void test_format_reads_stdin_in_create_mode(void **state)
{
    const struct sc_case *c = find_case(true, false, SC_MODE_CREATE);
    char *now = sc_xasprintf("%lld", harness_suite->manifest->now);
    struct tool_result r = run_tool((const char *[]){ "format", "--now", now, "-", NULL }, c->input);
    char *golden = harness_slurp(c->golden);

    (void)state;
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, golden);
    free(golden);
    free(now);
    harness_tool_free(&r);
}

static void test_format_rejects_with_file_and_line(void **state)
{
    const struct sc_case *c = find_case(false, true, SC_MODE_REDEFINE);
    struct tool_result r = run_tool((const char *[]){ "format", "--redefine", c->input, NULL }, NULL);
    char *prefix = sc_xasprintf("%s:", c->input);

    (void)state;
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_memory_equal(r.err, prefix, strlen(prefix));
    assert_non_null(strstr(r.err, ": error: "));
    assert_non_null(strstr(r.err, c->parser_error));
    free(prefix);
    harness_tool_free(&r);
}

static void test_format_usage_and_io_errors(void **state)
{
    char *missing = sc_xasprintf("%s/no-such-file.xml", harness_tmpdir());
    struct tool_result r1 = run_tool((const char *[]){ "format", NULL }, NULL);
    struct tool_result r2 = run_tool((const char *[]){ "format", missing, NULL }, NULL);
    struct tool_result r3 = run_tool((const char *[]){ "format", "--now", "soon", "-", NULL }, NULL);
    struct tool_result r4 = run_tool((const char *[]){ "frobnicate", NULL }, NULL);

    (void)state;
    assert_int_equal(r1.status, 2);
    assert_int_equal(r2.status, 2);
    assert_non_null(strstr(r2.err, missing));
    assert_int_equal(r3.status, 2);
    assert_int_equal(r4.status, 2);
    assert_non_null(strstr(r4.err, "frobnicate"));
    harness_tool_free(&r1);
    harness_tool_free(&r2);
    harness_tool_free(&r3);
    harness_tool_free(&r4);
    free(missing);
}

/* Every redefine-mode golden, linked into a nested directory beside a
 * file that is not *.xml, must be found and valid. */
static void test_validate_walks_directories(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    char *top = sc_xasprintf("%s/walk", harness_tmpdir());
    char *sub = sc_xasprintf("%s/nested", top);
    char *expect;
    size_t n = 0;

    (void)state;
    assert_int_equal(mkdir(top, 0700), 0);
    assert_int_equal(mkdir(sub, 0700), 0);
    free(harness_write(top, "notes.txt", "not a document\n"));
    for (size_t i = 0; i < m->n; i++) {
        if (!m->v[i].valid || m->v[i].mode != SC_MODE_REDEFINE)
            continue;
        char *link = sc_xasprintf("%s/%s.xml", n % 2 ? sub : top, m->v[i].id);
        assert_int_equal(symlink(m->v[i].golden, link), 0);
        free(link);
        n++;
    }
    struct tool_result r = run_tool((const char *[]){ "validate", top, NULL }, NULL);
    expect = sc_xasprintf("%zu valid, 0 invalid\n", n);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_string_equal(r.out, expect);
    free(expect);
    free(sub);
    free(top);
    harness_tool_free(&r);
}

static void test_validate_reports_each_problem(void **state)
{
    const struct sc_case *bad = find_case(false, true, SC_MODE_REDEFINE);
    const struct sc_case *good = find_case(true, false, SC_MODE_REDEFINE);
    struct tool_result r = run_tool((const char *[]){ "validate", good->input, bad->input, NULL }, NULL);

    (void)state;
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "1 valid, 1 invalid"));
    assert_non_null(strstr(r.err, bad->parser_error));
    assert_null(strstr(r.err, good->input));
    harness_tool_free(&r);
}

static void test_validate_stdin_and_io_error(void **state)
{
    const struct sc_case *good = find_case(true, false, SC_MODE_REDEFINE);
    char *missing = sc_xasprintf("%s/absent.xml", harness_tmpdir());
    struct tool_result r1 = run_tool((const char *[]){ "validate", "-", NULL }, good->input);
    struct tool_result r2 = run_tool((const char *[]){ "validate", missing, NULL }, NULL);
    struct tool_result r3 = run_tool((const char *[]){ "validate", NULL }, NULL);

    (void)state;
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 2);
    assert_int_equal(r3.status, 2);
    free(missing);
    harness_tool_free(&r1);
    harness_tool_free(&r2);
    harness_tool_free(&r3);
}

static void test_parity_command(void **state)
{
    char *rng = harness_write(harness_tmpdir(), "cli-drift.rng",
        "<element name='domainsnapshot' xmlns='http://relaxng.org/ns/structure/1.0'>"
        "<element name='state'><choice><value>running</value><value>nostate</value>"
        "</choice></element></element>\n");
    struct tool_result ok = run_tool((const char *[]){ "parity", NULL }, NULL);
    struct tool_result drift = run_tool((const char *[]){ "parity", "--schema", rng, NULL }, NULL);

    (void)state;
    assert_int_equal(ok.status, 0);
    assert_int_equal(drift.status, 1);
    assert_non_null(strstr(drift.out, "'nostate'"));
    assert_non_null(strstr(drift.out, "'pmsuspended'"));
    assert_non_null(strstr(drift.out, "'disk-snapshot'"));
    free(rng);
    harness_tool_free(&ok);
    harness_tool_free(&drift);
}

static void test_states_command(void **state)
{
    struct tool_result r = run_tool((const char *[]){ "states", NULL }, NULL);

    (void)state;
    assert_int_equal(r.status, 0);
    for (int i = 0; i < SC_STATE_LAST; i++) {
        char *line = sc_xasprintf("%-5d %-14s %s", i, sc_state_to_string((enum sc_state)i),
                                  sc_state_accepted((enum sc_state)i) ? "yes" : "no");
        if (!strstr(r.out, line))
            fail_msg("'snapcheck states' lacks the line \"%s\"", line);
        free(line);
    }
    harness_tool_free(&r);
}

static void test_run_command_summary(void **state)
{
    struct tool_result r = run_tool((const char *[]){ "run", NULL }, NULL);
    char *summary = harness_verdicts(harness_suite->manifest->n, 0, 0, 0);

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, summary));
    free(summary);
    harness_tool_free(&r);
}

int harness_run_cli(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_prints_golden),
        cmocka_unit_test(test_format_reads_stdin_in_create_mode),
        cmocka_unit_test(test_format_rejects_with_file_and_line),
        cmocka_unit_test(test_format_usage_and_io_errors),
        cmocka_unit_test(test_validate_walks_directories),
        cmocka_unit_test(test_validate_reports_each_problem),
        cmocka_unit_test(test_validate_stdin_and_io_error),
        cmocka_unit_test(test_parity_command),
        cmocka_unit_test(test_states_command),
        cmocka_unit_test(test_run_command_summary),
    };

    return harness_group("cli", tests, NULL, NULL);
}
