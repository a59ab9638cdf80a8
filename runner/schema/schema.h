/*
 * schema.h: loading a RELAX NG schema once and validating documents
 * against it with libxml2, collecting every error with its line.
 * Where the suite's own schema lives is decided in datadir.h.
 */
#ifndef SNAPCHECK_SCHEMA_H
#define SNAPCHECK_SCHEMA_H

#include <libxml/relaxng.h>

#include "util/diag.h"

struct sc_bulk;

struct sc_schema {
    char *path;
    xmlRelaxNGPtr rng;
    struct sc_bulk *bulk;   /* the shortcuts bulk validation may take (bulk.h), or NULL */
};

/* NULL with the reason in DIAGS when the schema cannot be loaded. */
struct sc_schema *sc_schema_load(const char *path, struct sc_diag_list *diags);

/* Compiles a grammar already in memory (includes are found relative
 * to its URL); GRAMMAR stays the caller's.  NAME is the schema's name in
 * messages. */
struct sc_schema *sc_schema_load_doc(xmlDocPtr grammar, const char *name,
                                     struct sc_diag_list *diags);

/* Takes from now on the shortcuts of bulk validation (bulk.h) that the
 * schema's grammar allows: for validating many documents, where a VM's
 * snapshots repeat its definition.  Only for a schema loaded from a
 * file. */
void sc_schema_enable_shortcuts(struct sc_schema *schema);

/* sc_schema_load and sc_schema_enable_shortcuts in one: the shortcuts
 * are proven on a thread of their own while libxml2 compiles the
 * schema, which takes about as long. */
struct sc_schema *sc_schema_load_with_shortcuts(const char *path, struct sc_diag_list *diags);

/* Validation of the whole document in one pass, whatever the memo. */
size_t sc_schema_validate_full(const struct sc_schema *schema, xmlDocPtr doc,
                               struct sc_diag_list *diags);

/* Appends one diagnostic per schema violation; returns how many.  With
 * shortcuts enabled, valid documents take those of bulk.c and invalid
 * ones are validated in full, so the diagnostics are the same.
 * May be called from several threads at once. */
size_t sc_schema_validate(const struct sc_schema *schema, xmlDocPtr doc,
                          struct sc_diag_list *diags);

void sc_schema_free(struct sc_schema *schema);

#endif
