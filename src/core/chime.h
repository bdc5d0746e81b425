/* chime.h — the bells and ticks, synthesised: a few decaying sine
 * partials each, so nothing is loaded and nothing can be missing.
 *
 * The hold bell is a small bowl (inharmonic partials at the ratios of a
 * struck free bar, 1 : 2.76 : 5.40 : 8.93 (Fletcher and Rossing, The
 * Physics of Musical Instruments, ch. 2)); the end bell is the same a fifth
 * lower and rings twice as long; the tick is a short wooden knock; the
 * chime that stands in for a missing voice clip is two soft notes falling
 * a third. Every sound starts with a few milliseconds' rise, so none
 * clicks. Pure C: the audio callback and the tests run the same code. */
#ifndef PSOAS_CHIME_H
#define PSOAS_CHIME_H

#include <stdbool.h>

typedef enum ChimeKind {
    CHIME_BELL,      /* a hold begins */
    CHIME_END_BELL,  /* the routine is over */
    CHIME_TICK,      /* the countdown */
    CHIME_NO_CLIP,   /* a line that has no recording */
    CHIME_PACE,      /* the breath's seconds: softer and rounder than the countdown */
    CHIME_KINDS
} ChimeKind;

enum {
    CHIME_VOICES = 8,   /* sounds at once; a new one replaces the oldest */
    CHIME_PARTIALS = 4  /* sine partials per sound */
};

typedef struct ChimeVoice {
    bool on;                          /* sounding */
    long age;                         /* frames since it was struck (negative: still waiting) */
    float phase[CHIME_PARTIALS];      /* 0..1 */
    float inc[CHIME_PARTIALS];        /* phase per frame */
    float amp[CHIME_PARTIALS];        /* current amplitude */
    float decay[CHIME_PARTIALS];      /* amplitude factor per frame */
    float rise;                       /* attack gain, 0..1 */
} ChimeVoice;

/* All the sounds; plain so it lives by value in the audio state. */
typedef struct Chimes {
    float rate;                       /* frames per second */
    ChimeVoice voice[CHIME_VOICES];   /* what is sounding */
} Chimes;

void chime_init(Chimes *c, int rate);

/* Strikes KIND now (the missing-clip chime strikes its second note itself). */
void chime_start(Chimes *c, ChimeKind kind);

/* Strikes KIND now at PITCH times its own frequency (0.25..4; others are
 * clamped). */
void chime_start_pitched(Chimes *c, ChimeKind kind, float pitch);

/* Adds FRAMES stereo frames (interleaved L, R) of what sounds to OUT,
 * scaled by VOLUME (0..1). */
void chime_render(Chimes *c, float volume, float *out, int frames);

/* Something is still sounding. */
bool chime_active(const Chimes *c);

/* How long KIND rings, in ms, until it is 60 dB down. */
int chime_length_ms(ChimeKind kind);

#endif
