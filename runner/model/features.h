/*
 * features.h: which parts and rules of the format a profile has, from
 * features.def.  The parser and formatter ask it for the profile they
 * follow; profile_schema.c overrides the schema's defines with it.
 */
#ifndef SNAPCHECK_FEATURES_H
#define SNAPCHECK_FEATURES_H

#include <stdbool.h>

#include "model/features.def"
#include "model/states.h"

#define SC_FEATURES_ENUM(ctx, id, what, since, kind, define, note) SC_FEATURE_##id,
enum sc_feature { SC_FEATURES(SC_FEATURES_ENUM, 0) SC_FEATURE_LAST };

enum sc_feature_kind { SC_FEATURE_FORM, SC_FEATURE_RULE, SC_FEATURE_NOT_ALLOWED, SC_FEATURE_EMPTY };

/* Whether PROFILE's release has FEATURE. */
bool sc_has(enum sc_profile profile, enum sc_feature feature);

/* What it is, the release it came in (V(...)), its kind, the schema's
 * define for it ("" for FORM and RULE), and its note ("" for none).
 * NULL or 0 out of range. */
const char *sc_feature_what(enum sc_feature feature);
long sc_feature_since(enum sc_feature feature);
enum sc_feature_kind sc_feature_kind(enum sc_feature feature);
const char *sc_feature_define(enum sc_feature feature);
const char *sc_feature_note(enum sc_feature feature);

/* "<memory …> is not in the format of libvirt-0.9.5 (it came in 1.0.1)":
 * why PROFILE refuses FEATURE, into BUF of SIZE bytes; returns BUF. */
const char *sc_feature_refusal(enum sc_profile profile, enum sc_feature feature, char *buf,
                               unsigned size);

/* "1.0.1" for V(1, 0, 1), into BUF of SIZE bytes; returns BUF. */
char *sc_release_string(long version, char *buf, unsigned size);

#endif
