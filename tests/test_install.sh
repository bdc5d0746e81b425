#!/bin/sh
# test_install.sh BINARY SOURCE_DIR BUILD_DIR [EMULATOR...] — what a user
# of an installed Psoas Coach meets: the install staged into a fresh root
# (DESTDIR), the installed program listing routines and drawing a snapshot
# from another folder, the user's own routines beside the shipped ones,
# --bench's figures, and make uninstall leaving nothing of ours behind. A
# cross build passes the emulator that runs the installed program.
set -u
bin=$1
src=$2
build=$3
shift 3
. "$(dirname "$0")/harness.sh"

# --- the user's own routines, in $XDG_CONFIG_HOME/psoas-coach/levels ---
mine="$tmp/config/psoas-coach/levels"
mkdir -p "$mine"
sed 's/"title": *"[^"]*"/"title": "My evening breath"/' "$src/levels/breathe.json" >"$mine/evening.json"
sed 's/"title": *"[^"]*"/"title": "My desk release"/' "$src/levels/desk-release.json" >"$mine/desk-release.json"
printf '{\n  "title": 3\n}\n' >"$mine/broken.json"
XDG_CONFIG_HOME="$tmp/config" "$bin" --list >"$tmp/list" 2>"$tmp/err"
[ $? = 0 ] && ok || fail "--list with a broken routine of the user's should still succeed"
grep -Eq '^evening +My evening breath +9:44 +5 steps  \(yours\)$' "$tmp/list" && ok || fail "the user's routine is listed as theirs: $(cat "$tmp/list")"
grep -Eq '^desk-release +My desk release .*\(yours\)$' "$tmp/list" && ok || fail "a user's routine with a shipped id stands in its place"
[ "$(grep -c '^desk-release ' "$tmp/list")" = 1 ] && ok || fail "desk-release listed once"
grep -q '^psoas-flow ' "$tmp/list" && ok || fail "shipped routines still listed"
grep -q "^$mine/broken.json: \$.title: " "$tmp/err" && ok || fail "the broken routine is named with where in it: $(cat "$tmp/err")"
XDG_CONFIG_HOME="$tmp/config" "$bin" --plan evening | head -1 | grep -q '^My evening breath$' && ok || fail "--plan finds the user's routine by id"
# without XDG_CONFIG_HOME: ~/.config
mkdir -p "$tmp/home/.config/psoas-coach/levels"
cp "$mine/evening.json" "$tmp/home/.config/psoas-coach/levels/"
HOME="$tmp/home" XDG_CONFIG_HOME= "$bin" --list 2>/dev/null | grep -q '^evening .*(yours)$' && ok || fail "~/.config/psoas-coach/levels"
HOME="$tmp/home" XDG_CONFIG_HOME=relative "$bin" --list 2>/dev/null | grep -q '^evening ' && ok || fail "a relative XDG_CONFIG_HOME is ignored, as the spec says"

# --- --bench: the figures it prints, and its usage errors ---
"$bin" --bench 2 --size 320x180 desk-release >"$tmp/bench" 2>&1 && ok || fail "--bench: $(cat "$tmp/bench")"
grep -q '^bench: desk-release, 2 s at 60 frames a second: 120 frames at 320x180, software renderer$' "$tmp/bench" && ok || fail "bench header: $(cat "$tmp/bench")"
grep -Eq '^cpu per frame: median [0-9]+\.[0-9]{3} ms, p99 [0-9]+\.[0-9]{3} ms, mean [0-9]+\.[0-9]{3} ms$' "$tmp/bench" && ok || fail "bench cpu line"
grep -Eq '^frames drawn: [0-9]+ of 120 ' "$tmp/bench" && ok || fail "bench frames drawn"
grep -Eq '^peak memory: [0-9]+\.[0-9] MB resident$' "$tmp/bench" && ok || fail "bench memory"
grep -Eq '^start to first frame: [0-9]+\.[0-9] ms$' "$tmp/bench" && ok || fail "bench start"
# the frames drawn: fewer than ticked (holds skip frames that look the same), but many
drawn=$(sed -n 's/^frames drawn: \([0-9]*\) of.*/\1/p' "$tmp/bench")
[ "${drawn:-0}" -gt 10 ] && [ "${drawn:-0}" -le 120 ] && ok || fail "frames drawn: $drawn"
"$bin" --bench 0 desk-release 2>"$tmp/err"; [ $? = 2 ] && grep -q "^psoas-coach: --bench wants seconds of practice, more than 0, got '0' (try --help)$" "$tmp/err" && ok || fail "--bench 0: $(cat "$tmp/err")"
"$bin" --bench 5 --snapshot 3 --out x.bmp 2>"$tmp/err"; [ $? = 2 ] && ok || fail "--bench with --snapshot is a usage error"

# --- install into a fresh root, run from elsewhere, uninstall ---
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
root="$tmp/root"
manifest="$build/install_manifest.txt"
[ -f "$manifest" ] && cp "$manifest" "$tmp/manifest.saved"
DESTDIR="$root" cmake --install "$build" >"$tmp/install.log" 2>&1 && ok || fail "install: $(tail -3 "$tmp/install.log")"
for f in bin/psoas-coach share/psoas-coach/assets/poses.json share/psoas-coach/levels/desk-release.json \
    share/applications/psoas-coach.desktop share/icons/hicolor/scalable/apps/psoas-coach.svg \
    lib/systemd/system/psoas-coach@.service; do
    [ -e "$root$prefix/$f" ] && ok || fail "not installed: $prefix/$f"
done
grep -qx "Exec=$prefix/bin/psoas-coach" "$root$prefix/share/applications/psoas-coach.desktop" && ok || fail ".desktop Exec"
unit="$root$prefix/lib/systemd/system/psoas-coach@.service"
grep -qx "ExecStart=$prefix/bin/psoas-coach --kiosk --log" "$unit" && ok || fail "unit ExecStart"
# the kiosk unit as systemd reads it (an instance for a user that exists)
if command -v systemd-analyze >/dev/null 2>&1; then
    sed "s|$prefix/bin/psoas-coach|$root$prefix/bin/psoas-coach|" "$unit" >"$tmp/psoas-coach@root.service"
    systemd-analyze verify "$tmp/psoas-coach@root.service" >"$tmp/verify" 2>&1 &&
        ! grep -i "psoas-coach@" "$tmp/verify" && ok || fail "systemd-analyze verify: $(cat "$tmp/verify")"
fi
mkdir -p "$tmp/elsewhere"
(
    cd "$tmp/elsewhere" || exit 1
    env -u PSOAS_COACH_DATA HOME="$tmp/elsewhere" "$@" "$root$prefix/bin/psoas-coach" --list >list 2>err || exit 1
    env -u PSOAS_COACH_DATA HOME="$tmp/elsewhere" "$@" "$root$prefix/bin/psoas-coach" --snapshot 1:10 --size 320x180 \
        --out shot.bmp desk-release 2>>err || exit 2
) && ok || fail "the installed program from another folder: $(cat "$tmp/elsewhere/err")"
[ "$(wc -l <"$tmp/elsewhere/list")" = "$(ls "$src"/levels/*.json | wc -l)" ] && grep -q '^desk-release ' "$tmp/elsewhere/list" && ok || fail "installed --list: $(cat "$tmp/elsewhere/list")"
# a 320x180 32-bit BMP: 54-byte header + 230400 bytes of pixels
[ "$(wc -c <"$tmp/elsewhere/shot.bmp" 2>/dev/null)" -ge 230400 ] && ok || fail "installed --snapshot wrote no picture"
DESTDIR="$root" sh "$src/tools/uninstall.sh" "$manifest" >"$tmp/un.log" 2>&1 && ok || fail "uninstall: $(cat "$tmp/un.log")"
left=$(find "$root" -type f | head -3)
[ -z "$left" ] && ok || fail "uninstall left files: $left"
[ ! -d "$root$prefix/share/psoas-coach" ] && ok || fail "uninstall left share/psoas-coach"
if [ -f "$tmp/manifest.saved" ]; then cp "$tmp/manifest.saved" "$manifest"; else rm -f "$manifest"; fi
sh "$src/tools/uninstall.sh" "$tmp/none.txt" 2>"$tmp/err"; [ $? = 1 ] && grep -q "nothing was installed" "$tmp/err" && ok || fail "uninstall without a manifest"

finish test_install
