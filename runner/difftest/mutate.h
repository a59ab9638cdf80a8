/*
 * mutate.h: the differential tester's document generator.  From one
 * base document (a case of the suite with a full domain) it derives,
 * deterministically, variants that each change one thing in the
 * snapshot envelope: an element's presence or repetition, an attribute
 * or text value (sign, whitespace, leading zeros, empty, huge,
 * character references, CDATA, comments), an enumerated value (every
 * state, storage format, protocol, mode…), the children of a disk's
 * source, and unknown attributes, elements and namespaces at every
 * level.  Every variant is built and serialised with libxml2.
 */
#ifndef SNAPCHECK_MUTATE_H
#define SNAPCHECK_MUTATE_H

#include <stddef.h>
#include <libxml/tree.h>

struct sc_variant {
    char *label;    /* what was changed, with the value: for the report */
    char *group;    /* the same without indexes and values: for counting */
    char *doc;      /* the serialised document */
    size_t len;
};

struct sc_variant_list {
    struct sc_variant *v;
    size_t n, cap;
};

/* Appends the variants of BASE, the unchanged document first. */
void sc_mutate(xmlDocPtr base, struct sc_variant_list *out);

void sc_variant_list_free(struct sc_variant_list *l);

#endif
