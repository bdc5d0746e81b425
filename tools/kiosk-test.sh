#!/bin/sh
# make kiosk-test: the Raspberry Pi kiosk, proven end to end in an emulated
# PC with the same kernel DRM/KMS, Mesa, evdev and ALSA stack as Raspberry
# Pi OS Lite. Builds a Debian bookworm disk image from Debian's packages
# only (debootstrap; the tree is cached in $KIOSK_CACHE, by default
# ~/.cache/psoas-coach/kiosk, as it takes ten minutes to make), installs
# this source tree in it the way the README says (`make install`, then
# `systemctl enable psoas-coach@kiosk`), with console autologin on tty1 as
# many Pi users have it, and boots it under qemu-system-x86_64 without KVM:
# virtio GPU, USB keyboard, HDA sound card recorded to a wav file, QMP for
# screenshots and key presses, a root shell on the serial port to look
# inside. tools/kiosk_vm.py then runs the checks; screenshots, the sound
# and the logs are kept in build-kiosk/. Needs root (debootstrap, chroot).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
out=${KIOSK_OUT:-$src/build-kiosk}
cache=${KIOSK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/psoas-coach/kiosk}
mirror=${KIOSK_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "kiosk-test: needs root (debootstrap, chroot, mkfs): sudo make kiosk-test" >&2; exit 1; }
sh "$src/tools/install-deps.sh" --only debootstrap qemu-system-x86 qemu-utils e2fsprogs python3 sox \
    tesseract-ocr imagemagick systemd
started=$(date +%s)
stamp() { echo "kiosk-test: $(( $(date +%s) - started )) s: $*"; }

# What the image holds: the machine (kernel, systemd with logind, polkit
# for the power-off (taken out again below, then put back the README's
# way), Mesa, ALSA, kbd for kbd_mode), then what
# tools/install-deps.sh installs to build (present, so `make install`
# inside needs no network).
packages="systemd systemd-sysv udev dbus libpam-systemd polkitd linux-image-amd64 \
initramfs-tools kmod procps kbd sudo ca-certificates \
libgl1-mesa-dri libegl-mesa0 libgbm1 libgles2 alsa-utils \
build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev \
libcjson-dev libcmocka-dev fonts-dejavu-core"
key=$(echo "$packages" | sha1sum | cut -c1-10)
base=$cache/bookworm-$key.tar
root=$out/root

unmount() {
    for m in dev/pts dev proc sys; do
        mountpoint -q "$1/$m" 2>/dev/null && umount "$1/$m"
    done
    return 0
}
mount_api() {
    mount -t proc proc "$1/proc"
    mount -t sysfs sys "$1/sys"
    mount --bind /dev "$1/dev"
    mount --bind /dev/pts "$1/dev/pts"
}
trap 'unmount "$root"; [ -n "${tree:-}" ] && unmount "$tree"' EXIT

# --- the cached Debian tree ---
if [ ! -s "$base" ]; then
    stamp "making the Debian tree (once; cached in $base)"
    mkdir -p "$cache"
    tree=$cache/tree.tmp
    rm -rf "$tree"
    debootstrap --variant=minbase bookworm "$tree" "$mirror"
    mount_api "$tree"
    cp /etc/resolv.conf "$tree/etc/resolv.conf"
    chroot "$tree" env DEBIAN_FRONTEND=noninteractive apt-get -q update
    # shellcheck disable=SC2086
    chroot "$tree" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends $packages
    chroot "$tree" apt-get clean
    unmount "$tree"
    tar -C "$tree" -cf "$base.tmp" .
    mv "$base.tmp" "$base"
    rm -rf "$tree"
    tree=""
fi

# --- this machine: the tree, the project installed as the README says ---
stamp "unpacking the tree"
unmount "$root"
rm -rf "$out"
mkdir -p "$root"
tar -C "$root" -xf "$base"
echo kiosk >"$root/etc/hostname"
printf '/dev/vda / ext4 rw,relatime 0 1\n' >"$root/etc/fstab"
mkdir -p "$root/var/log/journal" # kept on the disk: read after the power-off
chroot "$root" useradd -m -s /bin/bash kiosk
# Console autologin on tty1, as Raspberry Pi OS offers it: the kiosk must
# keep keys from the shell it would start.
mkdir -p "$root/etc/systemd/system/getty@tty1.service.d"
cat >"$root/etc/systemd/system/getty@tty1.service.d/autologin.conf" <<'EOF'
[Service]
ExecStart=
ExecStart=-/sbin/agetty -o '-p -f -- \\u' --noclear --autologin kiosk - $TERM
EOF
# The test's own way in: a root shell on the serial port.
mkdir -p "$root/etc/systemd/system/serial-getty@ttyS0.service.d"
cat >"$root/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf" <<'EOF'
[Service]
ExecStart=
ExecStart=-/sbin/agetty -o '-p -f -- \\u' --keep-baud --autologin root 115200 - dumb
EOF
# Raspberry Pi OS Lite may come without polkitd, and logind lets the
# session at the screen turn the machine off only through it: start
# without it, as such a Pi would.
chroot "$root" dpkg --purge polkitd >"$out/polkitd.log" 2>&1 ||
    { cat "$out/polkitd.log"; exit 1; }
stamp "make install inside"
mkdir -p "$root/home/kiosk/psoas-coach"
(cd "$src" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) |
    tar -C "$root/home/kiosk/psoas-coach" -xf -
mount_api "$root"
chroot "$root" sh -c 'cd /home/kiosk/psoas-coach && make install JOBS=2' >"$out/make-install.log" 2>&1 ||
    { tail -30 "$out/make-install.log"; echo "kiosk-test: make install failed in the image" >&2; exit 1; }
# The README's next step: polkitd, for Turn off (from Debian's servers).
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get -q update && apt-get -q install -y polkitd' >>"$out/polkitd.log" 2>&1 ||
    { tail -20 "$out/polkitd.log"; echo "kiosk-test: apt install polkitd failed in the image" >&2; exit 1; }
chroot "$root" apt-get clean
chroot "$root" systemctl enable psoas-coach@kiosk >"$out/enable.log" 2>&1 ||
    { cat "$out/enable.log"; exit 1; }
rm -rf "$root/home/kiosk/psoas-coach/build"
chroot "$root" chown -R kiosk:kiosk /home/kiosk
unmount "$root"
cp "$root"/boot/vmlinuz-* "$out/vmlinuz"
cp "$root"/boot/initrd.img-* "$out/initrd.img"

stamp "making the disk image"
mkfs.ext4 -q -F -L root -d "$root" "$out/disk.img" 4G
rm -rf "$root"

stamp "booting the emulated machine"
python3 "$src/tools/kiosk_vm.py" "$out"
stamp "done; screenshots, sound and logs in $out"
