/*
 * states.h: the snapshot state enum, its conversions, and the libvirt
 * releases (profiles) it is followed through.
 *
 * Everything here is generated from states.def, so a state cannot be
 * added without its string, the releases that have it and those that
 * accept it; nor a release without its name.  The parser, the formatter
 * and the parity check all ask this module, never a list of their own.
 * enum sc_state is the newest release's enum; a profile's own value of a
 * state (sc_state_value) may be smaller, or none.
 */
#ifndef SNAPCHECK_STATES_H
#define SNAPCHECK_STATES_H

#include <stdbool.h>
#include <stddef.h>

#include "model/states.def"

/* The domain states alone: the snapshot enum must extend this one. */
#define SC_STATES_DOMAIN_ENUM_DOMAIN(id) SC_DOMAIN_STATE_##id,
#define SC_STATES_DOMAIN_ENUM_SNAPSHOT(id)
#define SC_STATES_DOMAIN_ENUM(ctx, kind, id, str, es, eu, as, au, off)                     \
    SC_STATES_DOMAIN_ENUM_##kind(id)
enum sc_domain_state { SC_STATES(SC_STATES_DOMAIN_ENUM, 0) SC_DOMAIN_STATE_LAST };

#define SC_STATES_ENUM(ctx, kind, id, str, es, eu, as, au, off) SC_STATE_##id,
enum sc_state { SC_STATES(SC_STATES_ENUM, 0) SC_STATE_LAST };

/* The profiles, newest first; the newest is the default, and a zeroed
 * struct that holds a profile means it. */
#define SC_PROFILES_ENUM(ctx, id, name, version, summary) SC_PROFILE_##id,
enum sc_profile { SC_PROFILES(SC_PROFILES_ENUM, 0) SC_PROFILE_LAST };
#define SC_PROFILE_DEFAULT ((enum sc_profile)0)

/* The string of a state; NULL for SC_STATE_LAST or out of range. */
const char *sc_state_to_string(enum sc_state state);

/* Exact, case-sensitive lookup; -1 when STR names no state. */
int sc_state_from_string(const char *str);

/* Whether <state>STR</state> is allowed in a snapshot document, by the
 * default profile (sc_state_accepted_in: by PROFILE). */
bool sc_state_accepted(enum sc_state state);
bool sc_state_accepted_in(enum sc_state state, enum sc_profile profile);

/* The state's value in PROFILE's enum, or -1 when that release has no
 * such state. */
int sc_state_value(enum sc_state state, enum sc_profile profile);

/* Offline states: memory cannot have been saved with the snapshot. */
bool sc_state_is_offline(enum sc_state state);

/* Whether the state is one of the domain states (not snapshot-only). */
bool sc_state_is_domain_state(enum sc_state state);

/* "running, blocked, …": the accepted strings of the default profile,
 * or of PROFILE, for diagnostics; sc_state_accepted_join: PROFILE's,
 * joined by SEP, newly allocated. */
const char *sc_state_accepted_list(void);
const char *sc_state_accepted_list_in(enum sc_profile profile);
char *sc_state_accepted_join(enum sc_profile profile, const char *sep);

/* A profile's name ("libvirt-9.0"), its release as V(major, minor,
 * micro), and what the release is to the suite.  NULL or 0 out of
 * range. */
const char *sc_profile_name(enum sc_profile profile);
long sc_profile_version(enum sc_profile profile);
const char *sc_profile_summary(enum sc_profile profile);

/* Exact lookup; -1 when NAME names no profile. */
int sc_profile_find(const char *name);

/* Whether PROFILE's release is at least RELEASE and before UNTIL (both
 * as V(...)). */
bool sc_profile_has(enum sc_profile profile, long release, long until);

/* "libvirt-0.9.5, libvirt-9.0, …", for diagnostics. */
const char *sc_profile_list(void);

#endif
