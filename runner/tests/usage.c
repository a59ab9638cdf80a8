/*
 * tests/usage.c: the command line follows the conventions of C
 * tools: help for the tool and each command, a version that says what
 * it runs with, usage errors that name the nearest option or command
 * and exit 2, and a man page in step with the option tables.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"

/* The commands, as the man page's synopsis (from the tables) names them. */
static char **command_names(void)
{
    struct tool_result r = harness_tool((const char *[]){ "help", "--man", NULL }, NULL, NULL);
    char **names = sc_xcalloc(64, sizeof(*names));
    size_t n = 0;

    assert_int_equal(r.status, 0);
    for (const char *p = r.out; (p = strstr(p, "\n.B snapcheck ")) && n < 63; p++) {
        p += strlen("\n.B snapcheck ");
        if (*p != '\\')   /* a command, not --version or --datadir */
            names[n++] = sc_xasprintf("%.*s", (int)strcspn(p, "\n"), p);
    }
    harness_tool_free(&r);
    assert_true(n >= 8);
    return names;
}

static void free_names(char **names)
{
    for (size_t i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

/* Every command has --help, -h and "help COMMAND", the same text, on
 * standard output, exit 0; the tool has --help and help. */
static void test_every_command_has_help(void **state)
{
    char **names = command_names();

    (void)state;
    for (size_t i = 0; names[i]; i++) {
        struct tool_result a = harness_tool((const char *[]){ names[i], "--help", NULL }, NULL, NULL);
        struct tool_result b = harness_tool((const char *[]){ names[i], "-h", NULL }, NULL, NULL);
        struct tool_result c = harness_tool((const char *[]){ "help", names[i], NULL }, NULL, NULL);
        char *head = sc_xasprintf("usage: snapcheck %s", names[i]);
        if (a.status != 0 || strncmp(a.out, head, strlen(head)) != 0 || *a.err)
            fail_msg("snapcheck %s --help: exit %d, stdout:\n%s\nstderr:\n%s", names[i], a.status, a.out, a.err);
        assert_int_equal(b.status, 0);
        assert_int_equal(c.status, 0);
        assert_string_equal(a.out, b.out);
        assert_string_equal(a.out, c.out);
        assert_non_null(strstr(a.out, "-h, --help"));
        free(head);
        harness_tool_free(&a);
        harness_tool_free(&b);
        harness_tool_free(&c);
    }
    struct tool_result t = harness_tool((const char *[]){ "--help", NULL }, NULL, NULL);
    struct tool_result h = harness_tool((const char *[]){ "help", NULL }, NULL, NULL);
    assert_int_equal(t.status, 0);
    assert_int_equal(h.status, 0);
    assert_string_equal(t.out, h.out);
    for (size_t i = 0; names[i]; i++) {
        char *line = sc_xasprintf("\n  %s ", names[i]);
        char *bare = sc_xasprintf("\n  %s\n", names[i]);
        if (!strstr(t.out, line) && !strstr(t.out, bare))
            fail_msg("snapcheck --help does not list %s:\n%s", names[i], t.out);
        free(bare);
        free(line);
    }
    harness_tool_free(&t);
    harness_tool_free(&h);
    free_names(names);
}

/* --version: the tool, the corpus it found, the profile, libxml2. */
static void test_version_says_what_runs(void **state)
{
    struct tool_result r = harness_tool((const char *[]){ "--version", NULL }, NULL, NULL);
    char *corpus = sc_xasprintf("\ncorpus: %zu cases", harness_suite->all->n);

    (void)state;
    assert_int_equal(r.status, 0);
    assert_true(!strncmp(r.out, "snapcheck ", 10));
    assert_non_null(strstr(r.out, corpus));
    assert_non_null(strstr(r.out, "\nprofile: libvirt-"));
    assert_non_null(strstr(r.out, "\nlibxml2: 2."));
    free(corpus);
    harness_tool_free(&r);
}

/* Each usage error: its words, a pointer to the right --help, exit 2. */
static void test_usage_errors(void **state)
{
    static const struct {
        const char *argv[6];
        const char *message, *try;
    } cases[] = {
        { { NULL }, "snapcheck: missing COMMAND", "Try 'snapcheck --help'." },
        { { "vaildate", NULL }, "unknown command 'vaildate'; did you mean 'validate'?",
          "Try 'snapcheck --help'." },
        { { "frobnicate", NULL }, "unknown command 'frobnicate'\n", "Try 'snapcheck --help'." },
        { { "validate", "--jbos", "2", "x.xml", NULL }, "unknown option '--jbos'; did you mean '--jobs'?",
          "Try 'snapcheck validate --help'." },
        { { "run", "--imlp", "true", NULL }, "did you mean '--impl'?", "Try 'snapcheck run --help'." },
        { { "validate", "--re", "x.xml", NULL },
          "option '--re' is ambiguous: it begins --redefine and --report", "Try 'snapcheck validate --help'." },
        { { "format", "--schema", "x.rng", "-", NULL }, "'--schema' is an option of validate, not of format",
          "Try 'snapcheck format --help'." },
        { { "format", "--create", "--internal", "-", NULL }, "--create and --internal cannot be used together",
          "Try 'snapcheck format --help'." },
        { { "new", "--redefine", "some-case", "--create", NULL },
          "--redefine and --create cannot be used together", "Try 'snapcheck new --help'." },
        { { "new", "some-case", NULL }, "new needs --description TEXT", "Try 'snapcheck new --help'." },
        { { "run", "--timeout", NULL }, "option '--timeout' needs a value (SECONDS)",
          "Try 'snapcheck run --help'." },
        { { "run", "--jobs", "0", NULL }, "--jobs wants a number from 1 to 1024, not '0'",
          "Try 'snapcheck run --help'." },
        { { "validate", "--jobs", "2000", "x.xml", NULL }, "--jobs wants a number from 1 to 1024, not '2000'",
          "Try 'snapcheck validate --help'." },
        { { "states", "extra", NULL }, "states takes no arguments", "Try 'snapcheck states --help'." },
        { { "lint", "--fx", NULL }, "did you mean '--fix'?", "Try 'snapcheck lint --help'." },
        { { "help", "nope", NULL }, "help takes one COMMAND, not 'nope'", "Try 'snapcheck help --help'." },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tool_result r = harness_tool(cases[i].argv, NULL, NULL);
        if (r.status != 2 || !strstr(r.err, cases[i].message) || !strstr(r.err, cases[i].try))
            fail_msg("case %zu (%s %s): exit %d, stderr:\n%s(expected exit 2, \"%s\" and \"%s\")", i,
                     cases[i].argv[0] ? cases[i].argv[0] : "", cases[i].argv[0] && cases[i].argv[1] ?
                     cases[i].argv[1] : "", r.status, r.err, cases[i].message, cases[i].try);
        harness_tool_free(&r);
    }
}

/* The text between the lines starting with BEGIN and END in TEXT. */
static char *between(const char *text, const char *begin, const char *end)
{
    const char *a = strstr(text, begin), *b = a ? strstr(a, end) : NULL;

    if (!a || !b)
        return NULL;
    a = strchr(a, '\n') + 1;
    return sc_xasprintf("%.*s", (int)(b - a), a);
}

/* The man page's SYNOPSIS and OPTIONS are what the option tables give
 * (make man rewrites them). */
static void test_man_page_follows_the_option_tables(void **state)
{
    char *path = sc_xasprintf("%s/runner/cli/snapcheck.1", harness_suite->layout.datadir);
    char *page = harness_slurp(path);
    struct tool_result r = harness_tool((const char *[]){ "help", "--man", NULL }, NULL, NULL);
    char *split = strstr(r.out, ".SH OPTIONS\n");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(split);
    char *synopsis = sc_xasprintf("%.*s", (int)(split - r.out), r.out);
    char *in_page = between(page, ".\\\" synopsis:begin", ".\\\" synopsis:end");
    char *options_in_page = between(page, ".\\\" options:begin", ".\\\" options:end");
    assert_non_null(in_page);
    assert_non_null(options_in_page);
    if (strcmp(in_page, synopsis) != 0 || strcmp(options_in_page, split) != 0)
        fail_msg("runner/cli/snapcheck.1 is not in step with the option tables: run 'make man'");
    free(options_in_page);
    free(in_page);
    free(synopsis);
    harness_tool_free(&r);
    free(page);
    free(path);
}

int harness_run_usage(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_command_has_help),
        cmocka_unit_test(test_version_says_what_runs),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_man_page_follows_the_option_tables),
    };

    return harness_group("usage", tests, NULL, NULL);
}
