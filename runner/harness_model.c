/*
 * harness_model.c: properties of the reference model that no single
 * case shows: round trips of characters a parser would normalise, the
 * line numbers in errors, and the creationTime 0 corner of the format.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "snapshot.h"

static const struct sc_parse_opts redefine = { .redefine = true };

/* Parses TEXT in redefine mode; NULL with ERR set on rejection. */
static struct sc_snapshot *parse(const char *text, struct sc_error *err)
{
    xmlDocPtr doc = sc_xml_read_memory(text, strlen(text), "test.xml", err);

    return doc ? sc_snapshot_parse(doc, &redefine, err) : NULL;
}

static char *round_trip(const char *text)
{
    struct sc_error err;
    struct sc_snapshot *snap = parse(text, &err);
    char *out;

    if (!snap)
        fail_msg("rejected: line %ld: %s", err.line, err.msg);
    out = sc_snapshot_format(snap);
    sc_snapshot_free(snap);
    return out;
}

/* libvirt leaves out a creation time of 0, and redefine mode requires
 * one: such a snapshot's own output cannot be redefined. */
static void test_zero_creation_time_is_not_formatted(void **state)
{
    char *out = round_trip("<domainsnapshot><name>z</name><state>shutoff</state>"
                           "<creationTime>0</creationTime></domainsnapshot>");
    struct sc_error err;

    (void)state;
    assert_null(strstr(out, "creationTime"));
    assert_null(parse(out, &err));
    assert_string_equal(err.msg, "missing creationTime from existing snapshot");
    free(out);
}

/* CR in text, and TAB/LF in attributes, would be normalised by the next
 * parse if written raw; the formatter writes references instead. */
static void test_normalised_characters_round_trip(void **state)
{
    const char *doc =
        "<domainsnapshot><name>a&#13;b</name><state>paused</state>"
        "<creationTime>1</creationTime>"
        "<disks><disk name='vda' type='network'>"
        "<source protocol='nbd' name='ex&#9;po&#10;rt'/></disk></disks></domainsnapshot>";
    char *once = round_trip(doc);
    char *twice = round_trip(once);

    (void)state;
    assert_non_null(strstr(once, "<name>a&#13;b</name>"));
    assert_non_null(strstr(once, "name='ex&#9;po&#10;rt'"));
    assert_string_equal(once, twice);
    free(once);
    free(twice);
}

static void test_errors_carry_the_line(void **state)
{
    struct sc_error err;

    (void)state;
    assert_null(parse("<domainsnapshot>\n<name>x</name>\n<creationTime>1</creationTime>\n"
                      "\n<state>Paused</state>\n</domainsnapshot>\n", &err));
    assert_int_equal(err.line, 5);
    assert_string_equal(err.msg, "Invalid state 'Paused' in domain snapshot XML");
    assert_null(parse("<domainsnapshot>\n<name>x</name>\n</domainsnap", &err));
    assert_int_equal(err.line, 3);
}

int harness_run_model(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_creation_time_is_not_formatted),
        cmocka_unit_test(test_normalised_characters_round_trip),
        cmocka_unit_test(test_errors_carry_the_line),
    };

    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
