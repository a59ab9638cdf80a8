/*
 * tests/layout.c: runner/tests/layers.sh, the check that runner/ stays
 * in layers.  It passes on the tree as it is; on a scratch copy of
 * runner/ with one fault added, it exits 1 and names the fault: a file
 * that includes a header from a layer above its own, an include that
 * names no folder, an include of a header that does not exist, and two
 * modules that include each other's header.  And the harness's group
 * files share nothing with one another.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"

/* Runs layers.sh (the tree's own) in DIR on its runner/; returns its
 * exit status, its output in *LOG. */
static int layers_in(const char *dir, char **log)
{
    char *script = sc_xasprintf("sh '%s/runner/tests/layers.sh' runner", harness_suite->layout.datadir);
    int status = harness_sh_in(dir, "", script, log);

    free(script);
    return status;
}

/* A scratch copy of runner/ under NAME; returns the directory that
 * holds it. */
static char *scratch_runner(const char *name)
{
    return harness_scratch_copy(name, (const char *[]){ "runner", NULL });
}

/* Appends LINE to DIR/runner/FILE; returns its line number there. */
static size_t append_line(const char *dir, const char *file, const char *line)
{
    char *path = sc_xasprintf("%s/runner/%s", dir, file);
    char *text = harness_slurp(path);
    size_t len = strlen(text), n = 1;
    bool open_end = len && text[len - 1] != '\n';   /* the last line has no line break */
    FILE *f;

    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    f = fopen(path, "a");
    assert_non_null(f);
    fprintf(f, "%s%s\n", open_end ? "\n" : "", line);
    assert_int_equal(fclose(f), 0);
    free(text);
    free(path);
    return n + open_end;
}

/* layers.sh exits 1 on DIR and says exactly WANT (one line). */
static void expect_fault(const char *dir, const char *want)
{
    char *log;
    int status = layers_in(dir, &log);

    if (status != 1 || strcmp(log, want) != 0)
        fail_msg("layers.sh: exit %d, not 1; it says:\n%s\nand not:\n%s", status, log, want);
    free(log);
}

static void test_layers_pass_on_the_tree(void **state)
{
    char *log;
    int status;

    (void)state;
    status = harness_sh_in(harness_suite->layout.datadir, "", "sh runner/tests/layers.sh runner", &log);
    if (status != 0 || log[0])
        fail_msg("layers.sh on runner/: exit %d, not 0; it says:\n%s", status, log);
    free(log);
    /* and on a copy, as the other tests run it */
    char *dir = scratch_runner("layers-as-is");
    status = layers_in(dir, &log);
    if (status != 0 || log[0])
        fail_msg("layers.sh on a copy of runner/: exit %d, not 0; it says:\n%s", status, log);
    free(log);
    free(dir);
}

/* A file of util/ of its own (were it one that cli/ uses, the include
 * would close a cycle of modules too). */
static void test_layers_refuse_an_include_from_above(void **state)
{
    char *dir = scratch_runner("layers-above");
    char *util = sc_xasprintf("%s/runner/util", dir);

    (void)state;
    free(harness_write(util, "upward.c", "/* a util/ file that uses the command line */\n"
                                         "#include \"cli/cli.h\"\n"));
    expect_fault(dir, "runner/util/upward.c:2: util/ includes \"cli/cli.h\", from a layer above its own "
                      "(util model schema suite api cli; then tests fuzz bench difftest)\n");
    free(util);
    free(dir);
}

/* A copy of runner/ with LINE appended to FILE (under runner/): layers.sh
 * refuses it, saying "runner/FILE:N: " and then WANT. */
static void expect_appended_line_refused(const char *scratch, const char *file, const char *line,
                                         const char *want)
{
    char *dir = scratch_runner(scratch);
    size_t n = append_line(dir, file, line);
    char *fault = sc_xasprintf("runner/%s:%zu: %s\n", file, n, want);

    expect_fault(dir, fault);
    free(fault);
    free(dir);
}

static void test_layers_refuse_an_include_without_its_folder(void **state)
{
    (void)state;
    expect_appended_line_refused("layers-no-folder", "util/escape.c", "#include \"buf.h\"",
                                 "#include \"buf.h\" does not name its layer (\"util/buf.h\"?)");
}

static void test_layers_refuse_a_missing_header(void **state)
{
    (void)state;
    expect_appended_line_refused("layers-missing", "util/buf.c", "#include \"util/no-such-header.h\"",
                                 "#include \"util/no-such-header.h\": no such file in runner");
}

/* Two modules of one layer, each including the other's header: the
 * fault names both. */
static void test_layers_refuse_modules_in_a_cycle(void **state)
{
    char *dir = scratch_runner("layers-cycle");
    char *util = sc_xasprintf("%s/runner/util", dir);
    char *log;

    (void)state;
    free(harness_write(util, "ping.h", "void sc_ping(void);\n"));
    free(harness_write(util, "pong.h", "void sc_pong(void);\n"));
    free(harness_write(util, "ping.c", "#include \"util/ping.h\"\n#include \"util/pong.h\"\n"
                                       "void sc_ping(void) { sc_pong(); }\n"));
    free(harness_write(util, "pong.c", "#include \"util/pong.h\"\n#include \"util/ping.h\"\n"
                                       "void sc_pong(void) { sc_ping(); }\n"));
    int status = layers_in(dir, &log);
    const char *says = "runner: modules that depend on each other in a cycle:";
    const char *at = strstr(log, says);
    const char *end = at ? strchr(at, '\n') : NULL;
    if (status != 1 || at != log || !end || end[1] != '\0')
        fail_msg("layers.sh: exit %d, not 1; it says:\n%s\nand not one line starting:\n%s", status, log, says);
    char *modules = sc_xasprintf("%.*s ", (int)(end - at - strlen(says)), at + strlen(says));
    if (!strstr(modules, " util/ping ") || !strstr(modules, " util/pong "))
        fail_msg("layers.sh names the modules of the cycle as%s, not util/ping and util/pong", modules);
    free(modules);
    free(log);
    free(util);
    free(dir);
}

/* The harness's own layers: a group file (one that defines a
 * harness_run_ function, which harness.c calls) defines nothing else
 * outside itself, so that groups use helper files and never each
 * other. */
static void test_group_files_share_nothing(void **state)
{
    const char *script =
        "cd runner/tests\n"
        "for f in *.c; do\n"
        "    if grep -q '^int harness_run_[a-z_]*(void)$' \"$f\"; then\n"
        "        grep -n '^[A-Za-z_].*(' \"$f\" |\n"
        "            grep -v -e '^[0-9]*:static ' -e '^[0-9]*:typedef ' -e ';$' -e '^[0-9]*:int harness_run_[a-z_]*(void)$' |\n"
        "            sed \"s|^|$f:|; s|\\$| (a group file's definition)|\"\n"
        "    fi\n"
        "done\n";
    char *log;
    int status;

    (void)state;
    status = harness_sh_in(harness_suite->layout.datadir, "", script, &log);
    if (status != 0 || log[0])
        fail_msg("exit %d; shared definitions in runner/tests:\n%s", status, log);
    free(log);
}

int harness_run_layout(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layers_pass_on_the_tree),
        cmocka_unit_test(test_layers_refuse_an_include_from_above),
        cmocka_unit_test(test_layers_refuse_an_include_without_its_folder),
        cmocka_unit_test(test_layers_refuse_a_missing_header),
        cmocka_unit_test(test_layers_refuse_modules_in_a_cycle),
        cmocka_unit_test(test_group_files_share_nothing),
    };

    return harness_group("layout", tests, NULL, NULL);
}
