/*
 * datadir.h: where snapcheck's files are.  The data directory holds the
 * schemas (rng/), the built-in suite (cases/, golden/) and the adapters
 * (adapters/); an installed data directory is told apart, since it is
 * read-only data.
 */
#ifndef SNAPCHECK_DATADIR_H
#define SNAPCHECK_DATADIR_H

#include <stdbool.h>

/* The data directory: the SNAPCHECK_DATADIR environment variable, else
 * the source tree the binary was built in, else the data directory of
 * an installation moved as a whole (PREFIX/share/snapcheck beside the
 * binary's PREFIX/bin), else the one compiled in by make install.
 * Newly allocated; it may not exist (see sc_is_data_dir). */
char *sc_data_dir(void);

/* Whether DIR holds snapcheck's data (its rng/domainsnapshot.rng). */
bool sc_is_data_dir(const char *dir);

/* Where make install put the data (PREFIX/share/snapcheck, compiled
 * in), and where an installation moved as a whole has it (BIN/../share/
 * snapcheck for the binary in BIN; NULL when the binary's own path is
 * unknown).  Newly allocated. */
char *sc_install_data_dir(void);
char *sc_beside_data_dir(void);

/* Whether PATH is, or is inside, an installed data directory: one of
 * the two above, compared once links are resolved. */
bool sc_is_installed(const char *path);

/* DATADIR/rng/domainsnapshot.rng, newly allocated. */
char *sc_default_schema_path(void);

#endif
