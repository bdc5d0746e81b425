#!/bin/sh
# Installs what `make pi-test` needs to cross-build Psoas Coach for 64-bit
# Raspberry Pi OS (Debian bookworm arm64) and run its tests under qemu on
# this amd64 machine: the arm64 architecture in dpkg, the aarch64 cross
# compiler, qemu's user-mode emulator and the arm64 -dev libraries.
# Skips what is already present; through sudo when not root, by
# tools/install-deps.sh.
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

# Either emulator will do; the toolchain file looks for both.
qemu=""
if ! command -v qemu-aarch64 >/dev/null 2>&1 && ! command -v qemu-aarch64-static >/dev/null 2>&1; then
    qemu="qemu-user"
fi
native=$(dpkg --print-architecture)
if dpkg-query -W -f='${Architecture} ${Status}\n' libjack-jackd2-dev 2>/dev/null | grep -Eq "^$native .* installed$"; then
    echo "psoas-coach: libjack-jackd2-dev (JACK 2) is installed, and no arm64 JACK -dev installs beside it;" >&2
    echo "psoas-coach: to cross-build, switch to JACK 1's (apt-get install libjack-dev) and run this again" >&2
    exit 1
fi
targets=""
for p in $target_libs; do
    targets="$targets $p:$arch"
done
# shellcheck disable=SC2086
exec sh "$(dirname "$0")/install-deps.sh" --only $host_tools $targets $qemu
