/*
 * datadir.h: where snapcheck's files are.  The data directory holds the
 * schemas (rng/), the built-in suite (cases/, golden/) and the adapters
 * (adapters/); a suite's layout says where its manifest, inputs and
 * golden files are, for the built-in suite and for a project's own; and
 * an installed data directory is told apart, since it is read-only data.
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

/* The file make install leaves in the data directory it installs. */
extern const char sc_installed_marker[];

/* Whether PATH is, or is inside, an installed data directory: one of
 * the two above, compared once links are resolved, or one that holds
 * sc_installed_marker (wherever it was moved or copied to). */
bool sc_is_installed(const char *path);

/* The bundled grammar, the default profile's schema, under rng/. */
#define SC_SCHEMA_FILE "domainsnapshot.rng"

/* DATADIR/rng/NAME, newly allocated: where the bundled schemas are. */
char *sc_data_rng(const char *datadir, const char *name);

/* DATADIR/rng/domainsnapshot.rng, newly allocated. */
char *sc_default_schema_path(void);

/* Where a suite's files are.  The built-in suite, in the data
 * directory: cases/manifest.xml, cases/valid/ID.xml, cases/invalid/
 * ID.xml, golden/ID.xml.  A project's own (snapcheck init DIR, then
 * --cases DIR): DIR/manifest.xml, DIR/valid/ID.xml, DIR/invalid/ID.xml,
 * DIR/golden/ID.xml, and anything else the project keeps there (its
 * baseline, its adapter).  Both take the schema and the manifest's
 * grammar from the data directory's rng/. */
#define SC_VALID_DIR "valid"
#define SC_INVALID_DIR "invalid"
#define SC_GOLDEN_DIR "golden"

struct sc_layout {
    char *datadir;    /* rng/ */
    char *cases;      /* holds the manifest, valid/ and invalid/ */
    char *manifest;
    char *golden;
    bool project;     /* a project's own suite */
};

void sc_layout_builtin(struct sc_layout *l, const char *datadir);
void sc_layout_project(struct sc_layout *l, const char *dir, const char *datadir);
void sc_layout_copy(struct sc_layout *to, const struct sc_layout *from);
void sc_layout_clear(struct sc_layout *l);

/* The input of case ID, valid or not, and its golden file; newly
 * allocated.  sc_layout_golden_in: its golden file in the subdirectory
 * SUB of golden/ (a profile's own, golden/PROFILE/ID.xml), or golden/
 * itself when SUB is NULL. */
char *sc_layout_input(const struct sc_layout *l, bool valid, const char *id);
char *sc_layout_golden(const struct sc_layout *l, const char *id);
char *sc_layout_golden_in(const struct sc_layout *l, const char *sub, const char *id);

/* DATADIR/rng/NAME, newly allocated. */
char *sc_layout_rng(const struct sc_layout *l, const char *name);

/* PATH as messages show it: relative to the data directory for the
 * built-in suite (cases/valid/ID.xml), as it was given for a project's
 * (DIR/valid/ID.xml). */
const char *sc_layout_shown(const struct sc_layout *l, const char *path);

/* The directory a suite is known by in messages: the data directory,
 * or DIR. */
const char *sc_layout_dir(const struct sc_layout *l);

#endif
