#!/bin/sh
# Renders the spoken-cue clips: assets/voice/HASH.ogg for every text the app
# may speak. The list comes from `build/psoas-coach --voice-lines` (or
# --lines FILE), one `HASH<TAB>TEXT` per line, HASH being the FNV-1a 64 of
# the UTF-8 text in 16 lower-case hex digits. Only missing clips are made
# unless --force; nothing is deleted unless --prune. Installs the
# synthesiser (Festival with the CMU SLT HTS voice) and SoX when missing,
# through sudo when not root. See assets/voice/README.md.
#
#   tools/make-voice.sh [--force] [--prune] [--lines FILE]
#
# Environment: PSOAS_COACH (the app, default build/psoas-coach),
# PSOAS_VOICE_DIR (where the clips go, default assets/voice).
set -eu

# Settings of the clips; changing any of them calls for --force.
speed=0.87         # HTS speech rate: 0.87 of the voice's own pace
highpass=70        # Hz, removes rumble and DC below the voice
target_rms=-20     # dBFS, RMS of the speech with its pauses taken out
peak_max=-1        # dBFS, a clip is turned down rather than go above this
pad=0.08           # s of silence at each end
rate=22050         # Hz, mono
quality=1          # Vorbis quality: about 43 kbit/s for this voice

me=make-voice
usage() {
    echo "usage: tools/make-voice.sh [--force] [--prune] [--lines FILE]" >&2
    exit 2
}

force=0
prune=0
lines=""
while [ $# -gt 0 ]; do
    case $1 in
        --force) force=1 ;;
        --prune) prune=1 ;;
        --lines) [ $# -ge 2 ] || usage; lines=$2; shift ;;
        --lines=*) lines=${1#--lines=} ;;
        -h|--help) usage ;;
        *) echo "$me: unknown option: $1" >&2; usage ;;
    esac
    shift
done

root=$(cd "$(dirname "$0")/.." && pwd)
outdir=${PSOAS_VOICE_DIR:-$root/assets/voice}
app=${PSOAS_COACH:-$root/build/psoas-coach}

# --- Packages -------------------------------------------------------------
sh "$root/tools/install-deps.sh" --only festival festvox-us-slt-hts sox libsox-fmt-base

# --- Scratch space --------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/make-voice.XXXXXX")
part=""
cleanup() {
    rm -rf "$tmp"
    if [ -n "$part" ]; then rm -f "$part"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- The list of texts ----------------------------------------------------
list=$tmp/lines
if [ -n "$lines" ]; then
    cat -- "$lines" >"$list"
else
    if [ ! -x "$app" ]; then
        echo "$me: $app not found; build it (make) or give --lines FILE" >&2
        exit 1
    fi
    if ! "$app" --voice-lines >"$list" </dev/null; then
        echo "$me: $app --voice-lines failed; rebuild it, or give --lines FILE" >&2
        exit 1
    fi
fi
mkdir -p "$outdir"

# Festival reads 8-bit text, so typographic characters become their ASCII
# counterparts: curly quotes straight, dashes a comma pause, accents dropped
# (iconv), anything still unknown left out. A real '?' is kept aside while
# iconv marks what it cannot transliterate with '?'.
ascii_text() {
    printf '%s\n' "$1" |
        tr -d '\001-\010\013-\037' |
        sed -e "s/‘/'/g" -e "s/’/'/g" -e 's/“/"/g' -e 's/”/"/g' \
            -e 's/ *— */, /g' -e 's/ *– */, /g' -e 's/…/.../g' |
        tr '?' '\001' |
        LC_ALL=C.UTF-8 iconv -c -f UTF-8 -t ASCII//TRANSLIT 2>/dev/null |
        tr -d '?' | tr '\001' '?'
}

# stats_db FILE FIELD [EFFECT...]: a level in dB from `sox stats`.
stats_db() {
    f=$1 field=$2
    shift 2
    sox "$f" -n "$@" stats 2>&1 | awk -v k="$field" '
        index($0, k) == 1 { print $NF; found = 1 } END { exit !found }'
}

# render TEXT OUT: synthesises TEXT into the Ogg Vorbis clip OUT.
render() {
    ascii_text "$1" >"$tmp/text.txt" || return 1
    if ! grep -q '[A-Za-z0-9]' "$tmp/text.txt"; then
        echo "$me: nothing to say in: $1" >&2
        return 1
    fi
    # The text goes in as a file: never through the shell or Scheme.
    if ! text2wave -o "$tmp/raw.wav" \
        -eval '(voice_cmu_us_slt_arctic_hts)' \
        -eval "(set! hts_engine_params (append hts_engine_params '((\"-r\" $speed))))" \
        "$tmp/text.txt" </dev/null >"$tmp/log" 2>&1; then
        cat "$tmp/log" >&2
        return 1
    fi
    # Mono, high-pass, resample, peak to -3 dBFS (so the silence threshold
    # is relative to the voice), cut the silence at both ends.
    sox -R -D "$tmp/raw.wav" -e floating-point -b 32 "$tmp/a.wav" \
        remix - highpass "$highpass" rate -v "$rate" gain -n -3 \
        silence 1 0.01 -50d reverse silence 1 0.01 -50d reverse || return 1
    if [ "$(soxi -s "$tmp/a.wav")" -eq 0 ]; then
        echo "$me: no speech synthesised for: $1" >&2
        return 1
    fi
    # Level of the speech alone: the pauses inside the clip are taken out.
    speech=$(stats_db "$tmp/a.wav" "RMS lev dB" silence 1 0.02 -40d -1 0.05 -40d) || {
        echo "$me: no speech synthesised for: $1" >&2
        return 1
    }
    # The pauses are found at a fixed -40 dBFS, so measure once more at the
    # new level and correct.
    gain=$(awk -v t="$target_rms" -v s="$speech" 'BEGIN { printf "%.2f", t - s }')
    speech=$(stats_db "$tmp/a.wav" "RMS lev dB" gain "$gain" \
        silence 1 0.02 -40d -1 0.05 -40d) || return 1
    gain=$(awk -v t="$target_rms" -v s="$speech" -v g="$gain" -v m="$peak_max" 'BEGIN {
        g += t - s; if (-3 + g > m) g = m + 3; printf "%.2f", g }')
    sox -R -D "$tmp/a.wav" --comment "TITLE=$1" -C "$quality" "$2" \
        gain "$gain" fade t 0.005 -0 0.005 pad "$pad" "$pad" || return 1
}

# --- Make what is missing -------------------------------------------------
tab=$(printf '\t')
made=0
kept=0
failed=0
: >"$tmp/hashes"
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        "") continue ;;
        *"$tab"*) ;;
        *) echo "$me: skipped, no tab: $line" >&2; failed=$((failed + 1)); continue ;;
    esac
    hash=${line%%"$tab"*}
    text=${line#*"$tab"}
    case $hash in
        [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) ;;
        *) echo "$me: skipped, bad hash: $line" >&2; failed=$((failed + 1)); continue ;;
    esac
    echo "$hash" >>"$tmp/hashes"
    clip=$outdir/$hash.ogg
    if [ -f "$clip" ] && [ "$force" -eq 0 ]; then
        kept=$((kept + 1))
        continue
    fi
    part=$outdir/.$hash.part.ogg
    if render "$text" "$part" </dev/null; then
        mv -f "$part" "$clip"
        part=""
        made=$((made + 1))
        printf '%s  %5.2f s  %s\n' "$hash" "$(soxi -D "$clip")" "$text"
    else
        rm -f "$part"
        part=""
        failed=$((failed + 1))
        echo "$me: failed: $hash $text" >&2
    fi
done <"$list"

pruned=0
if [ "$prune" -eq 1 ] && [ ! -s "$tmp/hashes" ]; then
    echo "$me: the list is empty; pruning nothing" >&2
    prune=0
fi
if [ "$prune" -eq 1 ]; then
    for clip in "$outdir"/*.ogg; do
        [ -f "$clip" ] || continue
        name=${clip##*/}
        hash=${name%.ogg}
        if ! grep -qx -- "$hash" "$tmp/hashes"; then
            rm -f -- "$clip"
            echo "removed $name"
            pruned=$((pruned + 1))
        fi
    done
fi

summary="made $made, kept $kept"
[ "$prune" -eq 1 ] && summary="$summary, pruned $pruned"
[ "$failed" -gt 0 ] && summary="$summary, failed $failed"
echo "$me: $summary ($outdir)"
[ "$failed" -eq 0 ]
