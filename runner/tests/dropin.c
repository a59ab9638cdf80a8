/*
 * tests/dropin.c: the drop-in CI files under ci/, run as GitHub and
 * GitLab would run them.  Each file is read with libyaml; every shell
 * step it holds runs, as written, in a scratch driver project (the
 * install step builds and installs snapcheck into a scratch prefix),
 * and what the step leaves (reports, the job summary) is checked.  The
 * steps that are not shell (GitHub's artifact upload, GitLab's
 * artifacts) are checked to name the reports the shell steps write.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <yaml.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/impls.h"

/* --- YAML, through libyaml's document API --- */

struct yaml {
    yaml_document_t doc;
    char *path;
};

static void yaml_load(struct yaml *y, const char *path)
{
    char *text = harness_slurp(path);
    yaml_parser_t parser;

    y->path = sc_xstrdup(path);
    assert_true(yaml_parser_initialize(&parser));
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
    if (!yaml_parser_load(&parser, &y->doc) || !yaml_document_get_root_node(&y->doc))
        fail_msg("%s:%zu: not YAML: %s", path, parser.problem_mark.line + 1,
                 parser.problem ? parser.problem : "empty");
    yaml_parser_delete(&parser);
    free(text);
}

static void yaml_free(struct yaml *y)
{
    yaml_document_delete(&y->doc);
    free(y->path);
}

static yaml_node_t *root(struct yaml *y)
{
    return yaml_document_get_root_node(&y->doc);
}

/* The value of KEY in the mapping NODE, or NULL. */
static yaml_node_t *get(struct yaml *y, yaml_node_t *node, const char *key)
{
    if (!node || node->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(&y->doc, p->value);
    }
    return NULL;
}

/* The scalar at KEY of NODE, or NULL. */
static const char *get_str(struct yaml *y, yaml_node_t *node, const char *key)
{
    yaml_node_t *v = get(y, node, key);

    return v && v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
}

static size_t seq_len(yaml_node_t *node)
{
    return node && node->type == YAML_SEQUENCE_NODE
               ? (size_t)(node->data.sequence.items.top - node->data.sequence.items.start)
               : 0;
}

static yaml_node_t *seq_at(struct yaml *y, yaml_node_t *node, size_t i)
{
    return yaml_document_get_node(&y->doc, node->data.sequence.items.start[i]);
}

/* --- shell --- */

/* VALUE quoted for sh. */
static void sh_quote(struct sc_buf *b, const char *value)
{
    sc_buf_puts(b, "'");
    for (const char *p = value; *p; p++) {
        if (*p == '\'')
            sc_buf_puts(b, "'\\''");
        else
            sc_buf_add(b, p, 1);
    }
    sc_buf_puts(b, "'");
}

static void export_var(struct sc_buf *b, const char *name, const char *value)
{
    sc_buf_printf(b, "export %s=", name);
    sh_quote(b, value);
    sc_buf_puts(b, "\n");
}

/* --- GitHub: the composite action --- */

/* What one run of the action is given and what stands in for GitHub. */
struct github {
    struct yaml y;
    const char *const *inputs;   /* name, value, …, NULL: the workflow's with: */
    char *runner_temp, *summary, *action_path;
};

static const char *input(struct github *g, const char *name)
{
    yaml_node_t *declared = get(&g->y, get(&g->y, root(&g->y), "inputs"), name);

    if (!declared)
        fail_msg("%s: ${{ inputs.%s }} is not a declared input", g->y.path, name);
    for (size_t i = 0; g->inputs[i]; i += 2) {
        if (strcmp(g->inputs[i], name) == 0)
            return g->inputs[i + 1];
    }
    const char *def = get_str(&g->y, declared, "default");
    return def ? def : "";
}

/* TEXT with each ${{ … }} expression evaluated as GitHub would; an
 * expression the test does not know fails it, so that the action uses
 * only what is checked here. */
static char *expand(struct github *g, const char *text)
{
    struct sc_buf b = { 0 };

    sc_buf_puts(&b, "");
    for (const char *p = text; *p;) {
        const char *open = strstr(p, "${{");
        if (!open) {
            sc_buf_puts(&b, p);
            break;
        }
        sc_buf_add(&b, p, (size_t)(open - p));
        const char *close = strstr(open, "}}");
        assert_non_null(close);
        char *expr = sc_xasprintf("%.*s", (int)(close - open - 3), open + 3);
        char *e = expr + strspn(expr, " ");
        e[strcspn(e, " ")] = '\0';
        if (strncmp(e, "inputs.", 7) == 0)
            sc_buf_puts(&b, input(g, e + 7));
        else if (strcmp(e, "runner.temp") == 0)
            sc_buf_puts(&b, g->runner_temp);
        else
            fail_msg("%s: the expression ${{ %s }} is not one this test evaluates", g->y.path, e);
        free(expr);
        p = close + 2;
    }
    return sc_buf_steal(&b);
}

/* Runs the steps of the action in DIR (a driver project, PRELUDE
 * setting it up), the shell steps from the FIRST on (1: the install
 * has run already); the status of the first step that fails, with its
 * name and output in *LOG, or 0.  Non-shell steps are checked to
 * upload REPORT_DIR whatever happened before. */
static int run_action(struct github *g, const char *dir, const char *prelude, size_t first, char **log)
{
    size_t shell_steps = 0;

    yaml_node_t *runs = get(&g->y, root(&g->y), "runs");
    yaml_node_t *steps = get(&g->y, runs, "steps");
    int failed = 0;

    *log = NULL;
    assert_string_equal(get_str(&g->y, runs, "using"), "composite");
    assert_true(seq_len(steps) > 0);
    for (size_t i = 0; i < seq_len(steps); i++) {
        yaml_node_t *step = seq_at(&g->y, steps, i);
        const char *name = get_str(&g->y, step, "name"), *run = get_str(&g->y, step, "run");
        const char *uses = get_str(&g->y, step, "uses"), *cond = get_str(&g->y, step, "if");
        if (uses) {
            /* the upload runs after a failed step too, and takes the reports */
            char *path = expand(g, get_str(&g->y, get(&g->y, step, "with"), "path"));
            if (strncmp(uses, "actions/upload-artifact@", 24) != 0 || !cond || strcmp(cond, "always()") != 0 ||
                strcmp(path, input(g, "report-dir")) != 0)
                fail_msg("%s: step '%s' is not an upload of %s that always runs", g->y.path, name,
                         input(g, "report-dir"));
            free(path);
            continue;
        }
        assert_non_null(run);
        if (shell_steps++ == 0 && !strstr(run, "/install.sh"))
            fail_msg("%s: the first step, '%s', does not install snapcheck", g->y.path, name);
        if (failed || shell_steps <= first)
            continue;   /* GitHub skips the shell steps after a failure */
        const char *shell = get_str(&g->y, step, "shell");
        if (!shell || strcmp(shell, "sh") != 0)
            fail_msg("%s: step '%s' runs in '%s', not sh", g->y.path, name, shell ? shell : "(none)");
        struct sc_buf pre = { 0 };
        sc_buf_printf(&pre, "%s\nunset SNAPCHECK_DATADIR\n", prelude);
        export_var(&pre, "GITHUB_ACTION_PATH", g->action_path);
        export_var(&pre, "RUNNER_TEMP", g->runner_temp);
        export_var(&pre, "GITHUB_STEP_SUMMARY", g->summary);
        yaml_node_t *env = get(&g->y, step, "env");
        for (yaml_node_pair_t *p = env ? env->data.mapping.pairs.start : NULL; env && p < env->data.mapping.pairs.top;
             p++) {
            yaml_node_t *k = yaml_document_get_node(&g->y.doc, p->key), *v = yaml_document_get_node(&g->y.doc, p->value);
            char *value = expand(g, (const char *)v->data.scalar.value);
            export_var(&pre, (const char *)k->data.scalar.value, value);
            free(value);
        }
        char *script = expand(g, run), *out;
        harness_progress("ci/github/action.yml: %s", name);
        int status = harness_sh_in(dir, pre.data, script, &out);
        if (status) {
            failed = status;
            *log = sc_xasprintf("step '%s' exited with status %d:\n%s", name, status, out);
        }
        free(out);
        free(script);
        sc_buf_free(&pre);
    }
    return failed;
}

static char *source_dir(void)
{
    char *full = realpath(harness_suite->layout.datadir, NULL);
    char *makefile = full ? sc_xasprintf("%s/ci/install.sh", full) : NULL;

    if (!makefile || access(makefile, R_OK) != 0) {
        print_message("%s: not a source tree, no ci/ to run\n", harness_suite->layout.datadir);
        free(makefile);
        free(full);
        harness_skip();
    }
    free(makefile);
    return full;
}

/* A JUnit report's tests= and failures= of its test suite. */
static void junit_counts(const char *path, long *tests, long *failures)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);

    if (!doc)
        fail_msg("%s: not XML", path);
    xmlNodePtr r = xmlDocGetRootElement(doc);
    r = r ? xmlFirstElementChild(r) : NULL;   /* the testsuite */
    assert_non_null(r);
    xmlChar *t = xmlGetProp(r, BAD_CAST "tests"), *f = xmlGetProp(r, BAD_CAST "failures");
    assert_non_null(t);
    assert_non_null(f);
    *tests = strtol((const char *)t, NULL, 10);
    *failures = strtol((const char *)f, NULL, 10);
    xmlFree(t);
    xmlFree(f);
    xmlFreeDoc(doc);
}

static void expect_file_has(const char *path, const char *what)
{
    char *text = access(path, R_OK) == 0 ? harness_slurp(path) : NULL;

    if (!text || !strstr(text, what))
        fail_msg("%s %s '%s'%s%s", path, text ? "lacks" : "was not written, so lacks", what, text ? ":\n" : "",
                 text ? text : "");
    free(text);
}

/* The action, in a driver project: it installs snapcheck, validates the
 * project's documents and runs the suite through its implementation
 * with a baseline; the reports are in the report directory and the
 * Markdown of both is on the job's summary.  Then one case fails: the
 * run step fails, and the reports and summary say which. */
static void test_github_action(void **state)
{
    char *src = source_dir();
    char *dir = harness_tmp_path("dropin-github");
    char *action = sc_xasprintf("%s/ci/github/action.yml", src);
    struct github g = { .runner_temp = sc_xasprintf("%s/runner", dir), .summary = sc_xasprintf("%s/summary.md", dir),
                        .action_path = sc_xasprintf("%s/ci/github", src) };
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *victim = harness_valid_case(0, SC_MODE_REDEFINE);
    long tests, failures;
    char *log;

    (void)state;
    if (victim == harness_smoke_case())
        victim = harness_valid_case(1, SC_MODE_REDEFINE);
    assert_int_equal(mkdir(dir, 0755), 0);
    char *project = harness_driver_project(dir);
    /* the install step's build need not be optimised here, and must not
     * join the jobserver of the make that runs make check */
    char *prelude = sc_xasprintf("%s\nexport CFLAGS=-O0 TMPDIR='%s'\nunset MAKEFLAGS MFLAGS MAKELEVEL\n", project,
                                 harness_tmpdir());
    assert_int_equal(mkdir(g.runner_temp, 0755), 0);
    char *ci = sc_xasprintf("%s/ci", dir);
    /* the baseline, made once as README says: the reference formatter
     * does not check the schema, so the cases only the schema refuses
     * are its known failures */
    char *out;
    if (harness_sh_in(dir, project, "snapcheck run --impl ./ci/snapshot-roundtrip --baseline "
                                    "ci/snapcheck.baseline --update-baseline", &out) != 0)
        fail_msg("the baseline could not be made:\n%s", out);
    free(out);
    yaml_load(&g.y, action);
    g.inputs = (const char *const[]){ "validate", "tests/snapshots", "impl", "./ci/snapshot-roundtrip",
                                      "baseline", "ci/snapcheck.baseline", NULL };
    free(harness_write(dir, "summary.md", "# earlier steps\n"));
    int status = run_action(&g, dir, prelude, 0, &log);
    if (status)
        fail_msg("ci/github/action.yml in a conforming project: %s", log);
    char *installed = sc_xasprintf("%s/snapcheck/bin/snapcheck", g.runner_temp);
    assert_int_equal(access(installed, X_OK), 0);
    char *reports = sc_xasprintf("%s/snapcheck-reports", dir);
    char *run_xml = sc_xasprintf("%s/run.xml", reports), *validate_xml = sc_xasprintf("%s/validate.xml", reports);
    size_t known = harness_schema_only_cases();
    junit_counts(run_xml, &tests, &failures);
    assert_int_equal(tests, (long)m->n);
    assert_int_equal(failures, 0);   /* known failures are skips to JUnit */
    junit_counts(validate_xml, &tests, &failures);
    assert_true(tests > 0);
    assert_int_equal(failures, 0);
    char *passed = sc_xasprintf("%zu/%zu passed", m->n - known, m->n);
    expect_file_has(g.summary, "# earlier steps\n");   /* appended, not replaced */
    expect_file_has(g.summary, passed);
    char *valid = sc_xasprintf("%ld/%ld passed", tests, tests);
    expect_file_has(g.summary, valid);

    /* one case fails: the step fails, every report and the summary name it */
    char *impl = sc_xasprintf("if [ \"$SNAPCHECK_CASE\" = '%s' ]; then echo '<domainsnapshot><name>wrong</name>"
                              "</domainsnapshot>'; else exec ./ci/snapshot-roundtrip; fi", victim->id);
    g.inputs = (const char *const[]){ "impl", impl, "baseline", "ci/snapcheck.baseline", "report-dir", "out", NULL };
    free(harness_write(dir, "summary.md", ""));
    status = run_action(&g, dir, prelude, 1, &log);
    if (status != 1 || !strstr(log, "step 'Run snapcheck' exited with status 1"))
        fail_msg("a new failure: status %d, %s", status, log ? log : "");
    free(log);
    char *out_xml = sc_xasprintf("%s/out/run.xml", dir);
    junit_counts(out_xml, &tests, &failures);
    assert_int_equal(failures, 1);
    expect_file_has(out_xml, victim->id);
    expect_file_has(g.summary, victim->id);
    char *validate_out = sc_xasprintf("%s/out/validate.xml", dir);
    assert_int_equal(access(validate_out, F_OK), -1);   /* not asked for */

    /* an implementation that cannot start: status 3, and the summary says so */
    g.inputs = (const char *const[]){ "impl", "./no-such-roundtrip", "report-dir", "out", NULL };
    free(harness_write(dir, "summary.md", ""));
    status = run_action(&g, dir, prelude, 1, &log);
    if (status != 3)
        fail_msg("an implementation that cannot start: status %d, %s", status, log ? log : "");
    free(log);
    expect_file_has(g.summary, "No report: snapcheck run exited with status 3 before running the suite (the "
                               "implementation could not be started or fails the smoke case)");

    /* nothing asked: a usage error */
    g.inputs = (const char *const[]){ NULL };
    status = run_action(&g, dir, prelude, 1, &log);
    if (status != 2 || !strstr(log, "snapcheck-ci: nothing to do: set SNAPCHECK_VALIDATE"))
        fail_msg("nothing asked: status %d, %s", status, log ? log : "");
    free(log);

    yaml_free(&g.y);
    free(validate_out);
    free(out_xml);
    free(impl);
    free(valid);
    free(passed);
    free(run_xml);
    free(validate_xml);
    free(reports);
    free(installed);
    free(ci);
    free(prelude);
    free(project);
    free(g.runner_temp);
    free(g.summary);
    free(g.action_path);
    free(action);
    free(dir);
    free(src);
}

/* --- GitLab: the job template --- */

/* The template's job, extended by a project as README shows, runs its
 * before_script and script lines as written (with the project's
 * variables over the template's), and its artifacts publish the JUnit
 * reports those lines write. */
static void test_gitlab_template(void **state)
{
    char *src = source_dir();
    char *dir = harness_tmp_path("dropin-gitlab");
    char *path = sc_xasprintf("%s/ci/gitlab/snapcheck.yml", src);
    struct yaml y;

    (void)state;
    assert_int_equal(mkdir(dir, 0755), 0);
    yaml_load(&y, path);
    yaml_node_t *job = get(&y, root(&y), ".snapcheck");
    yaml_node_t *artifacts = get(&y, job, "artifacts");
    yaml_node_t *vars = get(&y, job, "variables");
    if (!job || !artifacts || !vars)
        fail_msg("%s: no .snapcheck job with variables and artifacts", path);
    const char *report_dir = get_str(&y, vars, "SNAPCHECK_REPORT_DIR");
    const char *junit = get_str(&y, get(&y, artifacts, "reports"), "junit");
    char *want_junit = sc_xasprintf("%s/*.xml", report_dir ? report_dir : "?");
    if (!junit || strcmp(junit, want_junit) != 0 || !get_str(&y, artifacts, "when") ||
        strcmp(get_str(&y, artifacts, "when"), "always") != 0)
        fail_msg("%s: the artifacts must always publish %s as reports: junit", path, want_junit);

    /* the project: snapcheck's checkout where SNAPCHECK_SRC says */
    char *project = harness_driver_project(dir);
    struct sc_buf pre = { 0 };
    sc_buf_printf(&pre, "%s\nunset SNAPCHECK_DATADIR MAKEFLAGS MFLAGS MAKELEVEL\nexport CFLAGS=-O0 TMPDIR='%s'\n",
                  project, harness_tmpdir());
    for (yaml_node_pair_t *p = vars->data.mapping.pairs.start; p < vars->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&y.doc, p->key), *v = yaml_document_get_node(&y.doc, p->value);
        export_var(&pre, (const char *)k->data.scalar.value, (const char *)v->data.scalar.value);
    }
    char *prefix = sc_xasprintf("%s/opt-snapcheck", dir);
    export_var(&pre, "SNAPCHECK_SRC", src);
    export_var(&pre, "SNAPCHECK_PREFIX", prefix);
    export_var(&pre, "SNAPCHECK_VALIDATE", "tests/snapshots");
    export_var(&pre, "SNAPCHECK_IMPL", "./ci/snapshot-roundtrip");
    export_var(&pre, "SNAPCHECK_BASELINE", "ci/snapcheck.baseline");
    char *made;
    if (harness_sh_in(dir, project, "snapcheck run --impl ./ci/snapshot-roundtrip --baseline "
                                    "ci/snapcheck.baseline --update-baseline", &made) != 0)
        fail_msg("the baseline could not be made:\n%s", made);
    free(made);
    static const char *const parts[] = { "before_script", "script" };
    for (size_t k = 0; k < 2; k++) {
        yaml_node_t *lines = get(&y, job, parts[k]);
        assert_true(seq_len(lines) > 0);
        for (size_t i = 0; i < seq_len(lines); i++) {
            yaml_node_t *line = seq_at(&y, lines, i);
            char *out;
            harness_progress("ci/gitlab/snapcheck.yml: %s line %zu", parts[k], i + 1);
            if (harness_sh_in(dir, pre.data, (const char *)line->data.scalar.value, &out) != 0)
                fail_msg("%s: %s line %zu failed:\n%s", path, parts[k], i + 1, out);
            free(out);
        }
    }
    long tests, failures;
    char *run_xml = sc_xasprintf("%s/%s/run.xml", dir, report_dir);
    char *validate_xml = sc_xasprintf("%s/%s/validate.xml", dir, report_dir);
    junit_counts(run_xml, &tests, &failures);
    assert_int_equal(tests, (long)harness_suite->manifest->n);
    assert_int_equal(failures, 0);
    junit_counts(validate_xml, &tests, &failures);
    assert_true(tests > 0);
    assert_int_equal(failures, 0);

    free(validate_xml);
    free(run_xml);
    free(prefix);
    sc_buf_free(&pre);
    free(project);
    free(want_junit);
    yaml_free(&y);
    free(path);
    free(dir);
    free(src);
}

/* What the shared script and the install script refuse, each said
 * with its exit status. */
static void test_ci_scripts_refuse_clearly(void **state)
{
    char *src = source_dir();
    char *dir = harness_tmp_path("dropin-refusals");
    char *script = sc_xasprintf("sh '%s/ci/snapcheck-ci.sh'", src);
    char *install = sc_xasprintf("sh '%s/ci/install.sh'", src);
    const struct {
        const char *env, *says;
        char *const *cmd;
    } refused[] = {
        { "SNAPCHECK=/nonexistent/snapcheck SNAPCHECK_IMPL=true",
          "snapcheck-ci: cannot find the snapcheck program '/nonexistent/snapcheck' (set SNAPCHECK)\n", &script },
        { "SNAPCHECK_IMPL=true SNAPCHECK_BASELINE=ci/none.baseline",
          "snapcheck-ci: the baseline ci/none.baseline does not exist; make it once with: snapcheck run --impl "
          "COMMAND --baseline ci/none.baseline --update-baseline\n", &script },
        { "", "snapcheck-ci: nothing to do: set SNAPCHECK_VALIDATE (documents to validate) and/or SNAPCHECK_IMPL "
              "(an implementation to run the suite through)\n", &script },
        { "", "usage: install.sh PREFIX\n", &install },
    };

    (void)state;
    assert_int_equal(mkdir(dir, 0755), 0);
    char *prelude = harness_driver_project(dir);
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        char *line = sc_xasprintf("%s %s 2>&1", refused[i].env, *refused[i].cmd), *out;
        int status = harness_sh_in(dir, prelude, line, &out);
        if (status != 2 || strcmp(out, refused[i].says) != 0)
            fail_msg("%s: exit %d, said:\n%s\nnot:\n%s", line, status, out, refused[i].says);
        free(out);
        free(line);
    }
    char *reports = sc_xasprintf("%s/snapcheck-reports", dir);
    assert_int_equal(access(reports, F_OK), -1);   /* nothing was written */
    free(reports);
    free(prelude);
    free(install);
    free(script);
    free(dir);
    free(src);
}

/* README shows both files, and how a project uses each. */
static void test_readme_shows_the_dropins(void **state)
{
    char *path = sc_xasprintf("%s/README.md", harness_suite->layout.datadir);
    char *doc = harness_slurp(path);
    static const char *const shown[] = {
        "uses: ./snapcheck/ci/github", "ci/gitlab/snapcheck.yml", "extends: .snapcheck", "SNAPCHECK_IMPL",
        "$GITHUB_STEP_SUMMARY",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
        if (!strstr(doc, shown[i]))
            fail_msg("README.md does not show '%s'", shown[i]);
    }
    free(doc);
    free(path);
}

int harness_run_dropin(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_github_action),
        cmocka_unit_test(test_gitlab_template),
        cmocka_unit_test(test_ci_scripts_refuse_clearly),
        cmocka_unit_test(test_readme_shows_the_dropins),
    };

    return harness_group("dropin", tests, NULL, NULL);
}
