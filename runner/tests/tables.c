/*
 * tests/tables.c: tests of the state table (exhaustiveness, exact
 * conversion, a valid case for every accepted state) and of the parity
 * check (the shipped schema agrees; altered and split schemas and
 * libvirt's installed schema are each reported as they should be).
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "util/buf.h"
#include "schema/grammar.h"
#include "schema/parity.h"
#include "suite/suite.h"
#include "model/states.h"
#include "tests/fixture.h"
#include "tests/groups.h"

#define LIBVIRT_SCHEMA "/usr/share/libvirt/schemas/domainsnapshot.rng"

static void test_every_state_round_trips(void **state)
{
    (void)state;
    for (int i = 0; i < SC_STATE_LAST; i++) {
        const char *s = sc_state_to_string((enum sc_state)i);
        assert_non_null(s);
        assert_int_equal(sc_state_from_string(s), i);
    }
    assert_null(sc_state_to_string(SC_STATE_LAST));
}

static void test_lookup_is_exact(void **state)
{
    static const char *const bad[] = { "", "0", "1", "8", "none", "LAST", NULL };

    (void)state;
    for (int i = 0; i < SC_STATE_LAST; i++) {
        const char *s = sc_state_to_string((enum sc_state)i);
        char *variants[] = {
            sc_xasprintf(" %s", s), sc_xasprintf("%s ", s), sc_xasprintf("%s\n", s),
            sc_xasprintf("%c%s", s[0] - 32, s + 1), sc_xasprintf("%d", i),
        };
        for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]); v++) {
            if (sc_state_from_string(variants[v]) != -1)
                fail_msg("'%s' must not name a state", variants[v]);
            free(variants[v]);
        }
    }
    for (int i = 0; bad[i]; i++)
        assert_int_equal(sc_state_from_string(bad[i]), -1);
    assert_int_equal(sc_state_from_string(NULL), -1);
}

static void test_nostate_rejected_disk_snapshot_last(void **state)
{
    (void)state;
    assert_int_equal(sc_state_from_string("nostate"), SC_STATE_NOSTATE);
    assert_false(sc_state_accepted(SC_STATE_NOSTATE));
    assert_true(sc_state_accepted(SC_STATE_DISK_SNAPSHOT));
    assert_false(sc_state_is_domain_state(SC_STATE_DISK_SNAPSHOT));
    assert_int_equal(SC_STATE_DISK_SNAPSHOT, SC_STATE_LAST - 1);
    /* the list names exactly the accepted states */
    for (int i = 0; i < SC_STATE_LAST; i++) {
        const char *name = sc_state_to_string((enum sc_state)i);
        bool listed = strstr(sc_state_accepted_list(), name) != NULL;
        if (listed != sc_state_accepted((enum sc_state)i))
            fail_msg("'%s' is %s the accepted list '%s'", name, listed ? "in" : "not in", sc_state_accepted_list());
    }
}

/* The <state> of a golden file, read with XPath. */
static char *golden_state(const char *path)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    xmlXPathContextPtr ctx = doc ? xmlXPathNewContext(doc) : NULL;
    xmlXPathObjectPtr res = ctx ? xmlXPathEval(BAD_CAST "string(/domainsnapshot/state)", ctx) : NULL;
    char *out = res && res->stringval ? sc_xstrdup((const char *)res->stringval) : NULL;

    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return out;
}

/* The states of the valid redefine and internal cases of M, counted
 * from their goldens into SEEN. */
static void count_states(const struct sc_manifest *m, int *seen)
{
    for (size_t i = 0; i < m->n; i++) {
        if (!m->v[i].valid || m->v[i].mode == SC_MODE_CREATE)
            continue;
        char *s = golden_state(m->v[i].golden);
        int st = sc_state_from_string(s);
        if (st >= 0)
            seen[st]++;
        free(s);
    }
}

/* Every state a profile accepts must appear in a valid case of that
 * profile, whose golden file is the expectation a person has read,
 * counted from the goldens of redefine and internal cases; a state or a
 * release added to the table names the files still missing for it.
 * Every state in more shapes of document, in every profile, comes from
 * the table itself (test_validate_follows_the_profile). */
static void test_every_accepted_state_has_a_valid_case(void **state)
{
    int missing = 0;

    (void)state;
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        /* from the manifest alone: a release just added has no schema yet */
        struct sc_manifest *m = sc_manifest_for_profile(harness_suite->all, (enum sc_profile)p,
                                                        &harness_suite->layout);
        const char *name = sc_profile_name((enum sc_profile)p);
        char *tag = sc_xstrdup(name);   /* as a case id takes it: libvirt-0-9-5 */
        int seen[SC_STATE_LAST] = { 0 };

        for (char *c = tag; *c; c++)
            *c = *c == '.' ? '-' : *c;

        count_states(m, seen);
        for (int i = 0; i < SC_STATE_LAST; i++) {
            const char *s = sc_state_to_string((enum sc_state)i);
            if (!sc_state_accepted_in((enum sc_state)i, (enum sc_profile)p) || seen[i] >= 1)
                continue;
            if (p == SC_PROFILE_DEFAULT)
                print_error("state '%s' has no valid case: add one with 'runner/snapcheck new "
                            "state-%s' (cases/valid/state-%s.xml, its entry in cases/manifest.xml and "
                            "golden/state-%s.xml)\n", s, s, s, s);
            else
                print_error("state '%s' has no valid case in %s: add "
                            "cases/valid/state-%s-%s.xml, its entry in cases/manifest.xml with "
                            "profiles='%s' and golden/state-%s-%s.xml (or a <profile name='%s'> "
                            "entry to a case of the state, with golden/%s/ID.xml)\n",
                            s, name, s, tag, name, s, tag, name, name);
            missing++;
        }
        sc_manifest_free(m);
        free(tag);
    }
    assert_int_equal(missing, 0);
}

static void test_shipped_schema_agrees_with_table(void **state)
{
    const char *path = harness_suite->schema->path;
    struct sc_diag_list diags = { 0 };
    struct sc_parity p;

    (void)state;
    assert_int_equal(sc_parity_check(path, SC_PROFILE_DEFAULT, &p, &diags), 0);
    if (sc_parity_drift(&p))
        sc_parity_print(path, &p);
    assert_true(p.found);
    assert_false(p.collapses);
    assert_false(p.any_text);
    assert_int_equal(p.missing.n, 0);
    assert_int_equal(p.extra.n, 0);
    sc_parity_free(&p);
    sc_diag_list_free(&diags);
}

/* A copy of the shipped schema with EDIT applied to the value nodes of
 * its "state" define; returns the path of the copy. */
typedef xmlNodePtr (*schema_edit)(xmlNodePtr choice, xmlNodeSetPtr values, void *opaque);

static char *altered_schema(const char *name, schema_edit edit, void *opaque)
{
    xmlDocPtr doc = xmlReadFile(harness_suite->schema->path, NULL, XML_PARSE_NONET);
    xmlXPathContextPtr ctx;
    xmlXPathObjectPtr res;
    char *path = harness_tmp_path(name);

    assert_non_null(doc);
    ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST SC_RNG_NS);
    res = xmlXPathEval(BAD_CAST "//r:define[@name='state']//r:value", ctx);
    assert_non_null(res);
    assert_true(res->nodesetval && res->nodesetval->nodeNr > 1);
    /* a node the edit unlinked is freed after the node set that names it */
    xmlNodePtr unlinked = edit(res->nodesetval->nodeTab[0]->parent, res->nodesetval, opaque);
    assert_true(xmlSaveFile(path, doc) > 0);
    xmlXPathFreeObject(res);
    xmlFreeNode(unlinked);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return path;
}

static xmlNodePtr drop_last_value(xmlNodePtr choice, xmlNodeSetPtr values, void *opaque)
{
    xmlNodePtr last = values->nodeTab[values->nodeNr - 1];
    xmlChar *text = xmlNodeGetContent(last);

    (void)choice;
    *(char **)opaque = sc_xstrdup((const char *)text);
    xmlFree(text);
    xmlUnlinkNode(last);
    return last;
}

static xmlNodePtr add_values(xmlNodePtr choice, xmlNodeSetPtr values, void *opaque)
{
    (void)values;
    for (const char *const *v = opaque; *v; v++) {
        xmlNodePtr n = xmlNewChild(choice, choice->ns, BAD_CAST "value", BAD_CAST *v);
        xmlNewProp(n, BAD_CAST "type", BAD_CAST "string");
        xmlNewProp(n, BAD_CAST "datatypeLibrary", BAD_CAST "");
    }
    return NULL;
}

static xmlNodePtr untype_values(xmlNodePtr choice, xmlNodeSetPtr values, void *opaque)
{
    (void)choice;
    (void)opaque;
    for (int i = 0; i < values->nodeNr; i++)
        xmlUnsetProp(values->nodeTab[i], BAD_CAST "type");
    return NULL;
}

static struct sc_parity parity_of(const char *path)
{
    struct sc_diag_list diags = { 0 };
    struct sc_parity p;

    if (sc_parity_check(path, SC_PROFILE_DEFAULT, &p, &diags) < 0)
        fail_msg("%s: %s", path, diags.n ? diags.v[0].msg : "cannot check");
    sc_diag_list_free(&diags);
    return p;
}

static void test_parity_reports_missing_state(void **state)
{
    char *dropped = NULL;
    char *path = altered_schema("missing.rng", drop_last_value, &dropped);
    struct sc_parity p = parity_of(path);

    (void)state;
    assert_true(sc_parity_drift(&p));
    assert_int_equal(p.missing.n, 1);
    assert_string_equal(p.missing.v[0], dropped);
    assert_int_equal(p.extra.n, 0);
    sc_parity_free(&p);
    free(dropped);
    free(path);
}

static void test_parity_reports_extra_state(void **state)
{
    static const char *const extra[] = { "nostate", "hibernating", NULL };
    char *path = altered_schema("extra.rng", add_values, (void *)extra);
    struct sc_parity p = parity_of(path);

    (void)state;
    assert_true(sc_parity_drift(&p));
    assert_int_equal(p.missing.n, 0);
    assert_int_equal(p.extra.n, 2);
    assert_string_equal(p.extra.v[0], "nostate");
    assert_string_equal(p.extra.v[1], "hibernating");
    sc_parity_free(&p);
    free(path);
}

static void test_parity_reports_token_comparison(void **state)
{
    char *path = altered_schema("token.rng", untype_values, NULL);
    struct sc_parity p = parity_of(path);

    (void)state;
    assert_true(p.collapses);
    assert_int_equal(p.missing.n + p.extra.n, 0);
    sc_parity_free(&p);
    free(path);
}

/* The state list in an included file, overridden by the including one. */
static void test_parity_follows_include_override(void **state)
{
    const char *dir = harness_tmpdir();
    char *common = harness_write(dir, "split-common.rng",
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n"
        "  <define name='st'><choice><value type='string'>running</value>"
        "<value type='string'>bogus</value></choice></define>\n"
        "  <define name='snap'><element name='domainsnapshot'><optional>"
        "<element name='state'><ref name='st'/></element></optional></element></define>\n"
        "</grammar>\n");
    char *main_rng = harness_write(dir, "split-main.rng",
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n"
        "  <start><ref name='snap'/></start>\n"
        "  <include href='split-common.rng'>\n"
        "    <define name='st'><choice><value type='string'>paused</value></choice></define>\n"
        "  </include>\n"
        "</grammar>\n");
    struct sc_parity p = parity_of(main_rng);

    (void)state;
    assert_true(p.found);
    assert_int_equal(p.values.n, 1);
    assert_string_equal(p.values.v[0], "paused");
    assert_int_equal(p.extra.n, 0);
    int accepted = 0;
    for (int i = 0; i < SC_STATE_LAST; i++)
        accepted += sc_state_accepted((enum sc_state)i);
    assert_int_equal(p.missing.n, accepted - 1);   /* all accepted but paused */
    sc_parity_free(&p);
    free(common);
    free(main_rng);
}

/* <value> elements of the states accepted in the default profile,
 * from the FROM-th to before the UNTIL-th of them. */
static char *accepted_values(int from, int until)
{
    struct sc_buf b = { 0 };
    int k = 0;

    sc_buf_puts(&b, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        if (!sc_state_accepted((enum sc_state)i))
            continue;
        if (k >= from && k < until)
            sc_buf_printf(&b, "<value type='string'>%s</value>", sc_state_to_string((enum sc_state)i));
        k++;
    }
    return b.data;
}

/* The state list reached through externalRef, a nested grammar whose
 * parentRef climbs back out, and two defines joined by combine: the
 * first half of the accepted states in one, the rest in the other. */
static void test_parity_follows_external_nested_combine(void **state)
{
    const char *dir = harness_tmpdir();
    int accepted = 0;

    for (int i = 0; i < SC_STATE_LAST; i++)
        accepted += sc_state_accepted((enum sc_state)i);
    char *first = accepted_values(0, accepted / 2), *rest = accepted_values(accepted / 2, accepted);
    char *ext = harness_write(dir, "multi-snapshot.rng",
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n"
        "  <start><element name='domainsnapshot'><optional><element name='state'>"
        "<parentRef name='states'/></element></optional></element></start>\n"
        "</grammar>\n");
    char *more_text = sc_xasprintf(
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0' datatypeLibrary=''>\n"
        "  <define name='states' combine='choice'><choice>%s</choice></define>\n"
        "</grammar>\n", rest);
    char *more = harness_write(dir, "multi-more.rng", more_text);
    char *main_text = sc_xasprintf(
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n"
        "  <start><grammar><start><externalRef href='multi-snapshot.rng'/></start>"
        "<define name='states'><parentRef name='states'/></define></grammar></start>\n"
        "  <define name='states' combine='choice'><choice>%s</choice></define>\n"
        "  <include href='multi-more.rng'/>\n"
        "</grammar>\n", first);
    char *main_rng = harness_write(dir, "multi-main.rng", main_text);
    struct sc_parity p = parity_of(main_rng);

    (void)state;
    assert_true(p.found);
    assert_int_equal(p.values.n, accepted);
    assert_false(sc_parity_drift(&p));
    sc_parity_free(&p);
    free(ext);
    free(more);
    free(main_rng);
    free(more_text);
    free(main_text);
    free(first);
    free(rest);
}

static void test_parity_names_libvirt_drift(void **state)
{
    (void)state;
    if (access(LIBVIRT_SCHEMA, R_OK) != 0) {
        print_message("%s not installed (Debian package libvirt0)\n", LIBVIRT_SCHEMA);
        harness_skip();
    }
    struct sc_parity p = parity_of(LIBVIRT_SCHEMA);
    char *lacks = NULL;
    struct sc_buf missing = { 0 };
    assert_true(p.found);
    assert_int_equal(p.missing.n, harness_libvirt_schema_lacks(SC_PROFILE_DEFAULT, &lacks));
    sc_buf_puts(&missing, "");
    for (size_t i = 0; i < p.missing.n; i++)
        sc_buf_printf(&missing, "%s ", p.missing.v[i]);
    assert_string_equal(missing.data, lacks);
    sc_buf_free(&missing);
    free(lacks);
    assert_int_equal(p.extra.n, 0);
    assert_true(p.collapses);
    sc_parity_free(&p);
}

int harness_run_tables(void)
{
    const struct CMUnitTest states[] = {
        cmocka_unit_test(test_every_state_round_trips),
        cmocka_unit_test(test_lookup_is_exact),
        cmocka_unit_test(test_nostate_rejected_disk_snapshot_last),
        cmocka_unit_test(test_every_accepted_state_has_a_valid_case),
        cmocka_unit_test(test_shipped_schema_agrees_with_table),
    };
    const struct CMUnitTest parity[] = {
        cmocka_unit_test(test_parity_reports_missing_state),
        cmocka_unit_test(test_parity_reports_extra_state),
        cmocka_unit_test(test_parity_reports_token_comparison),
        cmocka_unit_test(test_parity_follows_include_override),
        cmocka_unit_test(test_parity_follows_external_nested_combine),
        cmocka_unit_test(test_parity_names_libvirt_drift),
    };

    return harness_group("states", states, NULL, NULL) +
           harness_group("parity", parity, NULL, NULL);
}
