/*
 * snapcheck.h: libsnapcheck, the checks of snapcheck as a C library for
 * other projects' test suites.  Link it with
 *
 *     cc prog.c $(pkg-config --cflags --libs snapcheck)
 *
 * It checks libvirt domain snapshot XML (<domainsnapshot>) as the
 * snapcheck tool does: against a RELAX NG schema (the bundled one, or
 * yours) and against the reference model's rules, and gives the
 * canonical form a conforming implementation writes.  Every function
 * is safe to call from several threads at once, a schema shared among
 * them; the first call sets up libxml2 (call snapcheck_init() yourself
 * before starting threads).
 *
 * Diagnostics come back as a list, each with a line (0 when none
 * applies) and a message; the caller frees the list.
 */
#ifndef SNAPCHECK_H
#define SNAPCHECK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SNAPCHECK_API_VERSION 1

typedef struct snapcheck_schema snapcheck_schema;
typedef struct snapcheck_diags snapcheck_diags;

/* How a document is read, as libvirt reads it: creating a snapshot
 * (state, parent, creation time are not read), redefining one from its
 * saved XML, or libvirt's own stored metadata (redefine, with <active>). */
enum snapcheck_mode {
    SNAPCHECK_CREATE,
    SNAPCHECK_REDEFINE,
    SNAPCHECK_INTERNAL,
};

/* Sets libxml2 up for snapcheck; idempotent.  This is process-wide, as
 * libxml2's settings are: its parser is initialised, files it opens by
 * name (a schema and what it includes) must be local regular files
 * without a DOCTYPE, and its messages go to snapcheck's diagnostics
 * instead of standard error.  libxml2's allocator is left as it is. */
void snapcheck_init(void);

/* The library's version, "0.1". */
const char *snapcheck_version(void);

/* The schema at PATH (a RELAX NG grammar and the files it includes,
 * local only); NULL, with *DIAGS set when DIAGS is not NULL, when it
 * cannot be used. */
snapcheck_schema *snapcheck_schema_load(const char *path, snapcheck_diags **diags);

/* The schema bundled with snapcheck for PROFILE ("libvirt-9.0"…; NULL
 * for the default, the newest), found in snapcheck's data directory
 * (SNAPCHECK_DATADIR overrides where it was installed). */
snapcheck_schema *snapcheck_schema_bundled(const char *profile, snapcheck_diags **diags);

void snapcheck_schema_free(snapcheck_schema *schema);

/* Checks one document, from the file PATH or from LEN bytes at DATA
 * (NAME names it in diagnostics), against SCHEMA (or only the model's
 * rules when SCHEMA is NULL) and the reference model's rules in MODE.
 * Returns 1 when it is valid, 0 when it is not (*DIAGS says why), and
 * -1 when it could not be read or is beyond the bounds snapcheck reads
 * within (*DIAGS says which).  DIAGS may be NULL. */
int snapcheck_validate_file(const snapcheck_schema *schema, const char *path, enum snapcheck_mode mode,
                            snapcheck_diags **diags);
int snapcheck_validate_memory(const snapcheck_schema *schema, const char *data, size_t len, const char *name,
                              enum snapcheck_mode mode, snapcheck_diags **diags);

/* The canonical form of the document at DATA (LEN bytes) read in MODE,
 * as a conforming implementation formats it (NOW: the creation time of
 * create mode, seconds since the epoch); newly allocated, to be freed
 * with free().  NULL when the model refuses it (*DIAGS says why). */
char *snapcheck_format(const char *data, size_t len, enum snapcheck_mode mode, long long now,
                       snapcheck_diags **diags);

/* The diagnostics: how many, and each one's line and message. */
size_t snapcheck_diags_count(const snapcheck_diags *diags);
long snapcheck_diags_line(const snapcheck_diags *diags, size_t i);
const char *snapcheck_diags_message(const snapcheck_diags *diags, size_t i);
void snapcheck_diags_free(snapcheck_diags *diags);

/* The state table of the default profile, in enum order: how many
 * states, each one's string, and whether a snapshot document may hold
 * it in <state>. */
size_t snapcheck_state_count(void);
const char *snapcheck_state_name(size_t i);
int snapcheck_state_accepted(size_t i);

#ifdef __cplusplus
}
#endif

#endif
