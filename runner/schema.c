/*
 * schema.c: RELAX NG loading and validation through libxml2.
 */
#include "schema.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "bulk.h"
#include "xmlin.h"
#include "xmlload.h"

/* Strips the trailing newline libxml2 puts on its messages; takes the
 * line from the node when the error itself has none. */
static void add_xml_error(struct sc_diag_list *diags, const xmlError *e)
{
    const char *msg = e->message ? e->message : "schema error";
    size_t n = strlen(msg);
    long line = e->line;

    if (line <= 0 && e->node)
        line = xmlGetLineNo((xmlNodePtr)e->node);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    sc_diag_add(diags, line > 0 ? line : 0, "%.*s", (int)n, msg);
    /* libxml2 names the node of some errors only ("Element domainsnapshot
     * failed to validate content" comes with the child that failed) */
    if (e->node)
        diags->v[diags->n - 1].part = sc_part_of((xmlNodePtr)e->node);
}

static void collect_error(void *ctx, xmlErrorPtr e)
{
    if (e->level >= XML_ERR_ERROR)
        add_xml_error(ctx, e);
}

/* Compiles the grammar behind PCTXT, which it frees.  Every message
 * libxml2 gives meanwhile, about the schema or a file it names, becomes
 * a diagnostic, and what the schema reads is bounded (xmlload.h). */
static struct sc_schema *compile(xmlRelaxNGParserCtxtPtr pctxt, const char *path,
                                 struct sc_diag_list *diags)
{
    struct sc_xml_budget budget = { 0 };
    struct sc_xml_capture capture;
    size_t before = diags->n;
    xmlRelaxNGPtr rng;

    sc_xml_capture_begin(&capture, diags, path, &budget);
    xmlRelaxNGSetParserStructuredErrors(pctxt, sc_xml_capture_error, &capture);
    rng = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    sc_xml_capture_end(&capture);
    if (!rng) {
        if (diags->n == before)
            sc_diag_add(diags, 0, "cannot load RELAX NG schema");
        return NULL;
    }
    struct sc_schema *s = sc_xcalloc(1, sizeof(*s));
    s->path = sc_xstrdup(path);
    s->rng = rng;
    return s;
}

struct sc_schema *sc_schema_load(const char *path, struct sc_diag_list *diags)
{
    return compile(xmlRelaxNGNewParserCtxt(path), path, diags);
}

struct sc_schema *sc_schema_load_doc(xmlDocPtr grammar, const char *name,
                                     struct sc_diag_list *diags)
{
    return compile(xmlRelaxNGNewDocParserCtxt(grammar), name, diags);
}

void sc_schema_enable_shortcuts(struct sc_schema *schema)
{
    struct sc_diag_list why = { 0 };

    if (!schema->bulk)
        schema->bulk = sc_bulk_new(schema->path, &why);
    sc_diag_list_free(&why);
}

struct proof {
    const char *path;
    struct sc_bulk *bulk;
};

static void *prove(void *opaque)
{
    struct proof *pr = opaque;
    struct sc_diag_list why = { 0 };

    pr->bulk = sc_bulk_new(pr->path, &why);
    sc_diag_list_free(&why);
    return NULL;
}

struct sc_schema *sc_schema_load_with_shortcuts(const char *path, struct sc_diag_list *diags)
{
    struct proof pr = { .path = path };
    pthread_t thread;
    bool apart = pthread_create(&thread, NULL, prove, &pr) == 0;
    struct sc_schema *s = sc_schema_load(path, diags);

    if (apart)
        pthread_join(thread, NULL);
    else if (s)
        prove(&pr);
    if (s)
        s->bulk = pr.bulk;
    else
        sc_bulk_free(pr.bulk);
    return s;
}

size_t sc_schema_validate_full(const struct sc_schema *schema, xmlDocPtr doc,
                               struct sc_diag_list *diags)
{
    xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(schema->rng);
    struct sc_xml_capture capture;
    size_t before = diags->n;
    int rc;

    /* what libxml2 reports outside the validation context (a reference
     * to a missing ID, an internal message) is about the document too */
    sc_xml_capture_begin(&capture, diags, NULL, NULL);
    xmlRelaxNGSetValidStructuredErrors(vctxt, collect_error, diags);
    rc = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    sc_xml_capture_end(&capture);
    if (rc != 0 && diags->n == before)
        sc_diag_add(diags, 0, "document does not match the schema");
    /* libxml2 reports "Extra element X in interleave" without a line;
     * the error it reports next, about the same element, has one */
    for (size_t i = diags->n; i-- > before;) {
        if (diags->v[i].line == 0 && i + 1 < diags->n)
            diags->v[i].line = diags->v[i + 1].line;
    }
    return diags->n - before;
}

size_t sc_schema_validate(const struct sc_schema *schema, xmlDocPtr doc,
                          struct sc_diag_list *diags)
{
    if (schema->bulk)
        return sc_bulk_validate(schema, doc, diags);
    return sc_schema_validate_full(schema, doc, diags);
}

void sc_schema_free(struct sc_schema *schema)
{
    if (!schema)
        return;
    xmlRelaxNGFree(schema->rng);
    sc_bulk_free(schema->bulk);
    free(schema->path);
    free(schema);
}
