/*
 * disk.h: the per-disk part of a snapshot (<disks> and <revertDisks>):
 * its snapshot mode, storage type, driver, source and network hosts.
 */
#ifndef SNAPCHECK_DISK_H
#define SNAPCHECK_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "buf.h"

struct sc_error;

/* Where a snapshot keeps memory or a disk (libvirt's location enum). */
enum sc_location {
    SC_LOC_DEFAULT,   /* not given */
    SC_LOC_NO,
    SC_LOC_INTERNAL,
    SC_LOC_EXTERNAL,
    SC_LOC_MANUAL,
    SC_LOC_LAST
};

enum sc_disk_type {
    SC_DISK_FILE,
    SC_DISK_BLOCK,
    SC_DISK_NETWORK,
    SC_DISK_TYPE_LAST
};

struct sc_host {
    char *transport;  /* as given: tcp, rdma, unix, or NULL */
    char *name;
    char *port;       /* canonical decimal, or NULL */
    char *socket;
};

struct sc_disk {
    char *name;
    enum sc_location snapshot;
    enum sc_disk_type type;
    bool type_given;
    bool delete_in_progress;
    char *format;                   /* driver type, or NULL */
    unsigned long long cache_max;   /* metadata cache in bytes, 0 if unset */
    char *path;                     /* file, dev, or network name */
    char *protocol;                 /* network only */
    struct sc_host *hosts;
    size_t nhosts;
};

struct sc_disk_list {
    struct sc_disk *v;
    size_t n;
};

/* "no", "internal", …; NULL for SC_LOC_DEFAULT. */
const char *sc_location_to_string(enum sc_location loc);
/* SC_LOC_NO… for a known string, -1 otherwise. */
int sc_location_from_string(const char *s);

/* Reads the <disk> children of LIST_NODE (<disks> or <revertDisks>). */
int sc_disk_list_parse(xmlNodePtr list_node, struct sc_disk_list *out,
                       struct sc_error *err);

/* Writes <NAME> with its disks at LEVEL; nothing for an empty list. */
void sc_disk_list_format(struct sc_buf *b, const char *name,
                         const struct sc_disk_list *list, int level);

void sc_disk_list_free(struct sc_disk_list *list);

#endif
