/*
 * disk.c: parse and format the disks of a snapshot.
 *
 * A disk names its mode (no, internal, external, manual, or none); only
 * the external form (explicit, or implied by a source path or a driver
 * format, as libvirt infers it) takes a type, a driver and a source.
 * The source is source.c's.  Written back, a disk carries its type and
 * children only when it has a path or a format: that is when libvirt's
 * formatter writes them.
 */
#include "model/disk.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/features.h"
#include "model/xmlin.h"
#include "util/xmlout.h"

/* Scale of a size unit as libvirt reads it: b, byte, bytes 1; k or
 * KiB 1024; KB 1000; and so on to exa (any case); 0 for an unknown one. */
static unsigned long long unit_scale(const char *unit)
{
    static const char prefixes[] = "kmgtpe";
    const char *p;
    unsigned long long scale = 1, base = 1024;

    if (!unit || !*unit || !strcasecmp(unit, "b") || !strcasecmp(unit, "byte") ||
        !strcasecmp(unit, "bytes"))
        return 1;
    if (!(p = strchr(prefixes, unit[0] | 0x20)))
        return 0;
    if (unit[1] && !unit[2] && (unit[1] | 0x20) == 'b')
        base = 1000;
    else if (unit[1] && strcasecmp(unit + 1, "ib"))
        return 0;
    for (const char *q = prefixes; q <= p; q++)
        scale *= base;
    return scale;
}

static int parse_max_size(xmlNodePtr node, struct sc_disk *d, struct sc_error *err)
{
    static const char *const attrs[] = { "unit", NULL };
    char *unit = NULL, *text = NULL;
    unsigned long long value, scale;
    int ret = -1;

    if (sc_check_attrs(node, attrs, err) < 0 || !(text = sc_element_text(node, err)))
        goto out;
    if (!*text) {
        ret = 0;    /* libvirt reads an empty size as none */
        goto out;
    }
    unit = sc_attr(node, "unit");
    if (!sc_lv_parse_ull_p(text, &value)) {
        sc_fail(err, node, "Invalid value '%s' for element or attribute "
                "'./driver/metadata_cache/max_size'", text);
        goto out;
    }
    if (!(scale = unit_scale(unit))) {
        sc_fail(err, node, "unknown suffix '%s'", unit);
        goto out;
    }
    if (value && value > ULLONG_MAX / scale) {
        sc_fail(err, node, "value too large: %llu%s", value, unit ? unit : "");
        goto out;
    }
    d->cache_max = value * scale;
    ret = 0;
out:
    free(unit);
    free(text);
    return ret;
}

/* Refuses NODE as a part of the format PROFILE's release lacks. */
static int refuse_later(xmlNodePtr node, enum sc_profile profile, enum sc_feature feature,
                        struct sc_error *err)
{
    char why[256];

    return sc_fail(err, node, "%s", sc_feature_refusal(profile, feature, why, sizeof(why)));
}

static int parse_driver(xmlNodePtr node, struct sc_disk *d, enum sc_profile profile,
                        struct sc_error *err)
{
    static const char *const attrs[] = { "type", NULL };
    xmlNodePtr cache, size = NULL;
    char *format;

    if (sc_single_child(node, attrs, "metadata_cache", &cache, err) < 0)
        return -1;
    format = sc_attr(node, "type");
    if (format && *format) {
        int f = sc_enum_lookup(&sc_formats, format);
        if (f <= 0) {
            sc_fail(err, node, "unknown disk snapshot driver '%s'", format);
            free(format);
            return -1;
        }
        d->format = (enum sc_format)f;
    }
    free(format);
    if (cache && !sc_has(profile, SC_FEATURE_METADATA_CACHE))
        return refuse_later(cache, profile, SC_FEATURE_METADATA_CACHE, err);
    if (cache && sc_single_child(cache, sc_no_attrs, "max_size", &size, err) < 0)
        return -1;
    return size ? parse_max_size(size, d, err) : 0;
}

/* An enumerated attribute of <disk>, refusing the "not given" value
 * spelt out as libvirt does. */
static int enum_attr(xmlNodePtr node, const char *name, const struct sc_enum *e, int *out,
                     struct sc_error *err)
{
    char *v = sc_attr(node, name);

    if (!v)
        return 0;
    *out = sc_enum_lookup(e, v);
    if (*out <= 0)
        sc_fail(err, node, "Invalid value for attribute '%s' in element 'disk': '%s'.", name, v);
    free(v);
    return *out <= 0 ? -1 : 0;
}

/* The disk type of each storage, and the release it came in. */
static enum sc_feature type_feature(enum sc_storage type)
{
    switch (type) {
    case SC_STORAGE_BLOCK:
        return SC_FEATURE_BLOCK_DISK;
    case SC_STORAGE_NETWORK:
        return SC_FEATURE_NETWORK_DISK;
    case SC_STORAGE_FILE:
    case SC_STORAGE_NONE:
    case SC_STORAGE_DIR:
    case SC_STORAGE_VOLUME:
    case SC_STORAGE_NVME:
    case SC_STORAGE_VHOSTUSER:
    case SC_STORAGE_LAST:
        break;
    }
    return SC_FEATURE_DISK_TYPE;
}

static int parse_disk_attrs(xmlNodePtr node, struct sc_disk *d, enum sc_profile profile,
                            struct sc_error *err)
{
    static const char *const attrs[] = { "name", "snapshot", "type", NULL };
    int mode = SC_LOC_DEFAULT, type = SC_STORAGE_FILE;

    if (sc_check_attrs(node, attrs, err) < 0)
        return -1;
    if (!(d->name = sc_attr(node, "name")))
        return sc_fail(err, node, "missing name from disk snapshot element");
    if (enum_attr(node, "snapshot", &sc_locations, &mode, err) < 0 ||
        enum_attr(node, "type", &sc_storages, &type, err) < 0)
        return -1;
    d->snapshot = (enum sc_location)mode;
    if (d->snapshot == SC_LOC_MANUAL && !sc_has(profile, SC_FEATURE_MANUAL_DISK))
        return refuse_later(node, profile, SC_FEATURE_MANUAL_DISK, err);
    if (xmlHasProp(node, BAD_CAST "type") && !sc_has(profile, type_feature((enum sc_storage)type)))
        return refuse_later(node, profile, type_feature((enum sc_storage)type), err);
    sc_source_init(&d->src, (enum sc_storage)type);
    /* libvirt refuses dir and volume; nvme and vhostuser its parser
     * takes but its schema does not, and snapcheck follows the schema */
    if (!(sc_storage_flags(d->src.type) & S_SNAPSHOT))
        return sc_fail(err, node, "unsupported disk snapshot type '%s'",
                       sc_enum_string(&sc_storages, type));
    return 0;
}

/* Whether a <source> carries nothing but file=, as before the general
 * storage-source parser. */
static bool file_only(xmlNodePtr source)
{
    for (xmlAttrPtr a = source->properties; a; a = a->next) {
        if (!xmlStrEqual(a->name, BAD_CAST "file"))
            return false;
    }
    for (xmlNodePtr c = source->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return false;
    }
    return true;
}

static int parse_disk(xmlNodePtr node, struct sc_disk *d, const struct sc_source_opts *opts,
                      struct sc_error *err)
{
    xmlNodePtr source = NULL, driver = NULL, deleting = NULL;

    d->node = node;
    sc_source_init(&d->src, SC_STORAGE_FILE);
    if (parse_disk_attrs(node, d, opts->profile, err) < 0 || sc_check_no_text(node, err) < 0)
        return -1;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        xmlNodePtr *slot;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (sc_is_element(c, "source"))
            slot = &source;
        else if (sc_is_element(c, "driver"))
            slot = &driver;
        else if (sc_is_element(c, "snapshotDeleteInProgress"))
            slot = &deleting;
        else
            return sc_fail(err, c, "unexpected element <%s> in <disk>", (const char *)c->name);
        if (sc_claim_once(slot, c, err) < 0)
            return -1;
    }
    if (d->snapshot != SC_LOC_DEFAULT && d->snapshot != SC_LOC_EXTERNAL &&
        (xmlHasProp(node, BAD_CAST "type") || source || driver || deleting))
        return sc_fail(err, node, "disk '%s' with snapshot mode '%s' takes no type, source, driver or snapshotDeleteInProgress",
                       d->name, sc_enum_string(&sc_locations, (int)d->snapshot));
    if (deleting && !sc_has(opts->profile, SC_FEATURE_DELETE_IN_PROGRESS))
        return refuse_later(deleting, opts->profile, SC_FEATURE_DELETE_IN_PROGRESS, err);
    if (source && !sc_has(opts->profile, SC_FEATURE_SOURCE_CONTENT) && !file_only(source))
        return refuse_later(source, opts->profile, SC_FEATURE_SOURCE_CONTENT, err);
    if (deleting) {
        /* empty: comments and whitespace aside, as for RELAX NG */
        if (sc_children_named(deleting, sc_no_attrs, NULL, err) < 0)
            return -1;
        /* a mark of libvirt's own; a new snapshot has none to keep */
        d->delete_in_progress = opts->redefine;
    }
    if (source && sc_source_parse(source, &d->src, opts, err) < 0)
        return -1;
    if (driver && parse_driver(driver, d, opts->profile, err) < 0)
        return -1;
    if (d->src.type == SC_STORAGE_NETWORK && !source)
        return sc_fail(err, node, "network disk '%s' needs a <source> with a protocol", d->name);
    if (d->src.type != SC_STORAGE_NETWORK && d->src.path && d->src.path[0] != '/')
        return sc_fail(err, source, "disk snapshot image path '%s' must be absolute", d->src.path);
    if (d->snapshot == SC_LOC_DEFAULT && (d->src.path || d->format))
        d->snapshot = SC_LOC_EXTERNAL;
    return 0;
}

int sc_disk_list_parse(xmlNodePtr list_node, struct sc_disk_list *out,
                       const struct sc_source_opts *opts, struct sc_error *err)
{
    int n = sc_children_named(list_node, sc_no_attrs, "disk", err);

    if (n < 0)
        return -1;
    out->v = sc_xcalloc((size_t)n, sizeof(*out->v));
    for (xmlNodePtr c = list_node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && parse_disk(c, &out->v[out->n++], opts, err) < 0)
            return -1;
    }
    return 0;
}

static void format_driver(struct sc_buf *b, const struct sc_disk *d, int level)
{
    if (!d->format && !d->cache_max)
        return;
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<driver");
    if (d->format)
        sc_buf_printf(b, " type='%s'", sc_enum_string(&sc_formats, (int)d->format));
    if (!d->cache_max) {
        sc_buf_puts(b, "/>\n");
        return;
    }
    sc_buf_puts(b, ">\n");
    sc_buf_indent(b, level + 1);
    sc_buf_puts(b, "<metadata_cache>\n");
    sc_buf_indent(b, level + 2);
    sc_buf_printf(b, "<max_size unit='bytes'>%llu</max_size>\n", d->cache_max);
    sc_buf_indent(b, level + 1);
    sc_buf_puts(b, "</metadata_cache>\n");
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</driver>\n");
}

/* The disk as PROFILE's release writes it: before 1.2.2 without type=,
 * before 0.9.7 with its <source> before its <driver>. */
static void format_disk(struct sc_buf *b, const struct sc_disk *d, int level,
                        enum sc_profile profile)
{
    struct sc_buf children = { 0 };
    bool located = d->src.path || d->format;

    if (d->delete_in_progress) {
        sc_buf_indent(&children, level + 1);
        sc_buf_puts(&children, "<snapshotDeleteInProgress/>\n");
    }
    if (located && sc_has(profile, SC_FEATURE_DRIVER_FIRST)) {
        format_driver(&children, d, level + 1);
        sc_source_format(&children, &d->src, level + 1);
    } else if (located) {
        sc_source_format(&children, &d->src, level + 1);
        format_driver(&children, d, level + 1);
    }
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<disk");
    sc_xml_attr(b, "name", d->name);
    if (d->snapshot != SC_LOC_DEFAULT)
        sc_buf_printf(b, " snapshot='%s'", sc_enum_string(&sc_locations, (int)d->snapshot));
    if (located && sc_has(profile, SC_FEATURE_DISK_TYPE))
        sc_buf_printf(b, " type='%s'", sc_enum_string(&sc_storages, (int)d->src.type));
    if (children.len) {
        sc_buf_printf(b, ">\n%s", children.data);
        sc_buf_indent(b, level);
        sc_buf_puts(b, "</disk>\n");
    } else {
        sc_buf_puts(b, "/>\n");
    }
    sc_buf_free(&children);
}

void sc_disk_list_format(struct sc_buf *b, const char *name,
                         const struct sc_disk_list *list, int level, enum sc_profile profile)
{
    sc_buf_indent(b, level);
    sc_buf_printf(b, "<%s>\n", name);
    for (size_t i = 0; i < list->n; i++)
        format_disk(b, &list->v[i], level + 1, profile);
    sc_buf_indent(b, level);
    sc_buf_printf(b, "</%s>\n", name);
}

void sc_disk_list_free(struct sc_disk_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->v[i].name);
        sc_source_clear(&list->v[i].src);
    }
    free(list->v);
    list->v = NULL;
    list->n = 0;
}
