/* timeline.h — "what is happening at time t?" for a routine being practised.
 *
 * The screen, the sound and the tests ask the same question with a time in
 * milliseconds from their own clock; the timeline never reads a clock.
 * Controls (pause, next, ...) are events stamped with a time, recorded in
 * order; the state at any time is the deterministic result of replaying
 * the routine and the events up to that time. Queries at increasing times
 * advance a cursor incrementally (O(1) amortised); a query earlier than
 * the last one replays from the start.
 *
 * A routine plays as: intro, then for each hold of each step (every rep,
 * every side) a transition into it and the hold itself, then an outro, then
 * done. Between the two sides of a step the transition is a side switch.
 * The breath runs without a break across everything except where a step
 * brings a different pattern: that step starts on an inhale. Pace scales
 * the pattern from the start of the next breath, so the pacer never jumps.
 * A routine with an ease-in (Routine.ease_ms) starts its breaths shorter
 * and lengthens them the same way, a whole breath at a time.
 * A hold counted in breaths lasts exactly that many (paced) breaths. */
#ifndef PSOAS_TIMELINE_H
#define PSOAS_TIMELINE_H

#include <stdbool.h>
#include <stdint.h>

#include "breath.h"
#include "poselib.h"
#include "routine.h"

enum {
    TIMELINE_INTRO_MS = 5000,     /* title and "get ready" before the first pose */
    TIMELINE_OUTRO_MS = 8000,     /* closing words after the last hold */
    TIMELINE_REP_MS = 3000,       /* release and come back between reps on one side */
    TIMELINE_PREVIOUS_MS = 3000,  /* "previous" this early in a step goes back a step */
    TIMELINE_MAX_EVENTS = 100000, /* controls recorded in one session */
    TIMELINE_EASE_START_PM = 769  /* an ease-in's first breath: 1/1.3 of the pattern, per mille */
};

typedef enum TimelineSegment {
    TL_SEG_INTRO,
    TL_SEG_TRANSITION, /* moving into a pose (from another, or between reps) */
    TL_SEG_HOLD,
    TL_SEG_SWITCH,     /* changing sides within a step */
    TL_SEG_OUTRO,
    TL_SEG_DONE
} TimelineSegment;

typedef enum TimelineAction {
    TL_PAUSE,
    TL_RESUME,
    TL_TOGGLE_PAUSE,
    TL_NEXT,        /* to the next step (from the last: the outro; from the outro: done) */
    TL_PREVIOUS,    /* restart the step, or the previous one within its first 3 s */
    TL_SWITCH_SIDE, /* the other side of a one-sided step; no-op elsewhere */
    TL_SET_PACE     /* value: breath scale in percent, 50..200 (clamped) */
} TimelineAction;

typedef struct TimelineState {
    int64_t t_ms;              /* the time asked about */
    int64_t practice_ms;       /* practice time elapsed, pauses excluded */
    bool paused;               /* the practice clock is stopped */
    TimelineSegment segment;   /* what is happening */
    int step;                  /* current step (in the intro: 0; outro/done: step_count) */
    int rep;                   /* 0-based rep of the current step */
    Side side;                 /* side being done (SIDE_NONE for symmetrical poses) */
    int pose;                  /* pose of the current (or arriving) hold; the last one in outro/done */
    int from_pose;             /* in a transition or switch: the pose left behind; else = pose */
    Side from_side;            /* in a transition or switch: the side left behind */
    int64_t seg_elapsed_ms;    /* practice time into the segment */
    int64_t seg_left_ms;       /* practice time left in the segment (estimate under a pace change) */
    float seg_progress;        /* 0..1 through the segment */
    int64_t step_elapsed_ms;   /* practice time since the step began (or restarted) */
    BreathPhase breath_phase;  /* where in the breath (inhale, hold in, exhale, hold out) */
    float breath_progress;     /* 0..1 within the breath phase */
    int breath_count;          /* 1-based: inhales begun in the hold (1 before the first); 0 outside holds */
    int breath_target;         /* breaths in the hold when counted in breaths; else 0 */
    int64_t breaths_total;     /* breaths begun since the start of the session */
    int64_t breath_start_ms;   /* practice time the current breath began */
    int pace_pct;              /* breath scale in force for the current breath */
    BreathPattern breath;      /* the current breath's paced pattern */
} TimelineState;

/* One row of the plan: a segment as it plays with no controls used. */
typedef struct TimelinePlanRow {
    TimelineSegment segment;
    int step;               /* as in TimelineState */
    int rep;
    Side side;
    int pose;               /* -1 for the outro */
    int64_t start_ms;       /* practice time the segment begins */
    int64_t length_ms;
    BreathPattern breath;   /* the pattern during the segment */
} TimelinePlanRow;

typedef struct Timeline Timeline;

/* Creates a timeline for ROUTINE (whose poses come from LIB); both must
 * outlive it. Returns NULL when out of memory. Free with timeline_destroy. */
Timeline *timeline_create(const Routine *routine, const PoseLibrary *lib);

/* Accepts NULL. */
void timeline_destroy(Timeline *tl);

/* Records ACTION at T_MS (VALUE is used by TL_SET_PACE). Times must not
 * decrease; an earlier time is taken as the last event's time. Returns
 * false when the event log is full (the action is dropped). */
bool timeline_apply(Timeline *tl, TimelineAction action, int value, int64_t t_ms);

enum {
    TIMELINE_HELD = 1,       /* timeline_held: a hold of the step began */
    TIMELINE_HELD_LEFT = 2,  /* ... on the left side */
    TIMELINE_HELD_RIGHT = 4  /* ... on the right side */
};

/* The holds of STEP the timeline has passed through up to the last time
 * asked about (timeline_state), however far apart the questions were: a
 * mix of the TIMELINE_HELD bits, 0 when none began. */
unsigned timeline_held(const Timeline *tl, int step);

/* Fills OUT with the state at T_MS. */
void timeline_state(Timeline *tl, int64_t t_ms, TimelineState *out);

/* Calls ROW for every segment of the routine played without controls, in
 * order, and returns the total length in ms. */
int64_t timeline_plan(const Routine *routine, const PoseLibrary *lib,
                      void (*row)(const TimelinePlanRow *r, void *user), void *user);

/* "intro", "transition", "hold", "switch", "outro", "done". */
const char *timeline_segment_name(TimelineSegment seg);

#endif
