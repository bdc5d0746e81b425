#!/bin/sh
# test_ending.sh BINARY — every way a session ends from outside the screen
# leaves exactly one history record, as "left": SIGHUP, SIGQUIT, SIGTERM
# and SIGINT delivered to the real program (SDL's offscreen driver), the
# SIGTERM-then-SIGHUP pair logind sends at logout, and, under Xvfb, a
# volume change followed by SIGHUP and an X server killed mid-session.
set -u
bin=$1
slow=${PSOAS_TEST_SLOWDOWN:-1}
delay() { sleep "$(awk -v s="$1" -v k="$slow" 'BEGIN { print s * k }')"; }
. "$(dirname "$0")/harness.sh"
app=
xvfb=
trap 'kill $app $xvfb 2>/dev/null; umount "$tmp/small" 2>/dev/null; rm -rf "$tmp"' EXIT
export SDL_AUDIODRIVER=dummy
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

# Waits (up to 10 s, stretched) for PATTERN in FILE.
wait_for() {
    for _ in $(seq 1 $((100 * slow))); do grep -q -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    return 1
}
# Waits for process $app to end (up to 5 s, stretched); its status in $rc.
wait_end() {
    rc=timeout
    for _ in $(seq 1 $((50 * slow))); do
        kill -0 "$app" 2>/dev/null || { wait "$app"; rc=$?; return 0; }
        sleep 0.1
    done
    return 1
}
records() { [ -f "$1/psoas-coach/history.jsonl" ] && wc -l <"$1/psoas-coach/history.jsonl" || echo 0; }

# One session per signal, headless; the signal arrives mid-session.
for sig in HUP QUIT TERM INT; do
    state="$tmp/state-$sig"
    XDG_STATE_HOME="$state" SDL_VIDEODRIVER=offscreen "$bin" --windowed --log one-move 2>"$tmp/log-$sig" &
    app=$!
    wait_for "$tmp/log-$sig" "session: 0:0" || fail "SIG$sig: the session did not start"
    delay 0.5
    kill -"$sig" "$app"
    wait_end || { fail "SIG$sig: still running 5 s after the signal"; kill -9 "$app"; }
    [ "$rc" = 0 ] && ok || fail "SIG$sig: exit status $rc"
    [ "$(records "$state")" = 1 ] && ok || fail "SIG$sig: $(records "$state") records, not 1"
    grep -q '"routine":"one-move".*"finished":false' "$state/psoas-coach/history.jsonl" 2>/dev/null && ok ||
        fail "SIG$sig: not recorded as left"
    grep -q "ending: SIG$sig" "$tmp/log-$sig" && ok || fail "SIG$sig: no log line naming it"
    grep -q "history: recorded one-move" "$tmp/log-$sig" && ok || { fail "SIG$sig: no record line"; cat "$tmp/log-$sig"; }
done

# At logout logind sends SIGTERM, then SIGHUP: still one record.
state="$tmp/state-logout"
XDG_STATE_HOME="$state" SDL_VIDEODRIVER=offscreen "$bin" --windowed --log one-move 2>"$tmp/log-logout" &
app=$!
wait_for "$tmp/log-logout" "session: 0:0"
kill -TERM "$app"
kill -HUP "$app" 2>/dev/null
wait_end || { fail "logout: still running"; kill -9 "$app"; }
[ "$(records "$state")" = 1 ] && ok || fail "logout: $(records "$state") records, not 1"

# On the picker a signal closes the program and records nothing.
state="$tmp/state-picker"
XDG_STATE_HOME="$state" SDL_VIDEODRIVER=offscreen "$bin" --windowed --log 2>"$tmp/log-picker" &
app=$!
wait_for "$tmp/log-picker" "screen: picker"
kill -TERM "$app"
wait_end || { fail "picker: still running"; kill -9 "$app"; }
[ "$rc" = 0 ] && [ "$(records "$state")" = 0 ] && ok || fail "picker: status $rc, $(records "$state") records"

# At 1000 times real time a whole routine passes in half a second, a few
# frames: it is recorded as a trial, every step it held counted, and the
# routine's own length, not the time the end screen waited.
state="$tmp/state-speed"
total=$("$bin" --plan one-move | sed -n 's/^total: \([0-9]*\):\([0-9]*\)$/\1 \2/p' | awk '{ print $1 * 60 + $2 }')
XDG_STATE_HOME="$state" SDL_VIDEODRIVER=offscreen "$bin" --windowed --log --speed 1000 one-move 2>"$tmp/log-speed" &
app=$!
wait_for "$tmp/log-speed" "screen: summary" || fail "--speed 1000: no end screen"
kill -TERM "$app"
wait_end || { fail "--speed 1000: still running"; kill -9 "$app"; }
line=$(cat "$state/psoas-coach/history.jsonl" 2>/dev/null)
echo "$line" | grep -q '"steps":7,"of":7,"finished":true,"speed":1000}' && ok || fail "--speed 1000: recorded $line"
seconds=$(echo "$line" | sed -n 's/.*"seconds":\([0-9]*\).*/\1/p')
[ -n "$seconds" ] && [ "$seconds" -ge $((total - 1)) ] && [ "$seconds" -le $((total + 1)) ] && ok ||
    fail "--speed 1000: $seconds s recorded for a routine of $total s"
XDG_STATE_HOME="$state" "$bin" --history >"$tmp/out"
grep -q "trial at 1000x" "$tmp/out" && grep -q "^0 sessions, 0 minutes in all" "$tmp/out" && ok ||
    { fail "--history does not set the trial apart"; cat "$tmp/out"; }

# What a crash left half-written is removed at the next start: only stale
# temporary files of ours.
state="$tmp/state-temps"
mkdir -p "$state/psoas-coach"
sh -c 'exit 0' & dead=$!
wait $dead
: >"$state/psoas-coach/history.jsonl.tmp-$dead-abcdef"
: >"$state/psoas-coach/settings.json.tmp-$dead-abcdef"
: >"$state/psoas-coach/history.jsonl.tmp-$$-abcdef"
: >"$state/psoas-coach/notes.txt.tmp-$dead-abcdef"
XDG_STATE_HOME="$state" SDL_VIDEODRIVER=offscreen "$bin" --windowed --log 2>"$tmp/log-temps" &
app=$!
wait_for "$tmp/log-temps" "screen: picker"
kill -TERM "$app"
wait_end || kill -9 "$app"
left=$(ls "$state/psoas-coach" | tr '\n' ' ')
[ "$left" = "history.jsonl.tmp-$$-abcdef notes.txt.tmp-$dead-abcdef " ] && ok || fail "temporary files: left $left"

# A full disk (a 16 KiB tmpfs, where this machine lets us mount one) while
# the history holds a damaged line: the session ends by SIGHUP, its record
# cannot be written, and the history stays exactly as it was, not moved
# aside; with room again the next session repairs it.
small="$tmp/small"
mkdir -p "$small"
if mount -t tmpfs -o size=16k tmpfs "$small" 2>/dev/null; then
    state="$small/state"
    mkdir -p "$state/psoas-coach"
    printf '{"date":"2026-12-05T07:30:05","routine":"desk-release","seconds":593,"steps":5,"of":5,"finished":true}\nbroken\n' \
        >"$state/psoas-coach/history.jsonl"
    cp "$state/psoas-coach/history.jsonl" "$tmp/damaged"
    head -c 16384 /dev/zero >"$small/filler" 2>/dev/null
    XDG_STATE_HOME="$state" SDL_VIDEODRIVER=offscreen "$bin" --windowed --log one-move 2>"$tmp/log-full" &
    app=$!
    wait_for "$tmp/log-full" "session: 0:0"
    kill -HUP "$app"
    wait_end || { fail "full disk: still running"; kill -9 "$app"; }
    [ "$rc" = 0 ] && ok || fail "full disk: exit status $rc"
    cmp -s "$tmp/damaged" "$state/psoas-coach/history.jsonl" && ok || fail "full disk: the history changed"
    ls "$state/psoas-coach" | grep -q -e corrupt -e tmp && fail "full disk: files left: $(ls "$state/psoas-coach")" || ok
    grep -q "No space left on device.*this session is not recorded" "$tmp/log-full" && ok ||
        { fail "full disk: no line naming the cause"; cat "$tmp/log-full"; }
    [ "$(grep -c "history.jsonl:2: " "$tmp/log-full")" = 1 ] && ok || fail "full disk: the damage not told once"
    rm -f "$small/filler"
    XDG_STATE_HOME="$state" SDL_VIDEODRIVER=offscreen "$bin" --windowed --log one-move 2>"$tmp/log-room" &
    app=$!
    wait_for "$tmp/log-room" "session: 0:0"
    kill -HUP "$app"
    wait_end || kill -9 "$app"
    [ "$(records "$state")" = 2 ] && ls "$state/psoas-coach" | grep -q corrupt && ok ||
        fail "with room again: $(records "$state") records, $(ls "$state/psoas-coach")"
    umount "$small"
else
    echo "cannot mount a tmpfs here: the full-disk case is left to test_history (RLIMIT_FSIZE)"
fi

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
    echo "Xvfb or xdotool missing: the X cases are skipped"
    finish ending
    exit
fi

# An X server of our own, on a display number from a high range.
start_xvfb() {
    n=$(( $$ % 800 + 1000 ))
    for _ in 1 2 3 4 5; do
        : >"$tmp/display"
        Xvfb ":$n" -displayfd 3 -screen 0 1280x720x24 -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
        xvfb=$!
        for _ in $(seq 1 150); do [ -s "$tmp/display" ] && break; kill -0 $xvfb 2>/dev/null || break; sleep 0.2; done
        [ -s "$tmp/display" ] && break
        n=$((n + 1))
    done
    [ -s "$tmp/display" ] || return 1
    export DISPLAY=":$(cat "$tmp/display")"
    for _ in $(seq 1 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}
start_xvfb || { fail "Xvfb did not start"; cat "$tmp/xvfb.log"; finish ending; exit; }
unset SDL_VIDEODRIVER # make test asks for the offscreen driver: X from here on

# The volume turned down, then the terminal closes: the record and the
# new volume are both kept.
state="$tmp/state-x-hup"
XDG_STATE_HOME="$state" "$bin" --log one-move 2>"$tmp/log-x-hup" &
app=$!
wait_for "$tmp/log-x-hup" "session: 0:0" || fail "X: the session did not start"
grep -q "video: x11 driver" "$tmp/log-x-hup" && ok || fail "X: not on the X11 driver"
for _ in $(seq 1 $((50 * slow))); do
    xdotool search --onlyvisible --name "Psoas Coach" >/dev/null 2>&1 && break
    sleep 0.1
done
delay 0.5
xdotool key minus
wait_for "$tmp/log-x-hup" "volume 70%" && ok || fail "X: the volume key was not taken"
kill -HUP "$app"
wait_end || { fail "X SIGHUP: still running"; kill -9 "$app"; }
[ "$(records "$state")" = 1 ] && ok || fail "X SIGHUP: $(records "$state") records"
grep -q '"volume": *70' "$state/psoas-coach/settings.json" 2>/dev/null && ok ||
    { fail "X SIGHUP: the volume was not saved"; cat "$state/psoas-coach/settings.json"; }

# The X server dies mid-session: the session is recorded, one line says
# why, and the program is gone at once with status 0.
state="$tmp/state-x-lost"
XDG_STATE_HOME="$state" "$bin" --log one-move 2>"$tmp/log-x-lost" &
app=$!
wait_for "$tmp/log-x-lost" "session: 0:0" || fail "X lost: the session did not start"
delay 1
kill -9 "$xvfb"
xvfb=
wait_end || { fail "X lost: still running 5 s after the display went"; kill -9 "$app"; }
[ "$rc" = 0 ] && ok || { fail "X lost: exit status $rc"; tail -5 "$tmp/log-x-lost"; }
[ "$(records "$state")" = 1 ] && ok || fail "X lost: $(records "$state") records, not 1"
grep -q '"finished":false' "$state/psoas-coach/history.jsonl" 2>/dev/null && ok || fail "X lost: not recorded as left"
grep -q "video: the display went away" "$tmp/log-x-lost" && ok || fail "X lost: no line saying so"
grep -q "XIO" "$tmp/log-x-lost" && fail "X lost: Xlib's own fatal error was printed" || ok

finish ending
