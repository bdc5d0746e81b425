#!/bin/sh
# test_cli.sh BINARY SOURCE_DIR [EXECUTABLE] — the command line as a user
# meets it: --check on broken files (one line each, exit 1), --plan totals,
# --list, usage errors (exit 2), and data found from another directory.
# A cross build passes as BINARY a script that runs EXECUTABLE under an
# emulator.
set -u
bin=$1
src=$2
exe=${3:-$bin}
. "$(dirname "$0")/harness.sh"

# expect_run CODE "STDERR LINE" ARGS... : exit code and an exact stderr line.
expect_run() {
    want_code=$1; want_line=$2; shift 2
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" != "$want_code" ]; then
        fail "$* exited $code, wanted $want_code"; cat "$tmp/err"; return
    fi
    if [ -n "$want_line" ] && ! grep -qxF -- "$want_line" "$tmp/err"; then
        fail "$*: no line '$want_line' in:"; cat "$tmp/err"; return
    fi
    ok
}

cd "$tmp" || exit 1

# Broken files: refused with exit 1 and a line naming the file and place.
printf '{"title": "x", "steps": [\n  {"pose": "seated", "seconds": -5}\n]}\n' >neg.json
expect_run 1 "neg.json: \$.steps[0].seconds: expected a number from 1 to 3600, got -5" --check neg.json
printf '{"title": "x",\n "steps": [}\n' >syntax.json
expect_run 1 "syntax.json:2:12: syntax error: expected a value (a number, \"string\", true, false, null, [ or {), found '}'" --check syntax.json
expect_run 1 "missing.json: cannot open: No such file or directory" --check missing.json
head -c 1100000 /dev/zero | tr '\0' ' ' >big.json
expect_run 1 "big.json: file is 1100000 bytes; data files are limited to 1 MiB" --check big.json
printf '\377\376{}' >binary.json
expect_run 1 "binary.json:1:1: encoding error: invalid UTF-8 byte 0xff (save the file as UTF-8)" --check binary.json
# Every file is checked and reported, good ones too.
cp "$src/levels/desk-release.json" good.json
"$bin" --check good.json neg.json syntax.json >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && grep -qxF "good.json: ok" "$tmp/out" && [ "$(wc -l <"$tmp/err")" = 2 ] && ok ||
    fail "--check of several files"
expect_run 0 "" --check good.json

# Every error is exactly one line naming the file.
printf '{"Title": "", "steps": [{"pose": "lunge", "secs": 3}], "extra": [}' >many.json
printf '{"Title": "", "steps": [{"pose": "lunge", "secs": 3}, {"pose": "tree", "breaths": 0}]}' >many2.json
"$bin" --check many2.json >/dev/null 2>"$tmp/err"
n=$(grep -c '^many2.json: \$' "$tmp/err")
[ "$n" = "$(wc -l <"$tmp/err")" ] && [ "$n" -ge 5 ] && ok || { fail "many errors, one line each"; cat "$tmp/err"; }

# --plan: its total equals the sum of its rows.
"$bin" --plan desk-release >plan.txt 2>"$tmp/err" || fail "--plan desk-release failed"
awk '
    function secs(s,   n, p) { n = split(s, p, ":"); return n == 3 ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    NR > 2 && $1 ~ /^[0-9]/ { sum += secs($2); last_end = secs($1) + secs($2) }
    /^total:/ { total = secs($2) }
    END { if (total == 0 || total != sum || total != last_end) { print "sum " sum " end " last_end " total " total; exit 1 } }
' plan.txt && ok || { fail "--plan total is not the sum of its rows"; cat plan.txt; }
grep -q "^total: 9:53$" plan.txt && ok || fail "--plan desk-release total changed: $(tail -1 plan.txt)"
# A routine written by hand: 5 intro + 4 in + 20 + 5 in + 30 L + 5 switch + 30 R + 8 outro = 107 s.
printf '{"title": "Hand", "steps": [{"pose": "seated", "seconds": 20},\n {"pose": "low-lunge", "sides": "both", "seconds": 30}]}' >hand.json
"$bin" --plan ./hand.json >hand.txt 2>&1 && grep -qx "total: 1:47" hand.txt && ok || { fail "--plan hand.json"; cat hand.txt; }

# --list: one line per shipped routine with title, length and steps.
"$bin" --list >list.txt 2>"$tmp/err"
[ $? = 0 ] && [ "$(wc -l <list.txt)" = "$(ls "$src"/levels/*.json | wc -l)" ] && ok || { fail "--list"; cat list.txt "$tmp/err"; }
grep -Eq '^desk-release +Desk release +9:53 +5 steps$' list.txt && ok || { fail "--list desk-release line"; cat list.txt; }

# Every shipped routine passes --check, as the program finds it by id and
# by path, and --plan plays it from intro to outro.
for f in "$src"/levels/*.json; do
    id=$(basename "$f" .json)
    "$bin" --check "$f" >"$tmp/out" 2>"$tmp/err"
    [ $? = 0 ] && grep -qxF "$f: ok" "$tmp/out" && [ ! -s "$tmp/err" ] && ok ||
        { fail "--check levels/$id.json"; cat "$tmp/out" "$tmp/err"; }
    "$bin" --plan "$id" >"$tmp/out" 2>"$tmp/err"
    [ $? = 0 ] && grep -q "^ *0:00 .* intro " "$tmp/out" && grep -q " outro " "$tmp/out" && grep -q "^total: " "$tmp/out" &&
        ok || { fail "--plan $id"; cat "$tmp/out" "$tmp/err"; }
done

# --minutes: every shipped routine at 10 and 20 minutes (the length
# tests in test_scale cover every offered length) lands within 5%, its
# rows still sum to the total; a length it cannot reach is one line, exit 1.
secs_awk='function secs(s,   n, p) { n = split(s, p, ":"); return n == 3 ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }'
for f in "$src"/levels/*.json; do
    id=$(basename "$f" .json)
    for m in 10 20; do
        "$bin" --plan "$id" --minutes $m >"$tmp/out" 2>"$tmp/err" || { fail "--plan $id --minutes $m"; cat "$tmp/err"; continue; }
        awk -v m=$m "$secs_awk"'
            NR > 2 && $1 ~ /^[0-9]/ { sum += secs($2) }
            /^total:/ { total = secs($2) }
            END { t = m * 60; d = total - t; if (d < 0) d = -d; if (total != sum || d > t * 0.05) { print "total " total " sum " sum; exit 1 } }
        ' "$tmp/out" && ok || { fail "--plan $id --minutes $m total"; cat "$tmp/out"; }
    done
done
expect_run 1 "psoas-coach: yin-psoas cannot be made 3 minutes long; it offers 10, 15, 20, 30, 45 or 60 minutes (as written: 20:39)" --plan yin-psoas --minutes 3
expect_run 2 "psoas-coach: --minutes wants whole minutes from 1 to 180, got 'ten' (try --help)" --plan yin-psoas --minutes ten
expect_run 2 "psoas-coach: --minutes goes with a routine to play, --plan, --snapshot or --sheet (try --help)" --list --minutes 10

# Breath practices: --plan --breathe for every preset and several lengths.
# The practice (from the end of the 5 s intro to the 8 s outro) lasts the
# minutes asked for, within half a breath; the pattern is the documented one.
for spec in calm:4-0-6-0:10 long-exhale:4-0-8-0:12 coherent:5.5-0-5.5-0:11 box:4-4-4-4:16 \
            4-7-8:4-7-8-0:19 cyclic-sighing:4+1-0-8-0:13 3-1-5-2:3-1-5-2:11; do
    name=${spec%%:*}; rest=${spec#*:}; pattern=${rest%%:*}; cycle=${rest#*:}
    for m in 1 5 33 60; do
        "$bin" --plan --breathe "$name" --minutes "$m" --posture seated-floor >br.txt 2>"$tmp/err" ||
            { fail "--plan --breathe $name --minutes $m"; cat "$tmp/err"; continue; }
        awk -v m="$m" -v cycle="$cycle" -v pat="$pattern" '
            function secs(s,   n, p) { n = split(s, p, ":"); return n == 3 ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
            / hold / { if ($NF != pat) bad = "pattern " $NF }
            / outro / { end = secs($1) }
            END { d = end - 5 - m * 60; if (d < 0) d = -d
                  if (bad || end == 0 || d > cycle / 2 + 0.05) { print bad " practice ends at " end; exit 1 } }
        ' br.txt && grep -q "^$m min, Seated on the floor, breath $pattern s" br.txt && ok ||
            { fail "--plan --breathe $name --minutes $m"; cat br.txt; }
    done
done
"$bin" --plan --breathe box --minutes 2 | grep -q "not eased in" && ok || fail "box is eased in"
# Find your pace: five holds of even breaths, 6.5 to 4.5 a minute, about two minutes each.
"$bin" --plan --breathe find-your-pace >pace.txt 2>"$tmp/err" && awk '
    function secs(s,   n, p) { n = split(s, p, ":"); return n == 3 ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    / hold / { n++; rate = $4; split($NF, b, "-"); if (b[1] != b[3] || b[2] != 0 || b[4] != 0) bad = 1
               d = secs($2) - 120; if (d < 0) d = -d; if (d > 60 / rate) bad = 1; rates = rates rate " " }
    END { if (n != 5 || bad || rates != "6.5 6 5.5 5 4.5 ") { print n, bad, rates; exit 1 } }
' pace.txt && ok || { fail "--plan --breathe find-your-pace"; cat pace.txt "$tmp/err"; }
"$bin" --plan --breathe coherent --minutes 6 | grep -q "eased in: .* the pattern from 2:00" && ok ||
    fail "coherent is not eased in to 2:00"
expect_run 2 "psoas-coach: --minutes with --breathe wants a whole number from 1 to 60, got '61' (try --help)" --breathe box --minutes 61
expect_run 2 "psoas-coach: --minutes wants whole minutes from 1 to 180, got '2.5' (try --help)" --plan --breathe box --minutes 2.5
expect_run 2 "psoas-coach: --posture wants constructive-rest, supine, seated or seated-floor, got 'tree' (try --help)" --breathe box --posture tree
expect_run 2 "psoas-coach: --breathe wants calm, long-exhale, coherent, box, 4-7-8, cyclic-sighing or seconds IN-HOLD-OUT-HOLD (in 1-20, holds 0-30, out 1-30, in half seconds; e.g. 4-7-8-0), got '4-7-8-0-1' (try --help)" --breathe 4-7-8-0-1
expect_run 2 "psoas-coach: --posture goes with --breathe PATTERN (try --help)" --posture seated desk-release
expect_run 2 "psoas-coach: unexpected argument 'desk-release' (a routine or --breathe, not both) (try --help)" --breathe box desk-release
expect_run 2 "psoas-coach: option '--breathe' needs a value (try --help)" --plan --breathe

# Made practices: --plan --make over focuses, lengths and avoid sets lands
# within 5% of the minutes in all; --save writes a file
# that passes --check and plans the same; the day's seed is the default.
secs() { awk '/^total:/ { n = split($2, p, ":"); print n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }' "$1"; }
for focus in desk lunges floor yin gentle all; do
    for m in 5 20 60; do
        for avoid in none kneeling floor,balance; do
            "$bin" --plan --make --minutes "$m" --focus "$focus" --avoid "$avoid" --seed 11 >made.txt 2>"$tmp/err" ||
                { fail "--plan --make --minutes $m --focus $focus --avoid $avoid"; cat "$tmp/err"; continue; }
            t=$(secs made.txt)
            awk -v t="$t" -v m="$m" 'BEGIN { d = t - m * 60; if (d < 0) d = -d; exit !(d <= m * 60 * 0.05) }' &&
                ok || fail "--make --minutes $m --focus $focus --avoid $avoid: $t s"
            case $avoid in *kneeling*|*floor*)
                grep -Eq "hold +(Kneeling lunge|Child's pose|Half frog|Camel|Tabletop)" made.txt &&
                    fail "--avoid $avoid kept a kneeling pose (--focus $focus, $m min)" || ok ;;
            esac
        done
    done
done
"$bin" --make --minutes 25 --focus floor --seed 4 --save made.json >/dev/null && "$bin" --check made.json >/dev/null &&
    [ "$("$bin" --plan made.json | tail -1)" = "$("$bin" --plan --make --minutes 25 --focus floor --seed 4 | tail -1)" ] &&
    ok || fail "--save: the saved practice does not check or plan the same"
[ "$("$bin" --plan --make --minutes 20 | tail -1)" = "$("$bin" --plan --make --minutes 20 --seed "$(date +%Y%m%d)" | tail -1)" ] &&
    "$bin" --plan --make --minutes 20 >today.txt && "$bin" --plan --make --minutes 20 --seed 1 >other.txt &&
    ! cmp -s today.txt other.txt && ok || fail "--make without --seed is not the day's practice"
expect_run 2 "psoas-coach: --focus, --avoid, --seed and --save go with --make (try --help)" --focus desk desk-release
expect_run 2 "psoas-coach: --minutes with --make wants a whole number from 5 to 60, got '90' (try --help)" --make --minutes 90
expect_run 2 "psoas-coach: --focus wants desk, lunges, floor, yin, gentle or all, got 'legs' (try --help)" --make --focus legs

# Usage errors: exit 2, one line.
expect_run 2 "psoas-coach: unknown option '--bogus' (try --help)" --bogus
expect_run 2 "psoas-coach: option '--plan' needs a value (try --help)" --plan
expect_run 2 "psoas-coach: --check needs at least one file (try --help)" --check
expect_run 2 "psoas-coach: --speed wants a number from 0.1 to 1000, got 'fast' (try --help)" --speed fast
expect_run 1 "psoas-coach: no routine called 'nope' (psoas-coach --list shows them)" --plan nope
"$bin" --help | grep -q "^Usage: psoas-coach" && ok || fail "--help"
"$bin" --version | grep -Eq "^psoas-coach [0-9]+\.[0-9]+\.[0-9]+$" && ok || fail "--version"
# --kiosk, which the kiosk unit passes, is an option the program knows
"$bin" --kiosk --log --plan desk-release >/dev/null 2>"$tmp/err" && ok || fail "--kiosk: $(cat "$tmp/err")"

# Data found through PSOAS_COACH_DATA when the binary is elsewhere. (The
# emulator's script, copied to run the copy, is what a cross build starts.)
cp "$exe" ./lonely
lonely=./lonely
if [ "$exe" != "$bin" ]; then
    sed "s|'$exe'|'$tmp/lonely'|" "$bin" >lonely.sh && chmod +x lonely.sh && lonely=./lonely.sh
fi
PSOAS_COACH_DATA="$src" "$lonely" --list >/dev/null 2>&1 && ok || fail "PSOAS_COACH_DATA"
env -u PSOAS_COACH_DATA "$lonely" --list >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "cannot find the data directory" "$tmp/err" && ok || fail "no data directory"

# --voice-lines: every cue of every routine once, named by its FNV-1a
# hash (the reference value for "Switch sides" was computed independently).
"$bin" --voice-lines >voice.txt 2>"$tmp/err" && ok || { fail "--voice-lines"; cat "$tmp/err"; }
grep -qxF "$(printf '61c5efb41c2d1331\tSwitch sides')" voice.txt && ok || fail "--voice-lines hash of 'Switch sides'"
[ "$(cut -f1 voice.txt | sort | uniq -d | wc -l)" = 0 ] && ok || fail "--voice-lines repeats a line"
grep -qF "$(printf '\tKneeling lunge, left leg back')" voice.txt && ok || fail "--voice-lines lacks a pose with its side"
missing=0
cues=0
for f in "$src"/levels/*.json; do
    tr '\n' ' ' <"$f" | grep -o '"cues": *\[[^]]*\]' | grep -o '"[^"]*"' | grep -v '^"cues"$' | tr -d '"' >cues.txt
    while IFS= read -r cue; do
        cues=$((cues + 1))
        grep -qF "$(printf '\t%s' "$cue")" voice.txt || missing=$((missing + 1))
    done <cues.txt
done
[ "$cues" -gt 50 ] && ok || fail "found only $cues cues in levels/"
[ "$missing" = 0 ] && ok || fail "$missing cues of levels/ missing from --voice-lines"
# ... and every line has its recorded clip (tools/make-voice.sh makes them).
noclip=$(cut -f1 voice.txt | while read -r h; do [ -s "$src/assets/voice/$h.ogg" ] || echo "$h"; done | wc -l)
[ "$noclip" = 0 ] && ok || fail "$noclip voice lines have no clip in assets/voice (run tools/make-voice.sh)"

finish cli
