/*
 * results.c: verdict bookkeeping, the counts every report states, the
 * gate's limits, and the baseline file.
 */
#include "suite/results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/strlist.h"
#include "util/escape.h"
#include "util/fileio.h"

static const char *const verdict_names[] = {
    [SC_PASS] = "pass",
    [SC_FAIL] = "fail",
    [SC_ERROR] = "error",
    [SC_SKIP] = "skip",
};
_Static_assert(sizeof(verdict_names) / sizeof(verdict_names[0]) == SC_VERDICT_LAST,
               "one name per verdict");

const char *sc_verdict_to_string(enum sc_verdict v)
{
    return v < SC_VERDICT_LAST ? verdict_names[v] : "?";
}

const char *sc_results_profile(const struct sc_results *r)
{
    return r->profile ? r->profile : SC_PROFILE_UNRECORDED;
}

int sc_verdict_from_string(const char *s)
{
    for (int i = 0; s && i < SC_VERDICT_LAST; i++) {
        if (strcmp(verdict_names[i], s) == 0)
            return i;
    }
    return -1;
}

bool sc_result_is_new_failure(const struct sc_result *res)
{
    return (res->verdict == SC_FAIL || res->verdict == SC_ERROR) && !res->known;
}

void sc_results_count(const struct sc_results *r, struct sc_counts *c)
{
    memset(c, 0, sizeof(*c));
    c->total = r->n;
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        c->by[res->verdict]++;
        c->known += res->known != NULL;
        c->known_skips += res->known && res->verdict == SC_SKIP;
        c->new_failures += sc_result_is_new_failure(res);
        c->new_skips += res->verdict == SC_SKIP && !res->known;
    }
    c->stale = r->stale.n;
}

static const char *cases(size_t n)
{
    return n == 1 ? "case" : "cases";
}

size_t sc_results_gate(const struct sc_results *r, size_t max_skip, size_t min_pass,
                       struct sc_strings *why)
{
    struct sc_counts c;
    size_t before = why->n;

    sc_results_count(r, &c);
    if (c.new_skips > max_skip)
        sc_strings_take(why, sc_xasprintf("%zu %s skipped%s, more than --max-skip allows (%zu)", c.new_skips,
                                     cases(c.new_skips), r->baseline ? " that the baseline does not list" : "",
                                     max_skip));
    if (c.by[SC_PASS] < min_pass)
        sc_strings_take(why, sc_xasprintf("%zu %s passed, fewer than --min-pass wants (%zu)", c.by[SC_PASS],
                                     cases(c.by[SC_PASS]), min_pass));
    if (c.by[SC_PASS] + c.by[SC_FAIL] + c.by[SC_ERROR] == 0)
        sc_strings_take(why, c.total > 1 ? sc_xasprintf("no case ran: all %zu were skipped", c.total)
                        : c.total ? sc_xstrdup("no case ran: the one selected was skipped") : sc_xstrdup("no case ran"));
    return why->n - before;
}

void sc_result_clear(struct sc_result *res)
{
    free(res->id);
    free(res->description);
    free(res->expected);
    free(res->actual);
    free(res->message);
    free(res->known);
    memset(res, 0, sizeof(*res));
}

void sc_results_free(struct sc_results *r)
{
    for (size_t i = 0; i < r->n; i++)
        sc_result_clear(&r->v[i]);
    free(r->v);
    free(r->subject);
    free(r->settings);
    free(r->baseline);
    free(r->profile);
    sc_strings_free(&r->stale);
    sc_strings_free(&r->profiles);
    memset(r, 0, sizeof(*r));
}

void sc_results_append_profile(struct sc_results *into, struct sc_results *from,
                               const char *profile)
{
    if (!into->subject) {
        into->subject = from->subject;
        into->settings = from->settings;
        into->shard = from->shard;
        into->shards = from->shards;
        from->subject = from->settings = NULL;
    }
    into->v = sc_xrealloc(into->v, (into->n + from->n + 1) * sizeof(*into->v));
    for (size_t i = 0; i < from->n; i++) {
        struct sc_result *res = &into->v[into->n++];
        *res = from->v[i];
        res->id = sc_xasprintf("%s@%s", from->v[i].id, profile);
        free(from->v[i].id);
    }
    from->n = 0;
    sc_strings_add(&into->profiles, profile);
    sc_results_free(from);
}

static char *trim(char *s)
{
    char *end;

    s += strspn(s, " \t");
    end = s + strlen(s);
    while (end > s && strchr(" \t\r\n", end[-1]))
        *--end = '\0';
    return s;
}

/* "KIND: reason" or "KIND" alone: the kind, with *REASON past it; any
 * other text is a reason of the form without a kind, which means fail. */
static enum sc_verdict entry_kind(char **reason)
{
    static const enum sc_verdict kinds[] = { SC_FAIL, SC_ERROR, SC_SKIP };
    char *s = *reason;

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        const char *name = sc_verdict_to_string(kinds[i]);
        size_t n = strlen(name);
        if (strncmp(s, name, n) == 0 && (s[n] == ':' || s[n] == '\0')) {
            *reason = trim(s + n + (s[n] == ':'));
            return kinds[i];
        }
    }
    return SC_FAIL;
}

int sc_baseline_load(const char *path, struct sc_baseline *b, struct sc_diag *diag)
{
    char *data = NULL, *next;
    size_t len;
    long lineno = 0;

    memset(b, 0, sizeof(*b));
    if (sc_read_file(path, &data, &len, diag) < 0)
        return -1;
    for (char *line = data; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        char *s = trim(line), *colon = strchr(s, ':');
        if (!*s || *s == '#')
            continue;
        if (!colon || colon == s) {
            sc_diag_set(diag, NULL, lineno, "expected 'CASE-ID: KIND: reason', found '%s'", s);
            free(data);
            sc_baseline_free(b);
            return -1;
        }
        *colon = '\0';
        char *reason = trim(colon + 1);
        enum sc_verdict kind = entry_kind(&reason);
        b->v = sc_xrealloc(b->v, (b->n + 1) * sizeof(*b->v));
        b->v[b->n++] = (struct sc_baseline_entry){
            .id = sc_xstrdup(trim(s)), .kind = kind, .reason = sc_xstrdup(reason),
        };
    }
    free(data);
    return 0;
}

static struct sc_result *find(struct sc_results *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->v[i].id, id) == 0)
            return &r->v[i];
    }
    return NULL;
}

void sc_baseline_apply(const struct sc_baseline *b, const char *path, struct sc_results *r)
{
    free(r->baseline);
    r->baseline = sc_xstrdup(path);
    for (size_t i = 0; i < b->n; i++) {
        const struct sc_baseline_entry *e = &b->v[i];
        struct sc_result *res = find(r, e->id);
        if (!res)
            continue;   /* not run this time */
        res->listed = e->kind;
        free(res->known);
        res->known = NULL;
        if (res->verdict == e->kind)
            res->known = sc_xstrdup(*e->reason ? e->reason : "listed in the baseline");
    }
    /* in the order of the cases, as a merge of shards gives them too */
    for (size_t i = 0; i < r->n; i++) {
        if (r->v[i].verdict == SC_PASS && r->v[i].listed != SC_PASS)
            sc_strings_take(&r->stale, sc_xstrdup(r->v[i].id));
    }
}

void sc_baseline_free(struct sc_baseline *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->v[i].id);
        free(b->v[i].reason);
    }
    free(b->v);
    memset(b, 0, sizeof(*b));
}

char *sc_baseline_format(const struct sc_results *r)
{
    struct sc_buf b = { 0 };

    /* the subject, a command line, must stay inside its comment */
    sc_buf_puts(&b, "# Known results of ");
    sc_esc_text(&b, r->subject);
    sc_buf_puts(&b, ", one 'CASE-ID: KIND: reason' per line (KIND: fail, error or skip).\n"
                    "# Written by snapcheck run --update-baseline.\n");
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        if (res->verdict == SC_PASS)
            continue;
        const char *why = res->known ? res->known : res->message ? res->message : "";
        size_t n = strcspn(why, "\n");
        sc_buf_printf(&b, "%s: %s: %.*s\n", res->id, sc_verdict_to_string(res->verdict), (int)n, why);
    }
    return sc_buf_steal(&b);
}
