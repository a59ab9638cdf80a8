#!/bin/sh
# configure.sh: finds snapcheck's build and test dependencies before
# anything is compiled, and writes the compiler flags for the Makefile
# to stdout.  On Debian, as root, what is missing is installed with
# apt-get; otherwise the exact command to run is printed.
#
# "configure.sh interop" checks instead for what make interop needs:
# libvirt's Python binding (which brings libvirt itself); "bench" for
# what make bench compares with and writes its libvirt corpus with;
# "fuzz" for clang's libFuzzer; "memcheck"
# for valgrind.
set -eu

install_or_explain() {
    what=$1
    packages=$2
    if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
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
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
        > /tmp/snapcheck-fuzz-probe.c
    clang -fsanitize=fuzzer,address /tmp/snapcheck-fuzz-probe.c -o /tmp/snapcheck-fuzz-probe \
        >/dev/null 2>&1 || install_or_explain "clang with libFuzzer" "clang libclang-rt-14-dev"
    rm -f /tmp/snapcheck-fuzz-probe /tmp/snapcheck-fuzz-probe.c
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

if [ "${1:-}" = interop ]; then
    /usr/bin/python3 -c 'import libvirt' 2>/dev/null ||
        install_or_explain "libvirt's Python binding" "python3-libvirt libvirt0"
    exit 0
fi

packages="pkg-config libxml2-dev libcmocka-dev libjansson-dev libyaml-dev libxml2-utils jing"

missing() {
    command -v pkg-config >/dev/null 2>&1 || return 0
    pkg-config --exists libxml-2.0 cmocka jansson yaml-0.1 || return 0
    command -v xmllint >/dev/null 2>&1 || return 0
    command -v jing >/dev/null 2>&1 || return 0
    return 1
}

if missing; then
    install_or_explain "build dependencies (pkg-config, libxml2, cmocka, jansson, libyaml, xmllint, jing)" "$packages"
fi

echo "XML_CFLAGS := $(pkg-config --cflags libxml-2.0)"
echo "XML_LIBS := $(pkg-config --libs libxml-2.0)"
echo "JSON_CFLAGS := $(pkg-config --cflags jansson)"
echo "JSON_LIBS := $(pkg-config --libs jansson)"
echo "CMOCKA_CFLAGS := $(pkg-config --cflags cmocka)"
echo "CMOCKA_LIBS := $(pkg-config --libs cmocka)"
echo "YAML_CFLAGS := $(pkg-config --cflags yaml-0.1)"
echo "YAML_LIBS := $(pkg-config --libs yaml-0.1)"
