/* test_breathe.c — breath practices composed from a pattern, minutes and
 * a posture: their timelines (lengths, the ease-in, the top-up), the
 * parsing of --breathe's values, and the lines they speak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "breathe.h"
#include "speech.h"
#include "support.h"
#include "timeline.h"

static Routine *compose(BreathePreset preset, int minutes, BreathePosture posture)
{
    BreatheChoice c = breathe_default_choice(preset);
    c.minutes = minutes;
    c.posture = posture;
    char err[128] = "";
    Routine *r = breathe_routine(&c, lib, err, sizeof err);
    if (!r)
        fail_msg("%s", err);
    return r;
}

/* One breath of the practice as it plays. */
typedef struct Breath {
    int64_t start, len;
} Breath;

/* Walks the whole practice in 10 ms steps; returns the breaths begun (up
 * to CAP into OUT) and checks that the lungs' fullness never jumps. */
static int walk(const Routine *r, Breath *out, int cap, int64_t *total)
{
    Timeline *tl = timeline_create(r, lib);
    assert_non_null(tl);
    TimelineState st;
    int n = 0;
    int64_t last_total = 0;
    float last_full = 0;
    for (int64_t t = 0;; t += 10) {
        timeline_state(tl, t, &st);
        if (st.segment == TL_SEG_DONE) {
            *total = t;
            break;
        }
        float full = breath_fullness(st.breath, st.breath_phase, st.breath_progress);
        /* the fastest phase here moves the lungs about 1% in 10 ms */
        if (t > 0 && (full - last_full > 0.03f || last_full - full > 0.03f))
            fail_msg("the breath jumps at %lld ms: %.3f to %.3f", (long long)t, last_full, full);
        last_full = full;
        if (st.breaths_total != last_total) {
            assert_int_equal(st.breaths_total, last_total + 1);
            last_total = st.breaths_total;
            assert_true(n < cap);
            out[n++] = (Breath){st.breath_start_ms, breath_cycle_ms(st.breath)};
        }
    }
    timeline_destroy(tl);
    return n;
}

/* Every preset at several lengths: the practice lasts the chosen minutes
 * within half a breath (plus the intro and the outro), and ends on the
 * end of a breath. */
static void test_lengths(void **state)
{
    (void)state;
    static const int minutes[] = {1, 2, 5, 12, 60};
    static Breath breaths[2000];
    for (int p = 0; p < BREATHE_PRESET_COUNT; p++) {
        for (size_t m = 0; m < sizeof minutes / sizeof minutes[0]; m++) {
            Routine *r = compose((BreathePreset)p, minutes[m], BREATHE_CONSTRUCTIVE_REST);
            int64_t want = TIMELINE_INTRO_MS + minutes[m] * 60000LL;
            int64_t total = timeline_plan(r, lib, NULL, NULL);
            int64_t cycle = breath_cycle_ms(r->breath);
            int64_t got = total - TIMELINE_OUTRO_MS;
            if (got < want - cycle / 2 - 1 || got > want + cycle / 2 + 1)
                fail_msg("%s, %d min: the practice ends at %lld ms, wanted %lld within %lld",
                         breathe_preset((BreathePreset)p)->id, minutes[m], (long long)got, (long long)want,
                         (long long)cycle / 2);
            if (minutes[m] <= 12) {
                int64_t walked;
                int n = walk(r, breaths, 2000, &walked);
                assert_true(walked >= total && walked < total + 10);
                /* the hold ends as a breath ends: the outro begins on an inhale */
                bool on_edge = false;
                for (int i = 0; i < n; i++)
                    on_edge = on_edge || breaths[i].start == got;
                if (!on_edge)
                    fail_msg("%s, %d min: the hold does not end on a whole breath",
                             breathe_preset((BreathePreset)p)->id, minutes[m]);
            }
            routine_free(r);
        }
    }
}

/* The ease-in: breaths begin about 1.3x quicker, lengthen one whole breath
 * at a time, never shorten, and are at the pattern from one third of the
 * practice on. Box and 4-7-8 are never eased. */
static void test_ease_in(void **state)
{
    (void)state;
    static Breath b[1000];
    static const BreathePreset eased[] = {BREATHE_CALM, BREATHE_LONG_EXHALE, BREATHE_COHERENT, BREATHE_SIGHING};
    for (size_t k = 0; k < sizeof eased / sizeof eased[0]; k++) {
        Routine *r = compose(eased[k], 6, BREATHE_LYING_FLAT);
        int64_t cycle = breath_cycle_ms(r->breath), total;
        assert_int_equal(r->ease_ms, 6 * 60000 / 3);
        int n = walk(r, b, 1000, &total);
        assert_true(n > 20);
        /* the first breath is 1/1.3 of the pattern, within 1% */
        double first = (double)b[0].len / (double)cycle;
        assert_true(first > 0.76 && first < 0.78);
        int slower = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                assert_true(b[i].len >= b[i - 1].len); /* monotonic pace */
                assert_int_equal(b[i].start, b[i - 1].start + b[i - 1].len); /* whole breaths */
                slower += b[i].len > b[i - 1].len;
            }
            /* the pattern by one third: any breath still going then is whole */
            if (b[i].start + b[i].len > r->ease_ms)
                assert_int_equal(b[i].len, cycle);
            assert_true(b[i].len <= cycle);
        }
        assert_true(slower >= 5); /* slowed gradually, not in one step */
        routine_free(r);
    }
    static const BreathePreset plain[] = {BREATHE_BOX, BREATHE_478};
    for (size_t k = 0; k < 2; k++) {
        Routine *r = compose(plain[k], 3, BREATHE_CHAIR);
        int64_t cycle = breath_cycle_ms(r->breath), total;
        assert_int_equal(r->ease_ms, 0);
        int n = walk(r, b, 1000, &total);
        for (int i = 0; i < n; i++)
            assert_int_equal(b[i].len, cycle);
        routine_free(r);
    }
    /* box: four 4 s sides, 16 s a breath */
    Routine *r = compose(BREATHE_BOX, 2, BREATHE_CHAIR);
    assert_int_equal(breath_cycle_ms(r->breath), 16000);
    routine_free(r);
}

/* Cyclic sighing breathes in, tops up, breathes out; the top-up is in
 * every breath, eased with the rest. */
static void test_sighing_tops_up(void **state)
{
    (void)state;
    Routine *r = compose(BREATHE_SIGHING, 5, BREATHE_FLOOR);
    assert_int_equal(r->breath.ms[BREATH_TOP_UP], 1000);
    assert_true(r->breath.ms[BREATH_EXHALE] > r->breath.ms[BREATH_INHALE]);
    Timeline *tl = timeline_create(r, lib);
    TimelineState st;
    int order[3] = {0}, seen = 0;
    BreathPhase last = BREATH_PHASE_COUNT;
    int64_t ups = 0;
    for (int64_t t = 0; t < 5 * 60000; t += 20) {
        timeline_state(tl, t, &st);
        if (st.breath_phase != last) {
            if (seen < 3)
                order[seen++] = (int)st.breath_phase;
            ups += st.breath_phase == BREATH_TOP_UP;
            last = st.breath_phase;
        }
    }
    assert_int_equal(order[0], BREATH_INHALE);
    assert_int_equal(order[1], BREATH_TOP_UP);
    assert_int_equal(order[2], BREATH_EXHALE);
    assert_true(ups >= 5 * 60 / 13 - 1);
    timeline_destroy(tl);
    routine_free(r);
}

static void test_composed_routine(void **state)
{
    (void)state;
    Routine *r = compose(BREATHE_478, 10, BREATHE_FLOOR);
    assert_string_equal(r->title, "4-7-8 breath");
    assert_int_equal(r->step_count, 1);
    assert_string_equal(lib->poses[r->steps[0].pose].id, "seated-floor");
    assert_true(r->steps[0].cue_count >= 3);
    assert_true(r->safety[0]);
    routine_free(r);
    for (int p = 0; p < BREATHE_POSTURE_COUNT; p++) {
        const char *id = breathe_posture_id((BreathePosture)p);
        assert_true(poselib_find(lib, id) >= 0);
        assert_int_equal(breathe_find_posture(id), p);
    }
    assert_int_equal(breathe_find_posture("standing"), -1);
    /* out of range: a reason, no routine */
    BreatheChoice c = breathe_default_choice(BREATHE_BOX);
    char err[128];
    c.minutes = 61;
    assert_null(breathe_routine(&c, lib, err, sizeof err));
    assert_non_null(strstr(err, "minutes"));
    c.minutes = 0;
    assert_null(breathe_routine(&c, lib, err, sizeof err));
    c = breathe_default_choice(BREATHE_CUSTOM);
    c.pattern.ms[BREATH_TOP_UP] = 6000;
    assert_null(breathe_routine(&c, lib, err, sizeof err));
}

static void test_parse_pattern(void **state)
{
    (void)state;
    BreatheChoice c = breathe_default_choice(BREATHE_CALM);
    for (int p = 0; p < BREATHE_CUSTOM; p++) {
        assert_true(breathe_parse_pattern(breathe_preset((BreathePreset)p)->id, &c));
        assert_int_equal(c.preset, p);
        assert_true(breath_equal(c.pattern, breathe_preset((BreathePreset)p)->pattern));
    }
    assert_true(breathe_parse_pattern("4-7-8-0", &c));
    assert_int_equal(c.preset, BREATHE_478);
    assert_false(c.ease);
    assert_true(breathe_parse_pattern("5.5-0-5.5-0", &c));
    assert_int_equal(c.preset, BREATHE_COHERENT);
    assert_true(c.ease);
    assert_true(breathe_parse_pattern("5-0-7-0", &c));
    assert_int_equal(c.preset, BREATHE_CUSTOM);
    assert_true(c.ease);
    char id[BREATHE_ID_CHARS];
    breathe_id(&c, id, sizeof id);
    assert_string_equal(id, "breathe:5-0-7-0");
    assert_true(breathe_parse_pattern("3-2-3-2", &c));
    assert_false(c.ease);
    assert_true(breathe_parse_pattern("box", &c));
    breathe_id(&c, id, sizeof id);
    assert_string_equal(id, "breathe:box");
    BreatheChoice keep = c;
    static const char *const bad[] = {"", "Box", "custom", "4-0-0-0", "4-7-8-0-1", "0.3-0-4-0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (breathe_parse_pattern(bad[i], &c))
            fail_msg("accepted '%s'", bad[i]);
        assert_memory_equal(&c, &keep, sizeof c);
    }
}

typedef struct PaceRow {
    int step;
    int64_t start, len;
    BreathPattern breath;
} PaceRow;

typedef struct PaceRows {
    PaceRow rows[16];
    int n;
} PaceRows;

static void pace_row(const TimelinePlanRow *r, void *user)
{
    PaceRows *rows = user;
    if (r->segment == TL_SEG_HOLD && rows->n < 16)
        rows->rows[rows->n++] = (PaceRow){r->step, r->start_ms, r->length_ms, r->breath};
}

/* Find your pace: 6.5, 6, 5.5, 5 and 4.5 breaths a minute, each even
 * (in as long as out, the cycle 60 s / rate to the ms), each about two
 * minutes (within one breath), named by its rate, in the posture chosen. */
static void test_find_your_pace(void **state)
{
    (void)state;
    char err[128];
    Routine *r = breathe_pace_routine(BREATHE_CHAIR, lib, err, sizeof err);
    assert_non_null(r);
    assert_true(r->pacing && r->breathing);
    assert_int_equal(r->step_count, BREATHE_PACE_STEPS);
    static const char *const names[] = {"6.5 breaths a minute", "6 breaths a minute", "5.5 breaths a minute",
                                        "5 breaths a minute", "4.5 breaths a minute"};
    PaceRows rows = {.n = 0};
    timeline_plan(r, lib, pace_row, &rows);
    assert_int_equal(rows.n, BREATHE_PACE_STEPS);
    for (int i = 0; i < BREATHE_PACE_STEPS; i++) {
        assert_string_equal(r->steps[i].name, names[i]);
        assert_string_equal(lib->poses[r->steps[i].pose].id, "seated");
        BreathPattern p = breathe_pace_pattern(i);
        assert_int_equal(p.ms[BREATH_INHALE], p.ms[BREATH_EXHALE]);
        int64_t cycle = breath_cycle_ms(p);
        double rate = 60000.0 / (double)cycle;
        assert_true(fabs(rate - breathe_pace_rate_x10(i) / 10.0) < 0.001);
        assert_true(breath_equal(rows.rows[i].breath, p));
        /* about two minutes: within one breath */
        assert_true(rows.rows[i].len > 120000 - cycle && rows.rows[i].len < 120000 + cycle);
        /* after the first, each starts on an inhale, slower than the last */
        if (i > 0)
            assert_true(breath_cycle_ms(breathe_pace_pattern(i)) > breath_cycle_ms(breathe_pace_pattern(i - 1)));
    }
    routine_free(r);
    assert_null(breathe_pace_routine((BreathePosture)9, lib, err, sizeof err));
}

typedef struct Lines {
    char texts[64][200];
    int n;
} Lines;

static void gather(const char *text, void *user)
{
    Lines *l = user;
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->texts[i], text))
            return;
    assert_true(l->n < 64);
    snprintf(l->texts[l->n++], sizeof l->texts[0], "%s", text);
}

/* Every line a composed practice speaks is among breathe_each_line's (so
 * --voice-lines lists it and the cli test finds its clip). */
static void test_every_line_is_listed(void **state)
{
    (void)state;
    static Lines listed, spoken;
    listed.n = 0;
    breathe_each_line(lib, gather, &listed);
    for (int p = 0; p < BREATHE_PRESET_COUNT; p++) {
        for (int q = 0; q < BREATHE_POSTURE_COUNT; q++) {
            Routine *r = compose((BreathePreset)p, 1, (BreathePosture)q);
            spoken.n = 0;
            speech_each_line(r, lib, gather, &spoken);
            for (int i = 0; i < spoken.n; i++) {
                static const char *const fixed[] = {SPEECH_SWITCH, SPEECH_INHALE, SPEECH_EXHALE, SPEECH_CLOSING};
                bool found = false;
                for (int k = 0; k < listed.n && !found; k++)
                    found = !strcmp(listed.texts[k], spoken.texts[i]);
                for (int k = 0; k < 4 && !found; k++)
                    found = !strcmp(fixed[k], spoken.texts[i]);
                if (!found)
                    fail_msg("'%s' is spoken but not listed", spoken.texts[i]);
            }
            routine_free(r);
        }
        char err[64];
        Routine *r = breathe_pace_routine((BreathePosture)(p % BREATHE_POSTURE_COUNT), lib, err, sizeof err);
        spoken.n = 0;
        speech_each_line(r, lib, gather, &spoken);
        for (int i = 0; i < spoken.n; i++) {
            bool found = !strcmp(spoken.texts[i], SPEECH_INHALE) || !strcmp(spoken.texts[i], SPEECH_EXHALE) ||
                         !strcmp(spoken.texts[i], SPEECH_SWITCH) || !strcmp(spoken.texts[i], SPEECH_CLOSING);
            for (int k = 0; k < listed.n && !found; k++)
                found = !strcmp(listed.texts[k], spoken.texts[i]);
            if (!found)
                fail_msg("'%s' is spoken but not listed", spoken.texts[i]);
        }
        routine_free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_ease_in),
        cmocka_unit_test(test_sighing_tops_up),
        cmocka_unit_test(test_composed_routine),
        cmocka_unit_test(test_parse_pattern),
        cmocka_unit_test(test_find_your_pace),
        cmocka_unit_test(test_every_line_is_listed),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
