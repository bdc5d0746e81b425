#!/bin/sh
# Installs the Debian packages Psoas Coach needs to build, run and test,
# skipping those already present. Used by `make run` and `make test` on a
# fresh Debian 12 / Raspberry Pi OS; through sudo when not root. Extra
# package names given as arguments are installed too (CI adds Xvfb); with
# --only first, just those (tools/make-voice.sh asks for its speech
# synthesiser this way).
set -eu

base="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev \
libcjson-dev libcmocka-dev fonts-dejavu-core"
if [ "${1:-}" = "--only" ]; then
    shift
    base=""
fi
packages="$base $*"

# Installed for this machine's architecture (or for all): the arm64 twins
# `make pi-test` adds (tools/pi-deps.sh) do not build natively.
native=$(dpkg --print-architecture)
missing=""
for p in $packages; do
    dpkg-query -W -f='${Architecture} ${Status}\n' "$p" 2>/dev/null | grep -Eq "^($native|all) .* installed$" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "psoas-coach: installing missing packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "psoas-coach: need root to install:$missing (run as root, or install sudo)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -q
# shellcheck disable=SC2086
$run apt-get install -y -q --no-install-recommends $missing
