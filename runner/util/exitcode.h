/*
 * exitcode.h: what snapcheck's exit status means, for every command
 * and for libsnapcheck's callers alike, and the one mapping of a
 * check's outcome to it.
 */
#ifndef SNAPCHECK_EXITCODE_H
#define SNAPCHECK_EXITCODE_H

#include <stdbool.h>

enum sc_exit {
    EXIT_OK = 0,          /* every document valid, every case passed */
    EXIT_NONCONFORM = 1,  /* an invalid document, a failed case, a gate not met */
    EXIT_USAGE = 2,       /* a usage error, input that cannot be read, or no memory left */
    EXIT_NO_IMPL = 3,     /* run --impl's implementation cannot start, or fails the smoke case */
};

/* The exit status of a check: EXIT_USAGE when some input could not be
 * read (or is beyond the bounds snapcheck reads), else EXIT_NONCONFORM
 * when something does not conform (a document, a case, a gate), else
 * EXIT_OK. */
static inline enum sc_exit sc_exit_status(bool unreadable, bool nonconforming)
{
    return unreadable ? EXIT_USAGE : nonconforming ? EXIT_NONCONFORM : EXIT_OK;
}

#endif
