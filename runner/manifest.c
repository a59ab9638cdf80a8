/*
 * manifest.c: reading cases/manifest.xml into struct sc_manifest.  The
 * document is validated against rng/manifest.rng first, so the code
 * below can rely on its shape.
 */
#include "manifest.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "buf.h"
#include "datadir.h"
#include "fileio.h"
#include "schema.h"
#include "snapshot.h"
#include "xmlin.h"
#include "xmlout.h"

static const char *const mode_names[] = {
    [SC_MODE_CREATE] = "create",
    [SC_MODE_REDEFINE] = "redefine",
    [SC_MODE_INTERNAL] = "internal",
    NULL
};
_Static_assert(sizeof(mode_names) / sizeof(mode_names[0]) == SC_MODE_LAST + 1,
               "one name per mode");

const char *sc_mode_to_string(enum sc_mode mode)
{
    return mode < SC_MODE_LAST ? mode_names[mode] : NULL;
}

static char *child_text(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (sc_is_element(c, name)) {
            xmlChar *t = xmlNodeGetContent(c);
            char *s = sc_xstrdup((const char *)t);
            xmlFree(t);
            return s;
        }
    }
    return NULL;
}

static void add_comment(struct sc_comments *l, const xmlChar *text)
{
    l->v = sc_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
    l->v[l->n++] = sc_xstrdup((const char *)text);
}

/* The comments from FIRST up to the next element (or the end). */
static void comments_from(xmlNodePtr first, struct sc_comments *l)
{
    for (xmlNodePtr p = first; p && p->type != XML_ELEMENT_NODE; p = p->next) {
        if (p->type == XML_COMMENT_NODE)
            add_comment(l, p->content);
    }
}

/* Every comment inside NODE, in document order. */
static void comments_inside(xmlNodePtr node, struct sc_comments *l)
{
    for (xmlNodePtr p = node->children; p; p = p->next) {
        if (p->type == XML_COMMENT_NODE)
            add_comment(l, p->content);
        else if (p->type == XML_ELEMENT_NODE)
            comments_inside(p, l);
    }
}

static void free_comments(struct sc_comments *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static void read_case(xmlNodePtr node, const struct sc_layout *layout, struct sc_case *c)
{
    xmlNodePtr invalid = NULL;
    char *mode = sc_attr(node, "mode");
    xmlNodePtr first = node;

    /* the comments since the previous entry travel with this one */
    while (first->prev && first->prev->type != XML_ELEMENT_NODE)
        first = first->prev;
    comments_from(first, &c->before);
    comments_inside(node, &c->inside);
    c->id = sc_attr(node, "id");
    c->mode = (enum sc_mode)sc_lookup(mode_names, mode);
    c->description = child_text(node, "description");
    c->line = xmlGetLineNo(node);
    for (xmlNodePtr ch = node->children; ch; ch = ch->next) {
        if (sc_is_element(ch, "invalid"))
            invalid = ch;
    }
    c->valid = !invalid;
    if (invalid) {
        c->reason = sc_attr(invalid, "reason");
        c->schema_error = child_text(invalid, "schema");
        c->parser_error = child_text(invalid, "parser");
    }
    c->input = sc_layout_input(layout, c->valid, c->id);
    if (c->valid)
        c->golden = sc_layout_golden(layout, c->id);
    free(mode);
}

struct sc_manifest *sc_manifest_parse(const char *data, size_t len, const char *name,
                                      const struct sc_schema *grammar, const struct sc_layout *layout,
                                      struct sc_diag_list *diags)
{
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory(data, len, name, &err);
    struct sc_manifest *m;
    xmlNodePtr root;
    char *now;
    size_t n = 0;

    if (!doc) {
        sc_diag_add(diags, err.line, "%s", err.msg);
        return NULL;
    }
    if (sc_schema_validate(grammar, doc, diags) > 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    m = sc_xcalloc(1, sizeof(*m));
    m->path = sc_xstrdup(name);
    now = sc_attr(root, "now");
    sc_parse_int64(now, &m->now);
    free(now);
    for (xmlNodePtr c = root->children; c; c = c->next)
        n += sc_is_element(c, "case");
    m->v = sc_xcalloc(n, sizeof(*m->v));
    xmlNodePtr last = NULL;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (sc_is_element(c, "case")) {
            read_case(c, layout, &m->v[m->n++]);
            last = c;
        }
    }
    comments_from(last ? last->next : root->children, &m->tail);
    comments_from(doc->children, &m->head);
    comments_from(root->next, &m->after);
    xmlFreeDoc(doc);
    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (c->reason && sc_lookup(sc_parts, c->reason) < 0)
            sc_diag_add(diags, c->line, "case '%s': unknown reason '%s' (expected one of: %s)",
                        c->id, c->reason, sc_parts_list());
    }
    if (diags->n) {
        sc_manifest_free(m);
        return NULL;
    }
    return m;
}

struct sc_manifest *sc_manifest_load(const struct sc_layout *layout, struct sc_diag_list *diags)
{
    const char *path = layout->manifest;
    char *rng_path = sc_layout_rng(layout, "manifest.rng");
    struct sc_schema *grammar = sc_schema_load(rng_path, diags);
    struct sc_manifest *m = NULL;
    char errbuf[256], *data = NULL;
    size_t len;

    if (grammar && sc_read_file(path, &data, &len, errbuf, sizeof(errbuf)) < 0)
        sc_diag_add(diags, 0, "%s", errbuf);
    else if (grammar)
        m = sc_manifest_parse(data, len, path, grammar, layout, diags);
    sc_schema_free(grammar);
    free(rng_path);
    free(data);
    return m;
}

static int strcmp_null(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) : (a != NULL) - (b != NULL);
}

/* By id; entries with the same id (which lint reports) by the rest, so
 * that the order never depends on where they stood. */
static int by_id(const void *pa, const void *pb)
{
    const struct sc_case *a = pa, *b = pb;
    int d = strcmp(a->id, b->id);

    if (!d)
        d = strcmp_null(a->description, b->description);
    if (!d)
        d = (int)a->mode - (int)b->mode;
    if (!d)
        d = (int)a->valid - (int)b->valid;
    if (!d)
        d = strcmp_null(a->schema_error, b->schema_error);
    if (!d)
        d = strcmp_null(a->parser_error, b->parser_error);
    for (size_t i = 0; !d && i < a->before.n && i < b->before.n; i++)
        d = strcmp(a->before.v[i], b->before.v[i]);
    return d ? d : (a->before.n > b->before.n) - (a->before.n < b->before.n);
}

/* Comments at INDENT; one may not end in '-' before "-->". */
static void put_comments(struct sc_buf *b, const struct sc_comments *l, int indent)
{
    for (size_t i = 0; i < l->n; i++) {
        const char *c = l->v[i];
        sc_buf_printf(b, "%*s<!--%s%s-->\n", indent, "", c, *c && c[strlen(c) - 1] == '-' ? " " : "");
    }
}

char *sc_manifest_format(const struct sc_manifest *m)
{
    struct sc_case *sorted = sc_xcalloc(m->n, sizeof(*sorted));
    struct sc_buf b = { 0 };

    if (m->n) {   /* a manifest without cases has no array */
        memcpy(sorted, m->v, m->n * sizeof(*sorted));
        qsort(sorted, m->n, sizeof(*sorted), by_id);
    }
    sc_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    put_comments(&b, &m->head, 0);
    sc_buf_printf(&b, "<manifest now='%lld'>\n", m->now);
    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &sorted[i];
        put_comments(&b, &c->before, 2);
        sc_buf_puts(&b, "  <case");
        sc_xml_attr(&b, "id", c->id);
        sc_xml_attr(&b, "mode", sc_mode_to_string(c->mode));
        sc_buf_puts(&b, ">\n");
        put_comments(&b, &c->inside, 4);
        sc_xml_text_element(&b, 2, "description", c->description);
        if (c->valid) {
            sc_buf_puts(&b, "    <valid/>\n");
        } else {
            sc_buf_puts(&b, "    <invalid");
            sc_xml_attr(&b, "reason", c->reason);
            sc_buf_puts(&b, ">\n");
            sc_xml_text_element(&b, 3, "schema", c->schema_error);
            sc_xml_text_element(&b, 3, "parser", c->parser_error);
            sc_buf_puts(&b, "    </invalid>\n");
        }
        sc_buf_puts(&b, "  </case>\n");
    }
    put_comments(&b, &m->tail, 2);
    sc_buf_puts(&b, "</manifest>\n");
    put_comments(&b, &m->after, 0);
    free(sorted);
    return sc_buf_steal(&b);
}

void sc_manifest_add(struct sc_manifest *m, const struct sc_case *c)
{
    m->v = sc_xrealloc(m->v, (m->n + 1) * sizeof(*m->v));
    m->v[m->n++] = *c;
}

bool sc_case_id_valid(const char *id)
{
    /* [a-z0-9]+(-[a-z0-9]+)*, as rng/manifest.rng says */
    bool word = false;

    for (const char *p = id; p && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            word = true;
        else if (*p == '-' && word)
            word = false;
        else
            return false;
    }
    return word;
}

void sc_manifest_free(struct sc_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        struct sc_case *c = &m->v[i];
        free(c->id);
        free(c->description);
        free(c->reason);
        free(c->schema_error);
        free(c->parser_error);
        free(c->input);
        free(c->golden);
        free_comments(&c->before);
        free_comments(&c->inside);
    }
    free_comments(&m->head);
    free_comments(&m->tail);
    free_comments(&m->after);
    free(m->v);
    free(m->path);
    free(m);
}
