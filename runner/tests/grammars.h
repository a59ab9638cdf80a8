/*
 * tests/grammars.h: random grammars and documents around
 * <domainsnapshot>, from a seeded generator (tests/grammars.c), for the
 * property test of bulk validation.  Each returns new text.
 */
#ifndef SNAPCHECK_TESTS_GRAMMARS_H
#define SNAPCHECK_TESTS_GRAMMARS_H

#include <stddef.h>
#include <stdint.h>

struct harness_prng {
    uint64_t s;
};
uint64_t harness_random(struct harness_prng *r);
char *harness_random_grammar(struct harness_prng *r);
/* The grammar at REAL (the suite's) changed in one random way. */
char *harness_varied_grammar(struct harness_prng *r, const char *real);
char *harness_random_document(struct harness_prng *r);

/* What a run of harness_check_bulk() went through, so that a test can
 * tell it took the shortcuts often enough to mean something. */
struct harness_tally {
    size_t compiled, with_shortcuts, documents, valid;
    size_t valid_long_lists;      /* valid, a list longer than a batch, batching allowed */
    size_t valid_known_domain;    /* valid, a domain an earlier valid document had, memo on */
    size_t valid_known_item;      /* valid, a disk an earlier valid document's disks had, memo on */
};

/* Compiles the grammar TEXT, and runs NDOCS random documents through
 * bulk validation (its memo carried from one to the next); fails the
 * test, saying WHERE, when a verdict differs from libxml2's on the
 * document alone, or a diagnostic from a full validation's. */
void harness_check_bulk(const char *text, struct harness_prng *r, size_t ndocs, const char *where,
                        struct harness_tally *t);

#endif
