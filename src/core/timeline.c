/* timeline.c — see timeline.h.
 *
 * The routine is flattened into "units", one per hold (step, rep, side).
 * A cursor walks them along the practice clock; between two boundaries
 * (the end of a segment, the end of a breath) nothing changes but the
 * progress, so advancing is a short loop over boundaries. All times are
 * integer milliseconds so replays are exact. */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

typedef struct Unit {
    int step;  /* step index */
    int rep;   /* 0-based repetition within the step */
    Side side; /* nominal side */
} Unit;

typedef struct Event {
    int64_t t;             /* wall time, ms */
    TimelineAction action; /* what */
    int value;             /* TL_SET_PACE: percent */
} Event;

typedef struct Cursor {
    int64_t wall;           /* wall time reached, ms */
    int64_t practice;       /* practice time reached, ms */
    bool paused;            /* practice clock stopped */
    size_t next_event;      /* index of the first event not yet applied */
    TimelineSegment seg;    /* current segment */
    int unit;               /* current unit; unit_count in the outro and after */
    Side side;              /* side of the current hold (a switch may flip it) */
    int from_pose;          /* transitions: pose being left */
    Side from_side;         /* transitions: side being left */
    int64_t seg_start;      /* practice time the segment began */
    int64_t seg_len;        /* timed segments: their length */
    int64_t step_start;     /* practice time the step began or restarted */
    BreathPattern pattern;  /* unscaled pattern in force */
    int pace;               /* scale of the current breath, percent */
    int pending_pace;       /* scale from the next breath on */
    BreathPattern cycle;    /* the current breath, paced */
    int64_t cycle_start;    /* practice time the current breath began */
    int64_t cycle_len;      /* its length */
    int64_t cycles;         /* breaths completed since the breath last restarted */
    int64_t breaths_total;  /* breaths begun since the start */
    int64_t hold_cycles0;   /* breath holds: CYCLES when the hold began */
    int64_t hold_off0;      /* breath holds: offset into that breath */
    int64_t hold_len0;      /* breath holds: that breath's length */
} Cursor;

struct Timeline {
    const Routine *routine;  /* borrowed */
    const PoseLibrary *lib;  /* borrowed */
    Unit *units;             /* every hold in order */
    int unit_count;
    int *step_first;         /* first unit of each step; [step_count] = unit_count */
    int start_pose;          /* where the body begins: "standing" if the library has it */
    Event *events;           /* recorded controls, times non-decreasing */
    size_t event_count;
    size_t event_cap;
    bool dirty;              /* an event landed before the cursor: replay */
    unsigned char *held;     /* per step: TIMELINE_HELD bits of the holds the cursor began */
    Cursor cur;              /* the incremental cursor */
};

/* Seconds to move between bases, a rough measure of how far the body
 * travels: standing to lying (or back) is the longest change. */
static const int32_t base_change_ms[POSE_BASE_COUNT][POSE_BASE_COUNT] = {
    /*               standing seated kneeling all-fours lying prone */
    [POSE_BASE_STANDING]  = {3000, 4000, 5000, 5000, 7000, 7000},
    [POSE_BASE_SEATED]    = {4000, 3000, 5000, 5000, 6000, 7000},
    [POSE_BASE_KNEELING]  = {5000, 5000, 3000, 3000, 5000, 5000},
    [POSE_BASE_ALL_FOURS] = {5000, 5000, 3000, 3000, 5000, 4000},
    [POSE_BASE_LYING]     = {7000, 6000, 5000, 5000, 4000, 7000},
    [POSE_BASE_PRONE]     = {7000, 7000, 5000, 4000, 7000, 4000},
};

/* Changing sides in place: a lunge means stepping back through the hands. */
static const int32_t switch_ms[POSE_BASE_COUNT] = {
    [POSE_BASE_STANDING] = 4000,
    [POSE_BASE_SEATED] = 3000,
    [POSE_BASE_KNEELING] = 5000,
    [POSE_BASE_ALL_FOURS] = 4000,
    [POSE_BASE_LYING] = 4000,
    [POSE_BASE_PRONE] = 4000,
};

const char *timeline_segment_name(TimelineSegment seg)
{
    static const char *const names[] = {
        [TL_SEG_INTRO] = "intro",   [TL_SEG_TRANSITION] = "transition",
        [TL_SEG_HOLD] = "hold",     [TL_SEG_SWITCH] = "switch",
        [TL_SEG_OUTRO] = "outro",   [TL_SEG_DONE] = "done",
    };
    return (unsigned)seg <= TL_SEG_DONE ? names[seg] : "?";
}

/* Length of the move from one pose and side into another (0 when nothing
 * changes). SAME_STEP marks a side switch or a repeat. */
static int64_t transition_ms(const PoseLibrary *lib, int from_pose, Side from_side,
                             int to_pose, Side to_side, bool same_step)
{
    if (from_pose == to_pose && from_side == to_side)
        return same_step ? TIMELINE_REP_MS : 0;
    PoseBase to = lib->poses[to_pose].base;
    if (from_pose == to_pose)
        return switch_ms[to];
    return base_change_ms[lib->poses[from_pose].base][to];
}

/* ---- the cursor ---------------------------------------------------- */

static const RoutineStep *unit_step(const Timeline *tl, int unit)
{
    return &tl->routine->steps[tl->units[unit].step];
}

/* The ease-in's scale, per mille, for a breath of PATTERN beginning at
 * practice time T: from TIMELINE_EASE_START_PM at 0, rising in proportion
 * to T, so that a breath begun one (unpaced) breath before EASE_MS is
 * already shorter than the pattern and ends before it; from then on 1000. */
static int ease_pm(int64_t ease_ms, BreathPattern pattern, int64_t t)
{
    int64_t ramp = ease_ms - breath_cycle_ms(pattern);
    if (ease_ms <= 0 || ramp <= 0 || t >= ramp)
        return 1000;
    return TIMELINE_EASE_START_PM + (int)((1000 - TIMELINE_EASE_START_PM) * t / ramp);
}

/* Sets the current breath from the pattern, the pace and the ease-in;
 * CYCLE_START must already be the breath's start. */
static void breath_set_cycle(const Timeline *tl, Cursor *c)
{
    int pm = ease_pm(tl->routine->ease_ms, c->pattern, c->cycle_start);
    c->cycle = breath_scaled_pm(c->pattern, c->pace * pm / 100);
    c->cycle_len = breath_cycle_ms(c->cycle);
}

/* Starts a new breath (an inhale) at T with PATTERN. */
static void restart_breath(const Timeline *tl, Cursor *c, int64_t t, BreathPattern pattern)
{
    if (t != c->cycle_start || c->breaths_total == 0)
        c->breaths_total++;
    c->pattern = pattern;
    c->pace = c->pending_pace;
    c->cycle_start = t;
    breath_set_cycle(tl, c);
    c->cycles = 0;
}

static void roll_breath(const Timeline *tl, Cursor *c)
{
    c->cycle_start += c->cycle_len;
    c->cycles++;
    c->breaths_total++;
    c->pace = c->pending_pace;
    breath_set_cycle(tl, c);
}

static void start_hold(Timeline *tl, Cursor *c, int64_t t)
{
    /* marked as it begins, so a hold passed between two questions counts */
    tl->held[tl->units[c->unit].step] |= (unsigned char)(TIMELINE_HELD | (c->side == SIDE_LEFT    ? TIMELINE_HELD_LEFT
                                                                          : c->side == SIDE_RIGHT ? TIMELINE_HELD_RIGHT
                                                                                                  : 0));
    c->seg = TL_SEG_HOLD;
    c->seg_start = t;
    const RoutineStep *st = unit_step(tl, c->unit);
    c->seg_len = st->hold_ms;
    c->hold_cycles0 = c->cycles;
    c->hold_off0 = t - c->cycle_start;
    c->hold_len0 = c->cycle_len;
}

/* Moves to unit U on SIDE, coming from FROM_POSE/FROM_SIDE at T. NEW_STEP
 * marks entering (or restarting) a step rather than the next rep or side. */
static void enter_unit(Timeline *tl, Cursor *c, int u, Side side, int from_pose,
                       Side from_side, int64_t t, bool new_step)
{
    const RoutineStep *st = unit_step(tl, u);
    c->unit = u;
    c->side = side;
    c->from_pose = from_pose;
    c->from_side = from_side;
    if (new_step) {
        c->step_start = t;
        if (!breath_equal(st->breath, c->pattern))
            restart_breath(tl, c, t, st->breath);
    }
    int64_t len = transition_ms(tl->lib, from_pose, from_side, st->pose, side, !new_step);
    if (len == 0) {
        start_hold(tl, c, t);
        return;
    }
    c->seg = (!new_step && from_side != side) ? TL_SEG_SWITCH : TL_SEG_TRANSITION;
    c->seg_start = t;
    c->seg_len = len;
}

static void start_outro(Timeline *tl, Cursor *c, int64_t t)
{
    c->seg = TL_SEG_OUTRO;
    c->unit = tl->unit_count;
    c->seg_start = t;
    c->seg_len = TIMELINE_OUTRO_MS;
}

/* Pose shown now: the arriving pose in a transition, the last one after. */
static int current_pose(const Timeline *tl, const Cursor *c)
{
    if (c->seg == TL_SEG_INTRO)
        return tl->start_pose;
    int u = c->unit < tl->unit_count ? c->unit : tl->unit_count - 1;
    return unit_step(tl, u)->pose;
}

/* Where the cursor is in the routine: the step (0 in the intro,
 * step_count in the outro and after), the rep and the side. REP and SIDE
 * may be NULL. */
static void cursor_place(const Timeline *tl, const Cursor *c, int *step, int *rep, Side *side)
{
    bool intro = c->seg == TL_SEG_INTRO;
    bool in_step = !intro && c->unit < tl->unit_count;
    *step = intro ? 0 : in_step ? tl->units[c->unit].step : tl->routine->step_count;
    if (rep)
        *rep = in_step ? tl->units[c->unit].rep : 0;
    if (side)
        *side = intro ? SIDE_NONE : c->side;
}

static void cursor_init(Timeline *tl, Cursor *c)
{
    memset(c, 0, sizeof *c);
    memset(tl->held, 0, (size_t)tl->routine->step_count);
    c->seg = TL_SEG_INTRO;
    c->seg_len = TIMELINE_INTRO_MS;
    c->side = SIDE_NONE;
    c->from_pose = tl->start_pose;
    c->pending_pace = BREATH_SCALE_DEFAULT;
    restart_breath(tl, c, 0, tl->routine->steps[0].breath);
}

/* Practice time at which the current segment ends (INT64_MAX: not within
 * the current breath, or never). */
static int64_t segment_end(const Timeline *tl, const Cursor *c)
{
    if (c->seg == TL_SEG_DONE)
        return INT64_MAX;
    if (c->seg == TL_SEG_HOLD) {
        const RoutineStep *st = unit_step(tl, c->unit);
        if (st->breaths > 0) {
            if (c->cycles - c->hold_cycles0 < st->breaths)
                return INT64_MAX;
            return c->cycle_start + c->hold_off0 * c->cycle_len / c->hold_len0;
        }
    }
    return c->seg_start + c->seg_len;
}

static void finish_segment(Timeline *tl, Cursor *c, int64_t t)
{
    switch (c->seg) {
    case TL_SEG_INTRO:
        enter_unit(tl, c, 0, tl->units[0].side, tl->start_pose, SIDE_NONE, t, true);
        break;
    case TL_SEG_TRANSITION:
    case TL_SEG_SWITCH:
        start_hold(tl, c, t);
        break;
    case TL_SEG_HOLD:
        if (c->unit + 1 < tl->unit_count) {
            int u = c->unit + 1;
            bool new_step = tl->units[u].step != tl->units[c->unit].step;
            enter_unit(tl, c, u, tl->units[u].side, unit_step(tl, c->unit)->pose, c->side, t, new_step);
        } else {
            start_outro(tl, c, t);
        }
        break;
    case TL_SEG_OUTRO:
        c->seg = TL_SEG_DONE;
        c->seg_start = t;
        c->seg_len = 0;
        break;
    case TL_SEG_DONE:
        break;
    }
}

/* Processes the next boundary if it falls at or before LIMIT. Returns false
 * when there is none by then. Ties go to the breath first, so a hold that
 * begins as a breath ends always starts at offset 0 of the new breath. */
static bool cursor_step(Timeline *tl, Cursor *c, int64_t limit)
{
    if (c->seg == TL_SEG_DONE)
        return false;
    int64_t seg_end = segment_end(tl, c);
    int64_t breath_end = c->cycle_start + c->cycle_len;
    if (breath_end <= seg_end) {
        if (breath_end > limit)
            return false;
        c->practice = breath_end;
        roll_breath(tl, c);
    } else {
        if (seg_end > limit)
            return false;
        c->practice = seg_end;
        finish_segment(tl, c, seg_end);
    }
    return true;
}

static void advance_wall(Timeline *tl, Cursor *c, int64_t t)
{
    if (t <= c->wall)
        return;
    if (!c->paused) {
        int64_t target = c->practice + (t - c->wall);
        while (cursor_step(tl, c, target)) {
        }
        c->practice = target;
    }
    c->wall = t;
}

static void apply_event(Timeline *tl, Cursor *c, const Event *ev)
{
    int64_t p = c->practice;
    switch (ev->action) {
    case TL_PAUSE:
        c->paused = true;
        return;
    case TL_RESUME:
        c->paused = false;
        return;
    case TL_TOGGLE_PAUSE:
        c->paused = !c->paused;
        return;
    case TL_SET_PACE:
        c->pending_pace = ev->value < BREATH_SCALE_MIN   ? BREATH_SCALE_MIN
                          : ev->value > BREATH_SCALE_MAX ? BREATH_SCALE_MAX
                                                         : ev->value;
        return;
    default:
        break;
    }
    if (c->seg == TL_SEG_DONE)
        return;
    int pose = current_pose(tl, c);
    int step;
    cursor_place(tl, c, &step, NULL, NULL);
    int last = tl->routine->step_count - 1;

    switch (ev->action) {
    case TL_NEXT:
        if (c->seg == TL_SEG_INTRO || c->seg == TL_SEG_OUTRO) {
            finish_segment(tl, c, p); /* into the first step; or done */
        } else if (step < last) {
            int u = tl->step_first[step + 1];
            enter_unit(tl, c, u, tl->units[u].side, pose, c->side, p, true);
        } else {
            start_outro(tl, c, p);
        }
        break;
    case TL_PREVIOUS:
        if (c->seg == TL_SEG_INTRO) {
            c->seg_start = p; /* nothing before the intro: start it again */
        } else {
            int target = step;
            if (c->seg == TL_SEG_OUTRO)
                target = last;
            else if (p - c->step_start < TIMELINE_PREVIOUS_MS && step > 0)
                target = step - 1;
            int u = tl->step_first[target];
            bool moving = c->seg == TL_SEG_TRANSITION || c->seg == TL_SEG_SWITCH;
            if (moving && u == c->unit && tl->units[u].side == c->side)
                /* Still moving into the very hold asked for: move again from
                 * where the body came from rather than skip the movement. */
                enter_unit(tl, c, u, c->side, c->from_pose, c->from_side, p, true);
            else
                enter_unit(tl, c, u, tl->units[u].side, pose, c->side, p, true);
        }
        break;
    case TL_SWITCH_SIDE:
        if (c->seg == TL_SEG_INTRO || c->seg == TL_SEG_OUTRO)
            break;
        {
            const RoutineStep *st = &tl->routine->steps[step];
            if (st->sides == SIDES_NONE)
                break;
            if (st->sides == SIDES_BOTH) {
                int first = tl->step_first[step];
                int partner = first + ((c->unit - first) ^ 1);
                enter_unit(tl, c, partner, tl->units[partner].side, pose, c->side, p, false);
            } else {
                Side other = c->side == SIDE_LEFT ? SIDE_RIGHT : SIDE_LEFT;
                enter_unit(tl, c, c->unit, other, pose, c->side, p, false);
            }
        }
        break;
    default:
        break;
    }
}

/* ---- public ------------------------------------------------------------- */

Timeline *timeline_create(const Routine *routine, const PoseLibrary *lib)
{
    Timeline *tl = calloc(1, sizeof *tl);
    if (!tl)
        return NULL;
    tl->routine = routine;
    tl->lib = lib;
    int n = 0;
    for (int s = 0; s < routine->step_count; s++)
        n += routine->steps[s].reps * (routine->steps[s].sides == SIDES_BOTH ? 2 : 1);
    tl->units = calloc((size_t)n, sizeof *tl->units);
    tl->step_first = calloc((size_t)routine->step_count + 1, sizeof *tl->step_first);
    tl->held = calloc((size_t)routine->step_count, 1);
    if (!tl->units || !tl->step_first || !tl->held) {
        timeline_destroy(tl);
        return NULL;
    }
    for (int s = 0; s < routine->step_count; s++) {
        const RoutineStep *st = &routine->steps[s];
        tl->step_first[s] = tl->unit_count;
        for (int r = 0; r < st->reps; r++) {
            static const Side fixed[] = {[SIDES_NONE] = SIDE_NONE, [SIDES_LEFT] = SIDE_LEFT,
                                         [SIDES_RIGHT] = SIDE_RIGHT, [SIDES_BOTH] = SIDE_LEFT};
            tl->units[tl->unit_count++] = (Unit){s, r, fixed[st->sides]};
            if (st->sides == SIDES_BOTH)
                tl->units[tl->unit_count++] = (Unit){s, r, SIDE_RIGHT};
        }
    }
    tl->step_first[routine->step_count] = tl->unit_count;
    int standing = poselib_find(lib, "standing");
    tl->start_pose = standing >= 0 ? standing : routine->steps[0].pose;
    cursor_init(tl, &tl->cur);
    return tl;
}

void timeline_destroy(Timeline *tl)
{
    if (!tl)
        return;
    free(tl->units);
    free(tl->step_first);
    free(tl->held);
    free(tl->events);
    free(tl);
}

bool timeline_apply(Timeline *tl, TimelineAction action, int value, int64_t t_ms)
{
    if (tl->event_count == tl->event_cap) {
        if (tl->event_cap >= TIMELINE_MAX_EVENTS)
            return false;
        size_t cap = tl->event_cap ? tl->event_cap * 2 : 64;
        if (cap > TIMELINE_MAX_EVENTS)
            cap = TIMELINE_MAX_EVENTS;
        Event *ev = realloc(tl->events, cap * sizeof *ev);
        if (!ev)
            return false;
        tl->events = ev;
        tl->event_cap = cap;
    }
    if (tl->event_count > 0 && t_ms < tl->events[tl->event_count - 1].t)
        t_ms = tl->events[tl->event_count - 1].t;
    if (t_ms < tl->cur.wall)
        tl->dirty = true;
    tl->events[tl->event_count++] = (Event){t_ms, action, value};
    return true;
}

unsigned timeline_held(const Timeline *tl, int step)
{
    return step >= 0 && step < tl->routine->step_count ? tl->held[step] : 0;
}

/* Practice time left in the current segment. */
static int64_t segment_left(const Timeline *tl, const Cursor *c)
{
    if (c->seg == TL_SEG_DONE)
        return 0;
    const RoutineStep *st = c->seg == TL_SEG_HOLD ? unit_step(tl, c->unit) : NULL;
    if (!st || st->breaths == 0)
        return c->seg_start + c->seg_len - c->practice;
    int64_t remaining = st->breaths - (c->cycles - c->hold_cycles0);
    if (remaining <= 0)
        return segment_end(tl, c) - c->practice;
    int64_t next_len = breath_cycle_ms(breath_scaled(c->pattern, c->pending_pace));
    return (c->cycle_start + c->cycle_len - c->practice) + (remaining - 1) * next_len +
           c->hold_off0 * next_len / c->hold_len0;
}

void timeline_state(Timeline *tl, int64_t t_ms, TimelineState *out)
{
    Cursor *c = &tl->cur;
    if (t_ms < c->wall || tl->dirty) {
        cursor_init(tl, c);
        tl->dirty = false;
    }
    while (c->next_event < tl->event_count && tl->events[c->next_event].t <= t_ms) {
        const Event *ev = &tl->events[c->next_event++];
        advance_wall(tl, c, ev->t);
        apply_event(tl, c, ev);
    }
    advance_wall(tl, c, t_ms);

    memset(out, 0, sizeof *out);
    out->t_ms = t_ms;
    out->practice_ms = c->practice;
    out->paused = c->paused;
    out->segment = c->seg;
    cursor_place(tl, c, &out->step, &out->rep, &out->side);
    bool in_step = c->seg != TL_SEG_INTRO && c->unit < tl->unit_count;
    out->pose = current_pose(tl, c);
    bool moving = c->seg == TL_SEG_TRANSITION || c->seg == TL_SEG_SWITCH;
    out->from_pose = moving ? c->from_pose : out->pose;
    out->from_side = moving ? c->from_side : out->side;
    out->seg_elapsed_ms = c->practice - c->seg_start;
    out->seg_left_ms = segment_left(tl, c);
    int64_t whole = out->seg_elapsed_ms + out->seg_left_ms;
    out->seg_progress = c->seg == TL_SEG_DONE ? 1.0f : whole > 0 ? (float)out->seg_elapsed_ms / (float)whole : 0.0f;
    out->step_elapsed_ms = in_step ? c->practice - c->step_start : 0;
    if (c->seg == TL_SEG_DONE) {
        out->breath_phase = BREATH_EXHALE;
        out->breath_progress = 1.0f;
    } else {
        out->breath_phase = breath_phase_at(c->cycle, c->practice - c->cycle_start, &out->breath_progress);
    }
    if (c->seg == TL_SEG_HOLD) {
        const RoutineStep *st = unit_step(tl, c->unit);
        out->breath_target = st->breaths;
        /* Breaths are counted by the inhales begun in the hold; a hold that
         * begins mid-breath shows 1 until its first inhale. */
        int64_t n = c->cycles - c->hold_cycles0 + (c->hold_off0 == 0 ? 1 : 0);
        if (n < 1)
            n = 1;
        if (st->breaths > 0 && n > st->breaths)
            n = st->breaths;
        out->breath_count = (int)n;
    }
    out->breaths_total = c->breaths_total;
    out->breath_start_ms = c->cycle_start;
    out->pace_pct = c->pace;
    out->breath = c->cycle;
}

int64_t timeline_plan(const Routine *routine, const PoseLibrary *lib,
                      void (*row)(const TimelinePlanRow *r, void *user), void *user)
{
    Timeline *tl = timeline_create(routine, lib);
    if (!tl)
        return -1;
    Cursor *c = &tl->cur;
    while (c->seg != TL_SEG_DONE) {
        TimelinePlanRow r = {
            .segment = c->seg,
            .pose = c->seg == TL_SEG_OUTRO ? -1 : current_pose(tl, c),
            .start_ms = c->seg_start,
            .breath = c->pattern,
        };
        cursor_place(tl, c, &r.step, &r.rep, &r.side);
        TimelineSegment seg = c->seg;
        int unit = c->unit;
        int64_t start = c->seg_start;
        while (c->seg == seg && c->unit == unit && c->seg_start == start)
            cursor_step(tl, c, INT64_MAX);
        r.length_ms = c->seg_start - start;
        if (row)
            row(&r, user);
    }
    int64_t total = c->seg_start;
    timeline_destroy(tl);
    return total;
}
