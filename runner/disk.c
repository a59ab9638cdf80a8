/*
 * disk.c: parse and format the disks of a snapshot.
 *
 * The rules mirror the disk pattern of rng/domainsnapshot.rng: modes
 * no/internal/manual take nothing else; the external form (explicit, or
 * implied by a source or driver) takes a file, block or network source,
 * a driver with a backing format and optional metadata cache, and the
 * snapshotDeleteInProgress marker.
 */
#include "disk.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "xmlin.h"
#include "xmlout.h"

static const char *const location_names[] = {
    [SC_LOC_DEFAULT] = "",
    [SC_LOC_NO] = "no",
    [SC_LOC_INTERNAL] = "internal",
    [SC_LOC_EXTERNAL] = "external",
    [SC_LOC_MANUAL] = "manual",
};
_Static_assert(sizeof(location_names) / sizeof(location_names[0]) == SC_LOC_LAST,
               "one name per location");

static const char *const disk_type_names[] = {
    [SC_DISK_FILE] = "file",
    [SC_DISK_BLOCK] = "block",
    [SC_DISK_NETWORK] = "network",
    NULL
};
_Static_assert(sizeof(disk_type_names) / sizeof(disk_type_names[0]) == SC_DISK_TYPE_LAST + 1,
               "one name per disk type");

/* Formats that can back an external snapshot overlay. */
static const char *const backing_formats[] = {
    "cow", "qcow", "qcow2", "qed", "vmdk", NULL
};

static const char *const protocols[] = {
    "nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp",
    "ftps", "tftp", "ssh", "vxhs", "nfs", NULL
};

const char *sc_location_to_string(enum sc_location loc)
{
    if (loc <= SC_LOC_DEFAULT || loc >= SC_LOC_LAST)
        return NULL;
    return location_names[loc];
}

int sc_location_from_string(const char *s)
{
    for (int i = SC_LOC_NO; s && i < SC_LOC_LAST; i++) {
        if (strcmp(location_names[i], s) == 0)
            return i;
    }
    return -1;
}

/* Scale of a size unit: b/byte(s) 1, k/KiB 1024, KB 1000, … (any case). */
static unsigned long long unit_scale(const char *unit)
{
    static const char prefixes[] = "kmgtpe";
    const char *p;
    unsigned long long scale = 1, base = 1024;

    if (!unit || !strcasecmp(unit, "b") || !strcasecmp(unit, "byte") ||
        !strcasecmp(unit, "bytes"))
        return 1;
    if (!unit[0] || !(p = strchr(prefixes, unit[0] | 0x20)))
        return 0;
    if (!strcasecmp(unit + 1, "b"))
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
    unit = sc_attr(node, "unit");
    if (!(scale = unit_scale(unit))) {
        sc_fail(err, node, "unknown size unit '%s'", unit);
        goto out;
    }
    if (!sc_parse_uint64(text, &value)) {
        sc_fail(err, node, "invalid metadata cache size '%s' (expected an unsigned integer)", text);
        goto out;
    }
    if (value > ULLONG_MAX / scale) {
        sc_fail(err, node, "metadata cache size '%s %s' is too large", text, unit);
        goto out;
    }
    d->cache_max = value * scale;
    ret = 0;
out:
    free(unit);
    free(text);
    return ret;
}

static int parse_driver(xmlNodePtr node, struct sc_disk *d, struct sc_error *err)
{
    static const char *const attrs[] = { "type", NULL };
    xmlNodePtr cache, size = NULL;

    if (sc_single_child(node, attrs, "metadata_cache", &cache, err) < 0)
        return -1;
    d->format = sc_attr(node, "type");
    if (d->format && sc_lookup(backing_formats, d->format) < 0)
        return sc_fail(err, node, "unknown disk snapshot driver '%s' (expected one of: cow, qcow, qcow2, qed, vmdk)",
                       d->format);
    if (cache && sc_single_child(cache, sc_no_attrs, "max_size", &size, err) < 0)
        return -1;
    return size ? parse_max_size(size, d, err) : 0;
}

static int parse_host(xmlNodePtr node, struct sc_host *h, struct sc_error *err)
{
    static const char *const attrs[] = { "transport", "name", "port", "socket", NULL };
    static const char *const transports[] = { "tcp", "rdma", "unix", NULL };
    unsigned long long port;

    if (sc_children_named(node, attrs, NULL, err) < 0)
        return -1;
    h->transport = sc_attr(node, "transport");
    h->name = sc_attr(node, "name");
    h->socket = sc_attr(node, "socket");
    h->port = sc_attr(node, "port");
    if (h->transport && sc_lookup(transports, h->transport) < 0)
        return sc_fail(err, node, "unknown host transport '%s' (expected one of: tcp, rdma, unix)", h->transport);
    if (h->transport && strcmp(h->transport, "unix") == 0) {
        if (h->name || h->port)
            return sc_fail(err, node, "a unix transport host takes a socket, not a name or port");
        if (!sc_valid_abs_path(h->socket))
            return sc_fail(err, node, "a unix transport host needs an absolute socket path");
        return 0;
    }
    if (h->socket)
        return sc_fail(err, node, "only a unix transport host takes a socket");
    if (!h->name || !*h->name)
        return sc_fail(err, node, "missing host name in network disk source");
    if (h->port && (!sc_parse_uint64(h->port, &port) || port > 65535))
        return sc_fail(err, node, "invalid port '%s' (expected 0 to 65535)", h->port);
    return 0;
}

static int parse_network_source(xmlNodePtr node, struct sc_disk *d, struct sc_error *err)
{
    static const char *const attrs[] = { "protocol", "name", NULL };
    int n = sc_children_named(node, attrs, "host", err);

    if (n < 0)
        return -1;
    d->protocol = sc_attr(node, "protocol");
    d->path = sc_attr(node, "name");
    if (!d->protocol)
        return sc_fail(err, node, "missing protocol in network disk source");
    if (sc_lookup(protocols, d->protocol) < 0)
        return sc_fail(err, node, "unknown network disk protocol '%s'", d->protocol);
    d->hosts = sc_xcalloc((size_t)n, sizeof(*d->hosts));
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && parse_host(c, &d->hosts[d->nhosts++], err) < 0)
            return -1;
    }
    return 0;
}

/* <source file='…'/> or <source dev='…'/>: one absolute path, no children. */
static int parse_path_source(xmlNodePtr node, struct sc_disk *d, const char *attr,
                             bool required, struct sc_error *err)
{
    const char *const attrs[] = { attr, NULL };

    if (sc_children_named(node, attrs, NULL, err) < 0)
        return -1;
    d->path = sc_attr(node, attr);
    if (!d->path && required)
        return sc_fail(err, node, "missing '%s' in %s disk source", attr,
                       disk_type_names[d->type]);
    if (d->path && !sc_valid_abs_path(d->path))
        return sc_fail(err, node, "disk source %s '%s' must be an absolute path", attr, d->path);
    return 0;
}

static int parse_source(xmlNodePtr node, struct sc_disk *d, struct sc_error *err)
{
    switch (d->type) {
    case SC_DISK_FILE:
        return parse_path_source(node, d, "file", false, err);
    case SC_DISK_BLOCK:
        return parse_path_source(node, d, "dev", true, err);
    case SC_DISK_NETWORK:
        return parse_network_source(node, d, err);
    case SC_DISK_TYPE_LAST:
        break;
    }
    return sc_fail(err, node, "internal error: unknown disk type");
}

static int parse_disk_attrs(xmlNodePtr node, struct sc_disk *d, struct sc_error *err)
{
    static const char *const attrs[] = { "name", "snapshot", "type", NULL };
    char *mode = NULL, *type = NULL;
    int ret = -1, v;

    if (sc_check_attrs(node, attrs, err) < 0)
        return -1;
    d->name = sc_attr(node, "name");
    mode = sc_attr(node, "snapshot");
    type = sc_attr(node, "type");
    if (!d->name)
        sc_fail(err, node, "missing name from disk snapshot element");
    else if (!sc_valid_disk_target(d->name) && !sc_valid_abs_path(d->name))
        sc_fail(err, node, "invalid disk name '%s' (expected a target such as vda, or an absolute path)", d->name);
    else if (mode && (v = sc_location_from_string(mode)) < 0)
        sc_fail(err, node, "unknown disk snapshot setting '%s'", mode);
    else if (type && (v = sc_lookup(disk_type_names, type)) < 0)
        sc_fail(err, node, "unknown disk snapshot type '%s'", type);
    else
        ret = 0;
    if (ret == 0 && mode)
        d->snapshot = (enum sc_location)sc_location_from_string(mode);
    if (ret == 0 && type) {
        d->type = (enum sc_disk_type)sc_lookup(disk_type_names, type);
        d->type_given = true;
    }
    free(mode);
    free(type);
    return ret;
}

/* Whether the disk has anything to write between <disk> and </disk>. */
static bool disk_has_children(const struct sc_disk *d)
{
    return d->path || d->protocol || d->format || d->cache_max || d->delete_in_progress;
}

static int parse_disk(xmlNodePtr node, struct sc_disk *d, struct sc_error *err)
{
    xmlNodePtr source = NULL, driver = NULL, deleting = NULL;

    if (parse_disk_attrs(node, d, err) < 0 || sc_check_no_text(node, err) < 0)
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
        (d->type_given || source || driver || deleting))
        return sc_fail(err, node, "disk '%s' with snapshot mode '%s' takes no type, source, driver or snapshotDeleteInProgress",
                       d->name, sc_location_to_string(d->snapshot));
    if (deleting) {
        /* empty: comments and whitespace aside, as for RELAX NG */
        if (sc_children_named(deleting, sc_no_attrs, NULL, err) < 0)
            return -1;
        d->delete_in_progress = true;
    }
    if (driver && parse_driver(driver, d, err) < 0)
        return -1;
    if (source && parse_source(source, d, err) < 0)
        return -1;
    if (d->type == SC_DISK_NETWORK && !source)
        return sc_fail(err, node, "network disk '%s' needs a <source> with a protocol", d->name);
    if (d->snapshot == SC_LOC_DEFAULT && (d->path || d->protocol || d->format || d->cache_max))
        d->snapshot = SC_LOC_EXTERNAL;
    return 0;
}

int sc_disk_list_parse(xmlNodePtr list_node, struct sc_disk_list *out,
                       struct sc_error *err)
{
    int n = sc_children_named(list_node, sc_no_attrs, "disk", err);

    if (n < 0)
        return -1;
    out->v = sc_xcalloc((size_t)n, sizeof(*out->v));
    for (xmlNodePtr c = list_node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && parse_disk(c, &out->v[out->n++], err) < 0)
            return -1;
    }
    return 0;
}

static void format_host(struct sc_buf *b, const struct sc_host *h, int level)
{
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<host");
    sc_xml_attr(b, "transport", h->transport);
    sc_xml_attr(b, "name", h->name);
    if (h->port)
        sc_buf_printf(b, " port='%llu'", strtoull(h->port, NULL, 10));
    sc_xml_attr(b, "socket", h->socket);
    sc_buf_puts(b, "/>\n");
}

static void format_source(struct sc_buf *b, const struct sc_disk *d, int level)
{
    if (!d->path && !d->protocol)
        return;
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<source");
    switch (d->type) {
    case SC_DISK_FILE:
        sc_xml_attr(b, "file", d->path);
        break;
    case SC_DISK_BLOCK:
        sc_xml_attr(b, "dev", d->path);
        break;
    case SC_DISK_NETWORK:
        sc_xml_attr(b, "protocol", d->protocol);
        sc_xml_attr(b, "name", d->path);
        break;
    case SC_DISK_TYPE_LAST:
        break;
    }
    if (!d->nhosts) {
        sc_buf_puts(b, "/>\n");
        return;
    }
    sc_buf_puts(b, ">\n");
    for (size_t i = 0; i < d->nhosts; i++)
        format_host(b, &d->hosts[i], level + 1);
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</source>\n");
}

static void format_driver(struct sc_buf *b, const struct sc_disk *d, int level)
{
    if (!d->format && !d->cache_max)
        return;
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<driver");
    sc_xml_attr(b, "type", d->format);
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

static void format_disk(struct sc_buf *b, const struct sc_disk *d, int level)
{
    bool children = disk_has_children(d);

    sc_buf_indent(b, level);
    sc_buf_puts(b, "<disk");
    sc_xml_attr(b, "name", d->name);
    sc_xml_attr(b, "snapshot", sc_location_to_string(d->snapshot));
    if (children || d->type_given)
        sc_xml_attr(b, "type", disk_type_names[d->type]);
    if (!children) {
        sc_buf_puts(b, "/>\n");
        return;
    }
    sc_buf_puts(b, ">\n");
    if (d->delete_in_progress) {
        sc_buf_indent(b, level + 1);
        sc_buf_puts(b, "<snapshotDeleteInProgress/>\n");
    }
    format_driver(b, d, level + 1);
    format_source(b, d, level + 1);
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</disk>\n");
}

void sc_disk_list_format(struct sc_buf *b, const char *name,
                         const struct sc_disk_list *list, int level)
{
    if (!list->n)
        return;
    sc_buf_indent(b, level);
    sc_buf_printf(b, "<%s>\n", name);
    for (size_t i = 0; i < list->n; i++)
        format_disk(b, &list->v[i], level + 1);
    sc_buf_indent(b, level);
    sc_buf_printf(b, "</%s>\n", name);
}

static void host_free(struct sc_host *h)
{
    free(h->transport);
    free(h->name);
    free(h->port);
    free(h->socket);
}

void sc_disk_list_free(struct sc_disk_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        struct sc_disk *d = &list->v[i];
        free(d->name);
        free(d->format);
        free(d->path);
        free(d->protocol);
        for (size_t j = 0; j < d->nhosts; j++)
            host_free(&d->hosts[j]);
        free(d->hosts);
    }
    free(list->v);
    list->v = NULL;
    list->n = 0;
}
