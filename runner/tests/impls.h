/*
 * tests/impls.h: implementations for run --impl, written for the tests,
 * and the cases and suites they run on (tests/impls.c).  Each COMMAND
 * returned is newly allocated.
 */
#ifndef SNAPCHECK_TESTS_IMPLS_H
#define SNAPCHECK_TESTS_IMPLS_H

#include <stddef.h>

#include "suite/suite.h"

/* The snapcheck reference formatter behind the implementation
 * protocol, as a COMMAND for run --impl. */
char *harness_reference_impl(void);

/* A command for run --impl: IMPL (freed) for case C, the reference
 * formatter for every other case, the smoke case among them. */
char *harness_impl_for(const struct sc_case *c, char *impl);

/* The shell script SCRIPT written as NAME in the scratch directory;
 * returns the COMMAND that runs it ("sh 'PATH'"). */
char *harness_impl_script(const char *name, const char *script);

/* An implementation that does what ACTIONS[i] (shell) says on case
 * IDS[i], and formats like the reference on every other case (the smoke
 * case among them, unless named): a script written as NAME.sh in the
 * scratch directory; returns the COMMAND. */
char *harness_scripted_impl(const char *name, const char *const *ids, const char *const *actions, size_t n);

/* An implementation that appends $SNAPCHECK_CASE to LOG, then runs
 * BODY (shell): a script written as NAME.sh in the scratch directory;
 * returns the COMMAND. */
char *harness_logging_impl(const char *name, const char *log, const char *body);

/* Makes DIR like a driver project's: snapcheck on the PATH, an
 * implementation at ci/snapshot-roundtrip that logs each case to
 * roundtrip.log and answers as the reference does, documents under
 * tests/snapshots/; returns the prelude that sets it up for a step
 * (harness_sh_in). */
char *harness_driver_project(const char *dir);

/* The smoke case run --impl tries first (run.h). */
const struct sc_case *harness_smoke_case(void);

/* A shell command that runs the reference implementation in place of
 * the shell on the smoke case, and does nothing on any other: "GUARD;
 * IMPL" passes the smoke case whatever IMPL does. */
char *harness_smoke_guard(void);

/* The K-th (from 0) valid case of MODE in the manifest, the smoke case
 * left out. */
const struct sc_case *harness_valid_case(size_t k, enum sc_mode mode);

/* A copy of the suite (harness_scratch_tree) whose manifest holds only
 * the N cases C and the smoke case; returns its directory, for
 * SNAPCHECK_DATADIR. */
char *harness_small_suite(const char *name, const struct sc_case *const *c, size_t n);

/* The line of the text report that counts each verdict, with the line
 * breaks around it: "\nP passed, F failed, E errors, S skipped\n". */
char *harness_verdicts(size_t passed, size_t failed, size_t errors, size_t skipped);

/* Cases the reference parser accepts although they must be rejected:
 * invalid for the schema alone.  The reference implementation fails
 * these and passes every other case. */
size_t harness_schema_only_cases(void);

#endif
