/*
 * tests/hostile_schema.c: schemas nobody reviewed, given with
 * --schema.  A schema that cannot be used ends with exit status 2 and
 * diagnostics of snapcheck's own form, one line each, in plain text; no
 * byte of a file it names is shown, and no device, pipe or directory is
 * read.  Under any schema, the shortcuts of bulk validation give the
 * verdict libxml2 gives each document alone: two grammars that once
 * fooled them, a check that the suite's and libvirt's grammars still
 * get them, and a property test over random grammars and documents.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/xmlstring.h>

#include "util/buf.h"
#include "util/escape.h"
#include "schema/bulk.h"
#include "util/diag.h"
#include "schema/schema.h"
#include "model/snapshot.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/grammars.h"

#define MEMORY_BOUND_MB 256
#define HANG_SECONDS 300   /* far beyond any run, valgrind's included */

static const char *const rng_open = "<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n";

/* A document valid under the suite's schema. */
static char *good_document(void)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        if (m->v[i].valid && m->v[i].mode == SC_MODE_REDEFINE)
            return sc_xstrdup(m->v[i].golden);
    }
    fail_msg("the manifest has no valid redefine case");
    return NULL;
}

/* A grammar whose start is BODY, as a scratch file. */
static char *grammar_file(const char *name, const char *body)
{
    char *text = sc_xasprintf("%s  <start>%s</start>\n</grammar>\n", rng_open, body);
    char *path = harness_write_bytes(name, text, strlen(text));

    free(text);
    return path;
}

/* Whether TEXT shows a line of /etc/passwd. */
static const char *shows_passwd(const char *text)
{
    static char *passwd;
    static const char *lines[4096];
    static size_t n;

    if (!passwd) {
        passwd = harness_slurp("/etc/passwd");
        for (char *save = NULL, *l = strtok_r(passwd, "\n", &save); l && n < 4096;
             l = strtok_r(NULL, "\n", &save))
            lines[n++] = l;
    }
    if (strstr(text, "root:"))
        return "root:";
    for (size_t i = 0; i < n; i++) {
        if (strlen(lines[i]) > 8 && strstr(text, lines[i]))
            return lines[i];
    }
    return NULL;
}

/* The first line of ERR that is not a diagnostic of snapcheck's form
 * ("FILE:LINE: error: MESSAGE", "FILE: error: MESSAGE") or its usage
 * form ("snapcheck: …", "Try 'snapcheck --help'."), or NULL. */
static char *stray_line(const char *err)
{
    for (const char *p = err; *p;) {
        size_t n = strcspn(p, "\n");
        char *line = sc_xasprintf("%.*s", (int)n, p);
        const char *mark = strstr(line, ": error: ");
        bool ok = (mark && mark > line && mark[9]) || !strncmp(line, "snapcheck: ", 11) ||
                  !strcmp(line, "Try 'snapcheck --help'.");
        if (!ok)
            return line;
        free(line);
        p += n + (p[n] == '\n');
    }
    return NULL;
}

/* Whether TEXT is lines of printable characters: valid UTF-8, no
 * control character but the newlines that end them. */
static bool plain_text(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            return false;
        if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)   /* a C1 control */
            return false;
    }
    return xmlCheckUTF8(BAD_CAST text) != 0;
}

/* Runs snapcheck with ARGV and holds its output to the rules of this
 * file: exit STATUS, MESSAGE somewhere on standard error, only
 * diagnostics there, plain text, no line of /etc/passwd anywhere, and
 * bounded memory. */
static void expect_run(const char *const *argv, int status, const char *message)
{
    struct tool_result r = harness_tool_within(argv, NULL, NULL, HANG_SECONDS);
    struct sc_buf cmd = { 0 };
    const char *leak;
    char *stray;

    for (size_t i = 0; argv[i]; i++)
        sc_buf_printf(&cmd, " %s", argv[i]);
    if (r.status != status || !strstr(r.err, message))
        fail_msg("snapcheck%s: exit %d (expected %d), stderr:\n%s(expected a message saying \"%s\")",
                 cmd.data, r.status, status, r.err, message);
    if ((leak = shows_passwd(r.out)) || (leak = shows_passwd(r.err)))
        fail_msg("snapcheck%s shows a line of /etc/passwd (\"%s\"):\n%s%s", cmd.data, leak, r.out, r.err);
    if ((stray = stray_line(r.err)))
        fail_msg("snapcheck%s: a line of standard error is not a diagnostic: \"%s\"", cmd.data, stray);
    if (!plain_text(r.err))
        fail_msg("snapcheck%s: standard error holds bytes that are not plain text", cmd.data);
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    if ((r.maxrss_kib - self.ru_maxrss) / 1024 >= MEMORY_BOUND_MB)
        fail_msg("snapcheck%s peaked at %ld MB (the harness at %ld MB)", cmd.data,
                 r.maxrss_kib / 1024, self.ru_maxrss / 1024);
    sc_buf_free(&cmd);
    harness_tool_free(&r);
}

/* validate --schema SCHEMA on a good document, and parity --schema
 * SCHEMA: both refuse the schema, saying MESSAGE (parity PARITY_MESSAGE
 * when given: it reads the schema its own way, see grammar.h). */
static void expect_unusable(const char *schema, const char *message, const char *parity_message)
{
    char *doc = good_document();

    expect_run((const char *[]){ "validate", "--schema", schema, doc, NULL }, 2, message);
    expect_run((const char *[]){ "parity", "--schema", schema, NULL }, 2,
               parity_message ? parity_message : message);
    free(doc);
}

/* A grammar where the domain's pattern depends on the state beside it. */
static char *context_grammar(void)
{
    return grammar_file("context.rng",
        "<element name='domainsnapshot'><choice>"
        "<interleave><element name='state'><value>running</value></element>"
        "<optional><element name='domain'><element name='uuid'><text/></element></element></optional></interleave>"
        "<interleave><element name='state'><value>shutoff</value></element>"
        "<optional><element name='domain'><empty/></element></optional></interleave>"
        "</choice></element>");
}

/* A grammar whose two lists take disks of different modes. */
static char *two_lists_grammar(void)
{
    return grammar_file("two-lists.rng",
        "<element name='domainsnapshot'><interleave>"
        "<optional><element name='name'><text/></element></optional>"
        "<optional><element name='disks'><zeroOrMore><element name='disk'><attribute name='name'/>"
        "<attribute name='snapshot'><value>no</value></attribute><empty/></element></zeroOrMore>"
        "</element></optional>"
        "<optional><element name='revertDisks'><zeroOrMore><element name='disk'><attribute name='name'/>"
        "<attribute name='snapshot'><value>internal</value></attribute><empty/></element></zeroOrMore>"
        "</element></optional>"
        "</interleave></element>");
}

/* A grammar that allows at most 32 disks, written out one by one. */
static char *at_most_32_grammar(void)
{
    struct sc_buf g = { 0 };

    sc_buf_puts(&g, "<element name='domainsnapshot'><interleave><optional><element name='name'><text/></element>"
                    "</optional><optional><element name='disks'>");
    for (int i = 0; i < 32; i++)
        sc_buf_puts(&g, "<optional><element name='disk'><attribute name='name'/><empty/></element></optional>");
    sc_buf_puts(&g, "</element></optional></interleave></element>");
    char *rng = grammar_file("at-most-32.rng", g.data);
    sc_buf_free(&g);
    return rng;
}

/* A grammar with an attribute of type IDREF. */
static char *idref_grammar(void)
{
    return grammar_file("idref.rng",
        "<element name='domainsnapshot' datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>"
        "<element name='name'><attribute name='ref'><data type='IDREF'/></attribute><text/></element>"
        "</element>");
}

/* A schema naming /etc/passwd: libxml2 would print its first line as
 * the context of its parse error. */
static void test_schema_naming_passwd_shows_none_of_it(void **state)
{
    static const char *const bodies[] = {
        "<externalRef href='/etc/passwd'/>",
        "<externalRef href='file:///etc/passwd'/>",
        "<externalRef href='../../../../../../../../etc/passwd'/>",
        "<element name='domainsnapshot'><optional><externalRef href='/etc/passwd'/></optional></element>",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        char *name = sc_xasprintf("passwd-%zu.rng", i);
        char *rng = grammar_file(name, bodies[i]);
        expect_unusable(rng, "error:", "cannot load");
        free(rng);
        free(name);
    }
    char *text = sc_xasprintf("%s  <include href='/etc/passwd'/>\n</grammar>\n", rng_open);
    char *rng = harness_write_bytes("passwd-include.rng", text, strlen(text));
    expect_unusable(rng, "Failed to load include /etc/passwd",
                    "cannot load '/etc/passwd' referred to by <include>");
    free(rng);
    free(text);
}

/* Devices, pipes and directories, as the schema or named by it, are
 * never read: nothing hangs on a pipe or reads /dev/urandom for ever. */
static void test_special_files_are_not_read(void **state)
{
    char *fifo = harness_tmp_path("schema.fifo");
    const char *const specials[] = { "/dev/urandom", "/dev/zero", "/dev/stdin", fifo, harness_tmpdir() };

    (void)state;
    assert_int_equal(mkfifo(fifo, 0600), 0);
    for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
        expect_unusable(specials[i], "not a regular file", NULL);
        char *body = sc_xasprintf("<externalRef href='%s'/>", specials[i]);
        char *rng = grammar_file("special.rng", body);
        expect_unusable(rng, "not a regular file", NULL);
        free(rng);
        free(body);
    }
    free(fifo);
}

/* A schema including itself, directly or through another, and one
 * whose references double at every step (2^30 files without a bound). */
static void test_schemas_that_include_themselves(void **state)
{
    char *text = sc_xasprintf("%s  <include href='self.rng'/>\n  <start><element name='a'><empty/></element></start>\n"
                              "</grammar>\n", rng_open);
    char *self = harness_write_bytes("self.rng", text, strlen(text));
    char *loop = grammar_file("loop-a.rng", "<choice><element name='a'><empty/></element>"
                                             "<externalRef href='loop-b.rng'/></choice>");
    char *loop_b = grammar_file("loop-b.rng", "<externalRef href='loop-a.rng'/>");

    (void)state;
    expect_unusable(self, "recursion", "is read within itself");
    expect_unusable(loop, "recursion", "is read within itself");
    for (int i = 0; i < 30; i++) {
        char *name = sc_xasprintf("double-%d.rng", i);
        char *body = sc_xasprintf("<choice><externalRef href='double-%d.rng'/>"
                                  "<externalRef href='double-%d.rng'/></choice>", i + 1, i + 1);
        free(grammar_file(name, body));
        free(body);
        free(name);
    }
    free(grammar_file("double-30.rng", "<element name='e'><empty/></element>"));
    char *first = harness_tmp_path("double-0.rng");
    expect_unusable(first, "more than 256 files", NULL);
    free(first);
    free(loop_b);
    free(loop);
    free(self);
    free(text);
}

/* Schema files beyond the budget are not read, one big file or many. */
static void test_huge_schemas_are_not_read(void **state)
{
    struct sc_buf b = { 0 };

    (void)state;
    sc_buf_printf(&b, "%s  <start><element name='domainsnapshot'><choice>\n", rng_open);
    for (int i = 0; b.len < (5u << 20); i++)
        sc_buf_printf(&b, "<value>state-%08d</value>\n", i);
    sc_buf_puts(&b, "</choice></element></start>\n</grammar>\n");
    char *big = harness_write_bytes("big.rng", b.data, b.len);
    expect_unusable(big, "4 MiB", NULL);
    unlink(big);
    free(big);
    sc_buf_free(&b);
    /* five files of 1 MiB (a comment, cheap to parse), each under any
     * limit of a single file */
    for (int i = 0; i < 5; i++) {
        char *name = sc_xasprintf("part-%d.rng", i);
        char *head = sc_xasprintf("%s  <define name='d%d'><empty/></define>\n<!--", rng_open, i);
        char *path = harness_tmp_path(name);
        free(harness_write_bytes(name, head, strlen(head)));
        FILE *f = fopen(path, "a");
        assert_non_null(f);
        for (int k = 0; k < 1024; k++)
            fprintf(f, "%01023d\n", k);
        fputs("-->\n</grammar>\n", f);
        assert_int_equal(fclose(f), 0);
        free(path);
        free(head);
        free(name);
    }
    sc_buf_printf(&b, "%s", rng_open);
    for (int i = 0; i < 5; i++)
        sc_buf_printf(&b, "  <include href='part-%d.rng'/>\n", i);
    sc_buf_puts(&b, "  <start><element name='domainsnapshot'><ref name='d0'/></element></start>\n</grammar>\n");
    char *parts = harness_write_bytes("parts.rng", b.data, b.len);
    expect_unusable(parts, "4 MiB", NULL);
    free(parts);
    sc_buf_free(&b);
}

/* A schema with a DOCTYPE is refused as it starts: no entity is
 * declared, so none reads a file or expands a billion times. */
static void test_schema_doctype_is_refused(void **state)
{
    struct sc_buf laughs = { 0 };

    (void)state;
    sc_buf_puts(&laughs, "<!DOCTYPE grammar [\n<!ENTITY l0 'lol'>\n");
    for (int i = 1; i < 10; i++)
        sc_buf_printf(&laughs, "<!ENTITY l%d '&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;'>\n",
                      i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    sc_buf_puts(&laughs, "]>\n");
    const char *const prologs[] = {
        "<!DOCTYPE grammar [<!ENTITY leak SYSTEM '/etc/passwd'>]>\n",
        "<!DOCTYPE grammar SYSTEM '/etc/passwd'>\n",
        "<!DOCTYPE grammar [<!ENTITY % leak SYSTEM '/etc/passwd'> %leak;]>\n",
        laughs.data,
    };
    const char *const uses[] = { "&leak;", "x", "x", "&l9;" };
    for (size_t i = 0; i < sizeof(prologs) / sizeof(prologs[0]); i++) {
        char *text = sc_xasprintf("%s%s  <start><element name='domainsnapshot'><value>%s</value></element></start>\n"
                                  "</grammar>\n", prologs[i], rng_open, uses[i]);
        char *rng = harness_write_bytes("doctype.rng", text, strlen(text));
        expect_unusable(rng, "a DOCTYPE declaration is not allowed in a schema", NULL);
        /* in a file the schema includes */
        char *outer = grammar_file("doctype-outer.rng", "<externalRef href='doctype.rng'/>");
        expect_unusable(outer, "a DOCTYPE declaration is not allowed in a schema", NULL);
        free(outer);
        free(rng);
        free(text);
    }
    sc_buf_free(&laughs);
}

/* Control characters and broken bytes in a schema's name and in what
 * it names reach the console escaped. */
static void test_schema_names_are_escaped(void **state)
{
    char *name = harness_tmp_path("esc\x1b[31m\nline\xff.rng");
    char *text = sc_xasprintf("%s  <start><externalRef href='/etc/passwd'/></start>\n</grammar>\n", rng_open);
    FILE *f = fopen(name, "w");

    (void)state;
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    expect_unusable(name, "\\e[31m\\n", NULL);
    char *c1 = grammar_file("c1.rng", "<externalRef href='nowhere-&#x9b;31m-&#10;.rng'/>");
    expect_unusable(c1, "\\u009b31m", NULL);
    free(c1);
    free(text);
    free(name);
}

/* libxml2's messages while validating, outside its validation context
 * (a reference to an ID no element has), are diagnostics too. */
static void test_validation_messages_are_diagnostics(void **state)
{
    char *rng = idref_grammar();
    const char *doc = "<domainsnapshot><name ref='nowhere'>x</name></domainsnapshot>\n";
    char *path = harness_write_bytes("idref.xml", doc, strlen(doc));

    (void)state;
    expect_run((const char *[]){ "validate", "--create", "--schema", rng, path, NULL }, 1,
               ":1: error: IDREF attribute ref references an unknown ID \"nowhere\"");
    free(path);
    free(rng);
}

/* Under a grammar where the domain's pattern depends on the state
 * beside it, a domain accepted in one document is not taken as valid in
 * another: b.xml is invalid alone, and after a.xml too. */
static void test_a_domain_is_judged_in_its_context(void **state)
{
    char *rng = context_grammar();
    const char *domain = "<domain><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid></domain>";
    char *a_text = sc_xasprintf("<domainsnapshot><state>running</state>%s</domainsnapshot>\n", domain);
    char *b_text = sc_xasprintf("<domainsnapshot><state>shutoff</state>%s</domainsnapshot>\n", domain);
    char *a = harness_write_bytes("context-a.xml", a_text, strlen(a_text));
    char *b = harness_write_bytes("context-b.xml", b_text, strlen(b_text));
    char *b_error = sc_xasprintf("%s:1: error:", b);

    (void)state;
    expect_run((const char *[]){ "validate", "--create", "--schema", rng, b, NULL }, 1, b_error);
    expect_run((const char *[]){ "validate", "--create", "--jobs", "1", "--schema", rng, a, b, NULL }, 1,
               b_error);
    struct tool_result r = harness_tool((const char *[]){ "validate", "--create", "--jobs", "1", "--schema",
                                                          rng, a, b, NULL }, NULL, NULL);
    assert_string_equal(r.out, "1 valid, 1 invalid\n");
    harness_tool_free(&r);
    free(b_error);
    free(b);
    free(a);
    free(b_text);
    free(a_text);
    free(rng);
}

/* Under a grammar that allows at most 32 disks, written out one by
 * one, 33 disks are invalid although each batch of 32 is valid. */
static void test_33_disks_are_judged_together(void **state)
{
    struct sc_buf d32 = { 0 }, d33 = { 0 };
    char *rng = at_most_32_grammar();

    (void)state;
    sc_buf_puts(&d32, "<domainsnapshot><name>x</name><disks>");
    for (int i = 0; i < 32; i++)
        sc_buf_printf(&d32, "<disk name='vd%d'/>", i);
    sc_buf_printf(&d33, "%s<disk name='vd32'/></disks></domainsnapshot>\n", d32.data);
    sc_buf_puts(&d32, "</disks></domainsnapshot>\n");
    char *p32 = harness_write_bytes("disks-32.xml", d32.data, d32.len), *p33 = harness_write_bytes("disks-33.xml", d33.data, d33.len);
    char *error = sc_xasprintf("%s:1: error:", p33);
    expect_run((const char *[]){ "validate", "--create", "--schema", rng, p32, p33, NULL }, 1, error);
    struct tool_result r = harness_tool((const char *[]){ "validate", "--create", "--schema", rng, p32, p33,
                                                          NULL }, NULL, NULL);
    assert_string_equal(r.out, "1 valid, 1 invalid\n");
    harness_tool_free(&r);
    free(error);
    free(p33);
    free(p32);
    free(rng);
    sc_buf_free(&d33);
    sc_buf_free(&d32);
}

/* The shortcuts the schema at PATH gets, as "domain disks …". */
static char *shortcuts_of(const char *path, struct sc_diag_list *why)
{
    static const char *const parts[] = { "domain", "inactiveDomain", "disks", "revertDisks" };
    struct sc_schema *s = sc_schema_load(path, why);
    struct sc_buf b = { 0 };

    assert_non_null(s);
    s->bulk = sc_bulk_new(path, why);
    sc_buf_puts(&b, "");
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (sc_bulk_uses(s->bulk, parts[i]))
            sc_buf_printf(&b, "%s%s", b.len ? " " : "", parts[i]);
    }
    sc_schema_free(s);
    return sc_buf_steal(&b);
}

static void expect_shortcuts(const char *path, const char *want)
{
    struct sc_diag_list why = { 0 };
    char *got = shortcuts_of(path, &why);

    if (strcmp(got, want) != 0) {
        for (size_t i = 0; i < why.n; i++)
            print_error("  %s\n", why.v[i].msg);
        fail_msg("%s: shortcuts \"%s\", expected \"%s\"", path, got, want);
    }
    free(got);
    sc_diag_list_free(&why);
}

/* A disk accepted in one list is not taken as valid in another, whose
 * disks the grammar constrains otherwise: b.xml is invalid alone, and
 * after a.xml too. */
static void test_a_disk_is_judged_in_its_list(void **state)
{
    char *rng = two_lists_grammar();
    const char *a_text = "<domainsnapshot><disks><disk name='vda' snapshot='no'/></disks></domainsnapshot>\n";
    const char *b_text = "<domainsnapshot><revertDisks><disk name='vda' snapshot='no'/></revertDisks>"
                         "</domainsnapshot>\n";
    char *a = harness_write_bytes("list-a.xml", a_text, strlen(a_text));
    char *b = harness_write_bytes("list-b.xml", b_text, strlen(b_text));
    char *b_error = sc_xasprintf("%s:1: error:", b);

    (void)state;
    expect_shortcuts(rng, "disks revertDisks");
    expect_run((const char *[]){ "validate", "--create", "--schema", rng, b, NULL }, 1, b_error);
    struct tool_result r = harness_tool((const char *[]){ "validate", "--create", "--jobs", "1", "--schema",
                                                          rng, a, a, b, NULL }, NULL, NULL);
    assert_string_equal(r.out, "2 valid, 1 invalid\n");
    assert_non_null(strstr(r.err, b_error));
    harness_tool_free(&r);
    free(b_error);
    free(b);
    free(a);
    free(rng);
}

/* The suite's grammar and libvirt's are proven to allow every shortcut
 * for what they define (validate stays fast with them); the two that
 * fooled the shortcuts are proven to allow none of the ones they would
 * get wrong. */
static void test_which_grammars_get_shortcuts(void **state)
{
    (void)state;
    expect_shortcuts(harness_suite->schema->path, "domain inactiveDomain disks revertDisks");
    if (access("/usr/share/libvirt/schemas/domainsnapshot.rng", R_OK) == 0)
        expect_shortcuts("/usr/share/libvirt/schemas/domainsnapshot.rng", "domain inactiveDomain disks");
    else
        print_message("libvirt's schema is not installed: its shortcuts are not checked\n");
    char *context = context_grammar(), *at_most = at_most_32_grammar(), *idref = idref_grammar();
    expect_shortcuts(context, "");
    expect_shortcuts(at_most, "");
    expect_shortcuts(idref, "");
    free(idref);
    free(at_most);
    free(context);
}

#define PROPERTY_GRAMMARS 48
#define PROPERTY_DOCUMENTS 10

/* Over random grammars (the suite's changed in one way, and small ones
 * built around the shapes the shortcuts care about) and random runs of
 * documents, bulk validation and libxml2 alone give the same verdict.
 * SNAPCHECK_PROPERTY_SEED picks another seed. */
static void test_bulk_validation_keeps_every_verdict(void **state)
{
    const char *env = getenv("SNAPCHECK_PROPERTY_SEED");
    unsigned long long seed = env ? strtoull(env, NULL, 0) : 0x5eedc0deULL;
    struct harness_prng r = { seed };
    struct harness_tally t = { 0 };

    (void)state;
    for (size_t i = 0; i < PROPERTY_GRAMMARS; i++) {
        char *text = i % 2 ? harness_random_grammar(&r)
                           : harness_varied_grammar(&r, harness_suite->schema->path);
        char *where = sc_xasprintf("seed %llx, grammar %zu", seed, i);
        harness_check_bulk(text, &r, PROPERTY_DOCUMENTS, where, &t);
        free(where);
        free(text);
    }
    print_message("property: %zu grammars compiled, %zu with shortcuts; %zu documents, %zu valid, "
                  "%zu valid with a long list, %zu valid with a known domain, %zu valid with a known "
                  "disk\n", t.compiled, t.with_shortcuts, t.documents, t.valid, t.valid_long_lists,
                  t.valid_known_domain, t.valid_known_item);
    /* a run that never took a shortcut, or never refused one, proves little */
    if (t.with_shortcuts == 0 || t.with_shortcuts == t.compiled || t.valid_long_lists < 5 ||
        t.valid_known_domain < 5 || t.valid_known_item < 5 || t.valid == t.documents)
        fail_msg("seed %llx: the generated grammars and documents do not exercise the shortcuts", seed);
}

int harness_run_hostile_schema(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_naming_passwd_shows_none_of_it),
        cmocka_unit_test(test_special_files_are_not_read),
        cmocka_unit_test(test_schemas_that_include_themselves),
        cmocka_unit_test(test_huge_schemas_are_not_read),
        cmocka_unit_test(test_schema_doctype_is_refused),
        cmocka_unit_test(test_schema_names_are_escaped),
        cmocka_unit_test(test_validation_messages_are_diagnostics),
        cmocka_unit_test(test_a_domain_is_judged_in_its_context),
        cmocka_unit_test(test_a_disk_is_judged_in_its_list),
        cmocka_unit_test(test_33_disks_are_judged_together),
        cmocka_unit_test(test_which_grammars_get_shortcuts),
        cmocka_unit_test(test_bulk_validation_keeps_every_verdict),
    };

    return harness_group("hostile schema", tests, NULL, NULL);
}
