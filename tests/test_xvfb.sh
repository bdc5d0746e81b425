#!/bin/sh
# test_xvfb.sh BINARY — a real X window under Xvfb, driven by key presses
# from xdotool: the session starts full screen and keeps running,
# and every control shows in the log (and on screen), Esc twice leaves with
# one history record, and Esc on the picker closes. Skipped (exit 77) when
# Xvfb or xdotool is not installed; .ci/run installs them.
set -u
bin=$1
# The waits for the program suit one that draws tens of frames a second.
# Emulated (make pi-test) a frame can take a good part of a second, and
# PSOAS_TEST_SLOWDOWN, a whole number, stretches each wait that many times.
slow=${PSOAS_TEST_SLOWDOWN:-1}
delay() { sleep "$(awk -v s="$1" -v k="$slow" 'BEGIN { print s * k }')"; }
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

# Practice history goes to a folder of the test's own.
export XDG_STATE_HOME="$tmp/state"
shot() { xwd -root -silent >"$tmp/$1.xwd" 2>/dev/null; }
# Whether two dumps show the same pixels. Only the pixels are compared: xwd
# leaves one byte of each colormap entry unset, so two dumps of one picture
# can differ there. The pixels follow the header (its size is the first
# field) and NCOLORS entries of 12 bytes (the count is the 20th field).
field() { od -A n -t u4 --endian=big -j "$2" -N 4 "$1" | tr -d ' '; }
pixels_at() { echo $(($(field "$1" 0) + 12 * $(field "$1" 76))); }
same() { cmp -s -i "$(pixels_at "$1"):$(pixels_at "$2")" "$1" "$2"; }
# Presses KEY and waits for PATTERN in the log (up to 5 s, stretched).
press() {
    key=$1; shift
    xdotool key "$key"
    for _ in $(seq 1 $((50 * slow))); do grep -q -- "$1" "$tmp/log" && return 0; sleep 0.1; done
    return 1
}

# Leak checking is off here under the sanitizer build, as in test_app.sh:
# the X and GL libraries SDL loads are unloaded at exit.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" "$bin" --log desk-release 2>"$tmp/log" &
app=$!
# Wait for the window, then make sure it keeps running.
win=
for _ in $(seq 1 $((50 * slow))); do
    win=$(xdotool search --onlyvisible --name "Psoas Coach" 2>/dev/null | head -1)
    [ -n "$win" ] && break
    sleep 0.2
done
[ -n "$win" ] && ok || fail "no window appeared"
delay 2
kill -0 "$app" 2>/dev/null && ok || { fail "the program stopped"; cat "$tmp/log"; }
# SDL may replace its first window when the renderer starts: look again.
win=$(xdotool search --onlyvisible --name "Psoas Coach" 2>/dev/null | tail -1)
geometry=$(xdotool getwindowgeometry "$win" 2>&1 | grep Geometry)
echo "$geometry" | grep -q "1280x720" && ok || fail "not full screen: $geometry"
timeout 5 xdotool windowfocus --sync "$win" 2>/dev/null

# Every control: its log line, and for those that show, a changed screen.
have_xwd=; command -v xwd >/dev/null && have_xwd=1
press space "session: .* paused$" && ok || fail "Space did not pause"
delay 0.6; shot paused1; delay 1; shot paused2
if [ -n "$have_xwd" ]; then
    same "$tmp/paused1.xwd" "$tmp/paused2.xwd" && ok || fail "the paused screen still changes"
fi
press space "session: .* resumed after [0-9.]* s$" && ok || fail "Space did not resume"
delay 0.6; shot moving1; delay 0.5; shot moving2
if [ -n "$have_xwd" ]; then
    same "$tmp/moving1.xwd" "$tmp/moving2.xwd" && fail "the running screen is still" || ok
    same "$tmp/paused2.xwd" "$tmp/moving2.xwd" && fail "pausing changed nothing on screen" || ok
fi
press Right "session: .* next$" && ok || fail "Right did not skip"
press Left "session: .* previous$" && ok || fail "Left did not go back"
press Next "session: .* next$" && ok || fail "PageDown did not skip" # Next is X's name for PageDown
press s "session: .* \\(switched side\\|switch side: no sides here\\)$" && ok || fail "S was not logged"
press Up "session: .* pace 110%$" && ok || fail "Up did not slow the pace"
press Down "session: .* pace 100%$" && ok || fail "Down did not restore the pace"
press m "session: .* muted$" && ok || fail "M did not mute"
press plus "session: .* volume 90%$" && ok || fail "+ did not raise the volume"
press minus "session: .* volume 80%$" && ok || fail "- did not lower the volume"
shot before_help
press h "screen: help$" && ok || fail "H did not open the help"
delay 0.6; shot help
if [ -n "$have_xwd" ]; then
    same "$tmp/before_help.xwd" "$tmp/help.xwd" && fail "the help did not show" || ok
fi
press Escape "session: .* resumed after [0-9.]* s$" && ok || fail "closing the help did not resume"
press F11 "screen: full screen off$" && ok || fail "F11 was not logged"
press F11 "screen: full screen on$" && ok || fail "F11 again was not logged"
press Escape "session: .* leave?" && ok || fail "Esc did not ask"
press Escape "session: .* left$" && ok || fail "Esc twice did not leave"
grep -q "screen: summary$" "$tmp/log" || delay 2
grep -q "screen: summary$" "$tmp/log" && ok || fail "no summary after leaving"
records=$(cat "$tmp/state/psoas-coach/history.jsonl" 2>/dev/null | wc -l)
[ "$records" = 1 ] && ok || fail "$records history records after leaving once"
# The summary goes back to the picker; Esc there closes the program.
xdotool key space; delay 1
xdotool key Escape
for _ in $(seq 1 $((50 * slow))); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then
    fail "Esc on the picker did not close the window"
else
    wait "$app"; code=$?
    [ $code = 0 ] && ok || fail "exit code $code after Esc"
fi
app=
records=$(cat "$tmp/state/psoas-coach/history.jsonl" 2>/dev/null | wc -l)
[ "$records" = 1 ] && ok || fail "$records history records at exit"
[ "$fails" = 0 ] || { cat "$tmp/log"; echo "DISPLAY=$DISPLAY; Xvfb said:"; cat "$tmp/xvfb.log"; }
finish xvfb
