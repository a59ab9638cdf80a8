/*
 * features.c: the table generated from features.def.
 */
#include "model/features.h"

#include <stdio.h>

#define FORM_KIND SC_FEATURE_FORM
#define RULE_KIND SC_FEATURE_RULE
#define NOT_ALLOWED_KIND SC_FEATURE_NOT_ALLOWED
#define EMPTY_KIND SC_FEATURE_EMPTY

struct feature_row {
    const char *what;
    long since;
    enum sc_feature_kind kind;
    const char *define;
    const char *note;
};

#define FEATURE_ROW(ctx, id, what, since, kind, define, note)                              \
    [SC_FEATURE_##id] = { what, since, kind##_KIND, define, note },
static const struct feature_row rows[] = { SC_FEATURES(FEATURE_ROW, 0) };

_Static_assert(sizeof(rows) / sizeof(rows[0]) == SC_FEATURE_LAST,
               "feature table must have one row per feature");

/* FORM and RULE lines name no define, the others one each. */
#define CHECK_DEFINE(ctx, id, what, since, kind, define, note)                             \
    _Static_assert((kind##_KIND == SC_FEATURE_FORM || kind##_KIND == SC_FEATURE_RULE) ==   \
                   (sizeof(define) == 1),                                                  \
                   "feature " #id ": a define for a schema rule, none for FORM or RULE");
SC_FEATURES(CHECK_DEFINE, 0)

static bool valid(enum sc_feature f)
{
    return (int)f >= 0 && f < SC_FEATURE_LAST;
}

bool sc_has(enum sc_profile profile, enum sc_feature feature)
{
    return valid(feature) && sc_profile_has(profile, rows[feature].since, NEVER);
}

const char *sc_feature_what(enum sc_feature feature)
{
    return valid(feature) ? rows[feature].what : NULL;
}

long sc_feature_since(enum sc_feature feature)
{
    return valid(feature) ? rows[feature].since : 0;
}

enum sc_feature_kind sc_feature_kind(enum sc_feature feature)
{
    return valid(feature) ? rows[feature].kind : SC_FEATURE_FORM;
}

const char *sc_feature_define(enum sc_feature feature)
{
    return valid(feature) ? rows[feature].define : NULL;
}

const char *sc_feature_note(enum sc_feature feature)
{
    return valid(feature) ? rows[feature].note : NULL;
}

const char *sc_feature_refusal(enum sc_profile profile, enum sc_feature feature, char *buf,
                               unsigned size)
{
    char since[32];

    snprintf(buf, size, "%s is not in the format of %s (it came in %s)", sc_feature_what(feature),
             sc_profile_name(profile), sc_release_string(sc_feature_since(feature), since,
                                                          sizeof(since)));
    return buf;
}

char *sc_release_string(long version, char *buf, unsigned size)
{
    snprintf(buf, size, "%ld.%ld.%ld", version / 1000000, version / 1000 % 1000, version % 1000);
    return buf;
}
