/*
 * tests/harness.h: the groups of the cmocka harness, each run by
 * tests/harness.c (main, which loads the suite).  Groups: tests/cases.c
 * the suite's cases checked in process and the validators' verdicts on
 * them, tests/model.c the reference model, tests/values.c attribute
 * values that bulk validation knows by their datatypes, tests/tables.c the state
 * table and parity, tests/profiles.c and tests/profile_cases.c the
 * profiles and their cases, tests/corpus.c the corpus itself (coverage,
 * lint, README counts), tests/cli.c the built snapcheck binary,
 * tests/usage.c its command line (help, version, usage errors, the man
 * page), tests/gate.c the CI gate (run --impl, baselines, reports),
 * tests/gate_counts.c what the gate counts and how each report states
 * it, tests/gate_smoke.c the smoke case, tests/gate_ci.c README's CI
 * recipe and merged shards, tests/report_html.c the web site report
 * --html writes, tests/compare.c how outputs are compared and
 * differences shown, tests/term.c colour and progress on a terminal,
 * tests/dropin.c the drop-in CI files under ci/, tests/probe.c parity's
 * probes of what an implementation accepts, tests/workflow.c the
 * contributor's workflow, tests/hostile.c hostile input,
 * tests/hostile_names.c names and foreign text that try to forge
 * output, tests/hostile_impl.c hostile implementations,
 * tests/hostile_schema.c hostile schemas and the soundness of
 * validation shortcuts under any schema, tests/project.c suites of a
 * project's own (init, --cases), tests/install.c the tool outside its
 * source tree (make install), tests/layout.c the check of runner/'s
 * layers (tests/layers.sh).
 *
 * A group file uses the helper files, never another group file:
 * tests/groups.c runs groups (tests/groups.h), tests/fixture.c holds
 * the suite, the scratch directory and files in it (tests/fixture.h),
 * tests/tool.c runs the built tool (tests/tool.h), tests/impls.c writes
 * implementations for run --impl and picks the cases they run on
 * (tests/impls.h), tests/grammars.c makes random grammars and documents
 * (tests/grammars.h).
 */
#ifndef SNAPCHECK_HARNESS_H
#define SNAPCHECK_HARNESS_H

/* Each runs its group and returns how many of its tests failed. */
int harness_run_cases(void);
int harness_run_validators(void);
int harness_run_model(void);
int harness_run_values(void);
int harness_run_tables(void);
int harness_run_profiles(void);
int harness_run_profile_cases(void);
int harness_run_corpus(void);
int harness_run_cli(void);
int harness_run_usage(void);
int harness_run_gate(void);
int harness_run_gate_counts(void);
int harness_run_gate_smoke(void);
int harness_run_gate_ci(void);
int harness_run_report_html(void);
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
int harness_run_layout(void);

#endif
