#!/bin/sh
# test_app.sh BINARY SOURCE_DIR — the real program, headless: SDL's
# offscreen video driver; --snapshot drawing what the timeline says, in
# both themes; --history; bad input. Whole scripted sessions are in
# test_ui.c, real key presses in test_xvfb.sh.
set -u
bin=$1
src=$2
. "$(dirname "$0")/harness.sh"

export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy

# Practice history goes to a folder of the test's own.
export XDG_STATE_HOME="$tmp/state"

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

# The light theme draws the same moment differently, and mostly light:
# the first pixel (bottom left in a BMP) is the background.
"$bin" --snapshot 60 --theme light --out "$tmp/light.bmp" --size 640x360 desk-release 2>"$tmp/err" && ok ||
    { fail "light snapshot"; cat "$tmp/err"; }
cmp -s "$tmp/hold.bmp" "$tmp/light.bmp" && fail "--theme light changed nothing" || ok
offset=$(od -An -tu4 -j10 -N4 "$tmp/light.bmp" | tr -d ' ')
light=$(od -An -tu1 -j"$offset" -N3 "$tmp/light.bmp" | awk '{ print $1 + $2 + $3 }')
dark=$(od -An -tu1 -j"$offset" -N3 "$tmp/hold.bmp" | awk '{ print $1 + $2 + $3 }')
[ "$light" -gt 600 ] && [ "$dark" -lt 100 ] && ok || fail "backgrounds: light $light, dark $dark"
"$bin" --theme purple desk-release 2>"$tmp/err"
[ $? = 2 ] && grep -q "dark or light" "$tmp/err" && ok || fail "--theme purple not refused"

# --history: empty at first, says where the file is.
"$bin" --history >"$tmp/out" 2>"$tmp/err" && grep -q "No practice recorded yet" "$tmp/out" &&
    grep -q "$tmp/state/psoas-coach" "$tmp/out" && ok || { fail "--history when empty"; cat "$tmp/out" "$tmp/err"; }
mkdir -p "$tmp/state/psoas-coach"
printf '{"date":"2026-11-20T07:30:05","routine":"desk-release","seconds":593,"steps":5,"of":5,"finished":true}\n' \
    >"$tmp/state/psoas-coach/history.jsonl"
"$bin" --history >"$tmp/out" 2>"$tmp/err" && grep -q "desk-release" "$tmp/out" && grep -q "9:53" "$tmp/out" && ok ||
    { fail "--history with a record"; cat "$tmp/out" "$tmp/err"; }
# A history file cut short: one warning, never a crash, and --history,
# which only reads, leaves the file and the folder exactly as they were.
head -c 40 "$tmp/state/psoas-coach/history.jsonl" >"$tmp/cut" && cp "$tmp/cut" "$tmp/state/psoas-coach/history.jsonl"
ls -la --time-style=full-iso "$tmp/state/psoas-coach" >"$tmp/before"
"$bin" --history >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && [ "$(grep -c "history" "$tmp/err")" = 1 ] && ok || { fail "--history with a truncated file"; cat "$tmp/out" "$tmp/err"; }
ls -la --time-style=full-iso "$tmp/state/psoas-coach" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" && cmp -s "$tmp/cut" "$tmp/state/psoas-coach/history.jsonl" && ok ||
    { fail "--history wrote in the state folder"; diff "$tmp/before" "$tmp/after"; }

# A contact sheet: one image for the whole routine.
"$bin" --sheet "$tmp/sheet.bmp" --size 800x600 psoas-flow 2>"$tmp/err" && ok || { fail "sheet"; cat "$tmp/err"; }
dims=$(od -An -tu4 -j18 -N8 "$tmp/sheet.bmp" | tr -s ' ')
[ "$dims" = " 800 600" ] && ok || fail "sheet size '$dims'"

finish app
