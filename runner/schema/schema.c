/*
 * schema.c: RELAX NG loading and validation through libxml2.
 */
#include "schema/schema.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "schema/bulk.h"
#include "schema/relaxng.h"
#include "model/xmlin.h"
#include "util/xmlload.h"

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
    return sc_relaxng_validate(schema->rng, doc, diags);
}

size_t sc_schema_validate(const struct sc_schema *schema, xmlDocPtr doc,
                          struct sc_diag_list *diags)
{
    if (schema->bulk)
        return sc_bulk_validate(schema->bulk, schema->rng, doc, diags);
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
