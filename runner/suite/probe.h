/*
 * probe.h: which values of an enumeration an implementation accepts,
 * found by asking it.  For each value of one of the format's tables
 * (the states, memory and disk snapshot modes, disk types, driver
 * formats, network protocols) and for near-misses of them (another
 * case, surrounding whitespace, a number, nothing, an unknown word), a
 * small redefine document holding the value goes to the implementation
 * through the protocol of run --impl (impl.h).  An accepted value must
 * come back unchanged.  Each answer is set beside the table's (or, for
 * the enumerations whose acceptance depends on more than a table, the
 * reference model's) and, when given, a schema's: three columns, value
 * by value.
 */
#ifndef SNAPCHECK_PROBE_H
#define SNAPCHECK_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "suite/report.h"
#include "schema/schema.h"
#include "model/states.h"

enum sc_probe_answer {
    SC_PROBE_ABSENT,    /* the column is not in the report */
    SC_PROBE_ACCEPT,
    SC_PROBE_REFUSE,
    SC_PROBE_REWRITE,   /* accepted, but written back otherwise */
    SC_PROBE_SKIP,      /* the implementation declined the mode (exit 77) */
    SC_PROBE_ERROR,     /* a crash, a timeout, output that is not XML */
};

struct sc_probe_kind;

/* Every kind, "state" first; ends with NULL. */
extern const struct sc_probe_kind *const sc_probe_kinds[];

const char *sc_probe_kind_name(const struct sc_probe_kind *k);
const struct sc_probe_kind *sc_probe_kind_find(const char *name);

struct sc_probe_row {
    char *value;                /* as probed */
    const char *origin;         /* "table", or the near-miss: "case", "whitespace", … */
    enum sc_probe_answer expected, schema, impl;
    char *detail;               /* what the implementation wrote back, or said */
    bool agree;
};

struct sc_probe_table {
    const struct sc_probe_kind *kind;
    struct sc_probe_row *v;
    size_t n;
};

struct sc_probe_opts {
    const char *impl;                   /* COMMAND, or NULL: no implementation column */
    const struct sc_schema *schema;     /* or NULL: no schema column */
    double timeout;                     /* seconds per document */
    long long now;                      /* SNAPCHECK_NOW */
    enum sc_profile profile;            /* whose table, rules and SNAPCHECK_PROFILE */
};

struct sc_diag;

/* Probes every value of KIND.  Returns 0, or -1 with *ERR set to why
 * (the command, then the first line of what it said) when the
 * implementation cannot be started at all. */
int sc_probe_run(const struct sc_probe_kind *kind, const struct sc_probe_opts *opts, struct sc_probe_table *out,
                 struct sc_diag *err);

void sc_probe_table_free(struct sc_probe_table *t);

/* How many rows of T disagree. */
size_t sc_probe_disagreements(const struct sc_probe_table *t);

/* The report of the N tables T in FORMAT (text, jsonl or markdown), the
 * columns named by PROFILE, SCHEMA (a path, or NULL) and IMPL (a
 * command, or NULL); newly allocated.  Names and values are escaped as every report
 * escapes them (escape.h). */
char *sc_probe_render(const struct sc_probe_table *t, size_t n, enum sc_report_format format,
                      enum sc_profile profile, const char *schema, const char *impl);

#endif
