/*
 * enums.c: the string tables of enums.def, checked at compile time to
 * hold one string per value, and the lookups over them.
 */
#include "model/enums.h"

#include <pthread.h>
#include <string.h>

#include "util/buf.h"

static const char *const location_strings[] = {
#define LOCATION(id, str) str,
#include "model/enums.def"
};
static const char *const storage_strings[] = {
#define STORAGE(id, str, flags) str,
#include "model/enums.def"
};
static const unsigned storage_flags[] = {
#define STORAGE(id, str, flags) flags,
#include "model/enums.def"
};
static const char *const format_strings[] = {
#define FORMAT(id, str) str,
#include "model/enums.def"
};
static const char *const protocol_strings[] = {
#define PROTOCOL(id, str, port, flags) str,
#include "model/enums.def"
};
static const unsigned protocol_flags[] = {
#define PROTOCOL(id, str, port, flags) flags,
#include "model/enums.def"
};
static const unsigned protocol_ports[] = {
#define PROTOCOL(id, str, port, flags) port,
#include "model/enums.def"
};
static const char *const transport_strings[] = {
#define TRANSPORT(id, str) str,
#include "model/enums.def"
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(COUNT(location_strings) == SC_LOC_LAST, "one string per location");
_Static_assert(COUNT(storage_strings) == SC_STORAGE_LAST, "one string per storage type");
_Static_assert(COUNT(storage_flags) == SC_STORAGE_LAST, "flags for every storage type");
_Static_assert(COUNT(format_strings) == SC_FORMAT_LAST, "one string per format");
_Static_assert(COUNT(protocol_strings) == SC_PROTOCOL_LAST, "one string per protocol");
_Static_assert(COUNT(protocol_ports) == SC_PROTOCOL_LAST, "a port per protocol");
_Static_assert(COUNT(transport_strings) == SC_TRANSPORT_LAST, "one string per transport");

const struct sc_enum sc_locations = { "snapshot location", location_strings, SC_LOC_LAST };
const struct sc_enum sc_storages = { "storage type", storage_strings, SC_STORAGE_LAST };
const struct sc_enum sc_formats = { "storage format", format_strings, SC_FORMAT_LAST };
const struct sc_enum sc_protocols = { "network protocol", protocol_strings, SC_PROTOCOL_LAST };
const struct sc_enum sc_transports = { "host transport", transport_strings, SC_TRANSPORT_LAST };

int sc_enum_lookup(const struct sc_enum *e, const char *str)
{
    for (size_t i = 0; str && i < e->n; i++) {
        if (strcmp(e->strings[i], str) == 0)
            return (int)i;
    }
    return -1;
}

const char *sc_enum_string(const struct sc_enum *e, int value)
{
    return value >= 0 && (size_t)value < e->n ? e->strings[value] : NULL;
}

/* Built once per enumeration and start; the lists never change. */
const char *sc_enum_list(const struct sc_enum *e, int first)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static struct { const struct sc_enum *e; int first; char *text; } cache[16];
    const char *text = NULL;

    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < COUNT(cache) && cache[i].e && !text; i++)
        text = cache[i].e == e && cache[i].first == first ? cache[i].text : NULL;
    for (size_t i = 0; i < COUNT(cache) && !text; i++) {
        if (cache[i].e)
            continue;
        struct sc_buf b = { 0 };
        for (size_t v = (size_t)first; v < e->n; v++)
            sc_buf_printf(&b, "%s%s", v > (size_t)first ? ", " : "", e->strings[v]);
        cache[i].e = e;
        cache[i].first = first;
        text = cache[i].text = sc_buf_steal(&b);
    }
    pthread_mutex_unlock(&lock);
    return text ? text : "";
}

unsigned sc_storage_flags(enum sc_storage s)
{
    return (unsigned)s < SC_STORAGE_LAST ? storage_flags[s] : 0;
}

unsigned sc_protocol_flags(enum sc_protocol p)
{
    return (unsigned)p < SC_PROTOCOL_LAST ? protocol_flags[p] : 0;
}

unsigned sc_protocol_default_port(enum sc_protocol p)
{
    return (unsigned)p < SC_PROTOCOL_LAST ? protocol_ports[p] : 0;
}
