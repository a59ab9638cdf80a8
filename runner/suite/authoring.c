/*
 * authoring.c: adding cases and regenerating golden files (see
 * authoring.h).
 */
#include "suite/authoring.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/datadir.h"
#include "util/diff.h"
#include "util/fileio.h"
#include "suite/case.h"
#include "suite/suite.h"
#include "model/xmlin.h"

static bool exists(const char *path)
{
    return access(path, F_OK) == 0 || errno != ENOENT;
}

/* The id, description and files must all be new. */
static void check_new(const struct sc_suite *suite, const struct sc_new_case *n,
                      const struct sc_case *c, struct sc_diag_list *problems)
{
    const struct sc_manifest *m = suite->all;

    if (!sc_case_id_valid(n->id))
        sc_diag_add(problems, 0, "'%s' is not a case id: use lower-case words joined by hyphens", n->id);
    if (!n->description || !*n->description || strchr(n->description, '\n'))
        sc_diag_add(problems, 0, "a case needs a one-line --description");
    for (size_t i = 0; i < m->n; i++) {
        if (!strcmp(m->v[i].id, n->id))
            sc_diag_add(problems, 0, "case '%s' already exists (%s line %ld)", n->id,
                        sc_suite_path(suite, m->path), m->v[i].line);
        if (n->description && !strcmp(m->v[i].description, n->description))
            sc_diag_add(problems, 0, "case '%s' already has that description", m->v[i].id);
    }
    if (exists(c->input))
        sc_diag_add(problems, 0, "%s already exists; it is not overwritten", sc_suite_path(suite, c->input));
    if (c->golden && exists(c->golden))
        sc_diag_add(problems, 0, "%s already exists; it is not overwritten", sc_suite_path(suite, c->golden));
}

static const char *first_schema_part(const struct sc_diag_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].part)
            return l->v[i].part;
    }
    return NULL;
}

/* The document must do what the case declares; for a valid case the
 * golden text is returned in *GOLDEN. */
static void check_expectation(const struct sc_suite *suite, const struct sc_new_case *n,
                              struct sc_case *c, char **golden, struct sc_diag_list *problems)
{
    struct sc_parse_opts opts = sc_case_opts(suite, c);
    struct sc_error err;
    xmlDocPtr doc = sc_xml_read_memory(n->input, n->input_len, n->input_name, &err);
    struct sc_diag_list schema = { 0 };

    if (!doc) {
        sc_diag_add(problems, 0, "%s:%ld: not well-formed: %s", n->input_name, err.line, err.msg);
        return;
    }
    sc_schema_validate(suite->schema, doc, &schema);
    struct sc_snapshot *snap = sc_snapshot_parse(doc, &opts, &err);
    bool schema_rejects = schema.n > 0, parser_rejects = !snap;
    if (!n->invalid) {
        for (size_t i = 0; i < schema.n; i++)
            sc_diag_add(problems, 0, "%s:%ld: the schema rejects it: %s", n->input_name, schema.v[i].line,
                        schema.v[i].msg);
        if (parser_rejects)
            sc_diag_add(problems, 0, "%s:%ld: the parser rejects it: %s", n->input_name, err.line, err.msg);
        if (!problems->n)
            *golden = sc_snapshot_format(snap);
    } else {
        bool want_schema = n->layer & SC_LAYER_SCHEMA, want_parser = n->layer & SC_LAYER_PARSER;
        const char *fragment = n->layer == SC_LAYER_SCHEMA ? n->expect_error : n->expect_schema_error;
        if (want_schema != schema_rejects)
            sc_diag_add(problems, 0, "the schema %s it%s%s", schema_rejects ? "rejects" : "accepts",
                        schema_rejects ? ": " : "", schema_rejects ? schema.v[0].msg : "");
        else if (want_schema && fragment && !sc_diag_list_mentions(&schema, fragment))
            sc_diag_add(problems, 0, "the schema rejects it, but not with \"%s\": %s", fragment, schema.v[0].msg);
        if (want_parser != parser_rejects)
            sc_diag_add(problems, 0, "the parser %s it%s%s", parser_rejects ? "rejects" : "accepts",
                        parser_rejects ? ": " : "", parser_rejects ? err.msg : "");
        else if (want_parser && strcmp(err.msg, n->expect_error) != 0)
            sc_diag_add(problems, 0, "the parser rejects it with \"%s\", not \"%s\"", err.msg, n->expect_error);
        /* what the rejection is about: the parser says it best; the
         * schema names no more than the top-level element */
        const char *part = want_parser ? err.part : first_schema_part(&schema);
        if (!problems->n && n->reason && part && !sc_part_answers(part, n->reason))
            sc_diag_add(problems, 0, "the rejection is about <%s>, not <%s>", part, n->reason);
        else if (!problems->n && !n->reason && !part)
            sc_diag_add(problems, 0, "say what the case is about with --reason (one of: %s)",
                        sc_parts_list());
        if (!problems->n)
            c->reason = sc_xstrdup(n->reason ? n->reason : part);
        if (!problems->n && want_schema)
            c->schema_error = sc_xstrdup(fragment ? fragment : schema.v[0].msg);
        if (!problems->n && want_parser)
            c->parser_error = sc_xstrdup(n->expect_error);
    }
    sc_snapshot_free(snap);   /* the parser owns DOC, also after a rejection */
    sc_diag_list_free(&schema);
}

static bool same_text(const char *a, const char *b)
{
    return a && b ? !strcmp(a, b) : a == b;
}

/* The profiles in which the case does what it declares in the default
 * profile: the same verdict and error, or the same golden.  A case of
 * another release's own expectation is written by hand (<profile>). */
static unsigned applying_profiles(const struct sc_layout *layout, const struct sc_new_case *n,
                                  const struct sc_case *c, const char *golden)
{
    unsigned mask = 1u << SC_PROFILE_DEFAULT;

    for (int p = 0; p < SC_PROFILE_LAST; p++) {
        struct sc_diag_list problems = { 0 };
        if (p == SC_PROFILE_DEFAULT)
            continue;
        struct sc_suite *suite = sc_suite_load_profile(layout, NULL, (enum sc_profile)p, &problems);
        struct sc_case tmp = { .mode = c->mode, .valid = c->valid };
        char *other = NULL;
        if (suite)
            check_expectation(suite, n, &tmp, &other, &problems);
        if (!problems.n && same_text(other, golden) && same_text(tmp.reason, c->reason) &&
            same_text(tmp.schema_error, c->schema_error) &&
            same_text(tmp.parser_error, c->parser_error))
            mask |= 1u << p;
        free(other);
        free(tmp.reason);
        free(tmp.schema_error);
        free(tmp.parser_error);
        sc_suite_free(suite);
        sc_diag_list_free(&problems);
    }
    return mask;
}

/* The directory of PATH, made when missing: a project's suite kept in
 * git has no valid/, invalid/ or golden/ until one holds a file. */
static void make_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? sc_xasprintf("%.*s", (int)(slash - path), path) : NULL;

    if (dir && *dir)
        (void)mkdir(dir, 0777);   /* an error shows in the write that follows */
    free(dir);
}

static int write_new(const char *path, const char *data, struct sc_diag_list *problems)
{
    struct sc_diag diag = { 0 };

    make_parent(path);
    if (sc_write_file_new(path, data, strlen(data), &diag) == 0)
        return 0;
    sc_diag_list_take(problems, &diag);
    return -1;
}

static int write_case(struct sc_suite *suite, struct sc_case *c, const struct sc_new_case *n,
                      const char *golden, struct sc_diag_list *problems)
{
    char *input = sc_xasprintf("%.*s", (int)n->input_len, n->input);
    struct sc_diag diag = { 0 };
    int rc = write_new(c->input, input, problems);

    if (rc == 0 && golden && (rc = write_new(c->golden, golden, problems)) < 0)
        unlink(c->input);
    if (rc == 0) {
        sc_manifest_add(suite->all, c);
        char *text = sc_manifest_format(suite->all);
        if ((rc = sc_write_file(suite->all->path, text, strlen(text), &diag)) < 0) {
            sc_diag_list_take(problems, &diag);
            unlink(c->input);
            if (golden)
                unlink(c->golden);
        }
        free(text);
        memset(c, 0, sizeof(*c));   /* the manifest owns it now */
    }
    free(input);
    return rc;
}

/* Create mode's clock in a new suite: a fixed moment, so that no golden
 * file depends on when it was made (the built-in suite's too). */
#define SC_INIT_NOW 1700000000LL

/* DIR and each missing parent. */
static int make_dirs(const char *dir, struct sc_diag *diag)
{
    char *p = sc_xstrdup(dir);
    int rc = 0;

    for (char *s = p + 1; rc == 0; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            sc_diag_set(diag, NULL, 0, "cannot create %s: %s", p, strerror(errno));
            rc = -1;
        }
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return rc;
}

/* 1 when DIR holds anything, 0 when not, -1 with *DIAG set. */
static int holds_anything(const char *dir, struct sc_diag *diag)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;

    if (!d) {
        sc_diag_set(diag, NULL, 0, "cannot read %s: %s", dir, strerror(errno));
        return -1;
    }
    while (!found && (e = readdir(d)))
        found = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return found;
}

int sc_init_suite(const char *dir, struct sc_diag *diag)
{
    static const char *const subdirs[] = { SC_VALID_DIR, SC_INVALID_DIR, SC_GOLDEN_DIR };
    struct sc_manifest empty = { .now = SC_INIT_NOW };
    struct stat st;
    int rc = 0;

    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        sc_diag_set(diag, NULL, 0, "%s exists and is not a directory", dir);
        return -1;
    }
    if (access(dir, F_OK) == 0) {
        if ((rc = holds_anything(dir, diag)) != 0) {
            if (rc > 0)
                sc_diag_set(diag, NULL, 0, "%s is not empty: a suite is made in a new or empty directory", dir);
            return -1;
        }
    } else if (errno != ENOENT) {
        sc_diag_set(diag, NULL, 0, "cannot read %s: %s", dir, strerror(errno));
        return -1;
    } else if (make_dirs(dir, diag) < 0) {
        return -1;
    }
    char *text = sc_manifest_format(&empty);
    char *manifest = sc_xasprintf("%s/manifest.xml", dir);
    rc = sc_write_file_new(manifest, text, strlen(text), diag);
    for (size_t i = 0; rc == 0 && i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
        char *sub = sc_xasprintf("%s/%s", dir, subdirs[i]);
        if (mkdir(sub, 0777) != 0 && errno != EEXIST) {
            sc_diag_set(diag, NULL, 0, "cannot create %s: %s", sub, strerror(errno));
            rc = -1;
        }
        free(sub);
    }
    free(manifest);
    free(text);
    return rc;
}

int sc_new_case(const struct sc_layout *layout, const struct sc_new_case *n, FILE *out,
                struct sc_diag_list *problems)
{
    struct sc_diag diag = { 0 };
    /* another "new" or "lint --fix" must not rewrite the manifest between
     * our reading it and our writing it back */
    int lock = sc_lock_dir(layout->cases, &diag);
    if (lock < 0) {
        sc_diag_list_take(problems, &diag);
        return -1;
    }
    struct sc_suite *suite = sc_suite_load(layout, NULL, problems);
    char *golden = NULL;
    int rc = -1;

    if (!suite) {
        sc_unlock_dir(lock);
        return -1;
    }
    struct sc_case c = {
        .id = sc_xstrdup(n->id), .mode = n->mode, .valid = !n->invalid,
        .description = sc_xstrdup(n->description ? n->description : ""),
        .input = sc_layout_input(layout, !n->invalid, n->id),
        .golden = n->invalid ? NULL : sc_layout_golden(layout, n->id),
        .profiles = SC_ALL_PROFILES,
    };
    check_new(suite, n, &c, problems);
    if (!problems->n)
        check_expectation(suite, n, &c, &golden, problems);
    if (!problems->n)
        c.profiles = applying_profiles(layout, n, &c, golden);
    if (!problems->n && write_case(suite, &c, n, golden, problems) == 0) {
        if (golden)
            fprintf(out, "%s", golden);
        rc = 0;
    }
    free(c.id);
    free(c.description);
    free(c.input);
    free(c.golden);
    free(c.schema_error);
    free(c.parser_error);
    free(golden);
    sc_suite_free(suite);
    sc_unlock_dir(lock);
    return rc;
}

/* The profile that writes golden/ID.xml of the case ID. */
static int base_owner(const struct sc_suite *suite, const char *id)
{
    for (size_t i = 0; i < suite->all->n; i++) {
        if (!strcmp(suite->all->v[i].id, id))
            return sc_case_golden_owner(&suite->all->v[i]);
    }
    return -1;
}

/* The golden files PROFILE writes: those of its own, golden/PROFILE/
 * ID.xml, and golden/ID.xml of the cases whose first profile it is. */
static long regenerate_profile(const struct sc_layout *layout, enum sc_profile profile,
                               const char *filter, bool dry_run, bool color, FILE *out,
                               struct sc_diag_list *problems)
{
    struct sc_suite *suite = sc_suite_load_profile(layout, NULL, profile, problems);
    long changed = 0;

    if (!suite)
        return 0;
    for (size_t i = 0; i < suite->manifest->n; i++) {
        const struct sc_case *c = &suite->manifest->v[i];
        struct sc_parse_opts opts = sc_case_opts(suite, c);
        struct sc_outcome o;
        struct sc_diag diag = { 0 };
        char *old = NULL, *own = sc_profile_golden(layout, profile, c->id);
        size_t len;
        bool owned = c->valid && (!strcmp(c->golden, own) || base_owner(suite, c->id) == (int)profile);

        free(own);
        if (!owned || (filter && fnmatch(filter, c->id, 0) != 0))
            continue;
        if (sc_outcome_of_file(NULL, c->input, &opts, &o, &diag) < 0) {
            sc_diag_add(problems, 0, "%s: %s", sc_suite_path(suite, c->input), diag.msg);
            sc_diag_clear(&diag);
            continue;
        }
        if (!o.output) {
            struct sc_error *e = o.well_formed ? &o.parse_error : &o.xml_error;
            sc_diag_add(problems, e->line, "%s:%ld: no golden can be made: %s", sc_suite_path(suite, c->input),
                        e->line, e->msg);
        } else if (sc_read_file(c->golden, &old, &len, &diag) < 0 && exists(c->golden)) {
            sc_diag_add(problems, 0, "%s: %s", sc_suite_path(suite, c->golden), diag.msg);
        } else if (!old || strcmp(old, o.output) != 0) {
            struct sc_buf b = { 0 };
            const char *name = sc_suite_path(suite, c->golden);
            sc_unified_diff(&b, name, old ? old : "", name, o.output);
            sc_say_lines(out, "", b.data, color);
            sc_buf_free(&b);
            changed++;
            if (!dry_run)
                make_parent(c->golden);
            if (!dry_run && sc_write_file(c->golden, o.output, strlen(o.output), &diag) < 0)
                sc_diag_list_take(problems, &diag);
        }
        sc_diag_clear(&diag);
        free(old);
        sc_outcome_clear(&o);
    }
    sc_suite_free(suite);
    return changed;
}

long sc_regenerate(const struct sc_layout *layout, const char *filter, bool dry_run, bool color,
                   FILE *out, struct sc_diag_list *problems)
{
    long changed = 0;

    for (int p = 0; p < SC_PROFILE_LAST && !problems->n; p++)
        changed += regenerate_profile(layout, (enum sc_profile)p, filter, dry_run, color, out,
                                      problems);
    return problems->n ? -1 : changed;
}
