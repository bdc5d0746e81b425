/* session.c — see session.h.
 *
 * The timeline keeps the practice clock and replays controls; this module
 * keeps everything a user changes that is not practice (sound, leaving)
 * and watches the timeline's states go by to log each change once and to
 * tally what was practised. Holds are tallied as they are observed, so the
 * shell must call session_update at least once per hold (every frame
 * does; the shortest hold is seconds long). */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "soundcue.h"

struct Session {
    const Routine *routine;  /* what is practised */
    const PoseLibrary *lib;  /* its poses */
    Timeline *tl;            /* the practice clock and the controls */
    int64_t start_ms;        /* wall time the session began */
    double speed;            /* practice ms per wall ms */
    int64_t last_ms;         /* wall time of the last call */
    int volume;              /* 0..100 */
    bool muted;              /* sound off */
    int pace;                /* breath scale in percent */
    SessionNotice notice;    /* the notice on screen */
    int64_t notice_until;    /* wall time it goes */
    int64_t leave_until;     /* wall time the leave question expires; 0 when not asked */
    bool left;               /* the user left */
    bool started;            /* the first state has been seen */
    TimelineState prev;      /* the state at the last update */
    int64_t paused_t;        /* practice clock when the last pause began */
    int64_t pause_len;       /* practice-clock length of the last pause ended */
    unsigned char *held;     /* per step: bit 0 held, bit 1 left held, bit 2 right held */
    void (*listener)(TimelineAction, int, int64_t, void *); /* told of every control; may be NULL */
    void *listener_user;     /* for LISTENER */
};

/* Applies a control to the timeline and tells the listener (the sound,
 * which keeps a timeline of its own in its own thread). */
static bool forward(Session *s, TimelineAction act, int value, int64_t t)
{
    bool ok = timeline_apply(s->tl, act, value, t);
    if (ok && s->listener)
        s->listener(act, value, t, s->listener_user);
    return ok;
}

void session_set_listener(Session *s, void (*listener)(TimelineAction action, int value, int64_t t_ms, void *user),
                          void *user)
{
    s->listener = listener;
    s->listener_user = user;
}

Session *session_create(const Routine *routine, const PoseLibrary *lib, int64_t now_ms, double speed, int volume,
                        bool muted)
{
    Session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->tl = timeline_create(routine, lib);
    s->held = calloc((size_t)routine->step_count, 1);
    if (!s->tl || !s->held) {
        session_destroy(s);
        return NULL;
    }
    s->routine = routine;
    s->lib = lib;
    s->start_ms = now_ms;
    s->last_ms = now_ms;
    s->speed = speed > 0 ? speed : 1.0;
    s->volume = volume < 0 ? 0 : volume > 100 ? 100 : volume;
    s->muted = muted;
    s->pace = BREATH_SCALE_DEFAULT;
    return s;
}

void session_destroy(Session *s)
{
    if (!s)
        return;
    timeline_destroy(s->tl);
    free(s->held);
    free(s);
}

int64_t session_clock(const Session *s, int64_t now_ms)
{
    if (now_ms < s->last_ms)
        now_ms = s->last_ms;
    return (int64_t)((double)(now_ms - s->start_ms) * s->speed);
}

/* "1:23.4": practice time MS, for log lines. */
static void stamp_ms(int64_t ms, char *out, size_t size)
{
    int tenth = (int)(ms % 1000 / 100);
    snprintf(out, size, "%lld:%02lld.%d", (long long)(ms / 60000), (long long)(ms / 1000 % 60), tenth);
}

/* The practice time of ST, for log lines. */
static void stamp(const TimelineState *st, char *out, size_t size)
{
    stamp_ms(st->practice_ms, out, size);
}

static void notify(Session *s, SessionNotice n, int64_t now_ms)
{
    s->notice = n;
    s->notice_until = now_ms + SESSION_NOTICE_MS;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

bool session_apply(Session *s, SessionAction action, int64_t now_ms)
{
    if (now_ms < s->last_ms)
        now_ms = s->last_ms;
    s->last_ms = now_ms;
    if (s->left || s->prev.segment == TL_SEG_DONE)
        return false;
    int64_t t = session_clock(s, now_ms);
    TimelineState st;
    timeline_state(s->tl, t, &st);
    char at[32];
    stamp(&st, at, sizeof at);
    if (action != SESSION_LEAVE)
        s->leave_until = 0; /* any other control answers "no" to leaving */
    switch (action) {
    case SESSION_PAUSE:
        /* the paused/resumed lines come from session_update, which sees
         * the change however it was made */
        if (st.paused)
            s->pause_len = t - s->paused_t;
        else
            s->paused_t = t;
        return forward(s, TL_TOGGLE_PAUSE, 0, t);
    case SESSION_NEXT:
    case SESSION_PREVIOUS:
        forward(s, action == SESSION_NEXT ? TL_NEXT : TL_PREVIOUS, 0, t);
        log_msg(LOG_INFO, "session", "%s %s", at, action == SESSION_NEXT ? "next" : "previous");
        return true;
    case SESSION_SWITCH_SIDE:
        if (st.side == SIDE_NONE || (st.segment != TL_SEG_HOLD && st.segment != TL_SEG_TRANSITION &&
                                     st.segment != TL_SEG_SWITCH)) {
            notify(s, SESSION_NOTICE_NO_SIDE, now_ms);
            log_msg(LOG_INFO, "session", "%s switch side: no sides here", at);
            return false;
        }
        forward(s, TL_SWITCH_SIDE, 0, t);
        log_msg(LOG_INFO, "session", "%s switched side", at);
        return true;
    case SESSION_SLOWER:
    case SESSION_FASTER: {
        int pace = clamp(s->pace + (action == SESSION_SLOWER ? SESSION_PACE_STEP : -SESSION_PACE_STEP),
                         BREATH_SCALE_MIN, BREATH_SCALE_MAX);
        notify(s, SESSION_NOTICE_PACE, now_ms);
        if (pace == s->pace)
            return false;
        s->pace = pace;
        forward(s, TL_SET_PACE, pace, t);
        log_msg(LOG_INFO, "session", "%s pace %d%%", at, pace);
        return true;
    }
    case SESSION_MUTE:
        s->muted = !s->muted;
        notify(s, SESSION_NOTICE_MUTE, now_ms);
        log_msg(LOG_INFO, "session", "%s %s", at, s->muted ? "muted" : "unmuted");
        return true;
    case SESSION_VOLUME_UP:
    case SESSION_VOLUME_DOWN: {
        int v = clamp(s->volume + (action == SESSION_VOLUME_UP ? SESSION_VOLUME_STEP : -SESSION_VOLUME_STEP), 0, 100);
        bool changed = v != s->volume || s->muted;
        s->volume = v;
        s->muted = false; /* changing the volume means wanting to hear it */
        notify(s, SESSION_NOTICE_VOLUME, now_ms);
        if (changed)
            log_msg(LOG_INFO, "session", "%s volume %d%%", at, v);
        return changed;
    }
    case SESSION_LEAVE:
        if (s->leave_until && now_ms <= s->leave_until) {
            s->left = true;
            s->leave_until = 0;
            s->notice = SESSION_NOTICE_NONE;
            log_msg(LOG_INFO, "session", "%s left", at);
        } else {
            s->leave_until = now_ms + SESSION_LEAVE_CONFIRM_MS;
            s->notice = SESSION_NOTICE_LEAVE;
            s->notice_until = s->leave_until;
            log_msg(LOG_INFO, "session", "%s leave? (press again within 3 s)", at);
        }
        return true;
    }
    return false;
}

/* Logs what changed between A and B, and tallies B. */
static void observe(Session *s, const TimelineState *a, const TimelineState *b)
{
    char at[32];
    stamp(b, at, sizeof at);
    if (!s->started) {
        s->started = true;
        log_msg(LOG_INFO, "session", "%s started %s (%d steps)", at, s->routine->title, s->routine->step_count);
    } else if (b->paused && !a->paused) {
        log_msg(LOG_INFO, "session", "%s paused", at);
    } else if (a->paused && !b->paused) {
        log_msg(LOG_INFO, "session", "%s resumed after %.3f s", at, (double)s->pause_len / 1000.0);
    }
    if (b->segment == TL_SEG_HOLD && b->step < s->routine->step_count) {
        s->held[b->step] |= (unsigned char)(1u | (b->side == SIDE_LEFT ? 2u : b->side == SIDE_RIGHT ? 4u : 0u));
    }
    bool moved = !s->started || a->segment != b->segment || a->step != b->step || a->rep != b->rep ||
                 a->side != b->side;
    if (!moved)
        return;
    int n = s->routine->step_count;
    /* a segment is logged at the moment it began, which a slow frame may
     * have passed by */
    stamp_ms(b->practice_ms - b->seg_elapsed_ms, at, sizeof at);
    if (b->segment == TL_SEG_DONE) {
        log_msg(LOG_INFO, "session", "%s finished", at);
        return;
    }
    if (b->segment == TL_SEG_OUTRO) {
        log_msg(LOG_INFO, "session", "%s outro", at);
        return;
    }
    if (b->segment == TL_SEG_INTRO)
        return;
    const char *pose = s->lib->poses[b->pose].id;
    const char *side = routine_side_name(b->side);
    if (a->step != b->step || a->side != b->side || a->segment == TL_SEG_INTRO)
        log_msg(LOG_INFO, "session", "%s step %d/%d started: %s%s%s", at, b->step + 1, n, pose, *side ? " " : "",
                side);
    log_msg(LOG_INFO, "session", "%s %s step %d/%d %s%s%s rep %d", at, timeline_segment_name(b->segment), b->step + 1,
            n, pose, *side ? " " : "", side, b->rep + 1);
}

void session_update(Session *s, int64_t now_ms, SessionView *out)
{
    if (now_ms < s->last_ms)
        now_ms = s->last_ms;
    s->last_ms = now_ms;
    TimelineState st;
    timeline_state(s->tl, session_clock(s, now_ms), &st);
    if (!s->started)
        s->prev = st;
    observe(s, &s->prev, &st);
    s->prev = st;
    if (s->leave_until && now_ms > s->leave_until)
        s->leave_until = 0;
    if (s->notice != SESSION_NOTICE_NONE && now_ms >= s->notice_until)
        s->notice = SESSION_NOTICE_NONE;
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    out->tl = st;
    out->volume = s->volume;
    out->muted = s->muted;
    out->pace_pct = s->pace;
    out->notice = s->notice;
    if (s->notice != SESSION_NOTICE_NONE) {
        int64_t left = s->notice_until - now_ms;
        out->notice_alpha = left >= 400 ? 1.0f : (float)left / 400.0f;
    }
    out->next_hint = st.segment == TL_SEG_HOLD && st.seg_left_ms <= SESSION_NEXT_HINT_MS &&
                     st.step + 1 < s->routine->step_count;
    /* the last hold of a step: what comes next is another step */
    if (out->next_hint) {
        const RoutineStep *step = &s->routine->steps[st.step];
        bool last_hold = st.rep + 1 >= step->reps && (step->sides != SIDES_BOTH || st.side == SIDE_RIGHT);
        out->next_hint = last_hold;
        out->next_step = st.step + 1;
    }
    out->over = s->left || st.segment == TL_SEG_DONE;
}

int64_t session_idle_ms(const Session *s, int64_t now_ms)
{
    int64_t wake = -1;
    if (s->notice != SESSION_NOTICE_NONE)
        wake = s->notice_until > now_ms ? s->notice_until - now_ms : 0;
    if (s->leave_until) {
        int64_t w = s->leave_until > now_ms ? s->leave_until - now_ms : 0;
        if (wake < 0 || w < wake)
            wake = w;
    }
    return wake;
}

void session_summary(const Session *s, SessionSummary *out)
{
    memset(out, 0, sizeof *out);
    const TimelineState *st = &s->prev;
    /* done: the time it ended, however long after it the last frame came */
    out->practice_ms = st->segment == TL_SEG_DONE ? st->practice_ms - st->seg_elapsed_ms : st->practice_ms;
    out->breaths = st->breaths_total;
    out->finished = st->segment == TL_SEG_DONE && !s->left;
    for (int i = 0; i < s->routine->step_count; i++) {
        /* the holds the timeline passed through, seen by a frame or not */
        unsigned held = s->held[i] | timeline_held(s->tl, i);
        if (!(held & 1u))
            continue;
        out->poses++;
        bool past = i < st->step || st->segment == TL_SEG_OUTRO || st->segment == TL_SEG_DONE;
        if (past)
            out->steps_completed++;
        if (s->routine->steps[i].sides == SIDES_BOTH) {
            out->one_sided++;
            if ((held & 6u) == 6u)
                out->both_sides++;
        }
    }
}

const char *session_cue(const Session *s, const TimelineState *st, float *progress)
{
    int i = soundcue_cue_index(s->routine, st, progress);
    return i < 0 ? NULL : s->routine->steps[st->step].cues[i];
}
