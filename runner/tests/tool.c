/*
 * tests/tool.c: the built snapcheck binary (SNAPCHECK_TOOL), run as a
 * test runs it (tests/tool.h): under SNAPCHECK_WRAPPER when set, with
 * its outputs, exit status, signal and peak memory collected.
 */
#include "tests/tool.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmp.h>

#include "util/buf.h"
#include "tests/fixture.h"

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
    char *out_path = harness_tmp_path("cli.out");
    char *err_path = harness_tmp_path("cli.err");
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
    char *out_path = harness_tmp_path("cli.out");
    char *err_path = harness_tmp_path("cli.err");
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
    /* the harness keeps the terminal's other end open too: once the tool
     * has gone, Linux may report the end (EIO) to a reader of a terminal
     * nobody holds before what the tool wrote last is readable */
    int slave;
    if (openpty(&master, &slave, NULL, NULL, NULL) < 0) {
        free(wrapper);
        free(tool);
        return r;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(master);
        if (login_tty(slave) < 0)
            _exit(127);
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
    if (pid < 0) {
        close(master);
        close(slave);
        return r;
    }
    /* until the tool has gone and a tenth of a second passes with
     * nothing more to read */
    bool gone = false;
    for (;;) {
        struct pollfd in = { master, POLLIN, 0 };
        int ready = poll(&in, 1, 100);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready > 0 && (in.revents & POLLIN)) {
            if ((got = read(master, chunk, sizeof(chunk))) > 0)
                sc_buf_add(&b, chunk, (size_t)got);
            else if (got < 0 && errno != EINTR && errno != EAGAIN)
                break;
            continue;
        }
        if (ready > 0 && !(in.revents & POLLIN))
            break;   /* hung up, with nothing left */
        if (gone)
            break;
        pid_t w = waitpid(pid, &status, WNOHANG);
        assert_true(w == 0 || w == pid);
        gone = w == pid;
    }
    close(slave);
    close(master);
    if (!gone)
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
