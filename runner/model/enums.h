/*
 * enums.h: the format's enumerations other than the states, generated
 * from enums.def, with one lookup for all of them.  A value's number is
 * its place in libvirt's own enum.
 */
#ifndef SNAPCHECK_ENUMS_H
#define SNAPCHECK_ENUMS_H

#include <stddef.h>

#define S_SNAPSHOT 1u

#define P_QUERY 1u
#define P_SSL 2u
#define P_COOKIES 4u
#define P_PROPS 8u
#define P_NFS 16u
#define P_NAMELESS 32u
#define P_POOL 64u

enum sc_location {
#define LOCATION(id, str) SC_LOC_##id,
#include "model/enums.def"
    SC_LOC_LAST
};

enum sc_storage {
#define STORAGE(id, str, flags) SC_STORAGE_##id,
#include "model/enums.def"
    SC_STORAGE_LAST
};

enum sc_format {
#define FORMAT(id, str) SC_FORMAT_##id,
#include "model/enums.def"
    SC_FORMAT_LAST
};

enum sc_protocol {
#define PROTOCOL(id, str, port, flags) SC_PROTOCOL_##id,
#include "model/enums.def"
    SC_PROTOCOL_LAST
};

enum sc_transport {
#define TRANSPORT(id, str) SC_TRANSPORT_##id,
#include "model/enums.def"
    SC_TRANSPORT_LAST
};

/* One enumeration: its strings in enum order. */
struct sc_enum {
    const char *name;            /* for messages: "disk snapshot type" */
    const char *const *strings;
    size_t n;
};

extern const struct sc_enum sc_locations, sc_storages, sc_formats, sc_protocols,
    sc_transports;

/* The value of STR in E (exact, case-sensitive), or -1. */
int sc_enum_lookup(const struct sc_enum *e, const char *str);

/* The string of VALUE in E, or NULL when out of range. */
const char *sc_enum_string(const struct sc_enum *e, int value);

/* "a, b, c": the strings of E from FIRST on, for messages. */
const char *sc_enum_list(const struct sc_enum *e, int first);

unsigned sc_storage_flags(enum sc_storage s);
unsigned sc_protocol_flags(enum sc_protocol p);
unsigned sc_protocol_default_port(enum sc_protocol p);

#endif
