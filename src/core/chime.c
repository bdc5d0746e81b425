/* chime.c — see chime.h. */
#include "chime.h"

#include <math.h>
#include <string.h>

#define RISE_MS 4.0f          /* attack: long enough not to click */
#define SILENT 1e-4f          /* -80 dB: a voice this quiet is over */

/* One sound: its partials (ratio to the first, level, time to fall 60 dB)
 * and where it sits. Levels are peak amplitudes at volume 1: the bells sit
 * near the breath's level and under the voice. */
typedef struct Recipe {
    float hz;                        /* the first partial */
    float ratio[CHIME_PARTIALS];
    float level[CHIME_PARTIALS];
    float t60_ms[CHIME_PARTIALS];
    long delay_ms;                   /* after the strike */
} Recipe;

/* A recipe per kind; the missing-clip chime is two (its second note). */
static const Recipe recipes[CHIME_KINDS + 1] = {
    [CHIME_BELL] = {392.0f, {1.0f, 2.76f, 5.40f, 8.93f}, {0.10f, 0.035f, 0.015f, 0.006f}, {4000, 2200, 1100, 500}, 0},
    [CHIME_END_BELL] = {261.6f, {1.0f, 2.76f, 5.40f, 8.93f}, {0.13f, 0.045f, 0.02f, 0.008f}, {8000, 4500, 2200, 1000}, 0},
    [CHIME_TICK] = {1046.5f, {1.0f, 2.31f, 3.9f, 0.0f}, {0.07f, 0.025f, 0.01f, 0.0f}, {90, 60, 40, 1}, 0},
    /* the pace tick: a quiet, short wooden note an octave under the countdown's */
    [CHIME_PACE] = {523.3f, {1.0f, 2.31f, 0.0f, 0.0f}, {0.035f, 0.008f, 0.0f, 0.0f}, {70, 40, 1, 1}, 0},
    [CHIME_NO_CLIP] = {659.3f, {1.0f, 2.0f, 3.0f, 0.0f}, {0.06f, 0.012f, 0.004f, 0.0f}, {1400, 800, 500, 1}, 0},
    [CHIME_KINDS] = {523.3f, {1.0f, 2.0f, 3.0f, 0.0f}, {0.06f, 0.012f, 0.004f, 0.0f}, {1800, 900, 500, 1}, 180},
};

static const float two_pi = 6.28318530718f;

void chime_init(Chimes *c, int rate)
{
    memset(c, 0, sizeof *c);
    c->rate = (float)(rate > 0 ? rate : 48000);
}

static void strike(Chimes *c, const Recipe *r, float pitch)
{
    /* a free voice, or the oldest */
    int pick = 0;
    for (int i = 0; i < CHIME_VOICES; i++) {
        if (!c->voice[i].on) {
            pick = i;
            break;
        }
        if (c->voice[i].age > c->voice[pick].age)
            pick = i;
    }
    ChimeVoice *v = &c->voice[pick];
    memset(v, 0, sizeof *v);
    v->on = true;
    v->age = -(long)((float)r->delay_ms * c->rate / 1000.0f);
    for (int p = 0; p < CHIME_PARTIALS; p++) {
        float hz = r->hz * pitch * r->ratio[p];
        if (r->level[p] <= 0.0f || hz >= c->rate * 0.45f)
            continue;
        v->inc[p] = hz / c->rate;
        v->amp[p] = r->level[p];
        /* 60 dB is a factor of 1000 over T60 */
        v->decay[p] = powf(1e-3f, 1000.0f / (r->t60_ms[p] * c->rate));
    }
}

void chime_start_pitched(Chimes *c, ChimeKind kind, float pitch)
{
    if (kind < 0 || kind >= CHIME_KINDS)
        return;
    pitch = !(pitch >= 0.25f) ? 0.25f : pitch > 4.0f ? 4.0f : pitch; /* NaN too */
    strike(c, &recipes[kind], pitch);
    if (kind == CHIME_NO_CLIP)
        strike(c, &recipes[CHIME_KINDS], pitch);
}

void chime_start(Chimes *c, ChimeKind kind)
{
    chime_start_pitched(c, kind, 1.0f);
}

void chime_render(Chimes *c, float volume, float *out, int frames)
{
    float rise_step = 1000.0f / (RISE_MS * c->rate);
    for (int i = 0; i < CHIME_VOICES; i++) {
        ChimeVoice *v = &c->voice[i];
        if (!v->on)
            continue;
        for (int f = 0; f < frames; f++) {
            if (v->age++ < 0)
                continue;
            v->rise = v->rise + rise_step > 1.0f ? 1.0f : v->rise + rise_step;
            float s = 0.0f;
            for (int p = 0; p < CHIME_PARTIALS; p++) {
                if (v->amp[p] <= 0.0f)
                    continue;
                s += v->amp[p] * sinf(two_pi * v->phase[p]);
                v->phase[p] += v->inc[p];
                v->phase[p] -= floorf(v->phase[p]);
                v->amp[p] *= v->decay[p];
            }
            s *= v->rise * volume;
            out[2 * f] += s;
            out[2 * f + 1] += s;
        }
        bool sounding = v->age < 0;
        for (int p = 0; p < CHIME_PARTIALS; p++)
            sounding = sounding || v->amp[p] > SILENT;
        v->on = sounding;
    }
}

bool chime_active(const Chimes *c)
{
    for (int i = 0; i < CHIME_VOICES; i++)
        if (c->voice[i].on)
            return true;
    return false;
}

int chime_length_ms(ChimeKind kind)
{
    if (kind < 0 || kind >= CHIME_KINDS)
        return 0;
    const Recipe *r = &recipes[kind == CHIME_NO_CLIP ? CHIME_KINDS : kind];
    float longest = 0.0f;
    for (int p = 0; p < CHIME_PARTIALS; p++)
        if (r->level[p] > 0.0f && r->t60_ms[p] > longest)
            longest = r->t60_ms[p];
    return (int)r->delay_ms + (int)longest;
}
