/*
 * snapshot_parse.c: from a libxml2 document to struct sc_snapshot.
 *
 * The parser is strict: it accepts what rng/domainsnapshot.rng accepts
 * and adds the rules a grammar cannot say (what each parse mode
 * requires, memory against offline states, 64-bit ranges).  Messages
 * use libvirt's wording where the format fixes it.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "util/buf.h"
#include "model/features.h"
#include "model/snapshot.h"
#include "model/xmlin.h"
#include "util/xmlread.h"

/* The children of <domainsnapshot>, each at most once. */
struct children {
    xmlNodePtr name, description, state, parent, creation_time, memory,
        disks, revert_disks, active, domain, inactive_domain, cookie;
};

static const char *const domain_types[] = {
    "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware",
    "hyperv", "vbox", "phyp", "vz", "bhyve", "hvf", NULL
};

static xmlNodePtr *child_slot(struct children *ch, xmlNodePtr node)
{
    const struct { const char *name; xmlNodePtr *slot; } map[] = {
        { "name", &ch->name }, { "description", &ch->description },
        { "state", &ch->state }, { "parent", &ch->parent },
        { "creationTime", &ch->creation_time }, { "memory", &ch->memory },
        { "disks", &ch->disks }, { "revertDisks", &ch->revert_disks },
        { "active", &ch->active }, { "domain", &ch->domain },
        { "inactiveDomain", &ch->inactive_domain }, { "cookie", &ch->cookie },
    };

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (sc_is_element(node, map[i].name))
            return map[i].slot;
    }
    return NULL;
}

static int collect_children(xmlNodePtr root, struct children *ch, struct sc_error *err)
{
    if (sc_check_plain(root, sc_no_attrs, err) < 0)
        return -1;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        xmlNodePtr *slot = child_slot(ch, c);
        if (!slot)
            return sc_fail_part(err, "root", c, "unexpected element <%s> in <domainsnapshot>",
                                (const char *)c->name);
        if (sc_claim_once(slot, c, err) < 0)
            return -1;
    }
    return 0;
}

/* Text of an optional text-only element; *OUT is NULL when absent or
 * empty, as libvirt reads an empty element as a missing one. */
static int read_text(xmlNodePtr node, char **out, struct sc_error *err)
{
    *out = NULL;
    if (!node)
        return 0;
    if (sc_check_attrs(node, sc_no_attrs, err) < 0)
        return -1;
    char *s = sc_element_text(node, err);
    if (!s)
        return -1;
    if (!*s) {
        free(s);
        return 0;
    }
    *out = s;
    return 0;
}

/* An empty <name> in <parent> means no parent, as for libvirt. */
static int parse_parent(xmlNodePtr node, struct sc_snapshot *snap, struct sc_error *err)
{
    xmlNodePtr name;

    if (sc_single_child(node, sc_no_attrs, "name", &name, err) < 0)
        return -1;
    if (!name)
        return sc_fail(err, node, "missing <name> in <parent>");
    if (read_text(name, &snap->parent, err) < 0)
        return -1;
    if (snap->parent && snap->name && strcmp(snap->parent, snap->name) == 0)
        return sc_fail(err, name, "cannot set moment %s as its own parent", snap->name);
    return 0;
}

static int parse_state(xmlNodePtr node, enum sc_profile profile, struct sc_snapshot *snap,
                       struct sc_error *err)
{
    char *text = NULL;
    int state;

    if (read_text(node, &text, err) < 0)
        return -1;
    if (!text)
        return sc_fail_part(err, "state", node, "missing state from existing snapshot");
    state = sc_state_from_string(text);
    if (state < 0 || !sc_state_accepted_in((enum sc_state)state, profile)) {
        sc_fail(err, node, "Invalid state '%s' in domain snapshot XML", text);
        free(text);
        return -1;
    }
    snap->state = (enum sc_state)state;
    free(text);
    return 0;
}

/* Any decimal libvirt's strtoll-based reading takes: whitespace before,
 * a sign, leading zeros. */
static int parse_creation_time(xmlNodePtr node, struct sc_snapshot *snap,
                               struct sc_error *err)
{
    char *text = NULL;
    bool ok;

    if (read_text(node, &text, err) < 0)
        return -1;
    ok = text && sc_lv_parse_ll(text, &snap->creation_time);
    free(text);
    if (!ok)
        return sc_fail_part(err, "creationTime", node, "missing creationTime from existing snapshot");
    return 0;
}

/* The attributes of <memory>; the rules between them and the state
 * come after, in check_memory, in libvirt's order. */
static int parse_memory(xmlNodePtr node, struct sc_snapshot *snap, struct sc_error *err)
{
    static const char *const attrs[] = { "snapshot", "file", NULL };
    char *mode;
    int loc = SC_LOC_DEFAULT;

    /* empty: comments and whitespace aside, as for RELAX NG */
    if (sc_children_named(node, attrs, NULL, err) < 0)
        return -1;
    mode = sc_attr(node, "snapshot");
    snap->memory_file = sc_attr(node, "file");
    if (mode && (loc = sc_enum_lookup(&sc_locations, mode)) <= 0)
        sc_fail(err, node, "Invalid value for attribute 'snapshot' in element 'memory': '%s'.", mode);
    free(mode);
    if (loc < 0 || (mode && loc == 0))
        return -1;
    if (loc == SC_LOC_MANUAL)
        return sc_fail(err, node, "'manual' memory snapshot mode not supported");
    if (loc == SC_LOC_DEFAULT && !snap->memory_file)
        return sc_fail(err, node, "<memory> needs a 'snapshot' mode or a 'file'");
    snap->memory = (enum sc_location)loc;
    return 0;
}

static int check_memory(xmlNodePtr node, const struct sc_parse_opts *opts,
                        struct sc_snapshot *snap, struct sc_error *err)
{
    /* libvirt treats create mode as online unless told otherwise */
    bool offline = opts->redefine && sc_state_is_offline(snap->state);

    if (snap->memory == SC_LOC_DEFAULT) {
        if (snap->memory_file)
            snap->memory = SC_LOC_EXTERNAL;
        else if (opts->redefine)
            snap->memory = offline ? SC_LOC_NO : SC_LOC_INTERNAL;
    }
    if (snap->memory_file && snap->memory != SC_LOC_EXTERNAL)
        return sc_fail_part(err, "memory", node, "memory filename '%s' requires external snapshot",
                            snap->memory_file);
    if (!snap->memory_file && snap->memory == SC_LOC_EXTERNAL)
        return sc_fail_part(err, "memory", node, "external memory snapshots require a filename");
    if (offline && snap->memory != SC_LOC_DEFAULT && snap->memory != SC_LOC_NO)
        return sc_fail_part(err, "memory", node,
                            "memory state cannot be saved with offline or disk-only snapshot");
    if (snap->memory_file && snap->memory_file[0] != '/')
        return sc_fail_part(err, "memory", node, "memory snapshot file path (%s) must be absolute",
                            snap->memory_file);
    return 0;
}

/* A valid <name> or <uuid> of a domain, at most once each. */
static int check_domain_ids(xmlNodePtr node, struct sc_error *err)
{
    xmlNodePtr name = NULL, uuid = NULL;
    char *text = NULL;
    int ret = 0;

    for (xmlNodePtr c = node->children; c && ret == 0; c = c->next) {
        if (sc_is_element(c, "name"))
            ret = sc_claim_once(&name, c, err);
        else if (sc_is_element(c, "uuid"))
            ret = sc_claim_once(&uuid, c, err);
    }
    if (ret == 0 && name && sc_check_attrs(name, sc_no_attrs, err) < 0)
        ret = -1;
    if (ret == 0 && uuid && sc_check_attrs(uuid, sc_no_attrs, err) < 0)
        ret = -1;
    if (ret == 0 && name) {
        text = sc_element_text(name, err);
        if (!text)
            ret = -1;
        else if (!sc_valid_domain_name(text))
            ret = sc_fail(err, name, "invalid domain name '%s' (expected a non-empty line)", text);
        free(text);
    }
    if (ret == 0 && uuid) {
        text = sc_element_text(uuid, err);
        if (!text)
            ret = -1;
        else if (!sc_valid_uuid(text))
            ret = sc_fail(err, uuid, "invalid domain uuid '%s'", text);
        free(text);
    }
    return ret;
}

/* The old form <domain><uuid>…</uuid></domain>, from before snapshots
 * carried the whole definition.  libvirt keeps no domain for it and
 * writes the uuid of the domain the snapshot belongs to, in its
 * canonical form. */
static int parse_uuid_only_domain(xmlNodePtr node, struct sc_snapshot *snap, struct sc_error *err)
{
    xmlNodePtr uuid = NULL;
    char canonical[37];

    if (sc_check_plain(node, sc_no_attrs, err) < 0)
        return -1;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!sc_is_element(c, "uuid"))
            return sc_fail(err, c, "a <domain> without a type holds only <uuid>, not <%s>",
                           (const char *)c->name);
        uuid = c;
    }
    if (!uuid)
        return sc_fail(err, node, "a <domain> without a type must hold a <uuid>");
    if (check_domain_ids(node, err) < 0)
        return -1;
    xmlChar *text = xmlNodeGetContent(uuid);
    if (sc_uuid_canonical((const char *)text, canonical))
        snap->domain_uuid = sc_xstrdup(canonical);
    xmlFree(text);
    return 0;
}

static int check_domain(xmlNodePtr node, struct sc_error *err)
{
    static const char *const attrs[] = { "type", "id", NULL };
    char *type = sc_attr(node, "type");
    int ret;

    if (!type)
        return sc_fail(err, node, "missing domain type on <%s>", (const char *)node->name);
    if (sc_lookup(domain_types, type) < 0)
        ret = sc_fail(err, node, "unknown domain type '%s'", type);
    else if (sc_check_plain(node, attrs, err) < 0)
        ret = -1;
    else
        ret = check_domain_ids(node, err);
    free(type);
    return ret;
}

static int parse_cookie(xmlNodePtr node, struct sc_snapshot *snap, struct sc_error *err)
{
    if (sc_check_plain(node, sc_no_attrs, err) < 0)
        return -1;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            snap->cookie = node;
            break;
        }
    }
    return 0;
}

/* libvirt reads <active> as any integer and writes 0 or 1. */
static int parse_active(xmlNodePtr node, struct sc_snapshot *snap, struct sc_error *err)
{
    char *text = NULL;
    int value = 0;

    if (read_text(node, &text, err) < 0)
        return -1;
    bool ok = text && sc_lv_parse_int(text, &value);
    free(text);
    if (!ok)
        return sc_fail_part(err, "active", node, "Could not find 'active' element");
    snap->active = value != 0;
    snap->internal = true;
    return 0;
}

/* What only redefine mode reads: the snapshot's identity and history. */
static int parse_redefine(xmlNodePtr root, const struct children *ch,
                          const struct sc_parse_opts *opts, struct sc_snapshot *snap,
                          struct sc_error *err)
{
    if (!snap->name)
        return sc_fail_part(err, "name", ch->name ? ch->name : root,
                            "a redefined snapshot must have a name");
    if (!ch->creation_time)
        return sc_fail_part(err, "creationTime", root, "missing creationTime from existing snapshot");
    if (parse_creation_time(ch->creation_time, snap, err) < 0)
        return -1;
    if (ch->parent && parse_parent(ch->parent, snap, err) < 0)
        return -1;
    if (!ch->state)
        return sc_fail_part(err, "state", root, "missing state from existing snapshot");
    if (parse_state(ch->state, opts->profile, snap, err) < 0)
        return -1;
    if (ch->domain) {
        xmlChar *type = xmlGetProp(ch->domain, BAD_CAST "type");
        int r = type ? check_domain(ch->domain, err) : parse_uuid_only_domain(ch->domain, snap, err);
        xmlFree(type);
        if (r < 0)
            return -1;
        snap->domain = type ? ch->domain : NULL;
    }
    if (ch->inactive_domain && check_domain(ch->inactive_domain, err) < 0)
        return -1;
    snap->inactive_domain = ch->inactive_domain;
    return 0;
}

/* A child the profile's release does not have yet is refused, as that
 * release's schema refuses it (its parser would ignore it). */
static int check_release(const struct children *ch, enum sc_profile profile, struct sc_error *err)
{
    const struct { xmlNodePtr node; enum sc_feature feature; } later[] = {
        { ch->memory, SC_FEATURE_MEMORY }, { ch->cookie, SC_FEATURE_COOKIE },
        { ch->inactive_domain, SC_FEATURE_INACTIVE_DOMAIN },
        { ch->revert_disks, SC_FEATURE_REVERT_DISKS },
    };
    char why[256];

    for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
        if (later[i].node && !sc_has(profile, later[i].feature))
            return sc_fail(err, later[i].node, "%s",
                           sc_feature_refusal(profile, later[i].feature, why, sizeof(why)));
    }
    return 0;
}

static int parse_root(xmlNodePtr root, const struct sc_parse_opts *opts,
                      struct sc_snapshot *snap, struct sc_error *err)
{
    struct children ch = { 0 };
    struct sc_source_opts so = { .redefine = opts->redefine || opts->internal,
                                 .internal = opts->internal, .profile = opts->profile };

    if (!sc_is_element(root, "domainsnapshot"))
        return sc_fail_part(err, "root", root, "unexpected root element <%s>, expecting <domainsnapshot>",
                            root ? (const char *)root->name : "");
    if (collect_children(root, &ch, err) < 0 || check_release(&ch, opts->profile, err) < 0 ||
        read_text(ch.name, &snap->name, err) < 0 ||
        read_text(ch.description, &snap->description, err) < 0)
        return -1;
    if (opts->redefine || opts->internal) {
        if (parse_redefine(root, &ch, opts, snap, err) < 0)
            return -1;
    } else {
        snap->creation_time = opts->now;
        if (!snap->name)
            snap->name = sc_xasprintf("%lld", opts->now);
    }
    if (ch.memory && parse_memory(ch.memory, snap, err) < 0)
        return -1;
    /* before <memory>, a release had no memory rules to apply */
    if (sc_has(opts->profile, SC_FEATURE_MEMORY) &&
        check_memory(ch.memory ? ch.memory : root, opts, snap, err) < 0)
        return -1;
    if (ch.disks && sc_disk_list_parse(ch.disks, &snap->disks, &so, err) < 0)
        return -1;
    if (ch.revert_disks && sc_disk_list_parse(ch.revert_disks, &snap->revert_disks, &so, err) < 0)
        return -1;
    if (opts->internal && !ch.active)
        return sc_fail_part(err, "active", root, "Could not find 'active' element");
    if (opts->internal && parse_active(ch.active, snap, err) < 0)
        return -1;
    if (ch.cookie && parse_cookie(ch.cookie, snap, err) < 0)
        return -1;
    if (opts->redefine && !opts->internal && sc_snapshot_align_check(snap, err) < 0)
        return -1;
    return 0;
}

/* A copy of NODE under the root of KEPT.  Copying into a document of
 * its own declares, on the copy, any namespace the subtree uses but an
 * ancestor declared, so that the subtree can be written on its own. */
static xmlNodePtr keep(xmlDocPtr kept, xmlNodePtr node)
{
    xmlNodePtr copy = node ? xmlDocCopyNode(node, kept, 1) : NULL;

    if (copy)
        xmlAddChild(xmlDocGetRootElement(kept), copy);
    return copy;
}

struct sc_snapshot *sc_snapshot_parse(xmlDocPtr doc, const struct sc_parse_opts *opts,
                                      struct sc_error *err)
{
    struct sc_snapshot *snap = sc_xcalloc(1, sizeof(*snap));

    snap->doc = doc;
    snap->profile = opts->profile;
    if (parse_root(xmlDocGetRootElement(doc), opts, snap, err) < 0) {
        sc_snapshot_free(snap);
        return NULL;
    }
    for (size_t i = 0; i < snap->disks.n; i++)
        snap->disks.v[i].node = NULL;
    for (size_t i = 0; i < snap->revert_disks.n; i++)
        snap->revert_disks.v[i].node = NULL;
    /* the subtrees written back are kept; the rest of the input goes */
    xmlDocPtr kept = xmlNewDoc(BAD_CAST "1.0");
    xmlDocSetRootElement(kept, xmlNewDocNode(kept, NULL, BAD_CAST "domainsnapshot", NULL));
    snap->domain = keep(kept, snap->domain);
    snap->inactive_domain = keep(kept, snap->inactive_domain);
    snap->cookie = keep(kept, snap->cookie);
    xmlFreeDoc(doc);
    snap->doc = kept;
    return snap;
}

int sc_snapshot_check(xmlDocPtr doc, const struct sc_parse_opts *opts, struct sc_error *err)
{
    struct sc_snapshot *snap = sc_xcalloc(1, sizeof(*snap));
    int rc;

    snap->doc = doc;
    rc = parse_root(xmlDocGetRootElement(doc), opts, snap, err);
    /* the kept subtrees are the document's own: freed with it */
    snap->domain = snap->inactive_domain = snap->cookie = NULL;
    sc_snapshot_free(snap);
    return rc < 0 ? -1 : 0;
}

void sc_snapshot_free(struct sc_snapshot *snap)
{
    if (!snap)
        return;
    free(snap->name);
    free(snap->description);
    free(snap->parent);
    free(snap->memory_file);
    free(snap->domain_uuid);
    sc_disk_list_free(&snap->disks);
    sc_disk_list_free(&snap->revert_disks);
    sc_xml_free_doc(snap->doc);
    free(snap);
}
