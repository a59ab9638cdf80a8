/*
 * fileio.h: reading whole documents (files or standard input) and
 * walking directories for them.  I/O failures are reported apart from
 * XML errors so the tool can give them their own exit code.
 */
#ifndef SNAPCHECK_FILEIO_H
#define SNAPCHECK_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

struct sc_diag;

/* The largest file snapcheck reads: far beyond any real snapshot
 * document (10,000 disks take 2 MiB), and a bound on memory for hostile
 * input. */
#define SC_MAX_FILE (32u * 1024 * 1024)

/* Reads PATH ("-" for stdin) into *DATA (NUL-terminated, *LEN bytes).
 * Returns 0, or -1 with *DIAG set (util/diag.h) to an error about PATH
 * that does not name it (also for a file larger than SC_MAX_FILE, which
 * is not read). */
int sc_read_file(const char *path, char **data, size_t *len,
                 struct sc_diag *diag);

/* Calls FN for PATH itself when it is not a directory, or for every
 * document below it when it is one (sorted, recursively; hidden names
 * skipped; only *.xml with XML_ONLY).  PATH is followed when it is a
 * link; below it, a link to a file is followed, a link to a directory
 * is not, each directory is entered once (by device and inode), and
 * what is not a regular file (a FIFO, a device) is skipped: each of
 * these gets a warning (a diagnostic of the file it is about) through
 * WARN (printed to stderr when NULL).  Stops and returns FN's value
 * when non-zero; -1 with *DIAG set when a directory cannot be read. */
typedef int (*sc_walk_fn)(const char *file, void *opaque);
typedef void (*sc_walk_warn_fn)(const struct sc_diag *warning, void *opaque);
int sc_walk(const char *path, bool xml_only, sc_walk_fn fn, sc_walk_warn_fn warn,
            void *opaque, struct sc_diag *diag);

/* Writes DATA to PATH as a user expects of an output file.  A regular
 * file is replaced whole: written beside it and renamed over it, keeping
 * its mode and owner, so a reader never sees half of it.  A symbolic
 * link is followed and kept; a device, a pipe, /dev/stdout and the like
 * are written through.  Every write error, a full disk included, is an
 * error: -1 with *DIAG set. */
int sc_write_file(const char *path, const char *data, size_t len,
                  struct sc_diag *diag);

/* Locks the directory DIR (flock, exclusive) for a read-modify-write of
 * a file in it that is replaced by rename, so that the lock cannot be
 * on an inode the rename retires; waits for another holder.  Returns
 * the descriptor to pass to sc_unlock_dir, or -1 with *DIAG set. */
int sc_lock_dir(const char *dir, struct sc_diag *diag);
void sc_unlock_dir(int fd);

/* The name prefix of the temporary files the writes use. */
extern const char sc_temp_prefix[];

/* The same for a file that must not exist yet: fails (EEXIST) rather
 * than replace one. */
int sc_write_file_new(const char *path, const char *data, size_t len,
                      struct sc_diag *diag);

#endif
