/*
 * tests/impls.c: implementations for run --impl as tests write them
 * (tests/impls.h): the reference formatter behind the protocol, shell
 * scripts that answer some cases their own way or log what they are
 * given, a driver project's; the smoke case and the cases they are
 * tried on; small copies of the suite.
 */
#include "tests/impls.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/parser.h>

#include "util/buf.h"
#include "suite/run.h"
#include "tests/fixture.h"

char *harness_reference_impl(void)
{
    const char *tool = getenv("SNAPCHECK_TOOL");

    return sc_xasprintf("'%s' format --reason --$SNAPCHECK_MODE --now $SNAPCHECK_NOW -",
                        tool ? tool : "runner/snapcheck");
}

char *harness_impl_for(const struct sc_case *c, char *impl)
{
    char *ref = harness_reference_impl();
    char *cmd = sc_xasprintf("if [ \"$SNAPCHECK_CASE\" = '%s' ]; then %s; else %s; fi", c->id, impl, ref);

    free(ref);
    free(impl);
    return cmd;
}

char *harness_small_suite(const char *name, const struct sc_case *const *c, size_t n)
{
    char *dir = harness_scratch_tree(name);
    char *manifest = sc_xasprintf("%s/cases/manifest.xml", dir);
    xmlDocPtr doc = xmlReadFile(manifest, NULL, XML_PARSE_NONET);

    assert_non_null(doc);
    for (xmlNodePtr node = xmlDocGetRootElement(doc)->children, next; node; node = next) {
        xmlChar *id = xmlGetProp(node, BAD_CAST "id");
        bool keep = id && xmlStrEqual(id, BAD_CAST harness_smoke_case()->id);
        next = node->next;
        for (size_t i = 0; id && i < n; i++)
            keep = keep || xmlStrEqual(id, BAD_CAST c[i]->id);
        if (!keep) {
            xmlUnlinkNode(node);
            xmlFreeNode(node);
        }
        xmlFree(id);
    }
    assert_true(xmlSaveFile(manifest, doc) > 0);
    xmlFreeDoc(doc);
    free(manifest);
    return dir;
}

char *harness_scripted_impl(const char *name, const char *const *ids, const char *const *actions, size_t n)
{
    char *ref = harness_reference_impl();
    char *file = sc_xasprintf("%s.sh", name);
    struct sc_buf script = { 0 };

    sc_buf_puts(&script, "#!/bin/sh\ncase \"$SNAPCHECK_CASE\" in\n");
    for (size_t i = 0; i < n; i++)
        sc_buf_printf(&script, "%s) %s ;;\n", ids[i], actions[i]);
    sc_buf_printf(&script, "esac\nexec %s\n", ref);
    char *cmd = harness_impl_script(file, script.data);

    free(file);
    sc_buf_free(&script);
    free(ref);
    return cmd;
}

char *harness_verdicts(size_t passed, size_t failed, size_t errors, size_t skipped)
{
    return sc_xasprintf("\n%zu passed, %zu failed, %zu %s, %zu skipped\n", passed, failed, errors,
                        errors == 1 ? "error" : "errors", skipped);
}

size_t harness_schema_only_cases(void)
{
    const struct sc_manifest *m = harness_suite->manifest;
    size_t n = 0;

    for (size_t i = 0; i < m->n; i++)
        n += !m->v[i].valid && !m->v[i].parser_error;
    return n;
}

const struct sc_case *harness_smoke_case(void)
{
    const struct sc_case *c = sc_smoke_case(harness_suite, SC_MODE_REDEFINE);

    assert_non_null(c);
    return c;
}

char *harness_smoke_guard(void)
{
    char *ref = harness_reference_impl();
    char *guard = sc_xasprintf("[ \"$SNAPCHECK_CASE\" = '%s' ] && exec %s", harness_smoke_case()->id, ref);

    free(ref);
    return guard;
}

const struct sc_case *harness_valid_case(size_t k, enum sc_mode mode)
{
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *smoke = harness_smoke_case();

    for (size_t i = 0; i < m->n; i++) {
        if (m->v[i].valid && m->v[i].mode == mode && &m->v[i] != smoke && k-- == 0)
            return &m->v[i];
    }
    fail_msg("not enough valid %s cases", sc_mode_to_string(mode));
    return NULL;
}

char *harness_impl_script(const char *name, const char *script)
{
    char *path = harness_write(harness_tmpdir(), name, script);
    char *cmd = sc_xasprintf("sh '%s'", path);

    free(path);
    return cmd;
}

/* A script that appends $SNAPCHECK_CASE to LOG, then runs BODY. */
static char *logging_script(const char *log, const char *body)
{
    return sc_xasprintf("#!/bin/sh\necho \"$SNAPCHECK_CASE\" >> '%s'\n%s\n", log, body);
}

char *harness_logging_impl(const char *name, const char *log, const char *body)
{
    char *file = sc_xasprintf("%s.sh", name);
    char *script = logging_script(log, body);
    char *cmd = harness_impl_script(file, script);

    free(script);
    free(file);
    return cmd;
}

char *harness_driver_project(const char *dir)
{
    const char *tool = getenv("SNAPCHECK_TOOL");
    char abs[PATH_MAX];

    assert_non_null(realpath(tool ? tool : "runner/snapcheck", abs));
    char *setup = sc_xasprintf("mkdir -p '%s/bin' '%s/ci' '%s/tests/snapshots' && ln -sf '%s' '%s/bin/snapcheck' && "
                               "cp '%s/golden/'state-*.xml '%s/tests/snapshots/'", dir, dir, dir, abs, dir,
                               harness_suite->layout.datadir, dir);
    char *log = sc_xasprintf("%s/roundtrip.log", dir);
    char *roundtrip = logging_script(log, "exec snapcheck format --reason --$SNAPCHECK_MODE --now $SNAPCHECK_NOW -");
    char *ci = sc_xasprintf("%s/ci", dir);

    assert_int_equal(system(setup), 0);
    char *path = harness_write(ci, "snapshot-roundtrip", roundtrip);
    assert_int_equal(chmod(path, 0755), 0);
    free(path);
    free(ci);
    free(roundtrip);
    free(log);
    free(setup);
    /* git add has nothing to do here but must work */
    return sc_xasprintf("export PATH='%s/bin':\"$PATH\" SNAPCHECK_DATADIR='%s' NO_COLOR=1\n"
                        "git() { :; }\n", dir, harness_suite->layout.datadir);
}
