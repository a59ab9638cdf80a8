/*
 * cmd_profiles.c: "snapcheck profiles": the libvirt releases snapcheck
 * follows, each with its states and its schema, and what differs from
 * the next older one; all read from states.def.  --rng NAME prints the
 * schema make rng writes for that profile (profile_schema.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "cli/cli.h"
#include "model/features.h"
#include "schema/profile_schema.h"
#include "model/states.h"

enum { OPT_RNG = OPT_OWN, OPT_NAMES, OPT_FACTS };

static const struct sc_option profiles_options[] = {
    { OPT_RNG, "rng", 0, "NAME", "print the schema of profile NAME as rng/profile-NAME.rng holds "
      "it (make rng writes them)", NULL, 1, false },
    { OPT_NAMES, "names", 0, NULL, "print the profiles' names only, one a line, newest first",
      NULL, 1, false },
    { OPT_FACTS, "facts", 0, NULL, "print the table of facts, each with its release, as README's "
      "Profiles section shows it (make readme)", NULL, 1, false },
    { 0 },
};
static int cmd_profiles(int argc, char **argv);
const struct sc_command sc_cmd_profiles = {
    "profiles", NULL, "list the libvirt releases snapcheck follows (for --profile), and what "
    "differs between them", profiles_options, cmd_profiles,
};

/* "10.7.0" */
static char *release_string(long v)
{
    char buf[32];

    return sc_xstrdup(sc_release_string(v, buf, sizeof(buf)));
}

/* "running 1, …; refused: nostate 0" */
static void print_states(enum sc_profile p)
{
    struct sc_buf acc = { 0 }, ref = { 0 };

    sc_buf_puts(&acc, "");
    sc_buf_puts(&ref, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        enum sc_state s = (enum sc_state)i;
        int value = sc_state_value(s, p);
        struct sc_buf *b = sc_state_accepted_in(s, p) ? &acc : &ref;
        if (value >= 0)
            sc_buf_printf(b, "%s%s %d", b->len ? ", " : "", sc_state_to_string(s), value);
    }
    printf("  states: %s%s%s\n", acc.data, ref.len ? "; refused: " : "", ref.data);
    sc_buf_free(&acc);
    sc_buf_free(&ref);
}

/* What OLDER (the next older profile) has otherwise than P. */
static void print_differences(enum sc_profile p, enum sc_profile older)
{
    struct sc_buf b = { 0 };

    sc_buf_puts(&b, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        enum sc_state s = (enum sc_state)i;
        const char *name = sc_state_to_string(s);
        int now = sc_state_value(s, p), before = sc_state_value(s, older);
        bool acc = sc_state_accepted_in(s, p), acc_before = sc_state_accepted_in(s, older);
        const char *sep = b.len ? "; " : "";
        if (now >= 0 && before < 0) {
            sc_buf_printf(&b, "%s%s added as %d, %s in <state>", sep, name, now,
                          acc ? "accepted" : "refused");
            continue;
        }
        if (now < 0 && before >= 0)
            sc_buf_printf(&b, "%s%s removed (was %d)", sep, name, before);
        else if (now != before)
            sc_buf_printf(&b, "%s%s %d (was %d)", sep, name, now, before);
        if (acc != acc_before)
            sc_buf_printf(&b, "%s%s %s in <state>", b.len ? "; " : "", name,
                          acc ? "accepted" : "refused");
    }
    printf("  against %s: %s\n", sc_profile_name(older), b.len ? b.data : "the same states");
    for (int i = 0; i < SC_FEATURE_LAST; i++) {
        enum sc_feature f = (enum sc_feature)i;
        char *since = release_string(sc_feature_since(f));
        if (sc_has(p, f) && !sc_has(older, f))
            printf("    + %s (%s)\n", sc_feature_what(f), since);
        free(since);
    }
    sc_buf_free(&b);
}

static int print_profiles(void)
{
    for (int i = 0; i < SC_PROFILE_LAST; i++) {
        enum sc_profile p = (enum sc_profile)i;
        char *release = release_string(sc_profile_version(p));
        char *schema = sc_profile_schema_file(p);
        printf("%s: libvirt %s, %s%s\n", sc_profile_name(p), release, sc_profile_summary(p),
               p == SC_PROFILE_DEFAULT ? " (the default)" : "");
        print_states(p);
        printf("  schema: rng/%s\n", schema);
        if (i + 1 < SC_PROFILE_LAST)
            print_differences(p, (enum sc_profile)(i + 1));
        free(release);
        free(schema);
    }
    return EXIT_OK;
}

/* The facts a profile is made of, as a Markdown table: the states'
 * history, then each feature, oldest first, with the profiles that have
 * each. */
/* Markdown text: < and > as references, so that tags are shown; a
 * text in backticks as it is. */
static void print_cell(const char *text)
{
    bool code = text[0] == '`';

    for (const char *c = text; *c; c++) {
        if (!code && (*c == '<' || *c == '>'))
            fputs(*c == '<' ? "&lt;" : "&gt;", stdout);
        else if (*c == '|')
            fputs("\\|", stdout);
        else
            putchar(*c);
    }
}

/* UNTIL: the first release without it. */
static void print_fact_row(const char *what, long since, long until, const char *note)
{
    char *from = since ? release_string(since) : sc_xstrdup("always");
    char *to = until < NEVER ? release_string(until) : NULL;

    fputs("| ", stdout);
    print_cell(what);
    printf(" | %s%s%s |", from, to ? ", until " : "", to ? to : "");
    for (int p = SC_PROFILE_LAST - 1; p >= 0; p--)
        printf(" %s |", sc_profile_has((enum sc_profile)p, since, until) ? "yes" : "no");
    putchar(' ');
    print_cell(note);
    fputs(" |\n", stdout);
    free(from);
    free(to);
}

#define STATE_FACTS(ctx, kind, id, str, es, eu, as, au, off)                                \
    print_fact_row("`" str "` in the state enum", es, eu, "");                              \
    print_fact_row("`<state>" str "</state>` accepted", as, au, "");

static int print_facts(void)
{
    printf("| fact | since |");
    for (int p = SC_PROFILE_LAST - 1; p >= 0; p--)
        printf(" %s |", sc_profile_name((enum sc_profile)p));
    printf(" note |\n|---|---|");
    for (int p = 0; p < SC_PROFILE_LAST; p++)
        printf("---|");
    printf("---|\n");
    SC_STATES(STATE_FACTS, 0)
    for (long last = -1;;) {
        /* the features in the order of their release, stable */
        long next = NEVER;
        for (int i = 0; i < SC_FEATURE_LAST; i++) {
            long v = sc_feature_since((enum sc_feature)i);
            if (v > last && v < next)
                next = v;
        }
        if (next == NEVER)
            break;
        for (int i = 0; i < SC_FEATURE_LAST; i++) {
            enum sc_feature f = (enum sc_feature)i;
            if (sc_feature_since(f) != next)
                continue;
            char *what = sc_xasprintf("`%s`", sc_feature_what(f));
            print_fact_row(sc_feature_kind(f) == SC_FEATURE_NOT_ALLOWED ||
                           sc_feature_kind(f) == SC_FEATURE_EMPTY ? what : sc_feature_what(f),
                           next, NEVER, sc_feature_note(f));
            free(what);
        }
        last = next;
    }
    return EXIT_OK;
}

static int print_rng(const char *name)
{
    int p = parse_profile(name);

    if (p < 0)
        return EXIT_USAGE;
    char *text = sc_profile_schema_text((enum sc_profile)p);
    if (!text) {
        sc_say(stderr, "snapcheck profiles: %s is the default profile: its schema is "
               "rng/domainsnapshot.rng itself", name);
        return EXIT_USAGE;
    }
    fputs(text, stdout);
    free(text);
    return EXIT_OK;
}

static int cmd_profiles(int argc, char **argv)
{
    struct sc_opt_parser p;
    const char *arg = NULL, *rng = NULL;
    bool names = false, facts = false;
    int id;

    sc_opt_init(&p, &sc_cmd_profiles, argc, argv);
    while ((id = sc_opt_next(&p, &arg)) > 0) {
        if (id == OPT_RNG)
            rng = arg;
        else if (id == OPT_FACTS)
            facts = true;
        else
            names = true;
    }
    if (id < 0)
        return p.status;
    if (p.optind != argc)
        return usage_error("%s takes no arguments", "profiles");
    if (rng)
        return print_rng(rng);
    if (facts)
        return print_facts();
    if (names) {
        for (int i = 0; i < SC_PROFILE_LAST; i++)
            printf("%s\n", sc_profile_name((enum sc_profile)i));
        return EXIT_OK;
    }
    return print_profiles();
}
