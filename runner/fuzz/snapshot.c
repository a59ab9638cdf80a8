/*
 * fuzz/snapshot.c: libFuzzer target for the parser and formatter.
 *
 * The first byte picks the parse mode, the rest is the document.  Beyond
 * "no crash", it checks the formatter's contract: whatever parses
 * formats to a document that parses again in the same mode and formats
 * to the same bytes (but for a redefined creation time of 0, and for
 * whitespace a parser normalises, see below); and the output of a
 * schema-valid input is itself schema-valid.  A broken contract aborts,
 * which libFuzzer reports with the input.  SNAPCHECK_DATADIR (or the
 * source tree) supplies the schema.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/datadir.h"
#include "schema/schema.h"
#include "model/snapshot.h"

static struct sc_schema *schema;

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sc_diag_list diags = { 0 };
    char *path = sc_default_schema_path();

    (void)argc;
    (void)argv;
    sc_xml_init();
    /* libxml2's stray messages go to its generic handler, kept quiet */
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, quiet);
    schema = sc_schema_load(path, &diags);
    if (!schema) {
        fprintf(stderr, "fuzz: cannot load %s\n", path);
        abort();
    }
    free(path);
    sc_diag_list_free(&diags);
    return 0;
}

static bool schema_valid(xmlDocPtr doc)
{
    struct sc_diag_list diags = { 0 };
    size_t errors = sc_schema_validate(schema, doc, &diags);

    sc_diag_list_free(&diags);
    return errors == 0;
}

/* libvirt writes CR, and TAB or LF in an attribute, as they are, and so
 * does the formatter; the next parse normalises them, so such an output
 * is only a fixed point from the second round on. */
static bool normalised_by_parsing(const char *text)
{
    if (strchr(text, '\r'))
        return true;
    for (const char *p = strstr(text, "='"); p; p = strstr(p, "='")) {
        const char *end = strchr(p + 2, '\'');
        if (!end)
            break;
        if (memchr(p + 2, '\t', (size_t)(end - p - 2)) || memchr(p + 2, '\n', (size_t)(end - p - 2)))
            return true;
        p = end;
    }
    return false;
}

static void broken(const char *what, const char *text)
{
    fprintf(stderr, "fuzz: %s\n--- output:\n%s\n", what, text ? text : "");
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sc_parse_opts opts = { .now = 1700000000 };
    struct sc_error err;

    if (size < 1)
        return 0;
    opts.redefine = data[0] % 3 != 0;
    opts.internal = data[0] % 3 == 2;
    xmlDocPtr doc = sc_xml_read_memory((const char *)data + 1, size - 1, "fuzz", &err);
    if (!doc)
        return 0;
    bool valid = schema_valid(doc);
    struct sc_snapshot *snap = sc_snapshot_parse(doc, &opts, &err);
    if (!snap)
        return 0;
    /* A creation time of 0 is not formatted (as libvirt does), so in
     * redefine mode such a snapshot's output cannot be parsed again: a
     * property of the format, which tests/model.c asserts. */
    bool unformattable_time = opts.redefine && snap->creation_time == 0;
    char *once = sc_snapshot_format(snap);
    sc_snapshot_free(snap);
    if (unformattable_time) {
        free(once);
        return 0;
    }
    xmlDocPtr again = sc_xml_read_memory(once, strlen(once), "formatted", &err);
    if (!again)
        broken("formatted output is not well-formed", once);
    if (valid && !schema_valid(again))
        broken("formatted output of a schema-valid document is not schema-valid", once);
    snap = sc_snapshot_parse(again, &opts, &err);
    if (!snap)
        broken(err.msg, once);
    char *twice = sc_snapshot_format(snap);
    if (strcmp(once, twice) != 0 && !normalised_by_parsing(once))
        broken("formatting is not a fixed point", twice);
    sc_snapshot_free(snap);
    free(once);
    free(twice);
    return 0;
}
