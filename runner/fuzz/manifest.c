/*
 * fuzz/manifest.c: libFuzzer target for the manifest reader.  A manifest
 * that loads must be written in canonical form as one that loads again
 * and is written the same way (what lint --fix relies on).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/datadir.h"
#include "suite/manifest.h"
#include "schema/schema.h"
#include "model/snapshot.h"

static struct sc_schema *grammar;
static struct sc_layout layout;   /* where case paths point; nothing is read there */

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct sc_diag_list diags = { 0 };
    char *dir = sc_data_dir();
    char *path = sc_data_rng(dir, "manifest.rng");

    (void)argc;
    (void)argv;
    sc_xml_init();
    /* libxml2's stray messages go to its generic handler, kept quiet */
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, quiet);
    if (!(grammar = sc_schema_load(path, &diags))) {
        fprintf(stderr, "fuzz: cannot load %s\n", path);
        abort();
    }
    sc_layout_builtin(&layout, "/d");
    free(path);
    free(dir);
    sc_diag_list_free(&diags);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sc_diag_list diags = { 0 };
    struct sc_manifest *m = sc_manifest_parse((const char *)data, size, "fuzz", grammar, &layout, &diags);

    sc_diag_list_free(&diags);
    if (!m)
        return 0;
    char *once = sc_manifest_format(m);
    struct sc_manifest *again = sc_manifest_parse(once, strlen(once), "canonical", grammar, &layout, &diags);
    if (!again) {
        fprintf(stderr, "fuzz: canonical manifest does not load: %s\n%s\n",
                diags.n ? diags.v[0].msg : "?", once);
        abort();
    }
    char *twice = sc_manifest_format(again);
    if (strcmp(once, twice) != 0) {
        fprintf(stderr, "fuzz: canonical form is not a fixed point:\n%s\n---\n%s\n", once, twice);
        abort();
    }
    sc_diag_list_free(&diags);
    sc_manifest_free(m);
    sc_manifest_free(again);
    free(once);
    free(twice);
    return 0;
}
