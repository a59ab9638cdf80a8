/*
 * impl.h: running an external implementation on one document.
 *
 * The protocol, as README.md documents it: COMMAND runs under /bin/sh
 * with the document on standard input and SNAPCHECK_MODE, SNAPCHECK_NOW
 * and SNAPCHECK_CASE in its environment; it prints the formatted
 * document and exits 0, or exits non-zero with a message on standard
 * error to reject it, or exits 77 to say the mode is unsupported.  Only
 * death by a signal is a crash: every other status is an answer.
 */
#ifndef SNAPCHECK_IMPL_H
#define SNAPCHECK_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#define SC_IMPL_EXIT_SKIP 77

enum sc_impl_end {
    SC_IMPL_EXITED,      /* exit_code is valid */
    SC_IMPL_SIGNALED,    /* killed by a signal: a crash */
    SC_IMPL_TIMED_OUT,
    SC_IMPL_FLOODED,     /* wrote more than the output limit */
    SC_IMPL_NO_START,    /* could not be run at all */
    SC_IMPL_INTERRUPTED, /* the run was interrupted by a signal to snapcheck */
};

struct sc_impl_run {
    enum sc_impl_end end;
    int exit_code;      /* or the signal number */
    char *out;          /* NUL-terminated standard output */
    size_t out_len;
    char *err;          /* NUL-terminated standard error, its middle left
                         * out past a few KiB ("… (N more bytes) …") */
};

struct sc_impl_request {
    const char *command;
    const char *input;
    size_t input_len;
    const char *mode;       /* create, redefine, internal */
    const char *profile;    /* the libvirt release followed, "libvirt-10.7" */
    long long now;
    const char *case_id;
    double timeout;         /* seconds */
    size_t out_limit;       /* bytes of standard output; more is a flood */
    bool preflight;         /* also find out whether COMMAND can start */
};

/* Runs the command once; never fails as a whole: what went wrong is in
 * OUT->end.  Nothing the command started outlives the call: on exit,
 * timeout, flood or interrupt, every process below it is killed and
 * reaped (supervise.h).
 *
 * With PREFLIGHT, SC_IMPL_NO_START also means that the shell could not
 * run COMMAND: it does not parse (sh -n), or the shell itself reported
 * a command it could not find or execute (status 127 or 126 with a
 * message of the shell's own, told apart from the implementation's by
 * a unique $0).  Without it, any exit status is the implementation's
 * answer. */
void sc_impl_run(const struct sc_impl_request *req, struct sc_impl_run *out);

void sc_impl_run_clear(struct sc_impl_run *run);

/* Between these two calls, SIGINT, SIGTERM and SIGHUP (unless ignored
 * from the start) stop every run under way as SC_IMPL_INTERRUPTED, so
 * that the caller can end cleanly and then die of the signal. */
void sc_impl_catch_signals(void);
void sc_impl_release_signals(void);

/* The signal that interrupted, or 0. */
int sc_impl_interrupted(void);

/* Dies of that signal, as if it had never been caught. */
void sc_impl_die_of_interrupt(void);

#endif
