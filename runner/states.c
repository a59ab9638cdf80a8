/*
 * states.c: the tables generated from states.def and the checks that
 * tie the snapshot enum to the domain enum at compile time.
 */
#include "states.h"

#include <string.h>

/* The third and fourth columns of states.def, as flags and list items. */
#define ACCEPTED_FLAG true
#define REJECTED_FLAG false
#define OFFLINE_FLAG true
#define ONLINE_FLAG false
#define ACCEPTED_ITEM(str) ", " str
#define REJECTED_ITEM(str)

static const char *const state_names[] = {
#define DOMAIN_STATE(id, str, acc, off) [SC_STATE_##id] = str,
#define SNAPSHOT_STATE(id, str, acc, off) [SC_STATE_##id] = str,
#include "states.def"
#undef DOMAIN_STATE
#undef SNAPSHOT_STATE
};

static const bool state_accepted[] = {
#define DOMAIN_STATE(id, str, acc, off) [SC_STATE_##id] = acc##_FLAG,
#define SNAPSHOT_STATE(id, str, acc, off) [SC_STATE_##id] = acc##_FLAG,
#include "states.def"
#undef DOMAIN_STATE
#undef SNAPSHOT_STATE
};

static const bool state_offline[] = {
#define DOMAIN_STATE(id, str, acc, off) [SC_STATE_##id] = off##_FLAG,
#define SNAPSHOT_STATE(id, str, acc, off) [SC_STATE_##id] = off##_FLAG,
#include "states.def"
#undef DOMAIN_STATE
#undef SNAPSHOT_STATE
};

_Static_assert(sizeof(state_names) / sizeof(state_names[0]) == SC_STATE_LAST,
               "state string table must have one entry per state");
_Static_assert(sizeof(state_accepted) / sizeof(state_accepted[0]) == SC_STATE_LAST,
               "accepted table must have one entry per state");
_Static_assert(sizeof(state_offline) / sizeof(state_offline[0]) == SC_STATE_LAST,
               "offline table must have one entry per state");
_Static_assert((int)SC_STATE_DISK_SNAPSHOT == (int)SC_DOMAIN_STATE_LAST,
               "disk-snapshot must directly follow the last domain state");

/* Every domain state keeps its domain enum value in the snapshot enum. */
#define DOMAIN_STATE(id, str, acc, off)                                      \
    _Static_assert((int)SC_STATE_##id == (int)SC_DOMAIN_STATE_##id,     \
                   "domain state " str " must keep its value");
#define SNAPSHOT_STATE(id, str, acc, off)
#include "states.def"
#undef DOMAIN_STATE
#undef SNAPSHOT_STATE

const char *sc_state_to_string(enum sc_state state)
{
    if ((int)state < 0 || state >= SC_STATE_LAST)
        return NULL;
    return state_names[state];
}

int sc_state_from_string(const char *str)
{
    if (!str)
        return -1;
    for (int i = 0; i < SC_STATE_LAST; i++) {
        if (strcmp(state_names[i], str) == 0)
            return i;
    }
    return -1;
}

bool sc_state_accepted(enum sc_state state)
{
    if ((int)state < 0 || state >= SC_STATE_LAST)
        return false;
    return state_accepted[state];
}

bool sc_state_is_offline(enum sc_state state)
{
    if ((int)state < 0 || state >= SC_STATE_LAST)
        return false;
    return state_offline[state];
}

bool sc_state_is_domain_state(enum sc_state state)
{
    return (int)state >= 0 && (int)state < (int)SC_DOMAIN_STATE_LAST;
}

/*
 * The accepted strings joined by ", ", built by the preprocessor so that
 * it needs no lazy initialisation (and no lock) in threaded callers.
 */
static const char accepted_joined[] = ""
#define DOMAIN_STATE(id, str, acc, off) acc##_ITEM(str)
#define SNAPSHOT_STATE(id, str, acc, off) acc##_ITEM(str)
#include "states.def"
#undef DOMAIN_STATE
#undef SNAPSHOT_STATE
    ;

const char *sc_state_accepted_list(void)
{
    return accepted_joined + 2;
}
