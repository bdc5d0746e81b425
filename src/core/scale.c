/* scale.c — see scale.h.
 *
 * The search works on one number, the factor every hold is multiplied by:
 * the total grows with it (each hold is clamped and rounded, so it grows in
 * steps, never back), so bisection finds the factor whose total is nearest
 * the target. Only when the clamps stop the factor from getting there do
 * the reps change, one at a time, and the factor is searched again. */
#include "scale.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

/* One step's hold as written and the range it may be scaled within. */
typedef struct Span {
    int64_t orig;  /* the hold as written: ms when timed, else breaths */
    int64_t lo;    /* the floor, in the same unit */
    int64_t hi;    /* the ceiling, in the same unit */
    bool breaths;  /* counted in breaths */
    int reps;      /* reps as written */
} Span;

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void span_of(const RoutineStep *s, Span *sp)
{
    int64_t cue_ms = (int64_t)s->cue_count * SCALE_CUE_MS;
    int64_t floor_ms = cue_ms > SCALE_FLOOR_MS ? cue_ms : SCALE_FLOOR_MS;
    sp->reps = s->reps;
    if (s->breaths > 0) {
        int64_t cycle = breath_cycle_ms(s->breath);
        if (cycle < 1)
            cycle = 1;
        sp->breaths = true;
        sp->orig = s->breaths;
        int64_t lo = SCALE_FLOOR_BREATHS;
        if (s->breaths * cycle >= SCALE_YIN_MS)
            lo = (SCALE_YIN_FLOOR_MS + cycle - 1) / cycle;
        int64_t by_cues = (cue_ms + cycle - 1) / cycle;
        if (by_cues > lo)
            lo = by_cues;
        sp->lo = lo < sp->orig ? lo : sp->orig;
        int64_t hi = SCALE_MAX_MS / cycle;
        sp->hi = clamp64(hi > sp->orig ? hi : sp->orig, 1, ROUTINE_MAX_BREATHS);
    } else {
        sp->breaths = false;
        sp->orig = s->hold_ms;
        int64_t lo = s->hold_ms >= SCALE_YIN_MS ? SCALE_YIN_FLOOR_MS : floor_ms;
        sp->lo = lo < sp->orig ? lo : sp->orig;
        int64_t hi = sp->orig > SCALE_MAX_MS ? sp->orig : SCALE_MAX_MS;
        sp->hi = hi > (int64_t)ROUTINE_MAX_SECONDS * 1000 ? (int64_t)ROUTINE_MAX_SECONDS * 1000 : hi;
    }
}

/* Sets every hold of R to its written length times K, clamped and rounded. */
static void apply(Routine *r, const Span *sp, double k)
{
    for (int i = 0; i < r->step_count; i++) {
        double v = (double)sp[i].orig * k;
        if (sp[i].breaths) {
            r->steps[i].breaths = (int)clamp64(llround(v), sp[i].lo, sp[i].hi);
        } else {
            int64_t ms = llround(v / SCALE_ROUND_MS) * SCALE_ROUND_MS;
            r->steps[i].hold_ms = clamp64(ms, sp[i].lo, sp[i].hi);
        }
    }
}

/* The time STEP holds in all, reps and sides counted. */
static int64_t step_time(const RoutineStep *s)
{
    int64_t hold = s->breaths > 0 ? s->breaths * breath_cycle_ms(s->breath) : s->hold_ms;
    return hold * s->reps * (s->sides == SIDES_BOTH ? 2 : 1);
}

static int64_t diff64(int64_t a, int64_t b)
{
    return a > b ? a - b : b - a;
}

/* Searches the factor whose total is nearest TARGET with the reps as they
 * are in R; leaves R at that factor and returns its total. */
static int64_t search(Routine *r, const PoseLibrary *lib, const Span *sp, int64_t target)
{
    double lo = 1e-3, hi = 1e3;
    /* 32 halvings of the 1e-3..1e3 range: the factor to a few parts in a
     * billion, far finer than the 5 s a hold is rounded to */
    for (int it = 0; it < 32; it++) {
        double mid = sqrt(lo * hi);
        apply(r, sp, mid);
        if (timeline_plan(r, lib, NULL, NULL) <= target)
            lo = mid;
        else
            hi = mid;
    }
    apply(r, sp, lo);
    int64_t below = timeline_plan(r, lib, NULL, NULL);
    apply(r, sp, hi);
    int64_t above = timeline_plan(r, lib, NULL, NULL);
    if (diff64(below, target) <= diff64(above, target)) {
        apply(r, sp, lo);
        return below;
    }
    return above;
}

bool scale_routine(Routine *r, const PoseLibrary *lib, int minutes)
{
    return scale_routine_within(r, lib, minutes, NULL, NULL, SCALE_REPS_ANY, 0);
}

bool scale_routine_within(Routine *r, const PoseLibrary *lib, int minutes, const int64_t *lo_ms,
                          const int64_t *hi_ms, ScaleReps reps, int max_reps)
{
    if (max_reps < 1 || max_reps > ROUTINE_MAX_REPS)
        max_reps = ROUTINE_MAX_REPS;
    if (!r || r->step_count < 1 || minutes < SCALE_MIN_MINUTES || minutes > SCALE_MAX_MINUTES)
        return false;
    Span *sp = calloc((size_t)r->step_count, sizeof *sp);
    if (!sp)
        return false;
    for (int i = 0; i < r->step_count; i++) {
        span_of(&r->steps[i], &sp[i]);
        if (lo_ms && hi_ms && !sp[i].breaths) {
            sp[i].lo = lo_ms[i];
            sp[i].hi = hi_ms[i] > lo_ms[i] ? hi_ms[i] : lo_ms[i];
        }
    }
    int64_t target = (int64_t)minutes * 60000;
    int64_t slack = target * SCALE_TOLERANCE_PCT / 100;
    bool ok = false;
    /* every rep added or taken is one pass; the bound only stops a loop */
    for (int pass = 0; pass < ROUTINE_MAX_STEPS * ROUTINE_MAX_REPS; pass++) {
        int64_t total = search(r, lib, sp, target);
        if (diff64(total, target) <= slack) {
            ok = true;
            break;
        }
        int pick = -1;
        if (reps == SCALE_REPS_NONE)
            break;
        if (total > target) {
            /* too long at the floors: one rep fewer where there are most */
            for (int i = 0; i < r->step_count; i++) {
                int least = reps == SCALE_REPS_ANY ? 1 : sp[i].reps; /* else only reps it added */
                if (r->steps[i].reps > least && (pick < 0 || r->steps[i].reps > r->steps[pick].reps))
                    pick = i;
            }
            if (pick < 0)
                break;
            r->steps[pick].reps--;
        } else {
            /* too short at the ceilings: one rep more of the step that
             * has least time so far, so no one pose takes over, sparing
             * the closing rest, which is one long lie; of one-sided
             * steps, the one with the fewest reps first (then least time):
             * a short pose is not drilled round after round while a
             * longer one is done once */
            int last = r->step_count > 1 ? r->step_count - 1 : r->step_count;
            int64_t least = 0;
            for (int i = 0; i < last; i++) {
                const RoutineStep *s = &r->steps[i];
                if (s->reps >= max_reps || (reps == SCALE_REPS_ONE_SIDED && s->sides != SIDES_BOTH))
                    continue;
                int64_t t = step_time(s);
                if (reps == SCALE_REPS_ONE_SIDED && pick >= 0 && s->reps != r->steps[pick].reps) {
                    if (s->reps < r->steps[pick].reps) {
                        pick = i;
                        least = t;
                    }
                    continue;
                }
                if (pick < 0 || t < least) {
                    pick = i;
                    least = t;
                }
            }
            if (pick < 0)
                break;
            r->steps[pick].reps++;
        }
    }
    if (!ok) {
        for (int i = 0; i < r->step_count; i++) {
            r->steps[i].reps = sp[i].reps;
            if (sp[i].breaths)
                r->steps[i].breaths = (int)sp[i].orig;
            else
                r->steps[i].hold_ms = sp[i].orig;
        }
    }
    free(sp);
    return ok;
}

int scale_own_minutes(const Routine *r, const PoseLibrary *lib)
{
    return (int)((timeline_plan(r, lib, NULL, NULL) + 30000) / 60000);
}

int scale_choices(const Routine *r, const PoseLibrary *lib, int *out, int max)
{
    static const int steps[] = {5, 10, 15, 20, 30, 45, 60};
    int64_t own = timeline_plan(r, lib, NULL, NULL);
    Routine tmp = *r;
    tmp.steps = malloc((size_t)r->step_count * sizeof *tmp.steps);
    if (!tmp.steps)
        return 0;
    int n = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0] && n < max; i++) {
        int64_t ms = (int64_t)steps[i] * 60000;
        /* a third to three times its own length, give or take the tolerance */
        if (ms * 3 * (100 + SCALE_TOLERANCE_PCT) < own * 100 || ms * 100 > own * 3 * (100 + SCALE_TOLERANCE_PCT))
            continue;
        memcpy(tmp.steps, r->steps, (size_t)r->step_count * sizeof *tmp.steps);
        if (scale_routine(&tmp, lib, steps[i]))
            out[n++] = steps[i];
    }
    free(tmp.steps);
    return n;
}

int scale_step(const Routine *r, const PoseLibrary *lib, int current, int dir)
{
    int choices[SCALE_MAX_CHOICES];
    int n = scale_choices(r, lib, choices, SCALE_MAX_CHOICES);
    int64_t own = timeline_plan(r, lib, NULL, NULL);
    /* the list in order of length: minutes, 0 standing for as written */
    int list[SCALE_MAX_CHOICES + 1], count = 0;
    bool own_placed = false;
    for (int i = 0; i < n; i++) {
        int64_t ms = (int64_t)choices[i] * 60000;
        int64_t off = ms > own ? ms - own : own - ms;
        if (off * 100 <= own * SCALE_TOLERANCE_PCT)
            continue;
        if (!own_placed && ms > own) {
            list[count++] = 0;
            own_placed = true;
        }
        list[count++] = choices[i];
    }
    if (!own_placed)
        list[count++] = 0;
    /* where CURRENT stands, as a length */
    int64_t at = current > 0 ? (int64_t)current * 60000 : own;
    int pos = -1;
    for (int i = 0; i < count; i++)
        if (list[i] == current)
            pos = i;
    if (pos < 0) {
        /* not offered: the first one beyond it in the direction asked */
        for (int i = dir > 0 ? 0 : count - 1; i >= 0 && i < count; i += dir > 0 ? 1 : -1) {
            int64_t ms = list[i] > 0 ? (int64_t)list[i] * 60000 : own;
            if (dir > 0 ? ms > at : ms < at)
                return list[i];
        }
        return current;
    }
    int next = pos + (dir > 0 ? 1 : -1);
    return next >= 0 && next < count ? list[next] : current;
}
