/*
 * tests/values.c: attribute values that a grammar looks at only through
 * datatypes (schema/values.h): which names the proof takes as such, what
 * a value's signature tells apart, that subtrees differing only by such
 * values hash alike exactly when their signatures agree, and that bulk
 * validation, knowing list items by them, gives the verdicts and the
 * messages of a full validation.
 */
#include "tests/harness.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmlread.h"
#include "schema/memo.h"
#include "schema/schema.h"
#include "schema/shortcut.h"
#include "schema/values.h"
#include "tests/fixture.h"
#include "tests/groups.h"

/* A grammar whose root <r> holds one <disks> list of <disk>s with the
 * attributes ATTRS, and OTHER beside the list. */
static char *grammar(const char *name, const char *attrs, const char *other)
{
    char *text = sc_xasprintf(
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0' "
        "datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>\n"
        "<start><element name='r'><interleave>\n"
        "  <element name='disks'><zeroOrMore><element name='disk'>%s</element></zeroOrMore></element>\n"
        "  <optional><element name='other'>%s</element></optional>\n"
        "</interleave></element></start>\n"
        "<define name='path'><data type='string'><param name='pattern'>/.+</param></data></define>\n"
        "</grammar>\n", attrs, other);
    char *path = harness_write(harness_tmpdir(), name, text);
    free(text);
    return path;
}

static struct sc_values *values_of(const char *path)
{
    static const char *const names[] = { "disks" };
    static const unsigned wanted[] = { SC_SHORTCUT_BATCH };
    struct sc_diag_list why = { 0 };
    struct sc_values *v;
    unsigned out;

    sc_shortcuts_prove(path, names, wanted, 1, &out, NULL, 0, &v, &why);
    assert_int_equal(out, SC_SHORTCUT_BATCH);
    sc_diag_list_free(&why);
    return v;
}

static xmlDocPtr read_text(const char *text)
{
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory_compact(text, strlen(text), "values.xml", &err);

    assert_non_null(doc);
    return doc;
}

/* Of the attributes of the root of TEXT, the names whose values V takes
 * as interchangeable, joined by spaces. */
static char *interchangeable(const struct sc_values *v, const char *text)
{
    xmlDocPtr doc = read_text(text);
    struct sc_buf b = { 0 };
    uint64_t sig;

    sc_buf_puts(&b, "");
    for (xmlAttrPtr a = xmlDocGetRootElement(doc)->properties; v && a; a = a->next) {
        if (sc_values_signature(v, a, &sig))
            sc_buf_printf(&b, "%s%s", b.len ? " " : "", (const char *)a->name);
    }
    xmlFreeDoc(doc);
    return sc_buf_steal(&b);
}

/* A name qualifies when every attribute pattern that may match it holds
 * choices of data, text and notAllowed only; a wildcard's content
 * counts for every name. */
static void test_names_qualify_when_only_datatypes_check_them(void **state)
{
    static const char attrs[] =
        "<attribute name='path'><ref name='path'/></attribute>"
        "<optional><attribute name='note'/></optional>"
        "<optional><attribute name='size'><choice><data type='int'><param name='maxInclusive'>10</param></data>"
        "<notAllowed/></choice></attribute></optional>"
        "<optional><attribute name='mode'><choice><value>a</value><value>b</value></choice></attribute></optional>"
        "<optional><attribute name='list'><list><data type='int'/></list></attribute></optional>"
        "<optional><attribute name='flag'><empty/></attribute></optional>"
        "<optional><attribute name='except'><data type='token'><except><value>x</value></except></data>"
        "</attribute></optional>"
        "<optional><attribute name='twice'><data type='int'/></attribute></optional>";
    static const char doc[] = "<t path='/a' note='n' size='1' mode='a' list='1 2' flag='' except='y' twice='2' "
                              "other='o'/>";
    struct {
        const char *other, *want;
    } cases[] = {
        /* 'twice' also takes a value elsewhere; 'other' is matched by no pattern */
        { "<attribute name='twice'><value>2</value></attribute>", "path note size other" },
        /* a wildcard's text takes nothing away */
        { "<attribute><anyName/></attribute>", "path note size twice other" },
        { "<attribute><nsName ns=''/><data type='int'/></attribute>", "path note size twice other" },
        /* a wildcard's value takes everything */
        { "<attribute><anyName/><value>x</value></attribute>", "" },
        /* a name class choice reaches each of its names */
        { "<attribute><choice><name>note</name><name>path</name></choice><value>x</value></attribute>",
          "size twice other" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *name = sc_xasprintf("values-%zu.rng", i);
        char *path = grammar(name, attrs, cases[i].other);
        struct sc_values *v = values_of(path);
        char *got = interchangeable(v, doc);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("grammar %zu: interchangeable \"%s\", not \"%s\"", i, got, cases[i].want);
        free(got);
        sc_values_free(v);
        free(path);
        free(name);
    }
}

/* The signature of attribute NAME of the root of TEXT. */
static uint64_t signature(const struct sc_values *v, const char *text, const char *name)
{
    xmlDocPtr doc = read_text(text);
    xmlAttrPtr a = xmlHasProp(xmlDocGetRootElement(doc), BAD_CAST name);
    uint64_t sig = ~(uint64_t)0;

    assert_non_null(a);
    assert_true(sc_values_signature(v, a, &sig));
    xmlFreeDoc(doc);
    return sig;
}

/* A signature tells apart values that some data pattern of the name
 * accepts and another refuses, and only those; the second time a value
 * is met it is read from the cache, and says the same. */
static void test_signatures_tell_apart_what_datatypes_do(void **state)
{
    char *path = grammar("values-sig.rng",
                         "<attribute name='v'><choice><ref name='path'/><data type='int'>"
                         "<param name='maxInclusive'>10</param></data><text/></choice></attribute>", "<empty/>");
    struct sc_values *v = values_of(path);
    const char *same[][2] = {
        { "/a", "/bcd" }, { "/a", "/a" }, { "3", "0010" }, { "x", "" }, { "11", "-x" }, { "/", "1/" },
    };
    const char *apart[][2] = {
        { "/a", "a" }, { "3", "/a" }, { "3", "11" }, { "3", "x" }, { "/a", "/" },
    };

    (void)state;
    assert_non_null(v);
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
            char *a = sc_xasprintf("<t v='%s'/>", same[i][0]), *b = sc_xasprintf("<t v='%s'/>", same[i][1]);
            if (signature(v, a, "v") != signature(v, b, "v"))
                fail_msg("'%s' and '%s' have different signatures", same[i][0], same[i][1]);
            free(a);
            free(b);
        }
        for (size_t i = 0; i < sizeof(apart) / sizeof(apart[0]); i++) {
            char *a = sc_xasprintf("<t v='%s'/>", apart[i][0]), *b = sc_xasprintf("<t v='%s'/>", apart[i][1]);
            if (signature(v, a, "v") == signature(v, b, "v"))
                fail_msg("'%s' and '%s' have the same signature", apart[i][0], apart[i][1]);
            free(a);
            free(b);
        }
    }
    sc_values_free(v);
    free(path);
}

static int compare_hashes(struct sc_hash x, struct sc_hash y)
{
    return x.a != y.a || x.b != y.b;
}

static struct sc_hash hash_text(const char *text, const struct sc_values *v)
{
    xmlDocPtr doc = read_text(text);
    struct sc_hash h = sc_values_subtree_hash(xmlDocGetRootElement(doc), v);

    xmlFreeDoc(doc);
    return h;
}

/* Subtrees that differ only by interchangeable values of the same
 * signature hash alike; any other difference keeps them apart. */
static void test_subtrees_hash_by_signature(void **state)
{
    char *path = grammar("values-hash.rng",
                         "<attribute name='path'><ref name='path'/></attribute>"
                         "<attribute name='mode'><choice><value>a</value><value>b</value></choice></attribute>"
                         "<optional><element name='source'><attribute name='path'><ref name='path'/></attribute>"
                         "<text/></element></optional>", "<empty/>");
    struct sc_values *v = values_of(path);
    const char *base = "<disk path='/a' mode='a'><source path='/x'>t</source></disk>";
    const char *alike[] = {
        "<disk path='/b' mode='a'><source path='/yy'>t</source></disk>",
        "<disk path='/zzz' mode='a'><source path='/x'>t</source></disk>",
    };
    const char *apart[] = {
        "<disk path='a' mode='a'><source path='/x'>t</source></disk>",
        "<disk path='/a' mode='b'><source path='/x'>t</source></disk>",
        "<disk path='/a' mode='a'><source path='x'>t</source></disk>",
        "<disk path='/a' mode='a'><source path='/x'>u</source></disk>",
        "<disk mode='a' path='/a'><source path='/x'>t</source></disk>",
        "<disk path='/a' mode='a'><source path='/x'/>t</disk>",
    };

    (void)state;
    assert_non_null(v);
    for (size_t i = 0; i < sizeof(alike) / sizeof(alike[0]); i++) {
        if (compare_hashes(hash_text(base, v), hash_text(alike[i], v)))
            fail_msg("%s and %s hash apart", base, alike[i]);
        /* without the values, they are different subtrees */
        assert_true(compare_hashes(hash_text(base, NULL), hash_text(alike[i], NULL)));
    }
    for (size_t i = 0; i < sizeof(apart) / sizeof(apart[0]); i++) {
        if (!compare_hashes(hash_text(base, v), hash_text(apart[i], v)))
            fail_msg("%s and %s hash alike", base, apart[i]);
    }
    sc_values_free(v);
    free(path);
}

/* Validates TEXT, read as validate reads it, against SCHEMA: the
 * messages joined, "" when valid. */
static char *verdict(const struct sc_schema *schema, const char *text)
{
    return harness_schema_verdict(schema, read_text(text));
}

/* Bulk validation knows a disk again by the signatures of its values:
 * the verdicts and messages are a full validation's, where a disk that
 * only a wrong signature would take for a known one is invalid. */
static void test_bulk_validation_knows_disks_by_their_values(void **state)
{
    char *path = grammar("values-bulk.rng",
                         "<attribute name='path'><ref name='path'/></attribute>"
                         "<optional><attribute name='mode'><choice><value>a</value><value>b</value></choice>"
                         "</attribute></optional>"
                         "<optional><attribute name='size'><data type='int'><param name='maxInclusive'>10</param>"
                         "</data></attribute></optional>"
                         "<optional><attribute name='label'><data type='string'/></attribute></optional>",
                         "<empty/>");
    struct {
        const char *disks, valid;
    } docs[] = {
        { "<disk path='/a' mode='a' size='5' label='x'/>", 'v' },     /* learnt */
        { "<disk path='/b' mode='a' size='7' label='y'/>", 'v' },     /* known by its values */
        { "<disk path='b' mode='a' size='5' label='x'/>", 'i' },      /* not a path */
        { "<disk path='/c' mode='c' size='5' label='x'/>", 'i' },     /* not a mode */
        { "<disk path='/d' mode='a' size='11' label='x'/>", 'i' },    /* too big */
        { "<disk path='/e' mode='a' size='05' label='x'/>", 'v' },
        { "<disk path='/f' mode='a' size='5' label=''/>", 'v' },
        { "<disk path='' mode='a' size='5' label='x'/>", 'i' },
        { "<disk path='/g' mode='a' size='5' label='x'/><disk path='h'/>", 'i' },
        { "<disk path='/h' mode='b' size='5' label='x'/><disk path='/i' mode='a' size='1' label='z'/>", 'v' },
    };
    struct sc_diag_list diags = { 0 };
    struct sc_schema *full = sc_schema_load(path, &diags);
    struct sc_schema *bulk = sc_schema_load(path, &diags);

    (void)state;
    assert_non_null(full);
    assert_non_null(bulk);
    sc_schema_enable_shortcuts(bulk);
    for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        char *text = sc_xasprintf("<r>\n<disks>\n%s\n</disks>\n</r>\n", docs[i].disks);
        char *want = verdict(full, text), *got = verdict(bulk, text);
        if (strcmp(want, got) != 0)
            fail_msg("document %zu: full validation says\n%s\nbulk validation says\n%s", i, want, got);
        if ((*want == '\0') != (docs[i].valid == 'v'))
            fail_msg("document %zu: unexpected verdict:\n%s", i, want);
        free(want);
        free(got);
        free(text);
    }
    sc_schema_free(full);
    sc_schema_free(bulk);
    sc_diag_list_free(&diags);
    free(path);
}

#define RNG_OPEN "<grammar xmlns='http://relaxng.org/ns/structure/1.0' " \
                 "datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>\n"
#define STRICT_FILE "<attribute name='file'><data type='string'><param name='pattern'>/a.*</param></data>" \
                    "</attribute>"
#define LOOSE_FILE "<attribute name='file'><text/></attribute>"
#define STRICT "<element name='source'>" STRICT_FILE "</element>"
#define LOOSE "<element name='source'>" LOOSE_FILE "</element>"

/* Grammars that mean what they say only as libxml2 reads them: names
 * with blanks around them, a name or href in another namespace before
 * the plain one, a datatype written so.  The proof reads them as
 * libxml2 does (or not at all), so bulk validation keeps full
 * validation's verdict on a document that a misread grammar would let
 * it take for one it knows. */
static void test_grammars_are_read_as_libxml2_reads_them(void **state)
{
    static const char source_learn[] = "<r><disks><disk><source file='/a'/></disk></disks></r>";
    static const char source_probe[] = "<r><disks><disk><source file='/b'/></disk></disks></r>";
    static const char id_learn[] = "<r><disks><disk name='vda'/></disks></r>";
    static const char id_probe[] = "<r><disks><disk name='vdb'/><disk name='vdb'/></disks></r>";
    struct {
        const char *disk, *defs, *learn, *probe;
    } cases[] = {
        { "<ref name=' src'/>", "<define name='src'>" STRICT "</define>", source_learn, source_probe },
        { "<ref name='src'/>", "<define xmlns:x='urn:x' x:name='src'>" STRICT "</define>", source_learn,
          source_probe },
        { "<ref name='src'/>", "<include href='values-lib.rng'><define name='src '>" STRICT "</define></include>",
          source_learn, source_probe },
        { "<externalRef xmlns:x='urn:x' x:href='values-strict.rng' href='values-loose.rng'/>", "", source_learn,
          source_probe },
        { "<attribute name='name'><data type=' ID'/></attribute>", "", id_learn, id_probe },
        { "<attribute name='name'><data xmlns:x='urn:x' x:type='ID' type='NCName'/></attribute>", "", id_learn,
          id_probe },
    };

    (void)state;
    free(harness_write(harness_tmpdir(), "values-lib.rng",
                       RNG_OPEN "<define name='src'>" LOOSE "</define></grammar>\n"));
    free(harness_write(harness_tmpdir(), "values-strict.rng",
                       "<element xmlns='http://relaxng.org/ns/structure/1.0' name='source' "
                       "datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>" STRICT_FILE "</element>\n"));
    free(harness_write(harness_tmpdir(), "values-loose.rng",
                       "<element xmlns='http://relaxng.org/ns/structure/1.0' name='source'>" LOOSE_FILE
                       "</element>\n"));
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *name = sc_xasprintf("values-read-%zu.rng", i);
        char *text = sc_xasprintf(RNG_OPEN "<start><element name='r'><interleave>\n"
                                  "  <element name='disks'><zeroOrMore><element name='disk'>%s</element>"
                                  "</zeroOrMore></element>\n"
                                  "  <optional><element name='other'><text/></element></optional>\n"
                                  "</interleave></element></start>\n%s\n</grammar>\n",
                                  cases[i].disk, cases[i].defs);
        char *path = harness_write(harness_tmpdir(), name, text);
        struct sc_diag_list diags = { 0 };
        struct sc_schema *full = sc_schema_load(path, &diags);
        struct sc_schema *bulk = sc_schema_load(path, &diags);
        if (!full || !bulk)
            fail_msg("grammar %zu does not compile:\n%s", i, diags.n ? diags.v[0].msg : "");
        sc_schema_enable_shortcuts(bulk);
        const char *docs[] = { cases[i].learn, cases[i].probe };
        for (size_t d = 0; d < 2; d++) {
            char *want = verdict(full, docs[d]), *got = verdict(bulk, docs[d]);
            if (strcmp(want, got) != 0)
                fail_msg("grammar %zu, document %zu: full validation says\n%s\nbulk validation says\n%s", i, d,
                         want, got);
            if ((*want == '\0') != (d == 0))
                fail_msg("grammar %zu, document %zu: unexpected verdict:\n%s", i, d, want);
            free(want);
            free(got);
        }
        sc_schema_free(full);
        sc_schema_free(bulk);
        sc_diag_list_free(&diags);
        free(path);
        free(text);
        free(name);
    }
}

int harness_run_values(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_qualify_when_only_datatypes_check_them),
        cmocka_unit_test(test_signatures_tell_apart_what_datatypes_do),
        cmocka_unit_test(test_subtrees_hash_by_signature),
        cmocka_unit_test(test_bulk_validation_knows_disks_by_their_values),
        cmocka_unit_test(test_grammars_are_read_as_libxml2_reads_them),
    };

    return harness_group("values", tests, NULL, NULL);
}
