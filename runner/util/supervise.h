/*
 * supervise.h: a command run so that nothing it starts outlives it.
 *
 * A supervisor process, forked for each run, becomes a child subreaper
 * and runs the command in a process group of its own.  Every process
 * the command starts stays below the supervisor, whatever group or
 * session it moves to: an orphan is adopted by it, not by init.  When
 * the command exits, or when the caller closes the control pipe (a
 * timeout, too much output, an interrupt, or the caller's own death),
 * the supervisor kills the group and every process it has adopted,
 * reaps them all, reports how the command ended and exits.  impl.c
 * runs implementations through it.
 */
#ifndef SNAPCHECK_SUPERVISE_H
#define SNAPCHECK_SUPERVISE_H

#include <stdbool.h>
#include <sys/types.h>

struct sc_sup_spec {
    const char *path;       /* what to execve, with ARGV and ENVP */
    char *const *argv;
    char *const *envp;
    int in, out, err;       /* the command's standard streams */
};

struct sc_sup {
    pid_t pid;              /* the supervisor */
    pid_t group;            /* the command's process group, once reported */
    int ctl;                /* closing it stops the command */
    int report;             /* the supervisor's reports; EOF when it is done */
};

/* What the supervisor reports, one record per event. */
enum sc_sup_event {
    SC_SUP_STARTED,         /* value: the command's pid (and group) */
    SC_SUP_EXEC_FAILED,     /* value: execve's errno */
    SC_SUP_FORK_FAILED,     /* value: fork's errno */
    SC_SUP_ENDED,           /* value: the command's wait status */
};

struct sc_sup_record {
    int event;
    int value;
};

/* Forks the supervisor, which starts the command.  Returns 0, or -1
 * with errno set when no process could be created.  The caller keeps
 * its copies of SPEC's descriptors and should close them. */
int sc_sup_start(const struct sc_sup_spec *spec, struct sc_sup *sup);

/* Reads the next record; 1 when one was read, 0 when none is waiting,
 * -1 at the end (the supervisor has finished). */
int sc_sup_read(struct sc_sup *sup, struct sc_sup_record *rec);

/* Asks the supervisor to kill everything now. */
void sc_sup_stop(struct sc_sup *sup);

/* Reaps the supervisor, which has finished or is about to.  FORCE: it
 * did not finish in time, so it and the command's group are killed
 * instead (anything else is left to the caller's subreaper or init). */
void sc_sup_wait(struct sc_sup *sup, bool force);

#endif
