#!/usr/bin/python3
"""snapcheck adapter for libvirt itself.

Drives libvirt's own snapshot parser and formatter through the in-process
test driver (test:///default) of python3-libvirt: the document is
redefined as a snapshot (VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE) and read
back with getXMLDesc().  It speaks snapcheck's implementation protocol
(README.md, "Drive your own implementation"): the document on standard
input, the parse mode in SNAPCHECK_MODE; the formatted document on
standard output, or exit 1 with libvirt's error on standard error, or
exit 77 for a mode it cannot drive.

What the test driver needs, the adapter provides: a domain whose uuid
and name match the snapshot's <domain>, and the named parent snapshot
(redefined first as a minimal snapshot).  libvirt fills in its own
defaults in the embedded domain, so compare with --compare envelope.
"""
import os
import sys
import xml.etree.ElementTree as ET

# Only libvirt's errors, which the adapter reports itself; not its
# informational log lines.
os.environ.setdefault("LIBVIRT_LOG_OUTPUTS", "4:file:/dev/null")

import libvirt  # noqa: E402  (after the logging set-up above)

SKIP = 77


def fail(message):
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.exit(1)


def matching_domain(conn, snapshot):
    """The test domain, renamed and re-identified to match the snapshot."""
    base = conn.lookupByName("test")
    uuid = snapshot.findtext("domain/uuid")
    if not uuid:
        return base
    definition = ET.fromstring(base.XMLDesc(0))
    definition.find("uuid").text = uuid
    definition.find("name").text = snapshot.findtext("domain/name") or "snapcheck-" + uuid[:8]
    return conn.defineXML(ET.tostring(definition, encoding="unicode"))


def redefine_parent(domain, name):
    stub = ("<domainsnapshot><name>%s</name><state>shutoff</state>"
            "<creationTime>1</creationTime>%s</domainsnapshot>")
    escaped = name.replace("&", "&amp;").replace("<", "&lt;")
    domain.snapshotCreateXML(stub % (escaped, domain.XMLDesc(0)),
                             libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)


def main():
    mode = os.environ.get("SNAPCHECK_MODE", "")
    if mode != "redefine":
        sys.stderr.write("libvirt is driven in redefine mode only: create mode takes the real "
                         "clock, internal mode is not reachable through the API\n")
        return SKIP
    document = sys.stdin.read()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    try:
        snapshot = ET.fromstring(document)
    except ET.ParseError as err:
        fail("not well-formed: %s" % err)
    try:
        conn = libvirt.open("test:///default")
        domain = matching_domain(conn, snapshot)
        parent = snapshot.findtext("parent/name")
        if parent:
            redefine_parent(domain, parent)
        snap = domain.snapshotCreateXML(document, libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)
        sys.stdout.write(snap.getXMLDesc(0))
    except libvirt.libvirtError as err:
        fail(str(err))
    return 0


if __name__ == "__main__":
    sys.exit(main())
