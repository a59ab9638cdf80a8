/*
 * lint.c: consistency of the suite's own files (see lint.h).  Each
 * finding names the file it is about as the suite's messages show it
 * (datadir.h).
 */
#include "suite/lint.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/strlist.h"
#include "util/datadir.h"
#include "util/fileio.h"
#include "schema/parity.h"
#include "suite/case.h"
#include "suite/suite.h"

struct linter {
    const struct sc_layout *layout;
    const struct sc_suite *suite;   /* the default profile's, and the manifest as written */
    struct sc_suite *by_profile[SC_PROFILE_LAST];
    unsigned profiles;              /* those whose cases are checked */
    struct sc_strings reported;     /* "ID\nfailures" of invalid cases, named once */
    FILE *out;
    size_t findings;
};

static const char *rel(const struct linter *l, const char *path)
{
    return sc_layout_shown(l->layout, path);
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
    sc_diag_print(l->out, rel(l, path), &(struct sc_diag){ .line = line, .msg = b.data });
    sc_buf_free(&b);
    l->findings++;
}

static void check_unique(struct linter *l)
{
    const struct sc_manifest *m = l->suite->all;

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
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        const struct sc_manifest *m = l->by_profile[p]->manifest;
        for (size_t i = 0; i < m->n; i++) {
            if (!strcmp(m->v[i].input, path) || (m->v[i].golden && !strcmp(m->v[i].golden, path)))
                return &m->v[i];
        }
    }
    return NULL;
}

/* " in libvirt-0.9.5" for a case of a profile other than the default. */
static const char *in_profile(const struct sc_case *c, char *buf, size_t size)
{
    if (c->profile == SC_PROFILE_DEFAULT)
        return "";
    snprintf(buf, size, " in %s", sc_profile_name(c->profile));
    return buf;
}

static int check_file(const char *path, void *opaque)
{
    struct linter *l = opaque;

    if (!strcmp(path, l->suite->manifest->path))
        return 0;
    if (!owner(l, path))
        finding(l, path, 0, "not referenced by any case of %s", rel(l, l->layout->manifest));
    return 0;
}

static void walk_warning(const struct sc_diag *warning, void *opaque)
{
    finding(opaque, warning->file, 0, "%s", warning->msg);
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

/* Walks DIR for files no case owns, and looks for leftovers in it.  A
 * project's suite may lack a directory (git keeps no empty one). */
static void check_dir(struct linter *l, const char *dir, bool walk)
{
    struct sc_diag diag = { 0 };

    if (l->layout->project && access(dir, F_OK) != 0 && errno == ENOENT)
        return;
    if (walk && sc_walk(dir, false, check_file, walk_warning, l, &diag) < 0)
        finding(l, dir, 0, "%s", diag.msg);
    sc_diag_clear(&diag);
    check_leftovers(l, dir);
}

/* Whether a profile checked before P has a case with GOLDEN. */
static bool named_before(const struct linter *l, int p, const char *golden)
{
    for (int q = 0; q < p; q++) {
        const struct sc_manifest *m = l->by_profile[q]->manifest;
        for (size_t i = 0; (l->profiles & (1u << q)) && i < m->n; i++) {
            if (m->v[i].golden && !strcmp(m->v[i].golden, golden))
                return true;
        }
    }
    return false;
}

static void check_files(struct linter *l)
{
    const struct sc_layout *layout = l->layout;
    const struct sc_manifest *all = l->suite->all;
    char where[64];

    for (size_t i = 0; i < all->n; i++) {
        if (access(all->v[i].input, R_OK) != 0)
            finding(l, all->v[i].input, 0, "input of case '%s' is missing", all->v[i].id);
    }
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        const struct sc_manifest *m = l->by_profile[p]->manifest;
        for (size_t i = 0; (l->profiles & (1u << p)) && i < m->n; i++) {
            const struct sc_case *c = &m->v[i];
            /* a golden two profiles share is named once */
            if (c->golden && access(c->golden, R_OK) != 0 && !named_before(l, p, c->golden))
                finding(l, c->golden, 0, "golden file of valid case '%s'%s is missing", c->id,
                        in_profile(c, where, sizeof(where)));
        }
    }
    /* every file of the built-in suite's cases/ and golden/ belongs to
     * a case; a project's directory may hold its other files too */
    if (!layout->project) {
        check_dir(l, layout->cases, true);
    } else {
        char *valid = sc_xasprintf("%s/valid", layout->cases);
        char *invalid = sc_xasprintf("%s/invalid", layout->cases);
        check_dir(l, layout->cases, false);
        check_dir(l, valid, true);
        check_dir(l, invalid, true);
        free(valid);
        free(invalid);
    }
    check_dir(l, layout->golden, true);
}

/* Goldens must be canonical in their profile's form; invalid cases
 * rejected for their reason, in each profile. */
/* Whether SUITE's profile writes the golden file of C (authoring.h):
 * its own golden/PROFILE/ID.xml, or golden/ID.xml as the case's first
 * profile without an override. */
static bool writes_golden(const struct linter *l, const struct sc_suite *suite,
                          const struct sc_case *c)
{
    char *own = sc_profile_golden(l->layout, suite->profile, c->id);
    bool writes = !strcmp(own, c->golden);

    free(own);
    for (size_t i = 0; !writes && i < l->suite->all->n; i++) {
        if (!strcmp(l->suite->all->v[i].id, c->id))
            writes = sc_case_golden_owner(&l->suite->all->v[i]) == (int)suite->profile;
    }
    return writes;
}

/* Whether the same failures of case ID were named for another profile;
 * records them otherwise. */
static bool reported_before(struct linter *l, const char *id, const struct sc_diag_list *failures)
{
    struct sc_buf key = { 0 };

    sc_buf_puts(&key, id);
    for (size_t j = 0; j < failures->n; j++)
        sc_buf_printf(&key, "\n%s", failures->v[j].msg);
    if (sc_strings_has(&l->reported, key.data)) {
        sc_buf_free(&key);
        return true;
    }
    sc_strings_take(&l->reported, sc_buf_steal(&key));
    return false;
}

static void check_cases(struct linter *l, const struct sc_suite *suite)
{
    const struct sc_manifest *m = suite->manifest;
    char where[64];

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        struct sc_diag_list failures = { 0 };

        if (c->valid && access(c->golden, R_OK) == 0 && writes_golden(l, suite, c)) {
            struct sc_parse_opts opts = sc_case_opts(suite, c);
            struct sc_outcome o;
            struct sc_diag diag = { 0 };
            char *text = NULL;
            size_t len;
            if (sc_outcome_of_file(suite->schema, c->golden, &opts, &o, &diag) == 0 &&
                sc_read_file(c->golden, &text, &len, &diag) == 0 &&
                (!o.output || strcmp(o.output, text) != 0))
                finding(l, c->golden, 0, "not canonical: 'snapcheck format%s%s%s' changes it",
                        c->mode == SC_MODE_CREATE ? "" : c->mode == SC_MODE_REDEFINE ? " --redefine" : " --internal",
                        c->profile == SC_PROFILE_DEFAULT ? "" : " --profile ",
                        c->profile == SC_PROFILE_DEFAULT ? "" : sc_profile_name(c->profile));
            sc_diag_clear(&diag);
            free(text);
            sc_outcome_clear(&o);
        } else if (!c->valid && access(c->input, R_OK) == 0 &&
                   !sc_case_check(suite, c, &failures, NULL) && !reported_before(l, c->id, &failures)) {
            finding(l, c->input, 0, "invalid case '%s'%s is not rejected as declared:", c->id,
                    in_profile(c, where, sizeof(where)));
            for (size_t j = 0; j < failures.n; j++)
                sc_say_lines(l->out, "  ", failures.v[j].msg, false);
        }
        sc_diag_list_free(&failures);
    }
}

static void check_canonical(struct linter *l, bool fix)
{
    const struct sc_manifest *m = l->suite->all;
    struct sc_diag diag = { 0 };
    char *text = NULL, *canonical = sc_manifest_format(m);
    size_t len;

    if (sc_read_file(m->path, &text, &len, &diag) < 0) {
        finding(l, m->path, 0, "%s", diag.msg);
    } else if (strcmp(text, canonical) != 0 && !fix) {
        finding(l, m->path, 0, "not in canonical form (cases sorted by id, two-space layout); "
                               "'snapcheck lint --fix' rewrites it");
    } else if (strcmp(text, canonical) != 0) {
        if (sc_write_file(m->path, canonical, strlen(canonical), &diag) < 0)
            finding(l, m->path, 0, "%s", diag.msg);
        else
            sc_say(l->out, "%s: rewritten in canonical form", rel(l, m->path));
    }
    sc_diag_clear(&diag);
    free(text);
    free(canonical);
}

size_t sc_lint(const struct sc_layout *layout, FILE *out, bool fix, unsigned profiles)
{
    struct sc_diag_list diags = { 0 };
    struct linter l = { .layout = layout, .out = out, .profiles = profiles };
    struct sc_diag diag = { 0 };
    /* a rewrite holds the manifest from reading to writing ("new" too) */
    int lock = fix ? sc_lock_dir(layout->cases, &diag) : -1;

    if (fix && lock < 0)
        finding(&l, layout->cases, 0, "%s", diag.msg);
    sc_diag_clear(&diag);
    if (l.findings)
        return l.findings;
    bool loaded = true;
    for (int p = 0; p < SC_PROFILE_LAST && loaded; p++)
        loaded = (l.by_profile[p] = sc_suite_load_profile(layout, NULL, (enum sc_profile)p, &diags));
    if (!loaded) {
        for (size_t i = 0; i < diags.n; i++)
            finding(&l, layout->manifest, diags.v[i].line, "%s", diags.v[i].msg);
        for (int p = 0; p < SC_PROFILE_LAST; p++)
            sc_suite_free(l.by_profile[p]);
        sc_diag_list_free(&diags);
        sc_unlock_dir(lock);
        return l.findings ? l.findings : 1;
    }
    l.suite = l.by_profile[SC_PROFILE_DEFAULT];
    check_canonical(&l, fix);
    check_unique(&l);
    check_files(&l);
    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        if (profiles & (1u << p))
            check_cases(&l, l.by_profile[p]);
    }
    for (int p = 0; p < SC_PROFILE_LAST; p++)
        sc_suite_free(l.by_profile[p]);
    sc_strings_free(&l.reported);
    sc_unlock_dir(lock);
    return l.findings;
}
