/*
 * snapshot_format.c: struct sc_snapshot back to canonical XML.
 *
 * Children come in the one order libvirt writes them; values are
 * escaped by xmlout.c; the kept domain and cookie subtrees are laid out
 * by sc_xml_write_node.
 */
#include "util/buf.h"
#include "model/features.h"
#include "model/snapshot.h"
#include "util/xmlout.h"

static void format_parent(struct sc_buf *b, const char *parent)
{
    if (!parent)
        return;
    sc_buf_puts(b, "  <parent>\n");
    sc_xml_text_element(b, 2, "name", parent);
    sc_buf_puts(b, "  </parent>\n");
}

static void format_memory(struct sc_buf *b, const struct sc_snapshot *snap)
{
    if (snap->memory == SC_LOC_DEFAULT)
        return;
    sc_buf_printf(b, "  <memory snapshot='%s'", sc_enum_string(&sc_locations, (int)snap->memory));
    sc_xml_attr(b, "file", snap->memory_file);
    sc_buf_puts(b, "/>\n");
}

/* <disks> when there are disks; before 1.0.1, for a disk-snapshot only,
 * and then even empty. */
static void format_disks(struct sc_buf *b, const struct sc_snapshot *snap)
{
    if (sc_has(snap->profile, SC_FEATURE_DISKS_WHEN_ANY) ? snap->disks.n > 0
                                                          : snap->state == SC_STATE_DISK_SNAPSHOT)
        sc_disk_list_format(b, "disks", &snap->disks, 1, snap->profile);
}

char *sc_snapshot_format(const struct sc_snapshot *snap)
{
    struct sc_buf b = { 0 };
    enum sc_profile p = snap->profile;

    sc_buf_puts(&b, "<domainsnapshot>\n");
    sc_xml_text_element(&b, 1, "name", snap->name);
    sc_xml_text_element(&b, 1, "description", snap->description);
    if (snap->state != SC_STATE_NOSTATE || !sc_has(p, SC_FEATURE_ZERO_NOT_WRITTEN))
        sc_xml_text_element(&b, 1, "state", sc_state_to_string(snap->state));
    format_parent(&b, snap->parent);
    if (snap->creation_time || !sc_has(p, SC_FEATURE_ZERO_NOT_WRITTEN))
        sc_buf_printf(&b, "  <creationTime>%lld</creationTime>\n", snap->creation_time);
    format_memory(&b, snap);
    format_disks(&b, snap);
    if (snap->revert_disks.n)
        sc_disk_list_format(&b, "revertDisks", &snap->revert_disks, 1, p);
    if (snap->domain) {
        /* written at the left margin before 0.9.7 */
        sc_xml_write_node(&b, snap->domain, sc_has(p, SC_FEATURE_DOMAIN_INDENTED) ? 1 : 0);
    } else if (snap->domain_uuid) {
        sc_buf_puts(&b, "  <domain>\n");
        sc_buf_printf(&b, "    <uuid>%s</uuid>\n", snap->domain_uuid);
        sc_buf_puts(&b, "  </domain>\n");
    }
    if (snap->inactive_domain)
        sc_xml_write_node(&b, snap->inactive_domain, 1);
    if (snap->cookie)
        sc_xml_write_node(&b, snap->cookie, 1);
    if (snap->internal)
        sc_buf_printf(&b, "  <active>%d</active>\n", snap->active);
    sc_buf_puts(&b, "</domainsnapshot>\n");
    return sc_buf_steal(&b);
}
