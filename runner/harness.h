/*
 * harness.h: what the cmocka harness's files share.  harness.c loads
 * the suite and runs every group; harness_model.c tests the reference
 * model, harness_tables.c the state table and parity, harness_cli.c the
 * built snapcheck binary.
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

/* Writes TEXT to DIR/NAME and returns the path (newly allocated). */
char *harness_write(const char *dir, const char *name, const char *text);

int harness_run_model(void);
int harness_run_tables(void);
int harness_run_cli(void);

#endif
