/*
 * impl.c: one run of an external implementation, with its input fed and
 * its output read through pipes in one poll loop (so neither side can
 * block the other), a deadline, and a cap on what it may print.
 */
#define _GNU_SOURCE   /* pipe2 */
#include "impl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

#define OUT_LIMIT (64u * 1024 * 1024)
#define ERR_LIMIT (64u * 1024)

extern char **environ;

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The child's environment: ours plus the three protocol variables. */
static char **child_env(const struct sc_impl_request *req)
{
    size_t n = 0;
    char **env;

    while (environ[n])
        n++;
    env = sc_xcalloc(n + 4, sizeof(*env));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(environ[i], "SNAPCHECK_MODE=", 15) && strncmp(environ[i], "SNAPCHECK_NOW=", 14) &&
            strncmp(environ[i], "SNAPCHECK_CASE=", 15))
            env[k++] = sc_xstrdup(environ[i]);
    }
    env[k++] = sc_xasprintf("SNAPCHECK_MODE=%s", req->mode);
    env[k++] = sc_xasprintf("SNAPCHECK_NOW=%lld", req->now);
    env[k++] = sc_xasprintf("SNAPCHECK_CASE=%s", req->case_id ? req->case_id : "");
    env[k] = NULL;
    return env;
}

static void free_env(char **env)
{
    for (size_t i = 0; env[i]; i++)
        free(env[i]);
    free(env);
}

static pid_t spawn(const struct sc_impl_request *req, int in[2], int out[2], int err[2])
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    char **env = child_env(req);
    char *argv[] = { "sh", "-c", (char *)req->command, NULL };
    pid_t pid = -1;

    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawnattr_init(&attr);
    /* its own process group, so a timeout kills everything it started */
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    if (posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, env) != 0)
        pid = -1;
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    free_env(env);
    return pid;
}

/* Reads what FD has into B, up to LIMIT bytes; returns 0 at EOF, 1 when
 * more may come, -1 when over the limit. */
static int drain(int fd, struct sc_buf *b, size_t limit)
{
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof(chunk));

    if (n < 0)
        return errno == EAGAIN || errno == EINTR ? 1 : 0;
    if (n == 0)
        return 0;
    if (b->len + (size_t)n > limit) {
        sc_buf_add(b, chunk, limit > b->len ? limit - b->len : 0);
        return -1;
    }
    sc_buf_add(b, chunk, (size_t)n);
    return 1;
}

/* Feeds the input and collects the output until both pipes close, the
 * deadline passes or the output outgrows its limit. */
static enum sc_impl_end pump(const struct sc_impl_request *req, double deadline,
                             int in, int out, int err, struct sc_buf *ob, struct sc_buf *eb)
{
    size_t written = 0;
    bool out_open = true, err_open = true;

    fcntl(in, F_SETFL, O_NONBLOCK);
    if (req->input_len == 0) {
        close(in);
        in = -1;
    }
    while (out_open || err_open) {
        struct pollfd fds[3] = { { out_open ? out : -1, POLLIN, 0 },
                                 { err_open ? err : -1, POLLIN, 0 },
                                 { in, POLLOUT, 0 } };
        double left = deadline - now_seconds();
        if (left <= 0)
            return SC_IMPL_TIMED_OUT;
        if (poll(fds, 3, (int)(left * 1000) + 1) < 0 && errno != EINTR)
            break;
        if (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
            ssize_t n = write(in, req->input + written, req->input_len - written);
            if (n > 0)
                written += (size_t)n;
            if ((n < 0 && errno != EAGAIN) || written == req->input_len) {
                close(in);   /* done, or the child stopped reading */
                in = -1;
            }
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            int rc = drain(out, ob, OUT_LIMIT);
            if (rc < 0)
                return SC_IMPL_FLOODED;
            out_open = rc > 0;
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR))
            err_open = drain(err, eb, ERR_LIMIT) != 0;   /* excess stderr is dropped */
    }
    if (in >= 0)
        close(in);
    return SC_IMPL_EXITED;
}

/* Waits for PID until DEADLINE: a child that closed its output but
 * keeps running still times out. */
static bool reap(pid_t pid, double deadline, int *status)
{
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR))
            return true;
        if (now_seconds() >= deadline)
            return false;
        struct timespec pause = { 0, 2 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
}

void sc_impl_run(const struct sc_impl_request *req, struct sc_impl_run *run)
{
    double deadline = now_seconds() + req->timeout;
    int in[2], out[2], err[2];
    struct sc_buf ob = { 0 }, eb = { 0 };
    int status = 0;

    memset(run, 0, sizeof(*run));
    if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
        run->end = SC_IMPL_NO_START;
        run->err = sc_xasprintf("cannot create pipes: %s", strerror(errno));
        run->out = sc_xstrdup("");
        return;
    }
    pid_t pid = spawn(req, in, out, err);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (pid < 0) {
        run->end = SC_IMPL_NO_START;
        sc_buf_printf(&eb, "cannot start /bin/sh: %s", strerror(errno));
        close(in[1]);
    } else {
        run->end = pump(req, deadline, in[1], out[0], err[0], &ob, &eb);
        if (run->end == SC_IMPL_EXITED && !reap(pid, deadline, &status))
            run->end = SC_IMPL_TIMED_OUT;
        if (run->end != SC_IMPL_EXITED) {
            kill(-pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
        }
        if (run->end == SC_IMPL_EXITED && WIFSIGNALED(status)) {
            run->end = SC_IMPL_SIGNALED;
            run->exit_code = WTERMSIG(status);
        } else if (run->end == SC_IMPL_EXITED) {
            run->exit_code = WEXITSTATUS(status);
            /* the shell reports a child killed by a signal as 128+N,
             * and a command it cannot find or run as 127 or 126 */
            if (run->exit_code > 128) {
                run->end = SC_IMPL_SIGNALED;
                run->exit_code -= 128;
            } else if (run->exit_code == 126 || run->exit_code == 127) {
                run->end = SC_IMPL_NO_START;
            }
        }
    }
    close(out[0]);
    close(err[0]);
    run->out_len = ob.len;
    run->out = sc_buf_steal(&ob);
    run->err = sc_buf_steal(&eb);
}

void sc_impl_run_clear(struct sc_impl_run *run)
{
    free(run->out);
    free(run->err);
    run->out = run->err = NULL;
}
