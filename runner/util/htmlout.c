/*
 * htmlout.c: the HTML pages of the report (htmlout.h) as libxml2 trees,
 * serialized by libxml2; no markup is ever pasted together as text.
 */
#include "util/htmlout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlsave.h>

#include "util/buf.h"
#include "util/escape.h"
#include "util/diag.h"
#include "util/fileio.h"

/* No script but the site's own file, no inline style, nothing loaded
 * from anywhere else, no form sent anywhere. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                          "base-uri 'none'; form-action 'none'";

xmlNodePtr sc_html_el(xmlNodePtr parent, const char *name, const char *cls)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

    if (cls)
        xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
    return n;
}

void sc_html_attr(xmlNodePtr node, const char *name, const char *value)
{
    char *clean = sc_xml_clean(value ? value : "");

    xmlSetProp(node, BAD_CAST name, BAD_CAST clean);
    free(clean);
}

static void add_run(xmlNodePtr parent, const char *s, size_t n)
{
    if (n)
        xmlNodeAddContentLen(parent, BAD_CAST s, (int)n);
}

static void add_mark(xmlNodePtr parent, const char *shown, const char *title)
{
    xmlNodePtr span = sc_html_el(parent, "span", "cc");

    xmlNodeAddContent(span, BAD_CAST shown);
    xmlNewProp(span, BAD_CAST "title", BAD_CAST title);
}

/* The length of the UTF-8 sequence at S and its code point, or 0 when
 * it is not one (overlong, surrogate, past U+10FFFF, cut short). */
static size_t utf8_char(const unsigned char *s, unsigned *cp)
{
    size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
               : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
    unsigned v = n == 1 ? s[0] : n == 2 ? (s[0] & 0x1fu) : n == 3 ? (s[0] & 0x0fu) : (s[0] & 0x07u);
    static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };

    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3fu);
    }
    if (n == 0 || v < min[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return n;
}

/* Characters that hide text or move it: C0 and C1 controls but tab and
 * newline, DEL, zero-width and bidirectional controls, line and
 * paragraph separators, the byte-order mark, non-characters. */
static int hides(unsigned cp)
{
    return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f) ||
           (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
           (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff || cp == 0xfffe || cp == 0xffff ||
           (cp >= 0xfdd0 && cp <= 0xfdef);
}

void sc_html_text(xmlNodePtr parent, const char *text)
{
    const unsigned char *s = (const unsigned char *)(text ? text : ""), *run = s;

    while (*s) {
        unsigned cp = 0;
        size_t n = utf8_char(s, &cp);
        char shown[16], title[32];

        if (n && !hides(cp)) {
            s += n;
            continue;
        }
        add_run(parent, (const char *)run, (size_t)(s - run));
        if (!n) {
            snprintf(shown, sizeof(shown), "\\x%02x", *s);
            snprintf(title, sizeof(title), "byte 0x%02X, not UTF-8", *s);
            n = 1;
        } else if (cp < 0x20 || cp == 0x7f) {
            /* as a C escape, like the console's: fonts often lack the
             * control pictures (U+2400…) */
            snprintf(shown, sizeof(shown), "\\x%02x", cp);
            snprintf(title, sizeof(title), "control character U+%04X", cp);
        } else {
            snprintf(shown, sizeof(shown), "U+%04X", cp);
            snprintf(title, sizeof(title), "invisible character U+%04X", cp);
        }
        add_mark(parent, shown, title);
        s += n;
        run = s;
    }
    add_run(parent, (const char *)run, (size_t)(s - run));
}

void sc_html_plain_text(xmlNodePtr parent, const char *text)
{
    struct sc_buf b = { 0 };
    char *clean;

    sc_esc_text(&b, text ? text : "");
    clean = sc_xml_clean(b.data ? b.data : "");
    xmlNodeAddContent(parent, BAD_CAST clean);
    free(clean);
    sc_buf_free(&b);
}

xmlNodePtr sc_html_text_el(xmlNodePtr parent, const char *name, const char *cls, const char *text)
{
    xmlNodePtr n = sc_html_el(parent, name, cls);

    sc_html_text(n, text);
    return n;
}

static const char *diff_class(const char *line, size_t len, int *in_diff)
{
    if (len >= 4 && (strncmp(line, "--- ", 4) == 0 || strncmp(line, "+++ ", 4) == 0)) {
        *in_diff = 1;
        return "dh";
    }
    if (len >= 3 && strncmp(line, "@@ ", 3) == 0) {
        *in_diff = 1;
        return "dh";
    }
    if (!*in_diff)
        return NULL;
    if (len && line[0] == '-')
        return "del";
    if (len && line[0] == '+')
        return "ins";
    if (len && line[0] == ' ')
        return NULL;
    *in_diff = 0;
    return NULL;
}

xmlNodePtr sc_html_pre(xmlNodePtr parent, const char *cls, const char *text, int diff)
{
    xmlNodePtr pre = sc_html_el(parent, "pre", cls);
    int in_diff = 0;

    for (const char *s = text ? text : ""; *s;) {
        size_t len = strcspn(s, "\n");
        char *line = sc_xasprintf("%.*s%s", (int)len, s, s[len] ? "\n" : "");
        const char *c = diff ? diff_class(s, len, &in_diff) : NULL;
        sc_html_text(c ? sc_html_el(pre, "span", c) : pre, line);
        free(line);
        s += len + (s[len] != 0);
    }
    return pre;
}

xmlDocPtr sc_html_page(const char *title, const char *root, int script, xmlNodePtr *body)
{
    xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    xmlNodePtr html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL), head, n;
    char *href;

    xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL);
    xmlDocSetRootElement(doc, html);
    xmlNewProp(html, BAD_CAST "lang", BAD_CAST "en");
    head = sc_html_el(html, "head", NULL);
    /* the serializer writes the charset's <meta> itself */
    n = sc_html_el(head, "meta", NULL);
    xmlNewProp(n, BAD_CAST "http-equiv", BAD_CAST "Content-Security-Policy");
    xmlNewProp(n, BAD_CAST "content", BAD_CAST csp);
    n = sc_html_el(head, "meta", NULL);
    xmlNewProp(n, BAD_CAST "name", BAD_CAST "viewport");
    xmlNewProp(n, BAD_CAST "content", BAD_CAST "width=device-width, initial-scale=1");
    sc_html_text_el(head, "title", NULL, title);
    n = sc_html_el(head, "link", NULL);
    xmlNewProp(n, BAD_CAST "rel", BAD_CAST "stylesheet");
    href = sc_xasprintf("%sreport.css", root);
    xmlNewProp(n, BAD_CAST "href", BAD_CAST href);
    free(href);
    if (script) {
        n = sc_html_el(head, "script", NULL);
        href = sc_xasprintf("%sfilter.js", root);
        xmlNewProp(n, BAD_CAST "src", BAD_CAST href);
        xmlNewProp(n, BAD_CAST "defer", BAD_CAST "defer");
        free(href);
    }
    *body = sc_html_el(html, "body", NULL);
    return doc;
}

static int save(xmlDocPtr doc, int html, const char *path, struct sc_diag *diag)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlSaveCtxtPtr ctx = xmlSaveToBuffer(buf, "UTF-8", html ? XML_SAVE_AS_HTML : XML_SAVE_FORMAT);
    int rc;

    if (!ctx || xmlSaveDoc(ctx, doc) < 0 || xmlSaveClose(ctx) < 0) {
        sc_diag_set(diag, NULL, 0, "%s: cannot serialize the page", path);
        xmlBufferFree(buf);
        return -1;
    }
    rc = sc_write_file(path, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf), diag);
    xmlBufferFree(buf);
    return rc;
}

int sc_html_save(xmlDocPtr doc, const char *path, struct sc_diag *diag)
{
    return save(doc, 1, path, diag);
}

int sc_xml_save(xmlDocPtr doc, const char *path, struct sc_diag *diag)
{
    return save(doc, 0, path, diag);
}
