/*
 * tests/term.c: what the tool draws for a person at a terminal and
 * keeps out of a CI log: colour (--color, NO_COLOR) and the progress
 * line of run and validate (--progress, --no-progress), on a
 * pseudo-terminal and into pipes.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

#define RED "\033[31m"

/* An implementation that prints the golden file of case C with a space
 * after its second line: a failure with a diff to colour. */
static char *spoiling_impl(const struct sc_case *c)
{
    return harness_impl_for(c, sc_xasprintf("sed '2s/$/ /' '%s'", c->golden));
}

static const struct sc_case *first_valid(void)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        if (m->v[i].valid)
            return &m->v[i];
    }
    fail_msg("the manifest has no valid case");
    return NULL;
}

/* On a terminal a diff is coloured unless NO_COLOR is set and not
 * empty, or --color=never; into a pipe only with --color=always, which
 * NO_COLOR does not turn off. */
static void test_color_follows_terminal_and_option(void **state)
{
    const struct sc_case *c = first_valid();
    char *impl = spoiling_impl(c);
    const struct {
        const char *option, *no_color;
        bool terminal, colored;
    } runs[] = {
        { NULL, "1", false, false },               /* harness_tool sets NO_COLOR */
        { "--color=always", "1", false, true },
        { "--color", "1", false, true },
        { "--color=auto", "1", false, false },
        { NULL, NULL, true, true },
        { NULL, "1", true, false },
        { NULL, "", true, true },
        { "--color=never", NULL, true, false },
        { "--color=always", "1", true, true },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        const char *argv[] = { "run", "--impl", impl, "--filter", c->id, runs[i].option, NULL };
        harness_progress("run %s %s, NO_COLOR %s", runs[i].option ? runs[i].option : "",
                         runs[i].terminal ? "on a terminal" : "into a pipe",
                         runs[i].no_color ? runs[i].no_color : "unset");
        struct tool_result r = runs[i].terminal ? harness_tool_on_terminal(argv, runs[i].no_color)
                                                : harness_tool(argv, NULL, NULL);
        if (r.status == -1) {
            print_message("no pseudo-terminal here (forkpty failed); the terminal half is skipped\n");
            free(impl);
            harness_skip();
        }
        bool colored = strstr(r.out, RED "-") != NULL;
        if (r.status != 1 || colored != runs[i].colored)
            fail_msg("run %s %s, NO_COLOR %s: exit %d, %s:\n%s", runs[i].option ? runs[i].option : "",
                     runs[i].terminal ? "on a terminal" : "into a pipe",
                     runs[i].no_color ? runs[i].no_color : "unset", r.status,
                     colored ? "coloured" : "not coloured", r.out);
        harness_tool_free(&r);
    }
    struct tool_result r = harness_tool((const char *[]){ "run", "--color=sometimes", NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--color is auto, always or never, not 'sometimes'"));
    harness_tool_free(&r);
    free(impl);
}

/* Into a pipe, run says nothing on standard error unless --progress
 * asks; then one plain line each tenth of the way, the last at 100%. */
static void test_progress_lines_only_when_asked(void **state)
{
    size_t n = harness_suite->manifest->n;

    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "run", NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    if (r.err[0])
        fail_msg("run into a pipe wrote to standard error:\n%s", r.err);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--progress", NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    if (strchr(r.err, '\r') || strchr(r.err, '\033'))
        fail_msg("plain progress lines hold terminal controls:\n%s", r.err);
    for (size_t tenth = 1; tenth <= 10; tenth++) {
        size_t done = (tenth * n + 9) / 10;
        char *line = sc_xasprintf("snapcheck run: %zu/%zu cases (%zu%%), ", done, n, done * 100 / n);
        if (!strstr(r.err, line))
            fail_msg("no line '%s' in:\n%s", line, r.err);
        free(line);
    }
    char *last = sc_xasprintf("snapcheck run: %zu/%zu cases (100%%), ", n, n);
    const char *tail = strrchr(r.err, '\n');
    while (tail > r.err && tail[-1] != '\n')
        tail--;
    if (strncmp(tail, last, strlen(last)) != 0)
        fail_msg("the last progress line is not '%s…':\n%s", last, r.err);
    free(last);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "validate", "--progress", harness_suite->layout.datadir, NULL }, NULL, NULL);
    if (!strstr(r.err, "documents (100%), ") || strchr(r.err, '\r'))
        fail_msg("validate --progress into a pipe:\n%s", r.err);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "format", "--progress", "-", NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    harness_tool_free(&r);
}

/* On a terminal the line is rewritten in place and erased before the
 * report; --no-progress keeps it off. */
static void test_progress_in_place_on_a_terminal(void **state)
{
    size_t n = harness_suite->manifest->n;
    char *drawn = sc_xasprintf("\rsnapcheck run: %zu/%zu cases (100%%), ", n, n);

    (void)state;
    struct tool_result r = harness_tool_on_terminal((const char *[]){ "run", NULL }, "1");
    if (r.status == -1) {
        print_message("no pseudo-terminal here (forkpty failed)\n");
        free(drawn);
        harness_skip();
    }
    assert_int_equal(r.status, 0);
    const char *at = strstr(r.out, drawn);
    if (!at || !strstr(at, "\033[K\r\033[K") || strstr(at, "\r\n") < strstr(at, "\r\033[K"))
        fail_msg("no progress line drawn and erased before the report:\n%s", r.out);
    harness_tool_free(&r);
    r = harness_tool_on_terminal((const char *[]){ "run", "--no-progress", NULL }, "1");
    assert_int_equal(r.status, 0);
    if (strstr(r.out, "snapcheck run:"))
        fail_msg("--no-progress drew progress:\n%s", r.out);
    harness_tool_free(&r);
    r = harness_tool_on_terminal((const char *[]){ "validate", harness_suite->layout.datadir, NULL }, "1");
    if (!strstr(r.out, "\rsnapcheck validate: ") || !strstr(r.out, "\r\033[K"))
        fail_msg("validate on a terminal:\n%s", r.out);
    harness_tool_free(&r);
    free(drawn);
}

int harness_run_term(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_color_follows_terminal_and_option),
        cmocka_unit_test(test_progress_lines_only_when_asked),
        cmocka_unit_test(test_progress_in_place_on_a_terminal),
    };

    return harness_group("term", tests, NULL, NULL);
}
