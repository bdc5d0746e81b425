/* breathe.h — a breath practice composed in memory from three choices: a
 * pattern, a length in minutes and a posture.
 *
 * The practice is an ordinary Routine (one step: the posture, held for the
 * length), so it plays with the same timeline, sound, controls and history
 * as any routine file. What this module adds is the choosing: the named
 * patterns with their line, the postures, the length rounded to whole
 * breaths, and the ease-in (the first breaths quicker, lengthening to the
 * pattern over the first third). The sources for each pattern's line are
 * in docs/breathe.md. */
#ifndef PSOAS_BREATHE_H
#define PSOAS_BREATHE_H

#include <stdbool.h>
#include <stddef.h>

#include "breath.h"
#include "poselib.h"
#include "routine.h"

enum {
    BREATHE_MIN_MINUTES = 1,
    BREATHE_MAX_MINUTES = 60,
    BREATHE_DEFAULT_MINUTES = 5,
    BREATHE_ID_CHARS = 32         /* "breathe:" and a pattern's id or numbers */
};

/* The named patterns, in the order the chooser lists them. */
typedef enum BreathePreset {
    BREATHE_CALM,
    BREATHE_LONG_EXHALE,
    BREATHE_COHERENT,
    BREATHE_BOX,
    BREATHE_478,
    BREATHE_SIGHING,
    BREATHE_CUSTOM,  /* the user's own numbers */
    BREATHE_PRESET_COUNT
} BreathePreset;

typedef struct BreathePresetInfo {
    const char *id;        /* for --breathe: "calm", "long-exhale", ... */
    const char *title;     /* the practice's title, spoken: "Box breathing" */
    const char *line;      /* one plain line on what it is */
    BreathPattern pattern; /* its numbers (custom: a starting point) */
    bool ease;             /* eased in by default */
} BreathePresetInfo;

/* The postures a breath practice is done in. */
typedef enum BreathePosture {
    BREATHE_CONSTRUCTIVE_REST,
    BREATHE_LYING_FLAT,
    BREATHE_CHAIR,
    BREATHE_FLOOR,
    BREATHE_POSTURE_COUNT
} BreathePosture;

/* What the user chose. */
typedef struct BreatheChoice {
    BreathePreset preset;   /* which pattern */
    BreathPattern pattern;  /* its numbers: the preset's, or the user's for custom */
    int minutes;            /* BREATHE_MIN_MINUTES..BREATHE_MAX_MINUTES */
    BreathePosture posture; /* where */
    bool ease;              /* start quicker and slow to the pattern */
    bool ticks;             /* a soft tick each second (off by default) */
} BreatheChoice;

const BreathePresetInfo *breathe_preset(BreathePreset p);

/* The pose id of a posture ("constructive-rest", "supine", "seated",
 * "seated-floor"): what --posture takes. */
const char *breathe_posture_id(BreathePosture p);

/* A choice of PRESET with its own numbers and ease, 5 minutes, lying in
 * constructive rest. */
BreatheChoice breathe_default_choice(BreathePreset preset);

/* Reads TEXT, a preset id or numbers IN-HOLD-OUT-HOLD (breath_parse), into
 * OUT's preset, pattern and ease (numbers equal to a preset's are that
 * preset; others are custom, eased in when they have no holds). Returns
 * false, OUT untouched, when it is neither. */
bool breathe_parse_pattern(const char *text, BreatheChoice *out);

/* The posture whose pose id is TEXT; -1 when none. */
int breathe_find_posture(const char *text);

/* Whether the ease-in suits PATTERN: slow breathing with no holds. */
bool breathe_can_ease(BreathPattern pattern);

/* The id the history keeps for CHOICE: "breathe:box", or for custom
 * numbers "breathe:5-0-7-0". */
void breathe_id(const BreatheChoice *choice, char *out, size_t size);

/* Composes the practice: a short settling-in (the intro and moving into
 * the posture), then the pattern held until CHOICE's minutes from the
 * start of the practice have passed, ending with a whole breath (within
 * half a breath of the minutes), then the closing. Returns NULL with a
 * one-line reason in ERR when a value is out of range, the library lacks
 * the posture's pose, or memory runs out. Free with routine_free. */
Routine *breathe_routine(const BreatheChoice *choice, const PoseLibrary *lib, char *err, size_t err_size);

/* "Find your pace" (resonance breathing): five steps from 6.5 down to 4.5
 * breaths a minute in steps of 0.5, each about two minutes of even
 * breaths (in as long as out), the rate shown as the step's name; at the
 * end the user picks the easiest, which becomes their coherent pattern.
 * Shaffer and Meehan (2020) describe this stepping protocol. */
enum { BREATHE_PACE_STEPS = 5 };

/* Step I's rate in tenths of a breath a minute: 65, 60, 55, 50, 45. */
int breathe_pace_rate_x10(int i);

/* Step I's pattern: in and out each half of 60 / rate seconds. */
BreathPattern breathe_pace_pattern(int i);

/* The coherent pattern at RATE_X10 tenths of a breath a minute (one of
 * the paces); 0 (or any other value) for the preset's in 5.5, out 5.5. */
BreathPattern breathe_coherent_pattern(int rate_x10);

/* The practice in POSTURE (Routine.pacing set); NULL with a reason in ERR
 * as breathe_routine. Its history id is "breathe:find-your-pace". */
Routine *breathe_pace_routine(BreathePosture posture, const PoseLibrary *lib, char *err, size_t err_size);

/* Calls LINE with every line any breath practice may speak that a
 * Routine's own lines (speech_each_line) would not already give for the
 * practices composed here: the titles, the posture names and every cue. */
void breathe_each_line(const PoseLibrary *lib, void (*line)(const char *text, void *user), void *user);

#endif
