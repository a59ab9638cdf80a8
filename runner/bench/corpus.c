/*
 * bench/corpus.c: the benchmark's documents.  The generated corpus is
 * made with libxml2 and written in canonical layout by the suite's own
 * writer, to look like what libvirt keeps: VMs with a full definition,
 * snapshots in every state with parents, memory modes that fit the
 * state, a disk list.  The libvirt corpus is what libvirt itself writes,
 * by bench/libvirt-corpus.py through libvirt's test driver.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bench/bench.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/strlist.h"
#include "util/fileio.h"
#include "model/states.h"
#include "util/xmlout.h"

#define STAMP "corpora-v3"
#define LIBVIRT_STAMP "libvirt-corpora-v2"

static xmlNodePtr text_child(xmlNodePtr parent, const char *name, const char *text)
{
    return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

static int save(xmlNodePtr root, const char *path)
{
    struct sc_buf b = { 0 };
    struct sc_diag diag = { 0 };
    int rc;

    sc_xml_write_node(&b, root, 0);
    rc = sc_write_file(path, b.data, b.len, &diag);
    if (rc < 0)
        fprintf(stderr, "bench: %s\n", diag.msg);
    sc_diag_clear(&diag);
    sc_buf_free(&b);
    return rc;
}

/* The template domain made into VM number VM: name, uuid, MAC, images. */
static void personalise(xmlNodePtr dom, int vm)
{
    char buf[128];

    for (xmlNodePtr c = dom->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "name")) {
            snprintf(buf, sizeof(buf), "guest-%04d", vm);
            xmlNodeSetContent(c, BAD_CAST buf);
        } else if (xmlStrEqual(c->name, BAD_CAST "uuid")) {
            snprintf(buf, sizeof(buf), "4dea22b3-1d52-d8f3-2516-%012d", vm);
            xmlNodeSetContent(c, BAD_CAST buf);
        } else if (xmlStrEqual(c->name, BAD_CAST "devices")) {
            for (xmlNodePtr d = c->children; d; d = d->next) {
                for (xmlNodePtr e = d->type == XML_ELEMENT_NODE ? d->children : NULL; e; e = e->next) {
                    if (xmlStrEqual(e->name, BAD_CAST "mac")) {
                        snprintf(buf, sizeof(buf), "52:54:00:%02x:%02x:01", (vm >> 8) & 0xff, vm & 0xff);
                        xmlSetProp(e, BAD_CAST "address", BAD_CAST buf);
                    } else if (xmlStrEqual(e->name, BAD_CAST "source") && xmlHasProp(e, BAD_CAST "file")) {
                        xmlChar *f = xmlGetProp(e, BAD_CAST "file");
                        snprintf(buf, sizeof(buf), "%.*s-%04d.qcow2", (int)(xmlStrlen(f) - 6), f, vm);
                        xmlSetProp(e, BAD_CAST "file", BAD_CAST buf);
                        xmlFree(f);
                    }
                }
            }
        }
    }
}

static void add_disk(xmlNodePtr disks, const char *name, bool external, const char *image)
{
    xmlNodePtr d = xmlNewChild(disks, NULL, BAD_CAST "disk", NULL);

    xmlSetProp(d, BAD_CAST "name", BAD_CAST name);
    xmlSetProp(d, BAD_CAST "snapshot", BAD_CAST(external ? "external" : "internal"));
    if (!external)
        return;
    xmlSetProp(d, BAD_CAST "type", BAD_CAST "file");
    xmlSetProp(xmlNewChild(d, NULL, BAD_CAST "driver", NULL), BAD_CAST "type", BAD_CAST "qcow2");
    xmlSetProp(xmlNewChild(d, NULL, BAD_CAST "source", NULL), BAD_CAST "file", BAD_CAST image);
}

/* The Nth state the default profile accepts, N taken round them, in
 * the state table's order. */
static enum sc_state accepted_state(int n)
{
    int accepted = 0;

    for (int i = 0; i < SC_STATE_LAST; i++)
        accepted += sc_state_accepted((enum sc_state)i);
    n %= accepted;
    for (int i = 0;; i++) {
        if (sc_state_accepted((enum sc_state)i) && n-- == 0)
            return (enum sc_state)i;
    }
}

/* Snapshot SNAP of VM, in a state taken round the accepted ones. */
static xmlDocPtr snapshot(xmlNodePtr domain, int vm, int snap, int ndisks)
{
    enum sc_state st = accepted_state(vm + snap);
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "domainsnapshot", NULL);
    char buf[160];

    xmlDocSetRootElement(doc, root);
    snprintf(buf, sizeof(buf), "snap-%03d", snap);
    text_child(root, "name", buf);
    snprintf(buf, sizeof(buf), "nightly snapshot %d of guest-%04d", snap, vm);
    text_child(root, "description", buf);
    text_child(root, "state", sc_state_to_string(st));
    if (snap > 0) {
        snprintf(buf, sizeof(buf), "snap-%03d", snap - 1);
        text_child(xmlNewChild(root, NULL, BAD_CAST "parent", NULL), "name", buf);
    }
    snprintf(buf, sizeof(buf), "%lld", 1700000000LL + snap * 86400LL + vm);
    text_child(root, "creationTime", buf);
    xmlSetProp(xmlNewChild(root, NULL, BAD_CAST "memory", NULL), BAD_CAST "snapshot",
               BAD_CAST(sc_state_is_offline(st) ? "no" : "internal"));
    xmlNodePtr disks = xmlNewChild(root, NULL, BAD_CAST "disks", NULL);
    for (int i = 0; i < ndisks; i++) {
        char name[32], image[128];
        snprintf(name, sizeof(name), ndisks <= 2 ? "vd%c" : "vd%d", ndisks <= 2 ? 'a' + i : i);
        snprintf(image, sizeof(image), "/var/lib/libvirt/images/guest-%04d.%s.snap-%03d", vm, name, snap);
        add_disk(disks, name, st == SC_STATE_DISK_SNAPSHOT || ndisks > 2, image);
    }
    if (domain)
        xmlAddChild(root, xmlDocCopyNode(domain, doc, 1));
    return doc;
}

/* A file disk DEV of the domain, as a disk-list document names it. */
static void add_domain_disk(xmlNodePtr devices, const char *dev, int vm)
{
    xmlNodePtr d = xmlNewChild(devices, NULL, BAD_CAST "disk", NULL);
    char image[128];

    xmlSetProp(d, BAD_CAST "type", BAD_CAST "file");
    xmlSetProp(d, BAD_CAST "device", BAD_CAST "disk");
    xmlNodePtr drv = xmlNewChild(d, NULL, BAD_CAST "driver", NULL);
    xmlSetProp(drv, BAD_CAST "name", BAD_CAST "qemu");
    xmlSetProp(drv, BAD_CAST "type", BAD_CAST "qcow2");
    snprintf(image, sizeof(image), "/var/lib/libvirt/images/guest-%04d.%s.qcow2", vm, dev);
    xmlSetProp(xmlNewChild(d, NULL, BAD_CAST "source", NULL), BAD_CAST "file", BAD_CAST image);
    xmlNodePtr t = xmlNewChild(d, NULL, BAD_CAST "target", NULL);
    xmlSetProp(t, BAD_CAST "dev", BAD_CAST dev);
    xmlSetProp(t, BAD_CAST "bus", BAD_CAST "virtio");
}

/* A domain with every disk a snapshot of NDISKS disks names (more than
 * the template's two): a redefinition refuses a disk the domain lacks. */
static void add_domain_disks(xmlNodePtr dom, int ndisks, int vm)
{
    for (xmlNodePtr c = dom->children; c && ndisks > 2; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "devices"))
            continue;
        for (int i = 0; i < ndisks; i++) {
            char name[32];
            snprintf(name, sizeof(name), "vd%d", i);
            add_domain_disk(c, name, vm);
        }
        return;
    }
}

static int write_set(const char *out, const char *set, xmlNodePtr template, int vms, int snaps,
                     int ndisks)
{
    char *dir = sc_xasprintf("%s/%s", out, set);
    int rc = mkdir(dir, 0755) < 0 ? -1 : 0;

    for (int vm = 0; vm < vms && rc == 0; vm++) {
        xmlNodePtr dom = template ? xmlCopyNode(template, 1) : NULL;
        if (dom) {
            personalise(dom, vm);
            add_domain_disks(dom, ndisks, vm);
        }
        for (int s = 0; s < snaps && rc == 0; s++) {
            xmlDocPtr doc = snapshot(dom, vm, s, ndisks);
            /* big sets go in subdirectories of 100 VMs */
            char *sub = vms > 1000 ? sc_xasprintf("%s/%03d", dir, vm / 100) : sc_xstrdup(dir);
            if (vms > 1000 && s == 0)
                mkdir(sub, 0755);
            char *path = sc_xasprintf("%s/vm%05d-snap%03d.xml", sub, vm, s);
            rc = save(xmlDocGetRootElement(doc), path);
            free(path);
            free(sub);
            xmlFreeDoc(doc);
        }
        xmlFreeNode(dom);
    }
    free(dir);
    return rc;
}

int bench_make_corpora(const char *template_path, const char *out)
{
    char *stamp = sc_xasprintf("%s/%s", out, STAMP);
    xmlDocPtr tdoc;
    int rc = 0;

    if (access(stamp, F_OK) == 0) {
        free(stamp);
        return 0;
    }
    if (!(tdoc = xmlReadFile(template_path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS))) {
        fprintf(stderr, "bench: cannot read %s\n", template_path);
        free(stamp);
        return -1;
    }
    fprintf(stderr, "bench: generating corpora in %s\n", out);
    xmlNodePtr dom = xmlDocGetRootElement(tdoc);
    rc |= write_set(out, "docs-1k", dom, 50, 20, 2);
    rc |= write_set(out, "docs-10k", dom, 500, 20, 2);
    rc |= write_set(out, "disks-10", dom, 1, 1, 10);
    rc |= write_set(out, "disks-1000", dom, 1, 1, 1000);
    rc |= write_set(out, "disks-10000", dom, 1, 1, 10000);
    rc |= write_set(out, "small-100k", NULL, 5000, 20, 0);
    xmlFreeDoc(tdoc);
    if (rc == 0) {
        struct sc_diag diag = { 0 };
        rc = sc_write_file(stamp, "", 0, &diag);
        sc_diag_clear(&diag);
    }
    free(stamp);
    return rc;
}

static int collect(const char *file, void *opaque)
{
    struct sc_strings *l = opaque;

    sc_strings_add(l, file);
    return 0;
}

void bench_list_files(const char *dir, struct sc_strings *files, size_t limit)
{
    struct sc_diag diag = { 0 };

    sc_walk(dir, true, collect, NULL, files, &diag);
    sc_diag_clear(&diag);
    while (limit && files->n > limit)
        free(files->v[--files->n]);
}

/* The states libvirt 9.0 accepts, and the offline ones among them, in
 * the environment of bench/libvirt-corpus.py, from the state table. */
static void set_state_lists(void)
{
    int p = sc_profile_find("libvirt-9.0");
    struct sc_buf accepted = { 0 }, offline = { 0 };

    sc_buf_puts(&accepted, "");
    sc_buf_puts(&offline, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        if (!sc_state_accepted_in((enum sc_state)i, (enum sc_profile)p))
            continue;
        sc_buf_printf(&accepted, "%s ", sc_state_to_string((enum sc_state)i));
        if (sc_state_is_offline((enum sc_state)i))
            sc_buf_printf(&offline, "%s ", sc_state_to_string((enum sc_state)i));
    }
    setenv("SNAPCHECK_BENCH_STATES", accepted.data, 1);
    setenv("SNAPCHECK_BENCH_OFFLINE", offline.data, 1);
    sc_buf_free(&accepted);
    sc_buf_free(&offline);
}

/* One set of documents libvirt writes, by bench/libvirt-corpus.py. */
static int libvirt_set(const char *script, const char *out, const char *set, const char *a,
                       const char *b)
{
    char *dir = sc_xasprintf("%s/%s", out, set);
    pid_t pid;
    int status = 1;

    fprintf(stderr, "bench: libvirt writes %s\n", dir);
    free(dir);
    if ((pid = fork()) == 0) {
        set_state_lists();
        execl("/usr/bin/python3", "python3", script, out, set, a, b, (char *)NULL);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s could not write %s (python3-libvirt, libvirt 9.0 or later)\n", script, set);
        return -1;
    }
    return 0;
}

int bench_make_libvirt_corpora(const char *script, const char *out)
{
    char *stamp = sc_xasprintf("%s/%s", out, LIBVIRT_STAMP);
    int rc = 0;

    if (access(stamp, F_OK) == 0) {
        free(stamp);
        return 0;
    }
    mkdir(out, 0755);
    rc |= libvirt_set(script, out, "docs-1k", "50", "20");
    rc |= rc ? 0 : libvirt_set(script, out, "docs-10k", "500", "20");
    rc |= rc ? 0 : libvirt_set(script, out, "disks-10", "--disks", "10");
    rc |= rc ? 0 : libvirt_set(script, out, "disks-1000", "--disks", "1000");
    rc |= rc ? 0 : libvirt_set(script, out, "disks-10000", "--disks", "10000");
    if (rc == 0) {
        struct sc_diag diag = { 0 };
        rc = sc_write_file(stamp, "", 0, &diag);
        sc_diag_clear(&diag);
    }
    free(stamp);
    return rc;
}
