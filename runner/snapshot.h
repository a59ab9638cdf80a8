/*
 * snapshot.h: the reference model of a <domainsnapshot> document.
 *
 * sc_snapshot_parse reads a parsed document into struct sc_snapshot and
 * enforces every rule of the format for the chosen parse mode;
 * sc_snapshot_format writes the struct back in canonical form.  Disks
 * live in disk.c, the shared writer in xmlout.c, the states in states.c,
 * the XML reader every document goes through in xmlread.c.
 */
#ifndef SNAPCHECK_SNAPSHOT_H
#define SNAPCHECK_SNAPSHOT_H

#include <stdbool.h>
#include <libxml/tree.h>

#include "disk.h"
#include "enums.h"
#include "states.h"

struct sc_parse_opts {
    bool redefine;      /* read state, parent, creationTime, domain */
    bool internal;      /* libvirt's own metadata: <active> required */
    long long now;      /* create mode: the creation time and default name */
    enum sc_profile profile;   /* the release whose rules apply (0: the newest) */
};

struct sc_error {
    long line;          /* 0 when no line applies */
    char part[16];      /* the part of the document it is about (xmlin.h) */
    char msg[512];
    bool unreadable;    /* not judged: beyond snapcheck's bounds (xmllimits.h) */
};

struct sc_snapshot {
    char *name;
    char *description;          /* NULL when absent or empty */
    enum sc_state state;        /* SC_STATE_NOSTATE when not read */
    char *parent;
    long long creation_time;    /* 0 is not formatted */
    enum sc_location memory;    /* redefine fills in no or internal */
    char *memory_file;
    struct sc_disk_list disks;
    struct sc_disk_list revert_disks;
    char *domain_uuid;          /* the old <domain><uuid> form, canonical */
    xmlNodePtr domain;          /* kept subtrees, owned by doc */
    xmlNodePtr inactive_domain;
    xmlNodePtr cookie;
    bool internal;              /* format <active> */
    enum sc_profile profile;    /* the release it was read for, whose form it is written in */
    int active;
    xmlDocPtr doc;              /* owns the kept subtrees */
};

/* Takes ownership of DOC (also on failure).  Returns NULL and fills ERR
 * when the document breaks a rule. */
struct sc_snapshot *sc_snapshot_parse(xmlDocPtr doc,
                                      const struct sc_parse_opts *opts,
                                      struct sc_error *err);

/* The verdict of sc_snapshot_parse without its model: 0, or -1 with
 * ERR set.  Nothing is kept for a formatter, so nothing is copied.
 * Takes ownership of DOC. */
int sc_snapshot_check(xmlDocPtr doc, const struct sc_parse_opts *opts, struct sc_error *err);

/* The checks a redefinition makes against SNAP's embedded domain
 * (align.c); -1 with ERR set. */
int sc_snapshot_align_check(const struct sc_snapshot *snap, struct sc_error *err);

/* The canonical document, NUL-terminated, to be freed by the caller. */
char *sc_snapshot_format(const struct sc_snapshot *snap);

void sc_snapshot_free(struct sc_snapshot *snap);

/* Parses DATA (named NAME in messages) with snapcheck's libxml2
 * options: no network, no DTD (refused), CDATA merged into text.
 * Returns NULL and fills ERR on a well-formedness error. */
xmlDocPtr sc_xml_read_memory(const char *data, size_t len, const char *name,
                             struct sc_error *err);

/* The same, with short text (indentation) kept inside its node instead
 * of a block of its own: for a tree that is read, and whose nodes are
 * at most moved (schema validation, the parser's rules), never one
 * whose text is changed or that is written back. */
xmlDocPtr sc_xml_read_memory_compact(const char *data, size_t len, const char *name,
                                     struct sc_error *err);

/* From sc_xml_reader_keep() to sc_xml_reader_release(), in the thread
 * that calls them, the reads above reuse one parser context (and its
 * dictionary of names) from one document to the next, with the same
 * results: for a thread that reads many documents. */
void sc_xml_reader_keep(void);
void sc_xml_reader_release(void);

/* The same check of well-formedness, without a tree: memory does not
 * grow with DATA.  Returns 0 and sets *NODES to how many nodes (elements,
 * attributes, namespace declarations, text runs, comments, processing
 * instructions) a tree of DATA would have; or -1 with ERR set. */
int sc_xml_check_memory(const char *data, size_t len, const char *name, struct sc_error *err,
                        size_t *nodes);

/* Sets libxml2 up for snapcheck, once, before any thread starts: the
 * parser initialised, and an entity loader that never uses the network. */
void sc_xml_init(void);

/* The same without taking over libxml2's allocator (which makes running
 * out of memory exit 2): for libsnapcheck, in a process that is not
 * snapcheck's own. */
void sc_xml_init_library(void);

#endif
