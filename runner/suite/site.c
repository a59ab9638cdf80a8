/*
 * site.c: the report site's data (columns of results, rows of cases,
 * groups), the parts pages share, the matrix page, and the writing of
 * the whole site into its directory.  The summary, the case pages, the
 * drift page and the badges have files of their own.
 */
#include "suite/site.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileio.h"
#include "suite/merge.h"

static const char *const cell_names[SC_CELL_LAST] = {
    [SC_CELL_PASS] = "pass", [SC_CELL_FAIL] = "fail", [SC_CELL_KNOWN] = "known",
    [SC_CELL_SKIP] = "skip", [SC_CELL_ERROR] = "error", [SC_CELL_NONE] = "none",
};
/* A symbol besides the colour, so that colour is never the only sign. */
static const char *const cell_symbols[SC_CELL_LAST] = {
    [SC_CELL_PASS] = "\u2713", [SC_CELL_FAIL] = "\u2717", [SC_CELL_KNOWN] = "\u25d0",
    [SC_CELL_SKIP] = "\u25cb", [SC_CELL_ERROR] = "\u26a0", [SC_CELL_NONE] = "\u00b7",
};
static const char *const cell_words[SC_CELL_LAST] = {
    [SC_CELL_PASS] = "passed", [SC_CELL_FAIL] = "failed", [SC_CELL_KNOWN] = "known",
    [SC_CELL_SKIP] = "skipped", [SC_CELL_ERROR] = "errors", [SC_CELL_NONE] = "not run",
};

const char *sc_cell_name(enum sc_cell c)
{
    return cell_names[c];
}

const char *sc_cell_words(enum sc_cell c)
{
    return cell_words[c];
}

const char *sc_cell_symbol(enum sc_cell c)
{
    return cell_symbols[c];
}

enum sc_cell sc_cell_of(const struct sc_result *res)
{
    if (!res)
        return SC_CELL_NONE;
    if (res->known)
        return SC_CELL_KNOWN;
    switch (res->verdict) {
    case SC_PASS:
        return SC_CELL_PASS;
    case SC_FAIL:
        return SC_CELL_FAIL;
    case SC_SKIP:
        return SC_CELL_SKIP;
    case SC_ERROR:
    case SC_VERDICT_LAST:
        break;
    }
    return SC_CELL_ERROR;
}

/* The symbol and the word as one text: a matrix has thousands of cells,
 * and each element in them costs the browser time to open it. */
void sc_site_cell(xmlNodePtr td, enum sc_cell c)
{
    char *text = sc_xasprintf("%s %s", cell_symbols[c], c == SC_CELL_NONE ? "not run" : cell_names[c]);

    xmlNodeAddContent(td, BAD_CAST text);
    free(text);
}

double sc_site_compliance(const struct sc_site_col *col)
{
    return col->r.n ? 100.0 * (double)col->count[SC_CELL_PASS] / (double)col->r.n : 0.0;
}

/* ---- loading ---- */

/* A file-name-safe form of S: lower-case letters, digits and hyphens. */
static char *slug_of(const char *s, size_t max)
{
    struct sc_buf b = { 0 };
    int dash = 1;

    for (; *s && b.len < max; s++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            sc_buf_add(&b, &c, 1);
            dash = 0;
        } else if (!dash) {
            sc_buf_add(&b, "-", 1);
            dash = 1;
        }
    }
    while (b.len && b.data[b.len - 1] == '-')
        b.data[--b.len] = 0;
    if (!b.len)
        sc_buf_puts(&b, "x");
    return sc_buf_steal(&b);
}

static struct sc_site_col *find_col(struct sc_site *site, const char *impl, const char *profile)
{
    for (size_t i = 0; i < site->ncols; i++) {
        if (strcmp(site->cols[i].impl, impl) == 0 && strcmp(site->cols[i].profile, profile) == 0)
            return &site->cols[i];
    }
    return NULL;
}

/* Sorts the paths into columns by the implementation and profile their
 * summaries name, then reads each column's reports as one run. */
static int load_cols(struct sc_site *site, char *const *paths, size_t n, struct sc_diag *err)
{
    for (size_t i = 0; i < n; i++) {
        struct sc_results one;
        struct sc_site_col *col;
        if (sc_results_read(paths[i], &one, err) < 0)
            return -1;
        col = find_col(site, one.subject, sc_results_profile(&one));
        if (!col) {
            site->cols = sc_xrealloc(site->cols, (site->ncols + 1) * sizeof(*site->cols));
            col = &site->cols[site->ncols++];
            *col = (struct sc_site_col){ .impl = sc_xstrdup(one.subject),
                                         .profile = sc_xstrdup(sc_results_profile(&one)) };
        }
        col->paths = sc_xrealloc(col->paths, (col->npaths + 1) * sizeof(*col->paths));
        col->paths[col->npaths++] = paths[i];
        sc_results_free(&one);
    }
    for (size_t i = 0; i < site->ncols; i++) {
        struct sc_site_col *col = &site->cols[i];
        char *base = sc_xasprintf("%s-%s", col->impl, col->profile), *slug = slug_of(base, 60);
        if (sc_results_merge(col->paths, col->npaths, &col->r, err) < 0) {
            free(base);
            free(slug);
            return -1;
        }
        /* the same name from run to run, for badge URLs; a number only
         * when two columns would share it */
        col->slug = slug;
        for (size_t k = 0; k < i; k++) {
            if (strcmp(site->cols[k].slug, slug) == 0) {
                col->slug = sc_xasprintf("%s-%zu", slug, i + 1);
                free(slug);
                break;
            }
        }
        free(base);
        for (size_t k = 0; k < col->r.n; k++)
            col->count[sc_cell_of(&col->r.v[k])]++;
    }
    return 0;
}

/* The group of a case: the first word of its id (state, disk…), so
 * that groups follow the ids the suite gives and no list is kept. */
static size_t group_of(struct sc_site *site, const char *id)
{
    size_t len = strcspn(id, "-");
    char *g = sc_xasprintf("%.*s", (int)(len < 40 ? len : 40), id);
    size_t i = 0;

    while (i < site->groups.n && strcmp(site->groups.v[i], g))
        i++;
    if (i == site->groups.n) {
        site->groups.v = sc_xrealloc(site->groups.v, (i + 1) * sizeof(*site->groups.v));
        site->groups.v[site->groups.n++] = g;
    } else {
        free(g);
    }
    return i;
}

static int row_cmp_id(const void *a, const void *b)
{
    return strcmp((*(const struct sc_site_row *const *)a)->id, (*(const struct sc_site_row *const *)b)->id);
}

static int row_cmp_group(const void *a, const void *b)
{
    const struct sc_site_row *x = a, *y = b;

    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return strcmp(x->id, y->id);
}

static bool id_is_plain(const char *id)
{
    size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_.");

    return n && !id[n] && n <= 100 && id[0] != '.';
}

static void add_row(struct sc_site *site, const char *id, const struct sc_case *c)
{
    site->rows = sc_xrealloc(site->rows, (site->nrows + 1) * sizeof(*site->rows));
    site->rows[site->nrows++] = (struct sc_site_row){ .id = id, .c = c };
}

/* Rows: the suite's cases, then any case only the reports name. */
static void load_rows(struct sc_site *site)
{
    struct sc_site_row **byid;

    for (size_t i = 0; site->suite && i < site->suite->manifest->n; i++)
        add_row(site, site->suite->manifest->v[i].id, &site->suite->manifest->v[i]);
    for (size_t i = 0; i < site->ncols; i++) {
        for (size_t k = 0; k < site->cols[i].r.n; k++) {
            const char *id = site->cols[i].r.v[k].id;
            size_t j = 0;
            while (j < site->nrows && strcmp(site->rows[j].id, id))
                j++;
            if (j == site->nrows)
                add_row(site, id, NULL);
        }
    }
    for (size_t i = 0; i < site->nrows; i++)
        site->rows[i].group = group_of(site, site->rows[i].id);
    qsort(site->rows, site->nrows, sizeof(*site->rows), row_cmp_group);
    byid = sc_xcalloc(site->nrows ? site->nrows : 1, sizeof(*byid));
    for (size_t i = 0; i < site->nrows; i++) {
        struct sc_site_row *row = &site->rows[i];
        row->res = sc_xcalloc(site->ncols ? site->ncols : 1, sizeof(*row->res));
        /* an id that is not a plain file name gets a page by number */
        row->page = id_is_plain(row->id) ? sc_xasprintf("c/%s.html", row->id)
                                         : sc_xasprintf("c/case-%zu.html", i + 1);
        byid[i] = row;
    }
    qsort(byid, site->nrows, sizeof(*byid), row_cmp_id);
    for (size_t i = 0; i < site->ncols; i++) {
        for (size_t k = 0; k < site->cols[i].r.n; k++) {
            struct sc_site_row key = { .id = site->cols[i].r.v[k].id }, *kp = &key, **hit;
            hit = bsearch(&kp, byid, site->nrows, sizeof(*byid), row_cmp_id);
            if (hit)
                (*hit)->res[i] = &site->cols[i].r.v[k];
        }
    }
    free(byid);
}

int sc_site_load(struct sc_site *site, char *const *paths, size_t n, const struct sc_suite *suite,
                 struct sc_diag *err)
{
    memset(site, 0, sizeof(*site));
    site->suite = suite;
    if (load_cols(site, paths, n, err) < 0)
        return -1;
    load_rows(site);
    return 0;
}

void sc_site_free(struct sc_site *site)
{
    for (size_t i = 0; i < site->ncols; i++) {
        free(site->cols[i].impl);
        free(site->cols[i].profile);
        free(site->cols[i].slug);
        free(site->cols[i].paths);
        sc_results_free(&site->cols[i].r);
    }
    free(site->cols);
    for (size_t i = 0; i < site->nrows; i++) {
        free(site->rows[i].page);
        free(site->rows[i].res);
    }
    free(site->rows);
    for (size_t i = 0; i < site->groups.n; i++)
        free(site->groups.v[i]);
    free(site->groups.v);
    free(site->drift_schema);
    memset(site, 0, sizeof(*site));
}

/* ---- shared page parts ---- */

void sc_site_nav(xmlNodePtr body, const char *root, const char *current)
{
    static const char *const pages[][2] = {
        { "index.html", "Summary" }, { "matrix.html", "Matrix" }, { "drift.html", "Drift" },
    };
    xmlNodePtr nav = sc_html_el(body, "nav", NULL), ul = sc_html_el(nav, "ul", NULL);

    xmlNewProp(nav, BAD_CAST "aria-label", BAD_CAST "report pages");
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        xmlNodePtr a = sc_html_text_el(sc_html_el(ul, "li", NULL), "a", NULL, pages[i][1]);
        char *href = sc_xasprintf("%s%s", root, pages[i][0]);
        xmlNewProp(a, BAD_CAST "href", BAD_CAST href);
        if (current && strcmp(current, pages[i][0]) == 0)
            xmlNewProp(a, BAD_CAST "aria-current", BAD_CAST "page");
        free(href);
    }
}

static void col_heading(xmlNodePtr parent, const struct sc_site_col *col)
{
    sc_html_text_el(parent, "span", "impl", col->impl);
    sc_html_text_el(parent, "span", "profile", col->profile);
}

void sc_site_legend(xmlNodePtr body)
{
    xmlNodePtr ul = sc_html_el(body, "ul", "legend");

    for (int c = 0; c < SC_CELL_LAST; c++) {
        char *cls = sc_xasprintf("r-%s", cell_names[c]);
        xmlNodePtr li = sc_html_el(ul, "li", cls);
        sc_site_cell(li, (enum sc_cell)c);
        xmlNodeAddContent(li, BAD_CAST(c == SC_CELL_KNOWN ? ": ended as the baseline lists it" : ""));
        free(cls);
    }
}

/* ---- the matrix ---- */

static void filter_form(xmlNodePtr main, const struct sc_site *site)
{
    xmlNodePtr form = sc_html_el(main, "form", "filter"), label, sel, opt, in;

    xmlSetProp(form, BAD_CAST "id", BAD_CAST "filter");
    xmlNewProp(form, BAD_CAST "role", BAD_CAST "search");
    label = sc_html_text_el(form, "label", NULL, "Result ");
    sel = sc_html_el(label, "select", NULL);
    xmlNewProp(sel, BAD_CAST "name", BAD_CAST "result");
    xmlNewProp(sel, BAD_CAST "id", BAD_CAST "f-result");
    xmlNewProp(sc_html_text_el(sel, "option", NULL, "any"), BAD_CAST "value", BAD_CAST "");
    for (int c = 0; c < SC_CELL_LAST; c++) {
        opt = sc_html_text_el(sel, "option", NULL, c == SC_CELL_NONE ? "not run" : cell_names[c]);
        xmlNewProp(opt, BAD_CAST "value", BAD_CAST cell_names[c]);
    }
    label = sc_html_text_el(form, "label", NULL, " Group ");
    sel = sc_html_el(label, "select", NULL);
    xmlNewProp(sel, BAD_CAST "name", BAD_CAST "group");
    xmlNewProp(sel, BAD_CAST "id", BAD_CAST "f-group");
    xmlNewProp(sc_html_text_el(sel, "option", NULL, "any"), BAD_CAST "value", BAD_CAST "");
    for (size_t g = 0; g < site->groups.n; g++)
        sc_html_attr(sc_html_text_el(sel, "option", NULL, site->groups.v[g]), "value", site->groups.v[g]);
    label = sc_html_text_el(form, "label", NULL, " Id contains ");
    in = sc_html_el(label, "input", NULL);
    xmlNewProp(in, BAD_CAST "type", BAD_CAST "search");
    xmlNewProp(in, BAD_CAST "name", BAD_CAST "id");
    xmlNewProp(in, BAD_CAST "id", BAD_CAST "f-id");
    xmlNodePtr p = sc_html_el(main, "p", "shown");
    xmlNewProp(p, BAD_CAST "id", BAD_CAST "shown");
    xmlNewProp(p, BAD_CAST "aria-live", BAD_CAST "polite");
    char *all = sc_xasprintf("%zu cases", site->nrows);
    xmlNodeAddContent(p, BAD_CAST all);
    free(all);
}

static void matrix_row(xmlNodePtr tbody, const struct sc_site *site, const struct sc_site_row *row)
{
    xmlNodePtr tr = sc_html_el(tbody, "tr", "case"), th, a;
    struct sc_buf kinds = { 0 };

    sc_html_attr(tr, "data-id", row->id);
    sc_html_attr(tr, "data-group", site->groups.v[row->group]);
    th = sc_html_el(tr, "th", "id");
    xmlNewProp(th, BAD_CAST "scope", BAD_CAST "row");
    a = sc_html_text_el(th, "a", NULL, row->id);
    xmlNewProp(a, BAD_CAST "href", BAD_CAST row->page);
    for (size_t i = 0; i < site->ncols; i++) {
        enum sc_cell c = sc_cell_of(row->res[i]);
        char *cls = sc_xasprintf("r-%s", cell_names[c]), *href = sc_xasprintf("%s#col-%zu", row->page, i + 1);
        xmlNodePtr td = sc_html_el(tr, "td", cls);
        sc_site_cell(c == SC_CELL_NONE ? td : (a = sc_html_el(td, "a", NULL)), c);
        if (c != SC_CELL_NONE)
            xmlNewProp(a, BAD_CAST "href", BAD_CAST href);
        if (!strstr(kinds.data ? kinds.data : "", cell_names[c]))
            sc_buf_printf(&kinds, "%s%s", kinds.len ? " " : "", cell_names[c]);
        free(cls);
        free(href);
    }
    xmlNewProp(tr, BAD_CAST "data-results", BAD_CAST(kinds.data ? kinds.data : ""));
    sc_buf_free(&kinds);
}

static int write_matrix(const struct sc_site *site, const char *dir, struct sc_diag *diag)
{
    xmlNodePtr body, table, tr, th;
    xmlDocPtr doc = sc_html_page("snapcheck report: matrix", "", 1, &body);
    char *path = sc_xasprintf("%s/matrix.html", dir);
    int rc;

    sc_site_nav(body, "", "matrix.html");
    xmlNodePtr main = sc_html_el(body, "main", NULL);
    sc_html_text_el(main, "h1", NULL, "Cases by implementation and profile");
    filter_form(main, site);
    sc_site_legend(main);
    table = sc_html_el(main, "table", "matrix");
    xmlSetProp(table, BAD_CAST "id", BAD_CAST "matrix");
    tr = sc_html_el(sc_html_el(table, "thead", NULL), "tr", NULL);
    xmlNewProp(sc_html_text_el(tr, "th", NULL, "Case"), BAD_CAST "scope", BAD_CAST "col");
    for (size_t i = 0; i < site->ncols; i++) {
        th = sc_html_el(tr, "th", "col");
        xmlNewProp(th, BAD_CAST "scope", BAD_CAST "col");
        col_heading(th, &site->cols[i]);
    }
    for (size_t g = 0, i = 0; g < site->groups.n; g++) {
        xmlNodePtr tbody = sc_html_el(table, "tbody", NULL), head;
        sc_html_attr(tbody, "data-group", site->groups.v[g]);
        head = sc_html_el(sc_html_el(tbody, "tr", "group"), "th", NULL);
        xmlNewProp(head, BAD_CAST "scope", BAD_CAST "rowgroup");
        char *span = sc_xasprintf("%zu", site->ncols + 1);
        xmlNewProp(head, BAD_CAST "colspan", BAD_CAST span);
        free(span);
        sc_html_text(head, site->groups.v[g]);
        for (; i < site->nrows && site->rows[i].group == g; i++)
            matrix_row(tbody, site, &site->rows[i]);
    }
    rc = sc_html_save(doc, path, diag);
    xmlFreeDoc(doc);
    free(path);
    return rc;
}

/* ---- the whole site ---- */

static int make_dir(const char *path, struct sc_diag *diag)
{
    if (mkdir(path, 0777) < 0 && errno != EEXIST) {
        sc_diag_set(diag, NULL, 0, "%s: cannot make the directory: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int copy_asset(const char *assets, const char *dir, const char *name, struct sc_diag *diag)
{
    char *from = sc_xasprintf("%s/%s", assets, name), *to = sc_xasprintf("%s/%s", dir, name), *data = NULL;
    size_t len;
    int rc = sc_read_file(from, &data, &len, diag);

    if (rc == 0)
        rc = sc_write_file(to, data, len, diag);
    free(data);
    free(from);
    free(to);
    return rc;
}

/* The file that marks a directory as a report's, so that writing a
 * report again may clear what the last one left (case pages and badges
 * of cases and columns gone since), and nothing else is ever touched. */
static const char marker[] = ".snapcheck-report";

static bool dir_is_empty(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    bool empty = true;

    while (d && empty && (e = readdir(d)))
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    if (d)
        closedir(d);
    return empty;
}

/* Removes the regular files in DIR/SUB, the pages a report wrote there. */
static void clear_sub(const char *dir, const char *sub)
{
    char *path = sc_xasprintf("%s/%s", dir, sub);
    DIR *d = opendir(path);
    struct dirent *e;

    while (d && (e = readdir(d))) {
        char *file = sc_xasprintf("%s/%s", path, e->d_name);
        struct stat st;
        if (lstat(file, &st) == 0 && S_ISREG(st.st_mode))
            unlink(file);
        free(file);
    }
    if (d)
        closedir(d);
    free(path);
}

/* DIR made, or found empty or holding a report; refuses any other. */
static int prepare_dir(const char *dir, struct sc_diag *diag)
{
    char *mark = sc_xasprintf("%s/%s", dir, marker);
    int rc = make_dir(dir, diag);

    if (rc == 0 && access(mark, F_OK) == 0) {
        clear_sub(dir, "c");
        clear_sub(dir, "badges");
    } else if (rc == 0 && !dir_is_empty(dir)) {
        sc_diag_set(diag, NULL, 0, "%s: not empty and not a report of snapcheck's (it has no %s): give a new or "
                 "empty directory", dir, marker);
        rc = -1;
    } else if (rc == 0) {
        static const char text[] = "snapcheck report --html wrote this directory, and may clear it to write it "
                                   "again\n";
        rc = sc_write_file(mark, text, sizeof(text) - 1, diag);
    }
    free(mark);
    return rc;
}

int sc_site_write(const struct sc_site *site, const char *dir, const char *assets, struct sc_diag *diag)
{
    char *sub_c = sc_xasprintf("%s/c", dir), *sub_b = sc_xasprintf("%s/badges", dir);
    int rc = prepare_dir(dir, diag);

    if (rc == 0)
        rc = make_dir(sub_c, diag);
    if (rc == 0)
        rc = make_dir(sub_b, diag);
    if (rc == 0)
        rc = copy_asset(assets, dir, "report.css", diag);
    if (rc == 0)
        rc = copy_asset(assets, dir, "filter.js", diag);
    if (rc == 0)
        rc = sc_site_summary_page(site, dir, diag);
    if (rc == 0)
        rc = write_matrix(site, dir, diag);
    if (rc == 0)
        rc = sc_site_case_pages(site, dir, diag);
    if (rc == 0)
        rc = sc_site_drift_page(site, dir, diag);
    if (rc == 0)
        rc = sc_site_badges(site, dir, diag);
    free(sub_c);
    free(sub_b);
    return rc;
}
