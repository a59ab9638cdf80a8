/*
 * tests/harness.h: what the cmocka harness's files share.  tests/harness.c loads
 * the suite and runs every group; tests/model.c tests the reference
 * model, tests/tables.c the state table and parity, tests/corpus.c
 * the corpus itself (coverage, lint, README counts), tests/cli.c the
 * built snapcheck binary, tests/usage.c its command line (help,
 * version, usage errors, the man page), tests/gate.c the CI gate
 * (run --impl, baselines, reports), tests/gate_counts.c what the
 * gate counts and how each report states it, tests/gate_smoke.c the
 * smoke case, tests/gate_ci.c README's CI recipe and merged shards,
 * tests/report_html.c the web site report --html writes,
 * tests/compare.c how outputs are compared and differences shown,
 * tests/term.c colour and progress on a terminal, tests/dropin.c
 * the drop-in CI files under ci/, tests/probe.c parity's probes of
 * what an implementation accepts,
 * tests/workflow.c the contributor's workflow,
 * tests/hostile.c hostile input, tests/hostile_names.c names and
 * foreign text that try to forge output, tests/hostile_impl.c
 * hostile implementations, tests/hostile_schema.c hostile schemas and
 * the soundness of validation shortcuts under any schema,
 * tests/project.c suites of a project's own (init, --cases),
 * tests/install.c the tool outside its source tree (make install).
 */
#ifndef SNAPCHECK_HARNESS_H
#define SNAPCHECK_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/types.h>
#include <cmocka.h>

#include "suite/suite.h"

/* Loaded once by main() before any group runs. */
extern struct sc_suite *harness_suite;

/* A scratch directory for the run, removed at exit. */
const char *harness_tmpdir(void);

/* Runs the snapcheck binary with ARGV (NULL-terminated, without argv[0])
 * and standard input from STDIN_PATH when given; the environment gets
 * NO_COLOR, and SNAPCHECK_DATADIR=DATADIR when DATADIR is given. */
struct tool_result {
    int status;         /* the exit status, 128 after a signal */
    int signal;         /* the signal it died of, or 0 */
    char *out;
    char *err;
    long maxrss_kib;    /* the run's peak resident memory */
};
struct tool_result harness_tool(const char *const *argv, const char *stdin_path,
                                const char *datadir);
/* The same, run in directory DIR. */
struct tool_result harness_tool_in(const char *dir, const char *const *argv, const char *stdin_path,
                                   const char *datadir);
/* The same, killed (status 128) if it has not ended after SECONDS: for
 * a test whose failure would otherwise be a hang. */
struct tool_result harness_tool_within(const char *const *argv, const char *stdin_path,
                                       const char *datadir, unsigned seconds);
/* The tool on a pseudo-terminal (TERM=xterm), NO_COLOR set to NO_COLOR
 * or unset when NULL: both its outputs in OUT, as the terminal shows
 * them (line ends as CR LF).  STATUS is -1 when there is no
 * pseudo-terminal to be had. */
struct tool_result harness_tool_on_terminal(const char *const *argv, const char *no_color);
void harness_tool_free(struct tool_result *r);

/* The same for another copy of the tool, at TOOL (an installed one), in
 * DIR (NULL: here): SNAPCHECK_DATADIR is DATADIR when given, else unset,
 * so that the copy finds its data itself. */
struct tool_result harness_tool_at(const char *tool, const char *dir, const char *const *argv,
                                   const char *datadir);

/* harness_tool with ENV ("NAME=VALUE" each, NULL-terminated) added to
 * the tool's environment. */
struct tool_result harness_tool_env(const char *const *env, const char *const *argv,
                                    const char *stdin_path);

/* harness_tool in two halves, for a test that acts while the tool
 * runs: starts it and returns its pid; then waits for it. */
pid_t harness_tool_start(const char *const *argv, const char *stdin_path, const char *datadir);
struct tool_result harness_tool_wait(pid_t pid);

/* Runs SCRIPT with sh -e in DIR after PRELUDE; returns its exit status,
 * its output in *LOG (tests/gate_ci.c). */
int harness_sh_in(const char *dir, const char *prelude, const char *script, char **log);

/* Makes DIR like a driver project's: snapcheck on the PATH, an
 * implementation at ci/snapshot-roundtrip that logs each case to
 * roundtrip.log and answers as the reference does, documents under
 * tests/snapshots/; returns the prelude that sets it up for a step. */
char *harness_driver_project(const char *dir);

/* The snapcheck reference formatter behind the implementation
 * protocol, as a COMMAND for run --impl (tests/gate.c). */
/* A command for run --impl: IMPL (freed) for case C, the reference
 * formatter for every other case, the smoke case among them. */
char *harness_impl_for(const struct sc_case *c, char *impl);
char *harness_reference_impl(void);

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

/* An implementation that does what ACTIONS[i] (shell) says on case
 * IDS[i], and formats like the reference on every other case (the smoke
 * case among them, unless named): a script written as NAME.sh in the
 * scratch directory; returns the COMMAND. */
char *harness_scripted_impl(const char *name, const char *const *ids, const char *const *actions, size_t n);

/* The line of the text report that counts each verdict, with the line
 * breaks around it: "\nP passed, F failed, E errors, S skipped\n". */
char *harness_verdicts(size_t passed, size_t failed, size_t errors, size_t skipped);

/* Cases the reference parser accepts although they must be rejected:
 * invalid for the schema alone.  The reference implementation fails
 * these and passes every other case. */
size_t harness_schema_only_cases(void);

/* The states libvirt's installed schema lacks against PROFILE's state
 * table, from the table: that schema (libvirt 9.0's) lists the states
 * libvirt 0.9.5 accepted that 9.0 still accepts, so it lacks every
 * other state PROFILE accepts.  Returns how many; *NAMES, when not
 * NULL, gets them in table order, each followed by a space (newly
 * allocated). */
size_t harness_libvirt_schema_lacks(enum sc_profile profile, char **names);

/* A copy of the suite's rng/, cases/ and golden/ in a new directory
 * under the scratch directory; returns its path. */
char *harness_scratch_tree(const char *name);

/* The contents of PATH (newly allocated); the test fails when it
 * cannot be read. */
char *harness_slurp(const char *path);

/* Writes TEXT to DIR/NAME and returns the path (newly allocated). */
char *harness_write(const char *dir, const char *name, const char *text);

/* Random grammars and documents around <domainsnapshot>, from a seeded
 * generator (tests/grammars.c), for the property test of bulk
 * validation.  Each returns new text. */
struct harness_prng {
    uint64_t s;
};
uint64_t harness_random(struct harness_prng *r);
char *harness_random_grammar(struct harness_prng *r);
/* The grammar at REAL (the suite's) changed in one random way. */
char *harness_varied_grammar(struct harness_prng *r, const char *real);
char *harness_random_document(struct harness_prng *r);

/* What a run of harness_check_bulk() went through, so that a test can
 * tell it took the shortcuts often enough to mean something. */
struct harness_tally {
    size_t compiled, with_shortcuts, documents, valid;
    size_t valid_long_lists;      /* valid, a list longer than a batch, batching allowed */
    size_t valid_known_domain;    /* valid, a domain an earlier valid document had, memo on */
};

/* Compiles the grammar TEXT, and runs NDOCS random documents through
 * bulk validation (its memo carried from one to the next); fails the
 * test, saying WHERE, when a verdict differs from libxml2's on the
 * document alone, or a diagnostic from a full validation's. */
void harness_check_bulk(const char *text, struct harness_prng *r, size_t ndocs, const char *where,
                        struct harness_tally *t);

/* How groups run (tests/groups.c).  harness_start before the first
 * group; harness_run_group runs the tests of TESTS (N of them) whose
 * name matches SNAPCHECK_TEST_FILTER (a glob), as cmocka's group NAME,
 * and returns how many failed; harness_summary prints the closing total
 * given the failures the groups returned, and gives main's exit status. */
void harness_start(void);
int harness_run_group(const char *name, const struct CMUnitTest *tests, size_t n,
                      CMFixtureFunction setup, CMFixtureFunction teardown);
#define harness_group(name, tests, setup, teardown) \
    harness_run_group(name, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)
int harness_summary(int failures);

/* A step of a long test, printed as it goes ("  STEP"), so that no test
 * is silent for long; cmocka's print_message underneath. */
void harness_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cmocka's skip(), with the test's outcome recorded as skipped. */
void harness_skip(const char *file, int line);
#undef skip
#define skip() harness_skip(__FILE__, __LINE__)

int harness_run_model(void);
int harness_run_tables(void);
int harness_run_profiles(void);
int harness_run_profile_cases(void);
int harness_run_corpus(void);
int harness_run_cli(void);
int harness_run_usage(void);
int harness_run_gate(void);
int harness_run_gate_counts(void);
int harness_run_gate_smoke(void);
int harness_run_report_html(void);
int harness_run_gate_ci(void);
int harness_run_compare(void);
int harness_run_term(void);
int harness_run_dropin(void);
int harness_run_probe(void);
int harness_run_workflow(void);
int harness_run_hostile(void);
int harness_run_hostile_names(void);
int harness_run_hostile_impl(void);
int harness_run_hostile_schema(void);
int harness_run_project(void);
int harness_run_install(void);

#endif
