/*
 * site_case.c: the report's page for each case (c/NAME.html): what the
 * suite says of it (description, mode, input, the expected golden or
 * rejection) and what each implementation did under each profile, with
 * the diff or the rejection message its result carries.
 */
#include "suite/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fileio.h"

static void term(xmlNodePtr dl, const char *name, const char *value)
{
    sc_html_text_el(dl, "dt", NULL, name);
    sc_html_text_el(dl, "dd", NULL, value ? value : "");
}

/* A file of the suite shown as it is, or why it cannot be. */
static void file_block(xmlNodePtr parent, const struct sc_site *site, const char *title, const char *path)
{
    struct sc_diag diag = { 0 };
    char *data = NULL;
    size_t len;
    xmlNodePtr sec = sc_html_el(parent, "section", NULL);

    sc_html_text_el(sec, "h2", NULL, title);
    sc_html_text_el(sec, "p", "file", sc_suite_path(site->suite, path));
    if (sc_read_file(path, &data, &len, &diag) < 0 || memchr(data, 0, len))
        sc_html_text_el(sec, "p", "missing", data ? "the file holds a NUL byte" : diag.msg);
    else
        sc_html_pre(sec, "doc", data, 0);
    sc_diag_clear(&diag);
    free(data);
}

static void expectation(xmlNodePtr dl, const struct sc_case *c)
{
    if (c->valid) {
        term(dl, "Expected", "accepted, and formatted to its golden file byte for byte");
        return;
    }
    term(dl, "Expected", "rejected");
    term(dl, "Rejected by", c->schema_error && c->parser_error ? "the schema and the parser"
                            : c->schema_error ? "the schema" : "the parser");
    if (c->reason)
        term(dl, "About", c->reason);
    if (c->parser_error)
        term(dl, "Parser message", c->parser_error);
    if (c->schema_error)
        term(dl, "Schema message contains", c->schema_error);
}

static void suite_part(xmlNodePtr main, const struct sc_site *site, const struct sc_site_row *row)
{
    xmlNodePtr dl = sc_html_el(main, "dl", "meta");
    struct sc_buf profiles = { 0 };

    if (!row->c) {
        term(dl, "Group", site->groups.v[row->group]);
        sc_html_text_el(main, "p", "missing", "This case is not in the suite the report was made with.");
    } else {
        term(dl, "Description", row->c->description);
        term(dl, "Mode", sc_mode_to_string(row->c->mode));
        term(dl, "Group", site->groups.v[row->group]);
        expectation(dl, row->c);
    }
    for (size_t i = 0; i < site->ncols; i++) {
        if (row->res[i] && !strstr(profiles.data ? profiles.data : "", site->cols[i].profile))
            sc_buf_printf(&profiles, "%s%s", profiles.len ? ", " : "", site->cols[i].profile);
    }
    term(dl, "Run under", profiles.data ? profiles.data : "no profile");
    sc_buf_free(&profiles);
    if (!row->c)
        return;
    file_block(main, site, "Input", row->c->input);
    if (row->c->valid)
        file_block(main, site, "Expected output (golden)", row->c->golden);
}

static void column_part(xmlNodePtr main, const struct sc_site *site, const struct sc_site_row *row, size_t i)
{
    const struct sc_result *res = row->res[i];
    enum sc_cell c = sc_cell_of(res);
    char *id = sc_xasprintf("col-%zu", i + 1), *cls = sc_xasprintf("result r-%s", sc_cell_name(c));
    xmlNodePtr sec = sc_html_el(main, "section", "column"), h2, dl;

    xmlSetProp(sec, BAD_CAST "id", BAD_CAST id);
    h2 = sc_html_el(sec, "h2", NULL);
    sc_html_text_el(h2, "span", "impl", site->cols[i].impl);
    sc_html_text_el(h2, "span", "profile", site->cols[i].profile);
    sc_site_cell(sc_html_el(sec, "p", cls), c);
    if (res) {
        dl = sc_html_el(sec, "dl", "meta");
        term(dl, "Expected", res->expected);
        term(dl, "Did", res->actual);
        if (strcmp(res->expected, "reject") == 0 && strcmp(res->actual, "reject") == 0)
            term(dl, "Reason matched", res->verdict == SC_PASS ? "yes" : "no");
        if (res->known)
            term(dl, "Known from the baseline", res->known);
        if (res->message)
            sc_html_pre(sec, "message", res->message, 1);
        else if (res->verdict == SC_PASS)
            sc_html_text_el(sec, "p", NULL, strcmp(res->expected, "reject") == 0
                                               ? "Rejected for the declared reason."
                                               : "Output identical to the golden file.");
    }
    free(id);
    free(cls);
}

static int case_page(const struct sc_site *site, const struct sc_site_row *row, const char *dir, struct sc_diag *diag)
{
    xmlNodePtr body, main;
    char *title = sc_xasprintf("snapcheck case %s", row->id), *path = sc_xasprintf("%s/%s", dir, row->page);
    xmlDocPtr doc = sc_html_page(title, "../", 0, &body);
    int rc;

    sc_site_nav(body, "../", NULL);
    main = sc_html_el(body, "main", NULL);
    sc_html_text_el(main, "h1", NULL, row->id);
    suite_part(main, site, row);
    for (size_t i = 0; i < site->ncols; i++)
        column_part(main, site, row, i);
    rc = sc_html_save(doc, path, diag);
    xmlFreeDoc(doc);
    free(title);
    free(path);
    return rc;
}

int sc_site_case_pages(const struct sc_site *site, const char *dir, struct sc_diag *diag)
{
    for (size_t i = 0; i < site->nrows; i++) {
        if (case_page(site, &site->rows[i], dir, diag) < 0)
            return -1;
    }
    return 0;
}
