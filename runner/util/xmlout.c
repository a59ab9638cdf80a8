/*
 * xmlout.c: canonical serialisation of text, attributes and kept
 * subtrees.  The snapshot-level elements are written by snapshot_format.c
 * with the helpers here; everything below <domain>, <inactiveDomain> and
 * <cookie> is written by sc_xml_write_node.
 */
#include "util/xmlout.h"

#include <stdbool.h>
#include <string.h>

void sc_xml_escape(struct sc_buf *b, const char *s, int in_attr)
{
    const char *run = s;

    (void)in_attr;
    for (; *s; s++) {
        const char *rep = NULL;

        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        /* TAB, LF and CR go out as they are, as libvirt writes them,
         * though a parser reading them back turns a CR into a LF and,
         * in an attribute, all three into spaces: libvirt cannot read
         * such a value back unchanged, and neither can anyone. */
        case '\t': case '\n': case '\r': break;
        default:
            /* other control characters cannot be in a parsed document;
             * libvirt drops them */
            if ((unsigned char)*s < 0x20)
                rep = "";
            break;
        }
        if (!rep)
            continue;
        sc_buf_add(b, run, (size_t)(s - run));
        sc_buf_puts(b, rep);
        run = s + 1;
    }
    sc_buf_add(b, run, (size_t)(s - run));
}

void sc_xml_attr(struct sc_buf *b, const char *name, const char *value)
{
    if (!value)
        return;
    sc_buf_printf(b, " %s='", name);
    sc_xml_escape(b, value, 1);
    sc_buf_puts(b, "'");
}

void sc_xml_text_element(struct sc_buf *b, int level, const char *name,
                         const char *text)
{
    if (!text)
        return;
    sc_buf_indent(b, level);
    sc_buf_printf(b, "<%s>", name);
    sc_xml_escape(b, text, 0);
    sc_buf_printf(b, "</%s>\n", name);
}

static int is_text(xmlNodePtr n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
           n->type == XML_ENTITY_REF_NODE;
}

static int is_blank(const xmlChar *s)
{
    for (; s && *s; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    }
    return 1;
}

static void write_name(struct sc_buf *b, xmlNodePtr n)
{
    if (n->ns && n->ns->prefix)
        sc_buf_printf(b, "%s:", (const char *)n->ns->prefix);
    sc_buf_puts(b, (const char *)n->name);
}

static int is_domain_root(xmlNodePtr n);

static void write_start_tag(struct sc_buf *b, xmlNodePtr n)
{
    /* libvirt writes a snapshot's domains as inactive definitions:
     * without the id of a running domain */
    bool domain = is_domain_root(n);

    sc_buf_puts(b, "<");
    write_name(b, n);
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (domain && !a->ns && xmlStrEqual(a->name, BAD_CAST "id"))
            continue;
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        sc_buf_puts(b, " ");
        write_name(b, (xmlNodePtr)a);
        sc_buf_puts(b, "='");
        sc_xml_escape(b, v ? (const char *)v : "", 1);
        sc_buf_puts(b, "'");
        xmlFree(v);
    }
    /* libvirt writes namespace declarations after the attributes
     * (<domain type='kvm' xmlns:qemu='…'>). */
    for (xmlNsPtr ns = n->nsDef; ns; ns = ns->next) {
        if (ns->prefix)
            sc_buf_printf(b, " xmlns:%s='", (const char *)ns->prefix);
        else
            sc_buf_puts(b, " xmlns='");
        sc_xml_escape(b, (const char *)ns->href, 1);
        sc_buf_puts(b, "'");
    }
}

static void write_end_tag(struct sc_buf *b, xmlNodePtr n)
{
    sc_buf_puts(b, "</");
    write_name(b, n);
    sc_buf_puts(b, ">");
}

/* Removes whitespace-only text beside elements, as a parser with
 * blanks ignored would, so libxml2's serializer can indent. */
static void strip_blanks(xmlNodePtr n)
{
    int has_elem = 0;

    for (xmlNodePtr c = n->children; c; c = c->next)
        has_elem |= c->type == XML_ELEMENT_NODE;
    for (xmlNodePtr c = n->children, next; c; c = next) {
        next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            strip_blanks(c);
        } else if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE ||
                   (has_elem && c->type == XML_TEXT_NODE && is_blank(c->content))) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
}

/* libvirt hands <metadata> to libxml2's serializer; copying each child
 * into a fresh document declares its namespace on the child itself. */
static void write_metadata(struct sc_buf *b, xmlNodePtr n, int level)
{
    xmlDocPtr tmp = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(tmp, NULL, n->name, NULL);
    xmlBufferPtr xb = xmlBufferCreate();

    xmlDocSetRootElement(tmp, root);
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            xmlAddChild(root, xmlDocCopyNode(c, tmp, 1));
    }
    strip_blanks(root);
    sc_buf_indent(b, level);
    xmlNodeDump(xb, tmp, root, level, 1);
    sc_buf_add(b, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
    sc_buf_puts(b, "\n");
    xmlBufferFree(xb);
    xmlFreeDoc(tmp);
}

static int is_domain_root(xmlNodePtr n)
{
    return n && n->type == XML_ELEMENT_NODE &&
           (xmlStrEqual(n->name, BAD_CAST "domain") ||
            xmlStrEqual(n->name, BAD_CAST "inactiveDomain")) &&
           n->parent && n->parent->type == XML_ELEMENT_NODE &&
           xmlStrEqual(n->parent->name, BAD_CAST "domainsnapshot");
}

/* Mixed content (text beside elements) is written without layout so
 * that no whitespace is added to or removed from it. */
static void write_inline(struct sc_buf *b, xmlNodePtr n)
{
    write_start_tag(b, n);
    if (!n->children) {
        sc_buf_puts(b, "/>");
        return;
    }
    sc_buf_puts(b, ">");
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            write_inline(b, c);
        } else if (is_text(c)) {
            xmlChar *t = xmlNodeGetContent(c);
            sc_xml_escape(b, t ? (const char *)t : "", 0);
            xmlFree(t);
        }
    }
    write_end_tag(b, n);
}

void sc_xml_write_node(struct sc_buf *b, xmlNodePtr n, int level)
{
    int elems = 0, mixed = 0;

    if (xmlStrEqual(n->name, BAD_CAST "metadata") && !n->ns &&
        is_domain_root(n->parent)) {
        write_metadata(b, n, level);
        return;
    }
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            elems++;
        } else if (is_text(c)) {
            xmlChar *t = xmlNodeGetContent(c);
            mixed |= !is_blank(t);
            xmlFree(t);
        }
    }
    sc_buf_indent(b, level);
    if (elems && mixed) {
        write_inline(b, n);
        sc_buf_puts(b, "\n");
        return;
    }
    write_start_tag(b, n);
    if (elems) {
        sc_buf_puts(b, ">\n");
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE)
                sc_xml_write_node(b, c, level + 1);
        }
        sc_buf_indent(b, level);
        write_end_tag(b, n);
        sc_buf_puts(b, "\n");
        return;
    }
    xmlChar *text = xmlNodeGetContent(n);
    if (!text || !*text) {
        sc_buf_puts(b, "/>\n");
    } else {
        sc_buf_puts(b, ">");
        sc_xml_escape(b, (const char *)text, 0);
        write_end_tag(b, n);
        sc_buf_puts(b, "\n");
    }
    xmlFree(text);
}
