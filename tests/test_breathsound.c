/* test_breathsound.c — the breath guide's sound, rendered offline from a
 * timeline exactly as the audio callback renders it, then measured: the
 * envelope's corners (the loudest point ends each inhale, silence ends
 * each exhale) fall on the timeline's phase boundaries to within a block
 * and the error does not grow over a whole routine; inhale and exhale
 * differ in brightness; holds and pauses are quiet. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "breathsound.h"
#include "diag.h"
#include "poselib.h"
#include "routine.h"
#include "support.h"
#include "timeline.h"

enum { RATE = 16000, WIN = 80 /* 5 ms analysis windows */ };

typedef struct Render {
    float *pcm;        /* stereo frames */
    long frames;
    float *rms;        /* per window, left channel */
    long windows;
} Render;

static void analyse(Render *r)
{
    r->windows = r->frames / WIN;
    r->rms = calloc((size_t)r->windows, sizeof *r->rms);
    assert_non_null(r->rms);
    for (long w = 0; w < r->windows; w++) {
        double sum = 0;
        for (long i = w * WIN; i < (w + 1) * WIN; i++)
            sum += (double)r->pcm[2 * i] * r->pcm[2 * i];
        r->rms[w] = (float)sqrt(sum / WIN);
    }
}

static void render_free(Render *r)
{
    free(r->pcm);
    free(r->rms);
}

/* Renders TL from 0 to MS as the callback does: a cue per block; AIR is
 * the noise's share (0: the tone alone, whose level is exact). */
static Render render_timeline(Timeline *tl, int64_t ms, float air)
{
    Render r = {0};
    r.frames = ms * RATE / 1000;
    r.frames -= r.frames % BREATHSOUND_BLOCK;
    r.pcm = calloc((size_t)r.frames * 2, sizeof *r.pcm);
    assert_non_null(r.pcm);
    BreathSound s;
    breathsound_init(&s, RATE);
    s.air = air;
    for (long f = 0; f < r.frames; f += BREATHSOUND_BLOCK) {
        TimelineState st;
        timeline_state(tl, (int64_t)((double)f * 1000.0 / RATE), &st);
        breathsound_render(&s, breathsound_cue(&st, 1000.0 / RATE), 1.0f, r.pcm + 2 * f, BREATHSOUND_BLOCK);
    }
    analyse(&r);
    return r;
}

static Routine *load_routine(const char *id, const PoseLibrary *poses)
{
    Routine *r = support_shipped(poses, id);
    assert_non_null(r);
    return r;
}

/* The level function itself. */
static void test_level(void **state)
{
    (void)state;
    assert_true(breathsound_level(BREATH_INHALE, 0) == 0.0f);
    assert_true(breathsound_level(BREATH_INHALE, 1) == 1.0f);
    assert_true(breathsound_level(BREATH_EXHALE, 0) == 1.0f);
    assert_true(breathsound_level(BREATH_EXHALE, 0.75f) == 0.25f);
    assert_true(breathsound_level(BREATH_HOLD_IN, 0.5f) == 0.0f);
    assert_true(breathsound_level(BREATH_HOLD_OUT, 0.5f) == 0.0f);
    /* a top-up is a second, smaller rise: from half up to full again */
    assert_true(breathsound_level(BREATH_TOP_UP, 0) == 0.5f);
    assert_true(breathsound_level(BREATH_TOP_UP, 1) == 1.0f);
    assert_true(breathsound_level(BREATH_TOP_UP, 0.5f) > breathsound_level(BREATH_TOP_UP, 0.25f));
}

/* Zero crossings per second over windows [A, B). */
static double crossings(const Render *r, long a, long b)
{
    long n = 0;
    for (long i = a * WIN + 1; i < b * WIN; i++)
        n += (r->pcm[2 * i] >= 0) != (r->pcm[2 * (i - 1)] >= 0);
    return (double)n * RATE / (double)((b - a) * WIN);
}

/* Least-squares line through the RMS of windows [A, B): rms = c0 + c1 * w. */
static void fit(const Render *r, long a, long b, double *c0, double *c1)
{
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (long w = a; w < b; w++) {
        n++;
        sx += (double)w;
        sy += r->rms[w];
        sxx += (double)w * (double)w;
        sxy += (double)w * r->rms[w];
    }
    *c1 = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    *c0 = (sy - *c1 * sx) / n;
}

/* For every breath of every step of ROUTINE: the inhale's loudest moment
 * is its end, silence comes at the exhale's end, the holds are quiet; and
 * the error at the last breath is no larger than at the first. */
static void check_routine(const char *id)
{
    Routine *routine = load_routine(id, lib);
    Timeline *tl = timeline_create(routine, lib);
    int64_t total = timeline_plan(routine, lib, NULL, NULL);
    Render r = render_timeline(tl, total, 0.0f);   /* for timing: the tone */
    Timeline *tl2 = timeline_create(routine, lib);
    Render full = render_timeline(tl2, total, 1.0f); /* for brightness: all of it */

    /* walk the timeline in 1 ms steps to list its phase changes */
    Timeline *walk = timeline_create(routine, lib);
    TimelineState prev, st;
    timeline_state(walk, 0, &prev);
    float peak = 0;
    for (long w = 0; w < r.windows; w++)
        peak = r.rms[w] > peak ? r.rms[w] : peak;
    int inhale_ends = 0, exhale_ends = 0, first_err = -1, last_err = 0, worst = 0;
    double bright_in = 0, bright_out = 0;
    for (int64_t t = 1; t < total - 1000; t++) {
        timeline_state(walk, t, &st);
        if (st.breath_phase != prev.breath_phase && st.segment != TL_SEG_DONE) {
            long at = (long)(t * RATE / 1000 / WIN); /* window of the boundary */
            int32_t before = prev.breath.ms[prev.breath_phase];
            bool whole = prev.breath_progress > 0.99f; /* not cut short by a new pattern */
            if (prev.breath_phase == BREATH_INHALE && st.breath_phase == BREATH_EXHALE && whole && before >= 2000 &&
                st.breath.ms[BREATH_EXHALE] >= 2000 && at > 300 && at + 300 < r.windows) {
                /* the corner where the rising line of the envelope meets
                 * the falling one, each fitted over the second beside it */
                double a0, a1, b0, b1;
                fit(&r, at - 200, at - 2, &a0, &a1);
                fit(&r, at + 2, at + 200, &b0, &b1);
                double corner = (b0 - a0) / (a1 - b1); /* in windows */
                int err = (int)(fabs(corner - (double)at) * WIN * 1000 / RATE); /* ms */
                worst = err > worst ? err : worst;
                if (first_err < 0)
                    first_err = err;
                last_err = err;
                inhale_ends++;
                bright_in += crossings(&full, at - 100, at - 4);
            }
            if (prev.breath_phase == BREATH_EXHALE && whole && before >= 2000 && at > 300 && at + 300 < r.windows) {
                /* just before the end the sound has all but gone, and
                 * the quarter before is well louder */
                float late = r.rms[at - 2], earlier = r.rms[at - before / 4 * RATE / 1000 / WIN];
                assert_true(late < 0.08f * peak);
                assert_true(earlier > 2.0f * late);
                exhale_ends++;
                bright_out += crossings(&full, at - before / 2 * RATE / 1000 / WIN, at - before / 4 * RATE / 1000 / WIN);
            }
            if ((st.breath_phase == BREATH_HOLD_IN || st.breath_phase == BREATH_HOLD_OUT) &&
                st.breath.ms[st.breath_phase] >= 1500 && at + 400 < r.windows) {
                /* half a second into a hold of 1.5 s or more: quiet */
                for (long w = at + 100; w < at + 250; w++)
                    assert_true(r.rms[w] < 0.02f * peak);
            }
        }
        prev = st;
    }
    assert_true(inhale_ends >= 20);
    assert_true(exhale_ends >= 20);
    /* within a block and a smoothing time of the timeline, first to last */
    print_message("%s: %d inhale ends, worst %d ms, first %d ms, last %d ms\n", id, inhale_ends, worst, first_err, last_err);
    assert_true(worst <= 21); /* a 1024-frame buffer at 48 kHz */
    assert_true(last_err <= first_err + 10);
    /* the inhale's end is brighter than the exhale's middle */
    assert_true(bright_in / inhale_ends > 1.5 * (bright_out / exhale_ends));
    render_free(&r);
    render_free(&full);
    timeline_destroy(tl2);
    timeline_destroy(walk);
    timeline_destroy(tl);
    routine_free(routine);
}

static void test_breathe_routine(void **state)
{
    (void)state;
    check_routine("breathe");
}

static void test_flow_routine(void **state)
{
    (void)state;
    check_routine("psoas-flow");
}

/* Pausing for 5 s: silence of that length (nothing rendered at all once
 * the release has died away), then the breath carries on where it was;
 * the same input renders the same samples. */
static void test_pause(void **state)
{
    (void)state;
    Routine *routine = load_routine("breathe", lib);
    Timeline *tl = timeline_create(routine, lib);
    timeline_apply(tl, TL_PAUSE, 0, 20000);
    timeline_apply(tl, TL_RESUME, 0, 25000);
    Render r = render_timeline(tl, 40000, 1.0f);
    float peak = 0;
    for (long w = 0; w < r.windows; w++)
        peak = r.rms[w] > peak ? r.rms[w] : peak;
    long quiet = 0;
    for (long w = 20000 * RATE / 1000 / WIN; w < 25000 * RATE / 1000 / WIN; w++)
        quiet += r.rms[w] < 0.02f * peak;
    long windows = 5000 * RATE / 1000 / WIN;
    assert_true(quiet >= windows - 500 / 5); /* all but the first half second of release */
    /* once the release is below hearing nothing at all is made: from 2 s
     * into the pause every sample is exactly zero */
    for (long f = 22000L * RATE / 1000; f < 25000L * RATE / 1000; f++)
        if (r.pcm[2 * f] != 0.0f || r.pcm[2 * f + 1] != 0.0f)
            fail_msg("frame %ld, %.3f s into the pause, is %g", f, (double)(f - 20000L * RATE / 1000) / RATE,
                     (double)r.pcm[2 * f]);
    /* after the pause: sound again within a second */
    float after = 0;
    for (long w = 25000 * RATE / 1000 / WIN; w < 26000 * RATE / 1000 / WIN; w++)
        after = r.rms[w] > after ? r.rms[w] : after;
    assert_true(after > 0.05f * peak);

    Timeline *again = timeline_create(routine, lib);
    timeline_apply(again, TL_PAUSE, 0, 20000);
    timeline_apply(again, TL_RESUME, 0, 25000);
    Render r2 = render_timeline(again, 40000, 1.0f);
    assert_memory_equal(r.pcm, r2.pcm, (size_t)r.frames * 2 * sizeof(float));
    render_free(&r);
    render_free(&r2);
    timeline_destroy(tl);
    timeline_destroy(again);
    routine_free(routine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level),
        cmocka_unit_test(test_breathe_routine),
        cmocka_unit_test(test_flow_routine),
        cmocka_unit_test(test_pause),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
