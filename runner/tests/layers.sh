#!/bin/sh
# layers.sh [DIR]: the layers of DIR (default runner) stay layers.
#
# Each folder of DIR is a layer, and the first six stand in this order:
#
#     util < model < schema < suite < api < cli
#
# A file may include a header of its own layer or of one before it;
# tests, fuzz, bench and difftest stand above all six, each on its own.
# Every #include "..." names its header with its folder ("util/buf.h"),
# the header exists, and no module (a .c file with its .h and .def)
# depends on itself through others.
# Prints one FILE:LINE: line per fault and exits 1; exit 0 when none.
set -u
dir=${1:-runner}
order="util model schema suite api cli"
top="tests fuzz bench difftest"

rank() {
    n=0
    for l in $order; do
        [ "$l" = "$1" ] && { echo $n; return; }
        n=$((n + 1))
    done
    for l in $top; do
        [ "$l" = "$1" ] && { echo 6; return; }
    done
    echo -1
}

status=0
edges=$(mktemp) || exit 2
trap 'rm -f "$edges"' EXIT

for file in $(cd "$dir" && find . -name '*.[ch]' -o -name '*.def' | sed 's|^\./||' | sort); do
    layer=${file%%/*}
    [ "$layer" = "$file" ] && { echo "$dir/$file: not in a layer's folder"; status=1; continue; }
    mine=$(rank "$layer")
    [ "$mine" -lt 0 ] && { echo "$dir/$file: $layer/ is no layer ($order; $top)"; status=1; continue; }
    grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$dir/$file" |
        sed 's/^\([0-9]*\):.*"\(.*\)".*/\1 \2/' > "$edges.one"
    while read -r line inc; do
        where="$dir/$file:$line"
        used=${inc%%/*}
        if [ "$used" = "$inc" ]; then
            echo "$where: #include \"$inc\" does not name its layer (\"$layer/$inc\"?)"
            status=1
            continue
        fi
        if [ ! -f "$dir/$inc" ]; then
            echo "$where: #include \"$inc\": no such file in $dir"
            status=1
            continue
        fi
        theirs=$(rank "$used")
        if [ "$theirs" -gt "$mine" ] || { [ "$mine" -eq 6 ] && [ "$used" != "$layer" ] && [ "$theirs" -eq 6 ]; }; then
            echo "$where: $layer/ includes \"$inc\", from a layer above its own ($order; then $top)"
            status=1
        fi
        # a module is a .c file with its .h (and .def): bulk.c using
        # schema.h and schema.c using bulk.h is a cycle of two modules
        [ "${file%.*}" != "${inc%.*}" ] && echo "${file%.*} ${inc%.*}" >> "$edges"
    done < "$edges.one"
    rm -f "$edges.one"
done

# tsort names a loop on its standard error
loops=$(tsort "$edges" 2>&1 >/dev/null | sed -n 's/^tsort: //p' | grep -v 'input contains a loop')
if [ -n "$loops" ]; then
    echo "$dir: modules that depend on each other in a cycle:" $loops
    status=1
fi
exit $status
