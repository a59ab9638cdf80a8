/*
 * tests/compare.c: how an output is compared with its golden file and
 * how a difference is shown.  Canonical forms (canon.c): each rewrite
 * XML does not see leaves the form as it was, each change of content
 * changes it; run --compare canonical against an implementation that
 * rewrites every golden file as another formatter would; whitespace
 * drawn in the first difference and in diffs (diff.c), the same in
 * every report format.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "util/buf.h"
#include "suite/canon.h"
#include "util/diff.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

#define LIMIT (1u << 20)

/* A document with a bit of everything a formatter may write its own
 * way: attributes, empty elements, nesting, a namespace, text with
 * whitespace of its own. */
static const char base[] =
    "<domainsnapshot>\n"
    "  <name>s1</name>\n"
    "  <description>  two  spaces\n"
    " and a line</description>\n"
    "  <memory snapshot='external' file='/m'/>\n"
    "  <disks>\n"
    "    <disk name='vda' snapshot='external'>\n"
    "      <source file='/a'/>\n"
    "    </disk>\n"
    "  </disks>\n"
    "  <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n"
    "    <name>d</name>\n"
    "    <qemu:commandline>\n"
    "      <qemu:arg value='-x'/>\n"
    "    </qemu:commandline>\n"
    "  </domain>\n"
    "</domainsnapshot>\n";

/* TEXT with FROM replaced by TO (every occurrence with ALL); FROM must
 * be there, so that a variant always differs from what it varies. */
static char *replaced(const char *text, const char *from, const char *to, bool all)
{
    struct sc_buf b = { 0 };
    const char *p = text, *hit;
    size_t n = 0;

    while ((hit = strstr(p, from)) && (all || n == 0)) {
        sc_buf_add(&b, p, (size_t)(hit - p));
        sc_buf_puts(&b, to);
        p = hit + strlen(from);
        n++;
    }
    if (!n)
        fail_msg("'%s' is not in the text to vary", from);
    sc_buf_puts(&b, p);
    return sc_buf_steal(&b);
}

static char *c14n(const char *text)
{
    struct sc_error err;
    char *s = sc_canonical(text, strlen(text), SC_CANON_C14N, LIMIT, &err);

    if (!s)
        fail_msg("no canonical form (%s) for:\n%s", err.msg, text);
    return s;
}

struct variant {
    const char *what, *from, *to;
    bool all;
    const char *from2, *to2;   /* a second replacement, or NULL */
};

static const struct variant same[] = {
    { "double quotes", "'", "\"", true, NULL, NULL },
    { "attributes in another order", "snapshot='external' file='/m'", "file='/m' snapshot='external'", false, NULL, NULL },
    { "an empty element written in full", "<source file='/a'/>", "<source file='/a'></source>", false, NULL, NULL },
    { "an empty element with a space before />", "<source file='/a'/>", "<source file='/a' />", false, NULL, NULL },
    { "tabs for indentation", "\n    ", "\n\t\t", true, NULL, NULL },
    { "no indentation", "\n  ", "\n", true, NULL, NULL },
    { "CR LF line ends", ">\n", ">\r\n", true, NULL, NULL },
    { "spaces inside tags", "<disk name='vda'", "<disk  name = 'vda'\n", false, NULL, NULL },
    { "another prefix", "qemu:", "q:", true, "xmlns:qemu=", "xmlns:q=" },
    { "a default namespace for a prefix", "qemu:", "", true, "<commandline>",
      "<commandline xmlns='http://libvirt.org/schemas/domain/qemu/1.0'>" },
    { "the namespace declared on the root", "<domainsnapshot>\n", "<domainsnapshot xmlns:qemu="
      "'http://libvirt.org/schemas/domain/qemu/1.0'>\n", false,
      " xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n    <name>d", ">\n    <name>d" },
    { "a declaration no name uses", "<disks>", "<disks xmlns:unused='urn:unused'>", false, NULL, NULL },
    { "a comment", "<disks>\n", "<disks>\n<!-- a comment -->\n", false, NULL, NULL },
    { "an XML declaration", "<domainsnapshot>", "<?xml version='1.0' encoding='UTF-8'?>\n<domainsnapshot>", false, NULL, NULL },
    { "a character reference", "<name>s1</name>", "<name>&#115;1</name>", false, NULL, NULL },
    { "CDATA", "<name>d</name>", "<name><![CDATA[d]]></name>", false, NULL, NULL },
};

static const struct variant different[] = {
    { "another text value", "<name>s1</name>", "<name>s2</name>", false, NULL, NULL },
    { "a space after a text value", "<name>s1</name>", "<name>s1 </name>", false, NULL, NULL },
    { "text whitespace changed", "two  spaces", "two spaces", false, NULL, NULL },
    { "a carriage return in text", "spaces\n and", "spaces&#13;\n and", false, NULL, NULL },
    { "another attribute value", "file='/a'", "file='/b'", false, NULL, NULL },
    { "another namespace URI", "qemu/1.0'", "qemu/2.0'", false, NULL, NULL },
    { "elements in another order", "  <name>s1</name>\n  <description>  two  spaces\n and a line</description>\n",
      "  <description>  two  spaces\n and a line</description>\n  <name>s1</name>\n", false, NULL, NULL },
    { "an attribute more", "<disks>", "<disks a='1'>", false, NULL, NULL },
    { "an element more", "<disks>\n", "<disks>\n<disk name='vdb'/>\n", false, NULL, NULL },
    { "a name out of its namespace", "<qemu:arg", "<arg", false, NULL, NULL },
};

static char *varied(const struct variant *v)
{
    char *text = replaced(base, v->from, v->to, v->all);

    if (v->from2) {
        char *again = replaced(text, v->from2, v->to2, false);
        free(text);
        text = again;
    }
    return text;
}

/* Each rewrite a formatter may make leaves the canonical form as it
 * was; each change of content changes it. */
static void test_canonical_form_sees_content_only(void **state)
{
    char *want = c14n(base);

    (void)state;
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        char *text = varied(&same[i]);
        char *got = c14n(text);
        if (strcmp(want, got) != 0)
            fail_msg("%s changes the canonical form:\n%s\nbecomes\n%s", same[i].what, want, got);
        free(got);
        free(text);
    }
    for (size_t i = 0; i < sizeof(different) / sizeof(different[0]); i++) {
        char *text = varied(&different[i]);
        char *got = c14n(text);
        if (strcmp(want, got) == 0)
            fail_msg("%s leaves the canonical form as it was:\n%s", different[i].what, got);
        free(got);
        free(text);
    }
    free(want);
}

/* In mixed content whitespace is content; an element that holds text
 * only keeps it too, however it looks. */
static void test_whitespace_in_content_counts(void **state)
{
    static const char *const pairs[][2] = {
        { "<p>a <b>x</b> <i>y</i></p>", "<p>a <b>x</b><i>y</i></p>" },
        { "<p><b>x</b> tail</p>", "<p><b>x</b>tail</p>" },
        { "<a><description> </description></a>", "<a><description/></a>" },
        { "<a><description>\n</description></a>", "<a><description/></a>" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        char *a = c14n(pairs[i][0]), *b = c14n(pairs[i][1]);
        if (strcmp(a, b) == 0)
            fail_msg("'%s' and '%s' have one canonical form: %s", pairs[i][0], pairs[i][1], a);
        free(a);
        free(b);
    }
}

/* Namespaces get prefixes by URI, in order; the display form has one
 * element per line, attributes sorted. */
static void test_canonical_and_display_forms(void **state)
{
    static const char doc[] =
        "<r xmlns='urn:z' xmlns:p='urn:a'><p:e p:k='1' z='2' a='3'/><f>t</f></r>";
    struct sc_error err;
    char *form = c14n(doc);

    (void)state;
    assert_string_equal(form, "<n2:r xmlns:n2=\"urn:z\"><n1:e xmlns:n1=\"urn:a\" a=\"3\" z=\"2\" n1:k=\"1\">"
                              "</n1:e><n2:f>t</n2:f></n2:r>");
    free(form);
    form = sc_canonical(doc, strlen(doc), SC_CANON_DISPLAY, LIMIT, &err);
    assert_non_null(form);
    assert_string_equal(form, "<n2:r xmlns:n1=\"urn:a\" xmlns:n2=\"urn:z\">\n"
                              "  <n1:e a=\"3\" z=\"2\" n1:k=\"1\"/>\n"
                              "  <n2:f>t</n2:f>\n"
                              "</n2:r>\n");
    free(form);
}

/* What has no canonical form says why: not XML, a relative namespace
 * URI, a form past the limit (then it is not judged). */
static void test_no_canonical_form(void **state)
{
    struct sc_error err;

    (void)state;
    assert_null(sc_canonical("<a>", 3, SC_CANON_C14N, LIMIT, &err));
    assert_false(err.unreadable);
    assert_null(sc_canonical("<a xmlns='rel'/>", 16, SC_CANON_C14N, LIMIT, &err));
    assert_non_null(strstr(err.msg, "'rel' is not absolute"));
    assert_false(err.unreadable);
    assert_null(sc_canonical(base, strlen(base), SC_CANON_C14N, 64, &err));
    assert_true(err.unreadable);
    assert_null(sc_canonical(base, strlen(base), SC_CANON_DISPLAY, 64, &err));
    assert_true(err.unreadable);
}

/* An implementation that writes every golden file as another formatter
 * would: libxml2's xmllint --format (double quotes, its own layout,
 * indented with a tab and a space), then attributes swapped, empty
 * elements written in full and every prefix renamed.  EXTRA is one more
 * sed expression for the rewritten text.  Cases without a golden file
 * are skipped. */
static char *rewriting_impl(const char *name, const char *extra)
{
    char *script = sc_xasprintf(
        "golden='%s/golden/'\"$SNAPCHECK_CASE\".xml\n"
        "test -f \"$golden\" || { echo 'no golden file' >&2; exit 77; }\n"
        "XMLLINT_INDENT='\t ' xmllint --format \"$golden\" |\n"
        "sed -E -e 's#<([^ <>/!?]+) ([^ =<>]+=\"[^\"]*\") ([^ =<>]+=\"[^\"]*\")#<\\1 \\3 \\2#g' \\\n"
        "       -e 's#<([^ <>/!?]+)([^<>]*)/>#<\\1\\2></\\1>#g' \\\n"
        "       -e 's/ ([A-Za-z_][A-Za-z0-9_.-]*):([A-Za-z_][A-Za-z0-9_.-]*=\")/ p-\\1:\\2/g' \\\n"
        "       -e 's/ p-xmlns:/ xmlns:p-/g' -e 's/ p-xml:/ xml:/g' \\\n"
        "       -e 's#(</?)([A-Za-z_][A-Za-z0-9_.-]*):#\\1p-\\2:#g' -e '%s'\n",
        harness_suite->layout.datadir, extra);
    char *cmd = harness_impl_script(name, script);

    free(script);
    return cmd;
}

/* What the rewriting implementation prints for case C. */
static char *rewritten(const char *impl, const struct sc_case *c)
{
    char *cmd = sc_xasprintf("SNAPCHECK_CASE='%s' %s", c->id, impl);
    FILE *p = popen(cmd, "r");
    struct sc_buf b = { 0 };
    char chunk[4096];
    size_t n;

    assert_non_null(p);
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        sc_buf_add(&b, chunk, n);
    assert_int_equal(pclose(p), 0);
    free(cmd);
    return b.data ? sc_buf_steal(&b) : sc_xstrdup("");
}

/* The valid case whose golden file holds a namespace prefix, several
 * attributes on one element and an empty element. */
static const struct sc_case *case_with_everything(void)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        if (!m->v[i].valid)
            continue;
        char *g = harness_slurp(m->v[i].golden);
        bool all = strstr(g, " xmlns:") && strstr(g, "/>") && strstr(g, "' ") && strstr(g, ":");
        free(g);
        if (all)
            return &m->v[i];
    }
    fail_msg("no golden file has a namespace prefix, attributes and an empty element: "
             "the rewrites would not be exercised");
    return NULL;
}

static void counts(size_t *valid, size_t *invalid)
{
    const struct sc_manifest *m = harness_suite->manifest;

    *valid = *invalid = 0;
    for (size_t i = 0; i < m->n; i++) {
        *valid += m->v[i].valid;
        *invalid += !m->v[i].valid;
    }
}

/* Rewritten as another formatter writes, every golden file passes a
 * canonical comparison and fails an exact one. */
static void test_canonical_passes_another_formatter(void **state)
{
    char *impl = rewriting_impl("rewrite.sh", "");
    const struct sc_case *c = case_with_everything();
    char *text = rewritten(impl, c);
    size_t valid, invalid;

    (void)state;
    counts(&valid, &invalid);
    /* the implementation does rewrite in each way */
    static const char *const marks[] = { "=\"", "></", "\n\t ", " xmlns:p-", "<p-" };
    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        if (!strstr(text, marks[i]))
            fail_msg("the rewrite of %s lacks '%s':\n%s", c->golden, marks[i], text);
    }
    char *passed = sc_xasprintf("\n%zu passed, 0 failed, 0 errors, %zu skipped\n", valid, invalid);
    char *skips = sc_xasprintf("%zu", invalid);
    harness_progress("run --impl (a rewriting formatter) --compare canonical");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--compare", "canonical",
                                                           "--max-skip", skips, NULL }, NULL, NULL);
    if (r.status != 0 || !strstr(r.out, passed))
        fail_msg("canonical comparison: exit %d\n%s%s", r.status, r.out, r.err);
    harness_tool_free(&r);
    /* compared byte for byte, it fails the smoke case, and is told of
     * --compare canonical */
    harness_progress("run --impl (a rewriting formatter) --compare exact");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--max-skip", skips, NULL }, NULL, NULL);
    if (r.status != 3 || !strstr(r.err, "fails the smoke case") ||
        !strstr(r.err, "\n  if the output differs from the golden file in form only (quotes, attribute order, "
                       "indentation), --compare canonical compares the two as XML\n"))
        fail_msg("exact comparison: exit %d\n%s", r.status, r.err);
    harness_tool_free(&r);
    free(passed);
    free(skips);
    free(text);
    free(impl);
}

/* A changed text value fails a canonical comparison, a space after it
 * included; the first difference shows that space, and the diff is of
 * the canonical forms, one element per line. */
static void test_canonical_fails_changed_text(void **state)
{
    const struct sc_case *c = case_with_everything();
    char *impl = harness_impl_for(c, rewriting_impl("rewrite-value.sh", "s#<name>([^<]*)</name>#<name>\\1x</name>#"));
    char *spaced = harness_impl_for(c, rewriting_impl("rewrite-space.sh", "s#<name>([^<]*)</name>#<name>\\1 </name>#"));

    (void)state;
    harness_progress("run --impl (a changed name) --compare canonical");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--compare", "canonical",
                                                           "--filter", c->id, NULL }, NULL, NULL);
    if (r.status != 1 || !strstr(r.out, "0 passed, 1 failed") || !strstr(r.out, ", canonical)\n") ||
        !strstr(r.out, "x</name>"))
        fail_msg("a changed name, compared canonically: exit %d\n%s", r.status, r.out);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--impl", spaced, "--compare", "canonical", "--filter", c->id,
                                       NULL }, NULL, NULL);
    if (r.status != 1 || !strstr(r.out, "0 passed, 1 failed") || !strstr(r.out, SC_MARK_SPACE "</name>"))
        fail_msg("a space after a name, compared canonically: exit %d\n%s", r.status, r.out);
    harness_tool_free(&r);
    free(spaced);
    free(impl);
}

/* --- whitespace drawn --- */

static void expect_first_difference(const char *want, const char *got, const char *message)
{
    struct sc_buf b = { 0 };

    sc_first_difference(&b, want, got);
    if (strcmp(b.data, message) != 0)
        fail_msg("first difference of '%s' and '%s':\n  %s\nnot\n  %s", want, got, b.data, message);
    sc_buf_free(&b);
}

#define SP SC_MARK_SPACE
#define TAB SC_MARK_TAB
#define CR SC_MARK_CR
#define EOL SC_MARK_EOL

/* The first difference draws whitespace where it is easy to miss. */
static void test_first_difference_draws_whitespace(void **state)
{
    struct sc_buf a = { 0 }, b = { 0 };

    (void)state;
    expect_first_difference("<a>\n  <name>x</name>\n</a>\n", "<a>\n  <name>x</name> \n</a>\n",
                            "output differs at line 2: expected '<name>x</name>" EOL "', got '<name>x</name>" SP EOL "'");
    expect_first_difference("<a>\n  <b/>\n</a>\n", "<a>\n\t<b/>\n</a>\n",
                            "output differs at line 2: expected '" SP SP "<b/>" EOL "', got '" TAB "<b/>" EOL "'");
    expect_first_difference("<a>\n  <b/>\n</a>\n", "<a>\n   <b/>\n</a>\n",
                            "output differs at line 2: expected '<b/>" EOL "', got '" SP "<b/>" EOL "'");
    expect_first_difference("<a/>\n", "<a/>\r\n", "output differs at line 1: expected '<a/>" EOL "', got '<a/>" CR EOL "'");
    expect_first_difference("<a>\n</a>\n", "<a>\n</a>", "output differs at line 2: expected '</a>" EOL "', got '</a>'");
    expect_first_difference("<a>\n</a>\n", "<a>\n</a>\n\n", "output differs at line 3: expected '', got '" EOL "'");
    /* a single space between two characters is drawn only where the lines part */
    expect_first_difference("<b c='1'>ab</b>\n", "<b c='1'>a b</b>\n",
                            "output differs at line 1: expected '<b c='1'>ab</b>" EOL "', got '<b c='1'>a" SP "b</b>" EOL "'");
    /* far into a long line, the quote starts a little before the difference */
    for (int i = 0; i < 200; i++)
        sc_buf_puts(&a, "x");
    sc_buf_puts(&b, a.data);
    sc_buf_puts(&a, "<y/>\n");
    sc_buf_puts(&b, "<y/> \n");
    struct sc_buf m = { 0 };
    sc_first_difference(&m, a.data, b.data);
    if (!strstr(m.data, "', got '…xxx") || !strstr(m.data, "xxx<y/>" SP EOL "'") || strlen(m.data) > 200)
        fail_msg("a difference at byte 200 is quoted as: %s", m.data);
    sc_buf_free(&m);
    sc_buf_free(&a);
    sc_buf_free(&b);
}

/* A diff draws whitespace on the lines it removes and adds, not on its
 * context. */
static void test_diff_draws_whitespace_on_changed_lines(void **state)
{
    struct sc_buf b = { 0 };

    (void)state;
    sc_unified_diff(&b, "golden", "<a>\n  <b c='1'/>\n  <c>x</c>\n</a>\n", "output",
                    "<a>\n  <b c='1'/>\n  <c>x</c>\t\n</a>");
    static const char *const lines[] = {
        "\n   <b c='1'/>\n", "\n-" SP SP "<c>x</c>" EOL "\n", "\n+" SP SP "<c>x</c>" TAB EOL "\n",
        "\n-</a>" EOL "\n", "\n+</a>\n\\ No newline at end of file\n",
    };
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        if (!strstr(b.data, lines[i]))
            fail_msg("the diff lacks the line '%s':\n%s", lines[i] + 1, b.data);
    }
    sc_buf_free(&b);
}

/* Every report format carries the marks as they are. */
static void test_marks_in_every_format(void **state)
{
    static const char *const formats[] = { "text", "tap", "junit", "jsonl", "markdown" };
    const struct sc_case *c = case_with_everything();
    char *impl = harness_impl_for(c, sc_xasprintf("sed '2s/$/ \\t/' '%s'", c->golden));
    char *mark = sc_xstrdup(SP TAB EOL "' (");

    (void)state;
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        harness_progress("run --report %s", formats[i]);
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter", c->id,
                                                               "--report", formats[i], NULL }, NULL, NULL);
        if (r.status != 1 || !strstr(r.out, mark))
            fail_msg("the %s report lacks \"%s\":\n%s", formats[i], mark, r.out);
        if (!strcmp(formats[i], "junit")) {
            xmlDocPtr doc = xmlReadMemory(r.out, (int)strlen(r.out), "junit.xml", NULL, XML_PARSE_NONET);
            assert_non_null(doc);
            xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
            xmlXPathObjectPtr res = xmlXPathEval(BAD_CAST "string(//testcase/failure/@message)", ctx);
            if (!strstr((const char *)res->stringval, mark))
                fail_msg("the JUnit failure message lacks \"%s\": %s", mark, res->stringval);
            xmlXPathFreeObject(res);
            xmlXPathFreeContext(ctx);
            xmlFreeDoc(doc);
        }
        harness_tool_free(&r);
    }
    free(mark);
    free(impl);
}

int harness_run_compare(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_form_sees_content_only),
        cmocka_unit_test(test_whitespace_in_content_counts),
        cmocka_unit_test(test_canonical_and_display_forms),
        cmocka_unit_test(test_no_canonical_form),
        cmocka_unit_test(test_canonical_passes_another_formatter),
        cmocka_unit_test(test_canonical_fails_changed_text),
        cmocka_unit_test(test_first_difference_draws_whitespace),
        cmocka_unit_test(test_diff_draws_whitespace_on_changed_lines),
        cmocka_unit_test(test_marks_in_every_format),
    };

    return harness_group("compare", tests, NULL, NULL);
}
