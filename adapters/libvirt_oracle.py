"""libvirt 9.0 as an oracle for snapcheck: its own snapshot parser and
formatter, reached two ways, for the interop adapter and the
differential tester (runner/difftest/difftest.c).

conf -- libvirt's configuration layer itself: virDomainSnapshotDefParseString
        and virDomainSnapshotDefFormat, the two calls libvirt's own
        qemudomainsnapshotxml2xmltest makes, in all three parse modes.  They
        are not public API: libvirt.so exports them for its own daemons
        under the symbol version LIBVIRT_PRIVATE_<release>, so this layer
        refuses to run on any libvirt but 9.0.x.  Create mode needs a fixed
        clock; libvirt's tests install a moment post-parse callback for
        that, and so does this layer.

api  -- the public API on the in-process test driver (test:///default):
        the document is redefined as a snapshot of a domain defined from
        its own <domain> (VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE) and read back
        with getXMLDesc().  Redefinition adds the checks a real redefine
        makes against the embedded domain (virDomainSnapshotRedefinePrep:
        every snapshot disk must name a disk of the domain, once; no
        snapshot is its own parent) and aligns the disk list with the
        domain.  Redefine mode only.

Nothing here writes outside a temporary directory of its own.
"""
import atexit
import ctypes
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET

# Only libvirt's errors, which callers report themselves; not its
# informational log lines ("parsing older snapshot that lacks domain").
os.environ.setdefault("LIBVIRT_LOG_OUTPUTS", "4:file:/dev/null")

import libvirt  # noqa: E402  (after the logging set-up above)

# virDomainSnapshotParseFlags and virDomainSnapshotFormatFlags of 9.0
PARSE_REDEFINE = 1 << 0
PARSE_INTERNAL = 1 << 1
FORMAT_SECURE = 1 << 0
FORMAT_INTERNAL = 1 << 1
FORMAT_CURRENT = 1 << 2

TARGET_RE = re.compile(r"^(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+$")
UUID_RE = re.compile(r"^\s*(?:[0-9a-fA-F][- ]*){31}[0-9a-fA-F]\s*$")


class Unsupported(Exception):
    """The layer cannot drive this document or mode (exit 77)."""


def canonical_uuid(text):
    """libvirt's virUUIDParse + virUUIDFormat, or None for a bad uuid."""
    if not text or not UUID_RE.match(text):
        return None
    digits = re.sub(r"[- \t\r\n]", "", text).lower()
    return "%s-%s-%s-%s-%s" % (digits[:8], digits[8:12], digits[12:16],
                               digits[16:20], digits[20:])


def _tree(document):
    try:
        return ET.fromstring(document)
    except ET.ParseError:
        return None


def _domain_of(root):
    """(element, has_type) of the snapshot's <domain>, or (None, False)."""
    if root is None:
        return None, False
    domain = root.find("domain")
    return domain, domain is not None and domain.get("type") is not None


def _last_error(lib):
    message = lib.virGetLastErrorMessage()
    return message.decode("utf-8", "replace") if message else "unknown libvirt error"


class Conf:
    """libvirt's snapshot parser and formatter, called directly."""

    def __init__(self):
        lib = ctypes.CDLL("libvirt.so.0")
        version = ctypes.c_ulong(0)
        lib.virGetVersion(ctypes.byref(version), None, None)
        if version.value // 1000 != 9000:
            raise Unsupported("the conf layer needs libvirt 9.0.x (found %d.%d.%d): its "
                              "private parser symbols change between releases"
                              % (version.value // 1000000, version.value // 1000 % 1000,
                                 version.value % 1000))
        lib.virInitialize()
        lib.virDomainXMLOptionNew.restype = ctypes.c_void_p
        lib.virDomainSnapshotDefParseString.restype = ctypes.c_void_p
        lib.virDomainSnapshotDefParseString.argtypes = [
            ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_bool), ctypes.c_uint]
        lib.virDomainSnapshotDefFormat.restype = ctypes.c_void_p
        lib.virDomainSnapshotDefFormat.argtypes = [
            ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint]
        lib.virGetLastErrorMessage.restype = ctypes.c_char_p
        lib.virObjectUnref.argtypes = [ctypes.c_void_p]
        lib.virResetLastError.restype = None
        # errors are read with virGetLastErrorMessage, not printed
        self._quiet = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)(
            lambda ctx, err: None)
        lib.virSetErrorFunc(None, self._quiet)
        self.lib = lib
        self.glib = ctypes.CDLL("libglib-2.0.so.0")
        self.glib.g_strdup.restype = ctypes.c_void_p
        self.glib.g_strdup.argtypes = [ctypes.c_char_p]
        self.glib.g_free.argtypes = [ctypes.c_void_p]
        self.xmlopt = lib.virDomainXMLOptionNew(None, None, None, None, None, None)
        if not self.xmlopt:
            raise Unsupported("virDomainXMLOptionNew failed: " + _last_error(lib))
        self.now = None
        self._offsets = self._probe_layout()
        self._callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(self._post_parse)
        lib.virDomainXMLOptionSetMomentPostParse.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.virDomainXMLOptionSetMomentPostParse(
            self.xmlopt, ctypes.cast(self._callback, ctypes.c_void_p))

    def _probe_layout(self):
        """Where virDomainMomentDef keeps name and creationTime.

        Create mode takes "now" from a post-parse callback that sets both
        fields.  Rather than trust a struct layout, parse a snapshot whose
        name and creation time are known and find them in the struct."""
        probe = (b"<domainsnapshot><name>snapcheck-probe</name><state>shutoff</state>"
                 b"<creationTime>81985529216486895</creationTime></domainsnapshot>")
        cur = ctypes.c_bool(False)
        snap = self.lib.virDomainSnapshotDefParseString(probe, self.xmlopt, None,
                                                        ctypes.byref(cur), PARSE_REDEFINE)
        if not snap:
            raise Unsupported("probe parse failed: " + _last_error(self.lib))
        # Only plain words are read while searching; the one pointer
        # dereferenced is the field that virDomainMomentDef declares three
        # words before creationTime (name, description, parent_name).
        name_at = time_at = None
        for off in range(0, 128, 8):
            if ctypes.c_uint64.from_address(snap + off).value == 81985529216486895:
                time_at = off
                break
        if time_at is not None and time_at >= 24:
            word = ctypes.c_uint64.from_address(snap + time_at - 24).value
            if word > 4096 and word % 8 == 0 and ctypes.string_at(word, 16) == b"snapcheck-probe\0":
                name_at = time_at - 24
        self.lib.virObjectUnref(snap)
        if name_at is None or time_at is None:
            raise Unsupported("cannot find name and creationTime in virDomainMomentDef")
        return name_at, time_at

    def _post_parse(self, moment):
        name_at, time_at = self._offsets
        ctypes.c_int64.from_address(moment + time_at).value = self.now
        name = ctypes.c_void_p.from_address(moment + name_at)
        if not name.value:
            name.value = self.glib.g_strdup(str(self.now).encode())
        return 0

    def roundtrip(self, document, mode, now):
        """(True, output) or (False, libvirt's message)."""
        flags = {"create": 0, "redefine": PARSE_REDEFINE,
                 "internal": PARSE_REDEFINE | PARSE_INTERNAL}[mode]
        self.now = int(now)
        cur = ctypes.c_bool(False)
        self.lib.virResetLastError()
        if isinstance(document, str):
            document = document.encode("utf-8")
        if b"\0" in document:
            return False, "document holds a NUL byte"
        snap = self.lib.virDomainSnapshotDefParseString(document, self.xmlopt, None,
                                                        ctypes.byref(cur), flags)
        if not snap:
            return False, _last_error(self.lib)
        fmt = FORMAT_SECURE
        if mode == "internal":
            fmt |= FORMAT_INTERNAL | (FORMAT_CURRENT if cur.value else 0)
        # a snapshot without a full domain is written with the uuid of the
        # domain it belongs to, as a driver does
        domain, typed = _domain_of(_tree(document))
        uuid = None
        if domain is not None and not typed:
            uuid = canonical_uuid(domain.findtext("uuid"))
        out = self.lib.virDomainSnapshotDefFormat(uuid.encode() if uuid else None,
                                                  snap, self.xmlopt, fmt)
        self.lib.virObjectUnref(snap)
        if not out:
            return False, _last_error(self.lib)
        text = ctypes.string_at(out).decode("utf-8", "replace")
        self.glib.g_free(out)
        return True, text


DISK_BUSES = (("xvd", "xen"), ("ubd", "uml"), ("hd", "ide"), ("sd", "scsi"),
              ("vd", "virtio"), ("fd", "fdc"))


def _bus(target):
    for prefix, bus in DISK_BUSES:
        if target.startswith(prefix):
            return bus
    return "virtio"


class Api:
    """The public API: redefine on the test driver, read back.

    A redefinition names files for external disks that have none, from
    the domain disk's file, and refuses when that file is not a regular
    file on the host.  So that the answer depends on the document alone,
    every file the domain's disks use is made to exist: the document is
    handed to libvirt with those paths under a scratch directory of the
    oracle's own, where empty files stand in for them, and the directory
    is taken out of libvirt's output again."""

    PLACEHOLDER_UUID = "5a9c0e3b-52b4-4a4e-9d0a-c0ffee5a9c0e"

    def __init__(self):
        libvirt.registerErrorHandler(lambda ctx, err: None, None)
        self.conn = libvirt.open("test:///default")
        self.scratch = tempfile.mkdtemp(prefix="snapcheck-oracle-")
        atexit.register(shutil.rmtree, self.scratch, True)

    def _host_files(self, document, domain):
        """DOCUMENT with the files of DOMAIN's disks moved to scratch."""
        if domain is None:
            return document
        for source in domain.iterfind("devices/disk/source"):
            path = source.get("file")
            if not path or not path.startswith("/") or "\0" in path:
                continue
            stand_in = self.scratch + os.path.normpath(path)
            try:
                os.makedirs(os.path.dirname(stand_in), exist_ok=True)
                open(stand_in, "a").close()
            except OSError:
                continue
            for quote in ("'", '"'):
                escaped = _escape(path).replace(quote, "&apos;" if quote == "'" else "&quot;")
                document = document.replace("%s%s%s" % (quote, escaped, quote),
                                            "%s%s%s" % (quote, self.scratch + escaped, quote))
        return document

    # -- the domain a document needs -------------------------------------
    def _injected_domain(self, root, uuid):
        """A test domain with one disk per snapshot disk, and how its
        synthetic targets map back to the snapshot's path names.  Of the
        domains that fit, this is the one that allows the most: a disk the
        snapshot gives no mode or mode 'no' is one the domain leaves out
        of snapshots (snapshot='no'), so that libvirt neither insists on
        internal snapshots nor has to name a file for it."""
        disks, renames, used = [], {}, set()
        modes = {d.get("name"): d.get("snapshot") for d in root.findall("disks/disk")}
        names = [d.get("name") for d in root.findall("disks/disk") if d.get("name")]
        for name in names:
            if not name.startswith("/"):
                used.add(name)
        spare = ("vd%s" % c for c in "abcdefghijklmnopqrstuvwxyz")
        for name in names:
            if not name.startswith("/") and not TARGET_RE.match(name):
                continue    # no domain has such a disk: libvirt says so
            if name.startswith("/"):
                target = next(t for t in spare if t not in used)
                used.add(target)
                renames[target] = name
                source = name
            else:
                target, source = name, "/var/lib/snapcheck/%s.qcow2" % name
            excluded = " snapshot='no'" if modes.get(name) in (None, "no") else ""
            disks.append("<disk type='file' device='disk'%s><source file=%s/>"
                         "<target dev=%s bus='%s'/></disk>"
                         % (excluded, _quote(source), _quote(target), _bus(target)))
        xml = ("<domain type='test'><name>snapcheck-%s</name><uuid>%s</uuid>"
               "<memory unit='KiB'>1048576</memory><os><type>hvm</type></os>"
               "<devices>%s</devices></domain>" % (uuid[:8], uuid, "".join(disks)))
        return xml, renames

    def _define(self, domain_xml):
        return self.conn.defineXML(domain_xml)

    def _placeholder_parent(self, dom, name):
        stub = ("<domainsnapshot><name>%s</name><state>shutoff</state>"
                "<creationTime>1</creationTime>%s</domainsnapshot>")
        dom.snapshotCreateXML(stub % (_escape(name), dom.XMLDesc(0)),
                              libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE)

    def redefine(self, document, validate=False, inject=True):
        """(True, output) or (False, libvirt's message).

        With INJECT, a document without a full <domain> gets a test domain
        whose disks match its <disks>, and the output loses that domain
        again (and the uuid-only form comes back as libvirt writes it)."""
        if isinstance(document, bytes):
            document = document.decode("utf-8", "replace")
        root = _tree(document)
        domain, typed = _domain_of(root)
        renames, injected, uuid_only = {}, False, None
        dom = None
        try:
            if typed:
                dom = self._define(ET.tostring(domain, encoding="unicode"))
                document = self._host_files(document, domain)
            elif inject and root is not None and _plain_uuid_form(domain):
                uuid = self.PLACEHOLDER_UUID
                if domain is not None:
                    uuid_only = canonical_uuid(domain.findtext("uuid"))
                    uuid = uuid_only or uuid
                xml, renames = self._injected_domain(root, uuid)
                dom = self._define(xml)
                document = _insert_before_end(document, xml, drop_domain=domain is not None)
                document = self._host_files(document, ET.fromstring(xml))
                injected = True
            else:
                dom = self.conn.lookupByName("test")
            parent = root.findtext("parent/name") if root is not None else None
            name = root.findtext("name") if root is not None else None
            if parent and parent != name:
                self._placeholder_parent(dom, parent)
            flags = libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE
            if validate:
                flags |= libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE
            snap = dom.snapshotCreateXML(document, flags)
            out = snap.getXMLDesc(0)
        except libvirt.libvirtError as err:
            return False, str(err).replace(self.scratch, "")
        finally:
            if dom is not None and dom.name() != "test":
                _undefine(dom)
            elif dom is not None:
                _drop_snapshots(dom)
        out = out.replace(self.scratch, "")
        if injected:
            out = _strip_domain(out, uuid_only)
            for target, path in renames.items():
                out = out.replace("<disk name='%s'" % target, "<disk name=%s" % _quote(path))
        return True, out


def _plain_uuid_form(domain):
    """Whether a document without a full domain may get one: it has no
    <domain>, or the old form with exactly one valid <uuid>.  Anything
    else goes to libvirt as it is, to be refused for what it is."""
    if domain is None:
        return True
    children = list(domain)
    return (len(children) == 1 and children[0].tag == "uuid" and not domain.attrib
            and canonical_uuid(children[0].text) is not None)


def _quote(value):
    return "'%s'" % _escape(value).replace("'", "&apos;")


def _escape(value):
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _insert_before_end(document, xml, drop_domain):
    """DOCUMENT with XML as the last child of its root (replacing a
    uuid-only <domain> when DROP_DOMAIN).  libvirt's parser sees the same
    text everywhere else, byte for byte."""
    if drop_domain:
        document = re.sub(r"<domain(\s[^>]*)?>.*?</domain\s*>|<domain(\s[^>]*)?/>", "",
                          document, count=1, flags=re.S)
    end = document.rfind("</domainsnapshot")
    if end < 0:
        return document
    return document[:end] + xml + document[end:]


def _strip_domain(out, uuid_only):
    """libvirt's output without the domain the adapter injected."""
    lines, kept, skipping = out.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("  <domain") and not skipping:
            skipping = not line.rstrip().endswith("/>")
            if uuid_only:
                kept.append("  <domain>\n    <uuid>%s</uuid>\n  </domain>\n" % uuid_only)
            continue
        if skipping:
            skipping = not line.startswith("  </domain>")
            continue
        kept.append(line)
    return "".join(kept)


def _drop_snapshots(dom):
    for snap in dom.listAllSnapshots(0):
        try:
            snap.delete(0)
        except libvirt.libvirtError:
            pass


def _undefine(dom):
    try:
        if dom.isActive():
            dom.destroy()
        dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)
    except libvirt.libvirtError:
        _drop_snapshots(dom)
        dom.undefine()


# -- why libvirt refused a document ------------------------------------
#
# snapcheck's manifest names, for each invalid case, the part of the
# document the rejection is about (README, "Rejected for the right
# reason").  These patterns place libvirt's messages in the same
# vocabulary; the first that matches wins.  Schema messages (from
# VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE) name the element instead.
REASONS = [
    (r"as its own parent|parent \S+ for moment", "parent"),
    (r"Invalid state|missing state", "state"),
    (r"creationTime", "creationTime"),
    (r"redefined snapshot must have a name", "name"),
    (r"'active' element", "active"),
    (r"missing domain in snapshot|must use uuid|domain '[^']*' already exists"
     r"|missing name information|invalid domain type|domain definition"
     r"|domain type attribute", "domain"),
    (r"memory (filename|snapshot|state)|external memory|element 'memory'", "memory"),
    (r"disk snapshot driver|metadata_cache|unknown suffix|value too large", "disk-driver"),
    (r"disk snapshot image path|element '(source|host|seclabel|secret|auth|reservations|slice)'"
     r"|for disk source|for host|for unix transport|socket attribute|port number|port '"
     r"|protocol transport|seclabel|relabel|for auth|secret uuid|secret type|<secret>"
     r"|encryption|reservations|slice|cookie|readahead|split path|transport type|"
     r"NVMe|vhostuser", "disk-source"),
    (r"too many disk", "disks"),
    (r"disk snapshot|element 'disk'|no disk named|specified twice"
     r"|snapshot mode|external snapshot name|not a regular file", "disk"),
    (r"^domainsnapshot$|root element", "root"),
    (r"XML error|not well-formed|Opening and ending tag|Start tag|Premature end"
     r"|xmlParse|Document is empty|\(domain_snapshot\)", "xml"),
]

SCHEMA_ELEMENTS = {
    "source": "disk-source", "host": "disk-source", "seclabel": "disk-source",
    "label": "disk-source", "auth": "disk-source", "secret": "disk-source",
    "encryption": "disk-source", "reservations": "disk-source",
    "slices": "disk-source", "slice": "disk-source", "initiator": "disk-source",
    "driver": "disk-driver", "metadata_cache": "disk-driver", "max_size": "disk-driver",
    "disk": "disk", "disks": "disks", "revertDisks": "disks",
}
TOP_LEVEL = {"name", "description", "state", "parent", "creationTime", "memory",
             "disks", "revertDisks", "domain", "inactiveDomain", "cookie", "active"}


def reason_of(message, document=None):
    """The part of the document libvirt's MESSAGE is about, or 'unknown'.

    libvirt parses <inactiveDomain> with the same code as <domain>, so its
    messages do not say which one; the DOCUMENT does, when only one of
    them has no type or has the type the message names."""
    reason = _reason_of(message)
    if reason == "domain" and document is not None:
        reason = _which_domain(message, document)
    return reason


def _which_domain(message, document):
    root = _tree(document)
    if root is None or root.find("inactiveDomain") is None:
        return "domain"
    inactive, domain = root.find("inactiveDomain"), root.find("domain")
    if "type attribute" in message and inactive.get("type") is None and (
            domain is None or domain.get("type") is not None):
        return "inactiveDomain"
    itype = inactive.get("type")
    if itype and "type %s" % itype in message and (domain is None or domain.get("type") != itype):
        return "inactiveDomain"
    return "domain"


def _reason_of(message):
    if "failed to validate against schema" in message:
        for line in message.splitlines()[1:]:
            extra = re.search(r"extra content: (\w+)", line)
            m = extra or re.search(r"[Ee]lement (\w+)", line)
            if m and m.group(1) != "domainsnapshot":
                name = m.group(1)
                known = SCHEMA_ELEMENTS.get(name, name if name in TOP_LEVEL else None)
                return known or ("root" if extra else "unknown")
        return "root"
    for pattern, reason in REASONS:
        if re.search(pattern, message):
            return reason
    return "unknown"


# -- the differential tester's side -----------------------------------
#
# runner/difftest/difftest.c starts "libvirt_oracle.py serve" once and sends every
# document through it.  Each request is a header line "MODE NOW LENGTH"
# (or "MODE NOW LENGTH conf" / "... api" for one layer alone) and LENGTH
# bytes;
# each answer is two records, "conf STATUS LENGTH" and "api STATUS
# LENGTH", each followed by LENGTH bytes and a newline.  STATUS is ok
# (the bytes are libvirt's output), err (its message) or skip (the layer
# was not asked, or cannot take this mode).
def _record(out, layer, status, text):
    data = text.encode("utf-8", "replace")
    out.write(b"%s %s %d\n" % (layer.encode(), status.encode(), len(data)))
    out.write(data + b"\n")


def serve(inp, out):
    conf, api = Conf(), Api()
    out.write(b"ready\n")
    out.flush()
    while True:
        header = inp.readline()
        if not header:
            return 0
        fields = header.split()
        mode, now, length = fields[:3]
        document = inp.read(int(length))
        if fields[3:] == [b"api"]:
            _record(out, "conf", "skip", "not asked")
        else:
            ok, text = conf.roundtrip(document, mode.decode(), int(now))
            _record(out, "conf", "ok" if ok else "err", text)
        if fields[3:] == [b"conf"]:
            _record(out, "api", "skip", "not asked")
        elif mode == b"redefine":
            ok, text = api.redefine(document, inject=False)
            _record(out, "api", "ok" if ok else "err", text)
        else:
            _record(out, "api", "skip", "the API takes redefine mode only")
        out.flush()


if __name__ == "__main__":
    import sys
    if sys.argv[1:] != ["serve"]:
        sys.stderr.write("usage: libvirt_oracle.py serve\n")
        sys.exit(2)
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
