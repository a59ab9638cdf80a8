/*
 * xmlread.c: the one way snapcheck reads XML.  Every document, whether
 * a case, a golden file or an implementation's output, goes
 * through the same libxml2 setup: no network, no DTD (refused as soon
 * as one starts, so no entity is ever declared), no NUL byte, a size
 * limit, and the first error with its line.  Declared in snapshot.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/xmlread.h"
#include "util/xmlalloc.h"
#include "util/xmllimits.h"
#include "util/xmlload.h"

/* The first error libxml2 reports while parsing, with its line. */
static void record_first_error(void *ctx, xmlErrorPtr e)
{
    struct sc_error *err = ctx;
    size_t n;

    if (err->msg[0] || e->level < XML_ERR_ERROR)
        return;
    err->line = e->line;
    snprintf(err->msg, sizeof(err->msg), "%s", e->message ? e->message : "malformed XML");
    n = strlen(err->msg);
    while (n && (err->msg[n - 1] == '\n' || err->msg[n - 1] == ' '))
        err->msg[--n] = '\0';
}

/* A snapshot document has no DTD: refusing one as soon as it starts
 * means no entity is declared, so none can be expanded (billion laughs)
 * or point at a file or the network. */
static void refuse_doctype(void *opaque, const xmlChar *name, const xmlChar *public_id,
                           const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = opaque;
    /* the state of either reader below begins with its error */
    struct sc_error *err = *(struct sc_error **)ctxt->_private;

    (void)name;
    (void)public_id;
    (void)system_id;
    if (!err->msg[0]) {
        err->line = xmlSAX2GetLineNumber(ctxt);
        snprintf(err->msg, sizeof(err->msg),
                 "a DOCTYPE declaration is not allowed in a snapshot document");
    }
    xmlStopParser(ctxt);
}

/* What is refused before libxml2 sees it; false with ERR set. */
static bool acceptable_bytes(const char *data, size_t len, struct sc_error *err)
{
    err->line = 0;
    err->msg[0] = '\0';
    err->part[0] = '\0';
    err->unreadable = false;
    if (len > SC_MAX_FILE) {
        sc_error_set(err, 0, NULL, "document larger than %u MiB", SC_MAX_FILE >> 20);
        return false;
    }
    /* XML has no NUL character, and libvirt reads a document as a C
     * string: what follows a NUL must not go unseen (libxml2 stops at it) */
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        long line = 1;
        for (const char *p = data; p < nul; p++)
            line += *p == '\n';
        err->line = line;
        snprintf(err->part, sizeof(err->part), "xml");
        const unsigned char *u = (const unsigned char *)data;
        bool utf16 = len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff) ||
                                  (!u[0]) != (!u[1]));
        snprintf(err->msg, sizeof(err->msg), "%s",
                 utf16 ? "UTF-16 (NUL bytes), which libvirt does not read: a snapshot document is UTF-8"
                       : "a NUL byte, which no XML document holds");
        return false;
    }
    return sc_xml_prescan(data, len, err) == 0;
}

static xmlDocPtr read_memory(const char *data, size_t len, const char *name, int options,
                             struct sc_error *err)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc = NULL;
    struct sc_xml_counts budget = { .err = err, .skip_layout = (options & XML_PARSE_COMPACT) != 0 };

    if (!acceptable_bytes(data, len, err))
        return NULL;
    if (!(ctxt = xmlCreateMemoryParserCtxt(data, (int)len))) {
        err->line = 1;
        snprintf(err->msg, sizeof(err->msg), len ? "not a well-formed XML document" : "empty document");
        return NULL;
    }
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | options);
    sc_xml_counts_attach(ctxt, &budget);
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->externalSubset = NULL;
    xmlStructuredErrorFunc outer = xmlStructuredError;
    void *outer_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(err, record_first_error);
    xmlParseDocument(ctxt);
    xmlSetStructuredErrorFunc(outer_ctx, outer);
    if (ctxt->wellFormed && !err->msg[0]) {
        doc = ctxt->myDoc;
        /* the spans noted are offsets of DATA itself only when no
         * encoding was converted: then DATA is the characters as read */
        if (budget.skip_layout && doc && ctxt->input && ctxt->input->buf && !ctxt->input->buf->encoder)
            doc->_private = (void *)data;
    } else {
        xmlFreeDoc(ctxt->myDoc);
    }
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    if (doc && !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc && !err->msg[0])
        snprintf(err->msg, sizeof(err->msg), "not a well-formed XML document");
    if (!doc)
        snprintf(err->part, sizeof(err->part), "xml");
    if (doc && name && !doc->URL)
        doc->URL = xmlStrdup(BAD_CAST name);
    return doc;
}

xmlDocPtr sc_xml_read_memory(const char *data, size_t len, const char *name,
                             struct sc_error *err)
{
    return read_memory(data, len, name, 0, err);
}

xmlDocPtr sc_xml_read_memory_compact(const char *data, size_t len, const char *name,
                                     struct sc_error *err)
{
    return read_memory(data, len, name, XML_PARSE_COMPACT, err);
}

const char *sc_xml_element_bytes(xmlNodePtr element, size_t *len)
{
    size_t start, end;

    if (!element->doc || !element->doc->_private || !sc_xml_element_span(element, &start, &end))
        return NULL;
    *len = end - start;
    return (const char *)element->doc->_private + start;
}

/* The well-formedness check's state: refuse_doctype finds the error
 * through ctxt->_private, so a pointer to it comes first. */
void sc_xml_free_doc(xmlDocPtr doc)
{
    if (!sc_xml_scope_holds(doc))
        xmlFreeDoc(doc);
}

struct checking {
    struct sc_error *errp;
    struct sc_error err;
    size_t nodes, namespaces;
};

static void count_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    struct checking *c = ((xmlParserCtxtPtr)ctx)->_private;

    (void)localname, (void)prefix, (void)uri, (void)namespaces, (void)nb_defaulted, (void)attributes;
    c->nodes += 1 + (size_t)nb_namespaces + (size_t)nb_attributes;
    /* each element looks its names up through every namespace in scope */
    c->namespaces += (size_t)nb_namespaces;
    if (c->namespaces > SC_MAX_NAMESPACES && !c->err.msg[0]) {
        sc_xml_beyond(&c->err, xmlSAX2GetLineNumber(ctx), "more than 256 namespace declarations");
        xmlStopParser(ctx);
    }
}

static void count_text(void *ctx, const xmlChar *text, int len)
{
    (void)text, (void)len;
    ((struct checking *)((xmlParserCtxtPtr)ctx)->_private)->nodes++;
}

static void count_comment(void *ctx, const xmlChar *text)
{
    (void)text;
    ((struct checking *)((xmlParserCtxtPtr)ctx)->_private)->nodes++;
}

static void count_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    (void)target, (void)data;
    ((struct checking *)((xmlParserCtxtPtr)ctx)->_private)->nodes++;
}

int sc_xml_check_memory(const char *data, size_t len, const char *name, struct sc_error *err,
                        size_t *nodes)
{
    struct checking c = { .nodes = 0 };
    xmlSAXHandler sax;
    xmlParserCtxtPtr ctxt;
    int ok = 0;

    *nodes = 0;
    if (!acceptable_bytes(data, len, err))
        return -1;
    /* libxml2's own handlers, but no tree: what a tree would hold is counted */
    xmlSAXVersion(&sax, 2);
    sax.startElementNs = count_element;
    sax.endElementNs = NULL;
    sax.characters = sax.ignorableWhitespace = sax.cdataBlock = count_text;
    sax.comment = count_comment;
    sax.processingInstruction = count_pi;
    sax.internalSubset = refuse_doctype;
    sax.externalSubset = NULL;
    if (!(ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, name))) {
        sc_error_set(err, 0, NULL, "out of memory");
        return -1;
    }
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    c.errp = &c.err;
    ctxt->_private = &c;
    xmlStructuredErrorFunc outer = xmlStructuredError;
    void *outer_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&c.err, record_first_error);
    /* fed in pieces: a push parser keeps little of what it has read */
    for (size_t off = 0; off < len && ctxt->wellFormed && !c.err.msg[0]; off += 65536)
        xmlParseChunk(ctxt, data + off, (int)(len - off < 65536 ? len - off : 65536), 0);
    if (ctxt->wellFormed && !c.err.msg[0])
        xmlParseChunk(ctxt, NULL, 0, 1);
    xmlSetStructuredErrorFunc(outer_ctx, outer);
    ok = ctxt->wellFormed && !c.err.msg[0] && len;
    xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = NULL;
    xmlFreeParserCtxt(ctxt);
    *err = c.err;
    if (!ok && !err->msg[0])
        snprintf(err->msg, sizeof(err->msg), len ? "not a well-formed XML document" : "empty document");
    if (!ok) {
        err->line = err->line ? err->line : 1;
        snprintf(err->part, sizeof(err->part), "xml");
        return -1;
    }
    *nodes = c.nodes;
    return 0;
}

/* What libxml2 reports to no handler of ours (a schema it cannot open,
 * say) would go raw to standard error; it quotes file names, so it is
 * printed as the tool prints everything, escaped. */
static void stray_error(void *opaque, xmlErrorPtr e)
{
    const char *msg = e->message ? e->message : "";
    size_t n = strlen(msg);

    (void)opaque;
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    sc_say(stderr, "%s: %s: %.*s", e->file ? e->file : "snapcheck",
           e->level == XML_ERR_WARNING ? "warning" : "error", (int)n, msg);
}

void sc_xml_init(void)
{
    /* running out of memory inside libxml2 is the same error as
     * anywhere else (buf.h), not a parse error or a verdict */
    xmlMemSetup(sc_xml_free, sc_xml_malloc, sc_xml_realloc, sc_xml_strdup);
    sc_xml_init_library();
}

void sc_xml_init_library(void)
{
    xmlInitParser();
    /* libxml2 builds its datatype tables on first use, which two threads
     * may not do at once: a schema compiles beside the proof of its
     * shortcuts, which reads datatypes too (values.h).  RELAX NG's
     * libraries and XML Schema's types are two tables, each built on
     * its own. */
    xmlSchemaInitTypes();
    xmlRelaxNGInitTypes();
    /* every file libxml2 opens by name (a schema, what it includes) is
     * a local regular file of bounded size, without a DOCTYPE */
    sc_xml_loader_install();
    /* this thread's handler, and every later thread's */
    xmlSetStructuredErrorFunc(NULL, stray_error);
    xmlThrDefSetStructuredErrorFunc(NULL, stray_error);
}
