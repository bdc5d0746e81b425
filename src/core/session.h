/* session.h — one practice of a routine, from the first frame to leaving.
 *
 * A session wraps the timeline with what the timeline does not own: the
 * wall clock and the practice speed, sound volume and mute, leaving (one
 * press asks, a second within three seconds confirms), short notices for
 * the screen, the --log line of every state change, and the tally the end
 * screen and the practice history need. Time goes in as wall-clock
 * milliseconds from the caller's clock; state comes out. No SDL here: the
 * shell turns input into SessionAction and draws the SessionView. */
#ifndef PSOAS_SESSION_H
#define PSOAS_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "poselib.h"
#include "routine.h"
#include "timeline.h"

enum {
    SESSION_LEAVE_CONFIRM_MS = 3000, /* a second Esc within this leaves */
    SESSION_NOTICE_MS = 2000,        /* pace, volume and mute notices stay this long */
    SESSION_NEXT_HINT_MS = 5000,     /* "Next: ..." shows in the last 5 s of a hold */
    SESSION_VOLUME_STEP = 10,        /* percent per +/- press */
    SESSION_VOLUME_DEFAULT = 80,
    SESSION_PACE_STEP = 10           /* percent per Up/Down press */
};

typedef enum SessionAction {
    SESSION_PAUSE,        /* toggle pause */
    SESSION_NEXT,
    SESSION_PREVIOUS,
    SESSION_SWITCH_SIDE,
    SESSION_SLOWER,       /* breaths 10% longer */
    SESSION_FASTER,       /* breaths 10% shorter */
    SESSION_MUTE,         /* toggle */
    SESSION_VOLUME_UP,
    SESSION_VOLUME_DOWN,
    SESSION_LEAVE         /* asks first; a second press within 3 s leaves */
} SessionAction;

/* A short message the screen shows for a moment after a control. */
typedef enum SessionNotice {
    SESSION_NOTICE_NONE,
    SESSION_NOTICE_PACE,      /* "Slower breaths · 110%" */
    SESSION_NOTICE_VOLUME,    /* "Volume 70%" */
    SESSION_NOTICE_MUTE,      /* "Sound off" / "Sound on" */
    SESSION_NOTICE_LEAVE,     /* "Press Esc again to leave" */
    SESSION_NOTICE_NO_SIDE    /* "This pose has no sides" */
} SessionNotice;

/* What the screen and the sound need at a moment. */
typedef struct SessionView {
    TimelineState tl;         /* the timeline's state at the practice time */
    int volume;               /* 0..100 */
    bool muted;               /* sound off (volume kept) */
    int pace_pct;             /* breath length in percent (100 = as written) */
    SessionNotice notice;     /* what to show briefly; NONE when nothing */
    float notice_alpha;       /* 0..1: notices fade out over their last 400 ms */
    bool next_hint;           /* in the last 5 s of a hold with a step after it */
    int next_step;            /* with next_hint: the step that comes next */
    bool over;                /* finished or left: the session is done */
} SessionView;

/* What was practised, for the end screen and the history. */
typedef struct SessionSummary {
    int64_t practice_ms;   /* practice time, pauses excluded */
    int poses;             /* steps with at least one hold practised */
    int steps_completed;   /* steps held and then moved past (or finished) */
    int one_sided;         /* two-sided steps practised */
    int both_sides;        /* of those, held on both sides */
    int64_t breaths;       /* breaths begun */
    bool finished;         /* reached the end rather than left */
} SessionSummary;

typedef struct Session Session;

/* Starts a session of ROUTINE (poses from LIB; both outlive it) at wall
 * time NOW_MS, with the practice clock running SPEED times real time.
 * VOLUME and MUTED are the starting sound settings. Returns NULL when out
 * of memory. Free with session_destroy (accepts NULL). */
Session *session_create(const Routine *routine, const PoseLibrary *lib, int64_t now_ms, double speed, int volume,
                        bool muted);
void session_destroy(Session *s);

/* Calls LISTENER with every control applied to the timeline, with the
 * practice-clock time it was applied at (session_clock), so another
 * timeline of the same routine can follow it exactly. NULL stops it. */
void session_set_listener(Session *s, void (*listener)(TimelineAction action, int value, int64_t t_ms, void *user),
                          void *user);

/* Applies ACTION at wall time NOW_MS (times must not decrease) and logs
 * it. Returns true when it changed anything. */
bool session_apply(Session *s, SessionAction action, int64_t now_ms);

/* Advances to NOW_MS, logs what changed since the last call, and fills
 * OUT (may be NULL). */
void session_update(Session *s, int64_t now_ms, SessionView *out);

/* Wall-clock ms until something on a still screen changes by itself (a
 * notice fading, the leave question expiring); -1 when nothing will. Used
 * to sleep while paused. */
int64_t session_idle_ms(const Session *s, int64_t now_ms);

/* The tally so far. */
void session_summary(const Session *s, SessionSummary *out);

/* The practice time the timeline is at for wall time NOW_MS. */
int64_t session_clock(const Session *s, int64_t now_ms);

/* The cue of the moment in a hold (NULL outside holds or without cues),
 * and where within it: 0..1. */
const char *session_cue(const Session *s, const TimelineState *st, float *progress);

#endif
