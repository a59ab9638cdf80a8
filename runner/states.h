/*
 * states.h: the snapshot state enum and its conversions.
 *
 * Everything here is generated from states.def, so a state cannot be
 * added without its string and its accepted flag.  The parser, the
 * formatter and the parity check all ask this module, never a list of
 * their own.
 */
#ifndef SNAPCHECK_STATES_H
#define SNAPCHECK_STATES_H

#include <stdbool.h>
#include <stddef.h>

/* The domain states alone: the snapshot enum must extend this one. */
enum sc_domain_state {
#define DOMAIN_STATE(id, str, acc, off) SC_DOMAIN_STATE_##id,
#define SNAPSHOT_STATE(id, str, acc, off)
#include "states.def"
#undef DOMAIN_STATE
#undef SNAPSHOT_STATE
    SC_DOMAIN_STATE_LAST
};

enum sc_state {
#define DOMAIN_STATE(id, str, acc, off) SC_STATE_##id,
#define SNAPSHOT_STATE(id, str, acc, off) SC_STATE_##id,
#include "states.def"
#undef DOMAIN_STATE
#undef SNAPSHOT_STATE
    SC_STATE_LAST
};

/* The string of a state; NULL for SC_STATE_LAST or out of range. */
const char *sc_state_to_string(enum sc_state state);

/* Exact, case-sensitive lookup; -1 when STR names no state. */
int sc_state_from_string(const char *str);

/* Whether <state>STR</state> is allowed in a snapshot document. */
bool sc_state_accepted(enum sc_state state);

/* Offline states: memory cannot have been saved with the snapshot. */
bool sc_state_is_offline(enum sc_state state);

/* Whether the state is one of the domain states (not snapshot-only). */
bool sc_state_is_domain_state(enum sc_state state);

/* "running, blocked, …": the accepted strings, for diagnostics. */
const char *sc_state_accepted_list(void);

#endif
