/* breathsound.c — see breathsound.h.
 *
 * The filter is a Chamberlin state-variable filter (Chamberlin, Musical
 * Applications of Microprocessors, 1985), stable for centre frequencies
 * well under a sixth of the sample rate, which ours are (300-1500 Hz). */
#include "breathsound.h"

#include <math.h>

/* Where the sound sits, by phase: the filter's centre and the tone. */
#define NOISE_LOW_HZ 320.0f    /* exhale's end: dark, like a slow "haa" */
#define NOISE_HIGH_HZ 1500.0f  /* inhale's end: bright, air drawn in */
#define TONE_LOW_HZ 196.0f     /* G3 */
#define TONE_HIGH_HZ 261.6f    /* C4: a fourth up on the inhale */
#define PEAK 0.28f             /* full breath at volume 1: about -11 dBFS, under the voice */
#define TONE_SHARE 0.22f       /* the tone's part of the mix */
#define SMOOTH_MS 12.0f        /* envelope smoothing: no clicks, corners stay sharp */
#define TOP_UP_FLOOR 0.5f      /* a top-up swells again from half loudness: two rises, the second smaller */
#define RELEASE_MS 90.0f       /* into a hold or a pause the sound dies away, not cut */
#define AIR_LOWPASS_HZ 3500.0f /* softens the hiss above the band: more sea than static */
#define SILENT_GAIN 1e-5f      /* -100 dB: below this a quiet breath is not made at all */

static const float two_pi = 6.28318530718f;

void breathsound_init(BreathSound *s, int rate)
{
    *s = (BreathSound){.rate = (float)(rate > 0 ? rate : 48000), .seed = {0x9e3779b9u, 0x7f4a7c15u}, .air = 1.0f};
}

float breathsound_level(BreathPhase phase, float progress)
{
    float p = progress < 0 ? 0 : progress > 1 ? 1 : progress;
    switch (phase) {
    case BREATH_INHALE: return p;
    /* a second, smaller rise: it dips (in SMOOTH_MS) and swells again */
    case BREATH_TOP_UP: return TOP_UP_FLOOR + (1.0f - TOP_UP_FLOOR) * p;
    case BREATH_EXHALE: return 1.0f - p;
    default: return 0.0f;
    }
}

/* Brightness 0..1: glides up through the inhale, down through the exhale,
 * and stays where it was in the holds. */
static float brightness(BreathPhase phase, float p)
{
    switch (phase) {
    case BREATH_INHALE: return p;
    case BREATH_TOP_UP:
    case BREATH_HOLD_IN: return 1.0f;
    case BREATH_EXHALE: return 1.0f - p;
    default: return 0.0f;
    }
}

/* xorshift32: white noise in -1..1, cheap and the same on every machine. */
static float noise(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return (float)(int32_t)*x * (1.0f / 2147483648.0f);
}

void breathsound_render(BreathSound *s, BreathCue cue, float volume, float *out, int frames)
{
    /* Quiet and meant to stay so (paused, done, or a held breath): once
     * the release has faded below hearing (-100 dB) nothing is made, and
     * a paused session costs the audio thread next to nothing. */
    bool quiet = cue.silent || breath_is_hold(cue.phase);
    if (quiet && s->gain < SILENT_GAIN) {
        s->gain = 0.0f;
        return;
    }
    float k = 1.0f - expf(-1000.0f / (SMOOTH_MS * s->rate)); /* one-pole smoothing per frame */
    float kr = 1.0f - expf(-1000.0f / (RELEASE_MS * s->rate));
    float lp = 1.0f - expf(-two_pi * AIR_LOWPASS_HZ / s->rate);
    float q = 1.2f;                                           /* filter damping: a wide, airy band */
    float p = cue.progress;
    for (int i = 0; i < frames; i++, p += cue.step) {
        float pp = p > 1 ? 1 : p;
        float want = cue.silent ? 0.0f : breathsound_level(cue.phase, pp);
        bool fading = want == 0.0f && (cue.silent || breath_is_hold(cue.phase));
        s->gain += (want - s->gain) * (fading ? kr : k);
        s->bright += (brightness(cue.phase, pp) - s->bright) * k;
        s->pitch += (brightness(cue.phase, pp) - s->pitch) * k;
        float fc = NOISE_LOW_HZ * powf(NOISE_HIGH_HZ / NOISE_LOW_HZ, s->bright);
        float f = 2.0f * sinf(3.14159265f * fc / s->rate);
        /* a band of constant Q passes power in proportion to its centre:
         * scale it back so loudness follows the envelope alone */
        float norm = sqrtf(NOISE_LOW_HZ / fc);
        float mix[2];
        for (int c = 0; c < 2; c++) {
            float in = 0.8f * noise(&s->seed[c]) + 0.2f * noise(&s->seed[1 - c]); /* a little width */
            float *low = &s->bp[c][0], *band = &s->bp[c][1];
            *low += f * *band;
            float high = in - *low - q * *band;
            *band += f * high;
            s->lowpass[c] += (*band - s->lowpass[c]) * lp;
            mix[c] = s->lowpass[c] * norm * s->air;
        }
        float hz = TONE_LOW_HZ * powf(TONE_HIGH_HZ / TONE_LOW_HZ, s->pitch);
        s->osc += hz / s->rate;
        s->osc -= floorf(s->osc);
        float tone = sinf(two_pi * s->osc) + 0.25f * sinf(2.0f * two_pi * s->osc);
        float g = s->gain * PEAK * volume;
        for (int c = 0; c < 2; c++)
            out[2 * i + c] += g * ((1.0f - TONE_SHARE) * mix[c] * 3.2f + TONE_SHARE * tone * 0.8f);
    }
}

BreathCue breathsound_cue(const TimelineState *st, double ms_per_frame)
{
    BreathCue c = {st->breath_phase, st->breath_progress, 0.0f, st->paused || st->segment == TL_SEG_DONE};
    int32_t len = st->breath.ms[st->breath_phase];
    if (!c.silent && len > 0)
        c.step = (float)(ms_per_frame / (double)len);
    return c;
}
