/*
 * bulk.h: validating many documents faster than one pass each, with the
 * same verdict.  Two shortcuts, both for documents found valid:
 *
 * - an embedded <domain> or <inactiveDomain> the schema already accepted
 *   (memo.h) is set aside instead of validated again;
 * - a <disks> or <revertDisks> list longer than a batch is validated in
 *   batches, each alone in the document, because libxml2's interleave
 *   validation grows with the square of a long list's length.
 *
 * Both rely on what the suite's grammar and libvirt's have in common: the
 * domain is an optional element whose pattern does not depend on its
 * siblings, and a disk list is any number of independent disks.  A
 * document the shortcuts find invalid is validated again in one pass, so
 * diagnostics are exactly those of a full validation.
 */
#ifndef SNAPCHECK_BULK_H
#define SNAPCHECK_BULK_H

#include <libxml/tree.h>

#include "diag.h"

struct sc_schema;

size_t sc_bulk_validate(const struct sc_schema *schema, xmlDocPtr doc, struct sc_diag_list *diags);

#endif
