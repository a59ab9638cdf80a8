/*
 * tests/install.c: the tool outside its source tree.  --datadir names
 * the data directory it uses, a missing one is named with what sets it
 * (SNAPCHECK_DATADIR), and make install into a scratch prefix gives a
 * tool that finds its data where it was installed and where it was
 * moved to, and never writes into it; the adapters and their baselines
 * are installed with it, cite README sections that exist, and run a
 * case from there (when libvirt's Python binding is at hand).
 */
#include "tests/harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "api/snapcheck.h"
#include "model/states.h"
#include "util/datadir.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

/* Expects exit status STATUS, OUT on standard output and ERR on
 * standard error, saying which command it was when not. */
static void expect(const struct tool_result *r, const char *what, int status, const char *out,
                   const char *err)
{
    if (r->status != status || strcmp(r->out, out) != 0 || strcmp(r->err, err) != 0)
        fail_msg("%s: exit status %d (expected %d)\n--- stdout:\n%s--- expected:\n%s"
                 "--- stderr:\n%s--- expected:\n%s", what, r->status, status, r->out, out, r->err, err);
}

static void test_datadir_names_the_data_directory(void **state)
{
    char *scratch = harness_scratch_tree("datadir-named");
    char *tree = sc_xasprintf("%s\n", harness_suite->layout.datadir);
    char *named = sc_xasprintf("%s\n", scratch);
    struct tool_result own = harness_tool((const char *[]){ "--datadir", NULL }, NULL, NULL);
    struct tool_result env = harness_tool((const char *[]){ "--datadir", NULL }, NULL, scratch);
    struct tool_result extra = harness_tool((const char *[]){ "--datadir", "cases", NULL }, NULL, NULL);

    (void)state;
    expect(&own, "snapcheck --datadir", 0, tree, "");
    expect(&env, "SNAPCHECK_DATADIR=DIR snapcheck --datadir", 0, named, "");
    expect(&extra, "snapcheck --datadir cases", 2, "",
           "snapcheck: --datadir takes no arguments\nTry 'snapcheck --help'.\n");
    harness_tool_free(&own);
    harness_tool_free(&env);
    harness_tool_free(&extra);
    free(named);
    free(tree);
    free(scratch);
}

/* Every command that needs the data directory names SNAPCHECK_DATADIR
 * when it points elsewhere; validate with a schema of its own needs
 * none. */
static void test_a_wrong_data_directory_is_named(void **state)
{
    const struct sc_case *c = &harness_suite->manifest->v[0];
    char *empty = harness_tmp_path("no-data");
    char *message = sc_xasprintf("snapcheck: SNAPCHECK_DATADIR is %s, which is not snapcheck's data "
                                 "directory (it has no rng/domainsnapshot.rng)\n", empty);
    const char *const commands[][6] = {
        { "--datadir" }, { "run" }, { "run", "--regenerate" }, { "coverage" }, { "lint" },
        { "parity" }, { "validate", c->input }, { "new", "some-case", "--description", "d" },
    };

    (void)state;
    assert_int_equal(mkdir(empty, 0700), 0);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        struct tool_result r = harness_tool(commands[i], NULL, empty);
        expect(&r, commands[i][0], 2, "", message);
        harness_tool_free(&r);
    }
    struct tool_result own = harness_tool(
        (const char *[]){ "validate", "--schema", harness_suite->schema->path,
                          c->valid ? c->golden : c->input, NULL }, NULL, empty);
    assert_int_equal(own.status, c->valid ? 0 : 1);
    harness_tool_free(&own);
    free(message);
    free(empty);
}

/* make install DESTDIR=DEST PREFIX=PREFIX of the tool under test, as it
 * was built (make is told not to rebuild it); returns DEST, or skips
 * outside a source tree. */
static char *install_into(const char *name, const char *prefix)
{
    const char *src = harness_suite->layout.datadir;
    const char *tool = getenv("SNAPCHECK_TOOL") ? getenv("SNAPCHECK_TOOL") : "runner/snapcheck";
    char *makefile = sc_xasprintf("%s/Makefile", src);
    char *dest = harness_tmp_path(name);
    char *log = sc_xasprintf("%s.log", dest);

    if (access(makefile, R_OK) != 0) {
        print_message("%s: not a source tree, nothing to install\n", src);
        free(makefile);
        free(dest);
        free(log);
        harness_skip();
    }
    while (strncmp(tool, "./", 2) == 0)
        tool += 2;
    /* the make that runs make check must not lend this one its flags */
    char *cmd = sc_xasprintf("cd '%s' && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "
                             "-o '%s' install TOOL='%s' PREFIX='%s' DESTDIR='%s' > '%s' 2>&1",
                             src, tool, tool, prefix, dest, log);
    int status = system(cmd);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char *text = harness_slurp(log);
        fail_msg("make install DESTDIR=%s failed:\n%s", dest, text);
    }
    free(cmd);
    free(log);
    free(makefile);
    return dest;
}

static void expect_file(const char *dir, const char *name, int mode)
{
    char *path = sc_xasprintf("%s/%s", dir, name);

    if (access(path, mode) != 0)
        fail_msg("%s was not installed%s", path, mode & X_OK ? " as a program" : "");
    free(path);
}

/* The tool at BIN finds its data in DATADIR and runs the suite there. */
static void expect_data_found(const char *bin, const char *datadir, const char *where)
{
    char *named = sc_xasprintf("%s\n", datadir);
    char *summary = sc_xasprintf("\n%zu passed, 0 failed, 0 errors, 0 skipped\n", harness_suite->manifest->n);
    struct tool_result r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "--datadir", NULL }, NULL);

    expect(&r, where, 0, named, "");
    harness_tool_free(&r);
    r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "run", NULL }, NULL);
    if (r.status != 0 || !strstr(r.out, summary))
        fail_msg("%s: snapcheck run does not pass (exit status %d):\n%s%s", where, r.status, r.out, r.err);
    harness_tool_free(&r);
    free(summary);
    free(named);
}

static void test_an_installation_finds_its_data(void **state)
{
    char *dest = install_into("installed", "/opt/snapcheck");
    char *prefix = sc_xasprintf("%s/opt/snapcheck", dest);
    char *moved = sc_xasprintf("%s/moved", dest);
    char *cmd = sc_xasprintf("mv '%s' '%s' && mkdir -p '%s/alone/bin' && cp '%s/bin/snapcheck' '%s/alone/bin/'",
                             prefix, moved, dest, moved, dest);

    (void)state;
    expect_file(prefix, "bin/snapcheck", X_OK);
    expect_file(prefix, "share/man/man1/snapcheck.1", R_OK);
    expect_file(prefix, "share/snapcheck/rng/domainsnapshot.rng", R_OK);
    expect_file(prefix, "share/snapcheck/rng/manifest.rng", R_OK);
    expect_file(prefix, "share/snapcheck/cases/manifest.xml", R_OK);
    for (size_t i = 0; i < harness_suite->manifest->n; i++) {
        const struct sc_case *c = &harness_suite->manifest->v[i];
        char *input = sc_xasprintf("share/snapcheck/cases/%s/%s.xml", c->valid ? "valid" : "invalid", c->id);
        char *golden = sc_xasprintf("share/snapcheck/golden/%s.xml", c->id);
        expect_file(prefix, input, R_OK);
        if (c->valid)
            expect_file(prefix, golden, R_OK);
        free(input);
        free(golden);
    }
    char *bin = sc_xasprintf("%s/bin/snapcheck", prefix);
    char *data = sc_xasprintf("%s/share/snapcheck", prefix);
    expect_data_found(bin, data, "the installed snapcheck");
    free(bin);
    free(data);
    /* moved as a whole, bin/ and share/ together */
    assert_int_equal(system(cmd), 0);
    bin = sc_xasprintf("%s/bin/snapcheck", moved);
    data = sc_xasprintf("%s/share/snapcheck", moved);
    expect_data_found(bin, data, "the installation, moved");
    free(bin);
    free(data);
    /* the binary alone: no data beside it, and (on a machine where
     * nothing was installed) none where it was installed to look */
    char *installed = sc_install_data_dir();
    bin = sc_xasprintf("%s/alone/bin/snapcheck", dest);
    if (sc_is_data_dir(installed)) {
        print_message("%s holds an installation; the binary alone finds it\n", installed);
    } else {
        char *message = sc_xasprintf(
            "snapcheck: cannot find snapcheck's data (rng/domainsnapshot.rng) in %s, the installed "
            "location, nor in %s/alone/share/snapcheck, relative to the binary\n"
            "snapcheck: if snapcheck was moved, set SNAPCHECK_DATADIR to the directory that holds its "
            "rng/, cases/, golden/ and adapters/\n", installed, dest);
        const char *const commands[][2] = { { "--datadir" }, { "run" }, { "lint" }, { "parity" } };
        for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
            struct tool_result r = harness_tool_at(bin, harness_tmpdir(), commands[i], NULL);
            expect(&r, "the binary moved alone", 2, "", message);
            harness_tool_free(&r);
        }
        free(message);
        /* and SNAPCHECK_DATADIR is what it says it is */
        data = sc_xasprintf("%s/share/snapcheck", moved);
        struct tool_result r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "lint", NULL }, data);
        assert_int_equal(r.status, 0);
        harness_tool_free(&r);
        free(data);
    }
    free(installed);
    free(bin);
    free(cmd);
    free(moved);
    free(prefix);
    free(dest);
}

/* "snapcheck COMMAND: DIR is snapcheck's installed data…" */
static char *read_only(const char *command, const char *dir)
{
    return sc_xasprintf("snapcheck %s: %s is snapcheck's installed data, which is never changed; make a "
                        "suite of your own with 'snapcheck init DIR' and name it with --cases DIR\n",
                        command, dir);
}

/* Every command that writes into a suite refuses the installed one:
 * run by the installed binary, and by another one told the directory
 * with SNAPCHECK_DATADIR; a dry run and lint, which write nothing, go
 * ahead. */
static void expect_read_only(const char *bin, const char *data, const char *datadir_env)
{
    const struct sc_case *c = &harness_suite->manifest->v[0];
    char *manifest = sc_xasprintf("%s/cases/manifest.xml", data);
    char *cases = sc_xasprintf("%s/cases", data);
    char *before = harness_slurp(manifest);
    char *new_msg = read_only("new", data), *fix_msg = read_only("lint --fix", data);
    char *regen_msg = read_only("run --regenerate", data), *cases_msg = read_only("new", cases);
    char *added = sc_xasprintf("%s/cases/%s/a-case-of-ours.xml", data, c->valid ? "valid" : "invalid");
    const char *input = c->valid ? c->golden : c->input;
    struct tool_result r;

    r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "new", "a-case-of-ours", "--description",
                        "ours", "--from", input, NULL }, datadir_env);
    expect(&r, "new in the installed suite", 2, "", new_msg);
    harness_tool_free(&r);
    r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "new", "a-case-of-ours", "--description",
                        "ours", "--from", input, "--cases", cases, NULL }, datadir_env);
    expect(&r, "new --cases DIR inside the installed data", 2, "", cases_msg);
    harness_tool_free(&r);
    r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "lint", "--fix", NULL }, datadir_env);
    expect(&r, "lint --fix of the installed suite", 2, "", fix_msg);
    harness_tool_free(&r);
    r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "run", "--regenerate", NULL }, datadir_env);
    expect(&r, "run --regenerate of the installed suite", 2, "", regen_msg);
    harness_tool_free(&r);
    r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "run", "--regenerate", "--dry-run", NULL },
                        datadir_env);
    expect(&r, "run --regenerate --dry-run of the installed suite", 0,
           "0 golden files would change (nothing written)\n", "");
    harness_tool_free(&r);
    char *linted = sc_xasprintf("lint: 0 findings in %s\n", data);
    r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "lint", NULL }, datadir_env);
    expect(&r, "lint of the installed suite", 0, linted, "");
    harness_tool_free(&r);
    char *after = harness_slurp(manifest);
    assert_string_equal(after, before);
    assert_int_not_equal(access(added, F_OK), 0);
    free(after);
    free(linted);
    free(added);
    free(cases_msg);
    free(regen_msg);
    free(fix_msg);
    free(new_msg);
    free(before);
    free(cases);
    free(manifest);
}

static void test_an_installed_suite_is_never_written(void **state)
{
    char *dest = install_into("read-only", "/opt/snapcheck");
    char *bin = sc_xasprintf("%s/opt/snapcheck/bin/snapcheck", dest);
    char *data = sc_xasprintf("%s/opt/snapcheck/share/snapcheck", dest);
    char *marker = sc_xasprintf("%s/%s", data, sc_installed_marker);
    const char *tool = getenv("SNAPCHECK_TOOL") ? getenv("SNAPCHECK_TOOL") : "runner/snapcheck";
    char *own = realpath(tool, NULL);

    (void)state;
    assert_non_null(own);
    /* the marker tells any binary, wherever the data was put */
    expect_file(data, sc_installed_marker, R_OK);
    expect_read_only(own, data, data);
    /* the installed binary knows its data without it */
    assert_int_equal(unlink(marker), 0);
    expect_read_only(bin, data, NULL);
    free(own);
    free(marker);
    free(data);
    free(bin);
    free(dest);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);

    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* The adapters' files in DIR: *.py and *.baseline, sorted, one a line. */
static char *adapter_files(const char *dir)
{
    struct dirent **names;
    struct sc_buf b = { 0 };
    int n = scandir(dir, &names, NULL, alphasort);

    if (n < 0)
        fail_msg("cannot read %s", dir);
    for (int i = 0; i < n; i++) {
        if (ends_with(names[i]->d_name, ".py") || ends_with(names[i]->d_name, ".baseline"))
            sc_buf_printf(&b, "%s\n", names[i]->d_name);
        free(names[i]);
    }
    free(names);
    return sc_buf_steal(&b);
}

/* What "snapcheck --datadir" of the tool at BIN prints, newline aside. */
static char *installed_data_dir(const char *bin)
{
    struct tool_result r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "--datadir", NULL }, NULL);
    size_t n = strlen(r.out);

    if (r.status != 0 || n < 2 || r.out[n - 1] != '\n')
        fail_msg("%s --datadir: exit status %d:\n%s%s", bin, r.status, r.out, r.err);
    char *dir = sc_xasprintf("%.*s", (int)(n - 1), r.out);
    harness_tool_free(&r);
    return dir;
}

/* Every adapter and baseline of the source tree, and nothing else, is
 * installed where --datadir says, a script (#!) as a program; the README
 * they cite is installed too. */
static void test_the_adapters_are_installed(void **state)
{
    char *dest = install_into("adapters", "/opt/snapcheck");
    char *bin = sc_xasprintf("%s/opt/snapcheck/bin/snapcheck", dest);
    char *data = installed_data_dir(bin);
    char *src = sc_xasprintf("%s/adapters", harness_suite->layout.datadir);
    char *installed = sc_xasprintf("%s/adapters", data);
    char *want = adapter_files(src), *got = adapter_files(installed);
    size_t n = 0;

    (void)state;
    assert_string_equal(got, want);
    for (char *line = want, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = '\0';
        char *source = sc_xasprintf("%s/%s", src, line);
        char *text = harness_slurp(source);
        expect_file(installed, line, strncmp(text, "#!", 2) == 0 ? X_OK : R_OK);
        n += ends_with(line, ".baseline");
        free(text);
        free(source);
    }
    assert_true(n >= 1);
    char *docs = sc_xasprintf("%s/opt/snapcheck/share/doc/snapcheck", dest);
    expect_file(docs, "README.md", R_OK);
    free(docs);
    free(got);
    free(want);
    free(installed);
    free(src);
    free(data);
    free(bin);
    free(dest);
}

/* A citation's title, from after its opening quote Q up to the closing
 * one, with each line break (and a comment's "#") as one space. */
static char *cited_title(const char *p, char q)
{
    struct sc_buf b = { 0 };

    for (; *p && *p != q; p++) {
        if (*p == '\n') {
            while (p[1] == ' ' || p[1] == '#')
                p++;
            sc_buf_puts(&b, " ");
        } else {
            sc_buf_add(&b, p, 1);
        }
    }
    return sc_buf_steal(&b);
}

/* Each (README, "Title") or (README.md, 'Title') in the adapters and
 * their baselines names a heading of README.md. */
static void test_adapters_cite_readme_sections_that_exist(void **state)
{
    char *src = sc_xasprintf("%s/adapters", harness_suite->layout.datadir);
    char *readme_path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);
    char *readme = harness_slurp(readme_path);
    char *files = adapter_files(src);
    size_t cited = 0;

    (void)state;
    for (char *line = files, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = '\0';
        char *path = sc_xasprintf("%s/%s", src, line);
        char *text = harness_slurp(path);
        for (char *p = text; (p = strstr(p, "README")); p++) {
            char *q = p + strlen("README");
            if (strncmp(q, ".md", 3) == 0)
                q += 3;
            if (*q != ',')
                continue;
            q++;
            while (*q == ' ' || *q == '\n' || *q == '#')
                q++;
            if (*q != '"' && *q != '\'')
                continue;
            char *title = cited_title(q + 1, *q);
            char *heading = sc_xasprintf("# %s\n", title);
            bool found = false;
            for (char *h = readme; !found && (h = strstr(h, heading)); h++)
                found = h == readme || h[-1] == '#' || h[-1] == '\n';
            if (!found)
                fail_msg("adapters/%s cites README section \"%s\", which README.md does not have", line, title);
            cited++;
            free(heading);
            free(title);
        }
        free(text);
        free(path);
    }
    assert_true(cited >= 3);
    free(files);
    free(readme);
    free(readme_path);
    free(src);
}

/* The interpreter on the #! line of SCRIPT, when it can import libvirt. */
static char *libvirt_python(const char *script)
{
    char *text = harness_slurp(script);
    char *python = NULL;

    if (strncmp(text, "#!", 2) == 0) {
        size_t n = strcspn(text + 2, " \n");
        char *interp = sc_xasprintf("%.*s", (int)n, text + 2);
        char *cmd = sc_xasprintf("'%s' -c 'import libvirt' > /dev/null 2>&1", interp);
        if (system(cmd) == 0)
            python = interp;
        else
            free(interp);
        free(cmd);
    }
    free(text);
    return python;
}

/* The files under DIR, sorted, one a line. */
static char *files_under(const char *dir)
{
    char *cmd = sc_xasprintf("cd '%s' && find . | LC_ALL=C sort", dir);
    FILE *p = popen(cmd, "r");
    struct sc_buf b = { 0 };
    char line[4096];

    assert_non_null(p);
    while (fgets(line, sizeof(line), p))
        sc_buf_puts(&b, line);
    pclose(p);
    free(cmd);
    return sc_buf_steal(&b);
}

/* A valid redefine case that the installed baseline BASELINE does not
 * list: libvirt must give it back as the golden has it. */
static const struct sc_case *unlisted_case(const char *baseline)
{
    char *text = harness_slurp(baseline);
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *found = NULL;

    for (size_t i = 0; i < m->n && !found; i++) {
        char *entry = sc_xasprintf("\n%s:", m->v[i].id);
        if (m->v[i].valid && m->v[i].mode == SC_MODE_REDEFINE && !strstr(text, entry))
            found = &m->v[i];
        free(entry);
    }
    if (!found)
        fail_msg("%s lists every valid redefine case", baseline);
    free(text);
    return found;
}

/* README's example: snapcheck run --impl "$(snapcheck --datadir)/
 * adapters/libvirt_test_driver.py", from the installed copy, run
 * elsewhere than the source tree, writes nothing into it. */
static void test_the_installed_adapter_runs_a_case(void **state)
{
    char *dest = install_into("adapter-run", "/opt/snapcheck");
    char *bin = sc_xasprintf("%s/opt/snapcheck/bin/snapcheck", dest);
    char *data = installed_data_dir(bin);
    char *adapter = sc_xasprintf("%s/adapters/libvirt_test_driver.py", data);
    char *baseline = sc_xasprintf("%s/adapters/libvirt-9.0.0.baseline", data);
    char *python = libvirt_python(adapter);

    (void)state;
    if (!python) {
        print_message("the interpreter on %s's #! line cannot import libvirt (python3-libvirt); "
                      "the run is skipped\n", adapter);
        free(baseline);
        free(adapter);
        free(data);
        free(bin);
        free(dest);
        harness_skip();
    }
    const struct sc_case *c = unlisted_case(baseline);
    char *before = files_under(dest);
    /* Python would write bytecode beside the adapter, unless told not
     * to by the environment: the adapter must not need that */
    char *saved = getenv("PYTHONDONTWRITEBYTECODE") ? sc_xstrdup(getenv("PYTHONDONTWRITEBYTECODE")) : NULL;
    unsetenv("PYTHONDONTWRITEBYTECODE");
    struct tool_result r = harness_tool_at(bin, harness_tmpdir(), (const char *[]){ "run", "--impl", adapter,
                                           "--compare", "envelope", "--filter", c->id, NULL }, NULL);
    if (saved)
        setenv("PYTHONDONTWRITEBYTECODE", saved, 1);
    free(saved);
    if (r.status != 0 || !strstr(r.out, "\n1 passed, 0 failed, 0 errors, 0 skipped\n"))
        fail_msg("the installed adapter on case %s: exit status %d\n%s%s", c->id, r.status, r.out, r.err);
    harness_tool_free(&r);
    char *after = files_under(dest);
    if (strcmp(after, before) != 0)
        fail_msg("running the installed adapter changed the installation:\n--- before:\n%s--- after:\n%s",
                 before, after);
    free(after);
    free(before);
    free(python);
    free(baseline);
    free(adapter);
    free(data);
    free(bin);
    free(dest);
}

/* A C program of ten lines, built with pkg-config against the
 * installed library (shared, then static), validates a document through
 * it, with the bundled schema: a valid one, then one with its line. */
static void test_a_c_program_links_the_library(void **state)
{
    const char *prefix = "/opt/snapcheck";
    char *dest = install_into("library", prefix);
    char *dir = harness_tmp_path("lib-program");
    static const char program[] =
        "#include <stdio.h>\n"
        "#include <snapcheck.h>\n"
        "int main(int argc, char **argv) {\n"
        "    snapcheck_diags *d = NULL;\n"
        "    snapcheck_schema *s = snapcheck_schema_bundled(NULL, &d);\n"
        "    int rc = s && argc > 1 ? snapcheck_validate_file(s, argv[1], SNAPCHECK_REDEFINE, &d) : -1;\n"
        "    for (size_t i = 0; i < snapcheck_diags_count(d); i++)\n"
        "        printf(\"%ld: %s\\n\", snapcheck_diags_line(d, i), snapcheck_diags_message(d, i));\n"
        "    printf(\"%s\\n\", rc == 1 ? \"valid\" : \"invalid\"); snapcheck_diags_free(d); snapcheck_schema_free(s);\n"
        "    return rc == 1 ? 0 : 1;\n"
        "}\n";
    const struct sc_case *good = harness_valid_case(0, SC_MODE_REDEFINE), *bad = NULL;

    (void)state;
    for (size_t i = 0; i < harness_suite->manifest->n && !bad; i++) {
        const struct sc_case *c = &harness_suite->manifest->v[i];
        bad = !c->valid && c->mode == SC_MODE_REDEFINE && c->parser_error && c->schema_error ? c : NULL;
    }
    assert_non_null(bad);
    assert_int_equal(mkdir(dir, 0755), 0);
    free(harness_write(dir, "prog.c", program));
    /* pkg-config finds the installed copy under DESTDIR */
    char *env = sc_xasprintf("PKG_CONFIG_PATH='%s%s/lib/pkgconfig' PKG_CONFIG_SYSROOT_DIR='%s'", dest, prefix, dest);
    /* make check SANITIZE=1 reaches the make that installs (make exports
     * its command line): the library is then instrumented, and so must
     * the program be */
    const char *san = getenv("SANITIZE") && !strcmp(getenv("SANITIZE"), "1") ? "-fsanitize=address,undefined" : "";
    char *build = sc_xasprintf("cd '%s' && %s && cc %s prog.c $(%s pkg-config --cflags --libs snapcheck) -o prog-shared "
                               "> build.log 2>&1 && cc %s prog.c $(%s pkg-config --cflags snapcheck) "
                               "'%s%s/lib/libsnapcheck.a' $(pkg-config --libs libxml-2.0 jansson) -lpthread "
                               "-o prog-static >> build.log 2>&1",
                               dir, env, san, env, san, env, dest, prefix);
    if (system(build) != 0) {
        char *log = sc_xasprintf("%s/build.log", dir), *text = harness_slurp(log);
        fail_msg("the program does not build against the installed library:\n%s", text);
    }
    static const char *const programs[] = { "prog-shared", "prog-static" };
    for (size_t k = 0; k < 2; k++) {
        for (int valid = 1; valid >= 0; valid--) {
            const char *doc = valid ? good->input : bad->input;
            char *run = sc_xasprintf("cd '%s' && SNAPCHECK_DATADIR='%s%s/share/snapcheck' LD_LIBRARY_PATH='%s%s/lib' "
                                     "./%s '%s' > out.txt 2>&1", dir, dest, prefix, dest, prefix, programs[k], doc);
            int status = system(run);
            char *out_path = sc_xasprintf("%s/out.txt", dir), *out = harness_slurp(out_path);
            if (valid ? (status != 0 || strcmp(out, "valid\n") != 0)
                      : (WEXITSTATUS(status) != 1 || !strstr(out, bad->parser_error) || !strstr(out, "\ninvalid\n")))
                fail_msg("%s %s: status %d, said:\n%s", programs[k], doc, status, out);
            free(out);
            free(out_path);
            free(run);
        }
    }
    free(build);
    free(env);
    free(dir);
    free(dest);
}

/* Plain make and make -n install, on a machine with libxml2 but without
 * jansson: they build the tool and the library, install nothing (an
 * apt-get on PATH that would record being called never is), and the
 * tool says what it cannot do without jansson. */
static void test_the_build_needs_only_libxml2(void **state)
{
    const char *src = harness_suite->layout.datadir;
    char *dir = harness_scratch_tree("libxml2-only");
    char *build = sc_xasprintf("%s/build", dir);
    char *tool = sc_xasprintf("%s/snapcheck", build);
    char *log;
    char *script = sc_xasprintf(
        "mkdir -p pc bin && cp \"$(pkg-config --variable=pcfiledir libxml-2.0)/libxml-2.0.pc\" pc/ && "
        "printf '#!/bin/sh\\necho \"$*\" >> %s/apt-get.called\\nexit 1\\n' > bin/apt-get && chmod +x bin/apt-get && "
        "export PATH=\"%s/bin:$PATH\" PKG_CONFIG_LIBDIR=%s/pc && cd '%s' && "
        "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j2 SANITIZE= FUZZ= B='%s' TOOL='%s' > %s/make.log 2>&1 && "
        "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n install SANITIZE= FUZZ= B='%s' TOOL='%s' >> %s/make.log 2>&1 && "
        "cat %s/make.log && test ! -e %s/apt-get.called && ! grep -q -- -DSC_HAVE_JANSSON '%s/config.mk'\n",
        dir, dir, dir, src, build, tool, dir, build, tool, dir, dir, dir, build);

    (void)state;
    harness_progress("building with libxml2 and without jansson (a full build)");
    if (harness_sh_in(dir, "", script, &log) != 0)
        fail_msg("make without jansson:\n%s", log);
    assert_non_null(strstr(log, "snapcheck: building without jansson"));
    /* what needs only libxml2 works; reading a report back says why not */
    struct tool_result ok = harness_tool_at(tool, dir, (const char *[]){ "states", NULL }, src);
    assert_int_equal(ok.status, 0);
    char *jsonl = harness_write(dir, "r.jsonl", "{}\n");
    struct tool_result no = harness_tool_at(tool, dir, (const char *[]){ "report", "--html", "site", jsonl, NULL }, src);
    assert_int_equal(no.status, 2);
    assert_non_null(strstr(no.err, "snapcheck was built without jansson"));
    harness_tool_free(&ok);
    harness_tool_free(&no);
    free(jsonl);
    free(log);
    free(script);
    free(tool);
    free(build);
    free(dir);
}

/* The library's API itself: a schema per profile, a document from
 * memory, the canonical form, the state table. */
static void test_the_library_api(void **state)
{
    const struct sc_case *good = harness_valid_case(0, SC_MODE_REDEFINE);
    snapcheck_diags *d = NULL;
    char *text = harness_slurp(good->input), *golden = harness_slurp(good->golden);

    (void)state;
    char *saved = getenv("SNAPCHECK_DATADIR") ? sc_xstrdup(getenv("SNAPCHECK_DATADIR")) : NULL;
    setenv("SNAPCHECK_DATADIR", harness_suite->layout.datadir, 1);
    snapcheck_schema *newest = snapcheck_schema_bundled(NULL, &d), *old = snapcheck_schema_bundled("libvirt-0.9.5", &d);
    assert_non_null(newest);
    assert_non_null(old);
    assert_int_equal(snapcheck_validate_memory(newest, text, strlen(text), "good.xml", SNAPCHECK_REDEFINE, &d), 1);
    assert_int_equal(snapcheck_diags_count(d), 0);
    snapcheck_diags_free(d);
    /* <memory> came in 1.0.1: the 0.9.5 schema refuses it, each problem with its line */
    static const char with_memory[] = "<domainsnapshot>\n  <name>m</name>\n  <state>running</state>\n"
                                      "  <creationTime>1</creationTime>\n  <memory snapshot='no'/>\n</domainsnapshot>\n";
    assert_int_equal(snapcheck_validate_memory(old, with_memory, strlen(with_memory), "m.xml", SNAPCHECK_REDEFINE,
                                               &d), 0);
    assert_true(snapcheck_diags_count(d) > 0);
    assert_true(snapcheck_diags_line(d, 0) > 0);
    assert_non_null(snapcheck_diags_message(d, 0));
    snapcheck_diags_free(d);
    assert_null(snapcheck_schema_bundled("libvirt-1.0", &d));
    assert_non_null(strstr(snapcheck_diags_message(d, 0), "unknown profile 'libvirt-1.0'"));
    snapcheck_diags_free(d);
    char *out = snapcheck_format(text, strlen(text), SNAPCHECK_REDEFINE, 0, &d);
    assert_non_null(out);
    assert_string_equal(out, golden);
    free(out);
    snapcheck_diags_free(d);
    assert_int_equal(snapcheck_state_count(), SC_STATE_LAST);
    for (size_t i = 0; i < snapcheck_state_count(); i++) {
        assert_string_equal(snapcheck_state_name(i), sc_state_to_string((enum sc_state)i));
        assert_int_equal(snapcheck_state_accepted(i), sc_state_accepted((enum sc_state)i));
    }
    if (saved)
        setenv("SNAPCHECK_DATADIR", saved, 1);
    else
        unsetenv("SNAPCHECK_DATADIR");
    free(saved);
    snapcheck_schema_free(old);
    snapcheck_schema_free(newest);
    free(golden);
    free(text);
}

int harness_run_install(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datadir_names_the_data_directory),
        cmocka_unit_test(test_a_wrong_data_directory_is_named),
        cmocka_unit_test(test_an_installation_finds_its_data),
        cmocka_unit_test(test_an_installed_suite_is_never_written),
        cmocka_unit_test(test_the_adapters_are_installed),
        cmocka_unit_test(test_adapters_cite_readme_sections_that_exist),
        cmocka_unit_test(test_the_installed_adapter_runs_a_case),
        cmocka_unit_test(test_a_c_program_links_the_library),
        cmocka_unit_test(test_the_library_api),
        cmocka_unit_test(test_the_build_needs_only_libxml2),
    };

    return harness_group("install", tests, NULL, NULL);
}
