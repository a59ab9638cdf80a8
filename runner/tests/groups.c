/*
 * tests/groups.c: how the harness runs its groups of cmocka tests.
 * Every group goes through harness_run_group, which selects tests by
 * SNAPCHECK_TEST_FILTER, records how each one ended, and leaves the
 * closing total (harness_summary) to say how many ran and which failed.
 *
 * A heartbeat thread keeps a slow test from looking hung: when nothing
 * has been printed for BEAT seconds while a test or a group's setup
 * runs, it says what is still running and for how long.  Tests that know
 * their steps say them with harness_progress, which also resets it.
 * Nothing here decides a verdict: time only decides what is printed.
 */
#include "tests/groups.h"

#include <fnmatch.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"

#define BEAT 8.0

struct outcome {
    const char *group;
    char *name;
    CMUnitTestFunction func;
    bool ran, passed, skipped;
};

static struct outcome *outcomes;
static size_t noutcomes, next_outcome, ngroups;
static struct outcome *current;

/* each group's wall time, for the closing lines */
struct group_time {
    const char *name;
    double secs;
};
static struct group_time *group_times;
static double harness_began;

/* --- the heartbeat --- */

static pthread_mutex_t beat_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t beat_wake;
static pthread_t beat_thread;
static bool beat_running, beat_stop;
static char beat_what[256];         /* what runs now, or "" */
static double beat_since, beat_last;

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *heartbeat(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&beat_lock);
    while (!beat_stop) {
        struct timespec at;
        clock_gettime(CLOCK_MONOTONIC, &at);
        at.tv_sec += 1;
        pthread_cond_timedwait(&beat_wake, &beat_lock, &at);
        double now = now_seconds();
        if (!beat_stop && beat_what[0] && now - beat_last >= BEAT) {
            printf("  ... %s: still running, %.0f s\n", beat_what, now - beat_since);
            fflush(stdout);
            beat_last = now;
        }
    }
    pthread_mutex_unlock(&beat_lock);
    return NULL;
}

/* From now on WHAT is running (nothing when NULL). */
static void beat_on(const char *fmt, const char *a, const char *b)
{
    pthread_mutex_lock(&beat_lock);
    if (fmt)
        snprintf(beat_what, sizeof(beat_what), fmt, a, b);
    else
        beat_what[0] = '\0';
    beat_since = beat_last = now_seconds();
    pthread_mutex_unlock(&beat_lock);
}

void harness_start(void)
{
    pthread_condattr_t attr;

    harness_began = now_seconds();
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&beat_wake, &attr);
    pthread_condattr_destroy(&attr);
    beat_running = pthread_create(&beat_thread, NULL, heartbeat, NULL) == 0;
}

void harness_progress(const char *fmt, ...)
{
    struct sc_buf b = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    print_message("  %s\n", b.data ? b.data : "");
    fflush(stdout);
    sc_buf_free(&b);
    pthread_mutex_lock(&beat_lock);
    beat_last = now_seconds();
    pthread_mutex_unlock(&beat_lock);
}

/* --- groups and outcomes --- */

/* Stands for the test whose outcome is next: cmocka runs a group's
 * tests in order, and every test given to it runs. */
static void run_one(void **state)
{
    struct outcome *o = &outcomes[next_outcome++];

    current = o;
    o->ran = true;
    beat_on("%s%s", o->name, "");
    o->func(state);
    o->passed = true;
}

void harness_skipped(void)
{
    if (current)
        current->skipped = true;
}

int harness_run_group(const char *name, const struct CMUnitTest *tests, size_t n,
                      CMFixtureFunction setup, CMFixtureFunction teardown)
{
    const char *filter = getenv("SNAPCHECK_TEST_FILTER");
    struct CMUnitTest *chosen = sc_xcalloc(n ? n : 1, sizeof(*chosen));
    size_t k = 0, first = noutcomes;

    for (size_t i = 0; i < n; i++) {
        if (filter && fnmatch(filter, tests[i].name, 0) != 0)
            continue;
        outcomes = sc_xrealloc(outcomes, (noutcomes + 1) * sizeof(*outcomes));
        outcomes[noutcomes++] = (struct outcome){ name, sc_xstrdup(tests[i].name), tests[i].test_func,
                                                  false, false, false };
        chosen[k] = tests[i];
        chosen[k++].test_func = run_one;
    }
    int failed = 0;
    if (k) {
        ngroups++;
        next_outcome = first;
        beat_on("group %s%s, before its first test", name, "");
        double began = now_seconds();
        /* the K tests chosen, as the array whose size
         * cmocka_run_group_tests_name takes for the count */
        struct CMUnitTest (*group)[k] = (struct CMUnitTest (*)[k])chosen;
        failed = cmocka_run_group_tests_name(name, *group, setup, teardown);
        group_times = sc_xrealloc(group_times, ngroups * sizeof(*group_times));
        group_times[ngroups - 1] = (struct group_time){ name, now_seconds() - began };
        beat_on(NULL, NULL, NULL);
        current = NULL;
    }
    free(chosen);
    return failed;
}

static int slower_first(const void *a, const void *b)
{
    double x = ((const struct group_time *)a)->secs, y = ((const struct group_time *)b)->secs;

    return (x < y) - (x > y);
}

/* "harness: 75 s; the slowest groups: install 21 s, workflow 14 s, …":
 * where make check's time goes.  Printed only: no verdict depends on it. */
static void print_times(void)
{
    size_t shown = ngroups < 3 ? ngroups : 3;

    qsort(group_times, ngroups, sizeof(*group_times), slower_first);
    printf("harness: %.0f s", now_seconds() - harness_began);
    for (size_t i = 0; i < shown; i++)
        printf("%s%s %.0f s", i ? ", " : "; the slowest groups: ", group_times[i].name, group_times[i].secs);
    printf("\n");
    free(group_times);
}

int harness_summary(int failures)
{
    size_t failed = 0, skipped = 0;

    if (beat_running) {
        pthread_mutex_lock(&beat_lock);
        beat_stop = true;
        pthread_cond_signal(&beat_wake);
        pthread_mutex_unlock(&beat_lock);
        pthread_join(beat_thread, NULL);
    }
    for (size_t i = 0; i < noutcomes; i++) {
        skipped += outcomes[i].skipped;
        failed += !outcomes[i].skipped && !outcomes[i].passed;
    }
    printf("\n");
    if (ngroups)
        print_times();
    printf("harness: %zu test%s in %zu group%s", noutcomes, noutcomes == 1 ? "" : "s", ngroups,
           ngroups == 1 ? "" : "s");
    if (!failed && !failures)
        printf(", all passed");
    else if (!failed)
        printf(", all passed, but %d failure%s outside them (a group's setup or teardown)", failures,
               failures == 1 ? "" : "s");
    else
        printf(", %zu failed", failed);
    if (skipped)
        printf(" (%zu skipped)", skipped);
    printf(failed ? ":\n" : "\n");
    for (size_t i = 0; i < noutcomes; i++) {
        const struct outcome *o = &outcomes[i];
        if (!o->skipped && !o->passed)
            printf("  %s: %s%s\n", o->group, o->name, o->ran ? "" : " (did not run)");
    }
    fflush(stdout);
    for (size_t i = 0; i < noutcomes; i++)
        free(outcomes[i].name);
    free(outcomes);
    pthread_cond_destroy(&beat_wake);
    return failed || failures ? 1 : 0;
}
