/*
 * drift.h: libvirt's own snapshot schema with its known drift from
 * libvirt's parser corrected, for the differential tester.  "libvirt's
 * parser accepts it and this schema validates it" is the verdict
 * snapcheck's is measured against; each correction here is a row of the
 * drift table in README.md.
 */
#ifndef SNAPCHECK_DRIFT_H
#define SNAPCHECK_DRIFT_H

#include "util/diag.h"
#include "schema/schema.h"

/* The corrections, one line each, for the report. */
extern const char *const sc_drift_corrections[];

/* Loads the schema at PATH (libvirt's domainsnapshot.rng) with the
 * corrections applied; its includes still come from its own directory.
 * NULL with the reason in DIAGS. */
struct sc_schema *sc_drift_corrected_schema(const char *path, struct sc_diag_list *diags);

#endif
