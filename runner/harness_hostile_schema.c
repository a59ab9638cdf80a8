/*
 * harness_hostile_schema.c: schemas nobody reviewed, given with
 * --schema.  A schema that cannot be used ends with exit status 2 and
 * diagnostics of snapcheck's own form, one line each, in plain text; no
 * byte of a file it names is shown, and no device, pipe or directory is
 * read.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

/* Known bytes in, known text out: each class of byte the console
 * escaping tells apart. */
static void test_console_text_is_escaped(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "plain text: <a href='x'>", "plain text: <a href='x'>" },
        { "two\nlines\ttab\rcr", "two\\nlines\\ttab\\rcr" },
        { "esc \x1b[31mred\x1b[0m del \x7f", "esc \\x1b[31mred\\x1b[0m del \\x7f" },
        { "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
        { "C1 \xc2\x9b" "31m", "C1 \\xc2\\x9b" "31m" },
        { "bad \xff\xfe", "bad \\xff\\xfe" },
        { "cut \xc3", "cut \\xc3" },
        { "cut \xe2\x82 x", "cut \\xe2\\x82 x" },
        { "overlong \xc0\xaf \xe0\x80\xaf", "overlong \\xc0\\xaf \\xe0\\x80\\xaf" },
        { "surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80" },
        { "beyond \xf4\x90\x80\x80", "beyond \\xf4\\x90\\x80\\x80" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sc_buf b = { 0 };
        sc_buf_puts(&b, "");
        sc_escape_console(&b, cases[i].in);
        if (strcmp(b.data, cases[i].out) != 0)
            fail_msg("escaping case %zu: expected \"%s\", got \"%s\"", i, cases[i].out, b.data);
        sc_buf_free(&b);
    }
}

int harness_run_hostile_schema(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_console_text_is_escaped),
    };

    return cmocka_run_group_tests_name("hostile schema", tests, NULL, NULL);
}
