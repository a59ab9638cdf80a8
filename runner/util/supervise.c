/*
 * supervise.c: the supervisor behind supervise.h.
 *
 * The supervisor is forked from a process that has threads and never
 * execs, so it keeps to what is safe there: system calls, no malloc,
 * no stdio, no locks.  It finds the processes it has adopted in /proc
 * (their parent is the supervisor), since an orphan that moved to a
 * session of its own can be named no other way; and it knows none is
 * left when waitpid says it has no child at all, because a process
 * whose parent dies is adopted before that parent can be reaped.
 */
#define _GNU_SOURCE   /* getdents64, close_range, pipe2, ppoll */
#include "util/supervise.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Where the supervisor keeps its descriptors. */
enum { FD_IN = 3, FD_OUT, FD_ERR, FD_CTL, FD_REPORT, FD_FREE };

/* While waiting, every signal is blocked but SIGCHLD: an interrupt
 * from the terminal reaches the caller, whose death closes the control
 * pipe; the supervisor does not die of it and leave orphans behind. */
static sigset_t wait_mask;

static void on_child(int sig)
{
    (void)sig;   /* only there to interrupt ppoll */
}

/* Closes every descriptor from FROM up. */
static void close_from(int from)
{
    if (close_range((unsigned)from, ~0u, 0) == 0)
        return;
    struct rlimit rl;
    rlim_t max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 65536 ? rl.rlim_cur : 65536;
    for (rlim_t fd = (rlim_t)from; fd < max; fd++)
        close((int)fd);
}

static void report(int event, int value)
{
    struct sc_sup_record rec = { event, value };

    while (write(FD_REPORT, &rec, sizeof(rec)) < 0 && errno == EINTR)
        ;
}

/* A /proc entry's name as a pid, or -1. */
static pid_t parse_pid(const char *s)
{
    long v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 100000000)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return (pid_t)v;
}

/* The parent of the process /proc/NAME, or -1. */
static pid_t parent_of(int proc, const char *name)
{
    char path[40], buf[512];
    size_t n = strlen(name);

    if (n > 20)
        return -1;
    memcpy(path, name, n);
    memcpy(path + n, "/stat", 6);
    int fd = openat(proc, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t len = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (len <= 0)
        return -1;
    buf[len] = '\0';
    /* "PID (COMM) STATE PPID …", where COMM may hold anything, ')' too */
    char *p = memrchr(buf, ')', (size_t)len);
    if (!p || p + 4 >= buf + len)
        return -1;
    for (p += 2; *p && *p != ' '; p++)
        ;
    long ppid = 0;
    for (p++; *p >= '0' && *p <= '9'; p++)
        ppid = ppid * 10 + (*p - '0');
    return (pid_t)ppid;
}

/* Kills every process whose parent is the supervisor. */
static void kill_adopted(void)
{
    union { struct dirent64 d; char bytes[8192]; } buf;
    pid_t self = getpid();
    int proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ssize_t n;

    if (proc < 0)
        return;
    while ((n = getdents64(proc, buf.bytes, sizeof(buf.bytes))) > 0) {
        for (ssize_t off = 0; off < n;) {
            struct dirent64 *d = (struct dirent64 *)(buf.bytes + off);
            pid_t pid = parse_pid(d->d_name);
            off += d->d_reclen;
            if (pid > 0 && parent_of(proc, d->d_name) == self)
                kill(pid, SIGKILL);
        }
    }
    close(proc);
}

/* Kills the command's group, then whatever is left below the
 * supervisor, until nothing is; returns the command's wait status. */
static int end_all(pid_t cmd)
{
    int status = 0, st;

    /* the command is not reaped yet, so its group's id is still its own */
    kill(-cmd, SIGKILL);
    for (;;) {
        pid_t r = waitpid(-1, &st, WNOHANG);
        if (r > 0) {
            if (r == cmd)
                status = st;
            continue;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return status;   /* no child: nothing below is alive */
        kill_adopted();
        struct timespec pause = { 0, 50 * 1000 * 1000 };
        ppoll(NULL, 0, &pause, &wait_mask);   /* until a child dies */
    }
}

/* Whether the command has ended.  It is left unreaped (see end_all);
 * adopted processes that ended are reaped. */
static bool command_ended(pid_t cmd)
{
    for (;;) {
        siginfo_t info;
        info.si_pid = 0;
        if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0) {
            if (errno == EINTR)
                continue;
            return true;
        }
        if (info.si_pid == 0)
            return false;
        if (info.si_pid == cmd)
            return true;
        waitpid(info.si_pid, NULL, 0);
    }
}

/* The command's process: its streams on 0, 1 and 2, no other
 * descriptor of ours, signals as a new program expects them. */
static _Noreturn void run_command(const struct sc_sup_spec *spec, int exec_error)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL }, cur;
    sigset_t none;

    setpgid(0, 0);
    if (dup2(FD_IN, 0) < 0 || dup2(FD_OUT, 1) < 0 || dup2(FD_ERR, 2) < 0) {
        int e = errno;
        while (write(exec_error, &e, sizeof(e)) < 0 && errno == EINTR)
            ;
        _exit(127);
    }
    close_range(3, (unsigned)exec_error - 1, 0);
    close_from(exec_error + 1);
    /* handlers would go at execve anyway; SIGPIPE is ignored by the
     * caller for itself, and an implementation should not inherit that */
    sigemptyset(&dfl.sa_mask);
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGPIPE || (sigaction(sig, NULL, &cur) == 0 && cur.sa_handler != SIG_DFL &&
                               cur.sa_handler != SIG_IGN))
            sigaction(sig, &dfl, NULL);
    }
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(spec->path, spec->argv, spec->envp);
    int e = errno;
    while (write(exec_error, &e, sizeof(e)) < 0 && errno == EINTR)
        ;
    _exit(127);
}

/* Puts the five descriptors the supervisor needs on FD_IN…FD_REPORT
 * and closes every other; 0, 1 and 2 stay open (on the control pipe if
 * need be) so that no pipe made later lands there. */
static int settle_fds(const int fds[5])
{
    int high[5];

    for (int i = 0; i < 5; i++) {
        if ((high[i] = fcntl(fds[i], F_DUPFD, 20)) < 0)
            return -1;
    }
    for (int i = 0; i < 5; i++) {
        if (dup2(high[i], FD_IN + i) < 0)
            return -1;
    }
    close_from(FD_FREE);
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) < 0 && dup2(FD_CTL, fd) < 0)
            return -1;
    }
    return 0;
}

static _Noreturn void supervise(const struct sc_sup_spec *spec, int ctl, int rep)
{
    const int fds[5] = { spec->in, spec->out, spec->err, ctl, rep };
    struct sigaction sa = { .sa_handler = on_child, .sa_flags = SA_NOCLDSTOP };
    int ep[2], e;

    /* every signal arrives blocked (sc_sup_start) and stays so */
    sigfillset(&wait_mask);
    sigdelset(&wait_mask, SIGCHLD);
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    if (settle_fds(fds) < 0 || prctl(PR_SET_CHILD_SUBREAPER, 1) < 0 || pipe2(ep, O_CLOEXEC) < 0) {
        e = errno;
        report(SC_SUP_FORK_FAILED, e);
        _exit(0);
    }
    pid_t cmd = fork();
    if (cmd == 0)
        run_command(spec, ep[1]);
    e = errno;
    close(FD_IN);
    close(FD_OUT);
    close(FD_ERR);
    close(ep[1]);
    if (cmd < 0) {
        report(SC_SUP_FORK_FAILED, e);
        _exit(0);
    }
    setpgid(cmd, cmd);   /* as the command does: whichever runs first */
    /* execve closes the pipe; a failed one writes its errno there */
    ssize_t n;
    while ((n = read(ep[0], &e, sizeof(e))) < 0 && errno == EINTR)
        ;
    close(ep[0]);
    if (n == (ssize_t)sizeof(e)) {
        end_all(cmd);
        report(SC_SUP_EXEC_FAILED, e);
        _exit(0);
    }
    report(SC_SUP_STARTED, cmd);
    while (!command_ended(cmd)) {
        struct pollfd p = { FD_CTL, POLLIN, 0 };
        if (ppoll(&p, 1, NULL, &wait_mask) > 0)
            break;   /* stop: the caller asked, or is gone */
    }
    report(SC_SUP_ENDED, end_all(cmd));
    _exit(0);
}

int sc_sup_start(const struct sc_sup_spec *spec, struct sc_sup *sup)
{
    int ctl[2], rep[2];
    sigset_t all, old;

    if (pipe2(ctl, O_CLOEXEC) < 0)
        return -1;
    if (pipe2(rep, O_CLOEXEC) < 0) {
        int e = errno;
        close(ctl[0]);
        close(ctl[1]);
        errno = e;
        return -1;
    }
    /* no handler of the caller's may run in the supervisor */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid_t pid = fork();
    if (pid == 0)
        supervise(spec, ctl[0], rep[1]);
    int e = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(ctl[0]);
    close(rep[1]);
    if (pid < 0) {
        close(ctl[1]);
        close(rep[0]);
        errno = e;
        return -1;
    }
    fcntl(rep[0], F_SETFL, O_NONBLOCK);
    *sup = (struct sc_sup){ .pid = pid, .group = 0, .ctl = ctl[1], .report = rep[0] };
    return 0;
}

int sc_sup_read(struct sc_sup *sup, struct sc_sup_record *rec)
{
    if (sup->report < 0)
        return -1;
    /* records are written whole, and a pipe never splits a small write */
    ssize_t n = read(sup->report, rec, sizeof(*rec));
    if (n == (ssize_t)sizeof(*rec)) {
        if (rec->event == SC_SUP_STARTED)
            sup->group = rec->value;
        return 1;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    close(sup->report);
    sup->report = -1;
    return -1;
}

void sc_sup_stop(struct sc_sup *sup)
{
    if (sup->ctl >= 0)
        close(sup->ctl);
    sup->ctl = -1;
}

void sc_sup_wait(struct sc_sup *sup, bool force)
{
    if (force) {
        /* the group first, while the supervisor still holds its id */
        if (sup->group > 0)
            kill(-sup->group, SIGKILL);
        kill(sup->pid, SIGKILL);
    }
    sc_sup_stop(sup);
    if (sup->report >= 0)
        close(sup->report);
    sup->report = -1;
    while (waitpid(sup->pid, NULL, 0) < 0 && errno == EINTR)
        ;
}
