/*
 * tests/fixture.h: what every test stands on (tests/fixture.c): the
 * suite, loaded once; the scratch directory of the run; files and shell
 * steps in it.
 */
#ifndef SNAPCHECK_TESTS_FIXTURE_H
#define SNAPCHECK_TESTS_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libxml/tree.h>

#include "suite/suite.h"

/* Loaded once by main() before any group runs. */
extern struct sc_suite *harness_suite;

/* Makes the scratch directory, removed at exit; false when it cannot be
 * made (main() says why). */
bool harness_fixture_start(void);

/* A scratch directory for the run, removed at exit. */
const char *harness_tmpdir(void);

/* The path of NAME in the scratch directory (newly allocated). */
char *harness_tmp_path(const char *name);

/* A copy of PARTS (NULL-terminated: files and folders of the source
 * tree, such as "runner") in a new directory NAME under the scratch
 * directory; returns its path. */
char *harness_scratch_copy(const char *name, const char *const *parts);

/* harness_scratch_copy of the suite's rng/, cases/ and golden/. */
char *harness_scratch_tree(const char *name);

/* The contents of PATH (newly allocated); the test fails when it
 * cannot be read. */
char *harness_slurp(const char *path);

/* Writes TEXT to DIR/NAME and returns the path (newly allocated). */
char *harness_write(const char *dir, const char *name, const char *text);

/* Validates DOC against SCHEMA (sc_schema_validate) and frees it: the
 * messages as "LINE: MESSAGE" lines, "" when it is valid. */
struct sc_schema;
char *harness_schema_verdict(const struct sc_schema *schema, xmlDocPtr doc);

/* Writes the LEN bytes of DATA to NAME in the scratch directory and
 * returns the path (newly allocated). */
char *harness_write_bytes(const char *name, const void *data, size_t len);

/* The size of the file at PATH in bytes; the test fails when it has
 * none. */
size_t harness_file_size(const char *path);

/* Runs SCRIPT with sh -e in DIR after PRELUDE; returns its exit status
 * (128 after a signal), its output in *LOG. */
int harness_sh_in(const char *dir, const char *prelude, const char *script, char **log);

/* The states libvirt's installed schema lacks against PROFILE's state
 * table, from the table: that schema (libvirt 9.0's) lists the states
 * libvirt 0.9.5 accepted that 9.0 still accepts, so it lacks every
 * other state PROFILE accepts.  Returns how many; *NAMES, when not
 * NULL, gets them in table order, each followed by a space (newly
 * allocated). */
size_t harness_libvirt_schema_lacks(enum sc_profile profile, char **names);

#endif
