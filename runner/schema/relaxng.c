/*
 * relaxng.c: one document validated by libxml2 against a compiled
 * grammar, each message a diagnostic with its line and part.
 */
#include "schema/relaxng.h"

#include <string.h>

#include "model/xmlin.h"
#include "util/xmlload.h"

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

size_t sc_relaxng_validate(xmlRelaxNGPtr rng, xmlDocPtr doc, struct sc_diag_list *diags)
{
    xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(rng);
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

