#!/bin/sh
# Installs the Debian packages Psoas Coach needs to build, run and test,
# skipping those already present. Used by `make run` and `make test` on a
# fresh Debian 12 / Raspberry Pi OS; through sudo when not root. Extra
# package names given as arguments are installed too (CI adds Xvfb); with
# --only first, just those (tools/make-voice.sh asks for its speech
# synthesiser this way). A name may carry an architecture, PKG:ARCH
# (tools/pi-deps.sh asks for arm64 libraries so): it is checked for that
# architecture, which dpkg is told of first when it is a new one.
set -eu

base="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev \
libcjson-dev libcmocka-dev fonts-dejavu-core"
if [ "${1:-}" = "--only" ]; then
    shift
    base=""
fi
packages="$base $*"

# Installed for its architecture (this machine's unless named), or for
# all: the arm64 twins `make pi-test` adds do not build natively.
native=$(dpkg --print-architecture)
missing=""
foreign=""
for p in $packages; do
    case "$p" in
        *:*) name=${p%%:*} want=${p#*:} ;;
        *) name=$p want=$native ;;
    esac
    dpkg-query -W -f='${Architecture} ${Status}\n' "$name" 2>/dev/null | grep -Eq "^($want|all) .* installed$" &&
        continue
    missing="$missing $p"
    if [ "$want" != "$native" ] && ! dpkg --print-foreign-architectures | grep -qx "$want"; then
        case " $foreign " in *" $want "*) ;; *) foreign="$foreign $want" ;; esac
    fi
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
for a in $foreign; do
    $run dpkg --add-architecture "$a"
done
# Another apt run on this machine may hold the lock for a while: wait for it.
apt="env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600"
$run $apt update -q
# shellcheck disable=SC2086
$run $apt install -y -q --no-install-recommends $missing
