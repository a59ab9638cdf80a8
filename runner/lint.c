/*
 * lint.c: consistency of the suite's own files (see lint.h).  Each
 * finding names the file it is about, relative to the data directory.
 */
#include "lint.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fileio.h"
#include "suite.h"

struct linter {
    const char *datadir;
    const struct sc_suite *suite;
    FILE *out;
    size_t findings;
};

static const char *rel(const struct linter *l, const char *path)
{
    size_t n = strlen(l->datadir);

    return strncmp(path, l->datadir, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

static void finding(struct linter *l, const char *path, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void finding(struct linter *l, const char *path, long line, const char *fmt, ...)
{
    struct sc_buf b = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    sc_diag_print(l->out, rel(l, path), line, b.data);
    sc_buf_free(&b);
    l->findings++;
}

static void check_unique(struct linter *l)
{
    const struct sc_manifest *m = l->suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(m->v[i].id, m->v[j].id) == 0)
                finding(l, m->path, m->v[i].line, "duplicate case id '%s' (first at line %ld)",
                        m->v[i].id, m->v[j].line);
            else if (strcmp(m->v[i].description, m->v[j].description) == 0)
                finding(l, m->path, m->v[i].line,
                        "case '%s' has the same description as '%s' (line %ld)",
                        m->v[i].id, m->v[j].id, m->v[j].line);
        }
    }
}

/* The case a file of cases/ or golden/ belongs to, or NULL. */
static const struct sc_case *owner(const struct linter *l, const char *path)
{
    const struct sc_manifest *m = l->suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        if (!strcmp(m->v[i].input, path) || (m->v[i].golden && !strcmp(m->v[i].golden, path)))
            return &m->v[i];
    }
    return NULL;
}

static int check_file(const char *path, void *opaque)
{
    struct linter *l = opaque;

    if (!strcmp(path, l->suite->manifest->path))
        return 0;
    if (!owner(l, path))
        finding(l, path, 0, "not referenced by any case of cases/manifest.xml");
    return 0;
}

static void walk_warning(const char *path, const char *msg, void *opaque)
{
    finding(opaque, path, 0, "%s", msg);
}

/* Whether NAME is a temporary file of an interrupted write: ours, or
 * the ".NAME.XXXXXX" form earlier versions used. */
static bool is_leftover(const char *name)
{
    size_t n = strlen(name);

    if (!strncmp(name, sc_temp_prefix, strlen(sc_temp_prefix)))
        return true;
    if (n < 9 || name[0] != '.' || name[n - 7] != '.')
        return false;
    for (size_t i = n - 6; i < n; i++) {
        if (!isalnum((unsigned char)name[i]))
            return false;
    }
    return true;
}

/* Temporary files a killed write left in DIR (they are hidden, so the
 * walk does not see them). */
static void check_leftovers(struct linter *l, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d))) {
        if (is_leftover(e->d_name)) {
            char *path = sc_xasprintf("%s/%s", dir, e->d_name);
            finding(l, path, 0, "a temporary file an interrupted snapcheck left behind; remove it");
            free(path);
        }
    }
    closedir(d);
}

static void check_files(struct linter *l)
{
    static const char *const dirs[] = { "cases", "golden", NULL };
    const struct sc_manifest *m = l->suite->manifest;
    char errbuf[512];

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (access(c->input, R_OK) != 0)
            finding(l, c->input, 0, "input of case '%s' is missing", c->id);
        if (c->golden && access(c->golden, R_OK) != 0)
            finding(l, c->golden, 0, "golden file of valid case '%s' is missing", c->id);
    }
    for (int i = 0; dirs[i]; i++) {
        char *dir = sc_xasprintf("%s/%s", l->datadir, dirs[i]);
        if (sc_walk(dir, false, check_file, walk_warning, l, errbuf, sizeof(errbuf)) < 0)
            finding(l, dir, 0, "%s", errbuf);
        check_leftovers(l, dir);
        free(dir);
    }
}

/* Goldens must be canonical; invalid cases rejected for their reason. */
static void check_cases(struct linter *l)
{
    const struct sc_manifest *m = l->suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        struct sc_diag_list failures = { 0 };

        if (c->valid && access(c->golden, R_OK) == 0) {
            struct sc_parse_opts opts = sc_case_opts(l->suite, c);
            struct sc_outcome o;
            char errbuf[256], *text = NULL;
            size_t len;
            if (sc_outcome_of_file(l->suite->schema, c->golden, &opts, &o, errbuf, sizeof(errbuf)) == 0 &&
                sc_read_file(c->golden, &text, &len, errbuf, sizeof(errbuf)) == 0 &&
                (!o.output || strcmp(o.output, text) != 0))
                finding(l, c->golden, 0, "not canonical: 'snapcheck format%s' changes it",
                        c->mode == SC_MODE_CREATE ? "" : c->mode == SC_MODE_REDEFINE ? " --redefine" : " --internal");
            free(text);
            sc_outcome_clear(&o);
        } else if (!c->valid && access(c->input, R_OK) == 0 &&
                   !sc_case_check(l->suite, c, &failures, NULL)) {
            finding(l, c->input, 0, "invalid case '%s' is not rejected as declared:", c->id);
            for (size_t j = 0; j < failures.n; j++)
                sc_say_lines(l->out, "  ", failures.v[j].msg, false);
        }
        sc_diag_list_free(&failures);
    }
}

static void check_canonical(struct linter *l, bool fix)
{
    const struct sc_manifest *m = l->suite->manifest;
    char errbuf[512], *text = NULL, *canonical = sc_manifest_format(m);
    size_t len;

    if (sc_read_file(m->path, &text, &len, errbuf, sizeof(errbuf)) < 0) {
        finding(l, m->path, 0, "%s", errbuf);
    } else if (strcmp(text, canonical) != 0 && !fix) {
        finding(l, m->path, 0, "not in canonical form (cases sorted by id, two-space layout); "
                               "'snapcheck lint --fix' rewrites it");
    } else if (strcmp(text, canonical) != 0) {
        if (sc_write_file(m->path, canonical, strlen(canonical), errbuf, sizeof(errbuf)) < 0)
            finding(l, m->path, 0, "%s", errbuf);
        else
            sc_say(l->out, "%s: rewritten in canonical form", rel(l, m->path));
    }
    free(text);
    free(canonical);
}

size_t sc_lint(const char *datadir, FILE *out, bool fix)
{
    struct sc_diag_list diags = { 0 };
    struct linter l = { .datadir = datadir, .out = out };
    char *cases = sc_xasprintf("%s/cases", datadir), errbuf[512];
    /* a rewrite holds the manifest from reading to writing ("new" too) */
    int lock = fix ? sc_lock_dir(cases, errbuf, sizeof(errbuf)) : -1;

    if (fix && lock < 0)
        finding(&l, cases, 0, "%s", errbuf);
    free(cases);
    if (l.findings)
        return l.findings;
    struct sc_suite *suite = sc_suite_load(datadir, NULL, &diags);
    if (!suite) {
        char *manifest = sc_xasprintf("%s/cases/manifest.xml", datadir);
        for (size_t i = 0; i < diags.n; i++)
            finding(&l, manifest, diags.v[i].line, "%s", diags.v[i].msg);
        free(manifest);
        sc_diag_list_free(&diags);
        sc_unlock_dir(lock);
        return l.findings ? l.findings : 1;
    }
    l.suite = suite;
    check_canonical(&l, fix);
    check_unique(&l);
    check_files(&l);
    check_cases(&l);
    sc_suite_free(suite);
    sc_unlock_dir(lock);
    return l.findings;
}
