/*
 * site_badge.c: a badge per implementation and profile, in two forms:
 * badges/SLUG.json, the endpoint JSON that shields.io and compatible
 * services draw, and badges/SLUG.svg, drawn here
 * (with libxml2), for a page that may load nothing from elsewhere.
 */
#include "suite/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/escape.h"
#include "util/fileio.h"

/* The colour of a compliance, by thresholds: the names shields.io
 * knows, and the hex the local SVG uses for each, dark enough for white
 * text. */
static const struct {
    double min;
    const char *name, *hex;
} thresholds[] = {
    { 100.0, "brightgreen", "#1d7a33" }, { 90.0, "green", "#3c7a12" }, { 75.0, "yellow", "#7a6a00" },
    { 50.0, "orange", "#a34700" }, { 0.0, "red", "#b3261e" },
};

static size_t level(double pct)
{
    size_t i = 0;

    while (pct < thresholds[i].min)
        i++;
    return i;
}

static int write_json(const struct sc_site_col *col, const char *dir, const char *label, const char *message,
                      struct sc_diag *diag)
{
    struct sc_buf json = { 0 };
    char *path;
    int rc;

    sc_buf_puts(&json, "{\n  \"schemaVersion\": 1,\n  \"label\": ");
    sc_esc_json(&json, label);
    sc_buf_puts(&json, ",\n  \"message\": ");
    sc_esc_json(&json, message);
    sc_buf_printf(&json, ",\n  \"color\": \"%s\"\n}\n", thresholds[level(sc_site_compliance(col))].name);
    path = sc_xasprintf("%s/badges/%s.json", dir, col->slug);
    rc = sc_write_file(path, json.data, json.len, diag);
    free(path);
    sc_buf_free(&json);
    return rc;
}

static xmlNodePtr svg_el(xmlNodePtr parent, const char *name)
{
    return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static void svg_num(xmlNodePtr n, const char *name, double v)
{
    char s[32];

    snprintf(s, sizeof(s), "%g", v);
    xmlNewProp(n, BAD_CAST name, BAD_CAST s);
}

static void svg_text(xmlNodePtr g, double x, const char *s)
{
    xmlNodePtr t = svg_el(g, "text");

    svg_num(t, "x", x);
    svg_num(t, "y", 14);
    xmlNodeAddContent(t, BAD_CAST s);
}

/* Text widths are estimated (Verdana-like 11px: ~6.5 px a character). */
static double width_of(const char *s)
{
    size_t chars = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        chars += (*p & 0xc0) != 0x80;
    return 6.5 * (double)chars + 10;
}

static int write_svg(const struct sc_site_col *col, const char *dir, const char *label, const char *message,
                     struct sc_diag *diag)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr svg = xmlNewDocNode(doc, NULL, BAD_CAST "svg", NULL), r, g;
    char *clean_label = sc_xml_clean(label), *alt = sc_xasprintf("%s: %s", clean_label, message), *path;
    double lw = width_of(clean_label), mw = width_of(message);
    int rc;

    xmlDocSetRootElement(doc, svg);
    xmlNewNs(svg, BAD_CAST "http://www.w3.org/2000/svg", NULL);
    svg_num(svg, "width", lw + mw);
    svg_num(svg, "height", 20);
    xmlNewProp(svg, BAD_CAST "role", BAD_CAST "img");
    xmlNewProp(svg, BAD_CAST "aria-label", BAD_CAST alt);
    xmlNodeAddContent(svg_el(svg, "title"), BAD_CAST alt);
    r = svg_el(svg, "rect");
    svg_num(r, "width", lw);
    svg_num(r, "height", 20);
    xmlNewProp(r, BAD_CAST "fill", BAD_CAST "#444");
    r = svg_el(svg, "rect");
    svg_num(r, "x", lw);
    svg_num(r, "width", mw);
    svg_num(r, "height", 20);
    xmlNewProp(r, BAD_CAST "fill", BAD_CAST thresholds[level(sc_site_compliance(col))].hex);
    g = svg_el(svg, "g");
    xmlNewProp(g, BAD_CAST "fill", BAD_CAST "#fff");
    xmlNewProp(g, BAD_CAST "font-family", BAD_CAST "Verdana,DejaVu Sans,sans-serif");
    xmlNewProp(g, BAD_CAST "font-size", BAD_CAST "11");
    svg_text(g, 5, clean_label);
    svg_text(g, lw + 5, message);
    path = sc_xasprintf("%s/badges/%s.svg", dir, col->slug);
    rc = sc_xml_save(doc, path, diag);
    xmlFreeDoc(doc);
    free(clean_label);
    free(alt);
    free(path);
    return rc;
}

int sc_site_badges(const struct sc_site *site, const char *dir, struct sc_diag *diag)
{
    for (size_t i = 0; i < site->ncols; i++) {
        const struct sc_site_col *col = &site->cols[i];
        char *label = sc_xasprintf("snapcheck %s", col->profile), message[32];
        int rc;
        snprintf(message, sizeof(message), "%.1f%%", sc_site_compliance(col));
        rc = write_json(col, dir, label, message, diag);
        if (rc == 0)
            rc = write_svg(col, dir, label, message, diag);
        free(label);
        if (rc < 0)
            return -1;
    }
    return 0;
}
