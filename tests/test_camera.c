/* test_camera.c — the camera frames the pose: on stages of every shape the
 * whole figure is inside the stage, its binding dimension at 80-90% of it
 * in holds, the view stays still through the breath, moves only a little
 * from one frame to the next through every move of every routine, and
 * lying and prone poses are drawn far larger than the fixed scale a
 * standing height gave. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "camera.h"
#include "figure.h"
#include "support.h"
#include "timeline.h"

/* Stages: the practice screen's at 1920x1080 (wide) and at 720x1280
 * (portrait), a 4:3 one and a tile of the routine card. */
static const float stages[][4] = {{37, 275, 1368, 576}, {25, 190, 670, 700}, {30, 200, 640, 420}, {12, 60, 250, 140}};

/* The screen box of F under view V: every node with its limb's room,
 * and the props as far as they show (a prop fading in counts by its
 * alpha, as the frame does). */
static CameraBox screen_box(const FigureFrame *f, CameraView v)
{
    CameraBox b = figure_body_box(&f->body, f->view_pitch);
    for (int i = 0; i < f->prop_count; i++) {
        Vec3 lo, hi;
        figure_prop_bounds(&f->props[i], &lo, &hi);
        CameraBox with = b;
        for (int k = 0; k < 8; k++) {
            CameraPoint q = camera_project(f->view_pitch, vec3(k & 1 ? hi.x : lo.x, k & 2 ? hi.y : lo.y, k & 4 ? hi.z : lo.z));
            camera_box_add(&with, q.x, q.y, 0);
        }
        b = camera_box_lerp(b, with, f->props[i].alpha);
    }
    return (CameraBox){v.center_x + b.x0 * v.scale, v.floor_y - b.y1 * v.scale, v.center_x + b.x1 * v.scale,
                       v.floor_y - b.y0 * v.scale};
}

static void test_fit(void **state)
{
    (void)state;
    /* a standing body in a wide stage: height binds, centred, floor low */
    CameraBox box = {-0.2f, 0, 0.2f, 1.0f};
    CameraView v = camera_fit(box, 100, 50, 1600, 800);
    assert_float_equal(v.scale, 0.85f * 800, 1e-3);
    assert_float_equal(v.center_x, 900, 1e-3);
    assert_float_equal(v.floor_y, 850 - 800 * 0.075f, 1e-3);
    /* a lying one: width binds */
    box = (CameraBox){-0.6f, 0, 0.6f, 0.3f};
    v = camera_fit(box, 0, 0, 1200, 800);
    assert_float_equal(v.scale, 0.85f * 1000, 1e-3);
    /* a tiny box is framed as a seated body, not blown up */
    box = (CameraBox){-0.05f, 0, 0.05f, 0.05f};
    v = camera_fit(box, 0, 0, 1000, 1000);
    assert_float_equal(v.scale, 0.85f * 1000 / 0.4f, 1e-2);
    CameraPoint p = camera_project(90, vec3(0, 0, 1)); /* from straight above, near is down the screen */
    assert_float_equal(p.y, -1, 1e-5);
}

/* Every frame of R, every 1/60 s, on every stage. */
static void check_routine(const Routine *r, const char *what)
{
    Figure *fg = figure_create(lib);
    Timeline *tl = timeline_create(r, lib);
    assert_non_null(fg);
    assert_non_null(tl);
    int64_t total = timeline_plan(r, lib, NULL, NULL);
    TimelineState st;
    FigureFrame f;
    CameraView last[4];
    CameraBox hold_box = {0};
    int hold_key = -1, frames = 0;
    float worst_step = 0, worst_in = 0;
    for (int64_t k = 0; k * 1000 / 60 <= total; k++) {
        int64_t t = k * 1000 / 60;
        timeline_state(tl, t, &st);
        figure_at(fg, &st, &f);
        for (int s = 0; s < 4; s++) {
            const float *g = stages[s];
            CameraView v = camera_fit(f.frame, g[0], g[1], g[2], g[3]);
            CameraBox b = screen_box(&f, v);
            /* inside the stage, with a pixel for rounding */
            float out = 0;
            out = fmaxf(out, g[0] - b.x0);
            out = fmaxf(out, g[1] - b.y0);
            out = fmaxf(out, b.x1 - (g[0] + g[2]));
            out = fmaxf(out, b.y1 - (g[1] + g[3]));
            worst_in = fmaxf(worst_in, out);
            if (out > 1.0f)
                fail_msg("%s: at %lld ms pose %s is %.1f px outside stage %d", what, (long long)t,
                         lib->poses[st.pose].id, out, s);
            if (st.segment == TL_SEG_HOLD) {
                /* the binding dimension at 80-90% of the stage */
                float fill = fmaxf((b.x1 - b.x0) / g[2], (b.y1 - b.y0) / g[3]);
                if (fill < 0.78f || fill > 0.90f)
                    fail_msg("%s: %s fills %.0f%% of stage %d at %lld ms", what, lib->poses[st.pose].id, fill * 100, s,
                             (long long)t);
            }
            if (k > 0 && st.segment != TL_SEG_DONE) {
                /* no jumps: a 60th of a second moves the view by at most
                 * 3.5% of the stage and scales it by at most 3.5%: a
                 * smooth move (a jump is tens of percent) */
                float ds = fabsf(v.scale / last[s].scale - 1);
                float dx = fabsf(v.center_x - last[s].center_x) / g[2], dy = fabsf(v.floor_y - last[s].floor_y) / g[3];
                float step = fmaxf(ds, fmaxf(dx, dy));
                worst_step = fmaxf(worst_step, step);
                if (step > 0.035f)
                    fail_msg("%s: the view jumps %.2f%% at %lld ms (%s %s to %s %.2f, stage %d)", what, step * 100,
                             (long long)t, timeline_segment_name(st.segment), lib->poses[st.from_pose].id,
                             lib->poses[st.pose].id, st.seg_progress, s);
            }
            last[s] = v;
        }
        /* no pumping: through a hold the frame does not change at all */
        int key = st.segment == TL_SEG_HOLD ? st.step * 1000 + st.rep * 10 + (int)st.side : -1;
        if (key >= 0 && key == hold_key && memcmp(&hold_box, &f.frame, sizeof hold_box) != 0)
            fail_msg("%s: the view moves in the hold of %s at %lld ms", what, lib->poses[st.pose].id, (long long)t);
        hold_key = key;
        hold_box = f.frame;
        frames++;
    }
    printf("%s: %d frames, largest change a frame %.2f%%, worst overhang %.2f px\n", what, frames, worst_step * 100,
           worst_in);
    timeline_destroy(tl);
    figure_destroy(fg);
}

static void test_every_shipped_routine(void **state)
{
    (void)state;
    DIR *dir = opendir(PSOAS_SOURCE_DIR "/levels");
    assert_non_null(dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        char id[256];
        snprintf(id, sizeof id, "%.*s", (int)(len - 5), e->d_name);
        Routine *r = support_shipped(lib, id);
        assert_non_null(r);
        check_routine(r, id);
        routine_free(r);
        n++;
    }
    closedir(dir);
    assert_true(n >= 5);
}

/* Every pose, both sides, every change of base. */
static void test_every_pose(void **state)
{
    (void)state;
    char json[8192];
    int at = snprintf(json, sizeof json, "{\"title\": \"all\", \"steps\": [");
    for (int p = 0; p < lib->count; p++)
        at += snprintf(json + at, sizeof json - (size_t)at, "%s{\"pose\": \"%s\", \"seconds\": 4%s}", p ? "," : "",
                       lib->poses[p].id, lib->poses[p].one_sided ? ", \"sides\": \"both\"" : "");
    snprintf(json + at, sizeof json - (size_t)at, ",{\"pose\": \"standing\", \"seconds\": 3},"
                                                  "{\"pose\": \"prone\", \"seconds\": 3},"
                                                  "{\"pose\": \"seated\", \"seconds\": 3}]}");
    Routine *r = support_routine(lib, json);
    assert_non_null(r);
    check_routine(r, "every pose");
    routine_free(r);
}

/* On the wide practice stage, a body lying on its back or front is drawn
 * at least 1.6 times the scale of a standing one (which a fixed scale gave
 * every pose). */
static void test_floor_poses_large(void **state)
{
    (void)state;
    Figure *fg = figure_create(lib);
    const float *g = stages[0];
    FigureFrame f;
    figure_pose(fg, poselib_find(lib, "standing"), SIDE_NONE, 0.5f, 0, &f);
    float standing = camera_fit(f.frame, g[0], g[1], g[2], g[3]).scale;
    int n = 0;
    for (int p = 0; p < lib->count; p++) {
        if (lib->poses[p].base != POSE_BASE_LYING && lib->poses[p].base != POSE_BASE_PRONE)
            continue;
        if (!strcmp(lib->poses[p].id, "seated-floor"))
            continue; /* sitting up on the way to lying */
        figure_pose(fg, p, lib->poses[p].one_sided ? SIDE_LEFT : SIDE_NONE, 0.5f, 0, &f);
        float s = camera_fit(f.frame, g[0], g[1], g[2], g[3]).scale;
        if (s < 1.6f * standing)
            fail_msg("%s is drawn at %.2f of the standing scale", lib->poses[p].id, s / standing);
        n++;
    }
    assert_true(n >= 8);
    figure_destroy(fg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_floor_poses_large),
        cmocka_unit_test(test_every_pose),
        cmocka_unit_test(test_every_shipped_routine),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
