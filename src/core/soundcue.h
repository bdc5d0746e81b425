/* soundcue.h — what the coach's sound says and rings, and when, as the
 * timeline's states go by.
 *
 * The audio callback asks the timeline where the session is at the start
 * of every small block of frames and hands each state to soundcue_step,
 * which answers with the events that begin there: a spoken line, a bell,
 * a tick of the countdown, or "stop talking" (after a pause or a skip).
 * So every cue is placed by the same practice clock as the breath, to the
 * block, and a test can run the same function over a timeline with no
 * sound at all.
 *
 * What is said:
 * - the routine's title and safety line in the intro;
 * - the pose and side on entering each step ("Kneeling lunge, left leg
 *   back"), as its transition begins, or with the bell when the pose is
 *   already held and the step begins with its hold; at a side switch
 *   "Switch sides" and the new side's line;
 * - a bell as each hold begins;
 * - in a step's first hold, "Breathe in" at its first inhale and "Breathe
 *   out" at the exhale after, then the first cue; in other holds (and in
 *   a first hold too short for both prompts) the first cue as the hold
 *   begins;
 * - each later cue when the caption moves on to it (soundcue_cue_index,
 *   which the screen's caption uses too), but never before the first: in
 *   a first hold, cues the caption passed before "Breathe out" follow it;
 * - three soft ticks in the last three seconds of every hold;
 * - when the routine asks for them (a breath practice with ticks chosen),
 *   a softer tick at each whole second of every breath phase, level
 *   through the inhale and its holds and falling in pitch through the
 *   exhale, a fifth from its first second to its last, so the ear can
 *   follow the count with the eyes closed;
 * - the end bell and the closing line as the outro begins. */
#ifndef PSOAS_SOUNDCUE_H
#define PSOAS_SOUNDCUE_H

#include <stdbool.h>
#include <stdint.h>

#include "poselib.h"
#include "routine.h"
#include "timeline.h"

enum {
    SOUNDCUE_MAX_EVENTS = 8,       /* events one state can start (capacity of soundcue_step's OUT) */
    SOUNDCUE_LINE_CHARS = 240,     /* a spoken line, with its terminating NUL */
    SOUNDCUE_COUNTDOWN_MS = 3000,  /* the ticks: 3, 2 and 1 s before a hold ends */
    SOUNDCUE_CLOSING_DELAY_MS = 1500 /* the closing line waits for the end bell to bloom */
};

typedef enum SoundCueKind {
    SOUNDCUE_SPEAK,     /* say TEXT (or chime, when it has no clip) */
    SOUNDCUE_BELL,      /* a soft bell: a hold begins */
    SOUNDCUE_END_BELL,  /* a deeper, longer bell: the routine is over */
    SOUNDCUE_TICK,      /* one tick of the countdown */
    SOUNDCUE_PACE_TICK, /* a second of the breath (Routine.pace_ticks), at PITCH */
    SOUNDCUE_HUSH       /* stop talking and forget what was queued: paused, or skipped */
} SoundCueKind;

/* Breath prompts go first in the queue and go stale fast; the rest wait. */
typedef enum SoundCueUrgency {
    SOUNDCUE_IN_TURN,   /* after what is queued; dropped when more than SOUNDCUE_STALE_MS late */
    SOUNDCUE_NOW        /* before anything queued; dropped when more than SOUNDCUE_PROMPT_STALE_MS late */
} SoundCueUrgency;

enum {
    SOUNDCUE_STALE_MS = 8000,       /* a cue line this late is no longer about the moment */
    SOUNDCUE_PROMPT_STALE_MS = 1200 /* "Breathe in" this late would be wrong */
};

/* The pace tick's pitch at the end of the exhale, against its start: a
 * fifth down (2:3), falling evenly. */
#define SOUNDCUE_PACE_LOW 0.6667f

typedef struct SoundCueEvent {
    SoundCueKind kind;
    SoundCueUrgency urgency;        /* for SPEAK */
    int64_t delay_ms;               /* practice ms after the state to start (SPEAK only) */
    char text[SOUNDCUE_LINE_CHARS]; /* for SPEAK */
    float pitch;                    /* for PACE_TICK: times the tick's own pitch (1 at the top) */
} SoundCueEvent;

/* The generator's memory between states; zero it (or soundcue_init) to
 * start a session. Plain, so the audio thread owns one by value. */
typedef struct SoundCue {
    bool started;          /* a state has been seen */
    TimelineState prev;    /* the last state seen */
    bool said_in;          /* "Breathe in" has been said in this first hold */
    bool said_out;         /* "Breathe out" (and the first cue) too */
    int cue;               /* the caption's cue index last seen in this hold; -1 before */
    int ticks;             /* countdown ticks given in this hold (bit k: k+1 seconds left) */
    int pace_phase;        /* the breath phase the last pace tick was in; -1 none */
    float pace_progress;   /* how far through it the last state was (a new breath starts lower) */
    int pace_second;       /* the whole second of that phase last ticked */
} SoundCue;

void soundcue_init(SoundCue *c);

/* The events that begin at state ST (states must come in time order, from
 * one timeline of ROUTINE over LIB). Writes at most SOUNDCUE_MAX_EVENTS to
 * OUT, in the order they should be heard, and returns how many. */
int soundcue_step(SoundCue *c, const Routine *routine, const PoseLibrary *lib, const TimelineState *st,
                  SoundCueEvent out[SOUNDCUE_MAX_EVENTS]);

/* Which of the current step's cues is shown at ST, spreading them evenly
 * through the hold; -1 outside holds or when the step has none. PROGRESS
 * (may be NULL) gets how far through that cue's share of the hold, 0..1. */
int soundcue_cue_index(const Routine *routine, const TimelineState *st, float *progress);

#endif
