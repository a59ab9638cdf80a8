/*
 * bulk.h: validating many documents faster than one pass each, with the
 * same verdict.  Four shortcuts, all for documents found valid:
 *
 * - an embedded <domain> or <inactiveDomain> the schema already accepted
 *   (memo.h) is set aside instead of validated again;
 * - so is an item of a <disks> or <revertDisks> list that the schema
 *   already accepted in that list (each list has a memo of its own), as
 *   a guest's snapshots repeat most of its disks;
 * - in a domain that is validated, so is a child of its <devices> that
 *   the schema already accepted there (a memo for each kind of domain),
 *   as guests made alike share most of their devices;
 * - a list with more items left than a batch is validated in batches,
 *   each alone in the document, because libxml2's interleave validation
 *   grows with the square of a long list's length.
 *
 * List items and devices are known by their subtree, in which each
 * attribute value the grammar looks at only through datatypes counts by
 * those datatypes' verdicts on it (values.h): a disk whose path alone
 * changed from the last snapshot is known.
 *
 * Each is taken only where the schema's grammar was proven, when it was
 * loaded, to give it the verdict of a full validation (shortcut.h): for
 * the suite's grammar all but the devices (it does not model a domain's
 * content), and for libvirt's all of them.  A document the
 * shortcuts find invalid is validated again in one pass, so diagnostics
 * are exactly those of a full validation.
 */
#ifndef SNAPCHECK_BULK_H
#define SNAPCHECK_BULK_H

#include <stdbool.h>
#include <libxml/relaxng.h>

#include "util/diag.h"

struct sc_bulk;

/* The shortcuts the grammar at SCHEMA_PATH allows, with a memo of
 * accepted domains; NULL when it allows none.  Why a shortcut is not
 * allowed goes to WHY. */
struct sc_bulk *sc_bulk_new(const char *schema_path, struct sc_diag_list *why);
void sc_bulk_free(struct sc_bulk *b);

/* Whether B takes the shortcut for the root's child NAME. */
bool sc_bulk_uses(const struct sc_bulk *b, const char *name);

/* Validates DOC against RNG, the grammar B was proven for, with the
 * verdict and diagnostics of sc_relaxng_validate. */
size_t sc_bulk_validate(const struct sc_bulk *b, xmlRelaxNGPtr rng, xmlDocPtr doc,
                        struct sc_diag_list *diags);

#endif
