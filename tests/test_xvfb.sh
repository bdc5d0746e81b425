#!/bin/sh
# test_xvfb.sh BINARY — a real X window under Xvfb, driven by key presses
# from xdotool: the session starts full screen and keeps running, Space
# pauses, Right skips, and Esc leaves with exit 0. Skipped (exit 77) when
# Xvfb or xdotool is not installed; .ci/run installs them.
set -u
bin=$1
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb or xdotool missing: skipped"; exit 77; }
. "$(dirname "$0")/harness.sh"
# X sockets in Linux's abstract namespace are shared by every chroot on a
# machine, so an X server elsewhere on display :0 (another test run, say)
# would take this test's clients. Use a display number of our own from a
# high range, and let Xvfb say with -displayfd when it accepts clients.
app=
xvfb=
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
n=$(( $$ % 800 + 100 ))
for _ in 1 2 3 4 5; do
    : >"$tmp/display"
    Xvfb ":$n" -displayfd 3 -screen 0 1280x720x24 -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
    xvfb=$!
    for _ in $(seq 1 150); do [ -s "$tmp/display" ] && break; kill -0 $xvfb 2>/dev/null || break; sleep 0.2; done
    [ -s "$tmp/display" ] && break
    n=$((n + 1)) # in use: the next one
done
[ -s "$tmp/display" ] || { echo "FAIL: Xvfb did not start"; cat "$tmp/xvfb.log"; exit 1; }
export DISPLAY=":$(cat "$tmp/display")"
# Wait until a client really connects (and show Xvfb's own words if none
# can), so the test judges the program and not the server.
for _ in $(seq 1 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
xdotool getdisplaygeometry >/dev/null 2>&1 ||
    { echo "FAIL: no client can connect to Xvfb on $DISPLAY"; cat "$tmp/xvfb.log"; exit 1; }
unset SDL_VIDEODRIVER
export SDL_AUDIODRIVER=dummy

# Leak checking is off here under the sanitizer build, as in test_app.sh:
# the X and GL libraries SDL loads are unloaded at exit.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" "$bin" --log desk-release 2>"$tmp/log" &
app=$!
# Wait for the window, then make sure it keeps running.
win=
for _ in $(seq 1 50); do
    win=$(xdotool search --onlyvisible --name "Psoas Coach" 2>/dev/null | head -1)
    [ -n "$win" ] && break
    sleep 0.2
done
[ -n "$win" ] && ok || fail "no window appeared"
sleep 2
kill -0 "$app" 2>/dev/null && ok || { fail "the program stopped"; cat "$tmp/log"; }
# SDL may replace its first window when the renderer starts: look again.
win=$(xdotool search --onlyvisible --name "Psoas Coach" 2>/dev/null | tail -1)
geometry=$(xdotool getwindowgeometry "$win" 2>&1 | grep Geometry)
echo "$geometry" | grep -q "1280x720" && ok || fail "not full screen: $geometry"

timeout 5 xdotool windowfocus --sync "$win" 2>/dev/null
xdotool key space; sleep 0.5
xdotool key space; sleep 0.5
xdotool key Right; sleep 0.5
xdotool key Escape
for _ in $(seq 1 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then
    fail "Esc did not close the window"
else
    wait "$app"; code=$?
    [ $code = 0 ] && ok || fail "exit code $code after Esc"
fi
app=
grep -q "session: .* paused$" "$tmp/log" && ok || fail "Space did not pause"
grep -q "session: .* resumed$" "$tmp/log" && ok || fail "Space did not resume"
grep -q "session: next$" "$tmp/log" && ok || fail "Right did not skip"
grep -q "session: .* left$" "$tmp/log" && ok || fail "Esc was not logged"
[ "$fails" = 0 ] || { cat "$tmp/log"; echo "DISPLAY=$DISPLAY; Xvfb said:"; cat "$tmp/xvfb.log"; }
finish xvfb
