#!/bin/sh
# uninstall.sh MANIFEST — removes the files `make install` listed in
# MANIFEST (CMake's install_manifest.txt), under $DESTDIR when set as it
# was for the install, then the folders of Psoas Coach's own left empty.
set -eu
manifest=${1:?usage: uninstall.sh build/install_manifest.txt}
if [ ! -f "$manifest" ]; then
    echo "psoas-coach: $manifest: not there, so nothing was installed from this build" >&2
    exit 1
fi
removed=0
while IFS= read -r f || [ -n "$f" ]; do
    [ -n "$f" ] || continue
    f="${DESTDIR:-}$f"
    if [ -e "$f" ] || [ -L "$f" ]; then
        rm -f "$f"
        removed=$((removed + 1))
    fi
    # its folders, up to the first that is not ours alone
    d=$(dirname "$f")
    while case "$d" in */psoas-coach|*/psoas-coach/*) true ;; *) false ;; esac; do
        rmdir "$d" 2>/dev/null || break
        d=$(dirname "$d")
    done
done < "$manifest"
echo "psoas-coach: removed $removed files listed in $manifest"
