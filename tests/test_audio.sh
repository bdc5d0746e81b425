#!/bin/sh
# test_audio.sh BINARY — with an audio driver that cannot open, a routine
# runs to its end with one warning and no wait.
# (test_record records whole sessions with the disk driver and measures
# them.)
set -u
bin=$1
. "$(dirname "$0")/harness.sh"
export SDL_VIDEODRIVER=offscreen XDG_STATE_HOME="$tmp/state"
# Leak checking off under the sanitizer build, as in test_app.sh.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

SDL_AUDIODRIVER=nosuchdriver timeout -s TERM 25 "$bin" --windowed --log --speed 60 --size 640x360 desk-release 2>"$tmp/log"
[ "$(grep -c "audio: no sound device" "$tmp/log")" = 1 ] && ok || { fail "not one warning without sound"; cat "$tmp/log"; }
# on time: the routine's 9:53, as the practice clock has it
grep -q "session: 9:53.0 finished$" "$tmp/log" && ok || { fail "the silent session did not finish at 9:53"; cat "$tmp/log"; }
finish audio
