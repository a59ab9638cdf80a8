/*
 * manifest.c: reading cases/manifest.xml into struct sc_manifest.  The
 * document is validated against rng/manifest.rng first, so the code
 * below can rely on its shape.
 */
#include "suite/manifest.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "util/buf.h"
#include "util/datadir.h"
#include "util/fileio.h"
#include "schema/schema.h"
#include "model/snapshot.h"
#include "model/xmlin.h"
#include "util/xmlout.h"

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

/* "libvirt-9.0 libvirt-10.7" as a mask; unknown names are reported. */
static unsigned read_profiles(const char *names, const char *id, long line,
                              struct sc_diag_list *diags)
{
    char *copy = sc_xstrdup(names), *save = NULL;
    unsigned mask = 0;

    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        int p = sc_profile_find(w);
        if (p < 0)
            sc_diag_add(diags, line, "case '%s': unknown profile '%s' (expected some of: %s)", id, w,
                        sc_profile_list());
        else
            mask |= 1u << p;
    }
    free(copy);
    return mask;
}

static void read_expect(xmlNodePtr node, struct sc_expect *e)
{
    xmlNodePtr invalid = NULL;

    for (xmlNodePtr ch = node->children; ch; ch = ch->next) {
        if (sc_is_element(ch, "invalid"))
            invalid = ch;
    }
    e->valid = !invalid;
    if (invalid) {
        e->reason = sc_attr(invalid, "reason");
        e->schema_error = child_text(invalid, "schema");
        e->parser_error = child_text(invalid, "parser");
    }
}

/* The profiles attribute and the <profile> overrides of case C. */
static void read_profiles_of(xmlNodePtr node, struct sc_case *c, struct sc_diag_list *diags)
{
    char *names = sc_attr(node, "profiles");
    unsigned seen = 0;

    c->profiles = names ? read_profiles(names, c->id, c->line, diags) : SC_ALL_PROFILES;
    free(names);
    for (xmlNodePtr ch = node->children; ch; ch = ch->next) {
        if (!sc_is_element(ch, "profile"))
            continue;
        struct sc_override o = { .line = xmlGetLineNo(ch) };
        names = sc_attr(ch, "name");
        o.profiles = read_profiles(names, c->id, o.line, diags);
        free(names);
        if (o.profiles & ~c->profiles)
            sc_diag_add(diags, o.line, "case '%s': a <profile> for a profile the case does not "
                        "apply to", c->id);
        if (o.profiles & seen)
            sc_diag_add(diags, o.line, "case '%s': two <profile> entries for one profile", c->id);
        seen |= o.profiles;
        read_expect(ch, &o.expect);
        c->overrides = sc_xrealloc(c->overrides, (c->noverrides + 1) * sizeof(*c->overrides));
        c->overrides[c->noverrides++] = o;
    }
}

static void read_case(xmlNodePtr node, const struct sc_layout *layout, struct sc_case *c,
                      struct sc_diag_list *diags)
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
    read_profiles_of(node, c, diags);
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
    /* golden/ holds the default profile's form; a case that is not for
     * the default profile keeps its golden with its first profile's */
    int owner = c->valid ? sc_case_golden_owner(c) : -1;
    if (c->valid)
        c->golden = owner > 0 ? sc_profile_golden(layout, (enum sc_profile)owner, c->id)
                              : sc_layout_golden(layout, c->id);
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
        sc_diag_add_error(diags, &err);
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
            read_case(c, layout, &m->v[m->n++], diags);
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
        for (size_t j = 0; j < c->noverrides; j++) {
            const char *r = c->overrides[j].expect.reason;
            if (r && sc_lookup(sc_parts, r) < 0)
                sc_diag_add(diags, c->overrides[j].line, "case '%s': unknown reason '%s' "
                            "(expected one of: %s)", c->id, r, sc_parts_list());
        }
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
    struct sc_diag diag = { 0 };
    char *data = NULL;
    size_t len;

    if (grammar && sc_read_file(path, &data, &len, &diag) < 0)
        sc_diag_list_take(diags, &diag);
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
    if (!d)
        d = (a->profiles > b->profiles) - (a->profiles < b->profiles);
    for (size_t i = 0; !d && i < a->before.n && i < b->before.n; i++)
        d = strcmp(a->before.v[i], b->before.v[i]);
    return d ? d : (a->before.n > b->before.n) - (a->before.n < b->before.n);
}

/* "libvirt-9.0 libvirt-10.7", in the table's order. */
static void put_profiles(struct sc_buf *b, const char *attr, unsigned mask)
{
    struct sc_buf names = { 0 };

    sc_buf_puts(&names, "");
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        if (mask & (1u << p))
            sc_buf_printf(&names, "%s%s", names.len ? " " : "", sc_profile_name((enum sc_profile)p));
    }
    sc_xml_attr(b, attr, names.data);
    sc_buf_free(&names);
}

static void put_expect(struct sc_buf *b, const struct sc_expect *e, int level)
{
    sc_buf_indent(b, level);
    if (e->valid) {
        sc_buf_puts(b, "<valid/>\n");
        return;
    }
    sc_buf_puts(b, "<invalid");
    sc_xml_attr(b, "reason", e->reason);
    sc_buf_puts(b, ">\n");
    sc_xml_text_element(b, level + 1, "schema", e->schema_error);
    sc_xml_text_element(b, level + 1, "parser", e->parser_error);
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</invalid>\n");
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
        if (c->profiles && c->profiles != SC_ALL_PROFILES)
            put_profiles(&b, "profiles", c->profiles);
        sc_buf_puts(&b, ">\n");
        put_comments(&b, &c->inside, 4);
        sc_xml_text_element(&b, 2, "description", c->description);
        put_expect(&b, &(struct sc_expect){ c->valid, c->reason, c->schema_error, c->parser_error }, 2);
        for (size_t j = 0; j < c->noverrides; j++) {
            sc_buf_puts(&b, "    <profile");
            put_profiles(&b, "name", c->overrides[j].profiles);
            sc_buf_puts(&b, ">\n");
            put_expect(&b, &c->overrides[j].expect, 3);
            sc_buf_puts(&b, "    </profile>\n");
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

static void expect_clear(struct sc_expect *e)
{
    free(e->reason);
    free(e->schema_error);
    free(e->parser_error);
}

static char *dup_or_null(const char *s)
{
    return s ? sc_xstrdup(s) : NULL;
}

static void copy_comments(struct sc_comments *to, const struct sc_comments *from)
{
    for (size_t i = 0; i < from->n; i++)
        add_comment(to, BAD_CAST from->v[i]);
}

char *sc_profile_golden(const struct sc_layout *layout, enum sc_profile profile, const char *id)
{
    return sc_layout_golden_in(layout, sc_profile_name(profile), id);
}

int sc_case_golden_owner(const struct sc_case *c)
{
    unsigned covered = 0;

    for (size_t j = 0; j < c->noverrides; j++)
        covered |= c->overrides[j].profiles;
    for (int p = 0; c->valid && p < SC_PROFILE_LAST; p++) {
        if ((c->profiles & (1u << p)) && !(covered & (1u << p)))
            return p;
    }
    return -1;
}

/* C as PROFILE sees it (it applies there). */
static void resolve_case(const struct sc_case *c, enum sc_profile profile,
                         const struct sc_layout *layout, struct sc_case *out)
{
    const struct sc_override *o = NULL;

    for (size_t j = 0; j < c->noverrides; j++) {
        if (c->overrides[j].profiles & (1u << profile))
            o = &c->overrides[j];
    }
    const struct sc_expect *e = o ? &o->expect
                                  : &(struct sc_expect){ c->valid, c->reason, c->schema_error,
                                                         c->parser_error };
    memset(out, 0, sizeof(*out));
    out->id = sc_xstrdup(c->id);
    out->mode = c->mode;
    out->description = dup_or_null(c->description);
    out->valid = e->valid;
    out->reason = dup_or_null(e->reason);
    out->schema_error = dup_or_null(e->schema_error);
    out->parser_error = dup_or_null(e->parser_error);
    out->input = sc_xstrdup(c->input);
    if (o && o->expect.valid)
        out->golden = sc_profile_golden(layout, profile, c->id);
    else if (e->valid)
        out->golden = dup_or_null(c->golden);
    copy_comments(&out->before, &c->before);
    copy_comments(&out->inside, &c->inside);
    out->line = o ? o->line : c->line;
    out->profiles = 1u << profile;
    out->profile = profile;
}

struct sc_manifest *sc_manifest_for_profile(const struct sc_manifest *m, enum sc_profile profile,
                                            const struct sc_layout *layout)
{
    struct sc_manifest *r = sc_xcalloc(1, sizeof(*r));

    r->path = sc_xstrdup(m->path);
    r->now = m->now;
    r->v = sc_xcalloc(m->n ? m->n : 1, sizeof(*r->v));
    for (size_t i = 0; i < m->n; i++) {
        if (m->v[i].profiles & (1u << profile))
            resolve_case(&m->v[i], profile, layout, &r->v[r->n++]);
    }
    return r;
}

void sc_manifest_free(struct sc_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        struct sc_case *c = &m->v[i];
        for (size_t j = 0; j < c->noverrides; j++)
            expect_clear(&c->overrides[j].expect);
        free(c->overrides);
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
