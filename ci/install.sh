#!/bin/sh
# install.sh PREFIX: builds snapcheck from the checkout this script is
# in and installs it under PREFIX (the program in PREFIX/bin, its data
# in PREFIX/share/snapcheck).  The build happens in a temporary
# directory: the checkout is left as it was.  The build's dependencies are Debian
# packages: as root they are installed with apt-get, otherwise through
# sudo when it asks no password, otherwise the command to run is printed
# (runner/configure.sh knows the list).
set -eu

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: install.sh PREFIX" >&2
    exit 2
fi
prefix=$1
src=$(cd "$(dirname "$0")/.." && pwd)

# make and a C compiler come first: configure.sh is run by make
need=
command -v make >/dev/null 2>&1 || need="$need make"
command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
as_root=
if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then
        as_root="sudo -n"
    elif [ -n "$need" ] || ! sh "$src/runner/configure.sh" >/dev/null 2>&1; then
        # configure.sh says what is missing, and how to install it
        [ -z "$need" ] || echo "install.sh: missing:$need (install them with: sudo apt-get install$need)" >&2
        sh "$src/runner/configure.sh" >/dev/null || true
        exit 2
    fi
fi
if [ -n "$need" ]; then
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need
fi
# as root, configure.sh installs what the build lacks
$as_root sh "$src/runner/configure.sh" >/dev/null
build=$(mktemp -d "${TMPDIR:-/tmp}/snapcheck-build.XXXXXX")
trap 'rm -rf "$build"' EXIT
jobs=$(nproc 2>/dev/null || echo 1)
make -C "$src" --no-print-directory -j"$jobs" B="$build" TOOL="$build/snapcheck" PREFIX="$prefix" install
echo "snapcheck installed: $prefix/bin/snapcheck"
