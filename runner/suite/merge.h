/*
 * merge.h: the results of one run put back together from the JSON Lines
 * reports of its shards (run --shard I/N --report jsonl=FILE), so that
 * any report format can be written for the whole run (report --merge).
 */
#ifndef SNAPCHECK_MERGE_H
#define SNAPCHECK_MERGE_H

#include <stddef.h>

#include "suite/results.h"

struct sc_diag;

/* Reads the N reports at PATHS into OUT: every case once, in the order
 * the whole run gives them.  Refuses, returning -1 with *ERR set to
 * what is wrong with the reports (its file one of PATHS, or NULL when
 * the set as a whole is wrong; its line 0 when not one line), a file
 * that is not such a report or whose summary does not match its
 * records; reports of different implementations, settings or baselines;
 * a case in two reports; and shards that are not every shard of one
 * run, each once.  Reports that are not shards are put one after the
 * other. */
int sc_results_merge(char *const *paths, size_t n, struct sc_results *out, struct sc_diag *err);

/* Reads the one report at PATH into OUT as it is, a shard or not;
 * -1 with ERR set when it is not a report of snapcheck's. */
int sc_results_read(const char *path, struct sc_results *out, struct sc_diag *err);

#endif
