#!/usr/bin/python3
r"""snapcheck adapter for libvirt 9.0 itself.

Speaks snapcheck's implementation protocol (snapcheck's README.md, "The
implementation protocol"; make install puts README.md in
PREFIX/share/doc/snapcheck): the document on standard input, the parse
mode in SNAPCHECK_MODE and create mode's clock in SNAPCHECK_NOW;
libvirt's formatted document on standard output, or exit 1 with
libvirt's message and a "snapcheck-reason: PART" line on standard error,
or exit 77 for a mode the chosen layer cannot drive.

  --layer api    (default) the public API on the in-process test driver:
                 the document is redefined as a snapshot and read back.
                 A document without a full <domain> gets a test domain
                 whose disks match its <disks> (libvirt refuses to
                 redefine a new snapshot without one), a named parent is
                 redefined first as a placeholder, and the injected
                 domain is taken out of the output again.  Redefine mode
                 only: create mode takes the real clock and internal mode
                 is not reachable through the API.
  --layer conf   libvirt's own parser and formatter, called the way its
                 qemudomainsnapshotxml2xmltest calls them; every mode.
  --validate     (api) VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE: libvirt checks
                 the document against its own schema first.
  --no-domain    (api) hand libvirt the document as it is, without a
                 domain where it has none: libvirt then refuses most
                 cases for that alone, which shows the reason check at
                 work (README, "Rejected for the right reason").

See libvirt_oracle.py, beside this file, for how each layer is reached.
This file and libvirt_oracle.py work wherever they are, in snapcheck's
source tree or installed with it:

    snapcheck run --impl "$(snapcheck --datadir)/adapters/libvirt_test_driver.py" \
        --compare envelope \
        --baseline "$(snapcheck --datadir)/adapters/libvirt-9.0.0.baseline"

The baselines beside them list where libvirt 9.0.0 differs from the
reference, and why (README.md, "libvirt itself").
"""
import argparse
import os
import sys

# libvirt_oracle is found beside this file, and no bytecode is written
# there: an installed data directory is read-only data.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

import libvirt_oracle  # noqa: E402

SKIP = 77


def reject(message, document):
    message = message.rstrip("\n")
    sys.stderr.write(message + "\n")
    sys.stderr.write("snapcheck-reason: %s\n" % libvirt_oracle.reason_of(message, document))
    return 1


def main():
    parser = argparse.ArgumentParser(description="snapcheck adapter for libvirt 9.0")
    parser.add_argument("--layer", choices=("api", "conf"), default="api")
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--no-domain", action="store_true")
    args = parser.parse_args()
    mode = os.environ.get("SNAPCHECK_MODE", "redefine")
    if mode not in ("create", "redefine", "internal"):
        sys.stderr.write("unknown SNAPCHECK_MODE '%s'\n" % mode)
        return 2
    document = sys.stdin.buffer.read()
    try:
        if args.layer == "conf":
            ok, text = libvirt_oracle.Conf().roundtrip(
                document, mode, int(os.environ.get("SNAPCHECK_NOW", "0")))
        elif mode != "redefine":
            sys.stderr.write("the API layer drives redefine mode only: create mode takes the "
                             "real clock, internal mode is not reachable through the API\n")
            return SKIP
        else:
            ok, text = libvirt_oracle.Api().redefine(document, validate=args.validate,
                                                     inject=not args.no_domain)
    except libvirt_oracle.Unsupported as err:
        sys.stderr.write("%s\n" % err)
        return SKIP
    if not ok:
        return reject(text, document)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
