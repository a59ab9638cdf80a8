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
#include "fileio.h"
#include "schema.h"
#include "snapshot.h"
#include "xmlin.h"

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

static void read_case(xmlNodePtr node, const char *datadir, struct sc_case *c)
{
    xmlNodePtr invalid = NULL;
    char *mode = sc_attr(node, "mode");

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
        c->schema_error = child_text(invalid, "schema");
        c->parser_error = child_text(invalid, "parser");
    }
    c->input = sc_xasprintf("%s/cases/%s/%s.xml", datadir,
                            c->valid ? "valid" : "invalid", c->id);
    if (c->valid)
        c->golden = sc_xasprintf("%s/golden/%s.xml", datadir, c->id);
    free(mode);
}

static xmlDocPtr load_checked(const char *path, const char *datadir,
                              struct sc_diag_list *diags)
{
    char *rng_path = sc_xasprintf("%s/rng/manifest.rng", datadir);
    struct sc_schema *schema = sc_schema_load(rng_path, diags);
    char errbuf[256], *data = NULL;
    struct sc_error err;
    xmlDocPtr doc = NULL;
    size_t len;

    if (!schema)
        goto out;
    if (sc_read_file(path, &data, &len, errbuf, sizeof(errbuf)) < 0) {
        sc_diag_add(diags, 0, "%s", errbuf);
        goto out;
    }
    if (!(doc = sc_xml_read_memory(data, len, path, &err))) {
        sc_diag_add(diags, err.line, "%s", err.msg);
        goto out;
    }
    if (sc_schema_validate(schema, doc, diags) > 0) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
out:
    sc_schema_free(schema);
    free(rng_path);
    free(data);
    return doc;
}

struct sc_manifest *sc_manifest_load(const char *datadir, struct sc_diag_list *diags)
{
    char *path = sc_xasprintf("%s/cases/manifest.xml", datadir);
    xmlDocPtr doc = load_checked(path, datadir, diags);
    struct sc_manifest *m;
    xmlNodePtr root;
    char *now;
    size_t n = 0;

    if (!doc) {
        free(path);
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    m = sc_xcalloc(1, sizeof(*m));
    m->path = path;
    now = sc_attr(root, "now");
    sc_parse_int64(now, &m->now);
    free(now);
    for (xmlNodePtr c = root->children; c; c = c->next)
        n += sc_is_element(c, "case");
    m->v = sc_xcalloc(n, sizeof(*m->v));
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (sc_is_element(c, "case"))
            read_case(c, datadir, &m->v[m->n++]);
    }
    xmlFreeDoc(doc);
    return m;
}

void sc_manifest_free(struct sc_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        struct sc_case *c = &m->v[i];
        free(c->id);
        free(c->description);
        free(c->schema_error);
        free(c->parser_error);
        free(c->input);
        free(c->golden);
    }
    free(m->v);
    free(m->path);
    free(m);
}
