/*
 * site.h: "snapcheck report --html": a static web site from the JSON
 * Lines reports of one or more runs.  Reports of one implementation and
 * profile are the shards of one run (merge.h); each other implementation
 * or profile is a column.  Pages: the summary (index.html), the matrix
 * of cases by column (matrix.html), one page per case (c/ID.html), the
 * drift page (drift.html), and a badge per column (badges/).  It opens
 * from file://, offline, and loads nothing from elsewhere.
 */
#ifndef SNAPCHECK_SITE_H
#define SNAPCHECK_SITE_H

#include <stddef.h>

#include "util/htmlout.h"
#include "suite/results.h"
#include "suite/suite.h"

/* What a cell says: the result of a case in one column. */
enum sc_cell {
    SC_CELL_PASS,
    SC_CELL_FAIL,    /* a failure the baseline does not list */
    SC_CELL_KNOWN,   /* a failure, error or skip as the baseline lists it */
    SC_CELL_SKIP,
    SC_CELL_ERROR,
    SC_CELL_NONE,    /* not run in that column */
    SC_CELL_LAST
};

const char *sc_cell_name(enum sc_cell c);
const char *sc_cell_symbol(enum sc_cell c);
const char *sc_cell_words(enum sc_cell c);  /* as counts name them: "passed" */
enum sc_cell sc_cell_of(const struct sc_result *res);

/* One implementation under one profile. */
struct sc_site_col {
    char *impl, *profile;
    char *slug;                    /* its badges' file name */
    char **paths;                  /* the reports it came from */
    size_t npaths;
    struct sc_results r;
    size_t count[SC_CELL_LAST];    /* of its cases (NONE unused) */
};

/* One case: from the suite, or only from the reports. */
struct sc_site_row {
    const char *id;
    const struct sc_case *c;       /* NULL when the suite has no such case */
    size_t group;
    char *page;                    /* c/NAME.html */
    const struct sc_result **res;  /* per column, NULL when not run */
};

struct sc_site {
    struct sc_site_col *cols;
    size_t ncols;
    struct sc_site_row *rows;
    size_t nrows;
    struct sc_strings groups;
    const struct sc_suite *suite;
    char *drift_schema;            /* libvirt's installed schema, or NULL */
};

struct sc_diag;

/* Reads the reports at PATHS into SITE; -1 with ERR set (merge.h). */
int sc_site_load(struct sc_site *site, char *const *paths, size_t n, const struct sc_suite *suite,
                 struct sc_diag *err);
void sc_site_free(struct sc_site *site);

/* Compliance of a column, in percent: passes of all its cases. */
double sc_site_compliance(const struct sc_site_col *col);

/* Writes the site into DIR (made when missing), copying the stylesheet
 * and script from ASSETS; -1 with *DIAG set. */
int sc_site_write(const struct sc_site *site, const char *dir, const char *assets, struct sc_diag *diag);

/* The pages, each in its own file: site_summary.c, site_case.c,
 * site_drift.c, site_badge.c. */
int sc_site_summary_page(const struct sc_site *site, const char *dir, struct sc_diag *diag);
int sc_site_case_pages(const struct sc_site *site, const char *dir, struct sc_diag *diag);
int sc_site_drift_page(const struct sc_site *site, const char *dir, struct sc_diag *diag);
int sc_site_badges(const struct sc_site *site, const char *dir, struct sc_diag *diag);

/* The shared parts of pages: the navigation bar, a result cell's
 * content, the legend of results. */
void sc_site_legend(xmlNodePtr body);
void sc_site_nav(xmlNodePtr body, const char *root, const char *current);
void sc_site_cell(xmlNodePtr td, enum sc_cell c);

#endif
