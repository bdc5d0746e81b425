#!/bin/sh
# test_files.sh BINARY SOURCE_DIR — odd files where data should be, as a
# user meets them from the command line: a FIFO among the routines, as a
# --check or --plan argument and in place of the voice clips (refused at
# once with one line; SIGTERM still ends a session promptly); routine
# files with names that cannot be ids (a clean --list table all the same);
# numbers that do not fit an option; a snapshot or a sheet that meets a
# full disk (the file already there left whole). Every run has a time
# limit: a hang fails the test.
set -u
bin=$1
src=$2
. "$(dirname "$0")/harness.sh"

export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
export XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
mine="$tmp/config/psoas-coach/levels"
mkdir -p "$mine"
cd "$tmp" || exit 1

# run_limited CODE ARGS...: runs the program for at most 10 s; a hang
# (timeout's 124) or another exit code fails.
run_limited() {
    want=$1; shift
    timeout -s KILL 10 "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    [ "$code" = "$want" ] && return 0
    fail "$* exited $code, wanted $want$([ "$code" = 137 ] && echo ' (hung: killed after 10 s)')"
    cat "$tmp/err"
    return 1
}

# --- FIFOs: refused at once, one line each ---
mkfifo "$mine/piped.json" pipe.json
run_limited 1 --check pipe.json && [ "$(cat err)" = "pipe.json: not a regular file" ] && ok ||
    fail "--check on a FIFO: $(cat err)"
run_limited 1 --plan ./pipe.json && [ "$(cat err)" = "./pipe.json: not a regular file" ] && ok ||
    fail "--plan on a FIFO: $(cat err)"
run_limited 1 --check "$src/levels" /dev/null && [ "$(wc -l <err)" = 2 ] &&
    grep -qxF "/dev/null: not a regular file" err && ok || fail "--check on a folder and a device: $(cat err)"
run_limited 0 --list && grep -qxF "$mine/piped.json: not a regular file" err && [ "$(wc -l <err)" = 1 ] &&
    [ "$(wc -l <out)" = "$(ls "$src"/levels/*.json | wc -l)" ] && ok || fail "--list with a FIFO among the routines"
run_limited 0 --plan one-move && ok

# A FIFO named as the font: passed over with one line, the usual font used.
PSOAS_COACH_FONT="$tmp/pipe.json" run_limited 0 --snapshot 60 --size 320x180 --out font.bmp desk-release &&
    [ "$(cat err)" = "psoas-coach: video: PSOAS_COACH_FONT=$tmp/pipe.json: not a regular file; using the usual font" ] &&
    ok || fail "a FIFO as the font: $(cat err)"

# A session with a FIFO among the routines and FIFOs for every voice clip:
# it starts, names the FIFO, and ends on SIGTERM within 3 s (the clip
# loader once blocked in open on a FIFO, and quitting waited for it).
mkdir voice
for f in "$src"/assets/voice/*.ogg; do mkfifo "voice/$(basename "$f")"; done
PSOAS_VOICE_DIR="$tmp/voice" "$bin" --windowed --log one-move >session.out 2>session.err &
pid=$! # the program itself, so that a hung one is killed below, not left behind
i=0
while [ $i -lt 100 ] && ! grep -q "voice: 0 of" session.err; do sleep 0.1; i=$((i + 1)); done
grep -q "voice: 0 of [0-9]* lines ready" session.err && ok || fail "the clip loader did not finish: $(tail -3 session.err)"
kill -TERM $pid
i=0
while [ $i -lt 30 ] && kill -0 $pid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
if kill -0 $pid 2>/dev/null; then
    fail "still running 3 s after SIGTERM with FIFOs for voice clips"
    kill -KILL $pid
fi
wait $pid
grep -qxF "psoas-coach: routine: $mine/piped.json: not a regular file" session.err && ok ||
    fail "the session did not name the FIFO among the routines"
[ "$(grep -c "cannot read the clip .*(not a regular file)" session.err)" = 3 ] &&
    grep -q "more lines have no usable clip in $tmp/voice" session.err && ok ||
    { fail "unreadable clips: three named, the rest counted"; grep audio session.err; }
rm -f "$mine/piped.json"

# --- names that cannot be routine ids: left out, one line each, and the
# --list table keeps one routine a line in aligned columns ---
good='{"title": "Soir \u00e9tir\u00e9", "steps": [{"pose": "seated", "seconds": 20}]}'
printf '%s' "$good" >"$mine/tab	in.json"
printf '%s' "$good" >"$mine/new
line.json"
printf '%s' "$good" >"$mine/$(printf 'latin1-\351t\351').json"
printf '%s' "$good" >"$mine/$(printf '%064d' 7).json"
printf '%s' "$good" >"$mine/$(printf '%063d' 7).json"
printf '%s' "$good" >"$mine/étirement-du-soir.json"
run_limited 0 --list
[ "$(wc -l <err)" = 4 ] && [ "$(grep -c ': left out: .*; rename the file$' err)" = 4 ] && ok ||
    { fail "odd names: one line each"; cat err; }
grep -qF '/"tab\u0009in.json": left out: control character U+0009 at character 4' err && ok || fail "tab not named"
grep -qF '/"new\u000aline.json": left out: control character U+000A at character 4' err && ok || fail "newline not named"
grep -qF '/"latin1-\xe9t\xe9.json": left out: byte 0xe9 at byte 8 is not UTF-8' err && ok || fail "latin-1 not named"
grep -qF 'left out: the name is 64 bytes; at most 63 fit in the history' err && ok || fail "64-byte name not named"
shipped=$(ls "$src"/levels/*.json | wc -l)
[ "$(wc -l <out)" = $((shipped + 2)) ] && ok || { fail "--list lines"; cat out; }
! grep -q "$(printf '\t')" out && grep -Eq "^$(printf '%063d' 7) +Soir étiré +[0-9]+:[0-9]{2} +1 steps  \(yours\)$" out &&
    grep -Eq '^étirement-du-soir +Soir étiré ' out && ok || { fail "--list rows"; cat out; }
# the columns line up, counted in characters
widths=$(while IFS= read -r l; do printf '%s' "${l%% steps*}" | LC_ALL=C.UTF-8 wc -m; done <out | sort -u | wc -l)
[ "$widths" = 1 ] && ok || { fail "--list columns do not line up"; cat out; }
# an id typed with a control character is refused, named safely
run_limited 1 --plan "$(printf 'tab\tin')" &&
    grep -qxF 'psoas-coach: "tab\u0009in" is not a routine id: control character U+0009 at character 4' err && ok ||
    fail "--plan with a tab in the id: $(cat err)"
rm -f "$mine"/*

# --- 3000 routine files and 20 broken ones: --list shows every good one
# in id order with the shipped ones, and names every broken one ---
awk -v d="$mine" 'BEGIN { for (i = 1; i <= 3000; i++) { f = sprintf("%s/zz-%04d.json", d, i)
    printf "{\"title\": \"Mine %04d\", \"steps\": [{\"pose\": \"seated\", \"seconds\": 20}]}", i >f; close(f) } }'
i=1
while [ $i -le 20 ]; do printf '{"title": ' >"$mine/broken-$i.json"; i=$((i + 1)); done
run_limited 0 --list
[ "$(wc -l <out)" = $((shipped + 3000)) ] && [ "$(grep -c '^zz-[0-9]* .*(yours)$' out)" = 3000 ] && ok ||
    fail "--list of 3000: $(wc -l <out) lines"
cut -d' ' -f1 out | LC_ALL=C sort -c 2>/dev/null && ok || fail "--list of 3000 not in id order"
for f in "$src"/levels/*.json; do
    grep -q "^$(basename "$f" .json) " out || fail "--list of 3000 lost the shipped $(basename "$f")"
done
[ "$(grep -c '/broken-[0-9]*.json:1:11: syntax error' err)" = 20 ] && [ "$(wc -l <err)" = 20 ] && ok ||
    fail "--list of 3000: $(grep -c broken err) of 20 broken files named"
rm -f "$mine"/*

# --- numbers that do not fit are refused: exit 2, one line ---
for args in "--size 4294967312x16" "--size 16x4294967312" "--size 640x360x2" "--size -640x360" \
    "--speed 0x10" "--speed 1e3" "--speed inf" "--speed 1001" "--bench nan" "--bench 1e9" \
    "--snapshot 4294967312:00" "--snapshot 1e3" "--minutes 99999999999999999999" "--minutes +10"; do
    # shellcheck disable=SC2086
    run_limited 2 $args desk-release && [ "$(wc -l <err)" = 1 ] && grep -q "^psoas-coach: --.* (try --help)$" err &&
        ok || fail "$args not refused in one line: $(cat err)"
done
run_limited 0 --snapshot 1:05.5 --size 64x48 --out shot.bmp desk-release && ok

# --- a snapshot or a sheet that cannot be written whole (a file-size
# limit stands in for a full disk) leaves the picture there untouched and
# no temporary file ---
run_limited 0 --snapshot 60 --size 640x360 --out keep.bmp desk-release && cp keep.bmp before.bmp && ok
for what in "--snapshot 2 --out keep.bmp" "--sheet keep.bmp --size 800x600"; do
    # shellcheck disable=SC2086
    (trap '' XFSZ; ulimit -f 200; exec timeout -s KILL 20 "$bin" $what desk-release) >out 2>err
    code=$?
    [ $code = 1 ] && [ "$(wc -l <err)" = 1 ] && grep -q "keep.bmp: cannot write: File too large" err && ok ||
        { fail "$what under a size limit: exit $code"; cat err; }
    cmp -s keep.bmp before.bmp && ok || fail "$what under a size limit changed the file there"
    [ -z "$(ls -A | grep 'tmp-')" ] && ok || { fail "$what left a temporary file"; ls -A; }
done
(trap '' XFSZ; ulimit -f 200; exec "$bin" --snapshot 2 --out new.bmp desk-release) >/dev/null 2>&1
[ ! -e new.bmp ] && ok || fail "a snapshot that could not be written left a part of itself"

finish files
