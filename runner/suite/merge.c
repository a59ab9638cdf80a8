/*
 * merge.c: reading JSON Lines reports back into results (through
 * jansson, which refuses what is not JSON, duplicate keys and NUL
 * bytes; a build without jansson says so instead), checking that they
 * are the shards of one run, and putting
 * their cases back in the run's order: shard I of N holds the cases at
 * positions I-1, I-1+N, I-1+2N… of the selection (run.c).
 *
 * The files come from CI artifacts, so each is held to what snapcheck
 * writes: every record of a known type with the members it needs, one
 * summary last, whose counts are those of its records.
 */
#include "suite/merge.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/strlist.h"
#include "util/fileio.h"

#ifdef SC_HAVE_JANSSON
#include <jansson.h>

/* One report: its results, and the line of each case record. */
struct part {
    const char *path;
    struct sc_results r;
    long *lines;
    struct sc_strings stale;
    long summary_line;
};

static int fail(struct sc_diag *err, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(struct sc_diag *err, const char *file, long line, const char *fmt, ...)
{
    struct sc_buf b = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    sc_diag_set(err, file, line, "%s", b.data);
    sc_buf_free(&b);
    return -1;
}

static char *dup_or_null(const char *s)
{
    return s ? sc_xstrdup(s) : NULL;
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Member KEY of O as a string, or NULL for null (and, with OPTIONAL,
 * when absent); false when it is anything else. */
static bool string_member(json_t *o, const char *key, bool optional, const char **out)
{
    json_t *v = json_object_get(o, key);

    *out = v && json_is_string(v) ? json_string_value(v) : NULL;
    return (v && (json_is_string(v) || json_is_null(v))) || (!v && optional);
}

/* Member KEY of O as a count; false when absent or not one. */
static bool count_member(json_t *o, const char *key, size_t *out)
{
    json_t *v = json_object_get(o, key);

    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return false;
    *out = (size_t)json_integer_value(v);
    return true;
}

static int read_case(json_t *o, struct part *p, long line, struct sc_diag *err)
{
    const char *id, *result, *expected, *actual, *message, *known, *listed, *description;
    int verdict, listed_verdict = SC_PASS;

    if (!string_member(o, "id", false, &id) || !id || !string_member(o, "result", false, &result) ||
        (verdict = sc_verdict_from_string(result)) < 0 || !string_member(o, "expected", false, &expected) ||
        !expected || !string_member(o, "actual", false, &actual) || !actual ||
        !string_member(o, "message", false, &message) || !string_member(o, "known", false, &known) ||
        !string_member(o, "listed", true, &listed) || !string_member(o, "description", true, &description) ||
        (listed && ((listed_verdict = sc_verdict_from_string(listed)) <= SC_PASS)))
        return fail(err, p->path, line, "not a case record of snapcheck's: it wants id, result, expected, actual, "
                                        "message, known and listed, as run --report jsonl writes them");
    for (size_t i = 0; i < p->r.n; i++) {
        if (strcmp(p->r.v[i].id, id) == 0)
            return fail(err, p->path, line, "case '%s' again (line %ld)", id, p->lines[i]);
    }
    p->r.v = sc_xrealloc(p->r.v, (p->r.n + 1) * sizeof(*p->r.v));
    p->lines = sc_xrealloc(p->lines, (p->r.n + 1) * sizeof(*p->lines));
    p->lines[p->r.n] = line;
    p->r.v[p->r.n++] = (struct sc_result){
        .id = sc_xstrdup(id), .description = dup_or_null(description), .verdict = (enum sc_verdict)verdict,
        .expected = sc_xstrdup(expected), .actual = sc_xstrdup(actual), .message = dup_or_null(message),
        .known = dup_or_null(known), .listed = (enum sc_verdict)listed_verdict,
    };
    return 0;
}

static int read_stale(json_t *o, struct part *p, long line, struct sc_diag *err)
{
    const char *id;

    if (!string_member(o, "id", false, &id) || !id)
        return fail(err, p->path, line, "a stale-baseline record wants an id");
    sc_strings_add(&p->stale, id);
    return 0;
}

/* "I/N" into the results' shard; false when it is not one. */
static bool parse_shard(const char *s, struct sc_results *r)
{
    char tail;

    return sscanf(s, "%u/%u%c", &r->shard, &r->shards, &tail) == 2 && r->shard >= 1 && r->shard <= r->shards;
}

/* The summary: what the run was, and counts that must be its records'. */
static int read_summary(json_t *o, struct part *p, long line, struct sc_diag *err)
{
    static const char *const names[] = { "total", "passed", "failed", "errors", "skipped",
                                         "known", "known_skips", "new", "stale" };
    const char *subject, *settings, *shard, *baseline, *profile;
    struct sc_counts c;
    size_t want[9], got;

    if (!string_member(o, "subject", false, &subject) || !subject ||
        !string_member(o, "settings", true, &settings) || !string_member(o, "shard", true, &shard) ||
        !string_member(o, "baseline", true, &baseline) || !string_member(o, "profile", true, &profile) ||
        (shard && !parse_shard(shard, &p->r)))
        return fail(err, p->path, line, "not a summary record of snapcheck's: it wants subject, settings, shard "
                                        "(I/N or null) and baseline");
    p->r.subject = sc_xstrdup(subject);
    p->r.settings = dup_or_null(settings);
    p->r.baseline = dup_or_null(baseline);
    p->r.profile = dup_or_null(profile);
    p->summary_line = line;
    for (size_t i = 0; i < p->stale.n; i++) {
        size_t k = 0;
        while (k < p->r.n && strcmp(p->r.v[k].id, p->stale.v[i]))
            k++;
        if (k == p->r.n || p->r.v[k].verdict != SC_PASS)
            return fail(err, p->path, 0, "the stale baseline entry '%s' is not a case that passed here",
                        p->stale.v[i]);
    }
    p->r.stale = p->stale;
    p->stale = (struct sc_strings){ 0 };
    sc_results_count(&p->r, &c);
    const size_t have[9] = { c.total, c.by[SC_PASS], c.by[SC_FAIL], c.by[SC_ERROR], c.by[SC_SKIP],
                             c.known, c.known_skips, c.new_failures, c.stale };
    for (size_t i = 0; i < 9; i++) {
        if (!count_member(o, names[i], &want[i]) && i < 5)
            return fail(err, p->path, line, "the summary record has no count '%s'", names[i]);
        got = count_member(o, names[i], &want[i]) ? want[i] : have[i];
        if (got != have[i])
            return fail(err, p->path, line, "the summary counts %zu %s, the records %zu: the report was changed "
                                            "or cut short", got, names[i], have[i]);
    }
    return 0;
}

static int read_record(json_t *o, struct part *p, long line, struct sc_diag *err)
{
    const char *type;

    if (!json_is_object(o) || !string_member(o, "type", false, &type) || !type)
        return fail(err, p->path, line, "not a record of snapcheck's: a JSON object with a type");
    if (p->summary_line)
        return fail(err, p->path, line, "a record after the summary (line %ld)", p->summary_line);
    if (strcmp(type, "case") == 0)
        return read_case(o, p, line, err);
    if (strcmp(type, "stale-baseline") == 0)
        return read_stale(o, p, line, err);
    if (strcmp(type, "summary") == 0)
        return read_summary(o, p, line, err);
    return fail(err, p->path, line, "a record of unknown type '%s'", type);
}

static int read_part(struct part *p, struct sc_diag *err)
{
    char *data = NULL;
    size_t len;
    long line = 0;
    int rc = 0;

    if (sc_read_file(p->path, &data, &len, err) < 0) {
        free(err->file);
        err->file = sc_xstrdup(p->path);
        return -1;
    }
    for (const char *s = data; rc == 0 && s < data + len;) {
        size_t n = strcspn(s, "\n");
        json_error_t jerr;
        line++;
        if (n) {
            json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
            rc = o ? read_record(o, p, line, err)
                   : fail(err, p->path, line, "not JSON: %s (column %d)", jerr.text, jerr.column);
            json_decref(o);
        }
        s += n + 1;
    }
    free(data);
    if (rc == 0 && !p->summary_line)
        return fail(err, p->path, 0, "no summary record: not a JSON Lines report of snapcheck's, or one cut short");
    return rc;
}

static void describe_shard(const struct sc_results *r, char *buf, size_t len)
{
    if (r->shards)
        snprintf(buf, len, "shard %u/%u", r->shard, r->shards);
    else
        snprintf(buf, len, "not a shard");
}

/* One run: the same implementation, settings and baseline; all shards
 * of it, each once, or no shards at all; no case twice. */
static int check_together(struct part *parts, size_t n, struct sc_diag *err)
{
    const struct sc_results *first = &parts[0].r;

    for (size_t i = 1; i < n; i++) {
        const struct sc_results *r = &parts[i].r;
        const char *what = !same(r->subject, first->subject) ? "another implementation"
                           : !same(r->settings, first->settings) ? "other settings"
                           : !same(r->baseline, first->baseline) ? "another baseline"
                           : !same(r->profile, first->profile) ? "another profile" : NULL;
        if (what)
            return fail(err, parts[i].path, parts[i].summary_line, "not from the run of %s: %s", parts[0].path,
                        what);
        if (r->shards != first->shards) {
            char this[64], that[64];
            describe_shard(r, this, sizeof(this));
            describe_shard(first, that, sizeof(that));
            return fail(err, parts[i].path, parts[i].summary_line, "%s, where %s is %s: not shards of one run",
                        this, parts[0].path, that);
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) {
            if (first->shards && parts[i].r.shard == parts[j].r.shard)
                return fail(err, parts[i].path, parts[i].summary_line, "shard %u/%u again: %s is that shard too",
                            parts[i].r.shard, first->shards, parts[j].path);
            for (size_t a = 0; a < parts[i].r.n; a++) {
                for (size_t b = 0; b < parts[j].r.n; b++) {
                    if (strcmp(parts[i].r.v[a].id, parts[j].r.v[b].id) == 0)
                        return fail(err, parts[i].path, parts[i].lines[a], "case '%s' is in %s too (line %ld)",
                                     parts[i].r.v[a].id, parts[j].path, parts[j].lines[b]);
                }
            }
        }
    }
    return 0;
}

/* Every shard of the run, each the size its place in the run gives it. */
static int check_shards(struct part *parts, size_t n, struct sc_diag *err)
{
    unsigned shards = parts[0].r.shards;
    size_t total = 0;

    if (n != shards) {
        for (unsigned s = 1; s <= shards; s++) {
            size_t i = 0;
            while (i < n && parts[i].r.shard != s)
                i++;
            if (i == n)
                return fail(err, NULL, 0, "shard %u/%u is missing: merge every shard of the run", s, shards);
        }
    }
    for (size_t i = 0; i < n; i++)
        total += parts[i].r.n;
    for (size_t i = 0; i < n; i++) {
        unsigned s = parts[i].r.shard;
        size_t want = total / shards + ((total % shards) >= s);
        if (parts[i].r.n != want)
            return fail(err, parts[i].path, parts[i].summary_line, "shard %u/%u holds %zu cases; in a run of %zu "
                        "it would hold %zu: the shards are not of one run", s, shards, parts[i].r.n, total, want);
    }
    return 0;
}

/* Moves the cases of the parts into OUT in the run's order, and the
 * stale entries after them in the order of their cases. */
static void put_together(struct part *parts, size_t n, struct sc_results *out)
{
    unsigned shards = parts[0].r.shards;

    for (size_t i = 0; i < n; i++)
        out->n += parts[i].r.n;
    out->v = sc_xcalloc(out->n ? out->n : 1, sizeof(*out->v));
    for (size_t i = 0, next = 0; i < n; i++) {
        for (size_t k = 0; k < parts[i].r.n; k++) {
            size_t at = shards ? k * shards + parts[i].r.shard - 1 : next++;
            out->v[at] = parts[i].r.v[k];
            parts[i].r.v[k] = (struct sc_result){ 0 };
        }
    }
    for (size_t at = 0; at < out->n; at++) {
        for (size_t i = 0; i < n; i++) {
            for (size_t k = 0; k < parts[i].r.stale.n; k++) {
                if (strcmp(parts[i].r.stale.v[k], out->v[at].id) == 0) {
                    sc_strings_add(&out->stale, out->v[at].id);
                }
            }
        }
    }
    out->subject = sc_xstrdup(parts[0].r.subject);
    out->settings = dup_or_null(parts[0].r.settings);
    out->baseline = dup_or_null(parts[0].r.baseline);
    out->profile = dup_or_null(parts[0].r.profile);
}

int sc_results_merge(char *const *paths, size_t n, struct sc_results *out, struct sc_diag *err)
{
    struct part *parts = sc_xcalloc(n ? n : 1, sizeof(*parts));
    int rc = 0;

    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < n && rc == 0; i++) {
        parts[i].path = paths[i];
        rc = read_part(&parts[i], err);
    }
    if (rc == 0 && n)
        rc = check_together(parts, n, err);
    if (rc == 0 && n && parts[0].r.shards)
        rc = check_shards(parts, n, err);
    if (rc == 0 && n)
        put_together(parts, n, out);
    for (size_t i = 0; i < n; i++) {
        sc_results_free(&parts[i].r);
        sc_strings_free(&parts[i].stale);
        free(parts[i].lines);
    }
    free(parts);
    return rc;
}

int sc_results_read(const char *path, struct sc_results *out, struct sc_diag *err)
{
    struct part p = { .path = path };
    int rc = read_part(&p, err);

    *out = p.r;
    if (rc < 0)
        sc_results_free(out);
    sc_strings_free(&p.stale);
    free(p.lines);
    return rc;
}

#else  /* built without jansson: the tool and the library need only libxml2 */

static int without_jansson(const char *path, struct sc_diag *err)
{
    return sc_diag_set(err, path, 0, "snapcheck was built without jansson, which reading a JSON Lines "
                       "report needs: install it (Debian: libjansson-dev) and rebuild");
}

int sc_results_merge(char *const *paths, size_t n, struct sc_results *out, struct sc_diag *err)
{
    memset(out, 0, sizeof(*out));
    return without_jansson(n ? paths[0] : NULL, err);
}

int sc_results_read(const char *path, struct sc_results *out, struct sc_diag *err)
{
    memset(out, 0, sizeof(*out));
    return without_jansson(path, err);
}

#endif
