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

#include "util/xmlread.h"
#include "model/disk.h"
#include "model/enums.h"
#include "model/states.h"

struct sc_parse_opts {
    bool redefine;      /* read state, parent, creationTime, domain */
    bool internal;      /* libvirt's own metadata: <active> required */
    long long now;      /* create mode: the creation time and default name */
    enum sc_profile profile;   /* the release whose rules apply (0: the newest) */
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

#endif
