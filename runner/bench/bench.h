/*
 * bench.h: what bench.c (timing and reports) and bench/corpus.c (the
 * generated documents) share.
 */
#ifndef SNAPCHECK_BENCH_H
#define SNAPCHECK_BENCH_H

#include <stddef.h>

#include "util/strlist.h"

/* Writes the corpora under OUT (once; a stamp file marks them done):
 * docs-1k, docs-10k (VMs with 20 snapshots each, every state, a full
 * domain built from TEMPLATE), disks-10, disks-1000, disks-10000 (one
 * document each) and small-100k.  Returns 0, or -1 after saying why. */
int bench_make_corpora(const char *template_path, const char *out);

/* Has SCRIPT (bench/libvirt-corpus.py) write, under OUT (once), the
 * same sets as libvirt formats them: docs-1k, docs-10k, disks-10,
 * disks-1000 and disks-10000.  Returns 0, or -1 after saying why. */
int bench_make_libvirt_corpora(const char *script, const char *out);

/* The *.xml files below DIR, sorted, at most LIMIT (0: all). */
void bench_list_files(const char *dir, struct sc_strings *files, size_t limit);

#endif
