/*
 * align.c: the checks a redefinition makes against the domain the
 * snapshot embeds, and those it would make against any domain when the
 * snapshot embeds none.  libvirt runs them after parsing, before it accepts
 * a redefined snapshot (virDomainSnapshotAlignDisks): every snapshot
 * disk must name a disk of the domain, by target or by source path, and
 * only once; the disks of a snapshot taken with internal snapshots must
 * all be internal, except those the domain itself excludes; and an
 * external disk without a file of its own must be one libvirt can name
 * a file for: the domain disk must have a source, and it must be a file
 * (libvirt names the new file after it, and refuses anything but a
 * regular file).  Only whether that file exists is the host's business,
 * and not checked here.
 */
#include <stdlib.h>
#include <string.h>

#include "model/features.h"
#include "model/snapshot.h"
#include "model/xmlin.h"

struct domain_disk {
    char *target;
    char *source;               /* the path libvirt matches names with */
    bool file;                  /* a file-backed disk */
    enum sc_location snapshot;  /* the domain disk's own snapshot attribute */
    const struct sc_disk *named;
};

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (sc_is_element(c, name))
            return c;
    }
    return NULL;
}

static char *source_path(xmlNodePtr disk)
{
    static const char *const attrs[] = { "file", "dev", "dir", "name", NULL };
    xmlNodePtr source = child(disk, "source");

    for (size_t i = 0; source && attrs[i]; i++) {
        char *v = sc_attr(source, attrs[i]);
        if (v && *v)
            return v;
        free(v);
    }
    return NULL;
}

static size_t domain_disks(xmlNodePtr domain, struct domain_disk **out)
{
    size_t n = 0, cap = 0;

    *out = NULL;
    for (xmlNodePtr d = child(child(domain, "devices"), "disk"); d; d = d->next) {
        if (!sc_is_element(d, "disk"))
            continue;
        char *target = sc_attr(child(d, "target"), "dev");
        char *mode = sc_attr(d, "snapshot"), *type = sc_attr(d, "type");
        int m = mode ? sc_enum_lookup(&sc_locations, mode) : SC_LOC_DEFAULT;
        /* as libvirt's post-parse has it: a read-only disk (a CD-ROM is
         * always one) or a vhost-user one is left out of snapshots unless
         * it says otherwise */
        char *device = sc_attr(d, "device");
        bool readonly = child(d, "readonly") || (device && strcmp(device, "cdrom") == 0);
        if (m <= 0 && (readonly || (type && strcmp(type, "vhostuser") == 0)))
            m = SC_LOC_NO;
        free(device);
        if (n == cap)
            *out = sc_xrealloc(*out, (cap = cap ? 2 * cap : 8) * sizeof(**out));
        (*out)[n++] = (struct domain_disk){
            .target = target ? target : sc_xstrdup(""), .source = source_path(d),
            .snapshot = m > 0 ? (enum sc_location)m : SC_LOC_DEFAULT,
            .file = !type || strcmp(type, "file") == 0,
        };
        free(mode);
        free(type);
    }
    return n;
}

/* Strings with the position they came from, sorted by string and then
 * position: the first of equal strings is found by binary search, so
 * that a list of thousands of disks is matched in n log n. */
struct entry {
    const char *s;
    size_t at;
};

static int by_string(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->s, y->s);

    return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The first entry of V (N, sorted) whose string is S, or NULL. */
static const struct entry *first(const struct entry *v, size_t n, const char *s)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v[mid].s, s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(v[lo].s, s) == 0 ? &v[lo] : NULL;
}

struct index {
    struct entry *targets, *sources;
    size_t ntargets, nsources;
};

static void index_disks(const struct domain_disk *v, size_t n, struct index *ix)
{
    ix->targets = sc_xcalloc(n ? n : 1, sizeof(*ix->targets));
    ix->sources = sc_xcalloc(n ? n : 1, sizeof(*ix->sources));
    ix->ntargets = ix->nsources = 0;
    for (size_t i = 0; i < n; i++) {
        ix->targets[ix->ntargets++] = (struct entry){ v[i].target, i };
        if (v[i].source)
            ix->sources[ix->nsources++] = (struct entry){ v[i].source, i };
    }
    qsort(ix->targets, ix->ntargets, sizeof(*ix->targets), by_string);
    qsort(ix->sources, ix->nsources, sizeof(*ix->sources), by_string);
}

/* The domain disk a snapshot disk names: by target, or for a name that
 * starts with '/' by source path, when only one disk has it. */
static int find(const struct index *ix, const char *name)
{
    if (name[0] != '/') {
        const struct entry *e = first(ix->targets, ix->ntargets, name);
        return e ? (int)e->at : -1;
    }
    const struct entry *e = first(ix->sources, ix->nsources, name);
    if (!e || (e + 1 < ix->sources + ix->nsources && strcmp(e[1].s, name) == 0))
        return -1;
    return (int)e->at;
}

static bool is_external(const struct sc_snapshot *snap)
{
    if (snap->memory == SC_LOC_EXTERNAL)
        return true;
    for (size_t i = 0; i < snap->disks.n; i++) {
        if (snap->disks.v[i].snapshot == SC_LOC_EXTERNAL)
            return true;
    }
    return false;
}

/* Whether libvirt can name a file for an external disk that has none. */
static int check_nameable(const struct domain_disk *dd, const char *name, xmlNodePtr where,
                          enum sc_profile profile, struct sc_error *err)
{
    if (!dd->source)
        return sc_fail_part(err, "disk", where,
                            "cannot generate external snapshot name for disk '%s' without source",
                            name);
    if (!dd->file && sc_has(profile, SC_FEATURE_REGULAR_FILE_NAMES))
        return sc_fail_part(err, "disk", where, "source for disk '%s' is not a regular file; "
                            "refusing to generate external snapshot name", name);
    return 0;
}

/* The mode a disk ends up with, and whether libvirt can name its file. */
static int check_named(struct domain_disk *dd, const struct sc_disk *d, enum sc_location align,
                       bool uniform, enum sc_profile profile, struct sc_error *err)
{
    enum sc_location mode = d->snapshot;

    if (mode == SC_LOC_DEFAULT)
        mode = dd->snapshot != SC_LOC_DEFAULT && (!uniform || dd->snapshot == SC_LOC_NO)
               ? dd->snapshot : align;
    else if (uniform && mode != SC_LOC_INTERNAL &&
             !(mode == SC_LOC_NO && dd->snapshot == SC_LOC_NO))
        return sc_fail_part(err, "disk", d->node, "disk '%s' must use snapshot mode '%s'", d->name,
                            sc_enum_string(&sc_locations, (int)align));
    if (d->src.path && mode != SC_LOC_EXTERNAL)
        return sc_fail_part(err, "disk", d->node,
                            "file '%s' for disk '%s' requires use of external snapshot mode",
                            d->src.path, d->name);
    if (mode == SC_LOC_EXTERNAL && !d->src.path && d->src.type != SC_STORAGE_FILE)
        return sc_fail_part(err, "disk", d->node,
                            "cannot generate external snapshot name for disk '%s' on a '%s' device",
                            d->name, sc_enum_string(&sc_storages, (int)d->src.type));
    if (mode == SC_LOC_EXTERNAL && !d->src.path)
        return check_nameable(dd, d->name, d->node, profile, err);
    return 0;
}

/* A domain disk the snapshot leaves out gets a mode from the domain. */
static int check_unnamed(const struct domain_disk *dd, enum sc_location align, xmlNodePtr where,
                         enum sc_profile profile, struct sc_error *err)
{
    enum sc_location mode = !dd->source ? SC_LOC_NO : dd->snapshot;

    if (mode == SC_LOC_DEFAULT)
        mode = align;
    if (mode == SC_LOC_EXTERNAL)
        return check_nameable(dd, dd->target, where, profile, err);
    return 0;
}

/* Without a domain, what libvirt would refuse whatever the domain: a
 * disk named twice, a mode other than internal (or no) in a snapshot of
 * internal snapshots, an external disk without a file that is not a
 * file disk.  A domain that leaves a disk out of snapshots makes
 * anything else acceptable. */
static int check_without_domain(const struct sc_snapshot *snap, bool uniform, struct sc_error *err)
{
    size_t n = snap->disks.n, twice = n;   /* the first disk named before */
    struct entry *names = sc_xcalloc(n ? n : 1, sizeof(*names));

    for (size_t i = 0; i < n; i++)
        names[i] = (struct entry){ snap->disks.v[i].name, i };
    qsort(names, n, sizeof(*names), by_string);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(names[i].s, names[i - 1].s) == 0 && names[i].at < twice)
            twice = names[i].at;
    }
    free(names);
    for (size_t i = 0; i < n; i++) {
        const struct sc_disk *d = &snap->disks.v[i];
        if (i == twice)
            return sc_fail_part(err, "disk", d->node, "disk '%s' specified twice", d->name);
        if (uniform && d->snapshot != SC_LOC_DEFAULT && d->snapshot != SC_LOC_INTERNAL &&
            d->snapshot != SC_LOC_NO)
            return sc_fail_part(err, "disk", d->node, "disk '%s' must use snapshot mode 'internal'",
                                d->name);
        if (d->snapshot == SC_LOC_EXTERNAL && !d->src.path && d->src.type != SC_STORAGE_FILE)
            return sc_fail_part(err, "disk", d->node,
                                "cannot generate external snapshot name for disk '%s' on a '%s' device",
                                d->name, sc_enum_string(&sc_storages, (int)d->src.type));
    }
    return 0;
}

int sc_snapshot_align_check(const struct sc_snapshot *snap, struct sc_error *err)
{
    struct domain_disk *dd;
    bool external = snap->state == SC_STATE_DISK_SNAPSHOT || is_external(snap);

    if (!snap->domain)
        return check_without_domain(snap, !external, err);
    size_t n = domain_disks(snap->domain, &dd);
    enum sc_location align = external ? SC_LOC_EXTERNAL : SC_LOC_INTERNAL;
    xmlNodePtr where = snap->disks.n ? snap->disks.v[0].node->parent : snap->domain;
    int ret = 0;

    if (snap->disks.n > n)
        ret = sc_fail_part(err, "disks", where, "too many disk snapshot requests for domain");
    struct index ix;
    index_disks(dd, n, &ix);
    for (size_t i = 0; ret == 0 && n && i < snap->disks.n; i++) {
        const struct sc_disk *d = &snap->disks.v[i];
        int k = find(&ix, d->name);
        if (k < 0)
            ret = sc_fail_part(err, "disk", d->node, "no disk named '%s'", d->name);
        else if (dd[k].named)
            ret = sc_fail_part(err, "disk", d->node, "disk '%s' specified twice", d->name);
        else
            dd[k].named = d;
    }
    for (size_t i = 0; ret == 0 && i < n; i++) {
        ret = dd[i].named ? check_named(&dd[i], dd[i].named, align, !external, snap->profile, err)
                          : check_unnamed(&dd[i], align, where, snap->profile, err);
    }
    for (size_t i = 0; i < n; i++) {
        free(dd[i].target);
        free(dd[i].source);
    }
    free(ix.targets);
    free(ix.sources);
    free(dd);
    return ret;
}
