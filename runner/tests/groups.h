/*
 * tests/groups.h: how groups of cmocka tests run (tests/groups.c).
 * harness_start before the first group; harness_run_group runs the
 * tests of TESTS (N of them) whose name matches SNAPCHECK_TEST_FILTER
 * (a glob), as cmocka's group NAME, and returns how many failed;
 * harness_summary prints the closing total given the failures the
 * groups returned, and gives main's exit status.
 */
#ifndef SNAPCHECK_TESTS_GROUPS_H
#define SNAPCHECK_TESTS_GROUPS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

void harness_start(void);
int harness_run_group(const char *name, const struct CMUnitTest *tests, size_t n,
                      CMFixtureFunction setup, CMFixtureFunction teardown);
#define harness_group(name, tests, setup, teardown) \
    harness_run_group(name, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)
int harness_summary(int failures);

/* A step of a long test, printed as it goes ("  STEP"), so that no test
 * is silent for long; cmocka's print_message underneath. */
void harness_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* cmocka's skip(), with the test's outcome recorded as skipped: a test
 * skips with harness_skip(), never with skip() alone, which the closing
 * total would list as a failure. */
void harness_skipped(void);
#define harness_skip() \
    do {                   \
        harness_skipped(); \
        skip();            \
    } while (0)

#endif
