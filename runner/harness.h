/*
 * harness.h: what the cmocka harness's files share.  harness.c loads
 * the suite and runs every group; harness_model.c tests the reference
 * model, harness_tables.c the state table and parity, harness_corpus.c
 * the corpus itself (coverage, lint, README counts), harness_cli.c the
 * built snapcheck binary, harness_gate.c the CI gate (run --impl,
 * baselines, reports), harness_workflow.c the contributor's workflow,
 * harness_hostile.c hostile input, harness_hostile_schema.c hostile
 * schemas and the soundness of validation shortcuts under any schema.
 */
#ifndef SNAPCHECK_HARNESS_H
#define SNAPCHECK_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "suite.h"

/* Loaded once by main() before any group runs. */
extern struct sc_suite *harness_suite;

/* A scratch directory for the run, removed at exit. */
const char *harness_tmpdir(void);

/* Runs the snapcheck binary with ARGV (NULL-terminated, without argv[0])
 * and standard input from STDIN_PATH when given; the environment gets
 * NO_COLOR, and SNAPCHECK_DATADIR=DATADIR when DATADIR is given. */
struct tool_result {
    int status;
    char *out;
    char *err;
    long maxrss_kib;    /* the run's peak resident memory */
};
struct tool_result harness_tool(const char *const *argv, const char *stdin_path,
                                const char *datadir);
/* The same, killed (status 128) if it has not ended after SECONDS: for
 * a test whose failure would otherwise be a hang. */
struct tool_result harness_tool_within(const char *const *argv, const char *stdin_path,
                                       const char *datadir, unsigned seconds);
void harness_tool_free(struct tool_result *r);

/* A copy of the suite's rng/, cases/ and golden/ in a new directory
 * under the scratch directory; returns its path. */
char *harness_scratch_tree(const char *name);

/* The contents of PATH (newly allocated); the test fails when it
 * cannot be read. */
char *harness_slurp(const char *path);

/* Writes TEXT to DIR/NAME and returns the path (newly allocated). */
char *harness_write(const char *dir, const char *name, const char *text);

int harness_run_model(void);
int harness_run_tables(void);
int harness_run_corpus(void);
int harness_run_cli(void);
int harness_run_gate(void);
int harness_run_workflow(void);
int harness_run_hostile(void);
int harness_run_hostile_schema(void);

#endif
