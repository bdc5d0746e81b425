#!/bin/sh
# test_app.sh BINARY SOURCE_DIR — the real program, headless: SDL's
# offscreen video driver, a whole routine played at 100x with --log, Esc
# through a real event queue is covered by the Xvfb test when present, and
# --snapshot drawing what the timeline says.
set -u
bin=$1
src=$2
. "$(dirname "$0")/harness.sh"

export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy

# desk-release from start to finish at 100x: every hold of every step is
# logged in order, and the session finishes by itself with exit 0.
# (Under the sanitizer build, leak checking is off for this run only: SDL's
# offscreen driver dlopens EGL and X libraries and unloads them at exit,
# and their allocations show as leaks in "unknown modules".)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" timeout 60 "$bin" --windowed --log --speed 100 desk-release 2>"$tmp/log"
code=$?
[ $code = 0 ] && ok || { fail "desk-release run exited $code"; cat "$tmp/log"; }
grep -q "session: 9:5[3-9].[0-9] finished$" "$tmp/log" && ok || { fail "no 'finished' at 9:5x"; cat "$tmp/log"; }
holds=$(grep -c "session: .* hold step" "$tmp/log")
want=$("$bin" --plan desk-release | grep -c " hold ")
[ "$holds" = "$want" ] && ok || { fail "$holds holds logged, plan has $want"; cat "$tmp/log"; }
# Steps appear in order 1..5.
grep -o "hold step [0-9]*/5" "$tmp/log" | uniq | awk -F'[ /]' '{ if ($3 != NR) bad = 1 } END { exit bad || NR != 5 }' &&
    ok || { fail "steps out of order"; cat "$tmp/log"; }

# A routine that fails validation never opens a window: exit 1, one line.
printf '{"title": "x", "steps": [{"pose": "seated"}]}' >"$tmp/bad.json"
timeout 10 "$bin" --windowed "$tmp/bad.json" 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && ok || { fail "bad routine"; cat "$tmp/err"; }

# Snapshots: a real image of the right size, and different moments differ.
"$bin" --snapshot 0:02 --out "$tmp/intro.bmp" --size 640x360 desk-release 2>"$tmp/err" && ok || { fail "snapshot"; cat "$tmp/err"; }
"$bin" --snapshot 60 --out "$tmp/hold.bmp" --size 640x360 desk-release 2>/dev/null && ok || fail "snapshot at 1:00"
"$bin" --snapshot 1:00 --out "$tmp/hold2.bmp" --size 640x360 desk-release 2>/dev/null
[ "$(head -c 2 "$tmp/intro.bmp")" = "BM" ] && ok || fail "not a BMP"
# BMP width and height are little-endian at bytes 18 and 22.
dims=$(od -An -tu4 -j18 -N8 "$tmp/intro.bmp" | tr -s ' ')
[ "$dims" = " 640 360" ] && ok || fail "snapshot size '$dims'"
cmp -s "$tmp/intro.bmp" "$tmp/hold.bmp" && fail "intro and hold look the same" || ok
cmp -s "$tmp/hold.bmp" "$tmp/hold2.bmp" && ok || fail "the same moment drew differently"
# Not a blank frame: more than one distinct byte value in the pixels.
distinct=$(od -An -tu1 -v "$tmp/hold.bmp" | tr -s ' ' '\n' | sort -u | wc -l)
[ "$distinct" -gt 8 ] && ok || fail "snapshot looks blank ($distinct byte values)"
"$bin" --snapshot 5 --out "$tmp/x.png" desk-release 2>"$tmp/err"
[ $? = 1 ] && grep -q "only .bmp" "$tmp/err" && ok || fail "png snapshot not refused"
"$bin" --snapshot 5 desk-release 2>"$tmp/err"
[ $? = 2 ] && grep -q "needs --out" "$tmp/err" && ok || fail "--snapshot without --out not refused"

# A contact sheet: one image for the whole routine.
"$bin" --sheet "$tmp/sheet.bmp" --size 800x600 psoas-flow 2>"$tmp/err" && ok || { fail "sheet"; cat "$tmp/err"; }
dims=$(od -An -tu4 -j18 -N8 "$tmp/sheet.bmp" | tr -s ' ')
[ "$dims" = " 800 600" ] && ok || fail "sheet size '$dims'"

finish app
