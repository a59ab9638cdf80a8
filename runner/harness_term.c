/*
 * harness_term.c: what the tool draws for a person at a terminal and
 * keeps out of a CI log: colour (--color, NO_COLOR), on a
 * pseudo-terminal and into pipes.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define RED "\033[31m"

/* An implementation that prints the golden file of case C with a space
 * after its second line: a failure with a diff to colour. */
static char *spoiling_impl(const struct sc_case *c)
{
    return sc_xasprintf("sed '2s/$/ /' '%s'", c->golden);
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
        struct tool_result r = runs[i].terminal ? harness_tool_on_terminal(argv, runs[i].no_color)
                                                : harness_tool(argv, NULL, NULL);
        if (r.status == -1) {
            print_message("no pseudo-terminal here (forkpty failed); the terminal half is skipped\n");
            free(impl);
            skip();
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

int harness_run_term(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_color_follows_terminal_and_option),
    };

    return cmocka_run_group_tests_name("term", tests, NULL, NULL);
}
