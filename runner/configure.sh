#!/bin/sh
# configure.sh [--install] [WHAT]: finds what a part of snapcheck needs
# before anything is compiled.  WHAT is "build" (the default: what the
# tool and the library need; the compiler flags are then written to
# stdout for the Makefile: libxml2, and jansson when it is there),
# "check" (what make check adds: cmocka, libyaml, jansson, xmllint, jing), "interop" (libvirt's Python binding, which
# brings libvirt itself), "bench" (what make bench compares with),
# "fuzz DIR" (clang's libFuzzer; DIR holds the probe's scratch files)
# or "memcheck" (valgrind).
#
# What is missing is installed with apt-get only with --install, on
# Debian, as root: the Makefile passes it for README's commands (make
# run, make check) and the other test targets, never for make, make
# install or make -n.  Otherwise the exact command to run is printed.
#
# "browser" is for headless Chromium and Node.js, which make
# check-browser and make bench-report drive the HTML report with; bench
# also needs libvirt's Python binding, to write its libvirt corpus with.
set -eu

install=0
if [ "${1:-}" = --install ]; then
    install=1
    shift
fi

install_or_explain() {
    what=$1
    packages=$2
    if [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
        echo "snapcheck: installing $what: $packages" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >&2
        # shellcheck disable=SC2086
        apt-get install -y -q --no-install-recommends $packages >&2
        return
    fi
    echo "snapcheck: missing $what." >&2
    if [ -f /etc/debian_version ]; then
        echo "Install them with: sudo apt-get install $packages" >&2
    else
        echo "Install the packages that provide: $packages" >&2
    fi
    exit 1
}

if [ "${1:-}" = fuzz ]; then
    dir=${2:-build}
    mkdir -p "$dir"
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
        > "$dir/fuzz-probe.c"
    clang -fsanitize=fuzzer,address "$dir/fuzz-probe.c" -o "$dir/fuzz-probe" \
        >/dev/null 2>&1 || install_or_explain "clang with libFuzzer" "clang libclang-rt-14-dev"
    rm -f "$dir/fuzz-probe" "$dir/fuzz-probe.c"
    exit 0
fi

if [ "${1:-}" = memcheck ]; then
    command -v valgrind >/dev/null 2>&1 || install_or_explain "valgrind" "valgrind"
    exit 0
fi

if [ "${1:-}" = bench ]; then
    for tool in xmllint jing virt-xml-validate gnuplot; do
        command -v $tool >/dev/null 2>&1 || {
            install_or_explain "the tools the benchmark compares with" \
                "libxml2-utils jing libvirt-clients libvirt0 gnuplot-nox"
            break
        }
    done
    [ -f /usr/share/libvirt/schemas/domainsnapshot.rng ] ||
        install_or_explain "libvirt's schema" "libvirt0"
    # the corpus libvirt itself writes, through its test driver
    /usr/bin/python3 -c 'import libvirt' 2>/dev/null ||
        install_or_explain "libvirt's Python binding" "python3-libvirt libvirt0"
    exit 0
fi

if [ "${1:-}" = browser ]; then
    # only what is missing: a Node.js from elsewhere (one that brings its
    # own npm) conflicts with Debian's npm package
    need=
    command -v chromium >/dev/null 2>&1 || need="$need chromium"
    command -v node >/dev/null 2>&1 || need="$need nodejs"
    command -v npm >/dev/null 2>&1 || need="$need npm"
    [ -z "$need" ] || install_or_explain "a browser and Node.js for the HTML report's tests" "${need# }"
    exit 0
fi

if [ "${1:-}" = interop ]; then
    /usr/bin/python3 -c 'import libvirt' 2>/dev/null ||
        install_or_explain "libvirt's Python binding" "python3-libvirt libvirt0"
    exit 0
fi

if [ "${1:-}" = check ]; then
    # libvirt0 for its installed schema, whose drift and shortcuts the
    # tests check
    check_packages="libcmocka-dev libyaml-dev libjansson-dev libxml2-utils jing libvirt0"
    if ! command -v xmllint >/dev/null 2>&1 || ! command -v jing >/dev/null 2>&1 ||
        ! pkg-config --exists cmocka yaml-0.1 jansson 2>/dev/null ||
        [ ! -f /usr/share/libvirt/schemas/domainsnapshot.rng ]; then
        install_or_explain "what make check needs (cmocka, libyaml, jansson, xmllint, jing, libvirt's schema)" \
            "$check_packages"
    fi
    exit 0
fi

if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libxml-2.0; then
    install_or_explain "what the build needs (pkg-config, libxml2)" "pkg-config libxml2-dev"
fi
# jansson reads JSON Lines reports back (snapcheck report); the set-up
# installs it, and a build without it says so when a report is read
if ! pkg-config --exists jansson; then
    if [ "$install" = 1 ]; then
        install_or_explain "jansson, to read reports back" "libjansson-dev"
    else
        echo "snapcheck: building without jansson: 'snapcheck report' will not read reports" \
            "(Debian: sudo apt-get install libjansson-dev, then make again)" >&2
    fi
fi

echo "XML_CFLAGS := $(pkg-config --cflags libxml-2.0)"
echo "XML_LIBS := $(pkg-config --libs libxml-2.0)"
if pkg-config --exists jansson; then
    echo "JSON_CFLAGS := -DSC_HAVE_JANSSON $(pkg-config --cflags jansson)"
    echo "JSON_LIBS := $(pkg-config --libs jansson)"
    echo "JSON_PC := jansson"
fi
