/*
 * site_drift.c: the report's drift page: the state table, and for each
 * schema known to the run (the suite's own, and libvirt's installed one
 * when present) the states it allows and how they differ from the
 * table (parity.h).  libvirt's pmsuspended drift shows here.
 */
#include "suite/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/strlist.h"
#include "schema/parity.h"
#include "schema/profile_schema.h"
#include "model/states.h"

#define LIBVIRT_SCHEMA "/usr/share/libvirt/schemas/domainsnapshot.rng"

struct schema_col {
    const char *name;
    enum sc_profile profile;   /* the release whose table it is held to */
    char *path;
    struct sc_parity p;
    bool ok;
};

static void yes_no(xmlNodePtr tr, bool yes)
{
    xmlNodePtr td = sc_html_el(tr, "td", yes ? "r-pass" : "r-none");

    sc_html_text(td, yes ? "\u2713 yes" : "\u2717 no");
}

/* A schema's verdict on a state, marked as drift when the table says
 * otherwise. */
static void schema_cell(xmlNodePtr tr, bool allowed, bool accepted)
{
    if (allowed == accepted) {
        yes_no(tr, allowed);
        return;
    }
    sc_html_text(sc_html_el(tr, "td", "r-fail"), allowed ? "\u2717 yes: drift" : "\u2717 no: drift");
}

/* A state in one profile: its number there and whether <state> takes it. */
static void profile_cell(xmlNodePtr tr, enum sc_state s, enum sc_profile p)
{
    int value = sc_state_value(s, p);
    bool accepted = sc_state_accepted_in(s, p);
    char *text = value < 0 ? sc_xstrdup("\u2014 not in the enum")
                           : sc_xasprintf("%d %s", value, accepted ? "\u2713 accepted" : "\u2717 refused");

    sc_html_text(sc_html_el(tr, "td", accepted ? "r-pass" : "r-none"), text);
    free(text);
}

static void state_table(xmlNodePtr main, struct schema_col *cols, size_t n)
{
    xmlNodePtr table = sc_html_el(main, "table", "states"), tr;

    xmlSetProp(table, BAD_CAST "id", BAD_CAST "states");
    sc_html_text_el(table, "caption", NULL,
                    "The state table across profiles (each release's value, and whether <state> takes it), and "
                    "the states each schema allows, held to its profile's table");
    tr = sc_html_el(sc_html_el(table, "thead", NULL), "tr", NULL);
    sc_html_text_el(tr, "th", NULL, "State");
    sc_html_text_el(tr, "th", NULL, "Domain state");
    for (int p = 0; p < SC_PROFILE_LAST; p++)
        sc_html_text_el(tr, "th", NULL, sc_profile_name((enum sc_profile)p));
    for (size_t k = 0; k < n; k++) {
        char *h = sc_xasprintf("Allowed by %s (%s)", cols[k].name, sc_profile_name(cols[k].profile));
        sc_html_text_el(tr, "th", NULL, h);
        free(h);
    }
    xmlNodePtr tbody = sc_html_el(table, "tbody", NULL);
    for (int s = 0; s < SC_STATE_LAST; s++) {
        const char *name = sc_state_to_string((enum sc_state)s);
        tr = sc_html_el(tbody, "tr", NULL);
        sc_html_text_el(sc_html_el(tr, "th", NULL), "code", NULL, name);
        yes_no(tr, sc_state_is_domain_state((enum sc_state)s));
        for (int p = 0; p < SC_PROFILE_LAST; p++)
            profile_cell(tr, (enum sc_state)s, (enum sc_profile)p);
        for (size_t k = 0; k < n; k++) {
            if (!cols[k].ok)
                sc_html_text_el(tr, "td", "r-error", "\u26a0 unreadable");
            else
                schema_cell(tr, cols[k].p.any_text || sc_strings_has(&cols[k].p.values, name),
                            sc_state_accepted_in((enum sc_state)s, cols[k].profile));
        }
    }
}

static void drift_list(xmlNodePtr main, const struct schema_col *col)
{
    xmlNodePtr sec = sc_html_el(main, "section", "parity"), ul;

    sc_html_text_el(sec, "h2", NULL, col->name);
    sc_html_text_el(sec, "p", "file", col->path);
    if (!col->ok) {
        sc_html_text_el(sec, "p", "r-error", "\u26a0 the schema could not be read");
        return;
    }
    if (!sc_parity_drift(&col->p)) {
        sc_html_text_el(sec, "p", "r-pass", "\u2713 no drift: the schema allows exactly the accepted states");
        return;
    }
    ul = sc_html_el(sec, "ul", "drift");
    for (size_t i = 0; i < col->p.missing.n; i++) {
        char *s = sc_xasprintf("drift: state '%s' is accepted by the state table but not by the schema",
                               col->p.missing.v[i]);
        sc_html_text_el(ul, "li", "r-fail", s);
        free(s);
    }
    for (size_t i = 0; i < col->p.extra.n; i++) {
        char *s = sc_xasprintf("drift: state '%s' is allowed by the schema but not accepted by the state table",
                               col->p.extra.v[i]);
        sc_html_text_el(ul, "li", "r-fail", s);
        free(s);
    }
    if (!col->p.found)
        sc_html_text_el(ul, "li", "r-fail", "drift: no <state> under <domainsnapshot>");
    if (col->p.any_text)
        sc_html_text_el(ul, "li", "r-fail", "drift: <state> takes any text");
    if (col->p.collapses)
        sc_html_text_el(ul, "li", "r-fail", "drift: values are compared after whitespace is collapsed "
                                            "(<state> running</state> is allowed)");
}

int sc_site_drift_page(const struct sc_site *site, const char *dir, struct sc_diag *diag)
{
    /* the libvirt installed here is Debian 12's, 9.0 */
    int libvirt = sc_profile_find("libvirt-9.0");
    struct schema_col cols[2] = {
        { .name = "the suite's schema", .profile = SC_PROFILE_DEFAULT },
        { .name = "libvirt's installed schema",
          .profile = libvirt < 0 ? SC_PROFILE_DEFAULT : (enum sc_profile)libvirt },
    };
    size_t n = 0;
    xmlNodePtr body, main;
    xmlDocPtr doc = sc_html_page("snapcheck report: drift", "", 0, &body);
    char *path = sc_xasprintf("%s/drift.html", dir);
    int rc;

    if (site->suite)
        cols[n++].path = sc_profile_schema_path(site->suite->layout.datadir, SC_PROFILE_DEFAULT);
    if (access(site->drift_schema ? site->drift_schema : LIBVIRT_SCHEMA, R_OK) == 0)
        cols[n++].path = sc_xstrdup(site->drift_schema ? site->drift_schema : LIBVIRT_SCHEMA);
    if (n == 1 && !site->suite) {
        cols[0].name = cols[1].name;
        cols[0].profile = cols[1].profile;
    }
    for (size_t k = 0; k < n; k++) {
        struct sc_diag_list diags = { 0 };
        cols[k].ok = sc_parity_check(cols[k].path, cols[k].profile, &cols[k].p, &diags) == 0;
        sc_diag_list_free(&diags);
    }
    sc_site_nav(body, "", "drift.html");
    main = sc_html_el(body, "main", NULL);
    sc_html_text_el(main, "h1", NULL, "Drift: the state table and the schemas");
    state_table(main, cols, n);
    for (size_t k = 0; k < n; k++)
        drift_list(main, &cols[k]);
    rc = sc_html_save(doc, path, diag);
    xmlFreeDoc(doc);
    free(path);
    for (size_t k = 0; k < n; k++) {
        if (cols[k].ok)
            sc_parity_free(&cols[k].p);
        free(cols[k].path);
    }
    return rc;
}
