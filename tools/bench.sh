#!/bin/sh
# bench.sh [ROUTINE... | all] — one practice minute against one minute of
# the video a user would follow instead, measured in one run on this
# machine: for each ROUTINE (desk-release by default; all: every shipped
# one), and paused in the first.
#
# The video: one minute of 1080p30 H.264 (ffmpeg's testsrc2, made once into
# build/bench/), decoded by ffmpeg on one thread. Practice: psoas-coach
# --bench 60 (60 frames a second of a virtual clock, software renderer, no
# sound) at 320x180, where filling pixels costs next to nothing, and at
# 1920x1080. CPU is the process's user + system time, start-up included.
# Paused: the real program in a real X window (Xvfb), paused with the
# space bar, sampled for 20 s. Renderers: the real program practising in a
# real X window at 1920x1080 and 3840x2160 with each of SDL's software,
# opengl and opengles2 renderers, the GL ones on Mesa's software GL
# (llvmpipe), which stands in here for a Raspberry Pi's GL: peak resident
# memory, its anonymous part (heaps and textures: ours, SDL's and the GL
# driver's; the rest is shared libraries' code, LLVM's 55 MB among it), and
# CPU over 20 s, voice and breath made for the dummy audio driver. `tools/bench.sh --renderers [ROUTINE]` runs only
# that. Installs ffmpeg, time, Xvfb and xdotool when missing; needs a build
# (make build).
set -eu
cd "$(dirname "$0")/.."
bin=build/psoas-coach
[ -x "$bin" ] || { echo "bench: build first (make build)" >&2; exit 1; }
renderers_only=false
if [ "${1:-}" = --renderers ]; then
    renderers_only=true
    shift
fi
if [ "${1:-}" = all ]; then
    set -- $("$bin" --list | awk '!/\(yours\)/ {print $1}')
fi
[ $# -gt 0 ] || set -- desk-release
routine=$1
sh tools/install-deps.sh --only ffmpeg time xvfb xauth xdotool
out=build/bench
mkdir -p "$out"

# window SIZE DRIVER: ROUTINE practised for 20 s in a real X window of SIZE
# with SDL's DRIVER renderer; prints its figures
window() {
    display=:$((90 + $$ % 100))
    Xvfb "$display" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY=$display SDL_RENDER_DRIVER=$2 SDL_AUDIODRIVER=dummy "$bin" --log "$routine" >/dev/null 2>"$out/window.txt" &
    app=$!
    sleep 4
    line="$1, $2: did not start"
    if [ -r "/proc/$app/stat" ]; then
        t0=$(awk '{print $14 + $15}' "/proc/$app/stat")
        sleep 20
        t1=$(awk '{print $14 + $15}' "/proc/$app/stat")
        hz=$(getconf CLK_TCK)
        peak=$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$app/status")
        own=$(awk '/^RssAnon/ {printf "%.0f", $2 / 1024}' "/proc/$app/status")
        got=$(sed -n 's/.*driver, \([a-z0-9]*\) renderer.*/\1/p' "$out/window.txt" | head -1)
        gl=$(grep -q opengl "$out/window.txt" && echo " (Mesa llvmpipe)" || true)
        line=$(printf "%-9s %-9s got %s%s: peak %s MB (anonymous %s MB), %s%% of a core" "$1" "$2" \
            "$got" "$gl" "$peak" "$own" "$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN{printf "%.1f", (b - a) / hz / 20 * 100}')")
    fi
    kill "$app" "$xvfb" 2>/dev/null || true
    wait "$app" "$xvfb" 2>/dev/null || true
    echo "  $line"
}

renderers() {
    echo "  $routine practising in a real X window (Xvfb), per renderer:"
    for size in 1920x1080 3840x2160; do
        for driver in software opengl opengles2; do
            window "$size" "$driver"
        done
    done
}

if $renderers_only; then
    echo "Psoas Coach renderers: $(uname -m), $(nproc) cores"
    renderers
    exit 0
fi
video=$out/video-1080p30.mp4
if [ ! -s "$video" ]; then
    echo "bench: making one minute of 1080p30 H.264 (once)..."
    ffmpeg -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 60 \
        -c:v libx264 -preset medium -pix_fmt yuv420p "$video"
fi

# cpu SECONDS of COMMAND: user + system, from GNU time
cpu() {
    /usr/bin/time -f "%U %S %M" -o "$out/time.txt" "$@" >"$out/stdout.txt" 2>"$out/stderr.txt" || {
        cat "$out/stderr.txt" >&2
        return 1
    }
    awk '{printf "%.3f", $1 + $2}' "$out/time.txt"
}

video_s=$(cpu ffmpeg -v error -threads 1 -i "$video" -f null -)
verdict() { awk -v v="$1" -v t="$2" 'BEGIN{print (v <= t) ? "met" : "MISSED"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", a / b}'; }
echo "Psoas Coach benchmark: $(uname -m), $(nproc) cores"
echo "  video: 1 min of 1080p30 H.264 decoded on 1 thread   $video_s s CPU"

for r in "$@"; do
    small_s=$(cpu "$bin" --bench 60 --size 320x180 "$r")
    small_frames=$(grep '^frames drawn' "$out/stdout.txt" || true)
    full_s=$(cpu "$bin" --bench 60 --size 1920x1080 "$r")
    full_out=$(cat "$out/stdout.txt")
    r_small=$(ratio "$small_s" "$video_s")
    r_full=$(ratio "$full_s" "$video_s")
    echo "  $r, its first minute:"
    echo "    at 320x180 (work besides pixels)      $small_s s CPU = $r_small of the video (target 1/40 = 0.025: $(verdict "$r_small" 0.025))"
    echo "      $small_frames"
    echo "    at 1920x1080, software renderer       $full_s s CPU = $r_full of the video (target 0.5: $(verdict "$r_full" 0.5))"
    echo "      $(echo "$full_out" | grep '^frames drawn' || true)"
    echo "      $(echo "$full_out" | grep '^cpu per frame' || true)"
    if [ "$r" = "$routine" ]; then
        peak=$(echo "$full_out" | sed -n 's/^peak memory: \([0-9.]*\) MB.*/\1/p')
        first=$(echo "$full_out" | sed -n 's/^start to first frame: \([0-9.]*\) ms/\1/p')
    fi
done

# paused: a real window under Xvfb, space pressed, then 20 s of CPU
paused="n/a"
display=:$((90 + $$ % 100))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display SDL_AUDIODRIVER=dummy "$bin" "$routine" >/dev/null 2>&1 &
app=$!
sleep 3
DISPLAY=$display xdotool key space
sleep 2
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
if [ -r "/proc/$app/stat" ]; then
    t0=$(ticks)
    sleep 20
    t1=$(ticks)
    hz=$(getconf CLK_TCK)
    paused=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" 'BEGIN{printf "%.2f", (b - a) / hz / 20 * 100}')
fi
kill "$app" "$xvfb" 2>/dev/null || true
wait 2>/dev/null || true

echo "  $routine at 1080p: peak resident memory             $peak MB (target 40: $(verdict "$peak" 40))"
echo "  $routine: start to first frame                      $first ms (target 100: $(verdict "$first" 100))"
echo "  $routine paused, in a real window                   $paused% of a core (target 1: $(verdict "$paused" 1))"
renderers
