/* breathsound.h — the breath guide's sound, made sample by sample from
 * where the breath is: air-like noise through a band-pass filter, and a
 * quiet tone under it. The inhale swells and brightens (the filter and
 * the tone glide up); the exhale recedes and darkens (both glide down);
 * the holds are quiet. With eyes closed the two directions are told apart
 * by pitch as well as loudness.
 *
 * The envelope is linear within a phase, so its corners mark the phase
 * boundaries exactly (a test can find them in a recording), with a short
 * smoothing that keeps corners free of clicks. Pure C: the audio callback
 * and the tests run the same code. */
#ifndef PSOAS_BREATHSOUND_H
#define PSOAS_BREATHSOUND_H

#include <stdbool.h>
#include <stdint.h>

#include "breath.h"
#include "timeline.h"

enum {
    BREATHSOUND_BLOCK = 64 /* frames rendered per breath position; ~1.3 ms at 48 kHz */
};

/* Where the breath is at the start of a block, and how fast it moves. */
typedef struct BreathCue {
    BreathPhase phase;   /* the phase */
    float progress;      /* 0..1 within it at the block's first frame */
    float step;          /* progress added per frame (0 when paused) */
    bool silent;         /* paused, finished or muted: fade out */
} BreathCue;

/* Synthesiser state; plain so it can live on the stack. */
typedef struct BreathSound {
    float rate;            /* frames per second */
    uint32_t seed[2];      /* noise generators, one per channel */
    float bp[2][2];        /* band-pass filter state per channel (low, band) */
    float lowpass[2];      /* the low-pass after it, per channel */
    float osc;             /* tone phase, 0..1 */
    float gain;            /* smoothed envelope */
    float bright;          /* smoothed filter position, 0..1 */
    float pitch;           /* smoothed tone position, 0..1 */
    float air;             /* the noise's share: 1 (tests set 0 to measure the envelope on the tone) */
} BreathSound;

/* Starts a synthesiser at RATE frames per second. */
void breathsound_init(BreathSound *s, int rate);

/* The envelope (0..1) the pacer asks for at CUE: rises through the
 * inhale, falls through the exhale, 0 in the holds; a top-up rises again
 * from half, so a double inhale is heard as two rises before the fall. */
float breathsound_level(BreathPhase phase, float progress);

/* The cue for the moment ST of a session whose practice clock runs
 * MS_PER_FRAME practice milliseconds per audio frame (1000 / rate, times
 * the speed). Silent when paused or done. */
BreathCue breathsound_cue(const TimelineState *st, double ms_per_frame);

/* Adds FRAMES stereo frames (interleaved L, R) for CUE to OUT, scaled by
 * VOLUME (0..1). The cue's progress advances by its step each frame. */
void breathsound_render(BreathSound *s, BreathCue cue, float volume, float *out, int frames);

#endif
