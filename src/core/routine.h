/* routine.h — a routine ("level"): an ordered list of steps, each a pose
 * held for a time or a number of breaths, loaded from levels/NAME.json.
 *
 * Loading validates everything (see docs/routine-format.md) and reports
 * every problem as one line naming the file and the JSON path; a routine
 * that loads is safe for the timeline to trust without further checks. */
#ifndef PSOAS_ROUTINE_H
#define PSOAS_ROUTINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "breath.h"
#include "diag.h"
#include "poselib.h"

enum {
    ROUTINE_TITLE_CHARS = 80,
    ROUTINE_SUMMARY_CHARS = 300,
    ROUTINE_SAFETY_CHARS = 200,
    ROUTINE_MAX_STEPS = 200,
    ROUTINE_MAX_REPS = 20,
    ROUTINE_MAX_CUES = 10,
    ROUTINE_CUE_CHARS = 200,
    ROUTINE_NAME_CHARS = 60,
    ROUTINE_MAX_SECONDS = 3600,
    ROUTINE_MAX_BREATHS = 200,
    ROUTINE_ID_MAX = 63 /* bytes in an id: what a history record holds */
};

/* Which sides a step is done on. */
typedef enum RoutineSides {
    SIDES_NONE,  /* a symmetrical pose */
    SIDES_BOTH,  /* left then right, reps times: L, R, L, R... */
    SIDES_LEFT,
    SIDES_RIGHT
} RoutineSides;

/* The side being done at a moment. Left names the leg whose psoas
 * lengthens (the back leg in a lunge). */
typedef enum Side { SIDE_NONE, SIDE_LEFT, SIDE_RIGHT } Side;

typedef struct RoutineStep {
    int pose;             /* index into the pose library */
    char *name;           /* display name: the step's own or the pose's (owned) */
    int64_t hold_ms;      /* hold length when timed; 0 when counted in breaths */
    int breaths;          /* hold length in breaths; 0 when timed */
    RoutineSides sides;   /* which sides, see RoutineSides */
    int reps;             /* holds per side, 1..ROUTINE_MAX_REPS */
    BreathPattern breath; /* the step's pattern, or the routine's default */
    char **cues;          /* CUE_COUNT spoken/caption lines (owned) */
    int cue_count;        /* 0..ROUTINE_MAX_CUES */
} RoutineStep;

typedef struct Routine {
    char *title;          /* 1..80 characters (owned) */
    char *summary;        /* may be empty, never NULL (owned) */
    char *safety;         /* one line of safety advice; may be empty, never NULL (owned) */
    BreathPattern breath; /* default pattern for steps without their own */
    bool breathing;       /* a breath practice (breathe.c): the pacer leads the screen */
    bool pacing;          /* "find your pace": at the end the user picks a step's pattern */
    bool pace_ticks;      /* a soft tick each second of the breath, falling in pitch through
                             the exhale (a breath practice's choice; routine files: none) */
    int64_t ease_ms;      /* ease-in: breaths start 1/1.3 as long and lengthen a whole
                             breath at a time to the pattern by this practice time;
                             0 (routine files) for none */
    RoutineStep *steps;   /* STEP_COUNT steps (owned) */
    int step_count;       /* 1..ROUTINE_MAX_STEPS */
} Routine;

/* Loads and validates the routine at PATH, reporting problems as DISPLAY
 * (usually the path as the user typed it). Returns NULL with every problem
 * added to DIAG. Pose ids are resolved against LIB, which must outlive the
 * routine's use. Free with routine_free. */
Routine *routine_load(const char *path, const char *display, const PoseLibrary *lib, Diag *diag);

/* The same from a buffer of LEN bytes (need not be NUL-terminated). */
Routine *routine_parse(const char *text, size_t len, const char *display,
                       const PoseLibrary *lib, Diag *diag);

/* Accepts NULL. */
void routine_free(Routine *r);

/* A deep copy of R (to scale without touching the original), or NULL when
 * out of memory. Free with routine_free. */
Routine *routine_copy(const Routine *r);

/* Step STEP's name and, for a one-sided pose, SIDE in the pose's own words,
 * joined by SEP: "Kneeling lunge — left leg back" on screen, "Kneeling
 * lunge, left leg back" spoken. LIB is the routine's pose library. */
void routine_step_title(const Routine *r, const PoseLibrary *lib, int step, Side side, const char *sep, char *out,
                        size_t size);

/* Whether ID (a routine file's name without .json) can name a routine: 1
 * to ROUTINE_ID_MAX bytes of valid UTF-8 with no control characters, so
 * it prints as one line and is recorded in the history as it is. Returns
 * false with the reason in WHY otherwise. */
bool routine_id_check(const char *id, char *why, size_t size);

/* The name a routine loaded from a file outside the routine folders is
 * recorded under, from ABS_PATH, the file's absolute path: the path itself
 * when it passes routine_id_check; else "…/" and as much of the end of the
 * path as fits (unprintable bytes as '?'), then '~' and 16 hex digits of
 * the path's FNV-1a hash, so two files never share a name. Either way the
 * name holds a '/', which no id from a folder does. OUT holds
 * ROUTINE_ID_MAX + 1 bytes. */
void routine_record_name(const char *abs_path, char out[ROUTINE_ID_MAX + 1]);

/* "none", "both", "left", "right" / "", "left", "right". */
const char *routine_sides_name(RoutineSides sides);
const char *routine_side_name(Side side);

#endif
