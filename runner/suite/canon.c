/*
 * canon.c: the canonical form of a document (see canon.h), made by
 * libxml2 on a tree normalised first through its tree API:
 *
 * - comments are removed, and whitespace-only text in element content
 *   (an element with child elements and no other text): layout, not
 *   content.  An element without child elements keeps its text as it
 *   is, and so does mixed content, where whitespace is content.
 * - namespaces are renamed: the URIs the document's elements and
 *   attributes use are sorted, and the first gets the prefix n1, the
 *   next n2, and so on, all declared on the root (a default namespace
 *   becomes a prefixed one too).  Prefixes chosen by the writer, and
 *   declarations no name uses, then no longer count.  QNames inside
 *   attribute values or text are not renamed.
 * - attributes are sorted as canonical XML sorts them (no namespace
 *   first, then by namespace URI, then by local name).
 *
 * The C14N form is Exclusive XML Canonicalization 1.0 without comments
 * (xmlC14NExecute), which declares each namespace where it is first
 * used.  The display form is the same tree written by libxml2's
 * serialiser one element per line, for a diff a person can read.  Both
 * are written through a sink that refuses to grow past a limit, so that
 * a hostile document's canonical form (character references expand,
 * declarations repeat) costs bounded memory.
 */
#include "suite/canon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/c14n.h>
#include <libxml/uri.h>
#include <libxml/xmlsave.h>

#include "util/buf.h"
#include "util/diag.h"
#include "model/xmlin.h"
#include "util/xmlload.h"

static bool is_blank(const xmlChar *s)
{
    for (; s && *s; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    }
    return true;
}

static void drop(xmlNodePtr n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Comments go; so does whitespace-only text in element content. */
static void strip_layout(xmlNodePtr n)
{
    bool elements = false, text = false;

    for (xmlNodePtr c = n->children, next; c; c = next) {
        next = c->next;
        if (c->type == XML_COMMENT_NODE)
            drop(c);
    }
    for (xmlNodePtr c = n->children; c; c = c->next) {
        elements |= c->type == XML_ELEMENT_NODE;
        text |= c->type == XML_TEXT_NODE && !is_blank(c->content);
    }
    for (xmlNodePtr c = n->children, next; c; c = next) {
        next = c->next;
        if (c->type == XML_ELEMENT_NODE)
            strip_layout(c);
        else if (c->type == XML_TEXT_NODE && elements && !text)
            drop(c);
    }
}

/* --- namespaces renamed by URI --- */

struct uris {
    const xmlChar **v;
    size_t n, cap;
    xmlNsPtr *ns;   /* the new declaration of each URI */
};

static bool renamed(const xmlNs *ns)
{
    return ns && ns->href && ns->href[0] && !xmlStrEqual(ns->href, XML_XML_NAMESPACE);
}

static void collect(xmlNodePtr n, struct uris *u)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (xmlAttrPtr a = n->properties; a; a = a->next) {
            if (renamed(a->ns)) {
                if (u->n == u->cap)
                    u->v = sc_xrealloc(u->v, (u->cap = u->cap * 2 + 16) * sizeof(*u->v));
                u->v[u->n++] = a->ns->href;
            }
        }
        if (renamed(n->ns)) {
            if (u->n == u->cap)
                u->v = sc_xrealloc(u->v, (u->cap = u->cap * 2 + 16) * sizeof(*u->v));
            u->v[u->n++] = n->ns->href;
        }
        collect(n->children, u);
    }
}

static int compare_uris(const void *a, const void *b)
{
    return xmlStrcmp(*(const xmlChar *const *)a, *(const xmlChar *const *)b);
}

/* The declaration that replaces NS: the new one of its URI, the
 * document's own for the xml prefix, none for an empty URI. */
static xmlNsPtr replacement(const struct uris *u, xmlNsPtr ns, xmlNsPtr xml)
{
    if (!ns)
        return NULL;
    if (!renamed(ns))
        return ns->href && ns->href[0] ? xml : NULL;
    const xmlChar **hit = bsearch(&ns->href, u->v, u->n, sizeof(*u->v), compare_uris);
    return u->ns[hit - u->v];
}

static void repoint(xmlNodePtr n, const struct uris *u, xmlNsPtr xml)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        n->ns = replacement(u, n->ns, xml);
        for (xmlAttrPtr a = n->properties; a; a = a->next)
            a->ns = replacement(u, a->ns, xml);
        repoint(n->children, u, xml);
        xmlFreeNsList(n->nsDef);
        n->nsDef = NULL;
    }
}

/* Canonical XML takes absolute namespace URIs only. */
static int check_absolute(const xmlChar *href, struct sc_error *err)
{
    xmlURIPtr uri = xmlParseURI((const char *)href);
    bool absolute = uri && uri->scheme && uri->scheme[0];

    xmlFreeURI(uri);
    if (absolute)
        return 0;
    return sc_fail(err, NULL, "namespace URI '%.200s' is not absolute, so the document has no "
                              "canonical form", (const char *)href);
}

static int rename_namespaces(xmlDocPtr doc, xmlNodePtr root, struct sc_error *err)
{
    struct uris u = { 0 };
    size_t n = 0;
    int rc = 0;

    collect(root, &u);
    if (u.n)
        qsort(u.v, u.n, sizeof(*u.v), compare_uris);
    for (size_t i = 0; i < u.n; i++) {
        if (!n || !xmlStrEqual(u.v[n - 1], u.v[i]))
            u.v[n++] = u.v[i];
    }
    u.n = n;
    for (size_t i = 0; i < u.n && rc == 0; i++)
        rc = check_absolute(u.v[i], err);
    if (rc == 0) {
        /* the xml prefix is bound by the document itself, never declared */
        xmlNsPtr xml = xmlSearchNs(doc, root, BAD_CAST "xml");
        u.ns = sc_xcalloc(u.n + 1, sizeof(*u.ns));
        for (size_t i = 0; i < u.n; i++) {
            char prefix[32];
            snprintf(prefix, sizeof(prefix), "n%zu", i + 1);
            u.ns[i] = xmlNewNs(NULL, u.v[i], BAD_CAST prefix);
            if (!u.ns[i])
                sc_out_of_memory();
            /* the old declarations go while the tree is repointed */
            u.v[i] = u.ns[i]->href;
        }
        repoint(root, &u, xml);
        for (size_t i = 0; i + 1 < u.n; i++)
            u.ns[i]->next = u.ns[i + 1];
        root->nsDef = u.ns[0];
    }
    free(u.ns);
    free(u.v);
    return rc;
}

/* --- attributes in canonical order --- */

static int compare_attrs(const void *pa, const void *pb)
{
    const xmlAttr *a = *(const xmlAttr *const *)pa, *b = *(const xmlAttr *const *)pb;
    int by_ns = xmlStrcmp(a->ns ? a->ns->href : BAD_CAST "", b->ns ? b->ns->href : BAD_CAST "");

    return by_ns ? by_ns : xmlStrcmp(a->name, b->name);
}

static void sort_attributes(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        size_t count = 0;
        for (xmlAttrPtr a = n->properties; a; a = a->next)
            count++;
        if (count > 1) {
            xmlAttrPtr *v = sc_xcalloc(count, sizeof(*v)), a = n->properties;
            for (size_t i = 0; i < count; i++, a = a->next)
                v[i] = a;
            qsort(v, count, sizeof(*v), compare_attrs);
            n->properties = v[0];
            for (size_t i = 0; i < count; i++) {
                v[i]->prev = i ? v[i - 1] : NULL;
                v[i]->next = i + 1 < count ? v[i + 1] : NULL;
            }
            free(v);
        }
        sort_attributes(n->children);
    }
}

/* --- writing within a limit --- */

struct sink {
    struct sc_buf b;
    size_t limit;
    bool over;
};

static int sink_write(void *ctx, const char *s, int len)
{
    struct sink *k = ctx;

    /* the text and its NUL within the limit */
    if (len < 0 || (size_t)len >= k->limit - k->b.len) {
        k->over = true;
        return -1;
    }
    sc_buf_add(&k->b, s, (size_t)len);
    return len;
}

static int sink_close(void *ctx)
{
    (void)ctx;
    return 0;
}

static int write_c14n(xmlDocPtr doc, struct sink *k)
{
    xmlOutputBufferPtr out = xmlOutputBufferCreateIO(sink_write, sink_close, k, NULL);

    if (!out)
        sc_out_of_memory();
    int rc = xmlC14NExecute(doc, NULL, NULL, XML_C14N_EXCLUSIVE_1_0, NULL, 0, out);
    return xmlOutputBufferClose(out) < 0 ? -1 : rc;
}

static int write_display(xmlDocPtr doc, struct sink *k)
{
    xmlSaveCtxtPtr save = xmlSaveToIO(sink_write, sink_close, k, "UTF-8",
                                      XML_SAVE_FORMAT | XML_SAVE_NO_DECL);

    if (!save)
        sc_out_of_memory();
    long rc = xmlSaveDoc(save, doc);
    return xmlSaveClose(save) < 0 ? -1 : (int)rc;
}

static char *serialise(xmlDocPtr doc, enum sc_canon_form form, size_t limit, struct sc_error *err)
{
    struct sink k = { .limit = limit };
    struct sc_diag_list diags = { 0 };
    struct sc_xml_capture cap;

    /* libxml2's messages become ours, never text on standard error */
    sc_xml_capture_begin(&cap, &diags, NULL, NULL);
    int rc = form == SC_CANON_C14N ? write_c14n(doc, &k) : write_display(doc, &k);
    sc_xml_capture_end(&cap);
    if (rc < 0 || k.over) {
        if (k.over) {
            sc_fail(err, NULL, "its canonical form would pass %zu bytes", limit);
            err->unreadable = true;
        } else {
            sc_fail(err, NULL, "libxml2 cannot canonicalise it: %s",
                    diags.n ? diags.v[0].msg : "no reason given");
        }
        sc_buf_free(&k.b);
        sc_diag_list_free(&diags);
        return NULL;
    }
    sc_diag_list_free(&diags);
    sc_buf_puts(&k.b, "");
    return sc_buf_steal(&k.b);
}

char *sc_canonical(const char *text, size_t len, enum sc_canon_form form, size_t limit,
                   struct sc_error *err)
{
    xmlDocPtr doc = sc_xml_read_memory(text, len, "document", err);
    char *s = NULL;

    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    strip_layout((xmlNodePtr)doc);
    if (rename_namespaces(doc, root, err) == 0) {
        sort_attributes(root);
        s = serialise(doc, form, limit, err);
    }
    xmlFreeDoc(doc);
    return s;
}
