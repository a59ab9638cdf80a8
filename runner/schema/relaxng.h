/*
 * relaxng.h: one full validation by libxml2, below both the schema
 * (schema.h) and the validation shortcuts (bulk.h).
 */
#ifndef SNAPCHECK_RELAXNG_H
#define SNAPCHECK_RELAXNG_H

#include <stddef.h>
#include <libxml/relaxng.h>

#include "util/diag.h"

/* Validates DOC against RNG in one pass; adds a diagnostic for each
 * error libxml2 reports (at least one when DOC is invalid) and returns
 * how many it added. */
size_t sc_relaxng_validate(xmlRelaxNGPtr rng, xmlDocPtr doc, struct sc_diag_list *diags);

#endif
