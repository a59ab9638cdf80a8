/*
 * tests/grammars.c: random grammars and documents around
 * <domainsnapshot>, <disks>, <disk> and <domain>, and the comparison of
 * bulk validation with libxml2 alone over them, for the property test
 * in tests/hostile_schema.c.  The grammars are the
 * suite's own changed in one way, or small ones built from the shapes
 * the shortcuts care about (repetitions and their look-alikes, domains
 * whose pattern depends on a sibling, datatypes that see the whole
 * document); the documents vary their children, their order, the
 * number of disks around the batch size and the domains they repeat.
 * Everything comes from one seeded generator: the same seed, the same
 * grammars and documents.
 */
#include "tests/grammars.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "util/buf.h"
#include "util/strlist.h"
#include "schema/bulk.h"
#include "schema/grammar.h"
#include "schema/schema.h"
#include "model/snapshot.h"
#include "tests/fixture.h"

uint64_t harness_random(struct harness_prng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);   /* splitmix64 */

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned pick(struct harness_prng *r, unsigned n)
{
    return (unsigned)(harness_random(r) % n);
}

/* A random grammar is written as text, its defines apart. */
struct writer {
    struct harness_prng *r;
    struct sc_buf defs;
    int ndefs;
    bool nested;   /* inside a nested grammar: no ref to the outer one */
};

/* PATTERN as it stands, or (one time in three) behind a reference to
 * a define holding it. */
static char *maybe_ref(struct writer *w, char *pattern)
{
    if (w->nested || pick(w->r, 3))
        return pattern;
    int n = w->ndefs++;
    sc_buf_printf(&w->defs, "  <define name='d%d'>%s</define>\n", n, pattern);
    free(pattern);
    return sc_xasprintf("<ref name='d%d'/>", n);
}

static const char *const disk_names[] = {
    "<data type='string' datatypeLibrary=''/>",
    "<data type='string'><param name='pattern'>vd[a-z0-9]+</param></data>",
    "<data type='ID'/>",
};

/* A disk: the usual one, or a look-alike that takes any name with
 * snapshot='no' only. */
static char *disk(struct writer *w, bool other)
{
    if (other)
        return maybe_ref(w, sc_xasprintf("<element name='disk'><attribute name='name'><text/></attribute>"
                                         "<attribute name='snapshot'><value>no</value></attribute></element>"));
    unsigned t = pick(w->r, 12);
    return maybe_ref(w, sc_xasprintf("<element name='disk'><attribute name='name'>%s</attribute>"
                                     "<optional><attribute name='snapshot'><choice><value>no</value>"
                                     "<value>internal</value></choice></attribute></optional></element>",
                                     disk_names[t == 0 ? 2 : t < 6 ? 0 : 1]));
}

/* The content of <disks>: a repetition, or something that looks like
 * one to a batch of disks but is not. */
static char *disks_content(struct writer *w)
{
    char *d = disk(w, false), *d2 = disk(w, true), *out;
    struct sc_buf b = { 0 };

    switch (pick(w->r, 10)) {
    case 0: out = sc_xasprintf("<zeroOrMore>%s</zeroOrMore>", d); break;
    case 1: out = sc_xasprintf("<oneOrMore>%s</oneOrMore>", d); break;
    case 2:
        for (unsigned k = 20 + pick(w->r, 21); k--;)
            sc_buf_printf(&b, "<optional>%s</optional>", d);
        out = sc_buf_steal(&b);
        break;
    case 3: out = sc_xasprintf("<choice><zeroOrMore>%s</zeroOrMore><zeroOrMore>%s</zeroOrMore></choice>", d, d2); break;
    case 4: out = sc_xasprintf("<zeroOrMore><group>%s%s</group></zeroOrMore>", d, d); break;
    case 5: out = sc_xasprintf("<zeroOrMore><choice>%s%s</choice></zeroOrMore>", d, d2); break;
    case 6: out = sc_xasprintf("<optional><oneOrMore>%s</oneOrMore></optional>", d); break;
    case 7: out = sc_xasprintf("<interleave><zeroOrMore>%s</zeroOrMore><optional><element name='extra'><empty/>"
                               "</element></optional></interleave>", d); break;
    case 8: out = sc_xasprintf("<mixed><zeroOrMore>%s</zeroOrMore></mixed>", d); break;
    default: out = sc_xasprintf("<zeroOrMore>%s</zeroOrMore><optional><element name='extra'><empty/>"
                                "</element></optional>", d); break;
    }
    free(d);
    free(d2);
    return maybe_ref(w, out);
}

static char *domain(struct writer *w, unsigned kind)
{
    static const char *const contents[] = {
        "<element name='uuid'><text/></element>",
        "<empty/>",
        "<optional><attribute name='type'><choice><value>qemu</value><value>kvm</value></choice></attribute>"
        "</optional><zeroOrMore><element><anyName/><text/></element></zeroOrMore>",
        "<attribute name='type'><value>kvm</value></attribute><element name='name'><text/></element>",
    };
    return maybe_ref(w, sc_xasprintf("<element name='domain'>%s</element>", contents[kind % 4]));
}

static char *domain_component(struct writer *w)
{
    unsigned how = pick(w->r, 6);
    bool nest = pick(w->r, 5) == 0;
    char *d, *out;

    w->nested = nest;
    d = domain(w, pick(w->r, 4));
    switch (how) {
    case 0: out = sc_xasprintf("<zeroOrMore>%s</zeroOrMore>", d); break;
    case 1: out = sc_xstrdup(d); break;
    case 2: {
        char *d2 = domain(w, pick(w->r, 4));
        out = sc_xasprintf("<optional><choice>%s%s</choice></optional>", d, d2);
        free(d2);
        break;
    }
    default: out = sc_xasprintf("<optional>%s</optional>", d); break;
    }
    free(d);
    w->nested = false;
    if (nest) {
        char *g = sc_xasprintf("<grammar><start>%s</start></grammar>", out);
        free(out);
        out = g;
    }
    return maybe_ref(w, out);
}

static const char *const state_element =
    "<element name='state'><choice><value>running</value><value>shutoff</value></choice></element>";

char *harness_random_grammar(struct harness_prng *r)
{
    struct writer w = { .r = r };
    char *parts[8];
    size_t n = 0;
    struct sc_buf b = { 0 };

    parts[n++] = sc_xstrdup("<optional><element name='name'><text/></element></optional>");
    parts[n++] = sc_xstrdup("<optional><element name='creationTime'><text/></element></optional>");
    if (pick(r, 6) == 0)
        parts[n++] = sc_xstrdup("<text/>");
    char *dc = disks_content(&w);
    unsigned disks_how = pick(r, 5);
    parts[n++] = sc_xasprintf(disks_how == 0 ? "<element name='disks'>%s</element>"
                              : disks_how == 1 ? "<zeroOrMore><element name='disks'>%s</element></zeroOrMore>"
                              : "<optional><element name='disks'>%s</element></optional>", dc);
    free(dc);
    if (pick(r, 4) == 0) {
        /* the domain's pattern depends on the state beside it */
        char *a = domain(&w, 0), *d = domain(&w, 1 + pick(r, 3));
        parts[n++] = sc_xasprintf("<choice><group><element name='state'><value>running</value></element>"
                                  "<optional>%s</optional></group><group><element name='state'>"
                                  "<value>shutoff</value></element><optional>%s</optional></group></choice>", a, d);
        free(a);
        free(d);
    } else {
        parts[n++] = sc_xasprintf("<optional>%s</optional>", state_element);
        parts[n++] = domain_component(&w);
    }
    for (size_t i = n; i > 1; i--) {   /* shuffled */
        size_t j = pick(r, (unsigned)i);
        char *t = parts[i - 1];
        parts[i - 1] = parts[j];
        parts[j] = t;
    }
    unsigned shape = pick(r, 8);
    const char *open = shape == 0 ? "<group>" : "<interleave>";
    const char *close = shape == 0 ? "</group>" : "</interleave>";
    sc_buf_puts(&b, shape == 1 ? "<choice><interleave>" : open);
    for (size_t i = 0; i < n; i++)
        sc_buf_puts(&b, parts[i]);
    if (shape == 1)   /* the same, or the root with a name only */
        sc_buf_puts(&b, "</interleave><element name='name'><text/></element></choice>");
    else
        sc_buf_puts(&b, close);
    char *content = maybe_ref(&w, sc_buf_steal(&b));
    sc_buf_printf(&b, "<grammar xmlns='%s' datatypeLibrary='http://www.w3.org/2001/XMLSchema-datatypes'>\n"
                      "  <start><element name='domainsnapshot'>%s</element></start>\n%s</grammar>\n",
                  SC_RNG_NS, content, w.defs.data ? w.defs.data : "");
    free(content);
    for (size_t i = 0; i < n; i++)
        free(parts[i]);
    sc_buf_free(&w.defs);
    return sc_buf_steal(&b);
}

/* Replaces the nodes XPATH selects in DOC by the patterns of TEXT. */
static void replace(xmlDocPtr doc, const char *xpath, const char *text)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj;
    char *wrapped = sc_xasprintf("<w xmlns='%s'>%s</w>", SC_RNG_NS, text);
    xmlDocPtr frag = xmlReadMemory(wrapped, (int)strlen(wrapped), NULL, NULL, 0);

    assert_non_null(frag);
    xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST SC_RNG_NS);
    obj = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
    assert_true(obj && obj->nodesetval && obj->nodesetval->nodeNr > 0);
    /* the node set is freed before the nodes it names */
    int n = obj->nodesetval->nodeNr;
    xmlNodePtr *old = sc_xcalloc((size_t)n, sizeof(*old));
    memcpy(old, obj->nodesetval->nodeTab, (size_t)n * sizeof(*old));
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    for (int i = 0; i < n; i++) {
        for (xmlNodePtr c = xmlDocGetRootElement(frag)->children; c; c = c->next)
            xmlAddPrevSibling(old[i], xmlDocCopyNode(c, doc, 1));
        xmlUnlinkNode(old[i]);
        xmlFreeNode(old[i]);
    }
    free(old);
    xmlFreeDoc(frag);
    free(wrapped);
}

char *harness_varied_grammar(struct harness_prng *r, const char *real)
{
    static const char *const disks_list = "//r:element[@name='disks']/r:zeroOrMore";
    xmlDocPtr doc = xmlReadFile(real, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    struct sc_buf b = { 0 };
    xmlChar *text;
    int len;

    assert_non_null(doc);
    switch (pick(r, 9)) {
    case 0:   /* as it is */
        break;
    case 1:
        for (unsigned k = 20 + pick(r, 21); k--;)
            sc_buf_puts(&b, "<optional><ref name='disk'/></optional>");
        replace(doc, disks_list, b.data);
        break;
    case 2:
        replace(doc, "/r:grammar/r:define[@name='domainsnapshot']/r:element/r:interleave",
                "<group>" "<optional><element name='name'><text/></element></optional>"
                "<optional><element name='state'><ref name='state'/></element></optional>"
                "<optional><element name='creationTime'><text/></element></optional>"
                "<optional><element name='disks'><zeroOrMore><ref name='disk'/></zeroOrMore></element></optional>"
                "<optional><ref name='domain'/></optional></group>");
        break;
    case 3:
        replace(doc, disks_list, "<oneOrMore><ref name='disk'/></oneOrMore>");
        break;
    case 4:
        replace(doc, "/r:grammar/r:define[@name='disk']/r:element/r:attribute[@name='name']/r:choice",
                "<data type='ID'/>");
        break;
    case 5:
        replace(doc, disks_list, "<choice><zeroOrMore><ref name='disk'/></zeroOrMore><zeroOrMore>"
                "<element name='disk'><attribute name='name'><text/></attribute><attribute name='snapshot'>"
                "<value>no</value></attribute></element></zeroOrMore></choice>");
        break;
    case 6:
        replace(doc, "//r:interleave/r:optional[r:ref/@name='domain']",
                "<choice><group><element name='state'><value type='string' datatypeLibrary=''>running</value>"
                "</element><optional><ref name='domain'/></optional></group><group><element name='state'>"
                "<value type='string' datatypeLibrary=''>shutoff</value></element><optional><element name='domain'>"
                "<element name='uuid'><ref name='uuid'/></element></element></optional></group></choice>");
        replace(doc, "//r:interleave/r:optional[r:element/@name='state']", "<empty/>");
        break;
    case 7:
        replace(doc, "//r:interleave/r:optional[r:ref/@name='domain']",
                "<zeroOrMore><ref name='domain'/></zeroOrMore>");
        break;
    default:
        replace(doc, disks_list, "<zeroOrMore><choice><ref name='disk'/><element name='extra'><empty/>"
                "</element></choice></zeroOrMore>");
        break;
    }
    sc_buf_free(&b);
    xmlDocDumpMemory(doc, &text, &len);
    char *out = sc_xstrdup((const char *)text);
    xmlFree(text);
    xmlFreeDoc(doc);
    return out;
}

static const char *const domains[] = {
    "<domain><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid></domain>",
    "<domain type='kvm'><name>vm</name><uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid></domain>",
    "<domain/>",
    "<domain type='kvm'><name>vm</name></domain>",
    "<domain type='kvm'><uuid>not-a-uuid</uuid></domain>",
};

static void disks(struct harness_prng *r, struct sc_buf *b, const char *space)
{
    static const unsigned counts[] = { 0, 1, 2, 31, 32, 33, 34, 47, 64, 65, 66 };
    unsigned n = counts[pick(r, sizeof(counts) / sizeof(counts[0]))];
    unsigned split = pick(r, 4) ? n : pick(r, n + 1);   /* the look-alike from here on */
    unsigned odd = pick(r, 6) ? n : pick(r, n + 1);     /* one disk that is wrong */
    unsigned twin = pick(r, 6) ? n : pick(r, n + 1);    /* one that has the first one's name */

    sc_buf_printf(b, "<disks>%s", space);
    for (unsigned i = 0; i < n; i++) {
        if (i == odd && pick(r, 2))
            sc_buf_printf(b, "<extra/>%s", space);
        else if (i == odd)
            sc_buf_printf(b, "<disk name='vd%u' snapshot='bogus'/>%s", i, space);
        else if (i >= split)
            sc_buf_printf(b, "<disk name='x %u' snapshot='no'/>%s", i, space);
        else
            sc_buf_printf(b, "<disk name='vd%u' snapshot='%s'/>%s", i == twin ? 0 : i,
                          pick(r, 2) ? "internal" : "no", space);
    }
    sc_buf_puts(b, "</disks>");
}

char *harness_random_document(struct harness_prng *r)
{
    const char *space = pick(r, 2) ? "\n" : "";
    char *parts[10];
    size_t n = 0;
    struct sc_buf b = { 0 };

    if (pick(r, 4))
        parts[n++] = sc_xstrdup("<name>s</name>");
    if (pick(r, 4))
        parts[n++] = sc_xstrdup(pick(r, 2) ? "<state>running</state>" : "<state>shutoff</state>");
    if (pick(r, 3))
        parts[n++] = sc_xstrdup("<creationTime>1</creationTime>");
    for (unsigned k = pick(r, 10) ? 1 : 2; k--;) {
        disks(r, &b, space);
        parts[n++] = sc_buf_steal(&b);
    }
    for (unsigned k = pick(r, 5) ? 1 : pick(r, 3); k--;)
        parts[n++] = sc_xstrdup(domains[pick(r, sizeof(domains) / sizeof(domains[0]))]);
    if (pick(r, 6) == 0)
        parts[n++] = sc_xstrdup("<inactiveDomain type='kvm'><name>vm</name></inactiveDomain>");
    for (size_t i = n; i > 1; i--) {
        size_t j = pick(r, (unsigned)i);
        char *t = parts[i - 1];
        parts[i - 1] = parts[j];
        parts[j] = t;
    }
    sc_buf_printf(&b, "<domainsnapshot>%s", space);
    for (size_t i = 0; i < n; i++) {
        sc_buf_printf(&b, "%s%s", parts[i], space);
        free(parts[i]);
    }
    sc_buf_puts(&b, "</domainsnapshot>\n");
    return sc_buf_steal(&b);
}

static void quiet(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* libxml2 alone: the schema compiled, each document validated in one
 * pass with a context of its own; no message printed. */
static xmlRelaxNGPtr plain_compile(const char *path)
{
    xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewParserCtxt(path);
    xmlRelaxNGPtr rng;

    xmlSetStructuredErrorFunc(NULL, quiet);
    xmlRelaxNGSetParserStructuredErrors(p, quiet, NULL);
    rng = xmlRelaxNGParse(p);
    xmlRelaxNGFreeParserCtxt(p);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return rng;
}

static bool plain_valid(xmlRelaxNGPtr rng, xmlDocPtr doc)
{
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(rng);
    int rc;

    xmlSetStructuredErrorFunc(NULL, quiet);
    xmlRelaxNGSetValidStructuredErrors(v, quiet, NULL);
    rc = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return rc == 0;
}

/* The text of DOC's first <domain> child, or NULL. */
/* The text of each element in DOC's <disks> lists. */
static void disk_texts(xmlDocPtr doc, struct sc_strings *out)
{
    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "disks") != 0)
            continue;
        for (xmlNodePtr d = c->children; d; d = d->next) {
            if (d->type != XML_ELEMENT_NODE)
                continue;
            xmlBufferPtr buf = xmlBufferCreate();
            xmlNodeDump(buf, doc, d, 0, 0);
            sc_strings_add(out, (const char *)xmlBufferContent(buf));
            xmlBufferFree(buf);
        }
    }
}

static char *domain_text(xmlDocPtr doc, bool *long_list)
{
    char *text = NULL;

    *long_list = false;
    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)c->name, "disks")) {
            size_t n = 0;
            for (xmlNodePtr d = c->children; d; d = d->next)
                n += d->type == XML_ELEMENT_NODE;
            *long_list |= n > 32;
        } else if (!strcmp((const char *)c->name, "domain") && !text) {
            xmlBufferPtr buf = xmlBufferCreate();
            xmlNodeDump(buf, doc, c, 0, 0);
            text = sc_xstrdup((const char *)xmlBufferContent(buf));
            xmlBufferFree(buf);
        }
    }
    return text;
}

void harness_check_bulk(const char *text, struct harness_prng *r, size_t ndocs, const char *where,
                        struct harness_tally *t)
{
    char *path = harness_write(harness_tmpdir(), "property.rng", text);
    struct sc_diag_list diags = { 0 };
    struct sc_schema *bulk = sc_schema_load(path, &diags);
    xmlRelaxNGPtr plain = plain_compile(path);
    char **seen = sc_xcalloc(ndocs, sizeof(*seen));
    size_t nseen = 0;
    struct sc_strings seen_disks = { 0 };

    if (!bulk != !plain)
        fail_msg("%s: snapcheck and libxml2 disagree on compiling it:\n%s", where, text);
    if (bulk) {
        t->compiled++;
        sc_schema_enable_shortcuts(bulk);
        t->with_shortcuts += bulk->bulk != NULL;
    }
    for (size_t k = 0; k < ndocs; k++) {
        char *doc_text = harness_random_document(r);
        struct sc_error err;
        xmlDocPtr doc = bulk ? sc_xml_read_memory(doc_text, strlen(doc_text), "property.xml", &err) : NULL;
        if (doc) {
            struct sc_diag_list got = { 0 }, full = { 0 };
            bool want = plain_valid(plain, doc), is = sc_schema_validate(bulk, doc, &got) == 0;
            bool long_list, known = false;
            char *dom = domain_text(doc, &long_list);
            if (want != is)
                fail_msg("%s, document %zu: libxml2 alone says %s, bulk validation %s\n"
                         "grammar:\n%s\ndocument:\n%s", where, k, want ? "valid" : "invalid",
                         is ? "valid" : "invalid", text, doc_text);
            /* and an invalid document gets the diagnostics of a full pass */
            sc_schema_validate_full(bulk, doc, &full);
            for (size_t i = 0; i < full.n || i < got.n; i++) {
                if (i >= full.n || i >= got.n || full.v[i].line != got.v[i].line ||
                    strcmp(full.v[i].msg, got.v[i].msg) != 0)
                    fail_msg("%s, document %zu: diagnostic %zu differs from a full validation's ('%s')\n"
                             "grammar:\n%s\ndocument:\n%s", where, k, i, i < full.n ? full.v[i].msg : "",
                             text, doc_text);
            }
            t->documents++;
            t->valid += is;
            t->valid_long_lists += is && long_list && sc_bulk_uses(bulk->bulk, "disks");
            for (size_t i = 0; is && dom && i < nseen; i++)
                known |= !strcmp(seen[i], dom);
            t->valid_known_domain += known && sc_bulk_uses(bulk->bulk, "domain");
            struct sc_strings items = { 0 };
            bool known_item = false;
            disk_texts(doc, &items);
            for (size_t i = 0; is && i < items.n; i++)
                known_item |= sc_strings_has(&seen_disks, items.v[i]);
            t->valid_known_item += known_item && sc_bulk_uses(bulk->bulk, "disks");
            for (size_t i = 0; is && i < items.n; i++)
                sc_strings_add_once(&seen_disks, items.v[i]);
            sc_strings_free(&items);
            if (is && dom)
                seen[nseen++] = dom, dom = NULL;
            free(dom);
            sc_diag_list_free(&got);
            sc_diag_list_free(&full);
            xmlFreeDoc(doc);
        }
        free(doc_text);
    }
    for (size_t i = 0; i < nseen; i++)
        free(seen[i]);
    free(seen);
    sc_strings_free(&seen_disks);
    xmlRelaxNGFree(plain);
    sc_schema_free(bulk);
    sc_diag_list_free(&diags);
    free(path);
}
