/*
 * tests/harness.c: the cmocka harness behind "make check": loads the
 * suite and runs every group (tests/harness.h), each through
 * tests/groups.c.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <libxml/parser.h>

#include "suite/suite.h"
#include "util/datadir.h"
#include "model/snapshot.h"
#include "tests/fixture.h"
#include "tests/groups.h"

int main(void)
{
    struct sc_diag_list diags = { 0 };
    struct sc_layout layout;
    char *datadir;
    int failed = 0;

    sc_xml_init();
    /* each test names the suite a command works on, whatever the shell
     * that runs make check has set */
    unsetenv("SNAPCHECK_CASES");
    datadir = sc_data_dir();
    sc_layout_builtin(&layout, datadir);
    harness_suite = sc_suite_load(&layout, NULL, &diags);
    sc_layout_clear(&layout);
    if (!harness_suite) {
        sc_diag_list_print(stderr, datadir, &diags);
        return 1;
    }
    if (!harness_fixture_start())
        return 1;
    harness_start();
    failed += harness_run_cases();
    failed += harness_run_validators();
    failed += harness_run_model();
    failed += harness_run_values();
    failed += harness_run_tables();
    failed += harness_run_profiles();
    failed += harness_run_profile_cases();
    failed += harness_run_corpus();
    failed += harness_run_cli();
    failed += harness_run_usage();
    failed += harness_run_gate();
    failed += harness_run_gate_counts();
    failed += harness_run_gate_smoke();
    failed += harness_run_gate_ci();
    failed += harness_run_report_html();
    failed += harness_run_compare();
    failed += harness_run_term();
    failed += harness_run_dropin();
    failed += harness_run_probe();
    failed += harness_run_workflow();
    failed += harness_run_hostile();
    failed += harness_run_hostile_names();
    failed += harness_run_hostile_impl();
    failed += harness_run_hostile_schema();
    failed += harness_run_project();
    failed += harness_run_install();
    failed += harness_run_layout();
    sc_suite_free(harness_suite);
    sc_diag_list_free(&diags);
    free(datadir);
    xmlCleanupParser();
    return harness_summary(failed);
}
