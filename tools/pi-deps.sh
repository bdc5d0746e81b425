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
# qemu-user is preferred to qemu-user-static (a quarter of the size): with
# the arm64 libc installed, the dynamic emulator needs nothing else.
set -eu

arch=arm64
host_tools="cmake pkg-config fonts-dejavu-core crossbuild-essential-$arch"
target_libs="libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libcjson-dev libcmocka-dev"

installed() {
    case "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" in
        *" installed") return 0 ;;
        *) return 1 ;;
    esac
}

missing=""
for p in $host_tools; do
    installed "$p" || missing="$missing $p"
done
for p in $target_libs; do
    installed "$p:$arch" || missing="$missing $p:$arch"
done
# Either emulator will do; the toolchain file looks for both.
if ! command -v qemu-aarch64 >/dev/null 2>&1 && ! command -v qemu-aarch64-static >/dev/null 2>&1; then
    missing="$missing qemu-user"
fi
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
if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    $run dpkg --add-architecture "$arch"
fi
# Another apt run on this machine may hold the lock for a while: wait for it.
apt="env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600"
$run $apt update -q
# shellcheck disable=SC2086
$run $apt install -y -q --no-install-recommends $missing
