/*
 * parity.h: does a RELAX NG schema allow exactly the state table's
 * accepted states in <domainsnapshot>/<state>?
 *
 * The schema is read as a grammar, not as text: include (with its
 * overriding defines), externalRef, nested grammar, parentRef, div and
 * combine are followed the way RELAX NG defines them, so the state list
 * is found wherever the schema defines it.
 */
#ifndef SNAPCHECK_PARITY_H
#define SNAPCHECK_PARITY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "util/strlist.h"
#include "model/states.h"

struct sc_parity {
    enum sc_profile profile;    /* whose state table it is compared with */
    bool found;                 /* a <state> element under <domainsnapshot> */
    bool any_text;              /* it accepts free text, not a list */
    bool collapses;             /* some value is compared after whitespace
                                   normalisation (the "token" type) */
    struct sc_strings values;   /* the schema's state values, in order */
    struct sc_strings missing;  /* accepted by the table, not the schema */
    struct sc_strings extra;    /* allowed by the schema, not the table */
};

/* Compares with PROFILE's accepted states; fills OUT; returns -1 with reasons in DIAGS when the schema (or a file
 * it refers to) cannot be read. */
int sc_parity_check(const char *schema_path, enum sc_profile profile, struct sc_parity *out,
                    struct sc_diag_list *diags);

/* Whether OUT shows any difference at all. */
bool sc_parity_drift(const struct sc_parity *p);

/* One line per difference, each naming the state: "PATH: drift: …". */
void sc_parity_print(const char *schema_path, const struct sc_parity *p);

void sc_parity_free(struct sc_parity *p);

#endif
