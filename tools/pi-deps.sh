#!/bin/sh
# Installs what `make pi-test` needs to cross-build Psoas Coach for 64-bit
# Raspberry Pi OS (Debian bookworm arm64) and run its tests under qemu on
# this amd64 machine: the arm64 architecture in dpkg, the aarch64 cross
# compiler, qemu's user-mode emulator and the arm64 -dev libraries.
# Skips what is already present; through sudo when not root.
#
# The arm64 -dev packages are Multi-Arch: same, so they install beside the
# amd64 ones (`make test` keeps working); apt may upgrade an amd64 library
# to the version of its arm64 twin, as multiarch requires them equal.
# One exception: SDL2_mixer's -dev needs a JACK -dev (through fluidsynth's),
# and JACK 2's libjack-jackd2-dev is not Multi-Arch: same, nor can JACK 1's
# libjack-dev join it. Left to itself, apt may try JACK 2's for one side and
# give up, so JACK 1's is named here for both (the amd64 one is what
# `make test` would install anyway); with JACK 2's -dev installed natively
# this stops and says so.
# qemu-user is preferred to qemu-user-static (a quarter of the size): with
# the arm64 libc installed, the dynamic emulator needs nothing else.
set -eu

arch=arm64
host_tools="cmake pkg-config fonts-dejavu-core crossbuild-essential-$arch libjack-dev"
target_libs="libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libcjson-dev libcmocka-dev libjack-dev"

# installed PACKAGE ARCH: whether PACKAGE is installed for ARCH (or for all).
installed() {
    dpkg-query -W -f='${Architecture} ${Status}\n' "$1" 2>/dev/null | grep -Eq "^($2|all) .* installed$"
}

native=$(dpkg --print-architecture)
missing=""
for p in $host_tools; do
    installed "$p" "$native" || missing="$missing $p"
done
for p in $target_libs; do
    installed "$p" "$arch" || missing="$missing $p:$arch"
done
# Either emulator will do; the toolchain file looks for both.
if ! command -v qemu-aarch64 >/dev/null 2>&1 && ! command -v qemu-aarch64-static >/dev/null 2>&1; then
    missing="$missing qemu-user"
fi
[ -z "$missing" ] && exit 0

if installed libjack-jackd2-dev "$native"; then
    echo "psoas-coach: libjack-jackd2-dev (JACK 2) is installed, and no arm64 JACK -dev installs beside it;" >&2
    echo "psoas-coach: to cross-build, switch to JACK 1's (apt-get install libjack-dev) and run this again" >&2
    exit 1
fi
echo "psoas-coach: installing missing packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "psoas-coach: need root to install:$missing (run as root, or install sudo)" >&2
    exit 1
fi
if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    $run dpkg --add-architecture "$arch"
fi
# Another apt run on this machine may hold the lock for a while: wait for it.
apt="env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600"
$run $apt update -q
# shellcheck disable=SC2086
$run $apt install -y -q --no-install-recommends $missing
