/* test_timeline.c — the timeline engine: the plan of a routine, every
 * control and its edges, the breath across transitions and pace changes,
 * determinism over three hours, and a shipped routine end to end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "support.h"
#include "session.h"
#include "timeline.h"

#define S(x) ((int64_t)((x) * 1000))

/* Step 0 seated 20 s; step 1 kneeling lunge both sides 30 s x2; step 2
 * supine 3 breaths; step 3 constructive rest 2 breaths of 4-7-8. Default
 * breath 4 in, 6 out. Expected plan worked out by hand in test_plan. */
static const char *routine_a =
    "{\"title\": \"A\", \"steps\": ["
    "{\"pose\": \"seated\", \"seconds\": 20},"
    "{\"pose\": \"kneeling-lunge\", \"sides\": \"both\", \"seconds\": 30, \"reps\": 2},"
    "{\"pose\": \"supine\", \"breaths\": 3},"
    "{\"pose\": \"constructive-rest\", \"breaths\": 2, \"breath\": {\"inhale\": 4, \"hold_in\": 7, \"exhale\": 8}}"
    "]}";


typedef struct Fixture {
    Routine *r;
    Timeline *tl;
} Fixture;

static Fixture make(const char *json)
{
    Fixture f;
    f.r = support_routine(lib, json);
    assert_non_null(f.r);
    f.tl = timeline_create(f.r, lib);
    assert_non_null(f.tl);
    return f;
}

static void drop(Fixture *f)
{
    timeline_destroy(f->tl);
    routine_free(f->r);
}

static TimelineState at(Timeline *tl, int64_t t)
{
    TimelineState st;
    timeline_state(tl, t, &st);
    return st;
}

typedef struct Row {
    TimelineSegment seg;
    int step;
    Side side;
    int64_t start, len;
} Row;

typedef struct Rows {
    Row rows[64];
    int n;
} Rows;

static void collect(const TimelinePlanRow *r, void *user)
{
    Rows *rows = user;
    assert_true(rows->n < 64);
    rows->rows[rows->n++] = (Row){r->segment, r->step, r->side, r->start_ms, r->length_ms};
}

static void test_plan(void **state)
{
    (void)state;
    Fixture f = make(routine_a);
    static const Row want[] = {
        {TL_SEG_INTRO, 0, SIDE_NONE, S(0), S(5)},
        {TL_SEG_TRANSITION, 0, SIDE_NONE, S(5), S(4)},   /* standing -> seated */
        {TL_SEG_HOLD, 0, SIDE_NONE, S(9), S(20)},
        {TL_SEG_TRANSITION, 1, SIDE_LEFT, S(29), S(5)},  /* seated -> kneeling */
        {TL_SEG_HOLD, 1, SIDE_LEFT, S(34), S(30)},
        {TL_SEG_SWITCH, 1, SIDE_RIGHT, S(64), S(5)},
        {TL_SEG_HOLD, 1, SIDE_RIGHT, S(69), S(30)},
        {TL_SEG_SWITCH, 1, SIDE_LEFT, S(99), S(5)},
        {TL_SEG_HOLD, 1, SIDE_LEFT, S(104), S(30)},
        {TL_SEG_SWITCH, 1, SIDE_RIGHT, S(134), S(5)},
        {TL_SEG_HOLD, 1, SIDE_RIGHT, S(139), S(30)},
        {TL_SEG_TRANSITION, 2, SIDE_NONE, S(169), S(5)}, /* kneeling -> lying */
        {TL_SEG_HOLD, 2, SIDE_NONE, S(174), S(30)},      /* 3 breaths of 10 s */
        {TL_SEG_TRANSITION, 3, SIDE_NONE, S(204), S(4)}, /* lying -> lying */
        {TL_SEG_HOLD, 3, SIDE_NONE, S(208), S(38)},      /* 2 breaths of 19 s */
        {TL_SEG_OUTRO, 4, SIDE_NONE, S(246), S(8)},
    };
    Rows got = {.n = 0};
    int64_t total = timeline_plan(f.r, lib, collect, &got);
    assert_int_equal(got.n, sizeof want / sizeof want[0]);
    int64_t sum = 0;
    for (int i = 0; i < got.n; i++) {
        assert_int_equal(got.rows[i].seg, want[i].seg);
        assert_int_equal(got.rows[i].step, want[i].step);
        assert_int_equal(got.rows[i].side, want[i].side);
        assert_int_equal(got.rows[i].start, want[i].start);
        assert_int_equal(got.rows[i].len, want[i].len);
        sum += got.rows[i].len;
    }
    assert_int_equal(total, S(254));
    assert_int_equal(sum, total);
    drop(&f);
}

static void test_states_without_controls(void **state)
{
    (void)state;
    Fixture f = make(routine_a);
    TimelineState st = at(f.tl, S(3));
    assert_int_equal(st.segment, TL_SEG_INTRO);
    assert_int_equal(st.seg_left_ms, S(2));
    assert_int_equal(st.pose, poselib_find(lib, "standing"));
    st = at(f.tl, S(7));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.from_pose, poselib_find(lib, "standing"));
    assert_int_equal(st.pose, poselib_find(lib, "seated"));
    assert_float_equal(st.seg_progress, 0.5f, 1e-6);
    st = at(f.tl, S(10));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.seg_elapsed_ms, S(1));
    assert_int_equal(st.seg_left_ms, S(19));
    st = at(f.tl, S(66));
    assert_int_equal(st.segment, TL_SEG_SWITCH);
    assert_int_equal(st.side, SIDE_RIGHT);
    assert_int_equal(st.from_side, SIDE_LEFT);
    assert_int_equal(st.from_pose, st.pose);
    st = at(f.tl, S(120));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.rep, 1);
    assert_int_equal(st.side, SIDE_LEFT);
    st = at(f.tl, S(250));
    assert_int_equal(st.segment, TL_SEG_OUTRO);
    assert_int_equal(st.step, 4);
    st = at(f.tl, S(254));
    assert_int_equal(st.segment, TL_SEG_DONE);
    st = at(f.tl, S(10000));
    assert_int_equal(st.segment, TL_SEG_DONE);
    assert_int_equal(st.practice_ms, S(10000));
    drop(&f);
}

static void test_breath_runs_across_transitions(void **state)
{
    (void)state;
    Fixture f = make(routine_a);
    /* 10 s breaths from 0: at 174 s (the supine hold starts) the exhale begins. */
    TimelineState st = at(f.tl, S(174));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.breath_phase, BREATH_EXHALE);
    assert_float_equal(st.breath_progress, 0.0f, 1e-6);
    assert_int_equal(st.breath_target, 3);
    assert_int_equal(st.breath_count, 1);
    assert_int_equal(at(f.tl, S(179)).breath_count, 1);
    assert_int_equal(at(f.tl, S(181)).breath_count, 1); /* first inhale of the hold */
    assert_int_equal(at(f.tl, S(191)).breath_count, 2);
    /* It ends where it began in the breath, three breaths on. */
    st = at(f.tl, S(203.9));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.breath_count, 3);
    assert_int_equal(st.breath_phase, BREATH_INHALE);
    /* The next step has its own pattern: it starts on an inhale. */
    st = at(f.tl, S(204));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.breath_phase, BREATH_INHALE);
    assert_float_equal(st.breath_progress, 0.0f, 1e-6);
    assert_int_equal(st.breath.ms[BREATH_HOLD_IN], 7000);
    /* 4 s later the hold begins in the 7 s hold of that breath. */
    st = at(f.tl, S(209));
    assert_int_equal(st.breath_phase, BREATH_HOLD_IN);
    assert_float_equal(st.breath_progress, 1.0f / 7.0f, 1e-5);
    drop(&f);
}

static void test_pause_and_resume(void **state)
{
    (void)state;
    Fixture f = make(routine_a), g = make(routine_a);
    timeline_apply(f.tl, TL_PAUSE, 0, S(10));
    TimelineState st = at(f.tl, S(30));
    assert_true(st.paused);
    assert_int_equal(st.practice_ms, S(10));
    assert_int_equal(st.seg_elapsed_ms, S(1));
    timeline_apply(f.tl, TL_RESUME, 0, S(40));
    /* No jump on resume: 45 s with 30 s paused is 15 s of practice. */
    TimelineState a = at(f.tl, S(45)), b = at(g.tl, S(15));
    assert_false(a.paused);
    assert_int_equal(a.practice_ms, b.practice_ms);
    assert_int_equal(a.segment, b.segment);
    assert_int_equal(a.seg_elapsed_ms, b.seg_elapsed_ms);
    assert_int_equal(a.breath_phase, b.breath_phase);
    assert_float_equal(a.breath_progress, b.breath_progress, 1e-6);
    /* Toggle works the same way. */
    timeline_apply(f.tl, TL_TOGGLE_PAUSE, 0, S(50));
    assert_true(at(f.tl, S(51)).paused);
    timeline_apply(f.tl, TL_TOGGLE_PAUSE, 0, S(60));
    assert_int_equal(at(f.tl, S(61)).practice_ms, S(21)); /* 40 s paused in all */
    drop(&f);
    drop(&g);
}

static void test_pause_during_transition(void **state)
{
    (void)state;
    Fixture f = make(routine_a);
    timeline_apply(f.tl, TL_PAUSE, 0, S(6));
    TimelineState st = at(f.tl, S(100));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.seg_elapsed_ms, S(1));
    assert_int_equal(st.seg_left_ms, S(3));
    timeline_apply(f.tl, TL_RESUME, 0, S(100));
    assert_int_equal(at(f.tl, S(102.5)).segment, TL_SEG_TRANSITION);
    assert_int_equal(at(f.tl, S(103)).segment, TL_SEG_HOLD);
    drop(&f);
}

static void test_next(void **state)
{
    (void)state;
    Fixture f = make(routine_a);
    /* In the intro: straight to moving into the first pose. */
    timeline_apply(f.tl, TL_NEXT, 0, S(1));
    TimelineState st = at(f.tl, S(2));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.step, 0);
    /* In a hold: the next step's transition. */
    timeline_apply(f.tl, TL_NEXT, 0, S(10));
    st = at(f.tl, S(12));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.step, 1);
    assert_int_equal(st.side, SIDE_LEFT);
    assert_int_equal(st.seg_elapsed_ms, S(2));
    assert_int_equal(st.step_elapsed_ms, S(2));
    assert_int_equal(st.from_pose, poselib_find(lib, "seated"));
    drop(&f);

    /* On the last step: the outro; in the outro: done; then nothing. */
    f = make(routine_a);
    timeline_apply(f.tl, TL_NEXT, 0, S(210));
    st = at(f.tl, S(211));
    assert_int_equal(st.segment, TL_SEG_OUTRO);
    assert_int_equal(at(f.tl, S(218)).segment, TL_SEG_DONE);
    drop(&f);

    f = make(routine_a);
    timeline_apply(f.tl, TL_NEXT, 0, S(250));
    assert_int_equal(at(f.tl, S(250)).segment, TL_SEG_DONE);
    timeline_apply(f.tl, TL_NEXT, 0, S(260));
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(261));
    timeline_apply(f.tl, TL_SWITCH_SIDE, 0, S(262));
    assert_int_equal(at(f.tl, S(263)).segment, TL_SEG_DONE);
    drop(&f);
}

static void test_previous(void **state)
{
    (void)state;
    Fixture f = make(routine_a);
    /* 15 s into step 0: restart it; already in the pose, so the hold restarts. */
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(20));
    TimelineState st = at(f.tl, S(21));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.step, 0);
    assert_int_equal(st.seg_elapsed_ms, S(1));
    assert_int_equal(st.seg_left_ms, S(19));
    drop(&f);

    /* Within the first 3 s of step 1 (its transition began at 29 s): step 0. */
    f = make(routine_a);
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(30));
    st = at(f.tl, S(31));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.step, 0);
    assert_int_equal(st.from_pose, poselib_find(lib, "kneeling-lunge"));
    assert_int_equal(st.seg_elapsed_ms + st.seg_left_ms, S(5)); /* kneeling -> seated */
    drop(&f);

    /* 11 s into step 1, on the left: restart the step; no movement needed. */
    f = make(routine_a);
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(40));
    st = at(f.tl, S(40));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.step, 1);
    assert_int_equal(st.side, SIDE_LEFT);
    assert_int_equal(st.seg_elapsed_ms, 0);
    drop(&f);

    /* On the right side of step 1: restarting goes back to the left. */
    f = make(routine_a);
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(80));
    st = at(f.tl, S(81));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.side, SIDE_LEFT);
    assert_int_equal(st.from_side, SIDE_RIGHT);
    assert_int_equal(st.rep, 0);
    drop(&f);

    /* At the first step, within its first 3 s: it restarts, movement and all. */
    f = make(routine_a);
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(6));
    st = at(f.tl, S(6));
    assert_int_equal(st.segment, TL_SEG_TRANSITION);
    assert_int_equal(st.step, 0);
    assert_int_equal(st.seg_elapsed_ms, 0);
    assert_int_equal(st.from_pose, poselib_find(lib, "standing"));
    drop(&f);

    /* In the intro: the intro starts again. In the outro: the last step. */
    f = make(routine_a);
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(4));
    st = at(f.tl, S(8));
    assert_int_equal(st.segment, TL_SEG_INTRO);
    assert_int_equal(st.seg_left_ms, S(1));
    timeline_apply(f.tl, TL_NEXT, 0, S(8));
    timeline_apply(f.tl, TL_NEXT, 0, S(8));
    timeline_apply(f.tl, TL_NEXT, 0, S(8));
    timeline_apply(f.tl, TL_NEXT, 0, S(8));
    timeline_apply(f.tl, TL_NEXT, 0, S(8));
    assert_int_equal(at(f.tl, S(8)).segment, TL_SEG_OUTRO);
    timeline_apply(f.tl, TL_PREVIOUS, 0, S(9));
    st = at(f.tl, S(9));
    assert_int_equal(st.step, 3);
    assert_int_equal(st.segment, TL_SEG_HOLD); /* already lying in constructive rest */
    drop(&f);
}

static void test_switch_side(void **state)
{
    (void)state;
    /* On a symmetrical pose, and in the intro: nothing changes. */
    Fixture f = make(routine_a), g = make(routine_a);
    timeline_apply(f.tl, TL_SWITCH_SIDE, 0, S(2));
    timeline_apply(f.tl, TL_SWITCH_SIDE, 0, S(15));
    for (int64_t t = 0; t < S(60); t += 500) {
        TimelineState a = at(f.tl, t), b = at(g.tl, t);
        assert_memory_equal(&a, &b, sizeof a);
    }
    drop(&f);
    drop(&g);

    /* Left hold of a both-sided step: to the right of the same rep. */
    f = make(routine_a);
    timeline_apply(f.tl, TL_SWITCH_SIDE, 0, S(50));
    TimelineState st = at(f.tl, S(51));
    assert_int_equal(st.segment, TL_SEG_SWITCH);
    assert_int_equal(st.side, SIDE_RIGHT);
    assert_int_equal(st.rep, 0);
    st = at(f.tl, S(55));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.side, SIDE_RIGHT);
    assert_int_equal(st.seg_left_ms, S(30));
    /* From there the routine carries on: right rep 0, then left rep 1. */
    st = at(f.tl, S(86));
    assert_int_equal(st.segment, TL_SEG_SWITCH);
    assert_int_equal(st.side, SIDE_LEFT);
    assert_int_equal(st.rep, 1);
    drop(&f);

    /* A step done on one side only: switching flips to the other side. */
    f = make("{\"title\": \"B\", \"steps\": [{\"pose\": \"knee-to-chest\", \"sides\": \"left\", \"seconds\": 20},"
             " {\"pose\": \"supine\", \"seconds\": 10}]}");
    /* intro 5, standing -> lying 7: the hold is 12..32 s. */
    timeline_apply(f.tl, TL_SWITCH_SIDE, 0, S(20));
    st = at(f.tl, S(21));
    assert_int_equal(st.segment, TL_SEG_SWITCH);
    assert_int_equal(st.side, SIDE_RIGHT);
    st = at(f.tl, S(24));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.side, SIDE_RIGHT);
    assert_int_equal(st.seg_left_ms, S(20));
    drop(&f);
}

static void test_pace_change_mid_exhale(void **state)
{
    (void)state;
    Fixture f = make(routine_a), g = make(routine_a);
    /* 17 s is in the exhale of the breath 10..20 s. */
    timeline_apply(f.tl, TL_SET_PACE, 200, S(17));
    for (int64_t t = S(17); t < S(20); t += 100) {
        TimelineState a = at(f.tl, t), b = at(g.tl, t);
        assert_int_equal(a.breath_phase, b.breath_phase);
        assert_float_equal(a.breath_progress, b.breath_progress, 1e-6);
    }
    /* From the next breath on, every phase is twice as long. */
    TimelineState st = at(f.tl, S(24));
    assert_int_equal(st.pace_pct, 200);
    assert_int_equal(st.breath_phase, BREATH_INHALE);
    assert_float_equal(st.breath_progress, 0.5f, 1e-6);
    assert_int_equal(at(f.tl, S(28)).breath_phase, BREATH_EXHALE);
    assert_int_equal(at(f.tl, S(40)).breath_phase, BREATH_INHALE);
    assert_float_equal(at(f.tl, S(40)).breath_progress, 0.0f, 1e-6);
    /* Out-of-range paces are clamped to 50..200. */
    timeline_apply(f.tl, TL_SET_PACE, 10, S(41));
    assert_int_equal(at(f.tl, S(60)).pace_pct, 50);
    /* Timed holds do not stretch with the pace. */
    assert_int_equal(at(f.tl, S(29)).segment, TL_SEG_TRANSITION);
    drop(&f);
    drop(&g);
}

/* Cyclic sighing: in 5, top up 2, out 10. The top-up follows the inhale,
 * the breath counts it, and a pace change scales it with the rest. */
static void test_top_up_phase(void **state)
{
    (void)state;
    Fixture f = make("{\"title\": \"T\", \"breath\": {\"inhale\": 5, \"top_up\": 2, \"exhale\": 10},"
                     " \"steps\": [{\"pose\": \"supine\", \"breaths\": 4}]}");
    assert_int_equal(f.r->breath.ms[BREATH_TOP_UP], 2000);
    TimelineState st = at(f.tl, S(4.9));
    assert_int_equal(st.breath_phase, BREATH_INHALE);
    st = at(f.tl, S(6));
    assert_int_equal(st.breath_phase, BREATH_TOP_UP);
    assert_float_equal(st.breath_progress, 0.5f, 1e-6);
    assert_int_equal(at(f.tl, S(7)).breath_phase, BREATH_EXHALE);
    assert_int_equal(at(f.tl, S(17)).breath_phase, BREATH_INHALE);
    assert_int_equal(at(f.tl, S(17)).breaths_total, 2);
    assert_int_equal(at(f.tl, S(22.5)).breath_phase, BREATH_TOP_UP);
    /* the plan's breath column writes the top-up on the inhale */
    char col[32];
    breath_format(at(f.tl, S(30)).breath, col, sizeof col);
    assert_string_equal(col, "5+2-0-10-0");
    /* at 150% from the next breath (51 s): the top-up lasts 3 s */
    timeline_apply(f.tl, TL_SET_PACE, 150, S(40));
    assert_int_equal(at(f.tl, S(51 + 7.4)).breath_phase, BREATH_INHALE);
    assert_int_equal(at(f.tl, S(51 + 7.6)).breath_phase, BREATH_TOP_UP);
    assert_int_equal(at(f.tl, S(51 + 10.4)).breath_phase, BREATH_TOP_UP);
    assert_int_equal(at(f.tl, S(51 + 10.6)).breath_phase, BREATH_EXHALE);
    drop(&f);
}

static void test_breath_hold_under_changed_pace(void **state)
{
    (void)state;
    /* intro 5 s, standing -> lying 7 s: the hold starts at 12 s, 2 s into
     * the breath 10..20. At 50% from the next breath: 8 s + 5 + 5 + 1. */
    Fixture f = make("{\"title\": \"C\", \"steps\": [{\"pose\": \"supine\", \"breaths\": 3}]}");
    timeline_apply(f.tl, TL_SET_PACE, 50, S(12));
    TimelineState st = at(f.tl, S(12));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.seg_left_ms, S(19));
    assert_int_equal(at(f.tl, S(20)).breath_count, 1);
    assert_int_equal(at(f.tl, S(25)).breath_count, 2);
    st = at(f.tl, S(30.999));
    assert_int_equal(st.segment, TL_SEG_HOLD);
    assert_int_equal(st.breath_count, 3);
    assert_int_equal(at(f.tl, S(31)).segment, TL_SEG_OUTRO);
    drop(&f);

    /* Unpaced, the same hold lasts exactly 3 breaths: 30 s. */
    f = make("{\"title\": \"C\", \"steps\": [{\"pose\": \"supine\", \"breaths\": 3}]}");
    assert_int_equal(at(f.tl, S(41.999)).segment, TL_SEG_HOLD);
    assert_int_equal(at(f.tl, S(42)).segment, TL_SEG_OUTRO);
    drop(&f);
}

/* A routine of about three hours, varied. */
static char *long_routine(void)
{
    static const char *steps[] = {
        "{\"pose\": \"seated\", \"seconds\": 600}",
        "{\"pose\": \"low-lunge\", \"sides\": \"both\", \"seconds\": 150, \"reps\": 2}",
        "{\"pose\": \"supine\", \"breaths\": 60}",
        "{\"pose\": \"constructive-rest\", \"breaths\": 30, \"breath\": {\"inhale\": 4, \"hold_in\": 7, \"exhale\": 8}}",
        "{\"pose\": \"tree\", \"sides\": \"left\", \"seconds\": 300, \"reps\": 2}",
    };
    size_t cap = 8192;
    char *json = malloc(cap);
    assert_non_null(json);
    strcpy(json, "{\"title\": \"Long\", \"steps\": [");
    for (int i = 0; i < 20; i++) {
        strcat(json, i ? "," : "");
        strcat(json, steps[i % 5]);
    }
    strcat(json, "]}");
    return json;
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void test_determinism_over_three_hours(void **state)
{
    (void)state;
    char *json = long_routine();
    Fixture f = make(json), g = make(json);
    free(json);
    int64_t total = timeline_plan(f.r, lib, NULL, NULL);
    assert_true(total > S(3 * 3600));
    /* The same controls, scattered through the session, into both. */
    uint32_t seed = 42;
    int64_t t = 0;
    while (t < total) {
        t += S(30) + (int64_t)(lcg(&seed) % 600000);
        TimelineAction a = (TimelineAction)(lcg(&seed) % (TL_SET_PACE + 1));
        int value = 50 + (int)(lcg(&seed) % 151);
        if (a == TL_NEXT && lcg(&seed) % 4)
            a = TL_SET_PACE; /* keep most of the routine playing */
        timeline_apply(f.tl, a, value, t);
        timeline_apply(g.tl, a, value, t);
    }
    /* F is asked every 10 ms in order; G at scattered times, some going
     * back (which replays). Every answer must agree. */
    TimelineState prev = at(f.tl, 0);
    int64_t end = total + S(60);
    for (int64_t q = 0; q <= end; q += 10) {
        TimelineState a = at(f.tl, q);
        assert_true(a.practice_ms >= prev.practice_ms);
        assert_true(a.seg_left_ms >= 0 && a.seg_elapsed_ms >= 0);
        assert_true(a.breath_progress >= 0.0f && a.breath_progress <= 1.0f);
        assert_true(a.seg_progress >= 0.0f && a.seg_progress <= 1.0f);
        if (q % 997 == 0) {
            int64_t r = (int64_t)(lcg(&seed) % (uint32_t)(end / 1000)) * 1000;
            TimelineState b = at(g.tl, r), c = at(f.tl, r);
            assert_memory_equal(&b, &c, sizeof b);
            at(f.tl, q); /* back to where F was */
        }
        prev = a;
    }
    drop(&f);
    drop(&g);
}

/* Holds passed between two questions still count: a session asked only
 * at its start and long after its end (a very fast --speed, a slow frame)
 * has held every step and practised only the routine's length. */
static void test_holds_passed_between_frames(void **state)
{
    (void)state;
    Fixture f = make(routine_a);
    int64_t length = timeline_plan(f.r, lib, NULL, NULL);
    at(f.tl, 0);
    for (int i = 0; i < f.r->step_count; i++)
        assert_int_equal(timeline_held(f.tl, i), 0);
    at(f.tl, length + S(60));
    assert_int_equal(timeline_held(f.tl, 0), TIMELINE_HELD);
    assert_int_equal(timeline_held(f.tl, 1), TIMELINE_HELD | TIMELINE_HELD_LEFT | TIMELINE_HELD_RIGHT);
    assert_int_equal(timeline_held(f.tl, 2), TIMELINE_HELD);
    assert_int_equal(timeline_held(f.tl, 3), TIMELINE_HELD);
    assert_int_equal(timeline_held(f.tl, 4), 0); /* no such step */
    /* skipped with "next" during its transition: never held */
    Fixture g = make(routine_a);
    timeline_apply(g.tl, TL_NEXT, 0, S(6)); /* intro over at 5 s; moving into step 0 */
    timeline_apply(g.tl, TL_NEXT, 0, S(6));
    at(g.tl, S(7));
    assert_int_equal(timeline_held(g.tl, 0), 0);
    drop(&g);

    /* the same through a session at 1000 times real time, two frames */
    Session *s = session_create(f.r, lib, 0, 1000.0, 80, false);
    assert_non_null(s);
    SessionView v;
    session_update(s, 0, &v);
    session_update(s, length / 1000 + 1500, &v); /* 1.5 s after the end, as the end screen waits */
    assert_true(v.over);
    SessionSummary sum;
    session_summary(s, &sum);
    assert_true(sum.finished);
    assert_int_equal(sum.steps_completed, f.r->step_count);
    assert_int_equal(sum.poses, f.r->step_count);
    assert_int_equal(sum.both_sides, 1);
    assert_int_equal(sum.practice_ms, length); /* not the time after the end */
    session_destroy(s);
    drop(&f);
}

static void test_desk_release_end_to_end(void **state)
{
    (void)state;
    Diag d;
    diag_clear(&d);
    Routine *r = routine_load(PSOAS_SOURCE_DIR "/levels/desk-release.json", "desk-release.json", lib, &d);
    assert_non_null(r);
    Timeline *tl = timeline_create(r, lib);
    assert_non_null(tl);
    int64_t total = timeline_plan(r, lib, NULL, NULL);

    /* Walk the whole routine every 50 ms, recording each hold's length. */
    int holds_seen = 0, step_holds[ROUTINE_MAX_STEPS] = {0};
    int64_t hold_start = -1, done_at = -1;
    TimelineState prev = at(tl, 0);
    for (int64_t t = 50; t <= total + S(10) && done_at < 0; t += 50) {
        TimelineState st = at(tl, t);
        bool new_hold = st.segment == TL_SEG_HOLD &&
                        (prev.segment != TL_SEG_HOLD || prev.step != st.step || prev.rep != st.rep || prev.side != st.side);
        if (prev.segment == TL_SEG_HOLD && (new_hold || st.segment != TL_SEG_HOLD)) {
            const RoutineStep *step = &r->steps[prev.step];
            int64_t len = t - hold_start;
            int64_t want = step->breaths ? step->breaths * breath_cycle_ms(step->breath) : step->hold_ms;
            assert_true(len >= want && len <= want + 50);
        }
        if (new_hold) {
            hold_start = t - (st.seg_elapsed_ms);
            holds_seen++;
            step_holds[st.step]++;
            /* Steps come in order; sides alternate left, right. */
            assert_true(st.step >= prev.step);
        }
        if (st.segment == TL_SEG_DONE)
            done_at = t;
        prev = st;
    }
    int want_holds = 0;
    for (int s = 0; s < r->step_count; s++) {
        int n = r->steps[s].reps * (r->steps[s].sides == SIDES_BOTH ? 2 : 1);
        assert_int_equal(step_holds[s], n);
        want_holds += n;
    }
    assert_int_equal(holds_seen, want_holds);
    assert_true(done_at >= total && done_at < total + 50);
    timeline_destroy(tl);
    routine_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_states_without_controls),
        cmocka_unit_test(test_breath_runs_across_transitions),
        cmocka_unit_test(test_pause_and_resume),
        cmocka_unit_test(test_pause_during_transition),
        cmocka_unit_test(test_next),
        cmocka_unit_test(test_previous),
        cmocka_unit_test(test_switch_side),
        cmocka_unit_test(test_pace_change_mid_exhale),
        cmocka_unit_test(test_top_up_phase),
        cmocka_unit_test(test_breath_hold_under_changed_pace),
        cmocka_unit_test(test_determinism_over_three_hours),
        cmocka_unit_test(test_desk_release_end_to_end),
        cmocka_unit_test(test_holds_passed_between_frames),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
