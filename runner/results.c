/*
 * results.c: verdict bookkeeping and the baseline file.
 */
#include "results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "fileio.h"

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

void sc_results_compliance(const struct sc_results *r, size_t *passed, size_t *total)
{
    *passed = 0;
    for (size_t i = 0; i < r->n; i++)
        *passed += r->v[i].verdict == SC_PASS;
    *total = r->n;
}

size_t sc_results_regressions(const struct sc_results *r)
{
    size_t n = 0;

    for (size_t i = 0; i < r->n; i++)
        n += (r->v[i].verdict == SC_FAIL || r->v[i].verdict == SC_ERROR) && !r->v[i].known;
    return n;
}

void sc_results_free(struct sc_results *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].description);
        free(r->v[i].expected);
        free(r->v[i].actual);
        free(r->v[i].message);
        free(r->v[i].known);
    }
    free(r->v);
    free(r->subject);
    for (size_t i = 0; i < r->stale.n; i++)
        free(r->stale.v[i]);
    free(r->stale.v);
    memset(r, 0, sizeof(*r));
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

static struct sc_result *find(struct sc_results *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->v[i].id, id) == 0)
            return &r->v[i];
    }
    return NULL;
}

int sc_baseline_apply(const char *path, struct sc_results *r, long *errline,
                      char *errbuf, size_t errlen)
{
    char *data = NULL, *next;
    size_t len;
    long lineno = 0;

    *errline = 0;
    if (sc_read_file(path, &data, &len, errbuf, errlen) < 0)
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
            snprintf(errbuf, errlen, "expected 'CASE-ID: reason', found '%s'", s);
            *errline = lineno;
            free(data);
            return -1;
        }
        *colon = '\0';
        char *id = trim(s), *reason = trim(colon + 1);
        struct sc_result *res = find(r, id);
        if (!res)
            continue;   /* not run this time */
        if (res->verdict == SC_PASS) {
            r->stale.v = sc_xrealloc(r->stale.v, (r->stale.n + 1) * sizeof(*r->stale.v));
            r->stale.v[r->stale.n++] = sc_xstrdup(id);
        } else if (res->verdict != SC_SKIP) {
            free(res->known);
            res->known = sc_xstrdup(*reason ? reason : "listed in the baseline");
        }
    }
    free(data);
    return 0;
}

char *sc_baseline_format(const struct sc_results *r)
{
    struct sc_buf b = { 0 };

    /* the subject, a command line, must stay inside its comment */
    sc_buf_puts(&b, "# Known failures of ");
    sc_esc_text(&b, r->subject);
    sc_buf_puts(&b, ", one 'CASE-ID: reason' per line.\n"
                    "# Written by snapcheck run --update-baseline.\n");
    for (size_t i = 0; i < r->n; i++) {
        const struct sc_result *res = &r->v[i];
        if (res->verdict != SC_FAIL && res->verdict != SC_ERROR)
            continue;
        const char *why = res->known ? res->known : res->message ? res->message : "";
        size_t n = strcspn(why, "\n");
        sc_buf_printf(&b, "%s: %.*s\n", res->id, (int)n, why);
    }
    return sc_buf_steal(&b);
}
