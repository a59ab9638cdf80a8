/*
 * states.c: the tables generated from states.def, and the checks that
 * tie the snapshot enum to the domain enum at compile time, for the
 * newest release and for every profile's own.
 */
#include "model/states.h"

#include <pthread.h>
#include <string.h>

#include "util/buf.h"

/* The last column of SC_STATES, and its first, as flags. */
#define OFFLINE_FLAG true
#define ONLINE_FLAG false
#define DOMAIN_KIND 1
#define SNAPSHOT_KIND 0

struct state_row {
    const char *name;
    long enum_since, enum_until, xml_since, xml_until;
    bool offline;
};

#define STATE_ROW(ctx, kind, id, str, es, eu, as, au, off)                                 \
    [SC_STATE_##id] = { str, es, eu, as, au, off##_FLAG },
static const struct state_row state_rows[] = { SC_STATES(STATE_ROW, 0) };

struct profile_row {
    const char *name;
    long version;
    const char *summary;
};

#define PROFILE_ROW(ctx, id, name, version, summary) [SC_PROFILE_##id] = { name, version, summary },
static const struct profile_row profile_rows[] = { SC_PROFILES(PROFILE_ROW, 0) };

_Static_assert(sizeof(state_rows) / sizeof(state_rows[0]) == SC_STATE_LAST,
               "state table must have one row per state");
_Static_assert(sizeof(profile_rows) / sizeof(profile_rows[0]) == SC_PROFILE_LAST,
               "profile table must have one row per profile");
_Static_assert((int)SC_STATE_DISK_SNAPSHOT == (int)SC_DOMAIN_STATE_LAST,
               "disk-snapshot must directly follow the last domain state");

/* Every domain state keeps its domain enum value in the snapshot enum. */
#define KEEPS_VALUE_DOMAIN(id, str)                                                        \
    _Static_assert((int)SC_STATE_##id == (int)SC_DOMAIN_STATE_##id,                        \
                   "domain state " str " must keep its value");
#define KEEPS_VALUE_SNAPSHOT(id, str)
#define KEEPS_VALUE(ctx, kind, id, str, es, eu, as, au, off) KEEPS_VALUE_##kind(id, str)
SC_STATES(KEEPS_VALUE, 0)

/*
 * The same, in every profile's own enum: there disk-snapshot's value is
 * the number of states before it that the release has, and that must be
 * the number of domain states it has (0.9.5: 7, without pmsuspended).
 * A state must be in a release's enum wherever that release accepts it.
 */
#define IN_RANGE(v, since, until) ((since) <= (v) && (v) < (until))
#define COUNT_DOMAIN(v, kind, id, str, es, eu, as, au, off)                                \
    +(kind##_KIND && IN_RANGE(v, es, eu))
#define COUNT_BEFORE_DISK(v, kind, id, str, es, eu, as, au, off)                           \
    +((int)SC_STATE_##id < (int)SC_STATE_DISK_SNAPSHOT && IN_RANGE(v, es, eu))
#define COUNT_DISK(v, kind, id, str, es, eu, as, au, off)                                  \
    +((int)SC_STATE_##id == (int)SC_STATE_DISK_SNAPSHOT && IN_RANGE(v, es, eu))
#define COUNT_ACCEPTED_OUTSIDE(v, kind, id, str, es, eu, as, au, off)                      \
    +(IN_RANGE(v, as, au) && !IN_RANGE(v, es, eu))
#define CHECK_PROFILE(ctx, id, name, v, summary)                                           \
    _Static_assert((0 SC_STATES(COUNT_DISK, v)) == 1, "in " name ", disk-snapshot must exist"); \
    _Static_assert((0 SC_STATES(COUNT_BEFORE_DISK, v)) == (0 SC_STATES(COUNT_DOMAIN, v)),  \
                   "in " name ", disk-snapshot must directly follow the last domain state"); \
    _Static_assert((0 SC_STATES(COUNT_ACCEPTED_OUTSIDE, v)) == 0,                          \
                   "in " name ", every accepted state must be in the enum");
SC_PROFILES(CHECK_PROFILE, 0)

static bool valid_state(enum sc_state state)
{
    return (int)state >= 0 && state < SC_STATE_LAST;
}

static bool valid_profile(enum sc_profile profile)
{
    return (int)profile >= 0 && profile < SC_PROFILE_LAST;
}

const char *sc_state_to_string(enum sc_state state)
{
    return valid_state(state) ? state_rows[state].name : NULL;
}

int sc_state_from_string(const char *str)
{
    if (!str)
        return -1;
    for (int i = 0; i < SC_STATE_LAST; i++) {
        if (strcmp(state_rows[i].name, str) == 0)
            return i;
    }
    return -1;
}

bool sc_state_accepted_in(enum sc_state state, enum sc_profile profile)
{
    if (!valid_state(state) || !valid_profile(profile))
        return false;
    long v = profile_rows[profile].version;
    return IN_RANGE(v, state_rows[state].xml_since, state_rows[state].xml_until);
}

bool sc_state_accepted(enum sc_state state)
{
    return sc_state_accepted_in(state, SC_PROFILE_DEFAULT);
}

int sc_state_value(enum sc_state state, enum sc_profile profile)
{
    if (!valid_state(state) || !valid_profile(profile))
        return -1;
    long v = profile_rows[profile].version;
    int value = 0;
    for (int i = 0; i < (int)state; i++)
        value += IN_RANGE(v, state_rows[i].enum_since, state_rows[i].enum_until);
    return IN_RANGE(v, state_rows[state].enum_since, state_rows[state].enum_until) ? value : -1;
}

bool sc_state_is_offline(enum sc_state state)
{
    return valid_state(state) && state_rows[state].offline;
}

bool sc_state_is_domain_state(enum sc_state state)
{
    return (int)state >= 0 && (int)state < (int)SC_DOMAIN_STATE_LAST;
}

char *sc_state_accepted_join(enum sc_profile profile, const char *sep)
{
    struct sc_buf b = { 0 };

    sc_buf_puts(&b, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        if (sc_state_accepted_in((enum sc_state)i, profile))
            sc_buf_printf(&b, "%s%s", b.len ? sep : "", state_rows[i].name);
    }
    return b.data;
}

/*
 * Each profile's accepted strings joined by ", ", made once for threaded
 * callers and read-only afterwards.
 */
static char *accepted_lists[SC_PROFILE_LAST];
static pthread_once_t accepted_once = PTHREAD_ONCE_INIT;

static void make_accepted_lists(void)
{
    for (int p = 0; p < SC_PROFILE_LAST; p++)
        accepted_lists[p] = sc_state_accepted_join((enum sc_profile)p, ", ");
}

const char *sc_state_accepted_list_in(enum sc_profile profile)
{
    if (!valid_profile(profile))
        return NULL;
    pthread_once(&accepted_once, make_accepted_lists);
    return accepted_lists[profile];
}

const char *sc_state_accepted_list(void)
{
    return sc_state_accepted_list_in(SC_PROFILE_DEFAULT);
}

const char *sc_profile_name(enum sc_profile profile)
{
    return valid_profile(profile) ? profile_rows[profile].name : NULL;
}

long sc_profile_version(enum sc_profile profile)
{
    return valid_profile(profile) ? profile_rows[profile].version : 0;
}

const char *sc_profile_summary(enum sc_profile profile)
{
    return valid_profile(profile) ? profile_rows[profile].summary : NULL;
}

int sc_profile_find(const char *name)
{
    for (int p = 0; name && p < SC_PROFILE_LAST; p++) {
        if (strcmp(profile_rows[p].name, name) == 0)
            return p;
    }
    return -1;
}

bool sc_profile_has(enum sc_profile profile, long release, long until)
{
    return valid_profile(profile) && IN_RANGE(profile_rows[profile].version, release, until);
}

/* The profile names joined by ", ", built by the preprocessor. */
#define PROFILE_ITEM(ctx, id, name, version, summary) ", " name
static const char profile_names_joined[] = "" SC_PROFILES(PROFILE_ITEM, 0);

const char *sc_profile_list(void)
{
    return profile_names_joined + 2;
}
