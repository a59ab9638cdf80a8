/*
 * disk.h: the per-disk part of a snapshot (<disks> and <revertDisks>):
 * its snapshot mode, storage type, driver (format and metadata cache)
 * and source (source.h).
 */
#ifndef SNAPCHECK_DISK_H
#define SNAPCHECK_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "model/enums.h"
#include "model/source.h"

struct sc_error;

struct sc_disk {
    char *name;
    enum sc_location snapshot;
    bool delete_in_progress;
    enum sc_format format;          /* SC_FORMAT_NONE when not given */
    unsigned long long cache_max;   /* metadata cache in bytes, 0 if unset */
    struct sc_source src;           /* src.type is the disk's type */
    xmlNodePtr node;                /* where it was read, for messages */
};

struct sc_disk_list {
    struct sc_disk *v;
    size_t n;
};

/* Reads the <disk> children of LIST_NODE (<disks> or <revertDisks>). */
int sc_disk_list_parse(xmlNodePtr list_node, struct sc_disk_list *out,
                       const struct sc_source_opts *opts, struct sc_error *err);

/* Writes <NAME> with its disks at LEVEL, as PROFILE writes them; an
 * empty list as an empty element with an end tag. */
void sc_disk_list_format(struct sc_buf *b, const char *name,
                         const struct sc_disk_list *list, int level, enum sc_profile profile);

void sc_disk_list_free(struct sc_disk_list *list);

#endif
