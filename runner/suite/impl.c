/*
 * impl.c: one run of an external implementation, with its input fed and
 * its output read through pipes in one poll loop (so neither side can
 * block the other), a deadline, a cap on what it may print, and a
 * supervisor (supervise.c) that kills whatever the command started.
 * Also the pre-flight that tells a command that cannot start from an
 * implementation that rejects, and the signals that stop a run.
 */
#define _GNU_SOURCE   /* pipe2 */
#include "suite/impl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/supervise.h"

/* Standard error is kept whole up to ERR_HEAD + 2 * ERR_TAIL bytes;
 * past that, its start and its end, where the reason line is. */
#define ERR_HEAD (8u * 1024)
#define ERR_TAIL (8u * 1024)
/* Seconds a supervisor gets to kill everything once told to. */
#define STOP_GRACE 5.0

extern char **environ;

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- signals that stop a run --- */

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_STOP (sizeof(stop_signals) / sizeof(stop_signals[0]))
static struct sigaction saved_actions[N_STOP];
static bool caught[N_STOP];
/* written to by the handler and never drained: every poll loop sees it */
static int interrupt_pipe[2] = { -1, -1 };
static volatile sig_atomic_t interrupted;

static void on_stop_signal(int sig)
{
    int saved_errno = errno;

    interrupted = sig;
    if (interrupt_pipe[1] >= 0 && write(interrupt_pipe[1], "!", 1) < 0) {
        /* full already: it is readable, which is all that counts */
    }
    errno = saved_errno;
}

void sc_impl_catch_signals(void)
{
    struct sigaction sa = { .sa_handler = on_stop_signal };

    if (pipe2(interrupt_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        interrupt_pipe[0] = interrupt_pipe[1] = -1;
        return;
    }
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_STOP; i++) {
        sigaction(stop_signals[i], NULL, &saved_actions[i]);
        /* a signal ignored from the start (nohup, a background job) stays so */
        caught[i] = saved_actions[i].sa_handler != SIG_IGN;
        if (caught[i])
            sigaction(stop_signals[i], &sa, NULL);
    }
}

void sc_impl_release_signals(void)
{
    for (size_t i = 0; i < N_STOP; i++) {
        if (caught[i])
            sigaction(stop_signals[i], &saved_actions[i], NULL);
        caught[i] = false;
    }
    if (interrupt_pipe[0] >= 0) {
        close(interrupt_pipe[0]);
        close(interrupt_pipe[1]);
    }
    interrupt_pipe[0] = interrupt_pipe[1] = -1;
}

int sc_impl_interrupted(void)
{
    return interrupted;
}

void sc_impl_die_of_interrupt(void)
{
    int sig = interrupted;

    if (!sig)
        return;
    signal(sig, SIG_DFL);
    raise(sig);
    _exit(128 + sig);
}

/* --- the child's environment --- */

/* Ours plus the four protocol variables. */
static char **child_env(const struct sc_impl_request *req)
{
    size_t n = 0;
    char **env;

    while (environ[n])
        n++;
    env = sc_xcalloc(n + 5, sizeof(*env));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(environ[i], "SNAPCHECK_MODE=", 15) && strncmp(environ[i], "SNAPCHECK_NOW=", 14) &&
            strncmp(environ[i], "SNAPCHECK_CASE=", 15) && strncmp(environ[i], "SNAPCHECK_PROFILE=", 18))
            env[k++] = sc_xstrdup(environ[i]);
    }
    env[k++] = sc_xasprintf("SNAPCHECK_MODE=%s", req->mode);
    env[k++] = sc_xasprintf("SNAPCHECK_NOW=%lld", req->now);
    env[k++] = sc_xasprintf("SNAPCHECK_CASE=%s", req->case_id ? req->case_id : "");
    env[k++] = sc_xasprintf("SNAPCHECK_PROFILE=%s", req->profile ? req->profile : "");
    env[k] = NULL;
    return env;
}

static void free_env(char **env)
{
    for (size_t i = 0; env[i]; i++)
        free(env[i]);
    free(env);
}

/* --- standard error: its start and its end --- */

struct keep {
    struct sc_buf b;
    size_t dropped;
};

static void keep_add(struct keep *k, const char *s, size_t n)
{
    sc_buf_add(&k->b, s, n);
    if (k->b.len > ERR_HEAD + 2 * ERR_TAIL) {
        k->dropped += k->b.len - ERR_HEAD - ERR_TAIL;
        memmove(k->b.data + ERR_HEAD, k->b.data + k->b.len - ERR_TAIL, ERR_TAIL);
        k->b.len = ERR_HEAD + ERR_TAIL;
        k->b.data[k->b.len] = '\0';
    }
}

static char *keep_text(struct keep *k)
{
    if (!k->dropped)
        return sc_buf_steal(&k->b);
    char *s = sc_xasprintf("%.*s\n… (%zu more bytes) …\n%s", (int)ERR_HEAD, k->b.data, k->dropped,
                           k->b.data + ERR_HEAD);
    sc_buf_free(&k->b);
    return s;
}

/* --- one run --- */

struct pump {
    const struct sc_impl_request *req;
    struct sc_sup sup;
    int in, out, err;           /* -1 once closed */
    size_t written;
    struct sc_buf ob;
    struct keep eb;
    enum sc_impl_end stopped;   /* why it was stopped; SC_IMPL_EXITED if not */
    bool ended;                 /* the supervisor reported the end */
    int status;                 /* the command's wait status */
    const char *failed;         /* what could not be done, with errno in error */
    int error;
};

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Tells the supervisor to kill everything; output no longer counts. */
static void stop(struct pump *p, enum sc_impl_end why)
{
    if (p->stopped == SC_IMPL_EXITED)
        p->stopped = why;
    sc_sup_stop(&p->sup);
    close_fd(&p->in);
    close_fd(&p->out);
    close_fd(&p->err);
}

static void feed(struct pump *p)
{
    ssize_t n = write(p->in, p->req->input + p->written, p->req->input_len - p->written);

    if (n > 0)
        p->written += (size_t)n;
    /* done, or the command stopped reading (SIGPIPE is ignored) */
    if ((n < 0 && errno != EAGAIN && errno != EINTR) || p->written == p->req->input_len)
        close_fd(&p->in);
}

static void read_output(struct pump *p, bool from_out)
{
    char chunk[65536];
    int *fd = from_out ? &p->out : &p->err;
    ssize_t n = read(*fd, chunk, sizeof(chunk));

    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0)
        close_fd(fd);
    else if (!from_out)
        keep_add(&p->eb, chunk, (size_t)n);
    else if (p->ob.len + (size_t)n > p->req->out_limit) {
        stop(p, SC_IMPL_FLOODED);
        sc_buf_free(&p->ob);   /* it no longer counts */
    } else
        sc_buf_add(&p->ob, chunk, (size_t)n);
}

static void read_reports(struct pump *p)
{
    struct sc_sup_record rec;
    int rc;

    while ((rc = sc_sup_read(&p->sup, &rec)) > 0) {
        if (rec.event == SC_SUP_ENDED) {
            p->ended = true;
            p->status = rec.value;
        } else if (rec.event == SC_SUP_EXEC_FAILED || rec.event == SC_SUP_FORK_FAILED) {
            p->failed = rec.event == SC_SUP_EXEC_FAILED ? "cannot run /bin/sh" : "cannot start a process";
            p->error = rec.value;
        }
    }
}

static int poll_ms(double seconds)
{
    return seconds <= 0 ? 0 : seconds > 3600 ? 3600 * 1000 : (int)(seconds * 1000) + 1;
}

/* Until the supervisor is done and both outputs are closed: by then
 * nothing the command started is alive.  Returns false when the
 * supervisor did not finish in time after a stop. */
static bool pump(struct pump *p, double deadline)
{
    double grace = 0;

    while (p->sup.report >= 0 || p->out >= 0 || p->err >= 0) {
        double now = now_seconds();
        if (p->stopped == SC_IMPL_EXITED && now >= deadline)
            stop(p, SC_IMPL_TIMED_OUT);
        if (p->stopped != SC_IMPL_EXITED && grace == 0)
            grace = now + STOP_GRACE;
        if (grace && now >= grace)
            return false;
        struct pollfd fds[5] = {
            { p->in, POLLOUT, 0 }, { p->out, POLLIN, 0 }, { p->err, POLLIN, 0 },
            { p->sup.report, POLLIN, 0 },
            { p->stopped == SC_IMPL_EXITED ? interrupt_pipe[0] : -1, POLLIN, 0 },
        };
        if (poll(fds, 5, poll_ms((grace ? grace : deadline) - now)) < 0) {
            if (errno == EINTR)
                continue;
            p->failed = "poll";
            p->error = errno;
            return false;
        }
        if (fds[4].revents)
            stop(p, SC_IMPL_INTERRUPTED);
        if (fds[0].revents && p->in >= 0)
            feed(p);
        if (fds[1].revents && p->out >= 0)
            read_output(p, true);
        if (fds[2].revents && p->err >= 0)
            read_output(p, false);
        if (fds[3].revents)
            read_reports(p);
    }
    return true;
}

/* How the run ended, from the stop, the reports and the wait status. */
static void conclude(struct pump *p, struct sc_impl_run *run)
{
    run->out_len = p->ob.len;
    run->out = sc_buf_steal(&p->ob);
    if (p->stopped != SC_IMPL_EXITED) {
        run->end = p->stopped;
        run->err = keep_text(&p->eb);
    } else if (p->failed || !p->ended) {
        run->end = SC_IMPL_NO_START;
        sc_buf_free(&p->eb.b);
        run->err = p->failed ? sc_xasprintf("%s: %s", p->failed, strerror(p->error))
                             : sc_xstrdup("its supervisor process ended without reporting");
    } else if (WIFSIGNALED(p->status)) {
        run->end = SC_IMPL_SIGNALED;
        run->exit_code = WTERMSIG(p->status);
        run->err = keep_text(&p->eb);
    } else {
        run->end = SC_IMPL_EXITED;
        run->exit_code = WEXITSTATUS(p->status);
        run->err = keep_text(&p->eb);
    }
}

/* Runs ARGV (sh and its arguments) once under a supervisor, with the
 * request's input on standard input when FEED, else none. */
static void run_once(const struct sc_impl_request *req, char *const *argv, bool feed,
                     struct sc_impl_run *run)
{
    struct pump p = { .req = req, .in = -1, .out = -1, .err = -1, .stopped = SC_IMPL_EXITED };
    int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
    double deadline = now_seconds() + req->timeout;

    memset(run, 0, sizeof(*run));
    if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
        int e = errno;
        for (int i = 0; i < 2; i++) {
            close_fd(&in[i]);
            close_fd(&out[i]);
            close_fd(&err[i]);
        }
        run->end = SC_IMPL_NO_START;
        run->err = sc_xasprintf("cannot create pipes: %s", strerror(e));
        run->out = sc_xstrdup("");
        return;
    }
    char **env = child_env(req);
    struct sc_sup_spec spec = { "/bin/sh", argv, env, in[0], out[1], err[1] };
    int rc = sc_sup_start(&spec, &p.sup);
    int e = errno;
    free_env(env);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    p.in = in[1];
    p.out = out[0];
    p.err = err[0];
    if (rc < 0) {
        close_fd(&p.in);
        close_fd(&p.out);
        close_fd(&p.err);
        run->end = SC_IMPL_NO_START;
        run->err = sc_xasprintf("cannot start a process: %s", strerror(e));
        run->out = sc_xstrdup("");
        return;
    }
    fcntl(p.in, F_SETFL, O_NONBLOCK);
    p.written = feed ? 0 : req->input_len;
    if (p.written == req->input_len)
        close_fd(&p.in);
    bool finished = pump(&p, deadline);
    close_fd(&p.in);
    close_fd(&p.out);
    close_fd(&p.err);
    /* a supervisor that ended without a word may have left the group */
    sc_sup_wait(&p.sup, !finished || (!p.ended && !p.failed));
    conclude(&p, run);
}

/* --- exec for a single command --- */

/* Names a shell keeps for itself: "exec NAME" would not mean "NAME". */
static const char *const shell_words[] = {
    "!", "{", "}", "[[", "]]", "case", "do", "done", "elif", "else", "esac", "fi", "for",
    "function", "if", "in", "select", "then", "time", "until", "while",
    ".", ":", "[", "alias", "bg", "break", "builtin", "cd", "chdir", "command", "continue",
    "declare", "echo", "eval", "exec", "exit", "export", "false", "fc", "fg", "getopts", "hash",
    "jobs", "kill", "let", "local", "printf", "pwd", "read", "readonly", "return", "set",
    "shift", "source", "test", "times", "trap", "true", "type", "typeset", "ulimit", "umask",
    "unalias", "unset", "wait", NULL,
};

/* Whether CMD is one simple command whose first word names a program,
 * so that "exec CMD" means the same to the shell.  dash forks even for
 * the last command of sh -c, and reports a child's death by signal N
 * as status 128+N, which a program may also exit with; with exec the
 * program takes the shell's place and its own end is seen.  Anything
 * else (lists, pipelines, background jobs, substitutions, assignments,
 * builtins, reserved words) is left to the shell as written. */
static bool single_command(const char *cmd)
{
    char first[256];
    size_t fn = 0;
    bool in_first = true, word_start = true;
    char quote = 0;

    cmd += strspn(cmd, " \t");
    for (const char *p = cmd; *p; p++) {
        char c = *p;
        bool literal = true;    /* C is a character of the word, not a quote */
        if (quote == '\'') {
            literal = c != '\'';
            quote = literal ? quote : 0;
        } else if (c == '\\') {
            if (!p[1] || p[1] == '\n')
                return false;
            c = *++p;
        } else if (c == '`' || (c == '$' && (p[1] == '(' || in_first))) {
            return false;   /* a substitution may hold anything */
        } else if (quote == '"') {
            literal = c != '"';
            quote = literal ? quote : 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
            literal = false;
        } else if (c == ' ' || c == '\t') {
            in_first = in_first && word_start;
            word_start = true;
            continue;
        } else if (strchr(";|()\n", c) || (c == '&' && (p == cmd || !strchr("<>", p[-1]))) ||
                   (c == '#' && word_start) || (in_first && strchr("=<>*?[", c))) {
            return false;
        }
        word_start = false;
        if (in_first && literal && fn < sizeof(first) - 1)
            first[fn++] = c;
    }
    first[fn] = '\0';
    if (quote || !fn)
        return false;
    if (strchr(first, '/'))
        return true;
    for (size_t i = 0; shell_words[i]; i++) {
        if (strcmp(first, shell_words[i]) == 0)
            return false;
    }
    return true;
}

/* --- the pre-flight --- */

/* A $0 no implementation prints by chance. */
static void make_marker(char *buf, size_t len)
{
    unsigned long long r;

    if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
        r = (unsigned long long)getpid() * 2654435761u ^ (unsigned long long)time(NULL);
    snprintf(buf, len, "snapcheck-sh-%016llx", r);
}

/* Whether a line of ERR starts with "MARKER:", a message of the shell's own. */
static bool shell_said(const char *err, const char *marker)
{
    size_t n = strlen(marker);

    for (const char *line = err; *line; line += strcspn(line, "\n"), line += *line == '\n') {
        if (strncmp(line, marker, n) == 0 && line[n] == ':')
            return true;
    }
    return false;
}

/* The marker shown as the "sh" it stands for. */
static void unmark(char **err, const char *marker)
{
    struct sc_buf b = { 0 };
    size_t n = strlen(marker);
    const char *p = *err;

    for (const char *hit; (hit = strstr(p, marker)); p = hit + n) {
        sc_buf_add(&b, p, (size_t)(hit - p));
        sc_buf_puts(&b, "sh");
    }
    sc_buf_puts(&b, p);
    free(*err);
    *err = sc_buf_steal(&b);
}

void sc_impl_run(const struct sc_impl_request *req, struct sc_impl_run *run)
{
    char marker[40];
    char *command = single_command(req->command) ? sc_xasprintf("exec %s", req->command)
                                                 : sc_xstrdup(req->command);

    if (!req->preflight) {
        char *argv[] = { "sh", "-c", command, "sh", NULL };
        run_once(req, argv, true, run);
        free(command);
        return;
    }
    make_marker(marker, sizeof(marker));
    char *check[] = { "sh", "-n", "-c", (char *)req->command, marker, NULL };
    run_once(req, check, false, run);
    if (run->end == SC_IMPL_EXITED && run->exit_code == 0) {
        char *argv[] = { "sh", "-c", command, marker, NULL };
        sc_impl_run_clear(run);
        run_once(req, argv, true, run);
        if (run->end == SC_IMPL_EXITED && (run->exit_code == 126 || run->exit_code == 127) &&
            shell_said(run->err, marker))
            run->end = SC_IMPL_NO_START;
    } else if (run->end != SC_IMPL_INTERRUPTED && run->end != SC_IMPL_NO_START) {
        run->end = SC_IMPL_NO_START;   /* it does not parse */
    }
    unmark(&run->err, marker);
    free(command);
}

void sc_impl_run_clear(struct sc_impl_run *run)
{
    free(run->out);
    free(run->err);
    run->out = run->err = NULL;
}
