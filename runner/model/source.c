/*
 * source.c: a snapshot disk's <source>, read as libvirt's storage-source
 * parser reads it and written as its formatter writes it.
 *
 * Structure is checked strictly (no unknown or repeated children), as
 * rng/domainsnapshot.rng does; values are read with libvirt's rules
 * (xmlin.c), and defaults are filled in where libvirt fills them: a TCP
 * host without a port gets its protocol's well-known port.  What
 * libvirt reads but never writes back for a snapshot disk (cookies,
 * the index attribute, options a protocol ignores) is accepted and
 * dropped.  Network sources write no security labels: libvirt's
 * formatter leaves them out.
 */
#include "model/source.h"

#include <stdlib.h>
#include <string.h>

#include "model/xmlin.h"
#include "util/xmlout.h"

/* libvirt caps a label's length (VIR_SECURITY_LABEL_BUFLEN); a longer
 * one is dropped without a word. */
#define MAX_LABEL 4095

static const char *const auth_types[] = { "none", "chap", "ceph", NULL };
static const char *const encryption_formats[] = { "default", "qcow", "luks", "luks2", NULL };
static const char *const encryption_engines[] = { "default", "qemu", "librbd", NULL };

/* -- small readers ---------------------------------------------------- */

/* An optional yes/no attribute: -1 absent, else its value. */
static int yes_no_attr(xmlNodePtr node, const char *name, int *out, struct sc_error *err)
{
    char *v = sc_attr(node, name);

    *out = -1;
    if (!v)
        return 0;
    *out = sc_yes_no(v);
    if (*out < 0)
        sc_fail(err, node, "Invalid value for attribute '%s' in element '%s': '%s'.", name,
                (const char *)node->name, v);
    free(v);
    return *out < 0 ? -1 : 0;
}

/* An element that must be empty, with attributes from ALLOWED. */
static int empty_element(xmlNodePtr node, const char *const *allowed, struct sc_error *err)
{
    return sc_children_named(node, allowed, NULL, err) < 0 ? -1 : 0;
}

/* A non-empty attribute value, or NULL (libvirt's string(@name)). */
static char *nonempty_attr(xmlNodePtr node, const char *name)
{
    char *v = sc_attr(node, name);

    if (v && !*v) {
        free(v);
        v = NULL;
    }
    return v;
}

static int parse_secret(xmlNodePtr node, struct sc_secret *s, struct sc_error *err)
{
    static const char *const attrs[] = { "type", "uuid", "usage", NULL };
    char canonical[37];
    char *uuid;

    if (empty_element(node, attrs, err) < 0)
        return -1;
    s->type = sc_attr(node, "type");
    uuid = sc_attr(node, "uuid");
    s->usage = sc_attr(node, "usage");
    if (!uuid && !s->usage)
        return sc_fail(err, node, "missing secret uuid or usage attribute");
    if (uuid && s->usage) {
        free(uuid);
        return sc_fail(err, node, "either secret uuid or usage expected");
    }
    if (uuid && !sc_uuid_canonical(uuid, canonical)) {
        sc_fail(err, node, "invalid secret uuid '%s'", uuid);
        free(uuid);
        return -1;
    }
    if (uuid)
        s->uuid = sc_xstrdup(canonical);
    free(uuid);
    return 0;
}

static void secret_clear(struct sc_secret *s)
{
    free(s->type);
    free(s->uuid);
    free(s->usage);
}

/* -- security labels ---------------------------------------------- */

static int parse_seclabel(xmlNodePtr node, struct sc_source *src, const struct sc_source_opts *o,
                          struct sc_error *err)
{
    static const char *const attrs[] = { "model", "relabel", "labelskip", NULL };
    struct sc_seclabel *l;
    int relabel, skip;
    xmlNodePtr label = NULL;

    if (sc_children_named(node, attrs, "label", err) < 0)
        return -1;
    src->seclabels = sc_xrealloc(src->seclabels, (src->nseclabels + 1) * sizeof(*l));
    l = &src->seclabels[src->nseclabels++];
    memset(l, 0, sizeof(*l));
    l->model = sc_attr(node, "model");
    for (size_t i = 0; l->model && i + 1 < src->nseclabels; i++) {
        if (src->seclabels[i].model && strcmp(src->seclabels[i].model, l->model) == 0)
            return sc_fail(err, node, "seclabel for model %s is already provided", l->model);
    }
    if (yes_no_attr(node, "relabel", &relabel, err) < 0)
        return -1;
    l->relabel = relabel != 0;
    if (!o->internal) {
        if (yes_no_attr(node, "labelskip", &skip, err) < 0)
            return -1;
        l->labelskip = skip == 1;
    }
    for (xmlNodePtr c = node->children; c && !label; c = c->next)
        label = sc_is_element(c, "label") ? c : NULL;
    if (label) {
        if (sc_check_attrs(label, sc_no_attrs, err) < 0 || !(l->label = sc_element_text(label, err)))
            return -1;
        if (!*l->label || strlen(l->label) > MAX_LABEL) {
            free(l->label);
            l->label = NULL;
        }
    }
    if (l->label && !l->relabel)
        return sc_fail(err, node, "Cannot specify a label if relabelling is turned off. model=%s",
                       l->model ? l->model : "<null>");
    return 0;
}

static void format_seclabel(struct sc_buf *b, const struct sc_seclabel *l, int level)
{
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<seclabel");
    sc_xml_attr(b, "model", l->model);
    if (l->labelskip)
        sc_buf_puts(b, " labelskip='yes'");
    else
        sc_buf_printf(b, " relabel='%s'", l->relabel ? "yes" : "no");
    if (!l->label) {
        sc_buf_puts(b, "/>\n");
        return;
    }
    sc_buf_puts(b, ">\n");
    sc_xml_text_element(b, level + 1, "label", l->label);
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</seclabel>\n");
}

/* -- authentication, encryption, reservations, slices --------------- */

static int parse_auth(xmlNodePtr node, struct sc_source *src, struct sc_error *err)
{
    static const char *const attrs[] = { "username", "type", NULL };
    struct sc_auth *a = src->auth = sc_xcalloc(1, sizeof(*a));
    xmlNodePtr secret;
    char *type;

    if (sc_single_child(node, attrs, "secret", &secret, err) < 0)
        return -1;
    if (!(a->username = nonempty_attr(node, "username")))
        return sc_fail(err, node, "missing username for auth");
    a->type = -1;
    if ((type = nonempty_attr(node, "type"))) {
        a->type = sc_lookup(auth_types, type);
        if (a->type < 0)
            sc_fail(err, node, "unknown auth type '%s'", type);
        free(type);
        if (a->type < 0)
            return -1;
    }
    if (!secret)
        return sc_fail(err, node, "Missing <secret> element in auth");
    return parse_secret(secret, &a->secret, err);
}

static void format_secret(struct sc_buf *b, const struct sc_secret *s, int level)
{
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<secret");
    /* libvirt writes a secret's type unescaped, and a type holding & < or
     * a quote comes out as broken XML; the escaped form is what it means */
    sc_xml_attr(b, "type", s->type);
    if (s->uuid)
        sc_buf_printf(b, " uuid='%s'", s->uuid);
    else
        sc_xml_attr(b, "usage", s->usage);
    sc_buf_puts(b, "/>\n");
}

static void format_auth(struct sc_buf *b, const struct sc_auth *a, int level)
{
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<auth");
    if (a->type > 0)
        sc_buf_printf(b, " type='%s'", auth_types[a->type]);
    sc_xml_attr(b, "username", a->username);
    sc_buf_puts(b, ">\n");
    format_secret(b, &a->secret, level + 1);
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</auth>\n");
}

static int parse_cipher(xmlNodePtr node, struct sc_encryption *e, struct sc_error *err)
{
    static const char *const attrs[] = { "name", "size", "mode", "hash", NULL };
    char *size;

    if (empty_element(node, attrs, err) < 0)
        return -1;
    if (!(e->cipher_name = sc_attr(node, "name")))
        return sc_fail(err, node, "cipher info missing 'name' attribute");
    if (!(size = sc_attr(node, "size")))
        return sc_fail(err, node, "Missing required attribute 'size' in element 'cipher'");
    bool ok = sc_lv_parse_uint_p(size, &e->cipher_size);
    if (!ok)
        sc_fail(err, node, "Invalid value for attribute 'size' in element 'cipher': '%s'. "
                "Expected non-negative integer value", size);
    free(size);
    e->cipher_mode = sc_attr(node, "mode");
    e->cipher_hash = sc_attr(node, "hash");
    return ok ? 0 : -1;
}

static int parse_ivgen(xmlNodePtr node, struct sc_encryption *e, struct sc_error *err)
{
    static const char *const attrs[] = { "name", "hash", NULL };

    if (empty_element(node, attrs, err) < 0)
        return -1;
    if (!e->cipher_name)
        return sc_fail(err, node, "ivgen element found, but cipher is missing");
    if (!(e->ivgen_name = sc_attr(node, "name")))
        return sc_fail(err, node, "missing ivgen info name string");
    e->ivgen_hash = sc_attr(node, "hash");
    return 0;
}

static int parse_encryption(xmlNodePtr node, struct sc_source *src, struct sc_error *err)
{
    static const char *const attrs[] = { "format", "engine", NULL };
    struct sc_encryption *e = src->encryption = sc_xcalloc(1, sizeof(*e));
    xmlNodePtr cipher = NULL, ivgen = NULL;
    char *format, *engine;
    int ret = 0;

    if (sc_check_plain(node, attrs, err) < 0)
        return -1;
    if (!(format = nonempty_attr(node, "format")))
        return sc_fail(err, node, "unknown volume encryption format");
    e->format = sc_lookup(encryption_formats, format);
    if (e->format < 0)
        ret = sc_fail(err, node, "unknown volume encryption format type %s", format);
    free(format);
    engine = sc_attr(node, "engine");
    if (ret == 0 && engine && (e->engine = sc_lookup(encryption_engines, engine)) <= 0)
        ret = sc_fail(err, node, "Invalid value for attribute 'engine' in element 'encryption': '%s'.",
                      engine);
    free(engine);
    for (xmlNodePtr c = node->children; c && ret == 0; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (sc_is_element(c, "secret")) {
            e->secrets = sc_xrealloc(e->secrets, (e->nsecrets + 1) * sizeof(*e->secrets));
            memset(&e->secrets[e->nsecrets], 0, sizeof(*e->secrets));
            ret = parse_secret(c, &e->secrets[e->nsecrets++], err);
            if (ret == 0 && !e->secrets[e->nsecrets - 1].type)
                ret = sc_fail(err, c, "unknown volume encryption secret type");
            else if (ret == 0 && strcmp(e->secrets[e->nsecrets - 1].type, "passphrase") != 0)
                ret = sc_fail(err, c, "unknown volume encryption secret type %s",
                              e->secrets[e->nsecrets - 1].type);
        } else if (sc_is_element(c, "cipher")) {
            ret = sc_claim_once(&cipher, c, err);
        } else if (sc_is_element(c, "ivgen")) {
            ret = sc_claim_once(&ivgen, c, err);
        } else {
            ret = sc_fail(err, c, "unexpected element <%s> in <encryption>", (const char *)c->name);
        }
    }
    /* libvirt reads the cipher only for LUKS */
    if (ret == 0 && e->format == 2 && cipher)
        ret = parse_cipher(cipher, e, err);
    if (ret == 0 && e->format == 2 && ivgen)
        ret = parse_ivgen(ivgen, e, err);
    return ret;
}

static void format_encryption(struct sc_buf *b, const struct sc_encryption *e, int level)
{
    sc_buf_indent(b, level);
    sc_buf_printf(b, "<encryption format='%s'", encryption_formats[e->format]);
    if (e->engine > 0)
        sc_buf_printf(b, " engine='%s'", encryption_engines[e->engine]);
    /* always an open and a close tag, even with nothing between */
    sc_buf_puts(b, ">\n");
    for (size_t i = 0; i < e->nsecrets; i++)
        format_secret(b, &e->secrets[i], level + 1);
    if (e->format == 2 && e->cipher_name) {
        sc_buf_indent(b, level + 1);
        sc_buf_puts(b, "<cipher");
        sc_xml_attr(b, "name", e->cipher_name);
        sc_buf_printf(b, " size='%u'", e->cipher_size);
        sc_xml_attr(b, "mode", e->cipher_mode);
        sc_xml_attr(b, "hash", e->cipher_hash);
        sc_buf_puts(b, "/>\n");
        if (e->ivgen_name) {
            sc_buf_indent(b, level + 1);
            sc_buf_puts(b, "<ivgen");
            sc_xml_attr(b, "name", e->ivgen_name);
            sc_xml_attr(b, "hash", e->ivgen_hash);
            sc_buf_puts(b, "/>\n");
        }
    }
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</encryption>\n");
}

static int parse_reservations(xmlNodePtr node, struct sc_source *src, struct sc_error *err)
{
    static const char *const attrs[] = { "managed", NULL };
    static const char *const source_attrs[] = { "type", "path", "mode", NULL };
    xmlNodePtr source;
    char *type = NULL, *mode = NULL, *managed = sc_attr(node, "managed");
    int ret = -1;

    if (sc_single_child(node, attrs, "source", &source, err) < 0)
        goto out;
    if (!managed) {
        sc_fail(err, node, "Missing required attribute 'managed' in element 'reservations'");
        goto out;
    }
    if ((src->pr_managed = sc_yes_no(managed)) < 0) {
        sc_fail(err, node, "Invalid value for attribute 'managed' in element 'reservations': '%s'.",
                managed);
        goto out;
    }
    if (source && sc_check_attrs(source, source_attrs, err) < 0)
        goto out;
    if (source) {
        /* a <reconnect> under the socket is allowed, and not read */
        for (xmlNodePtr c = source->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && !sc_is_element(c, "reconnect")) {
                sc_fail(err, c, "unexpected element <%s> in <source>", (const char *)c->name);
                goto out;
            }
        }
        type = nonempty_attr(source, "type");
        src->pr_path = nonempty_attr(source, "path");
        mode = nonempty_attr(source, "mode");
    }
    if (src->pr_managed == 0 || type || src->pr_path || mode) {
        if (!type) {
            sc_fail(err, node, "missing connection type for <reservations/>");
            goto out;
        }
        if (!src->pr_path) {
            sc_fail(err, node, "missing path for <reservations/>");
            goto out;
        }
        if (!mode) {
            sc_fail(err, node, "missing connection mode for <reservations/>");
            goto out;
        }
    }
    if (type && strcmp(type, "unix") != 0)
        sc_fail(err, node, "unsupported connection type for <reservations/>: %s", type);
    else if (mode && strcmp(mode, "client") != 0)
        sc_fail(err, node, "unsupported connection mode for <reservations/>: %s", mode);
    else
        ret = 0;
out:
    free(managed);
    free(type);
    free(mode);
    return ret;
}

static void format_reservations(struct sc_buf *b, const struct sc_source *src, int level)
{
    sc_buf_indent(b, level);
    sc_buf_printf(b, "<reservations managed='%s'", src->pr_managed ? "yes" : "no");
    if (!src->pr_path) {
        sc_buf_puts(b, "/>\n");
        return;
    }
    sc_buf_puts(b, ">\n");
    sc_buf_indent(b, level + 1);
    sc_buf_puts(b, "<source type='unix'");
    sc_xml_attr(b, "path", src->pr_path);
    sc_buf_puts(b, " mode='client'/>\n");
    sc_buf_indent(b, level);
    sc_buf_puts(b, "</reservations>\n");
}

static int parse_number_attr(xmlNodePtr node, const char *name, unsigned long long *out,
                             struct sc_error *err)
{
    char *v = sc_attr(node, name);
    bool ok = sc_lv_parse_ull_p(v, out);

    if (!ok)
        sc_fail(err, node, "malformed value '%s' of '%s' attribute of %s", v ? v : "", name,
                (const char *)node->name);
    free(v);
    return ok ? 0 : -1;
}

/* libvirt reads the first storage slice and ignores anything else under
 * <slices> (the schema allows exactly that one). */
static int parse_slices(xmlNodePtr node, struct sc_source *src, struct sc_error *err)
{
    static const char *const attrs[] = { "type", "offset", "size", NULL };
    xmlNodePtr slice = NULL;
    char *offset, *size;
    int ret;

    if (sc_children_named(node, sc_no_attrs, "slice", err) < 0)
        return -1;
    for (xmlNodePtr c = node->children; c && !slice; c = c->next) {
        char *type = sc_is_element(c, "slice") ? sc_attr(c, "type") : NULL;
        slice = type && strcmp(type, "storage") == 0 ? c : NULL;
        free(type);
    }
    if (!slice)
        return 0;
    if (empty_element(slice, attrs, err) < 0)
        return -1;
    offset = nonempty_attr(slice, "offset");
    size = nonempty_attr(slice, "size");
    if (!offset || !size)
        ret = sc_fail(err, slice, "missing offset or size attribute of slice");
    else if ((ret = parse_number_attr(slice, "offset", &src->slice_offset, err)) == 0)
        ret = parse_number_attr(slice, "size", &src->slice_size, err);
    src->slice = ret == 0;
    free(offset);
    free(size);
    return ret;
}

/* -- network sources ------------------------------------------------ */

static int parse_host(xmlNodePtr node, struct sc_source *src, struct sc_error *err)
{
    static const char *const attrs[] = { "transport", "name", "port", "socket", NULL };
    struct sc_host *h;
    char *transport, *port = NULL;
    int ret = -1;

    if (empty_element(node, attrs, err) < 0)
        return -1;
    src->hosts = sc_xrealloc(src->hosts, (src->nhosts + 1) * sizeof(*h));
    h = &src->hosts[src->nhosts++];
    memset(h, 0, sizeof(*h));
    transport = sc_attr(node, "transport");
    h->socket = sc_attr(node, "socket");
    if (transport && (int)(h->transport = (enum sc_transport)sc_enum_lookup(&sc_transports, transport)) < 0) {
        sc_fail(err, node, "unknown protocol transport type '%s'", transport);
        goto out;
    }
    if (h->transport == SC_TRANSPORT_UNIX) {
        if (!h->socket)
            sc_fail(err, node, "missing socket for unix transport");
        else if (xmlHasProp(node, BAD_CAST "name") || xmlHasProp(node, BAD_CAST "port"))
            sc_fail(err, node, "a unix transport host takes a socket, not a name or port");
        else
            ret = 0;
        goto out;
    }
    if (h->socket) {
        sc_fail(err, node, "transport '%s' does not support socket attribute",
                transport ? transport : "(null)");
        goto out;
    }
    if (!(h->name = sc_attr(node, "name"))) {
        sc_fail(err, node, "missing name for host");
        goto out;
    }
    port = sc_attr(node, "port");
    if (port && !sc_lv_parse_uint_p(port, &h->port))
        sc_fail(err, node, "failed to parse port number '%s'", port);
    else if (port && h->port > 65535)
        sc_fail(err, node, "port '%s' out of range", port);
    else
        ret = 0;
    /* libvirt gives a TCP host without a port its protocol's own */
    if (ret == 0 && h->transport == SC_TRANSPORT_TCP && !h->port)
        h->port = sc_protocol_default_port(src->protocol);
out:
    free(transport);
    free(port);
    return ret;
}

static void format_host(struct sc_buf *b, const struct sc_host *h, int level)
{
    sc_buf_indent(b, level);
    sc_buf_puts(b, "<host");
    sc_xml_attr(b, "name", h->name);
    if (h->port)
        sc_buf_printf(b, " port='%u'", h->port);
    if (h->transport != SC_TRANSPORT_TCP)
        sc_buf_printf(b, " transport='%s'", sc_enum_string(&sc_transports, (int)h->transport));
    sc_xml_attr(b, "socket", h->socket);
    sc_buf_puts(b, "/>\n");
}

static int parse_network_attrs(xmlNodePtr node, struct sc_source *src, struct sc_error *err)
{
    char *protocol = sc_attr(node, "protocol");
    unsigned flags;
    int p;

    if (!protocol)
        return sc_fail(err, node, "Missing required attribute 'protocol' in element 'source'");
    p = sc_enum_lookup(&sc_protocols, protocol);
    if (p < 0) {
        sc_fail(err, node, "Invalid value for attribute 'protocol' in element 'source': '%s'.", protocol);
        free(protocol);
        return -1;
    }
    free(protocol);
    src->protocol = (enum sc_protocol)p;
    flags = sc_protocol_flags(src->protocol);
    if (!(src->path = sc_attr(node, "name")) && !(flags & P_NAMELESS))
        return sc_fail(err, node, "missing name for disk source");
    if (yes_no_attr(node, "tls", &src->tls, err) < 0)
        return -1;
    src->tls_hostname = sc_attr(node, "tlsHostname");
    if (src->path && (flags & P_POOL)) {
        const char *slash = strchr(src->path, '/');
        if (!slash || slash == src->path)
            return sc_fail(err, node, "can't split path '%s' into pool name and image name",
                           src->path);
    }
    if (flags & P_QUERY)
        src->query = sc_attr(node, "query");
    return 0;
}

static int parse_size_element(xmlNodePtr node, const char *attr, unsigned long long *out,
                              struct sc_error *err)
{
    const char *const attrs[] = { attr, NULL };
    char *v;

    if (empty_element(node, attrs, err) < 0)
        return -1;
    v = nonempty_attr(node, attr);
    if (v && !sc_lv_parse_ull_p(v, out)) {
        free(v);
        return sc_fail(err, node, "invalid readahead size or timeout");
    }
    free(v);
    return 0;
}

/* RFC 6265's characters, as libvirt checks them: no control character,
 * space, quote, comma, semicolon or backslash, and in a name no
 * separator either; a value may be quoted. */
static bool cookie_ok(const char *s, bool name)
{
    static const char never[] = " \",;\\", separators[] = "()<>@:/[]?={}";
    size_t n = strlen(s);

    if (!name && n >= 1 && s[0] == '"') {
        if (n < 2 || s[n - 1] != '"')
            return false;
        s++;
        n -= 2;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || strchr(never, c) || (name && strchr(separators, c)))
            return false;
    }
    return true;
}

static int parse_cookie(xmlNodePtr c, xmlNodePtr cookies, struct sc_error *err)
{
    static const char *const attrs[] = { "name", NULL };
    char *name = nonempty_attr(c, "name"), *value = NULL;
    int ret = sc_check_attrs(c, attrs, err);

    if (ret == 0 && !name)
        ret = sc_fail(err, c, "missing cookie name");
    if (ret == 0 && !(value = sc_element_text(c, err)))
        ret = -1;
    if (ret == 0 && !*value)
        ret = sc_fail(err, c, "missing value for cookie '%s'", name);
    if (ret == 0 && !cookie_ok(name, true))
        ret = sc_fail(err, c, "cookie name '%s' contains invalid characters", name);
    if (ret == 0 && !cookie_ok(value, false))
        ret = sc_fail(err, c, "value of cookie '%s' contains invalid characters", name);
    for (xmlNodePtr d = cookies->children; ret == 0 && d != c; d = d->next) {
        char *other = d->type == XML_ELEMENT_NODE ? sc_attr(d, "name") : NULL;
        if (other && strcmp(other, name) == 0)
            ret = sc_fail(err, c, "duplicate cookie '%s'", name);
        free(other);
    }
    free(name);
    free(value);
    return ret;
}

/* Cookies are read and checked, and never written back: libvirt's
 * formatter keeps them for secure output only. */
static int parse_cookies(xmlNodePtr node, struct sc_error *err)
{
    int n = sc_children_named(node, sc_no_attrs, "cookie", err);

    if (n < 0)
        return -1;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && parse_cookie(c, node, err) < 0)
            return -1;
    }
    return 0;
}

/* -- the source element ---------------------------------------------- */

struct slots {
    xmlNodePtr slices, auth, encryption, reservations, identity, snapshot, config,
        initiator, ssl, cookies, readahead, timeout;
};

/* The slot of a child that may appear once, or NULL: which children a
 * source takes depends on its type and protocol. */
static xmlNodePtr *slot_of(struct slots *s, const struct sc_source *src, xmlNodePtr c)
{
    unsigned flags = src->type == SC_STORAGE_NETWORK ? sc_protocol_flags(src->protocol) : 0;
    bool net = src->type == SC_STORAGE_NETWORK;
    const struct { const char *name; xmlNodePtr *slot; bool ok; } map[] = {
        { "slices", &s->slices, true }, { "auth", &s->auth, true },
        { "encryption", &s->encryption, true }, { "reservations", &s->reservations, true },
        { "identity", &s->identity, flags & P_NFS }, { "snapshot", &s->snapshot, net },
        { "config", &s->config, net }, { "initiator", &s->initiator, net },
        { "ssl", &s->ssl, flags & P_SSL }, { "cookies", &s->cookies, flags & P_COOKIES },
        /* libvirt's schema lets sheepdog and tftp carry these too; its
         * parser ignores them there */
        { "readahead", &s->readahead, (flags & P_PROPS) || src->protocol == SC_PROTOCOL_SHEEPDOG ||
                                      src->protocol == SC_PROTOCOL_TFTP },
        { "timeout", &s->timeout, (flags & P_PROPS) || src->protocol == SC_PROTOCOL_SHEEPDOG ||
                                  src->protocol == SC_PROTOCOL_TFTP },
    };

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (sc_is_element(c, map[i].name))
            return map[i].ok ? map[i].slot : NULL;
    }
    return NULL;
}

static int parse_attrs(xmlNodePtr node, struct sc_source *src, struct sc_error *err)
{
    static const char *const file_attrs[] = { "file", "fdgroup", "index", NULL };
    static const char *const block_attrs[] = { "dev", "index", NULL };
    static const char *const net_attrs[] = { "protocol", "name", "tls", "tlsHostname", "index", NULL };
    static const char *const http_attrs[] = { "protocol", "name", "tls", "tlsHostname", "index",
                                              "query", NULL };

    switch (src->type) {
    case SC_STORAGE_FILE:
        if (sc_check_attrs(node, file_attrs, err) < 0)
            return -1;
        src->path = sc_attr(node, "file");
        src->fdgroup = sc_attr(node, "fdgroup");
        return 0;
    case SC_STORAGE_BLOCK:
        if (sc_check_attrs(node, block_attrs, err) < 0)
            return -1;
        src->path = sc_attr(node, "dev");
        return 0;
    case SC_STORAGE_NETWORK:
        if (parse_network_attrs(node, src, err) < 0)
            return -1;
        return sc_check_attrs(node, sc_protocol_flags(src->protocol) & P_QUERY ? http_attrs : net_attrs,
                              err);
    case SC_STORAGE_NONE:
    case SC_STORAGE_DIR:
    case SC_STORAGE_VOLUME:
    case SC_STORAGE_NVME:
    case SC_STORAGE_VHOSTUSER:
    case SC_STORAGE_LAST:
        break;
    }
    return sc_fail(err, node, "unsupported disk snapshot type '%s'",
                   sc_enum_string(&sc_storages, (int)src->type));
}

static int parse_single(const struct slots *s, struct sc_source *src, struct sc_error *err)
{
    int r = 0;

    if (r == 0 && s->slices)
        r = parse_slices(s->slices, src, err);
    if (r == 0 && s->auth)
        r = parse_auth(s->auth, src, err);
    if (r == 0 && s->encryption)
        r = parse_encryption(s->encryption, src, err);
    if (r == 0 && s->reservations)
        r = parse_reservations(s->reservations, src, err);
    if (r == 0 && s->identity) {
        static const char *const attrs[] = { "user", "group", NULL };
        if ((r = empty_element(s->identity, attrs, err)) == 0) {
            src->nfs_user = sc_attr(s->identity, "user");
            src->nfs_group = sc_attr(s->identity, "group");
        }
    }
    if (r == 0 && s->snapshot) {
        static const char *const attrs[] = { "name", NULL };
        if ((r = empty_element(s->snapshot, attrs, err)) == 0)
            src->snapshot = nonempty_attr(s->snapshot, "name");
    }
    if (r == 0 && s->config) {
        static const char *const attrs[] = { "file", NULL };
        if ((r = empty_element(s->config, attrs, err)) == 0)
            src->config = nonempty_attr(s->config, "file");
    }
    if (r == 0 && s->initiator) {
        static const char *const attrs[] = { "name", NULL };
        xmlNodePtr iqn;
        if ((r = sc_single_child(s->initiator, sc_no_attrs, "iqn", &iqn, err)) == 0 && iqn &&
            (r = empty_element(iqn, attrs, err)) == 0)
            src->iqn = nonempty_attr(iqn, "name");
    }
    if (r == 0 && s->ssl) {
        static const char *const attrs[] = { "verify", NULL };
        if ((r = empty_element(s->ssl, attrs, err)) == 0)
            r = yes_no_attr(s->ssl, "verify", &src->ssl_verify, err);
    }
    if (r == 0 && s->cookies)
        r = parse_cookies(s->cookies, err);
    if (r == 0 && s->readahead && (sc_protocol_flags(src->protocol) & P_PROPS))
        r = parse_size_element(s->readahead, "size", &src->readahead, err);
    if (r == 0 && s->timeout && (sc_protocol_flags(src->protocol) & P_PROPS))
        r = parse_size_element(s->timeout, "seconds", &src->timeout, err);
    return r;
}

void sc_source_init(struct sc_source *src, enum sc_storage type)
{
    memset(src, 0, sizeof(*src));
    src->type = type;
    src->tls = src->ssl_verify = src->pr_managed = -1;
}

int sc_source_parse(xmlNodePtr node, struct sc_source *src, const struct sc_source_opts *opts,
                    struct sc_error *err)
{
    struct slots s = { 0 };

    if (parse_attrs(node, src, err) < 0 || sc_check_no_text(node, err) < 0)
        return -1;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        xmlNodePtr *slot;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (sc_is_element(c, "host") && src->type == SC_STORAGE_NETWORK) {
            if (parse_host(c, src, err) < 0)
                return -1;
        } else if (sc_is_element(c, "seclabel") && src->type != SC_STORAGE_NETWORK) {
            if (parse_seclabel(c, src, opts, err) < 0)
                return -1;
        } else if (!(slot = slot_of(&s, src, c))) {
            return sc_fail(err, c, "unexpected element <%s> in <source>", (const char *)c->name);
        } else if (sc_claim_once(slot, c, err) < 0) {
            return -1;
        }
    }
    if (parse_single(&s, src, err) < 0)
        return -1;
    /* libvirt takes an empty path for no path at all */
    if (src->path && !*src->path) {
        free(src->path);
        src->path = NULL;
    }
    return 0;
}

/* -- writing ---------------------------------------------------------- */

static void format_network_attrs(struct sc_buf *b, const struct sc_source *src)
{
    sc_buf_printf(b, " protocol='%s'", sc_enum_string(&sc_protocols, (int)src->protocol));
    sc_xml_attr(b, "name", src->path);
    sc_xml_attr(b, "query", src->query);
    if (src->tls >= 0)
        sc_buf_printf(b, " tls='%s'", src->tls ? "yes" : "no");
    sc_xml_attr(b, "tlsHostname", src->tls_hostname);
}

static void format_network_children(struct sc_buf *b, const struct sc_source *src, int level)
{
    for (size_t i = 0; i < src->nhosts; i++)
        format_host(b, &src->hosts[i], level);
    if (src->protocol == SC_PROTOCOL_NFS && (src->nfs_user || src->nfs_group)) {
        sc_buf_indent(b, level);
        sc_buf_puts(b, "<identity");
        sc_xml_attr(b, "user", src->nfs_user);
        sc_xml_attr(b, "group", src->nfs_group);
        sc_buf_puts(b, "/>\n");
    }
    if (src->snapshot) {
        sc_buf_indent(b, level);
        sc_buf_puts(b, "<snapshot");
        sc_xml_attr(b, "name", src->snapshot);
        sc_buf_puts(b, "/>\n");
    }
    if (src->config) {
        sc_buf_indent(b, level);
        sc_buf_puts(b, "<config");
        sc_xml_attr(b, "file", src->config);
        sc_buf_puts(b, "/>\n");
    }
    if (src->iqn) {
        sc_buf_indent(b, level);
        sc_buf_puts(b, "<initiator>\n");
        sc_buf_indent(b, level + 1);
        sc_buf_puts(b, "<iqn");
        sc_xml_attr(b, "name", src->iqn);
        sc_buf_puts(b, "/>\n");
        sc_buf_indent(b, level);
        sc_buf_puts(b, "</initiator>\n");
    }
    if (src->ssl_verify >= 0) {
        sc_buf_indent(b, level);
        sc_buf_printf(b, "<ssl verify='%s'/>\n", src->ssl_verify ? "yes" : "no");
    }
    if (src->readahead) {
        sc_buf_indent(b, level);
        sc_buf_printf(b, "<readahead size='%llu'/>\n", src->readahead);
    }
    if (src->timeout) {
        sc_buf_indent(b, level);
        sc_buf_printf(b, "<timeout seconds='%llu'/>\n", src->timeout);
    }
}

static void format_children(struct sc_buf *b, const struct sc_source *src, int level)
{
    if (src->type == SC_STORAGE_NETWORK)
        format_network_children(b, src, level);
    if (src->slice) {
        sc_buf_indent(b, level);
        sc_buf_puts(b, "<slices>\n");
        sc_buf_indent(b, level + 1);
        sc_buf_printf(b, "<slice type='storage' offset='%llu' size='%llu'/>\n", src->slice_offset,
                      src->slice_size);
        sc_buf_indent(b, level);
        sc_buf_puts(b, "</slices>\n");
    }
    for (size_t i = 0; src->type != SC_STORAGE_NETWORK && i < src->nseclabels; i++)
        format_seclabel(b, &src->seclabels[i], level);
    if (src->auth)
        format_auth(b, src->auth, level);
    if (src->encryption)
        format_encryption(b, src->encryption, level);
    if (src->pr_managed >= 0)
        format_reservations(b, src, level);
}

void sc_source_format(struct sc_buf *b, const struct sc_source *src, int level)
{
    struct sc_buf attrs = { 0 }, children = { 0 };

    switch (src->type) {
    case SC_STORAGE_FILE:
        sc_xml_attr(&attrs, "file", src->path);
        sc_xml_attr(&attrs, "fdgroup", src->fdgroup);
        break;
    case SC_STORAGE_BLOCK:
        sc_xml_attr(&attrs, "dev", src->path);
        break;
    case SC_STORAGE_NETWORK:
        format_network_attrs(&attrs, src);
        break;
    case SC_STORAGE_NONE:
    case SC_STORAGE_DIR:
    case SC_STORAGE_VOLUME:
    case SC_STORAGE_NVME:
    case SC_STORAGE_VHOSTUSER:
    case SC_STORAGE_LAST:
        break;
    }
    format_children(&children, src, level + 1);
    if (attrs.len || children.len) {
        sc_buf_indent(b, level);
        sc_buf_printf(b, "<source%s", attrs.data ? attrs.data : "");
        if (children.len) {
            sc_buf_printf(b, ">\n%s", children.data);
            sc_buf_indent(b, level);
            sc_buf_puts(b, "</source>\n");
        } else {
            sc_buf_puts(b, "/>\n");
        }
    }
    sc_buf_free(&attrs);
    sc_buf_free(&children);
}

void sc_source_clear(struct sc_source *src)
{
    free(src->path);
    free(src->fdgroup);
    free(src->query);
    free(src->tls_hostname);
    for (size_t i = 0; i < src->nhosts; i++) {
        free(src->hosts[i].name);
        free(src->hosts[i].socket);
    }
    free(src->hosts);
    free(src->nfs_user);
    free(src->nfs_group);
    free(src->snapshot);
    free(src->config);
    free(src->iqn);
    for (size_t i = 0; i < src->nseclabels; i++) {
        free(src->seclabels[i].model);
        free(src->seclabels[i].label);
    }
    free(src->seclabels);
    if (src->auth) {
        free(src->auth->username);
        secret_clear(&src->auth->secret);
        free(src->auth);
    }
    if (src->encryption) {
        struct sc_encryption *e = src->encryption;
        for (size_t i = 0; i < e->nsecrets; i++)
            secret_clear(&e->secrets[i]);
        free(e->secrets);
        free(e->cipher_name);
        free(e->cipher_mode);
        free(e->cipher_hash);
        free(e->ivgen_name);
        free(e->ivgen_hash);
        free(e);
    }
    free(src->pr_path);
    memset(src, 0, sizeof(*src));
}
