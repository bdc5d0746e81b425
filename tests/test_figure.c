/* test_figure.c — the skeleton, the psoas line and the figure over whole
 * routines: bones keep their length, the body rests on the floor and its
 * declared supports, nothing is NaN, and each psoas lengthens or shortens
 * where the practice says it does. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "figure.h"
#include "psoas.h"
#include "skeleton.h"
#include "support.h"
#include "timeline.h"

static SkelPose solve_angles(const SkelAngles *a)
{
    SkelRotations r;
    SkelPose p;
    skel_rotations(a, &r);
    skel_solve(&r, quat_identity(), vec3(0, 0, 0), &p);
    return p;
}

static float rest_length(int node)
{
    return vec3_len(skel_rest_offset(node));
}

static void test_rest_skeleton_proportions(void **state)
{
    (void)state;
    SkelAngles zero = {0};
    SkelPose p = solve_angles(&zero);
    float floor_y = p.pos[SK_L_HEEL].y;
    /* Winter's table: hip 0.530 H, knee 0.285 H, shoulder 0.818 H, top of head 1.0 H */
    assert_float_equal(p.pos[SK_L_HIP].y - floor_y, 0.530f, 0.005f);
    assert_float_equal(p.pos[SK_L_KNEE].y - floor_y, 0.285f, 0.005f);
    assert_float_equal(p.pos[SK_L_SHOULDER].y - floor_y, 0.818f, 0.01f);
    assert_float_equal(p.pos[SK_HEAD].y + skel_radius(SK_HEAD) - floor_y, 1.0f, 0.01f);
    /* left is +z */
    assert_true(p.pos[SK_L_HIP].z > 0 && p.pos[SK_R_HIP].z < 0);
}

static void test_joint_directions(void **state)
{
    (void)state;
    SkelAngles a = {0};
    a.deg[SJ_L_HIP][SKEL_FLEX] = 90; /* thigh forward */
    a.deg[SJ_L_KNEE][SKEL_FLEX] = 90; /* shank down again */
    a.deg[SJ_R_SHOULDER][SKEL_FLEX] = 180; /* arm overhead */
    a.deg[SJ_L_SHOULDER][SKEL_ABD] = 90;   /* arm out to the left */
    SkelPose p = solve_angles(&a);
    assert_float_equal(p.pos[SK_L_KNEE].x - p.pos[SK_L_HIP].x, 0.245f, 1e-4);
    assert_float_equal(p.pos[SK_L_KNEE].y, p.pos[SK_L_HIP].y, 1e-4);
    assert_float_equal(p.pos[SK_L_ANKLE].x, p.pos[SK_L_KNEE].x, 1e-4);
    assert_true(p.pos[SK_R_HAND].y > p.pos[SK_HEAD].y);
    assert_true(p.pos[SK_L_HAND].z > p.pos[SK_L_SHOULDER].z + 0.4f);
    /* a forward bend takes the head forward; lying back (pelvis -90) puts it behind */
    SkelAngles b = {0};
    b.deg[SJ_LUMBAR][SKEL_FLEX] = 40;
    assert_true(solve_angles(&b).pos[SK_HEAD].x > 0.2f);
    SkelAngles c = {0};
    c.deg[SJ_PELVIS][SKEL_FLEX] = -90;
    SkelPose lying = solve_angles(&c);
    assert_true(lying.pos[SK_HEAD].x < -0.4f);
    assert_float_equal(lying.pos[SK_HEAD].y, 0, 0.02f);
}

static void test_mirror(void **state)
{
    (void)state;
    SkelAngles a = {0}, m;
    a.deg[SJ_L_HIP][SKEL_FLEX] = 70;
    a.deg[SJ_L_HIP][SKEL_ABD] = 20;
    a.deg[SJ_THORACIC][SKEL_ROT] = 15;
    skel_mirror(&a, &m);
    assert_float_equal(m.deg[SJ_R_HIP][SKEL_FLEX], 70, 0);
    assert_float_equal(m.deg[SJ_L_HIP][SKEL_FLEX], 0, 0);
    assert_float_equal(m.deg[SJ_THORACIC][SKEL_ROT], -15, 0);
    SkelPose p = solve_angles(&a), q = solve_angles(&m);
    for (int n = 0; n < SK_NODE_COUNT; n++) {
        Vec3 u = p.pos[n], v = q.pos[skel_mirror_node(n)];
        assert_float_equal(u.x, v.x, 1e-5);
        assert_float_equal(u.y, v.y, 1e-5);
        assert_float_equal(u.z, -v.z, 1e-5);
    }
}

static void test_psoas_geometry(void **state)
{
    (void)state;
    SkelAngles a = {0};
    float rest = psoas_rest_length();
    assert_true(rest > 0.12f && rest < 0.2f); /* 21-35 cm at 1.75 m */
    a.deg[SJ_L_HIP][SKEL_FLEX] = -20; /* extension lengthens */
    SkelPose p = solve_angles(&a);
    PsoasLine l, r;
    psoas_line(&p, PSOAS_LEFT, &l);
    psoas_line(&p, PSOAS_RIGHT, &r);
    assert_true(l.length > rest * 1.02f);
    assert_float_equal(r.length, rest, 1e-5);
    assert_true(l.wraps);
    a.deg[SJ_L_HIP][SKEL_FLEX] = 110; /* flexion shortens, and the line leaves the brim */
    p = solve_angles(&a);
    psoas_line(&p, PSOAS_LEFT, &l);
    assert_true(l.length < rest * 0.8f);
    /* the insertion is on the thigh below the hip; the origin on the lumbar spine */
    a = (SkelAngles){0};
    p = solve_angles(&a);
    psoas_line(&p, PSOAS_LEFT, &l);
    assert_true(l.insertion.y < p.pos[SK_L_HIP].y && l.top.y > l.bottom.y);
    assert_true(l.top.y <= p.pos[SK_T12].y + 1e-4 && l.bottom.y >= p.pos[SK_L5].y - 1e-4);
    assert_true(l.brim.x > p.pos[SK_L_HIP].x); /* over the front of the pelvis */
}

/* Everything the figure promises, checked on one frame. */
typedef struct Check {
    const char *what;     /* routine name, for messages */
    int frames;           /* frames checked */
    float worst_bone;     /* largest bone length error */
    float lowest, highest_low; /* extremes of the lowest point */
    float worst_support;  /* largest distance of a declared support from its surface, in holds */
    const char *worst_support_pose;
} Check;

static void check_frame(const PoseLibrary *l, const TimelineState *st, const FigureFrame *f, Check *c)
{
    float low = 1e9f;
    for (int n = 0; n < SK_NODE_COUNT; n++) {
        Vec3 p = f->body.pos[n];
        if (!isfinite(p.x) || !isfinite(p.y) || !isfinite(p.z))
            fail_msg("%s: NaN at %lld ms, node %s", c->what, (long long)st->t_ms, skel_node_name(n));
        float y = p.y - skel_radius(n);
        low = y < low ? y : low;
        int parent = skel_parent(n);
        if (parent >= 0) {
            float e = fabsf(vec3_dist(p, f->body.pos[parent]) - rest_length(n));
            c->worst_bone = e > c->worst_bone ? e : c->worst_bone;
        }
    }
    c->lowest = low < c->lowest ? low : c->lowest;
    c->highest_low = low > c->highest_low ? low : c->highest_low;
    if (st->segment == TL_SEG_HOLD) {
        const PoseInfo *p = &l->poses[st->pose];
        for (int s = 0; s < p->support_count; s++) {
            int node = st->side == SIDE_RIGHT && p->one_sided ? skel_mirror_node(p->supports[s].node)
                                                             : p->supports[s].node;
            float off = fabsf(f->body.pos[node].y - skel_radius(node) -
                              poselib_surface_height(p->supports[s].surface));
            if (off > c->worst_support) {
                c->worst_support = off;
                c->worst_support_pose = p->id;
            }
        }
        /* hands that hold or rest on something are on it: the floor
         * under them, or the part's surface */
        for (int s = 0; s < p->contact_count; s++) {
            bool mirror = st->side == SIDE_RIGHT && p->one_sided;
            int hand = mirror ? skel_mirror_node(p->contacts[s].hand) : p->contacts[s].hand;
            int target = p->contacts[s].target;
            target = target >= 0 && mirror ? skel_mirror_node(target) : target;
            Vec3 h = f->body.pos[hand];
            float off = target < 0 ? fabsf(h.y - skel_radius(hand))
                                   : fabsf(vec3_dist(h, f->body.pos[target]) - skel_radius(hand) - skel_radius(target));
            if (off > c->worst_support) {
                c->worst_support = off;
                c->worst_support_pose = p->id;
            }
        }
        for (int s = 0; s < 2; s++)
            if (!isfinite(f->psoas_ratio[s]))
                fail_msg("%s: psoas NaN", c->what);
        /* the psoas rules */
        const char *id = p->id;
        int stretched = st->side == SIDE_RIGHT ? PSOAS_RIGHT : PSOAS_LEFT;
        if (!strcmp(id, "kneeling-lunge") || !strcmp(id, "low-lunge") || !strcmp(id, "warrior-1") ||
            !strcmp(id, "foot-on-counter") || !strcmp(id, "counter-lunge")) {
            if (f->psoas_ratio[stretched] < 1.08f)
                fail_msg("%s: %s %s psoas only %.1f%% longer at %lld ms", c->what, id,
                         routine_side_name(st->side), (f->psoas_ratio[stretched] - 1) * 100, (long long)st->t_ms);
            assert_int_equal(f->stretched, stretched);
        }
        if (!strcmp(id, "knee-to-chest") && f->psoas_ratio[1 - stretched] >= 1.0f)
            fail_msg("%s: knee-to-chest bent leg psoas not shorter (%.3f)", c->what, f->psoas_ratio[1 - stretched]);
        if (!strcmp(id, "seated") && (f->psoas_ratio[0] >= 1.0f || f->psoas_ratio[1] >= 1.0f))
            fail_msg("%s: seated psoas not shorter", c->what);
    }
    c->frames++;
}

/* Plays ROUTINE with no controls, then with every control, sampling every 50 ms. */
static void check_routine(const Routine *r, const char *what)
{
    Figure *fg = figure_create(lib);
    assert_non_null(fg);
    Check c = {what, 0, 0, 1e9f, -1e9f, 0, ""};
    for (int pass = 0; pass < 2; pass++) {
        Timeline *tl = timeline_create(r, lib);
        assert_non_null(tl);
        int64_t total = timeline_plan(r, lib, NULL, NULL);
        if (pass == 1) { /* controls in the middle of moves */
            timeline_apply(tl, TL_SET_PACE, 60, 1000);
            timeline_apply(tl, TL_NEXT, 0, 9000);
            timeline_apply(tl, TL_SWITCH_SIDE, 0, 14200);
            timeline_apply(tl, TL_PREVIOUS, 0, 20100);
            timeline_apply(tl, TL_SWITCH_SIDE, 0, 21500);
            timeline_apply(tl, TL_NEXT, 0, 26300);
            total = 120000;
        }
        TimelineState st;
        FigureFrame f;
        for (int64_t t = 0; t <= total + 1000; t += 50) {
            timeline_state(tl, t, &st);
            figure_at(fg, &st, &f);
            check_frame(lib, &st, &f, &c);
        }
        timeline_destroy(tl);
    }
    figure_destroy(fg);
    if (c.worst_bone > 1e-4f)
        fail_msg("%s: a bone changed length by %g", what, c.worst_bone);
    if (c.lowest < -0.01f || c.highest_low > 0.01f)
        fail_msg("%s: lowest point between %.4f and %.4f of height from the floor", what, c.lowest, c.highest_low);
    if (c.worst_support > 0.02f)
        fail_msg("%s: a support or a hand's hold of %s is %.1f%% of height off its surface", what,
                 c.worst_support_pose, c.worst_support * 100);
    assert_true(c.frames > 100);
}

static void test_every_shipped_routine(void **state)
{
    (void)state;
    DIR *dir = opendir(PSOAS_SOURCE_DIR "/levels");
    assert_non_null(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/levels/%s", PSOAS_SOURCE_DIR, e->d_name);
        Diag d = {0};
        Routine *r = routine_load(path, e->d_name, lib, &d);
        assert_non_null(r);
        check_routine(r, e->d_name);
        routine_free(r);
        n++;
    }
    closedir(dir);
    assert_true(n >= 5);
}

/* Written by hand from the required pose ids only, both sides of each
 * one-sided pose and every change of base. */
static const char *const by_hand =
    "{\"title\": \"Every pose\", \"steps\": ["
    "{\"pose\": \"standing\", \"seconds\": 3}, {\"pose\": \"seated\", \"seconds\": 3},"
    "{\"pose\": \"walking\", \"seconds\": 4}, {\"pose\": \"down-dog\", \"seconds\": 3},"
    "{\"pose\": \"tabletop\", \"seconds\": 3}, {\"pose\": \"kneeling-lunge\", \"sides\": \"both\", \"seconds\": 3},"
    "{\"pose\": \"low-lunge\", \"sides\": \"both\", \"seconds\": 3, \"reps\": 2},"
    "{\"pose\": \"warrior-1\", \"sides\": \"both\", \"seconds\": 3}, {\"pose\": \"tree\", \"sides\": \"both\", \"seconds\": 3},"
    "{\"pose\": \"big-toe\", \"sides\": \"both\", \"seconds\": 3},"
    "{\"pose\": \"foot-on-counter\", \"sides\": \"both\", \"seconds\": 3}, {\"pose\": \"camel\", \"seconds\": 3},"
    "{\"pose\": \"counter-lunge\", \"sides\": \"both\", \"seconds\": 3},"
    "{\"pose\": \"bridge\", \"seconds\": 3, \"reps\": 2}, {\"pose\": \"supine\", \"seconds\": 3},"
    "{\"pose\": \"constructive-rest\", \"seconds\": 3}, {\"pose\": \"knee-to-chest\", \"sides\": \"both\", \"seconds\": 3},"
    "{\"pose\": \"leg-raise\", \"sides\": \"both\", \"seconds\": 3}, {\"pose\": \"pelvic-tilt\", \"breaths\": 2},"
    "{\"pose\": \"prone\", \"seconds\": 3}, {\"pose\": \"frog\", \"sides\": \"both\", \"seconds\": 3},"
    "{\"pose\": \"sphinx\", \"seconds\": 3}, {\"pose\": \"child\", \"seconds\": 3},"
    "{\"pose\": \"seated\", \"seconds\": 3}, {\"pose\": \"supine\", \"seconds\": 3},"
    "{\"pose\": \"standing\", \"seconds\": 3}, {\"pose\": \"prone\", \"seconds\": 3},"
    "{\"pose\": \"seated\", \"seconds\": 3}, {\"pose\": \"kneeling-lunge\", \"sides\": \"right\", \"seconds\": 3},"
    "{\"pose\": \"seated\", \"seconds\": 3}]}";

static void test_hand_written_routine(void **state)
{
    (void)state;
    Routine *r = support_routine(lib, by_hand);
    assert_non_null(r);
    check_routine(r, "by hand");
    routine_free(r);
}

/* The checks above can fail: a pose sunk into the floor and a lunge that
 * does not lengthen are caught. */
static void test_checks_catch_bad_poses(void **state)
{
    (void)state;
    int lunge = poselib_find(lib, "kneeling-lunge");
    Figure *fg = figure_create(lib);
    FigureFrame f;
    figure_pose(fg, lunge, SIDE_LEFT, 0, 0, &f);
    assert_true(f.psoas_ratio[PSOAS_LEFT] >= 1.08f);
    PoseInfo saved = lib->poses[lunge];
    lib->poses[lunge].frames[0].deg[SJ_L_HIP][SKEL_FLEX] = 10; /* back thigh brought forward */
    figure_pose(fg, lunge, SIDE_LEFT, 0, 0, &f);
    assert_true(f.psoas_ratio[PSOAS_LEFT] < 1.08f);
    lib->poses[lunge] = saved;
    figure_destroy(fg);
}

/* Hands hold what the pose says through the breath, on both sides: the
 * kneeling lunge's on the front knee, hand to big toe's on the toe; and
 * the same pose without its contacts leaves the hands off (so the check
 * in check_frame can fail). */
static void test_hands_hold(void **state)
{
    (void)state;
    Figure *fg = figure_create(lib);
    static const char *const ids[] = {"kneeling-lunge", "big-toe", "knee-to-chest", "forward-fold"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        int pose = poselib_find(lib, ids[i]);
        const PoseInfo *p = &lib->poses[pose];
        assert_true(p->contact_count > 0);
        for (int side = 0; side < 3; side++) {
            if (p->one_sided == (side == SIDE_NONE))
                continue;
            for (float b = 0; b <= 1.0f; b += 0.25f) {
                FigureFrame f;
                figure_pose(fg, pose, (Side)side, b, 0, &f);
                for (int k = 0; k < p->contact_count; k++) {
                    bool mirror = side == SIDE_RIGHT;
                    int hand = mirror ? skel_mirror_node(p->contacts[k].hand) : p->contacts[k].hand;
                    int t = p->contacts[k].target;
                    t = t >= 0 && mirror ? skel_mirror_node(t) : t;
                    Vec3 h = f.body.pos[hand];
                    float off = t < 0 ? fabsf(h.y - skel_radius(hand))
                                      : fabsf(vec3_dist(h, f.body.pos[t]) - skel_radius(hand) - skel_radius(t));
                    if (off > 0.005f)
                        fail_msg("%s side %d breath %.2f: %s %.1f%% off", ids[i], side, b, skel_node_name(hand),
                                 off * 100);
                }
            }
        }
        /* without the hold the hand is elsewhere */
        PoseInfo saved = lib->poses[pose];
        lib->poses[pose].contact_count = 0;
        FigureFrame f;
        figure_pose(fg, pose, p->one_sided ? SIDE_LEFT : SIDE_NONE, 0.5f, 0, &f);
        lib->poses[pose] = saved;
        int hand = p->contacts[0].hand, t = p->contacts[0].target;
        Vec3 h = f.body.pos[hand];
        float off = t < 0 ? fabsf(h.y - skel_radius(hand))
                          : fabsf(vec3_dist(h, f.body.pos[t]) - skel_radius(hand) - skel_radius(t));
        if (off < 0.005f && strcmp(ids[i], "forward-fold") != 0)
            fail_msg("%s: the hand is there even without its hold", ids[i]);
    }
    figure_destroy(fg);
}

/* The camel is a gentle one, as its cues say ("Kneel tall, hands on
 * your lower back"; the floor release's "lean back only a little"): the
 * hands rest on the lower back, not reaching for the heels, and the hips
 * stay over the knees, through the breath. */
static void test_camel_as_cued(void **state)
{
    (void)state;
    Figure *fg = figure_create(lib);
    int camel = poselib_find(lib, "camel");
    assert_true(camel >= 0);
    for (float b = 0; b <= 1.0f; b += 0.25f) {
        FigureFrame f;
        figure_pose(fg, camel, SIDE_NONE, b, 0, &f);
        static const int hands[] = {SK_L_HAND, SK_R_HAND};
        for (size_t k = 0; k < 2; k++) {
            int hand = hands[k];
            float off = vec3_dist(f.body.pos[hand], f.body.pos[SK_L5]) - skel_radius(hand) - skel_radius(SK_L5);
            if (off > 0.01f)
                fail_msg("breath %.2f: %s %.1f%% of the height from the lower back", b, skel_node_name(hand),
                         off * 100);
        }
        /* hips over knees: the thighs within 15 degrees of upright */
        Vec3 thigh = vec3_sub(f.body.pos[SK_L_HIP], f.body.pos[SK_L_KNEE]);
        assert_true(thigh.y > 0.96f * vec3_len(thigh));
    }
    figure_destroy(fg);
}

static void test_sides_mirror_and_captions(void **state)
{
    (void)state;
    Figure *fg = figure_create(lib);
    int lunge = poselib_find(lib, "low-lunge");
    FigureFrame l, r;
    figure_pose(fg, lunge, SIDE_LEFT, 0.3f, 0, &l);
    figure_pose(fg, lunge, SIDE_RIGHT, 0.3f, 0, &r);
    assert_float_equal(l.psoas_ratio[PSOAS_LEFT], r.psoas_ratio[PSOAS_RIGHT], 1e-4);
    assert_int_equal(l.stretched, PSOAS_LEFT);
    assert_int_equal(r.stretched, PSOAS_RIGHT);
    /* the second side faces the other way, so its stretched leg stays near the viewer */
    assert_true(l.body.pos[SK_HEAD].x > l.body.pos[SK_L_KNEE].x);
    assert_true(r.body.pos[SK_HEAD].x < r.body.pos[SK_R_KNEE].x);
    assert_true(l.body.pos[SK_L_KNEE].z > 0 && r.body.pos[SK_R_KNEE].z > 0);
    char cap[64];
    poselib_side_caption(&lib->poses[lunge], SIDE_LEFT, cap, sizeof cap);
    assert_string_equal(cap, "left leg back");
    poselib_side_caption(&lib->poses[poselib_find(lib, "knee-to-chest")], SIDE_RIGHT, cap, sizeof cap);
    assert_string_equal(cap, "right leg long");
    poselib_side_caption(&lib->poses[poselib_find(lib, "standing")], SIDE_LEFT, cap, sizeof cap);
    assert_string_equal(cap, "");
    figure_destroy(fg);
}

/* Standing to a kneeling lunge passes through the forward fold: halfway,
 * the trunk leans further forward than at either end. */
static void test_transition_goes_through_fold(void **state)
{
    (void)state;
    Routine *r = support_routine(lib, "{\"title\": \"x\", \"steps\": [{\"pose\": \"standing\", \"seconds\": 5},"
                                      "{\"pose\": \"kneeling-lunge\", \"sides\": \"left\", \"seconds\": 5}]}");
    assert_non_null(r);
    Timeline *tl = timeline_create(r, lib);
    Figure *fg = figure_create(lib);
    TimelineState st;
    FigureFrame f;
    int64_t start = -1, end = -1;
    for (int64_t t = 0; t < 60000; t += 10) {
        timeline_state(tl, t, &st);
        if (st.step == 1 && st.segment == TL_SEG_TRANSITION && start < 0)
            start = t;
        if (st.step == 1 && st.segment == TL_SEG_HOLD) {
            end = t;
            break;
        }
    }
    assert_true(start > 0 && end > start);
    float lean[3];
    int64_t at[3] = {start, (start + end) / 2, end};
    for (int i = 0; i < 3; i++) {
        timeline_state(tl, at[i], &st);
        figure_at(fg, &st, &f);
        Vec3 d = vec3_sub(f.body.pos[SK_C7], f.body.pos[SK_PELVIS]);
        lean[i] = atan2f(d.x, d.y); /* radians forward of upright */
    }
    assert_true(lean[1] > lean[0] + 0.5f && lean[1] > lean[2] + 0.5f);
    /* and the hands come near the floor there */
    timeline_state(tl, at[1], &st);
    figure_at(fg, &st, &f);
    assert_true(f.body.pos[SK_L_HAND].y < 0.25f);
    figure_destroy(fg);
    timeline_destroy(tl);
    routine_free(r);
}

static void test_breath_moves_the_body(void **state)
{
    (void)state;
    Figure *fg = figure_create(lib);
    int lunge = poselib_find(lib, "low-lunge");
    FigureFrame empty, full;
    figure_pose(fg, lunge, SIDE_LEFT, 0, 0, &empty);
    figure_pose(fg, lunge, SIDE_LEFT, 1, 0, &full);
    /* hips lower at the end of the exhale, the chest higher at the top of the inhale */
    assert_true(empty.body.pos[SK_PELVIS].y < full.body.pos[SK_PELVIS].y - 0.003f);
    assert_true(full.body.pos[SK_C7].y > empty.body.pos[SK_C7].y);
    BreathPattern calm = breath_default();
    assert_float_equal(breath_fullness(calm, BREATH_HOLD_IN, 0.3f), 1, 0);
    assert_float_equal(breath_fullness(calm, BREATH_INHALE, 0.5f), 0.5f, 1e-6);
    assert_float_equal(breath_fullness(calm, BREATH_EXHALE, 0.0f), 1, 0);
    figure_destroy(fg);
}

static void test_loops_move(void **state)
{
    (void)state;
    Figure *fg = figure_create(lib);
    int walk = poselib_find(lib, "walking");
    FigureFrame a, b, c;
    figure_pose(fg, walk, SIDE_NONE, 0, 0, &a);
    figure_pose(fg, walk, SIDE_NONE, 0, 600, &b); /* half a 1.2 s stride */
    figure_pose(fg, walk, SIDE_NONE, 0, 1200, &c);
    assert_true(a.body.pos[SK_L_ANKLE].x > a.body.pos[SK_R_ANKLE].x);
    assert_true(b.body.pos[SK_L_ANKLE].x < b.body.pos[SK_R_ANKLE].x);
    assert_float_equal(a.body.pos[SK_L_ANKLE].x, c.body.pos[SK_L_ANKLE].x, 1e-5);
    figure_destroy(fg);
}

static void expect_error(const char *json, const char *line)
{
    Diag d = {0};
    PoseLibrary *l = poselib_parse(json, strlen(json), "p.json", &d);
    assert_null(l);
    for (int i = 0; i < d.count; i++)
        if (strcmp(d.lines[i], line) == 0)
            return;
    for (int i = 0; i < d.count; i++)
        fprintf(stderr, "got: %s\n", d.lines[i]);
    fail_msg("expected: %s", line);
}

#define POSE(extra) "{\"version\": 1, \"poses\": [{\"id\": \"a\", \"name\": \"A\", \"one_sided\": true, \"base\": \"standing\"" extra "}]}"

static void test_pose_file_errors(void **state)
{
    (void)state;
    expect_error(POSE(", \"joints\": {\"l_hips\": [10]}"),
                 "p.json: $.poses[0].joints: unknown key \"l_hips\" (did you mean \"l_hip\"?)");
    expect_error(POSE(", \"joints\": {\"l_hip\": [10, 0, 0, 0]}"),
                 "p.json: $.poses[0].joints.l_hip: expected [flexion, abduction, rotation] in degrees (1 to 3 "
                 "numbers), got an array");
    expect_error(POSE(", \"joints\": {\"l_hip\": [200]}"),
                 "p.json: $.poses[0].joints.l_hip[0]: expected a number from -180 to 180, got 200");
    expect_error(POSE(", \"supports\": {\"l_heel\": \"sofa\"}"),
                 "p.json: $.poses[0].supports.l_heel: expected \"floor\", \"chair\", \"counter\", "
                 "\"pillow\" or \"block\", got \"sofa\"");
    expect_error(POSE(", \"frames\": [{}, {}]"),
                 "p.json: $.poses[0]: a pose with \"frames\" needs \"cycle\": seconds per loop or \"breath\"");
    expect_error(POSE(", \"side_label\": \"leg back\""),
                 "p.json: $.poses[0].side_label: expected text with {side} where \"left\" or \"right\" goes");
    expect_error(POSE(", \"contacts\": {\"l_foot\": \"floor\"}"),
                 "p.json: $.poses[0].contacts: unknown key \"l_foot\"");
    expect_error(POSE(", \"contacts\": {\"l_hand\": \"sofa\"}"),
                 "p.json: $.poses[0].contacts.l_hand: expected a body part (\"r_knee\", \"l_toe\", ...) or \"floor\", "
                 "got \"sofa\"");
    expect_error(POSE(", \"view\": {\"near\": \"up\"}"),
                 "p.json: $.poses[0].view.near: expected \"left\" or \"right\", got \"up\"");
    expect_error(POSE(", \"view\": {\"yaw\": 120}"), "p.json: $.poses[0].view.yaw: expected a number from -90 to 90, got 120");
    expect_error("{\"version\": 1, \"poses\": [{\"id\": \"a\", \"name\": \"A\", \"one_sided\": true, \"base\": \"standing\"}],"
                 " \"routes\": [{\"from\": \"standing\", \"to\": \"lying\", \"via\": [\"a\"]}]}",
                 "p.json: $.routes[0].via[0]: pose \"a\" is one-sided; a route passes through two-sided poses only");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rest_skeleton_proportions),
        cmocka_unit_test(test_joint_directions),
        cmocka_unit_test(test_mirror),
        cmocka_unit_test(test_psoas_geometry),
        cmocka_unit_test(test_every_shipped_routine),
        cmocka_unit_test(test_hand_written_routine),
        cmocka_unit_test(test_checks_catch_bad_poses),
        cmocka_unit_test(test_hands_hold),
        cmocka_unit_test(test_camel_as_cued),
        cmocka_unit_test(test_sides_mirror_and_captions),
        cmocka_unit_test(test_transition_goes_through_fold),
        cmocka_unit_test(test_breath_moves_the_body),
        cmocka_unit_test(test_loops_move),
        cmocka_unit_test(test_pose_file_errors),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
