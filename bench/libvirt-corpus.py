#!/usr/bin/python3
r"""Writes snapshot documents that libvirt itself formatted, for make bench.

Every document is redefined through libvirt's public API on its
in-process test driver (test:///default, no daemon) and read back with
getXMLDesc: what is written is libvirt's own output, byte for byte.

    libvirt-corpus.py OUT SET VMS SNAPS   VMS guests with SNAPS snapshots each
    libvirt-corpus.py OUT SET --disks N   one snapshot of a guest with N disks

The documents of SET go in OUT/SET (in subdirectories of 100 guests
when there are more than 1,000).  What varies, guest by guest and
snapshot by snapshot:

- the domain type: kvm guests (a full virt-install style definition,
  bench/domain-template.xml, or a small one) and test guests;
- every snapshot state, weighted as hosts hold them: mostly running,
  shutoff and disk-snapshot, each other state at least once a guest;
- memory: internal, external (a file), or none (offline states);
- disks: internal, external file, block and network (rbd, nbd, iscsi,
  gluster) sources, and disks left out (snapshot='no');
- the domain: each guest is reconfigured once halfway through its
  snapshots (more memory), as guests are.

Needs python3-libvirt (libvirt 9.0 or later).
"""
import os
import sys
import xml.etree.ElementTree as ET

import libvirt

HERE = os.path.dirname(os.path.abspath(__file__))

# The states libvirt 9.0 accepts and the offline ones among them, from
# snapcheck's state table: make bench passes them (bench/corpus.c).
ACCEPTED = os.environ["SNAPCHECK_BENCH_STATES"].split()
OFFLINE = tuple(os.environ["SNAPCHECK_BENCH_OFFLINE"].split())
# 20 snapshots of a guest, rotated by guest: mostly running, shutoff and
# disk-snapshot, and each other state in a place of its own (None),
# taken in the table's order; every state at least once.
COMMON = ["running", "shutoff", "disk-snapshot"]
SHAPE = ["running", "shutoff", "running", "disk-snapshot", "running", "shutoff", None,
         "running", "disk-snapshot", "shutoff", "running", None, "disk-snapshot",
         "shutoff", "running", None, "disk-snapshot", None, "shutoff", None]


def states():
    """SHAPE with the other accepted states in its places."""
    others = [s for s in ACCEPTED if s not in COMMON]
    out = []
    for s in SHAPE:
        if s is None:
            if others:
                out.append(others.pop(0))
        else:
            out.append(s)
    return out + others


STATES = states()
IMAGES = "/var/lib/libvirt/images"


def target(i):
    """vda, vdb, … vdz, vdaa, …: libvirt's disk target names."""
    s, i = "", i + 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(97 + r) + s
    return "vd" + s


def uuid_of(vm, salt):
    return "6b1f%04x-%04x-4d2e-9c1a-%012x" % (salt, vm & 0xffff, vm)


def file_disk(guest, dev, fmt="qcow2"):
    return ("<disk type='file' device='disk'><driver name='qemu' type='%s'/>"
            "<source file='%s/%s-%s.%s'/><target dev='%s' bus='virtio'/></disk>"
            % (fmt, IMAGES, guest, dev, fmt, dev))


NETWORK = {
    "rbd": "<source protocol='rbd' name='vms/%s-%s'><host name='ceph-mon1.example.org' port='6789'/>"
           "<host name='ceph-mon2.example.org' port='6789'/></source>",
    "nbd": "<source protocol='nbd' name='%s-%s'><host name='nbd.example.org' port='10809'/></source>",
    "iscsi": "<source protocol='iscsi' name='iqn.2013-07.org.example:%s-%s/1'>"
             "<host name='iscsi.example.org' port='3260'/></source>",
    "gluster": "<source protocol='gluster' name='gv0/%s-%s.img'>"
               "<host name='gluster.example.org' port='24007'/></source>",
}


class Guest:
    """A guest's definition and what its snapshots may do with its disks."""

    def __init__(self, vm, template):
        self.vm = vm
        self.name = "guest-%05d" % vm
        self.kind = vm % 4
        # disks: (target, how an external snapshot stores it)
        if self.kind == 0:
            self.type = "kvm"
            self.disks = [("vda", "file"), ("vdb", "file")]
        elif self.kind == 1:
            self.type = "kvm"
            self.disks = [("vda", "file"), ("vdb", "block"), ("vdc", "rbd"), ("vdd", "nbd")]
        elif self.kind == 2:
            self.type = "test"
            self.disks = [("vda", "file")]
        elif vm // 4 % 2:
            self.type = "kvm"
            self.disks = [("vda", "file"), ("vdb", "file")]
        else:
            self.type = "kvm"
            self.disks = [("vda", "file"), ("vdb", ("iscsi", "gluster")[vm // 8 % 2])]
        self.template = template

    def internal_capable(self):
        # The template's guests have a CD-ROM drive, which libvirt lists
        # as snapshot='no' in a snapshot of internal disks.  They take
        # external snapshots only, as when the figures in README.md were
        # measured (the reference then refused that listing; it now takes
        # it, as libvirt does: cases disk-cdrom-left-out-of-internal).
        return self.kind != 0 and all(how == "file" for _, how in self.disks)

    def domain_xml(self, memory_kib):
        if self.kind == 0:
            return self._from_template(memory_kib)
        devices = []
        for dev, how in self.disks:
            if how == "file":
                devices.append(file_disk(self.name, dev))
            elif how == "block":
                devices.append("<disk type='block' device='disk'><driver name='qemu' type='raw'/>"
                               "<source dev='/dev/vg0/%s-%s'/><target dev='%s' bus='virtio'/></disk>"
                               % (self.name, dev, dev))
            else:
                devices.append("<disk type='network' device='disk'><driver name='qemu' type='raw'/>%s"
                               "<target dev='%s' bus='virtio'/></disk>"
                               % (NETWORK[how] % (self.name, dev), dev))
        devices.append("<interface type='network'><mac address='52:54:00:%02x:%02x:02'/>"
                       "<source network='default'/><model type='virtio'/></interface>"
                       % ((self.vm >> 8) & 0xff, self.vm & 0xff))
        devices.append("<console type='pty'/><graphics type='vnc' port='-1' autoport='yes'/>")
        os_type = ("<type arch='x86_64' machine='pc-q35-7.2'>hvm</type>" if self.type == "kvm"
                   else "<type>hvm</type>")
        return ("<domain type='%s'><name>%s</name><uuid>%s</uuid>"
                "<memory unit='KiB'>%d</memory><currentMemory unit='KiB'>%d</currentMemory>"
                "<vcpu>2</vcpu><os>%s<boot dev='hd'/></os><features><acpi/><apic/></features>"
                "<devices>%s</devices></domain>"
                % (self.type, self.name, uuid_of(self.vm, self.kind), memory_kib, memory_kib,
                   os_type, "".join(devices)))

    def _from_template(self, memory_kib):
        dom = ET.fromstring(self.template)
        dom.find("name").text = self.name
        dom.find("uuid").text = uuid_of(self.vm, self.kind)
        dom.find("memory").text = dom.find("currentMemory").text = str(memory_kib)
        for disk in dom.iterfind("devices/disk"):
            source, tgt = disk.find("source"), disk.find("target")
            if source is not None and source.get("file"):
                source.set("file", "%s/%s-%s.qcow2" % (IMAGES, self.name, tgt.get("dev")))
        for mac in dom.iterfind("devices/interface/mac"):
            mac.set("address", "52:54:00:%02x:%02x:01" % ((self.vm >> 8) & 0xff, self.vm & 0xff))
        return ET.tostring(dom, encoding="unicode")


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")


def snapshot_xml(guest, snap, state, domain):
    """The document handed to libvirt: a snapshot of GUEST in STATE."""
    internal = guest.internal_capable() and snap % 3 != 2 and state != "disk-snapshot"
    parts = ["<domainsnapshot><name>snap-%03d</name>" % snap]
    if snap % 4 != 3:
        parts.append("<description>%s snapshot %d of %s</description>"
                     % (("nightly", "before upgrade", "weekly")[snap % 3], snap, guest.name))
    parts.append("<state>%s</state>" % state)
    if snap:
        parts.append("<parent><name>snap-%03d</name></parent>" % (snap - 1))
    parts.append("<creationTime>%d</creationTime>" % (1700000000 + snap * 86400 + guest.vm))
    if state in OFFLINE:
        parts.append("<memory snapshot='no'/>")
    elif internal:
        parts.append("<memory snapshot='internal'/>")
    else:
        parts.append("<memory snapshot='external' file='/var/lib/libvirt/qemu/snapshot/%s/snap-%03d.mem'/>"
                     % (guest.name, snap))
    parts.append("<disks>")
    for i, (dev, how) in enumerate(guest.disks):
        if internal:
            parts.append("<disk name='%s' snapshot='internal'/>" % dev)
        elif i and snap % 5 == 4:
            parts.append("<disk name='%s' snapshot='no'/>" % dev)
        elif how == "file":
            parts.append("<disk name='%s' snapshot='external' type='file'><driver type='qcow2'/>"
                         "<source file='%s/%s-%s.snap-%03d.qcow2'/></disk>"
                         % (dev, IMAGES, guest.name, dev, snap))
        elif how == "block":
            parts.append("<disk name='%s' snapshot='external' type='block'><driver type='qcow2'/>"
                         "<source dev='/dev/vg0/%s-%s-snap-%03d'/></disk>" % (dev, guest.name, dev, snap))
        else:
            parts.append("<disk name='%s' snapshot='external' type='network'>%s</disk>"
                         % (dev, NETWORK[how] % (guest.name, "%s-snap-%03d" % (dev, snap))))
    parts.append("</disks>")
    parts.append(domain)
    parts.append("</domainsnapshot>")
    return "".join(parts)


def write(path, text):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(path + ".tmp", path)


def redefine(dom, xml):
    snap = dom.snapshotCreateXML(xml, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
    return snap.getXMLDesc(0)


def undefine(dom):
    dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)


def guests(conn, out, vms, snaps):
    with open(os.path.join(HERE, "domain-template.xml"), encoding="utf-8") as f:
        template = f.read()
    for vm in range(vms):
        guest = Guest(vm, template)
        sub = os.path.join(out, "%03d" % (vm // 100)) if vms > 1000 else out
        os.makedirs(sub, exist_ok=True)
        dom = conn.defineXML(guest.domain_xml(4194304))
        try:
            domain = dom.XMLDesc(0)
            for s in range(snaps):
                if s == snaps // 2:
                    # reconfigured: the later snapshots carry the new definition
                    dom = conn.defineXML(guest.domain_xml(8388608))
                    domain = dom.XMLDesc(0)
                state = STATES[(vm + s) % len(STATES)]
                text = redefine(dom, snapshot_xml(guest, s, state, domain))
                write(os.path.join(sub, "vm%05d-snap%03d.xml" % (vm, s)), text)
        finally:
            undefine(dom)


def many_disks(conn, out, n):
    disks = "".join(file_disk("big", target(i)) for i in range(n))
    dom = conn.defineXML("<domain type='kvm'><name>guest-disks-%d</name><uuid>%s</uuid>"
                         "<memory unit='KiB'>4194304</memory><os><type arch='x86_64'>hvm</type></os>"
                         "<devices>%s</devices></domain>" % (n, uuid_of(n, 0xd15c), disks))
    try:
        snap_disks = "".join("<disk name='%s' snapshot='external' type='file'><driver type='qcow2'/>"
                             "<source file='%s/big-%s.snap-000.qcow2'/></disk>"
                             % (target(i), IMAGES, target(i)) for i in range(n))
        xml = ("<domainsnapshot><name>snap-000</name><state>disk-snapshot</state>"
               "<creationTime>1700000000</creationTime><memory snapshot='no'/><disks>%s</disks>%s"
               "</domainsnapshot>" % (snap_disks, dom.XMLDesc(0)))
        os.makedirs(out, exist_ok=True)
        write(os.path.join(out, "disks-%d.xml" % n), redefine(dom, xml))
    finally:
        undefine(dom)


def main(argv):
    if len(argv) == 5 and argv[3] == "--disks":
        vms = snaps = None
    elif len(argv) == 5:
        vms, snaps = int(argv[3]), int(argv[4])
    else:
        sys.stderr.write("usage: libvirt-corpus.py OUT SET VMS SNAPS | OUT SET --disks N\n")
        return 2
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    conn = libvirt.open("test:///default")
    out = os.path.join(argv[1], argv[2])
    try:
        if vms is None:
            many_disks(conn, out, int(argv[4]))
        else:
            guests(conn, out, vms, snaps)
    except libvirt.libvirtError as err:
        sys.stderr.write("libvirt-corpus.py: %s: %s\n" % (argv[2], err))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
