/*
 * impl.h: running an external implementation on one document.
 *
 * The protocol, as README.md documents it: COMMAND runs under /bin/sh
 * with the document on standard input and SNAPCHECK_MODE, SNAPCHECK_NOW
 * and SNAPCHECK_CASE in its environment; it prints the formatted
 * document and exits 0, or exits non-zero with a message on standard
 * error to reject it, or exits 77 to say the mode is unsupported.
 */
#ifndef SNAPCHECK_IMPL_H
#define SNAPCHECK_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#define SC_IMPL_EXIT_SKIP 77

enum sc_impl_end {
    SC_IMPL_EXITED,     /* exit_code is valid */
    SC_IMPL_SIGNALED,   /* killed by a signal: a crash */
    SC_IMPL_TIMED_OUT,
    SC_IMPL_FLOODED,    /* wrote more than the output limit */
    SC_IMPL_NO_START,   /* could not be run at all */
};

struct sc_impl_run {
    enum sc_impl_end end;
    int exit_code;      /* or the signal number */
    char *out;          /* NUL-terminated standard output */
    size_t out_len;
    char *err;          /* NUL-terminated standard error (truncated) */
};

struct sc_impl_request {
    const char *command;
    const char *input;
    size_t input_len;
    const char *mode;       /* create, redefine, internal */
    long long now;
    const char *case_id;
    double timeout;         /* seconds */
};

/* Runs the command once; never fails as a whole: what went wrong is in
 * OUT->end.  The child and everything it started are killed on timeout
 * or flood. */
void sc_impl_run(const struct sc_impl_request *req, struct sc_impl_run *out);

void sc_impl_run_clear(struct sc_impl_run *run);

#endif
