/* test_soundcue.c — what the coach's sound says and rings, and when.
 *
 * soundcue_step is driven the way the audio callback drives it: with the
 * states of a real timeline taken every 1 or 2 ms, or at 64-frame blocks
 * of 48 kHz (1.33 ms). What it says is checked against a small routine
 * worked out by hand, then against every shipped routine with the times
 * worked out from timeline_plan and the breath pattern alone (not from
 * the states soundcue sees), and under pause, skip, switch, restart and
 * pace controls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "breathe.h"
#include "soundcue.h"
#include "speech.h"
#include "support.h"
#include "timeline.h"

#define S(x) ((int64_t)((x) * 1000))

enum {
    MAX_HEARD = 4096, /* events one run may give */
    MAX_ROWS = 512    /* plan rows of one routine */
};

/* States are taken at t_k = k * NUM / DEN ms (integer ms, as the callback
 * truncates): every ms, every 2 ms, or every 64 frames at 48 kHz. */
typedef struct Grid {
    int64_t num, den;
} Grid;

static const Grid EVERY_MS = {1, 1};
static const Grid EVERY_2MS = {2, 1};
static const Grid AUDIO_BLOCKS = {4, 3};

/* The longest gap between two states: an event due at T comes at a state
 * in [T, T + gap). */
static int64_t grid_gap(Grid g)
{
    return (g.num + g.den - 1) / g.den;
}

typedef struct Control {
    int64_t t;             /* wall ms */
    TimelineAction action;
    int value;
} Control;

typedef struct Heard {
    int64_t t;        /* wall ms of the state that began it */
    int64_t practice; /* that state's practice ms */
    SoundCueEvent e;
} Heard;

typedef struct Run {
    Heard heard[MAX_HEARD];
    int n;
} Run;

/* One event expected. */
typedef struct Want {
    int64_t t;        /* wall ms it is due */
    int64_t slack;    /* how far off T it may come either way (cues spread by float progress) */
    SoundCueKind kind;
    SoundCueUrgency urgency;
    int64_t delay_ms;
    char text[SOUNDCUE_LINE_CHARS];
} Want;

typedef struct Wants {
    Want w[MAX_HEARD];
    int n;
} Wants;

typedef struct Plan {
    TimelinePlanRow rows[MAX_ROWS];
    int n;
    int64_t total;
} Plan;

/* ---- running a session ------------------------------------------------ */

/* Every event soundcue_step gives for the states of a timeline of R with
 * CONTROLS applied, taken on grid G from 0 to UNTIL ms. Free the result. */
static Run *run(const Routine *r, Grid g, const Control *controls, int ncontrols, int64_t until)
{
    Timeline *tl = timeline_create(r, lib);
    assert_non_null(tl);
    for (int i = 0; i < ncontrols; i++)
        assert_true(timeline_apply(tl, controls[i].action, controls[i].value, controls[i].t));
    Run *out = calloc(1, sizeof *out);
    assert_non_null(out);
    SoundCue c;
    soundcue_init(&c);
    for (int64_t k = 0;; k++) {
        int64_t t = k * g.num / g.den;
        if (t > until)
            break;
        TimelineState st;
        timeline_state(tl, t, &st);
        SoundCueEvent ev[SOUNDCUE_MAX_EVENTS];
        int n = soundcue_step(&c, r, lib, &st, ev);
        assert_in_range(n, 0, SOUNDCUE_MAX_EVENTS);
        for (int i = 0; i < n; i++) {
            assert_true(out->n < MAX_HEARD);
            out->heard[out->n++] = (Heard){t, st.practice_ms, ev[i]};
        }
    }
    timeline_destroy(tl);
    return out;
}

static void plan_row(const TimelinePlanRow *row, void *user)
{
    Plan *p = user;
    assert_true(p->n < MAX_ROWS);
    p->rows[p->n++] = *row;
}

static Plan *plan(const Routine *r)
{
    Plan *p = calloc(1, sizeof *p);
    assert_non_null(p);
    p->total = timeline_plan(r, lib, plan_row, p);
    assert_true(p->total > 0);
    return p;
}

static int count(const Run *h, SoundCueKind kind, const char *text)
{
    int n = 0;
    for (int i = 0; i < h->n; i++)
        if (h->heard[i].e.kind == kind && (!text || strcmp(h->heard[i].e.text, text) == 0))
            n++;
    return n;
}

/* ---- what is expected --------------------------------------------------- */

static Want *want(Wants *w, int64_t t, SoundCueKind kind)
{
    assert_true(w->n < MAX_HEARD);
    Want *x = &w->w[w->n++];
    memset(x, 0, sizeof *x);
    x->t = t;
    x->kind = kind;
    return x;
}

static void ring(Wants *w, int64_t t, SoundCueKind kind)
{
    want(w, t, kind);
}

static void speak(Wants *w, int64_t t, const char *text)
{
    Want *x = want(w, t, SOUNDCUE_SPEAK);
    snprintf(x->text, sizeof x->text, "%s", text);
}

/* A breath prompt: it goes before anything queued. */
static void prompt(Wants *w, int64_t t, const char *text)
{
    speak(w, t, text);
    w->w[w->n - 1].urgency = SOUNDCUE_NOW;
}

/* A cue due as the caption moves on at T, which float progress may place
 * a millisecond either way. */
static void cue(Wants *w, int64_t t, const char *text)
{
    speak(w, t, text);
    w->w[w->n - 1].slack = 1;
}

static void speak_pose(Wants *w, int64_t t, const Routine *r, int step, Side side)
{
    char line[SOUNDCUE_LINE_CHARS];
    speech_pose_line(r, lib, step, side, line, sizeof line);
    speak(w, t, line);
}

static void closing(Wants *w, int64_t t)
{
    speak(w, t, SPEECH_CLOSING);
    w->w[w->n - 1].delay_ms = SOUNDCUE_CLOSING_DELAY_MS;
}

static const char *kind_name(SoundCueKind kind)
{
    static const char *const names[] = {
        [SOUNDCUE_SPEAK] = "speak", [SOUNDCUE_BELL] = "bell", [SOUNDCUE_END_BELL] = "end bell",
        [SOUNDCUE_TICK] = "tick",   [SOUNDCUE_PACE_TICK] = "pace tick", [SOUNDCUE_HUSH] = "hush",
    };
    return (unsigned)kind <= SOUNDCUE_HUSH ? names[kind] : "?";
}

typedef enum Filter { ALL, SPEECH, RINGS } Filter;

static bool passes(Filter f, SoundCueKind kind)
{
    return f == ALL || (f == SPEECH) == (kind == SOUNDCUE_SPEAK);
}

/* The events of H that FILTER lets through, from wall time T0 up to T1,
 * are exactly W in order, each at a state in [due, due + GAP) (give or
 * take its slack). */
static void expect_heard(const Run *h, Filter filter, int64_t t0, int64_t t1, const Wants *w, int64_t gap)
{
    int j = 0;
    for (int i = 0; i < h->n; i++) {
        const Heard *x = &h->heard[i];
        if (x->t < t0 || x->t >= t1 || !passes(filter, x->e.kind))
            continue;
        if (j >= w->n)
            fail_msg("unexpected %s \"%s\" at %lld ms", kind_name(x->e.kind), x->e.text, (long long)x->t);
        const Want *y = &w->w[j++];
        bool same = x->e.kind == y->kind && strcmp(x->e.text, y->text) == 0 && x->t >= y->t - y->slack &&
                    x->t < y->t + gap + y->slack;
        if (same && x->e.kind == SOUNDCUE_SPEAK)
            same = x->e.urgency == y->urgency && x->e.delay_ms == y->delay_ms;
        if (!same)
            fail_msg("event %d: heard %s \"%s\" at %lld ms (urgency %d, delay %lld); wanted %s \"%s\" at %lld ms "
                     "(urgency %d, delay %lld)",
                     j - 1, kind_name(x->e.kind), x->e.text, (long long)x->t, (int)x->e.urgency,
                     (long long)x->e.delay_ms, kind_name(y->kind), y->text, (long long)y->t, (int)y->urgency,
                     (long long)y->delay_ms);
    }
    if (j < w->n)
        fail_msg("missing %s \"%s\" at %lld ms (and %d more)", kind_name(w->w[j].kind), w->w[j].text,
                 (long long)w->w[j].t, w->n - j - 1);
}

/* The events of H before UNTIL, hushes aside, are those of PLAIN (an
 * uncontrolled run on the same grid) before practice time UNTIL, at the
 * same practice times: a pause moves them in wall time only. */
static void expect_as_plain(const Run *h, const Run *plain, int64_t until)
{
    int j = 0;
    for (int i = 0; i < h->n && h->heard[i].t < until; i++) {
        const Heard *x = &h->heard[i];
        if (x->e.kind == SOUNDCUE_HUSH)
            continue;
        if (j >= plain->n || plain->heard[j].practice >= until)
            fail_msg("unexpected %s \"%s\" at %lld ms", kind_name(x->e.kind), x->e.text, (long long)x->t);
        const Heard *y = &plain->heard[j++];
        if (x->practice != y->practice || x->e.kind != y->e.kind || strcmp(x->e.text, y->e.text) != 0)
            fail_msg("heard %s \"%s\" at practice %lld ms; uncontrolled: %s \"%s\" at %lld ms",
                     kind_name(x->e.kind), x->e.text, (long long)x->practice, kind_name(y->e.kind), y->e.text,
                     (long long)y->practice);
    }
    if (j < plain->n && plain->heard[j].practice < until)
        fail_msg("missing %s \"%s\" at practice %lld ms", kind_name(plain->heard[j].e.kind), plain->heard[j].e.text,
                 (long long)plain->heard[j].practice);
}

/* ---- the whole session from the plan ------------------------------------ */

static Side first_side(const RoutineStep *s)
{
    return s->sides == SIDES_RIGHT ? SIDE_RIGHT : s->sides == SIDES_NONE ? SIDE_NONE : SIDE_LEFT;
}

/* What an uncontrolled session of R should say and ring, worked out from
 * its plan: the breath from the patterns (a step with a pattern of its
 * own restarts it, on an inhale, as the step begins), the cues spread
 * evenly over each hold. */
static void expect_plain(const Routine *r, const Plan *p, Wants *speech, Wants *rings)
{
    int64_t origin = 0; /* practice ms the current run of breaths began */
    BreathPattern pattern = r->steps[0].breath;
    int last_step = -1;
    for (int i = 0; i < p->n; i++) {
        const TimelinePlanRow *row = &p->rows[i];
        int64_t a = row->start_ms, b = a + row->length_ms;
        if ((row->segment == TL_SEG_TRANSITION || row->segment == TL_SEG_HOLD) && row->step != last_step) {
            last_step = row->step;
            if (!breath_equal(r->steps[row->step].breath, pattern)) {
                origin = a;
                pattern = r->steps[row->step].breath;
            }
        }
        switch (row->segment) {
        case TL_SEG_INTRO:
            speak(speech, a, r->title);
            if (r->safety[0])
                speak(speech, a, r->safety);
            break;
        case TL_SEG_TRANSITION:
            if (row->rep == 0)
                speak_pose(speech, a, r, row->step, row->side);
            break;
        case TL_SEG_SWITCH:
            speak(speech, a, SPEECH_SWITCH);
            speak_pose(speech, a, r, row->step, row->side);
            break;
        case TL_SEG_HOLD: {
            const RoutineStep *s = &r->steps[row->step];
            const TimelinePlanRow *before = &p->rows[i - 1];
            /* A step whose pose is already held begins with its hold. */
            if (before->segment != TL_SEG_TRANSITION && before->segment != TL_SEG_SWITCH)
                speak_pose(speech, a, r, row->step, row->side);
            ring(rings, a, SOUNDCUE_BELL);
            /* The cues wait for the prompts in a step's first hold, if
             * it has room for both. */
            int64_t cues_from = a;
            if (row->rep == 0 && row->side == first_side(s)) {
                int64_t cycle = breath_cycle_ms(pattern);
                int64_t in = pattern.ms[BREATH_INHALE];
                int64_t breath = origin + (a - origin) / cycle * cycle; /* the inhale at or before A */
                if (a - breath >= in / 20)                              /* 5% into it: too late to say */
                    breath += cycle;
                int64_t out = breath + in + pattern.ms[BREATH_HOLD_IN];
                if (out < b) {
                    prompt(speech, breath > a ? breath : a, SPEECH_INHALE);
                    prompt(speech, out, SPEECH_EXHALE);
                    cues_from = out;
                }
            }
            for (int k = 0; row->rep == 0 && k < s->cue_count; k++) {
                int64_t moves_on = a + (k * row->length_ms + s->cue_count - 1) / s->cue_count;
                if (k == 0)
                    speak(speech, cues_from, s->cues[k]);
                else
                    cue(speech, moves_on > cues_from ? moves_on : cues_from, s->cues[k]);
            }
            for (int k = SOUNDCUE_COUNTDOWN_MS / 1000; k >= 1; k--)
                if (b - k * 1000 - a >= 1000)
                    ring(rings, b - k * 1000, SOUNDCUE_TICK);
            break;
        }
        case TL_SEG_OUTRO:
            ring(rings, a, SOUNDCUE_END_BELL);
            closing(speech, a);
            break;
        case TL_SEG_DONE:
            break;
        }
    }
}

/* An uncontrolled session of R on grid G says and rings what its plan
 * says it should, and nothing else (no hush). Returns the plan's total. */
static int64_t check_plain(const Routine *r, Grid g)
{
    Plan *p = plan(r);
    Wants *speech = calloc(1, sizeof *speech), *rings = calloc(1, sizeof *rings);
    assert_non_null(speech);
    assert_non_null(rings);
    expect_plain(r, p, speech, rings);
    Run *h = run(r, g, NULL, 0, p->total + 3000);
    expect_heard(h, SPEECH, 0, INT64_MAX, speech, grid_gap(g));
    expect_heard(h, RINGS, 0, INT64_MAX, rings, grid_gap(g));
    int64_t total = p->total;
    free(h);
    free(rings);
    free(speech);
    free(p);
    return total;
}

/* ---- a small routine by hand --------------------------------------------- */

/* Step 0 seated 20 s; step 1 kneeling lunge both sides 30 s; step 2
 * supine 12 s twice; step 3 supine again (no move into it) for 2 breaths
 * of 4-7-8. Breath 4 in, 6 out from 0. Its plan (see test_timeline.c for
 * the lengths): intro 0-5, transition 5-9, hold 9-29, transition 29-34,
 * hold L 34-64, switch 64-69, hold R 69-99, transition 99-104, hold
 * 104-116, rep 116-119, hold 119-131, hold 131-169, outro 169-177. */
static const char *small =
    "{\"title\": \"Small\", \"safety\": \"Stop at any sharp pain.\", \"steps\": ["
    "{\"pose\": \"seated\", \"seconds\": 20, \"cues\": [\"Sit tall.\", \"Feet flat.\", \"Ready to kneel.\"]},"
    "{\"pose\": \"kneeling-lunge\", \"sides\": \"both\", \"seconds\": 30,"
    " \"cues\": [\"Hips forward.\", \"Tuck the tail.\"]},"
    "{\"pose\": \"supine\", \"seconds\": 12, \"reps\": 2, \"cues\": [\"Knees up.\", \"Arms down.\"]},"
    "{\"pose\": \"supine\", \"name\": \"Supine, arms wide\", \"breaths\": 2,"
    " \"breath\": {\"inhale\": 4, \"hold_in\": 7, \"exhale\": 8}, \"cues\": [\"Open the chest.\"]}"
    "]}";

/* Everything the small routine says and rings, uncontrolled, in order. */
static void small_session(const Routine *r, Wants *w)
{
    speak(w, S(0), "Small");
    speak(w, S(0), "Stop at any sharp pain.");
    speak_pose(w, S(5), r, 0, SIDE_NONE);
    ring(w, S(9), SOUNDCUE_BELL);
    prompt(w, S(10), SPEECH_INHALE); /* breaths every 10 s: the first inhale in the hold */
    prompt(w, S(14), SPEECH_EXHALE);
    speak(w, S(14), "Sit tall.");
    cue(w, 15667, "Feet flat."); /* a third of the way through */
    cue(w, 22334, "Ready to kneel.");
    ring(w, S(26), SOUNDCUE_TICK);
    ring(w, S(27), SOUNDCUE_TICK);
    ring(w, S(28), SOUNDCUE_TICK);
    speak_pose(w, S(29), r, 1, SIDE_LEFT);
    ring(w, S(34), SOUNDCUE_BELL);
    prompt(w, S(40), SPEECH_INHALE);
    prompt(w, S(44), SPEECH_EXHALE);
    speak(w, S(44), "Hips forward.");
    cue(w, S(49), "Tuck the tail.");
    ring(w, S(61), SOUNDCUE_TICK);
    ring(w, S(62), SOUNDCUE_TICK);
    ring(w, S(63), SOUNDCUE_TICK);
    speak(w, S(64), SPEECH_SWITCH);
    speak_pose(w, S(64), r, 1, SIDE_RIGHT);
    ring(w, S(69), SOUNDCUE_BELL);
    speak(w, S(69), "Hips forward."); /* not the step's first hold: no prompts */
    cue(w, S(84), "Tuck the tail.");
    ring(w, S(96), SOUNDCUE_TICK);
    ring(w, S(97), SOUNDCUE_TICK);
    ring(w, S(98), SOUNDCUE_TICK);
    speak_pose(w, S(99), r, 2, SIDE_NONE);
    ring(w, S(104), SOUNDCUE_BELL); /* as an exhale begins */
    prompt(w, S(110), SPEECH_INHALE); /* the caption moves on here too: its cue waits */
    ring(w, S(113), SOUNDCUE_TICK);
    prompt(w, S(114), SPEECH_EXHALE);
    speak(w, S(114), "Knees up.");
    cue(w, S(114), "Arms down.");
    ring(w, S(114), SOUNDCUE_TICK);
    ring(w, S(115), SOUNDCUE_TICK);
    ring(w, S(119), SOUNDCUE_BELL); /* rep 2: no line, no cues */
    ring(w, S(128), SOUNDCUE_TICK);
    ring(w, S(129), SOUNDCUE_TICK);
    ring(w, S(130), SOUNDCUE_TICK);
    speak_pose(w, S(131), r, 3, SIDE_NONE); /* no move into it: said with the bell */
    ring(w, S(131), SOUNDCUE_BELL);
    prompt(w, S(131), SPEECH_INHALE); /* its own pattern starts on an inhale */
    prompt(w, S(142), SPEECH_EXHALE); /* after 4 in and 7 held */
    speak(w, S(142), "Open the chest.");
    ring(w, S(166), SOUNDCUE_TICK);
    ring(w, S(167), SOUNDCUE_TICK);
    ring(w, S(168), SOUNDCUE_TICK);
    ring(w, S(169), SOUNDCUE_END_BELL);
    closing(w, S(169));
}

static Routine *load_small(void)
{
    Routine *r = support_routine(lib, small);
    assert_non_null(r);
    return r;
}

static void test_small_routine_by_hand(void **state)
{
    (void)state;
    Routine *r = load_small();
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    small_session(r, w);
    const Grid grids[] = {EVERY_MS, EVERY_2MS, AUDIO_BLOCKS};
    for (size_t g = 0; g < sizeof grids / sizeof grids[0]; g++) {
        Run *h = run(r, grids[g], NULL, 0, S(180));
        expect_heard(h, ALL, 0, INT64_MAX, w, grid_gap(grids[g]));
        free(h);
    }
    free(w);
    routine_free(r);
}

/* The plan-driven check agrees with the hand-made one. */
static void test_small_routine_from_plan(void **state)
{
    (void)state;
    Routine *r = load_small();
    assert_int_equal(check_plain(r, EVERY_MS), S(177));
    check_plain(r, EVERY_2MS);
    check_plain(r, AUDIO_BLOCKS);
    routine_free(r);
}

static void test_title_without_safety(void **state)
{
    (void)state;
    Routine *r = support_routine(lib, "{\"title\": \"Just this\", \"steps\": [{\"pose\": \"standing\", \"seconds\": 20}]}");
    assert_non_null(r);
    Run *h = run(r, EVERY_MS, NULL, 0, S(40));
    /* Standing already: the step begins with its hold as the intro ends. */
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    speak(w, 0, "Just this");
    speak_pose(w, S(5), r, 0, SIDE_NONE);
    ring(w, S(5), SOUNDCUE_BELL);
    prompt(w, S(10), SPEECH_INHALE); /* the intro began the breath at 0 */
    prompt(w, S(14), SPEECH_EXHALE);
    expect_heard(h, ALL, 0, S(15), w, 1);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, "Just this"), 1);
    free(w);
    free(h);
    routine_free(r);
}

/* Holds too short for the prompts: the first cue as the hold begins, and
 * the countdown only in the hold's last 3 s after its first second. */
static void test_short_holds(void **state)
{
    (void)state;
    Routine *r = support_routine(lib, "{\"title\": \"Short\", \"steps\": ["
                                      "{\"pose\": \"seated\", \"seconds\": 4, \"cues\": [\"One.\", \"Two.\"]},"
                                      "{\"pose\": \"standing\", \"seconds\": 3, \"cues\": [\"Three.\"]}]}");
    assert_non_null(r);
    /* Seated 9-13 s: the first inhale at 10 s, its exhale at 14 s, after
     * the hold. Standing (4 s up) 17-20 s, its first inhale at 20 s. */
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    speak(w, 0, "Short");
    speak_pose(w, S(5), r, 0, SIDE_NONE);
    ring(w, S(9), SOUNDCUE_BELL);
    speak(w, S(9), "One.");
    ring(w, S(10), SOUNDCUE_TICK);
    cue(w, S(11), "Two.");
    ring(w, S(11), SOUNDCUE_TICK);
    ring(w, S(12), SOUNDCUE_TICK);
    speak_pose(w, S(13), r, 1, SIDE_NONE);
    ring(w, S(17), SOUNDCUE_BELL);
    speak(w, S(17), "Three.");
    ring(w, S(18), SOUNDCUE_TICK); /* none at 3 s left: the hold had just begun */
    ring(w, S(19), SOUNDCUE_TICK);
    ring(w, S(20), SOUNDCUE_END_BELL);
    closing(w, S(20));
    const Grid grids[] = {EVERY_MS, EVERY_2MS, AUDIO_BLOCKS};
    for (size_t g = 0; g < sizeof grids / sizeof grids[0]; g++) {
        Run *h = run(r, grids[g], NULL, 0, S(40));
        expect_heard(h, ALL, 0, INT64_MAX, w, grid_gap(grids[g]));
        free(h);
        check_plain(r, grids[g]);
    }
    routine_free(r);

    /* 13 s lying down in a 4-7-8 breath: the first inhale (at 19 s) is in
     * the hold, its exhale (at 30 s) is not. */
    r = support_routine(lib, "{\"title\": \"Held\", \"breath\": {\"inhale\": 4, \"hold_in\": 7, \"exhale\": 8},"
                             " \"steps\": [{\"pose\": \"constructive-rest\", \"seconds\": 13, \"cues\": [\"Rest.\"]}]}");
    assert_non_null(r);
    w->n = 0;
    speak(w, 0, "Held");
    speak_pose(w, S(5), r, 0, SIDE_NONE);
    ring(w, S(12), SOUNDCUE_BELL);
    speak(w, S(12), "Rest.");
    ring(w, S(22), SOUNDCUE_TICK);
    ring(w, S(23), SOUNDCUE_TICK);
    ring(w, S(24), SOUNDCUE_TICK);
    ring(w, S(25), SOUNDCUE_END_BELL);
    closing(w, S(25));
    Run *h = run(r, AUDIO_BLOCKS, NULL, 0, S(40));
    expect_heard(h, ALL, 0, INT64_MAX, w, grid_gap(AUDIO_BLOCKS));
    check_plain(r, EVERY_MS);
    free(h);
    free(w);
    routine_free(r);
}

/* ---- shipped routines ----------------------------------------------------- */

static void test_desk_release(void **state)
{
    (void)state;
    Routine *r = support_shipped(lib, "desk-release");
    assert_non_null(r);
    check_plain(r, EVERY_MS);
    check_plain(r, EVERY_2MS);
    check_plain(r, AUDIO_BLOCKS);

    /* The same counted plainly: 10 holds (seated, standing, 3 x 2 at the
     * counter, prone, walking), 5 side switches. */
    Plan *p = plan(r);
    Run *h = run(r, AUDIO_BLOCKS, NULL, 0, p->total + 3000);
    assert_int_equal(count(h, SOUNDCUE_BELL, NULL), 10);
    assert_int_equal(count(h, SOUNDCUE_TICK, NULL), 30);
    assert_int_equal(count(h, SOUNDCUE_END_BELL, NULL), 1);
    assert_int_equal(count(h, SOUNDCUE_HUSH, NULL), 0);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, SPEECH_SWITCH), 5);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, SPEECH_INHALE), 5);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, SPEECH_EXHALE), 5);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, SPEECH_CLOSING), 1);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, r->title), 1);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, r->safety), 1);
    char line[SOUNDCUE_LINE_CHARS];
    speech_pose_line(r, lib, 0, SIDE_NONE, line, sizeof line);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, line), 1);
    speech_pose_line(r, lib, 2, SIDE_LEFT, line, sizeof line);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, line), 3); /* on entering, and at 2 switches back */
    speech_pose_line(r, lib, 2, SIDE_RIGHT, line, sizeof line);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, line), 3);
    /* Every cue once: they are spoken in the first rep only. */
    for (int s = 0; s < r->step_count; s++)
        for (int k = 0; k < r->steps[s].cue_count; k++)
            assert_int_equal(count(h, SOUNDCUE_SPEAK, r->steps[s].cues[k]), r->steps[s].sides == SIDES_BOTH ? 2 : 1);
    free(h);
    free(p);
    routine_free(r);
}

static void test_every_shipped_routine(void **state)
{
    (void)state;
    static const char *const ids[] = {"breathe", "desk-release", "one-move", "psoas-flow", "yin-psoas"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        Routine *r = support_shipped(lib, ids[i]);
        assert_non_null(r);
        check_plain(r, EVERY_MS);
        check_plain(r, AUDIO_BLOCKS);
        routine_free(r);
    }
}

/* ---- controls --------------------------------------------------------------- */

static void test_pause_hushes_and_resumes_in_step(void **state)
{
    (void)state;
    Routine *r = load_small();
    Run *plain = run(r, EVERY_MS, NULL, 0, S(180));
    /* Paused between "Breathe in" and "Breathe out", and in a transition. */
    const Control pauses[] = {
        {12500, TL_PAUSE, 0},  {20500, TL_RESUME, 0},        /* practice 12.5 s, 8 s */
        {S(40), TL_PAUSE, 0},  {S(45), TL_TOGGLE_PAUSE, 0},  /* practice 31.5 s, 5 s */
    };
    Run *h = run(r, EVERY_MS, pauses, 4, S(195));
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    ring(w, 12500, SOUNDCUE_HUSH);
    expect_heard(h, ALL, 12500, 20501, w, 1); /* and nothing more while paused */
    w->n = 0;
    ring(w, S(40), SOUNDCUE_HUSH);
    expect_heard(h, ALL, S(40), S(45) + 1, w, 1);
    assert_int_equal(count(h, SOUNDCUE_HUSH, NULL), 2);
    /* Apart from the hushes, the same events at the same practice times:
     * "Breathe out" still follows "Breathe in" after the pause. */
    expect_as_plain(h, plain, INT64_MAX);
    free(w);
    free(h);
    free(plain);
    routine_free(r);
}

static void test_next_mid_hold(void **state)
{
    (void)state;
    Routine *r = load_small();
    /* At 20 s, 11 s into the seated hold: into the lunge (5 s), whose
     * hold begins at 25 s in an exhale; the breath runs on (inhale at 30). */
    const Control next = {S(20), TL_NEXT, 0};
    Run *h = run(r, EVERY_MS, &next, 1, S(180));
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    ring(w, S(9), SOUNDCUE_BELL);
    prompt(w, S(10), SPEECH_INHALE);
    prompt(w, S(14), SPEECH_EXHALE);
    speak(w, S(14), "Sit tall.");
    cue(w, 15667, "Feet flat.");
    ring(w, S(20), SOUNDCUE_HUSH); /* before the next step's line */
    speak_pose(w, S(20), r, 1, SIDE_LEFT);
    ring(w, S(25), SOUNDCUE_BELL);
    prompt(w, S(30), SPEECH_INHALE);
    prompt(w, S(34), SPEECH_EXHALE);
    speak(w, S(34), "Hips forward.");
    cue(w, S(40), "Tuck the tail.");
    ring(w, S(52), SOUNDCUE_TICK);
    ring(w, S(53), SOUNDCUE_TICK);
    ring(w, S(54), SOUNDCUE_TICK);
    speak(w, S(55), SPEECH_SWITCH);
    speak_pose(w, S(55), r, 1, SIDE_RIGHT);
    expect_heard(h, ALL, S(6), S(56), w, 1);
    /* The seated hold's countdown never came; nothing else was hushed. */
    assert_int_equal(count(h, SOUNDCUE_HUSH, NULL), 1);
    assert_int_equal(count(h, SOUNDCUE_TICK, NULL), 5 * 3);
    assert_int_equal(count(h, SOUNDCUE_BELL, NULL), 6);
    assert_int_equal(count(h, SOUNDCUE_SPEAK, "Ready to kneel."), 0);
    free(w);
    free(h);
    routine_free(r);
}

static void test_next_in_transition_last_step_and_outro(void **state)
{
    (void)state;
    Routine *r = load_small();
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);

    /* In the move into the lunge (29-34 s): on to the supine step. */
    const Control a = {S(31), TL_NEXT, 0};
    Run *h = run(r, EVERY_MS, &a, 1, S(40));
    speak_pose(w, S(29), r, 1, SIDE_LEFT);
    ring(w, S(31), SOUNDCUE_HUSH);
    speak_pose(w, S(31), r, 2, SIDE_NONE);
    expect_heard(h, ALL, S(29), S(36), w, 1);
    free(h);

    /* In the last hold (131-169 s): the outro; in the outro: done. */
    const Control b[] = {{S(150), TL_NEXT, 0}, {S(155), TL_NEXT, 0}};
    h = run(r, EVERY_MS, b, 2, S(170));
    w->n = 0;
    ring(w, S(150), SOUNDCUE_HUSH);
    ring(w, S(150), SOUNDCUE_END_BELL);
    closing(w, S(150));
    ring(w, S(155), SOUNDCUE_HUSH);
    expect_heard(h, ALL, S(143), INT64_MAX, w, 1);
    free(h);
    free(w);
    routine_free(r);
}

static void test_switch_side_mid_hold(void **state)
{
    (void)state;
    Routine *r = load_small();
    /* 6 s into the left lunge: switch (5 s), then the right side's hold,
     * not the step's first: its first cue as it begins, no prompts. */
    const Control sw = {S(40), TL_SWITCH_SIDE, 0};
    Run *h = run(r, EVERY_MS, &sw, 1, S(180));
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    ring(w, S(40), SOUNDCUE_HUSH);
    speak(w, S(40), SPEECH_SWITCH);
    speak_pose(w, S(40), r, 1, SIDE_RIGHT);
    ring(w, S(45), SOUNDCUE_BELL);
    speak(w, S(45), "Hips forward.");
    cue(w, S(60), "Tuck the tail.");
    ring(w, S(72), SOUNDCUE_TICK);
    ring(w, S(73), SOUNDCUE_TICK);
    ring(w, S(74), SOUNDCUE_TICK);
    speak_pose(w, S(75), r, 2, SIDE_NONE);
    expect_heard(h, ALL, S(40), S(76), w, 1);
    assert_int_equal(count(h, SOUNDCUE_HUSH, NULL), 1);
    free(w);
    free(h);
    routine_free(r);
}

static void test_previous_restarts_the_hold(void **state)
{
    (void)state;
    Routine *r = load_small();
    /* At 28.5 s, after the seated hold's countdown: the step starts again,
     * straight into its hold (the pose is already held), 20 s more. */
    const Control prev = {28500, TL_PREVIOUS, 0};
    Run *h = run(r, EVERY_MS, &prev, 1, S(180));
    Run *plain = run(r, EVERY_MS, NULL, 0, S(180));
    expect_as_plain(h, plain, 28500);
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    ring(w, 28500, SOUNDCUE_HUSH);
    speak_pose(w, 28500, r, 0, SIDE_NONE);
    ring(w, 28500, SOUNDCUE_BELL);
    prompt(w, S(30), SPEECH_INHALE);
    prompt(w, S(34), SPEECH_EXHALE);
    speak(w, S(34), "Sit tall.");
    cue(w, 35167, "Feet flat.");
    cue(w, 41834, "Ready to kneel.");
    ring(w, 45500, SOUNDCUE_TICK); /* the countdown again */
    ring(w, 46500, SOUNDCUE_TICK);
    ring(w, 47500, SOUNDCUE_TICK);
    speak_pose(w, 48500, r, 1, SIDE_LEFT);
    expect_heard(h, ALL, 28500, 48501, w, 1);
    free(w);
    free(plain);
    free(h);
    routine_free(r);
}

/* A hold counted in breaths ends when they are done, at whatever pace: the
 * countdown follows it, and its end is not taken for a skip. */
static void test_pace_change_in_breath_hold(void **state)
{
    (void)state;
    Routine *r = load_small();
    /* The last hold: 2 breaths of 19 s from 131 s. At 150 s the second
     * breath begins at 150%: 28.5 s, so the hold ends at 178.5 s. */
    const Control slower = {S(135), TL_SET_PACE, 150};
    Run *h = run(r, EVERY_MS, &slower, 1, S(190));
    Wants *w = calloc(1, sizeof *w);
    assert_non_null(w);
    ring(w, S(131), SOUNDCUE_BELL);
    ring(w, 175500, SOUNDCUE_TICK);
    ring(w, 176500, SOUNDCUE_TICK);
    ring(w, 177500, SOUNDCUE_TICK);
    ring(w, 178500, SOUNDCUE_END_BELL);
    expect_heard(h, RINGS, S(131), INT64_MAX, w, 1);
    assert_int_equal(count(h, SOUNDCUE_HUSH, NULL), 0);
    free(w);
    free(h);
    routine_free(r);
}

/* ---- the caption's cue -------------------------------------------------------- */

static void test_cue_index(void **state)
{
    (void)state;
    Routine *r = load_small(); /* step 0 has 3 cues */
    TimelineState st = {.segment = TL_SEG_HOLD, .step = 0};
    float progress = -1.0f;
    static const struct {
        float at;
        int cue;
        float progress;
    } cases[] = {
        {0.0f, 0, 0.0f}, {0.3f, 0, 0.9f}, {0.34f, 1, 0.02f}, {0.5f, 1, 0.5f},
        {0.67f, 2, 0.01f}, {0.999f, 2, 0.997f}, {1.0f, 2, 1.0f},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        st.seg_progress = cases[i].at;
        assert_int_equal(soundcue_cue_index(r, &st, &progress), cases[i].cue);
        assert_float_equal(progress, cases[i].progress, 1e-4);
        assert_int_equal(soundcue_cue_index(r, &st, NULL), cases[i].cue);
    }
    /* Outside holds, or past the last step: none. */
    static const TimelineSegment outside[] = {TL_SEG_INTRO, TL_SEG_TRANSITION, TL_SEG_SWITCH, TL_SEG_OUTRO,
                                              TL_SEG_DONE};
    st.seg_progress = 0.5f;
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        st.segment = outside[i];
        assert_int_equal(soundcue_cue_index(r, &st, NULL), -1);
    }
    st.segment = TL_SEG_HOLD;
    st.step = r->step_count;
    assert_int_equal(soundcue_cue_index(r, &st, NULL), -1);
    routine_free(r);

    /* A step without cues: none. */
    r = support_routine(lib, "{\"title\": \"T\", \"steps\": [{\"pose\": \"seated\", \"seconds\": 10}]}");
    assert_non_null(r);
    st.step = 0;
    assert_int_equal(soundcue_cue_index(r, &st, NULL), -1);
    routine_free(r);
}

/* Over a whole session: each hold's cues share it evenly, in order. */
static void test_cue_index_spreads_evenly(void **state)
{
    (void)state;
    Routine *r = support_shipped(lib, "desk-release");
    assert_non_null(r);
    Plan *p = plan(r);
    Timeline *tl = timeline_create(r, lib);
    assert_non_null(tl);
    for (int i = 0; i < p->n; i++) {
        const TimelinePlanRow *row = &p->rows[i];
        int n = r->steps[row->step < r->step_count ? row->step : 0].cue_count;
        int64_t shown[ROUTINE_MAX_CUES] = {0};
        int last = 0;
        for (int64_t t = row->start_ms; t < row->start_ms + row->length_ms; t++) {
            TimelineState st;
            timeline_state(tl, t, &st);
            int k = soundcue_cue_index(r, &st, NULL);
            if (row->segment != TL_SEG_HOLD) {
                assert_int_equal(k, -1);
                continue;
            }
            assert_in_range(k, last, n - 1);
            last = k;
            shown[k]++;
        }
        for (int k = 0; row->segment == TL_SEG_HOLD && k < n; k++)
            assert_in_range(shown[k], row->length_ms / n - 1, row->length_ms / n + 1);
    }
    timeline_destroy(tl);
    free(p);
    routine_free(r);
}

/* ---- the breath's seconds ------------------------------------------------ */

/* A breath practice of PATTERN for MINUTES with ticks TICKS. */
static Routine *breath_practice(const char *pattern, int minutes, bool ticks)
{
    BreatheChoice c = breathe_default_choice(BREATHE_CALM);
    assert_true(breathe_parse_pattern(pattern, &c));
    c.minutes = minutes;
    c.ticks = ticks;
    char err[160];
    Routine *r = breathe_routine(&c, lib, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(r->pace_ticks, ticks);
    return r;
}

/* Each pace tick comes as a whole second of its phase begins (within one
 * audio block), every second of every phase but the countdown's last
 * three, level but for the exhale, which falls evenly from 1 to
 * SOUNDCUE_PACE_LOW, and the hold after it, which stays low. */
static void expect_pace_ticks(const Routine *r)
{
    Timeline *tl = timeline_create(r, lib);
    assert_non_null(tl);
    int64_t until = timeline_plan(r, lib, NULL, NULL);
    Run *h = run(r, AUDIO_BLOCKS, NULL, 0, until);
    int ticks = 0, exhale_run = 0;
    float last_pitch = 2.0f;
    for (int i = 0; i < h->n; i++) {
        if (h->heard[i].e.kind != SOUNDCUE_PACE_TICK)
            continue;
        ticks++;
        TimelineState st;
        timeline_state(tl, h->heard[i].t, &st);
        assert_int_equal(st.segment, TL_SEG_HOLD);
        assert_true(st.seg_left_ms > SOUNDCUE_COUNTDOWN_MS);
        int32_t len = st.breath.ms[st.breath_phase];
        float into = st.breath_progress * (float)len;
        float past = into - 1000.0f * floorf(into / 1000.0f + 0.002f);
        if (past > (ticks == 1 ? 100.0f : 3.0f)) /* the hold may begin a little into a second */
            fail_msg("a pace tick %.1f ms after a whole second of its phase, at %lld ms", (double)past,
                     (long long)h->heard[i].t);
        float pitch = h->heard[i].e.pitch;
        if (st.breath_phase == BREATH_EXHALE) {
            int second = (int)(into / 1000.0f + 0.002f), last = (int)((len - 1) / 1000);
            float want = last > 0 ? 1.0f - (1.0f - SOUNDCUE_PACE_LOW) * (float)second / (float)last : 1.0f;
            assert_float_equal(pitch, want, 1e-4);
            if (second > 0)
                assert_true(pitch < last_pitch);
            exhale_run++;
        } else if (st.breath_phase == BREATH_HOLD_OUT) {
            assert_float_equal(pitch, SOUNDCUE_PACE_LOW, 1e-4);
        } else {
            assert_float_equal(pitch, 1.0f, 1e-4);
        }
        last_pitch = pitch;
    }
    assert_true(exhale_run > 0);
    /* one a second through the hold, but for its last three */
    const TimelinePlanRow *hold = NULL;
    Plan *p = plan(r);
    for (int i = 0; i < p->n; i++)
        if (p->rows[i].segment == TL_SEG_HOLD)
            hold = &p->rows[i];
    assert_non_null(hold);
    int64_t seconds = (hold->length_ms - SOUNDCUE_COUNTDOWN_MS) / 1000;
    assert_in_range(ticks, seconds - 2 * 4, seconds + 4 * 4 + 1);
    free(p);
    free(h);
    timeline_destroy(tl);
}

static void test_pace_ticks(void **state)
{
    (void)state;
    /* box: 16 a breath, the exhale 1, 0.89, 0.78, 0.67 */
    Routine *r = breath_practice("box", 2, true);
    expect_pace_ticks(r);
    Run *h = run(r, AUDIO_BLOCKS, NULL, 0, S(40));
    int first = -1, n = 0, skip = 1; /* from the second tick: the first may join a second late */
    for (int i = 0; i < h->n; i++) {
        if (h->heard[i].e.kind != SOUNDCUE_PACE_TICK || skip-- > 0)
            continue;
        if (first >= 0 && n < 20) { /* a second apart, to the audio block */
            int64_t off = h->heard[i].t - h->heard[first].t - (int64_t)n * 1000;
            if (off < -2 || off > 2)
                fail_msg("pace tick %d at %lld ms, %lld ms off a second after the first", n,
                         (long long)h->heard[i].t, (long long)off);
        }
        if (first < 0)
            first = i;
        n++;
    }
    assert_in_range(n, 19, 40);
    free(h);
    routine_free(r);
    /* an exhale of seven, eased in: phases of fractions of seconds */
    r = breath_practice("4-0-7-0", 6, true);
    assert_true(r->ease_ms > 0);
    expect_pace_ticks(r);
    routine_free(r);
    /* cyclic sighing's top-up ticks level, like its inhale */
    r = breath_practice("cyclic-sighing", 3, true);
    expect_pace_ticks(r);
    routine_free(r);
    /* off: none at all */
    r = breath_practice("box", 2, false);
    h = run(r, AUDIO_BLOCKS, NULL, 0, timeline_plan(r, lib, NULL, NULL));
    assert_int_equal(count(h, SOUNDCUE_PACE_TICK, NULL), 0);
    free(h);
    routine_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_routine_by_hand),
        cmocka_unit_test(test_small_routine_from_plan),
        cmocka_unit_test(test_title_without_safety),
        cmocka_unit_test(test_short_holds),
        cmocka_unit_test(test_desk_release),
        cmocka_unit_test(test_every_shipped_routine),
        cmocka_unit_test(test_pause_hushes_and_resumes_in_step),
        cmocka_unit_test(test_next_mid_hold),
        cmocka_unit_test(test_next_in_transition_last_step_and_outro),
        cmocka_unit_test(test_switch_side_mid_hold),
        cmocka_unit_test(test_previous_restarts_the_hold),
        cmocka_unit_test(test_pace_change_in_breath_hold),
        cmocka_unit_test(test_cue_index),
        cmocka_unit_test(test_cue_index_spreads_evenly),
        cmocka_unit_test(test_pace_ticks),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
