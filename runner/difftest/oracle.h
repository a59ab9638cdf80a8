/*
 * oracle.h: libvirt itself as a long-lived helper process for the
 * differential tester.  adapters/libvirt_oracle.py serve takes one
 * document after another and answers, for each, what libvirt's own
 * parser and formatter make of it (the conf layer) and what a redefine
 * through the public API on the test driver gives (the api layer).
 */
#ifndef SNAPCHECK_ORACLE_H
#define SNAPCHECK_ORACLE_H

#include <stdbool.h>
#include <stddef.h>

enum sc_oracle_status {
    SC_ORACLE_OK,       /* text is libvirt's output */
    SC_ORACLE_ERR,      /* text is libvirt's message */
    SC_ORACLE_SKIP,     /* the layer does not take this mode */
};

struct sc_oracle_answer {
    enum sc_oracle_status status;
    char *text;
};

struct sc_oracle;
struct sc_diag;

/* Starts "PYTHON SCRIPT serve"; NULL with *DIAG set when it does not
 * come up. */
struct sc_oracle *sc_oracle_start(const char *python, const char *script,
                                  struct sc_diag *diag);

enum sc_oracle_layers { SC_ORACLE_BOTH, SC_ORACLE_CONF, SC_ORACLE_API };

/* Asks about one document (one layer alone, or both; a layer not asked
 * answers skip); -1 with *DIAG set when the helper is gone. */
int sc_oracle_ask(struct sc_oracle *o, const char *doc, size_t len, const char *mode,
                  long long now, enum sc_oracle_layers layers, struct sc_oracle_answer *conf,
                  struct sc_oracle_answer *api, struct sc_diag *diag);

void sc_oracle_answer_clear(struct sc_oracle_answer *a);

/* Closes the helper's input and waits for it. */
void sc_oracle_stop(struct sc_oracle *o);

#endif
