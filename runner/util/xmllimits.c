/*
 * xmllimits.c: the bounds of xmllimits.h, checked on the bytes before
 * parsing and counted by the tree builder while parsing.
 */
#include "util/xmllimits.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <libxml/SAX2.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void sc_xml_beyond(struct sc_error *err, long line, const char *what)
{
    err->line = line;
    err->unreadable = true;
    snprintf(err->part, sizeof(err->part), "xml");
    snprintf(err->msg, sizeof(err->msg), "%s, beyond the bounds snapcheck reads documents within", what);
}

/* The line of DATA's byte AT, counted from 1. */
static long line_at(const char *data, const char *at)
{
    long line = 1;

    for (const char *p = data; (p = memchr(p, '\n', (size_t)(at - p))); p++)
        line++;
    return line;
}

int sc_xml_prescan(const char *data, size_t len, struct sc_error *err)
{
    const char *end = data + len;

    /* Assignments (= then a quote) are counted from one '<' to the next.
     * Each takes two bytes at least, so only a stretch longer than twice
     * the limit can hold too many: the others are skipped whole. */
    for (const char *p = data; p < end;) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        const char *stop = lt ? lt : end;
        unsigned assignments = 0;
        if (stop - p > 2 * SC_MAX_ATTRIBUTES) {
            for (const char *q = p; q < stop; q++) {
                if (*q != '=')
                    continue;
                const char *j = q + 1;
                while (j < end && is_space(*j))
                    j++;
                if (j < end && (*j == '"' || *j == '\'') && ++assignments > SC_MAX_ATTRIBUTES) {
                    char what[96];
                    snprintf(what, sizeof(what), "more than %d attributes on one element", SC_MAX_ATTRIBUTES);
                    sc_xml_beyond(err, line_at(data, q), what);
                    return -1;
                }
            }
        }
        if (!lt)
            break;
        p = lt + 1;
    }
    return 0;
}

/* Stops the parse when BUDGET is spent; true when it was. */
static bool spent(xmlParserCtxtPtr ctxt, struct sc_xml_counts *b)
{
    const char *what = b->nodes > SC_MAX_NODES ? "more than 500,000 nodes (elements, attributes, text, "
                                                 "comments)" :
                       b->namespaces > SC_MAX_NAMESPACES ? "more than 256 namespace declarations" :
                       b->crowding > SC_MAX_CROWDING ? "too many children in its elements (the sum of "
                                                       "their squares passes 2^28)" : NULL;

    if (!what)
        return false;
    if (!b->err->msg[0])
        sc_xml_beyond(b->err, xmlSAX2GetLineNumber(ctxt), what);
    xmlStopParser(ctxt);
    return true;
}

/* An element's span is kept in its _private field, which libxml2 leaves
 * to applications: the start and end offsets, each plus one so that
 * nothing noted is 0, in 32 bits each (a document is at most SC_MAX_FILE
 * bytes); the end is 0 until the end tag is read.  Where a pointer has
 * no room for both, no span is noted. */
#if UINTPTR_MAX > 0xffffffffu
static uint64_t span_of(xmlNodePtr n)
{
    return (uint64_t)(uintptr_t)n->_private;
}

static void set_span(xmlNodePtr n, uint64_t v)
{
    n->_private = (void *)(uintptr_t)v;
}
#else
static uint64_t span_of(xmlNodePtr n)
{
    (void)n;
    return 0;
}

static void set_span(xmlNodePtr n, uint64_t v)
{
    (void)n;
    (void)v;
}
#endif

/* Where the parser is in its input, in bytes from the start: what it
 * has let go of, and how far it is in what it holds; plus one. */
static uint64_t input_offset(xmlParserCtxtPtr ctxt)
{
    return (uint64_t)ctxt->input->consumed + (uint64_t)(ctxt->input->cur - ctxt->input->base) + 1;
}

bool sc_xml_element_span(xmlNodePtr element, size_t *start, size_t *end)
{
    uint64_t v = element->type == XML_ELEMENT_NODE ? span_of(element) : 0;

    if (!(v >> 32) || !(v & 0xffffffffu))
        return false;
    *start = (size_t)(v >> 32) - 1;
    *end = (size_t)(v & 0xffffffffu) - 1;
    return *start < *end;
}

static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct sc_xml_counts *b = ctxt->_private;
    unsigned slots = sizeof(b->children) / sizeof(b->children[0]);

    b->in_text = false;
    b->nodes += 1 + (unsigned)nb_attributes + (unsigned)nb_namespaces;
    b->namespaces += (unsigned)nb_namespaces;
    if (b->depth > 0 && b->depth <= slots) {
        /* the k-th child adds k^2 - (k-1)^2 to the sum of squares */
        unsigned long long k = ++b->children[b->depth - 1];
        b->crowding += 2 * k - 1;
    }
    if (b->depth < slots)
        b->children[b->depth] = 0;
    b->depth++;
    if (spent(ctxt, b))
        return;
    xmlNodePtr parent = ctxt->node;
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
                          nb_attributes, nb_defaulted, attributes);
    /* the start tag is read up to its '>' or "/>" */
    if (b->skip_layout && ctxt->node != parent && ctxt->node)
        set_span(ctxt->node, input_offset(ctxt) << 32);
}

static void end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct sc_xml_counts *b = ctxt->_private;

    b->in_text = false;
    if (b->depth)
        b->depth--;
    /* the end tag, or the "/>", is read */
    xmlNodePtr n = ctxt->node;
    if (b->skip_layout && n && (span_of(n) >> 32) && !(span_of(n) & 0xffffffffu))
        set_span(n, span_of(n) | input_offset(ctxt));
    xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

/* Whether TEXT, just read, is whitespace that only lays out elements:
 * blanks right before a child element's start tag, or before the end
 * tag of an element whose last child is an element.  Such text is in an
 * element with element children, where RELAX NG ignores whitespace and
 * the parser's rules look for text only to refuse what is not blank. */
static bool lays_out(xmlParserCtxtPtr ctxt, const xmlChar *text, int len)
{
    const xmlChar *next = ctxt->input->cur;
    xmlNodePtr parent = ctxt->node;

    if (!parent || parent->type != XML_ELEMENT_NODE || !next || next[0] != '<')
        return false;
    for (int i = 0; i < len; i++) {
        if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r')
            return false;
    }
    if (next[1] == '/')
        return parent->last && parent->last->type == XML_ELEMENT_NODE;
    return next[1] != '!' && next[1] != '?';
}

/* Text comes in pieces that the tree builder joins: a text node is
 * counted where it starts, after anything but text. */
static void characters(void *ctx, const xmlChar *text, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct sc_xml_counts *b = ctxt->_private;

    if (!b->in_text) {
        b->in_text = true;
        b->nodes++;
        if (spent(ctxt, b))
            return;
    }
    if (b->skip_layout && lays_out(ctxt, text, len))
        return;
    xmlSAX2Characters(ctx, text, len);
}

/* What libxml2 itself takes for blanks between elements (libxml2 builds
 * it as text, and the bounds do not count it). */
static void blanks(void *ctx, const xmlChar *text, int len)
{
    xmlParserCtxtPtr ctxt = ctx;

    if (((struct sc_xml_counts *)ctxt->_private)->skip_layout && lays_out(ctxt, text, len))
        return;
    xmlSAX2Characters(ctx, text, len);
}

static void comment(void *ctx, const xmlChar *value)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct sc_xml_counts *b = ctxt->_private;

    b->in_text = false;
    b->nodes++;
    if (!spent(ctxt, b))
        xmlSAX2Comment(ctx, value);
}

static void processing_instruction(void *ctx, const xmlChar *target, const xmlChar *data)
{
    xmlParserCtxtPtr ctxt = ctx;
    struct sc_xml_counts *b = ctxt->_private;

    b->in_text = false;
    b->nodes++;
    if (!spent(ctxt, b))
        xmlSAX2ProcessingInstruction(ctx, target, data);
}

void sc_xml_counts_attach(xmlParserCtxtPtr ctxt, struct sc_xml_counts *budget)
{
    ctxt->_private = budget;
    ctxt->sax->startElementNs = start_element;
    ctxt->sax->endElementNs = end_element;
    ctxt->sax->characters = characters;
    if (ctxt->sax->ignorableWhitespace == xmlSAX2Characters)
        ctxt->sax->ignorableWhitespace = blanks;
    ctxt->sax->comment = comment;
    ctxt->sax->processingInstruction = processing_instruction;
}
