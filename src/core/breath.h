/* breath.h — breath patterns and where in a breath a moment falls.
 *
 * A pattern is four phases in milliseconds (inhale, hold in, exhale, hold
 * out). Pace scales every phase by a percentage; it is applied a whole
 * breath at a time by the timeline so the pacer never jumps. */
#ifndef PSOAS_BREATH_H
#define PSOAS_BREATH_H

#include <stdbool.h>
#include <stdint.h>

enum {
    BREATH_SCALE_MIN = 50,   /* fastest pace: phases at half length */
    BREATH_SCALE_MAX = 200,  /* slowest pace: phases at double length */
    BREATH_SCALE_DEFAULT = 100
};

typedef enum BreathPhase {
    BREATH_INHALE,
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

/* Length of one whole breath. */
int64_t breath_cycle_ms(BreathPattern pattern);

/* Phase at OFFSET_MS into a breath (0 <= offset < cycle) and the progress
 * 0..1 within that phase. Zero-length holds are never reported. */
BreathPhase breath_phase_at(BreathPattern pattern, int64_t offset_ms, float *progress);

bool breath_equal(BreathPattern a, BreathPattern b);

/* Lower-case name of a phase: "inhale", "hold in", "exhale", "hold out". */
const char *breath_phase_name(BreathPhase phase);

/* Writes a pattern as "4-7-8-0" (seconds, up to one decimal) into OUT. */
void breath_format(BreathPattern pattern, char *out, int size);

#endif
