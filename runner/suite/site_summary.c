/*
 * site_summary.c: the report's summary page (index.html): compliance
 * per implementation and profile as numbers, with badges, and as a
 * chart of inline SVG, one stacked bar per column.
 */
#include "suite/site.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"

static void set_num(xmlNodePtr n, const char *name, double v)
{
    char s[32];

    snprintf(s, sizeof(s), "%.1f", v);
    xmlNewProp(n, BAD_CAST name, BAD_CAST s);
}

/* One stacked bar per column, each part with its count as a title; the
 * numbers are in the table beside it too. */
static void summary_chart(xmlNodePtr body, const struct sc_site *site)
{
    static const enum sc_cell parts[] = { SC_CELL_PASS, SC_CELL_FAIL, SC_CELL_KNOWN, SC_CELL_SKIP,
                                          SC_CELL_ERROR };
    const double width = 600, bar = 22, gap = 48, label = 18;
    xmlNodePtr svg = sc_html_el(body, "svg", "chart");

    xmlNewProp(svg, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2000/svg");
    xmlNewProp(svg, BAD_CAST "role", BAD_CAST "img");
    xmlNewProp(svg, BAD_CAST "aria-labelledby", BAD_CAST "chart-title");
    set_num(svg, "width", width);
    set_num(svg, "height", gap * (double)site->ncols + 10);
    sc_html_text_el(svg, "title", NULL, "Results per implementation and profile");
    xmlSetProp(xmlGetLastChild(svg), BAD_CAST "id", BAD_CAST "chart-title");
    for (size_t i = 0; i < site->ncols; i++) {
        const struct sc_site_col *col = &site->cols[i];
        double x = 0, y = gap * (double)i + label + 4;
        xmlNodePtr g = sc_html_el(svg, "g", NULL), text = sc_html_el(g, "text", NULL);
        char *what = sc_xasprintf("%s (%s): %.1f%%", col->impl, col->profile, sc_site_compliance(col));
        set_num(text, "x", 0);
        set_num(text, "y", y - 5);
        sc_html_plain_text(text, what);
        free(what);
        for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) {
            size_t k = col->count[parts[p]];
            double w = col->r.n ? width * (double)k / (double)col->r.n : 0;
            char *cls, *title;
            if (!k)
                continue;
            cls = sc_xasprintf("c-%s", sc_cell_name(parts[p]));
            xmlNodePtr rect = sc_html_el(g, "rect", cls);
            set_num(rect, "x", x);
            set_num(rect, "y", y);
            set_num(rect, "width", w);
            set_num(rect, "height", bar);
            title = sc_xasprintf("%s (%s): %zu %s", col->impl, col->profile, k, sc_cell_words(parts[p]));
            sc_html_plain_text(sc_html_el(rect, "title", NULL), title);
            free(title);
            free(cls);
            x += w;
        }
    }
}

static void summary_table(xmlNodePtr body, const struct sc_site *site)
{
    static const enum sc_cell parts[] = { SC_CELL_PASS, SC_CELL_FAIL, SC_CELL_KNOWN, SC_CELL_SKIP,
                                          SC_CELL_ERROR };
    static const char *const heads[] = { "Implementation", "Profile", "Compliance", "Passed", "Failed",
                                         "Known", "Skipped", "Errors", "Total", "Badge" };
    xmlNodePtr table = sc_html_el(body, "table", "summary"), tr;

    xmlSetProp(table, BAD_CAST "id", BAD_CAST "summary");
    sc_html_text_el(table, "caption", NULL, "Compliance: the share of all cases that pass");
    tr = sc_html_el(sc_html_el(table, "thead", NULL), "tr", NULL);
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
        xmlNewProp(sc_html_text_el(tr, "th", NULL, heads[i]), BAD_CAST "scope", BAD_CAST "col");
    xmlNodePtr tbody = sc_html_el(table, "tbody", NULL);
    for (size_t i = 0; i < site->ncols; i++) {
        const struct sc_site_col *col = &site->cols[i];
        char num[32], *src, *alt;
        tr = sc_html_el(tbody, "tr", NULL);
        sc_html_attr(tr, "data-impl", col->impl);
        sc_html_attr(tr, "data-profile", col->profile);
        xmlNewProp(sc_html_text_el(tr, "th", "impl", col->impl), BAD_CAST "scope", BAD_CAST "row");
        sc_html_text_el(tr, "td", "profile", col->profile);
        snprintf(num, sizeof(num), "%.1f%%", sc_site_compliance(col));
        sc_html_text_el(tr, "td", "num compliance", num);
        for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) {
            snprintf(num, sizeof(num), "%zu", col->count[parts[p]]);
            xmlNodePtr td = sc_html_text_el(tr, "td", "num", num);
            xmlNewProp(td, BAD_CAST "data-count", BAD_CAST sc_cell_name(parts[p]));
        }
        snprintf(num, sizeof(num), "%zu", col->r.n);
        xmlNewProp(sc_html_text_el(tr, "td", "num", num), BAD_CAST "data-count", BAD_CAST "total");
        xmlNodePtr img = sc_html_el(sc_html_el(tr, "td", NULL), "img", NULL);
        src = sc_xasprintf("badges/%s.svg", col->slug);
        alt = sc_xasprintf("snapcheck %.1f%%", sc_site_compliance(col));
        xmlNewProp(img, BAD_CAST "src", BAD_CAST src);
        xmlNewProp(img, BAD_CAST "alt", BAD_CAST alt);
        free(src);
        free(alt);
    }
}

int sc_site_summary_page(const struct sc_site *site, const char *dir, struct sc_diag *diag)
{
    xmlNodePtr body;
    xmlDocPtr doc = sc_html_page("snapcheck report", "", 0, &body);
    char *path = sc_xasprintf("%s/index.html", dir);
    int rc;

    sc_site_nav(body, "", "index.html");
    xmlNodePtr main = sc_html_el(body, "main", NULL);
    sc_html_text_el(main, "h1", NULL, "snapcheck report");
    sc_html_text_el(main, "p", NULL, "Where each implementation stands, case by case, for each libvirt "
                                     "release profile.");
    summary_table(main, site);
    summary_chart(main, site);
    sc_site_legend(main);
    rc = sc_html_save(doc, path, diag);
    xmlFreeDoc(doc);
    free(path);
    return rc;
}

