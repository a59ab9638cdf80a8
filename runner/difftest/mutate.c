/*
 * mutate.c: variants of a base document for the differential tester.
 *
 * Each mutation copies the base, finds its target in the copy by the
 * path of child indexes recorded on the base, changes one thing and
 * serialises the copy.  The envelope is everything outside the embedded
 * domains and the cookie; those three elements are targets themselves,
 * but nothing inside them is.  The value lists below are what libvirt
 * 9.0's parser knows (its enum tables; the states from the state
 * table) plus near-misses.
 */
#include "difftest/mutate.h"

#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "model/states.h"

#define MAX_DEPTH 16

struct target {
    int path[MAX_DEPTH];     /* child element indexes from the root */
    int depth;
    char *xpath;             /* /domainsnapshot/disks/disk[2] */
    char *shape;             /* /domainsnapshot/disks/disk */
};

struct ctx {
    xmlDocPtr base;
    struct sc_variant_list *out;
};

/* The states of libvirt 9.0's enum, from the state table (fill_states),
 * then these near-misses. */
static const char *const state_near_misses[] = { "Running", "RUNNING", "hibernated", "7", NULL };
static const char *states[SC_STATE_LAST + sizeof(state_near_misses) / sizeof(state_near_misses[0])];
static pthread_once_t states_once = PTHREAD_ONCE_INIT;

static void fill_states(void)
{
    int p = sc_profile_find("libvirt-9.0");
    size_t n = 0;

    for (int i = 0; i < SC_STATE_LAST; i++) {
        if (sc_state_value((enum sc_state)i, (enum sc_profile)p) >= 0)
            states[n++] = sc_state_to_string((enum sc_state)i);
    }
    for (size_t i = 0; state_near_misses[i]; i++)
        states[n++] = state_near_misses[i];
    states[n] = NULL;
}
static const char *const locations[] = {
    "default", "no", "internal", "external", "manual", "No", "bogus", NULL
};
static const char *const storage_types[] = {
    "none", "file", "block", "dir", "network", "volume", "nvme", "vhostuser", "File", NULL
};
static const char *const formats[] = {
    "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
    "ploop", "cow", "qcow", "qcow2", "qed", "vmdk", "luks", "auto", "QCOW2", NULL
};
static const char *const protocols[] = {
    "none", "nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp",
    "ftps", "tftp", "ssh", "vxhs", "nfs", "NBD", "smb", NULL
};
static const char *const transports[] = { "tcp", "unix", "rdma", "TCP", "udp", NULL };
static const char *const units[] = {
    "b", "bytes", "byte", "k", "KiB", "KB", "kib", "M", "MiB", "G", "GB", "T", "P",
    "E", "EiB", "Z", "KiBs", "", NULL
};
static const char *const yes_no[] = { "yes", "no", "on", "default", "YES", NULL };
static const char *const active_values[] = { "0", "1", "2", "-1", "yes", NULL };

/* Which element/attribute slot takes which enumeration. */
static const struct {
    const char *element, *attr;      /* attr NULL: the element's text */
    const char *const *values;
} enums[] = {
    { "state", NULL, states },
    { "memory", "snapshot", locations },
    { "disk", "snapshot", locations },
    { "disk", "type", storage_types },
    { "driver", "type", formats },
    { "source", "protocol", protocols },
    { "host", "transport", transports },
    { "max_size", "unit", units },
    { "seclabel", "relabel", yes_no },
    { "seclabel", "labelskip", yes_no },
    { "source", "tls", yes_no },
    { "reservations", "managed", yes_no },
    { "active", NULL, active_values },
};

/* Children a disk's <source> may carry in libvirt's storage-source
 * syntax, and near-misses of each. */
static const char *const source_children[] = {
    "<seclabel model='dac' relabel='no'/>",
    "<seclabel model='selinux' relabel='yes'><label>system_u:object_r:svirt_image_t:s0</label></seclabel>",
    "<seclabel relabel='yes'/>",
    "<seclabel model='dac' labelskip='yes'/>",
    "<seclabel model='dac' relabel='no'><label>nobody</label></seclabel>",
    "<seclabel model='dac' relabel='no'/><seclabel model='dac' relabel='yes'/>",
    "<seclabel model='dac' relabel='no'/><seclabel model='selinux' relabel='no'/>",
    "<seclabel model='dac' relabel='maybe'/>",
    "<auth username='admin'><secret type='ceph' usage='mycluster'/></auth>",
    "<auth username='admin'><secret type='iscsi' uuid='3f7c5e2a-6b1d-4c8e-9a0f-1e2d3c4b5a69'/></auth>",
    "<auth type='chap' username='admin'><secret usage='target'/></auth>",
    "<auth username='admin'/>",
    "<auth><secret usage='x'/></auth>",
    "<auth username='admin'><secret type='ceph'/></auth>",
    "<auth username='admin'><secret uuid='not-a-uuid'/></auth>",
    "<auth type='kerberos' username='admin'><secret usage='x'/></auth>",
    "<encryption format='luks'><secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption>",
    "<encryption format='qcow'><secret type='passphrase' usage='vol'/></encryption>",
    "<encryption format='luks' engine='qemu'><secret type='passphrase' usage='vol'/></encryption>",
    "<encryption format='rot13'/>",
    "<reservations managed='yes'/>",
    "<reservations managed='no'><source type='unix' path='/run/pr-helper.sock' mode='client'/></reservations>",
    "<reservations managed='no'/>",
    "<reservations managed='maybe'/>",
    "<slices><slice type='storage' offset='512' size='1048576'/></slices>",
    "<slices><slice type='storage' offset='-1' size='10'/></slices>",
    "<slices><slice type='storage' size='10'/></slices>",
    "<initiator><iqn name='iqn.2013-07.com.example:client'/></initiator>",
    "<cookies><cookie name='session'>abc123</cookie></cookies>",
    "<cookies><cookie name='a'>1</cookie><cookie name='a'>2</cookie></cookies>",
    "<ssl verify='no'/>",
    "<ssl verify='maybe'/>",
    "<readahead size='65536'/>",
    "<readahead size='lots'/>",
    "<timeout seconds='10'/>",
    "<snapshot name='snap1'/>",
    "<config file='/etc/ceph/ceph.conf'/>",
    "<identity user='qemu' group='kvm'/>",
    "<privateData><relPath>x</relPath></privateData>",
    "<address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>",
    "<reconnect enabled='yes' timeout='10'/>",
    "<host name='extra.example.org'/>",
};

/* A network source's hosts. */
static const char *const hosts[] = {
    "<host name='h.example.org'/>",
    "<host name='h.example.org' port='10809'/>",
    "<host name='h.example.org' port='0'/>",
    "<host name='h.example.org' port='65535'/>",
    "<host name='h.example.org' port='65536'/>",
    "<host name='h.example.org' port='+22'/>",
    "<host name='h.example.org' port=' 22'/>",
    "<host name='h.example.org' port='022'/>",
    "<host name='h.example.org' port='-1'/>",
    "<host name='h.example.org' port=''/>",
    "<host port='22' name='h.example.org' transport='tcp'/>",
    "<host transport='rdma' name='h.example.org' port='4420'/>",
    "<host transport='unix' socket='/run/nbd.sock'/>",
    "<host transport='unix' socket='relative.sock'/>",
    "<host transport='unix' name='h' socket='/run/nbd.sock'/>",
    "<host transport='unix'/>",
    "<host socket='/run/nbd.sock'/>",
    "<host name=''/>",
    "<host/>",
    "<host name='h.example.org'><extra/></host>",
};

/* Whole sources of each storage type and network protocol. */
static const struct { const char *type, *source; } typed_sources[] = {
    { "file", "<source file='/var/lib/libvirt/images/overlay.qcow2'/>" },
    { "file", "<source file='/var/lib/libvirt/images/overlay.qcow2' fdgroup='group1'/>" },
    { "file", "<source file='relative/overlay.qcow2'/>" },
    { "file", "<source file=''/>" },
    { "file", "<source dev='/dev/sdb'/>" },
    { "block", "<source dev='/dev/vg0/snap'/>" },
    { "block", "<source file='/var/lib/x.qcow2'/>" },
    { "block", "<source/>" },
    { "dir", "<source dir='/srv/images'/>" },
    { "volume", "<source pool='default' volume='snap.qcow2'/>" },
    { "nvme", "<source type='pci' managed='yes' namespace='1'><address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source>" },
    { "vhostuser", "<source type='unix' path='/run/vhost.sock'/>" },
    { "network", "<source protocol='nbd' name='export'><host name='nbd.example.org' port='10809'/></source>" },
    { "network", "<source protocol='nbd'><host transport='unix' socket='/run/nbd.sock'/></source>" },
    { "network", "<source protocol='nbd' tls='yes' tlsHostname='nbd.example.org'><host name='nbd.example.org'/></source>" },
    { "network", "<source protocol='rbd' name='pool/image'><host name='mon1.example.org' port='6789'/><host name='mon2.example.org'/></source>" },
    { "network", "<source protocol='rbd' name='image'/>" },
    { "network", "<source protocol='rbd' name='/image'/>" },
    { "network", "<source protocol='gluster' name='volume/dir/image.qcow2'><host name='gluster.example.org'/></source>" },
    { "network", "<source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-pool/1'><host name='iscsi.example.org' port='3260'/></source>" },
    { "network", "<source protocol='sheepdog' name='image'><host name='sheep.example.org'/></source>" },
    { "network", "<source protocol='http' name='/images/a.qcow2' query='token=1'><host name='web.example.org'/></source>" },
    { "network", "<source protocol='https' name='/images/a.qcow2'><host name='web.example.org' port='8443'/><ssl verify='no'/></source>" },
    { "network", "<source protocol='ftp' name='/images/a.qcow2'><host name='ftp.example.org'/></source>" },
    { "network", "<source protocol='ftps' name='/images/a.qcow2'><host name='ftp.example.org'/></source>" },
    { "network", "<source protocol='tftp' name='/a.qcow2'><host name='tftp.example.org'/></source>" },
    { "network", "<source protocol='ssh' name='/images/a.qcow2'><host name='ssh.example.org'/></source>" },
    { "network", "<source protocol='vxhs' name='eb90327c-8302-4725-9e1b-4e85ed4dc251'><host name='vxhs.example.org' port='9999'/></source>" },
    { "network", "<source protocol='nfs' name='/export/a.qcow2'><host name='nfs.example.org'/><identity user='qemu' group='kvm'/></source>" },
    { "network", "<source protocol='iscsi'><host name='x'/></source>" },
    { "network", "<source name='x'/>" },
    { "network", "<source protocol='bogus' name='x'/>" },
};

static const char *const driver_forms[] = {
    "<driver type='qcow2'/>",
    "<driver/>",
    "<driver type=''/>",
    "<driver type='qcow2'><metadata_cache><max_size unit='KiB'>2048</max_size></metadata_cache></driver>",
    "<driver type='qcow2'><metadata_cache><max_size>4096</max_size></metadata_cache></driver>",
    "<driver type='qcow2'><metadata_cache><max_size unit='bytes'>0</max_size></metadata_cache></driver>",
    "<driver type='qcow2'><metadata_cache><max_size unit='EiB'>16</max_size></metadata_cache></driver>",
    "<driver type='qcow2'><metadata_cache><max_size unit='KiB'>+10</max_size></metadata_cache></driver>",
    "<driver type='qcow2'><metadata_cache><max_size unit='KiB'> 10</max_size></metadata_cache></driver>",
    "<driver type='qcow2'><metadata_cache/></driver>",
    "<driver type='qcow2'><metadata_cache><max_size/></metadata_cache></driver>",
    "<driver><metadata_cache><max_size>1</max_size></metadata_cache></driver>",
    "<driver type='qcow2' name='qemu'/>",
};

/* Top-level elements added where the base lacks them. */
static const char *const additions[] = {
    "<description>added</description>",
    "<description/>",
    "<parent><name>base</name></parent>",
    "<parent><name/></parent>",
    "<parent/>",
    "<parent><name>a</name><name>b</name></parent>",
    "<memory snapshot='no'/>",
    "<memory snapshot='internal'/>",
    "<memory file='/var/lib/libvirt/qemu/snapshot/mem.save'/>",
    "<memory snapshot='external' file='/var/lib/libvirt/qemu/snapshot/mem.save'/>",
    "<memory snapshot='manual'/>",
    "<memory/>",
    "<disks/>",
    "<revertDisks/>",
    "<active>1</active>",
    "<active>0</active>",
    "<cookie><cpu mode='custom'><model>qemu64</model></cpu></cookie>",
    "<cookie/>",
    "<creationTime>1</creationTime>",
    "<state>running</state>",
    "<name>added</name>",
    "<owner>someone</owner>",
    "<sx:extra xmlns:sx='urn:snapcheck:x'/>",
};

static const char *const digits_values[] = {
    "0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "0x10", "1e3", "1.5", "00", NULL
};

/* -- bookkeeping ----------------------------------------------------- */

static void add_variant(struct ctx *c, xmlDocPtr doc, const char *label, const char *group)
{
    xmlChar *mem = NULL;
    int size = 0;

    xmlDocDumpMemory(doc, &mem, &size);
    if (!mem)
        return;
    if (c->out->n == c->out->cap) {
        c->out->cap = c->out->cap ? c->out->cap * 2 : 256;
        c->out->v = sc_xrealloc(c->out->v, c->out->cap * sizeof(*c->out->v));
    }
    struct sc_variant *v = &c->out->v[c->out->n++];
    v->label = sc_xstrdup(label);
    v->group = sc_xstrdup(group);
    v->len = (size_t)size;
    v->doc = sc_xmalloc(v->len + 1);
    memcpy(v->doc, mem, v->len);
    v->doc[v->len] = '\0';
    xmlFree(mem);
}

static bool is_elem(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && (!name || xmlStrEqual(n->name, BAD_CAST name));
}

/* The node of DOC at the path of T. */
static xmlNodePtr find(xmlDocPtr doc, const struct target *t)
{
    xmlNodePtr n = xmlDocGetRootElement(doc);

    for (int d = 0; d < t->depth && n; d++) {
        xmlNodePtr c = n->children;
        for (int i = 0; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && i++ == t->path[d])
                break;
        }
        n = c;
    }
    return n;
}

/* Parses FRAGMENT (well-formed XML elements) as children for PARENT. */
static void add_fragment(xmlNodePtr parent, const char *fragment)
{
    char *wrapped = sc_xasprintf("<w xmlns:sx='urn:snapcheck:x'>%s</w>", fragment);
    xmlDocPtr tmp = xmlReadMemory(wrapped, (int)strlen(wrapped), NULL, NULL, XML_PARSE_NONET);

    free(wrapped);
    if (!tmp)
        return;
    for (xmlNodePtr c = xmlDocGetRootElement(tmp)->children; c; c = c->next)
        xmlAddChild(parent, xmlDocCopyNode(c, parent->doc, 1));
    xmlFreeDoc(tmp);
}

static bool is_text_only(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            return false;
    }
    return true;
}

static bool in_envelope(xmlNodePtr n)
{
    return !is_elem(n, "domain") && !is_elem(n, "inactiveDomain") && !is_elem(n, "cookie");
}

/* -- one change at a time ------------------------------------------ */

typedef void (*edit_fn)(xmlNodePtr node, const void *arg);

static void apply(struct ctx *c, const struct target *t, edit_fn fn, const void *arg,
                  const char *what, const char *kind)
{
    xmlDocPtr copy = xmlCopyDoc(c->base, 1);
    xmlNodePtr node = find(copy, t);
    char *label = sc_xasprintf("%s %s", t->xpath, what);
    char *group = sc_xasprintf("%s %s", t->shape, kind);

    if (node) {
        fn(node, arg);
        add_variant(c, copy, label, group);
    }
    free(label);
    free(group);
    xmlFreeDoc(copy);
}

static void edit_remove(xmlNodePtr n, const void *arg)
{
    (void)arg;
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

static void edit_duplicate(xmlNodePtr n, const void *arg)
{
    (void)arg;
    xmlAddNextSibling(n, xmlDocCopyNode(n, n->doc, 1));
}

static void edit_fragment(xmlNodePtr n, const void *arg)
{
    add_fragment(n, arg);
}

static void edit_text_child(xmlNodePtr n, const void *arg)
{
    (void)arg;
    xmlAddChild(n, xmlNewDocText(n->doc, BAD_CAST "stray"));
}

static void edit_unknown_attr(xmlNodePtr n, const void *arg)
{
    (void)arg;
    xmlNewProp(n, BAD_CAST "extra", BAD_CAST "x");
}

static void edit_ns_attr(xmlNodePtr n, const void *arg)
{
    (void)arg;
    xmlNsPtr ns = xmlNewNs(n, BAD_CAST "urn:snapcheck:x", BAD_CAST "sx");
    xmlNewNsProp(n, ns, BAD_CAST "extra", BAD_CAST "x");
}

static void edit_reverse_attrs(xmlNodePtr n, const void *arg)
{
    xmlAttrPtr prev = NULL, a = n->properties;

    (void)arg;
    while (a) {
        xmlAttrPtr next = a->next;
        a->next = prev;
        a->prev = next;
        prev = a;
        a = next;
    }
    n->properties = prev;
}

struct attr_edit {
    const char *name;
    const char *value;      /* NULL: remove; may hold character references */
};

static void edit_attr(xmlNodePtr n, const void *arg)
{
    const struct attr_edit *e = arg;
    xmlAttrPtr old = xmlHasProp(n, BAD_CAST e->name);
    xmlAttrPtr fresh = NULL;

    if (e->value) {
        /* a detached attribute, so that references in the value are
         * parsed as references; it takes the old one's place */
        fresh = xmlNewDocProp(n->doc, BAD_CAST e->name, BAD_CAST e->value);
        fresh->parent = n;
    }
    if (old && fresh) {
        fresh->prev = old->prev;
        fresh->next = old->next;
        if (old->prev)
            old->prev->next = fresh;
        else
            n->properties = fresh;
        if (old->next)
            old->next->prev = fresh;
        old->next = old->prev = NULL;
        old->parent = NULL;
        xmlFreeProp(old);
    } else if (old) {
        xmlRemoveProp(old);
    } else if (fresh) {
        xmlAttrPtr last = n->properties;
        while (last && last->next)
            last = last->next;
        if (last) {
            last->next = fresh;
            fresh->prev = last;
        } else {
            n->properties = fresh;
        }
    }
}

enum text_form { PLAIN, CDATA, CHARREF, COMMENT, MARKUP };

struct text_edit {
    const char *value;
    enum text_form form;
};

static void edit_text(xmlNodePtr n, const void *arg)
{
    const struct text_edit *e = arg;
    size_t len = strlen(e->value), half = len / 2;
    xmlNodePtr c;

    while ((c = n->children)) {
        xmlUnlinkNode(c);
        xmlFreeNode(c);
    }
    switch (e->form) {
    case PLAIN:
        xmlAddChild(n, xmlNewDocTextLen(n->doc, BAD_CAST e->value, (int)len));
        break;
    case CDATA:
        xmlAddChild(n, xmlNewCDataBlock(n->doc, BAD_CAST e->value, (int)len));
        break;
    case CHARREF: {
        char ref[16];
        snprintf(ref, sizeof(ref), "&#%u;", len ? (unsigned char)e->value[0] : 32u);
        xmlAddChild(n, xmlNewCharRef(n->doc, BAD_CAST ref));
        if (len > 1)
            xmlAddChild(n, xmlNewDocTextLen(n->doc, BAD_CAST e->value + 1, (int)len - 1));
        break;
    }
    case COMMENT:
        xmlAddChild(n, xmlNewDocTextLen(n->doc, BAD_CAST e->value, (int)half));
        xmlAddChild(n, xmlNewDocComment(n->doc, BAD_CAST " note "));
        xmlAddChild(n, xmlNewDocTextLen(n->doc, BAD_CAST e->value + half, (int)(len - half)));
        break;
    case MARKUP:
        xmlAddChild(n, xmlNewDocTextLen(n->doc, BAD_CAST e->value, (int)half));
        xmlAddChild(n, xmlNewDocNode(n->doc, NULL, BAD_CAST "b", NULL));
        xmlAddChild(n, xmlNewDocTextLen(n->doc, BAD_CAST e->value + half, (int)(len - half)));
        break;
    }
}

/* -- value mutations ------------------------------------------------- */

struct value_case {
    const char *kind;
    char *value;
};

static bool all_digits(const char *s)
{
    return *s && s[strspn(s, "0123456789")] == '\0';
}

/* The near-misses of V, in a fixed order; VC must hold 24 entries. */
static size_t value_cases(const char *v, struct value_case *vc)
{
    size_t n = 0, len = strlen(v);
    char *upper = sc_xstrdup(v);
    struct sc_buf huge = { 0 };

    for (char *p = upper; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    while (huge.len < 4096)
        sc_buf_puts(&huge, len ? v : "x");
    vc[n++] = (struct value_case){ "empty", sc_xstrdup("") };
    vc[n++] = (struct value_case){ "leading space", sc_xasprintf(" %s", v) };
    vc[n++] = (struct value_case){ "trailing space", sc_xasprintf("%s ", v) };
    vc[n++] = (struct value_case){ "trailing newline", sc_xasprintf("%s\n", v) };
    if (len >= 2)
        vc[n++] = (struct value_case){ "inner tab", sc_xasprintf("%c\t%s", v[0], v + 1) };
    if (strcmp(upper, v) != 0)
        vc[n++] = (struct value_case){ "upper case", sc_xstrdup(upper) };
    vc[n++] = (struct value_case){ "plus sign", sc_xasprintf("+%s", v) };
    vc[n++] = (struct value_case){ "leading zero", sc_xasprintf("0%s", v) };
    vc[n++] = (struct value_case){ "minus sign", sc_xasprintf("-%s", v) };
    vc[n++] = (struct value_case){ "non-ascii", sc_xasprintf("%s\xc3\xa9", v) };
    vc[n++] = (struct value_case){ "special characters", sc_xasprintf("%s&<>'\"", v) };
    vc[n++] = (struct value_case){ "huge", sc_buf_steal(&huge) };
    if (all_digits(v)) {
        for (size_t i = 0; digits_values[i]; i++)
            vc[n++] = (struct value_case){ "number", sc_xstrdup(digits_values[i]) };
    }
    free(upper);
    return n;
}

static void mutate_text(struct ctx *c, const struct target *t, const char *v)
{
    struct value_case vc[24];
    size_t n = value_cases(v, vc);
    static const struct { enum text_form form; const char *kind; } forms[] = {
        { CDATA, "as CDATA" }, { CHARREF, "first character as a reference" },
        { COMMENT, "comment inside" }, { MARKUP, "markup inside" },
    };

    for (size_t i = 0; i < n; i++) {
        struct text_edit e = { vc[i].value, PLAIN };
        char *what = sc_xasprintf("text = '%.40s'", vc[i].value);
        char *kind = sc_xasprintf("text: %s", vc[i].kind);
        apply(c, t, edit_text, &e, what, kind);
        free(what);
        free(kind);
        free(vc[i].value);
    }
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        struct text_edit e = { v, forms[i].form };
        char *kind = sc_xasprintf("text: %s", forms[i].kind);
        apply(c, t, edit_text, &e, kind, kind);
        free(kind);
    }
}

static void mutate_attr_value(struct ctx *c, const struct target *t, const char *name,
                              const char *v)
{
    struct value_case vc[24];
    size_t n = value_cases(v, vc);

    for (size_t i = 0; i < n; i++) {
        /* the value is parsed for references: escape what would be one */
        struct sc_buf esc = { 0 };
        for (const char *p = vc[i].value; *p; p++) {
            if (*p == '&')
                sc_buf_puts(&esc, "&amp;");
            else
                sc_buf_add(&esc, p, 1);
        }
        struct attr_edit e = { name, esc.data ? esc.data : "" };
        char *what = sc_xasprintf("@%s = '%.40s'", name, vc[i].value);
        char *kind = sc_xasprintf("@%s: %s", name, vc[i].kind);
        apply(c, t, edit_attr, &e, what, kind);
        free(what);
        free(kind);
        sc_buf_free(&esc);
        free(vc[i].value);
    }
    /* whitespace that survives attribute-value normalisation */
    struct sc_buf tabbed = { 0 };
    sc_buf_puts(&tabbed, "&#9;");
    for (const char *p = v; *p; p++)
        sc_buf_puts(&tabbed, *p == '&' ? "&amp;" : (char[]){ *p, 0 });
    char *tab = sc_buf_steal(&tabbed);
    struct attr_edit e = { name, tab };
    char *what = sc_xasprintf("@%s = '&#9;%.40s'", name, v);
    char *kind = sc_xasprintf("@%s: tab reference", name);
    apply(c, t, edit_attr, &e, what, kind);
    free(what);
    free(kind);
    free(tab);
}

static void substitute(struct ctx *c, const struct target *t, const char *attr,
                       const char *const *values)
{
    for (size_t i = 0; values[i]; i++) {
        char *what = sc_xasprintf("%s%s = '%s'", attr ? "@" : "text", attr ? attr : "", values[i]);
        char *kind = sc_xasprintf("%s%s = '%s'", attr ? "@" : "text", attr ? attr : "", values[i]);
        if (attr) {
            struct attr_edit e = { attr, values[i] };
            apply(c, t, edit_attr, &e, what, kind);
        } else {
            struct text_edit e = { values[i], PLAIN };
            apply(c, t, edit_text, &e, what, kind);
        }
        free(what);
        free(kind);
    }
}

static void mutate_enums(struct ctx *c, const struct target *t, xmlNodePtr node)
{
    for (size_t i = 0; i < sizeof(enums) / sizeof(enums[0]); i++) {
        if (!is_elem(node, enums[i].element))
            continue;
        if (enums[i].attr || is_text_only(node))
            substitute(c, t, enums[i].attr, enums[i].values);
    }
}

/* -- structure -------------------------------------------------------- */

static void each_fragment(struct ctx *c, const struct target *t, const char *const *list,
                          size_t n, const char *kind)
{
    for (size_t i = 0; i < n; i++) {
        char *what = sc_xasprintf("+ %.100s", list[i]);
        char *group = sc_xasprintf("%s: %.60s", kind, list[i]);
        apply(c, t, edit_fragment, list[i], what, group);
        free(what);
        free(group);
    }
}

struct typed_disk {
    const char *type;
    const char *source;
};

static void edit_typed_disk(xmlNodePtr n, const void *arg)
{
    const struct typed_disk *d = arg;

    for (xmlNodePtr c = n->children, next; c; c = next) {
        next = c->next;
        if (is_elem(c, "source")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    xmlSetProp(n, BAD_CAST "type", BAD_CAST d->type);
    xmlUnsetProp(n, BAD_CAST "snapshot");
    add_fragment(n, d->source);
}

static void mutate_disk(struct ctx *c, const struct target *t)
{
    size_t n = sizeof(typed_sources) / sizeof(typed_sources[0]);

    for (size_t i = 0; i < n; i++) {
        struct typed_disk d = { typed_sources[i].type, typed_sources[i].source };
        char *what = sc_xasprintf("type '%s' with %.120s", d.type, d.source);
        char *group = sc_xasprintf("as type %s: %.70s", d.type, d.source);
        apply(c, t, edit_typed_disk, &d, what, group);
        free(what);
        free(group);
    }
    each_fragment(c, t, driver_forms, sizeof(driver_forms) / sizeof(driver_forms[0]),
                  "+ driver");
    each_fragment(c, t, (const char *const[]){ "<snapshotDeleteInProgress/>" }, 1, "+");
}

struct memory_state {
    const char *memory;     /* a <memory> element, or NULL for none */
    const char *state;
};

static void edit_memory_state(xmlNodePtr root, const void *arg)
{
    const struct memory_state *ms = arg;

    for (xmlNodePtr c = root->children, next; c; c = next) {
        next = c->next;
        if (is_elem(c, "memory") || is_elem(c, "state")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    xmlNewTextChild(root, NULL, BAD_CAST "state", BAD_CAST ms->state);
    if (ms->memory)
        add_fragment(root, ms->memory);
}

/* Every memory mode against every state. */
static void mutate_memory_states(struct ctx *c, const struct target *root)
{
    static const char *const memories[] = {
        NULL, "<memory snapshot='no'/>", "<memory snapshot='internal'/>",
        "<memory snapshot='external' file='/var/lib/libvirt/mem.save'/>",
        "<memory file='/var/lib/libvirt/mem.save'/>", "<memory snapshot='manual'/>",
        "<memory snapshot='external'/>", "<memory snapshot='no' file='/var/lib/mem'/>",
        "<memory snapshot='external' file='mem.save'/>",
    };

    for (size_t m = 0; m < sizeof(memories) / sizeof(memories[0]); m++) {
        for (size_t s = 0; states[s]; s++) {
            struct memory_state ms = { memories[m], states[s] };
            char *what = sc_xasprintf("state '%s' with %s", states[s],
                                      memories[m] ? memories[m] : "no <memory>");
            apply(c, root, edit_memory_state, &ms, what, what);
            free(what);
        }
    }
}

/* -- the walk ------------------------------------------------------- */

static void mutate_element(struct ctx *c, const struct target *t, xmlNodePtr node)
{
    int nattrs = 0;

    if (t->depth > 0) {
        apply(c, t, edit_remove, NULL, "removed", "removed");
        apply(c, t, edit_duplicate, NULL, "repeated", "repeated");
    }
    apply(c, t, edit_unknown_attr, NULL, "+ @extra", "+ unknown attribute");
    apply(c, t, edit_ns_attr, NULL, "+ @sx:extra", "+ namespaced attribute");
    apply(c, t, edit_fragment, "<extra/>", "+ <extra/>", "+ unknown child");
    apply(c, t, edit_fragment, "<sx:extra/>", "+ <sx:extra/>", "+ namespaced child");
    if (!is_text_only(node))
        apply(c, t, edit_text_child, NULL, "+ text", "+ text beside elements");
    for (xmlAttrPtr a = node->properties; a; a = a->next, nattrs++) {
        xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
        struct attr_edit e = { (const char *)a->name, NULL };
        char *what = sc_xasprintf("@%s removed", (const char *)a->name);
        apply(c, t, edit_attr, &e, what, what);
        free(what);
        if (in_envelope(node))
            mutate_attr_value(c, t, (const char *)a->name, v ? (const char *)v : "");
        xmlFree(v);
    }
    if (nattrs >= 2)
        apply(c, t, edit_reverse_attrs, NULL, "attributes reversed", "attributes reversed");
    if (!in_envelope(node))
        return;
    if (is_text_only(node) && t->depth > 0) {
        xmlChar *v = xmlNodeGetContent(node);
        mutate_text(c, t, v ? (const char *)v : "");
        xmlFree(v);
    }
    mutate_enums(c, t, node);
    if (is_elem(node, "disk"))
        mutate_disk(c, t);
    if (is_elem(node, "source") && is_elem(node->parent, "disk")) {
        each_fragment(c, t, source_children, sizeof(source_children) / sizeof(source_children[0]),
                      "+ source child");
        each_fragment(c, t, hosts, sizeof(hosts) / sizeof(hosts[0]), "+ host");
    }
    if (t->depth == 0) {
        each_fragment(c, t, additions, sizeof(additions) / sizeof(additions[0]), "+ top-level");
        mutate_memory_states(c, t);
    }
}

static void walk(struct ctx *c, xmlNodePtr node, struct target *t)
{
    mutate_element(c, t, node);
    if (!in_envelope(node) || t->depth + 1 >= MAX_DEPTH)
        return;
    int index = 0;
    for (xmlNodePtr child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        int same = 0, pos = 0;
        for (xmlNodePtr s = node->children; s; s = s->next) {
            if (is_elem(s, (const char *)child->name)) {
                same++;
                pos += s == child ? same : 0;
            }
        }
        struct target sub = *t;
        sub.path[sub.depth++] = index++;
        sub.shape = sc_xasprintf("%s/%s", t->shape, (const char *)child->name);
        sub.xpath = same > 1 ? sc_xasprintf("%s/%s[%d]", t->xpath, (const char *)child->name, pos)
                             : sc_xasprintf("%s/%s", t->xpath, (const char *)child->name);
        walk(c, child, &sub);
        free(sub.shape);
        free(sub.xpath);
    }
}

void sc_mutate(xmlDocPtr base, struct sc_variant_list *out)
{
    struct ctx c = { base, out };
    xmlNodePtr root = xmlDocGetRootElement(base);
    struct target t = { .depth = 0 };

    pthread_once(&states_once, fill_states);
    if (!root)
        return;
    add_variant(&c, base, "unchanged", "unchanged");
    t.xpath = sc_xasprintf("/%s", (const char *)root->name);
    t.shape = sc_xstrdup(t.xpath);
    walk(&c, root, &t);
    free(t.xpath);
    free(t.shape);
}

void sc_variant_list_free(struct sc_variant_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].label);
        free(l->v[i].group);
        free(l->v[i].doc);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
