/* scale.h — a routine at another length.
 *
 * A routine is written at one length; a user may have five minutes or
 * forty. Scaling stretches or shrinks every hold by one factor (so the
 * routine keeps its shape: a long hold stays longer than a short one),
 * clamped to what still works for each pose, and only when holds alone
 * cannot reach the length does it change how many times a step repeats.
 * Both sides of a one-sided step always keep the same hold, because a side
 * is a rep of the same step. The total is what timeline_plan says, so the
 * length shown, the plan and the session agree by construction. */
#ifndef PSOAS_SCALE_H
#define PSOAS_SCALE_H

#include <stdbool.h>

#include "poselib.h"
#include "routine.h"

enum {
    SCALE_FLOOR_MS = 15000,      /* the shortest timed hold: time to arrive and breathe three times */
    SCALE_FLOOR_BREATHS = 3,     /* the fewest breaths in a hold counted in breaths */
    SCALE_CUE_MS = 3000,         /* room per cue, so every cue of a step can still be said */
    SCALE_YIN_MS = 180000,       /* a hold this long as written is a yin hold ... */
    SCALE_YIN_FLOOR_MS = 60000,  /* ... and keeps at least a minute */
    SCALE_MAX_MS = 300000,       /* no hold grows beyond 5 minutes unless written longer */
    SCALE_ROUND_MS = 5000,       /* timed holds are whole multiples of 5 s */
    SCALE_TOLERANCE_PCT = 5,     /* the total lands within this of the length asked for */
    SCALE_MIN_MINUTES = 1,
    SCALE_MAX_MINUTES = 180,
    SCALE_MAX_CHOICES = 8        /* lengths offered for one routine */
};

/* Scales R in place so timeline_plan(R) lands within SCALE_TOLERANCE_PCT of
 * MINUTES, holding each hold within its floor and ceiling. Returns true on
 * success; false (R unchanged) when no scaling gets there, e.g. a routine
 * whose floors alone are longer than MINUTES. LIB is R's pose library. */
bool scale_routine(Routine *r, const PoseLibrary *lib, int minutes);

/* As scale_routine, with each timed step I's hold kept within LO_MS[I]
 * and HI_MS[I] instead of the general floor and ceiling (a made practice
 * keeps each pose within its own range); REPS says which reps may change,
 * and no step is given more than MAX_REPS (0: ROUTINE_MAX_REPS).
 * Steps counted in breaths keep the general rules. */
typedef enum ScaleReps {
    SCALE_REPS_ANY,       /* reps may change on any step */
    SCALE_REPS_NONE,      /* only the holds change */
    SCALE_REPS_ONE_SIDED  /* reps may grow on one-sided steps only (L R L R never repeats a side), evenly:
                             the step with the fewest reps first, so no one pose is drilled */
} ScaleReps;
bool scale_routine_within(Routine *r, const PoseLibrary *lib, int minutes, const int64_t *lo_ms,
                          const int64_t *hi_ms, ScaleReps reps, int max_reps);

/* The lengths offered for R, in minutes, ascending: those of 5, 10, 15,
 * 20, 30, 45 and 60 between a third and three times R's own length
 * (give or take SCALE_TOLERANCE_PCT) that scale_routine reaches. Writes at most MAX into OUT; returns the count. */
int scale_choices(const Routine *r, const PoseLibrary *lib, int *out, int max);

/* The next length after CURRENT minutes (0: as written) towards DIR (+1
 * longer, -1 shorter) among R's choices and its own length, a choice
 * within 5% of its own length being the same as its own. Returns 0 for
 * the length as written, CURRENT at either end. A CURRENT not offered
 * (an old setting) steps from where it would be. */
int scale_step(const Routine *r, const PoseLibrary *lib, int current, int dir);

/* The minutes of the length nearest R's own (for settings and display). */
int scale_own_minutes(const Routine *r, const PoseLibrary *lib);

#endif
