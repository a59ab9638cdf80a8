/*
 * source.h: the <source> of a snapshot disk.  libvirt reads it with the
 * general storage-source parser its domain disks use, so it holds more
 * than a path: security labels, authentication, encryption, persistent
 * reservations, a slice, and for network disks the protocol, hosts and
 * protocol options.  This module reads a <source> the way that parser
 * does (value syntax, defaults such as well-known ports) and writes it
 * back the way libvirt's formatter does, child order included.
 */
#ifndef SNAPCHECK_SOURCE_H
#define SNAPCHECK_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "model/enums.h"
#include "model/states.h"

struct sc_error;

struct sc_seclabel {
    char *model;
    bool relabel;
    bool labelskip;
    char *label;
};

struct sc_secret {
    char *type;             /* as given, or NULL */
    char *uuid;             /* canonical form, or NULL */
    char *usage;
};

struct sc_auth {
    char *username;
    int type;               /* -1 none, else index of auth_types */
    struct sc_secret secret;
};

struct sc_encryption {
    int format;
    int engine;             /* 0: not given */
    struct sc_secret *secrets;
    size_t nsecrets;
    char *cipher_name, *cipher_mode, *cipher_hash;
    unsigned cipher_size;
    char *ivgen_name, *ivgen_hash;
};

struct sc_host {
    char *name;
    unsigned port;          /* 0: none */
    enum sc_transport transport;
    char *socket;
};

struct sc_source {
    enum sc_storage type;
    char *path;             /* file, dev, or a network disk's name */
    char *fdgroup;
    enum sc_protocol protocol;
    char *query;
    int tls;                /* -1 not given, 0 no, 1 yes */
    char *tls_hostname;
    struct sc_host *hosts;
    size_t nhosts;
    char *nfs_user, *nfs_group;
    char *snapshot, *config, *iqn;
    int ssl_verify;         /* -1 not given */
    unsigned long long readahead, timeout;
    bool slice;
    unsigned long long slice_offset, slice_size;
    struct sc_seclabel *seclabels;
    size_t nseclabels;
    struct sc_auth *auth;
    struct sc_encryption *encryption;
    int pr_managed;         /* -1: no <reservations> */
    char *pr_path;
};

struct sc_source_opts {
    bool redefine;          /* libvirt reads snapshotDeleteInProgress only then */
    bool internal;          /* libvirt does not read labelskip then */
    enum sc_profile profile;   /* the release whose rules apply */
};

/* An empty source of TYPE: nothing read yet. */
void sc_source_init(struct sc_source *src, enum sc_storage type);

/* Reads NODE into SRC, set up by sc_source_init.  -1 with ERR set. */
int sc_source_parse(xmlNodePtr node, struct sc_source *src, const struct sc_source_opts *opts,
                    struct sc_error *err);

/* Writes <source> at LEVEL, or nothing when it would be empty. */
void sc_source_format(struct sc_buf *b, const struct sc_source *src, int level);

void sc_source_clear(struct sc_source *src);

#endif
