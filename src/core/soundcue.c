/* soundcue.c — see soundcue.h. */
#include "soundcue.h"

#include <string.h>

#include "speech.h"

void soundcue_init(SoundCue *c)
{
    memset(c, 0, sizeof *c);
    c->cue = -1;
    c->pace_phase = -1;
}

int soundcue_cue_index(const Routine *routine, const TimelineState *st, float *progress)
{
    if (st->segment != TL_SEG_HOLD || st->step < 0 || st->step >= routine->step_count)
        return -1;
    const RoutineStep *step = &routine->steps[st->step];
    if (step->cue_count == 0)
        return -1;
    float x = st->seg_progress * (float)step->cue_count;
    int i = (int)x;
    if (i >= step->cue_count)
        i = step->cue_count - 1;
    if (progress)
        *progress = x - (float)i;
    return i;
}

/* The same hold, switch or transition as before, not begun again (a
 * step restarted with its pose held goes straight into a new hold). */
static bool same_place(const TimelineState *a, const TimelineState *b)
{
    return a->segment == b->segment && a->step == b->step && a->rep == b->rep && a->side == b->side &&
           b->seg_elapsed_ms >= a->seg_elapsed_ms;
}

static SoundCueEvent *add(SoundCueEvent *out, int *n, SoundCueKind kind)
{
    if (*n >= SOUNDCUE_MAX_EVENTS)
        return NULL;
    SoundCueEvent *e = &out[(*n)++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    return e;
}

static void say(SoundCueEvent *out, int *n, const char *text, SoundCueUrgency urgency, int64_t delay_ms)
{
    if (!text || !text[0])
        return;
    SoundCueEvent *e = add(out, n, SOUNDCUE_SPEAK);
    if (!e)
        return;
    e->urgency = urgency;
    e->delay_ms = delay_ms;
    size_t len = strlen(text);
    if (len >= sizeof e->text)
        len = sizeof e->text - 1;
    memcpy(e->text, text, len);
    e->text[len] = 0;
}

static void say_pose(SoundCueEvent *out, int *n, const Routine *r, const PoseLibrary *lib, const TimelineState *st)
{
    char line[SOUNDCUE_LINE_CHARS];
    speech_pose_line(r, lib, st->step, st->side, line, sizeof line);
    say(out, n, line, SOUNDCUE_IN_TURN, 0);
}

static void say_cue(SoundCueEvent *out, int *n, const Routine *r, const TimelineState *st, int i)
{
    if (i >= 0 && st->step < r->step_count && i < r->steps[st->step].cue_count)
        say(out, n, r->steps[st->step].cues[i], SOUNDCUE_IN_TURN, 0);
}

/* The first hold of a step: its first rep on its first side. */
static bool first_hold(const Routine *r, const TimelineState *st)
{
    const RoutineStep *s = &r->steps[st->step];
    Side first = s->sides == SIDES_RIGHT ? SIDE_RIGHT : s->sides == SIDES_NONE ? SIDE_NONE : SIDE_LEFT;
    return st->rep == 0 && st->side == first;
}

/* Practice ms from ST to the exhale after its next inhale (the inhale
 * under way, when it has only just begun): when "Breathe out" would come. */
static int64_t ms_to_exhale_prompt(const TimelineState *st)
{
    const int32_t *ms = st->breath.ms;
    int64_t offset = (int64_t)(st->breath_progress * (float)ms[st->breath_phase]);
    for (int p = 0; p < (int)st->breath_phase; p++)
        offset += ms[p];
    bool inhaling = st->breath_phase == BREATH_INHALE && st->breath_progress < 0.05f;
    int64_t to_inhale = (inhaling ? 0 : breath_cycle_ms(st->breath)) - offset;
    return to_inhale + ms[BREATH_INHALE] + ms[BREATH_TOP_UP] + ms[BREATH_HOLD_IN];
}

/* A hold is beginning (or the user arrived in one). */
static void enter_hold(SoundCue *c, const Routine *r, const TimelineState *st, SoundCueEvent *out, int *n)
{
    add(out, n, SOUNDCUE_BELL);
    c->cue = soundcue_cue_index(r, st, NULL);
    c->ticks = 0;
    /* the prompts only when both fit in the hold: the cues wait for them */
    bool first = first_hold(r, st) && ms_to_exhale_prompt(st) < st->seg_left_ms;
    c->said_in = c->said_out = !first;
    if (!first && st->rep == 0)
        say_cue(out, n, r, st, c->cue);
}

/* The breath's seconds: a tick as each whole second of a phase begins,
 * level but for the exhale, which falls a fifth from its first second to
 * its last (and the hold after it stays low). None in the countdown's
 * last seconds, which tick on their own. */
static void pace_tick(SoundCue *c, const TimelineState *st, bool entered, SoundCueEvent *out, int *n)
{
    int phase = (int)st->breath_phase;
    int32_t len = st->breath.ms[phase];
    bool fresh = entered || phase != c->pace_phase || st->breath_progress < c->pace_progress;
    c->pace_progress = st->breath_progress;
    if (fresh) {
        c->pace_phase = phase;
        c->pace_second = -1;
    }
    if (len <= 0 || st->seg_left_ms <= SOUNDCUE_COUNTDOWN_MS)
        return;
    int second = (int)(st->breath_progress * (float)len / 1000.0f);
    /* a state late in its second (joined mid-phase) waits for the next */
    if (fresh && st->breath_progress * (float)len - (float)second * 1000.0f > 100.0f)
        c->pace_second = second;
    if (second <= c->pace_second)
        return;
    c->pace_second = second;
    float pitch = 1.0f;
    if (phase == BREATH_EXHALE) {
        int last = (int)((len - 1) / 1000);
        pitch = last > 0 ? 1.0f - (1.0f - SOUNDCUE_PACE_LOW) * (float)second / (float)last : 1.0f;
    } else if (phase == BREATH_HOLD_OUT) {
        pitch = SOUNDCUE_PACE_LOW;
    }
    SoundCueEvent *e = add(out, n, SOUNDCUE_PACE_TICK);
    if (e)
        e->pitch = pitch;
}

/* Within a hold: the breath prompts, the cues as the caption moves on,
 * and the countdown. */
static void during_hold(SoundCue *c, const Routine *r, const TimelineState *st, const TimelineState *prev,
                        bool entered, SoundCueEvent *out, int *n)
{
    bool new_phase = entered ? st->breath_progress < 0.05f : st->breath_phase != prev->breath_phase;
    if (!c->said_in && new_phase && st->breath_phase == BREATH_INHALE) {
        say(out, n, SPEECH_INHALE, SOUNDCUE_NOW, 0);
        c->said_in = true;
    } else if (c->said_in && !c->said_out && new_phase && st->breath_phase == BREATH_EXHALE) {
        say(out, n, SPEECH_EXHALE, SOUNDCUE_NOW, 0);
        c->said_out = true;
        /* the cues held back for the prompts, from the first, in order */
        for (int k = 0; k <= c->cue; k++)
            say_cue(out, n, r, st, k);
    }
    int i = soundcue_cue_index(r, st, NULL);
    if (i != c->cue) {
        c->cue = i;
        if (st->rep == 0 && c->said_out)
            say_cue(out, n, r, st, i);
    }
    if (r->pace_ticks)
        pace_tick(c, st, entered, out, n);
    /* ticks at 3, 2 and 1 s left, each once, and not in a hold that
     * began less than a second before */
    for (int k = 0; k < SOUNDCUE_COUNTDOWN_MS / 1000; k++) {
        int64_t at = (int64_t)(k + 1) * 1000;
        if (!(c->ticks & (1 << k)) && st->seg_left_ms <= at && st->seg_left_ms > at - 1000 &&
            st->seg_elapsed_ms >= 1000) {
            c->ticks |= 1 << k;
            add(out, n, SOUNDCUE_TICK);
        }
    }
}

int soundcue_step(SoundCue *c, const Routine *r, const PoseLibrary *lib, const TimelineState *st,
                  SoundCueEvent out[SOUNDCUE_MAX_EVENTS])
{
    int n = 0;
    const TimelineState *prev = &c->prev;
    bool first = !c->started;
    bool moved = first || !same_place(prev, st);
    if (!first) {
        if (st->paused && !prev->paused)
            add(out, &n, SOUNDCUE_HUSH);
        /* left before its end: the user skipped, so what was being said
         * is no longer about where they are */
        int64_t advanced = st->practice_ms - prev->practice_ms;
        if (moved && prev->segment != TL_SEG_DONE && prev->seg_left_ms > advanced + 5 && !st->paused)
            add(out, &n, SOUNDCUE_HUSH);
    }
    if (moved) {
        switch (st->segment) {
        case TL_SEG_INTRO:
            say(out, &n, r->title, SOUNDCUE_IN_TURN, 0);
            say(out, &n, r->safety, SOUNDCUE_IN_TURN, 0);
            break;
        case TL_SEG_TRANSITION:
            if (st->rep == 0 && st->step < r->step_count)
                say_pose(out, &n, r, lib, st);
            break;
        case TL_SEG_SWITCH:
            say(out, &n, SPEECH_SWITCH, SOUNDCUE_IN_TURN, 0);
            if (st->step < r->step_count)
                say_pose(out, &n, r, lib, st);
            break;
        case TL_SEG_HOLD:
            /* a step whose pose is already held begins with its hold:
             * no transition said its line */
            if (st->rep == 0 && st->step_elapsed_ms == st->seg_elapsed_ms && st->step < r->step_count)
                say_pose(out, &n, r, lib, st);
            enter_hold(c, r, st, out, &n);
            break;
        case TL_SEG_OUTRO:
            add(out, &n, SOUNDCUE_END_BELL);
            say(out, &n, SPEECH_CLOSING, SOUNDCUE_IN_TURN, SOUNDCUE_CLOSING_DELAY_MS);
            break;
        case TL_SEG_DONE:
            break;
        }
    }
    if (st->segment == TL_SEG_HOLD && !st->paused && st->step < r->step_count)
        during_hold(c, r, st, prev, moved, out, &n);
    c->prev = *st;
    c->started = true;
    return n;
}
