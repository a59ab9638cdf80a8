/*
 * exitcode.h: what snapcheck's exit status means, for every command
 * and for libsnapcheck's callers alike.
 */
#ifndef SNAPCHECK_EXITCODE_H
#define SNAPCHECK_EXITCODE_H

enum sc_exit {
    EXIT_OK = 0,          /* every document valid, every case passed */
    EXIT_NONCONFORM = 1,  /* an invalid document, a failed case, a gate not met */
    EXIT_USAGE = 2,       /* a usage error, or input that cannot be read */
    EXIT_NO_IMPL = 3,     /* run --impl's implementation cannot start, or fails the smoke case */
};

#endif
