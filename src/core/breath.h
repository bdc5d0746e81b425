/* breath.h — breath patterns and where in a breath a moment falls.
 *
 * A pattern is five phases in milliseconds, in the order they are
 * breathed: inhale, top-up (a short second inhale on top of the first, as
 * in cyclic sighing; usually 0), hold in, exhale, hold out. Pace scales every phase by a percentage; it is applied a whole
 * breath at a time by the timeline so the pacer never jumps. */
#ifndef PSOAS_BREATH_H
#define PSOAS_BREATH_H

#include <stdbool.h>
#include <stdint.h>

enum {
    BREATH_SCALE_MIN = 50,   /* fastest pace: phases at half length */
    BREATH_SCALE_MAX = 200,  /* slowest pace: phases at double length */
    BREATH_SCALE_DEFAULT = 100,
    BREATH_TOP_UP_MAX_MS = 5000 /* the longest top-up a pattern may have */
};

/* How full the lungs are at the end of an inhale that a top-up follows:
 * the top-up adds the rest, a second and smaller rise. */
#define BREATH_TOP_UP_FROM 0.8f

typedef enum BreathPhase {
    BREATH_INHALE,
    BREATH_TOP_UP,   /* a short second inhale on top of the first */
    BREATH_HOLD_IN,
    BREATH_EXHALE,
    BREATH_HOLD_OUT,
    BREATH_PHASE_COUNT
} BreathPhase;

typedef struct BreathPattern {
    int32_t ms[BREATH_PHASE_COUNT]; /* length of each phase, indexed by BreathPhase */
} BreathPattern;

/* The routine default when a file gives none: in 4 s, out 6 s. */
BreathPattern breath_default(void);

/* PATTERN with every phase scaled by SCALE_PCT percent (rounded to ms). */
BreathPattern breath_scaled(BreathPattern pattern, int scale_pct);

/* PATTERN with every phase scaled by SCALE_PM per mille (rounded to ms). */
BreathPattern breath_scaled_pm(BreathPattern pattern, int scale_pm);

/* Length of one whole breath. */
int64_t breath_cycle_ms(BreathPattern pattern);

/* Phase at OFFSET_MS into a breath (0 <= offset < cycle) and the progress
 * 0..1 within that phase. Zero-length phases are never reported. */
BreathPhase breath_phase_at(BreathPattern pattern, int64_t offset_ms, float *progress);

bool breath_equal(BreathPattern a, BreathPattern b);

/* How full the lungs are, 0..1, at PROGRESS through PHASE of a breath of
 * PATTERN: filling through the inhale (to BREATH_TOP_UP_FROM when a top-up
 * follows, which fills the rest), full while held, emptying through the
 * exhale. Each rise and fall is eased (fastest mid-phase, still at its
 * ends), as lungs fill; the figure and the pacer ring both show this. */
float breath_fullness(BreathPattern pattern, BreathPhase phase, float progress);

/* Whether PHASE is a held breath (hold in, hold out). */
bool breath_is_hold(BreathPhase phase);

/* Lower-case name of a phase: "inhale", "top-up", "hold in", "exhale",
 * "hold out". */
const char *breath_phase_name(BreathPhase phase);

/* Writes a pattern as "4-7-8-0" (in-hold-out-hold, seconds, up to one
 * decimal) into OUT; a top-up is added to the inhale: "5+2-0-10-0". */
void breath_format(BreathPattern pattern, char *out, int size);

/* Reads a pattern written as breath_format writes it ("4-7-8-0",
 * "5.5-0-5.5-0", "5+2-0-10-0"; the holds may be left out: "4-6" is in 4,
 * out 6), each time a multiple of half a second within the routine
 * format's ranges: inhale 1-20, top-up 0-5, holds 0-30, exhale 1-30.
 * Returns false, with OUT untouched, when TEXT is not such a pattern. */
bool breath_parse(const char *text, BreathPattern *out);

#endif
