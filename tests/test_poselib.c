/* test_poselib.c — what the composer reads from the pose library: the
 * families, focuses, intensity, hold range and cue bank of every pose,
 * each bad value one line naming the file and the JSON path, what
 * --avoid kneeling and --avoid floor derive from the supports, and that
 * a still pose's arms do alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include <cmocka.h>

#include "support.h"

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

#define HEAD "{\"version\": 1, \"poses\": [{\"id\": \"a\", \"name\": \"A\", \"one_sided\": false, \"base\": \"standing\""
#define META_OK "\"families\": [\"warm-up\"], \"focuses\": [\"desk\"], \"intensity\": 1, \"hold\": {\"min\": 15, \"max\": 60}, \"cues\": [\"Stand.\"]"

static void test_good_metadata(void **state)
{
    (void)state;
    const char *json = HEAD ", " META_OK "}]}";
    Diag d = {0};
    PoseLibrary *l = poselib_parse(json, strlen(json), "p.json", &d);
    assert_non_null(l);
    assert_int_equal(l->poses[0].families, 1u << FAMILY_WARM_UP);
    assert_int_equal(l->poses[0].focuses, 1u << FOCUS_DESK);
    assert_int_equal(l->poses[0].hold_min_s, 15);
    assert_int_equal(l->poses[0].hold_max_s, 60);
    assert_int_equal(l->poses[0].cue_count, 1);
    assert_string_equal(l->poses[0].cues[0], "Stand.");
    poselib_free(l);
}

/* A pose with none of the keys loads, and is never chosen. */
static void test_no_metadata(void **state)
{
    (void)state;
    const char *json = HEAD "}]}";
    Diag d = {0};
    PoseLibrary *l = poselib_parse(json, strlen(json), "p.json", &d);
    assert_non_null(l);
    assert_int_equal(l->poses[0].families, 0);
    assert_int_equal(l->poses[0].cue_count, 0);
    poselib_free(l);
}

static void test_metadata_errors(void **state)
{
    (void)state;
    expect_error(HEAD ", \"intensity\": 2}]}", "p.json: $.poses[0]: missing required key \"families\"");
    expect_error(HEAD ", \"families\": [\"lunges\"], \"focuses\": [], \"intensity\": 1, \"hold\": {\"min\": 15, \"max\": 60}, \"cues\": [\"x\"]}]}",
                 "p.json: $.poses[0].families[0]: expected \"warm-up\", \"lunge\", \"balance\", \"backbend\", "
                 "\"hip-opener\", \"release\", \"rest\" or \"transition\", got \"lunges\"");
    expect_error(HEAD ", \"families\": [], \"focuses\": [], \"intensity\": 1, \"hold\": {\"min\": 15, \"max\": 60}, \"cues\": [\"x\"]}]}",
                 "p.json: $.poses[0].families: expected at least one family");
    expect_error(HEAD ", \"families\": [\"rest\"], \"focuses\": [\"yin\", \"yin\"], \"intensity\": 1, \"hold\": {\"min\": 15, \"max\": 60}, \"cues\": [\"x\"]}]}",
                 "p.json: $.poses[0].focuses[1]: \"yin\" is named twice");
    expect_error(HEAD ", \"families\": [\"rest\"], \"focuses\": [], \"intensity\": 4, \"hold\": {\"min\": 15, \"max\": 60}, \"cues\": [\"x\"]}]}",
                 "p.json: $.poses[0].intensity: expected a whole number from 1 to 3, got 4");
    expect_error(HEAD ", \"families\": [\"rest\"], \"focuses\": [], \"intensity\": 1, \"hold\": {\"min\": 60, \"max\": 15}, \"cues\": [\"x\"]}]}",
                 "p.json: $.poses[0].hold.max: expected at least the minimum, 60, got 15");
    expect_error(HEAD ", \"families\": [\"rest\"], \"focuses\": [], \"intensity\": 1, \"hold\": {\"min\": 15, \"most\": 60}, \"cues\": [\"x\"]}]}",
                 "p.json: $.poses[0].hold: unknown key \"most\"");
    expect_error(HEAD ", \"families\": [\"rest\"], \"focuses\": [], \"intensity\": 1, \"hold\": {\"min\": 15, \"max\": 60}, \"cues\": []}]}",
                 "p.json: $.poses[0].cues: expected an array of 1 to 6 cues, got 0");
    expect_error(HEAD ", \"families\": [\"rest\"], \"focuses\": [], \"intensity\": 1, \"hold\": {\"min\": 15, \"max\": 60}, \"cues\": [\"\"]}]}",
                 "p.json: $.poses[0].cues[0]: expected a string of 1 to 200 characters, got an empty string");
}

/* Every shipped pose: a family, a hold range the scaler's floors allow,
 * cues; the derived avoid rules on known poses. */
static void test_shipped_poses(void **state)
{
    (void)state;
    int rests = 0;
    for (int i = 0; i < lib->count; i++) {
        const PoseInfo *p = &lib->poses[i];
        assert_true(p->families != 0);
        assert_true(p->intensity >= 1 && p->intensity <= 3);
        assert_true(p->hold_min_s >= 15 && p->hold_max_s >= p->hold_min_s && p->hold_max_s <= 300);
        assert_true(p->cue_count >= 2);
        rests += (p->families >> FAMILY_REST) & 1;
    }
    assert_true(rests >= 3);
    struct {
        const char *id;
        bool kneels, floor;
    } cases[] = {
        {"kneeling-lunge", true, true}, {"tabletop", true, true},   {"child", true, true},
        {"down-dog", false, true},      {"bridge", false, true},    {"standing", false, false},
        {"seated", false, false},       {"foot-on-counter", false, false}, {"tree", false, false},
        {"psoas-release", false, true}, {"counter-lunge", false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int k = poselib_find(lib, cases[i].id);
        assert_true(k >= 0);
        if (poselib_kneels(&lib->poses[k]) != cases[i].kneels || poselib_on_floor(&lib->poses[k]) != cases[i].floor)
            fail_msg("%s: kneels %d floor %d", cases[i].id, poselib_kneels(&lib->poses[k]),
                     poselib_on_floor(&lib->poses[k]));
    }
}

/* Whether HAND holds or rests on something in pose P. */
static bool holds(const PoseInfo *p, int hand)
{
    for (int i = 0; i < p->contact_count; i++)
        if (p->contacts[i].hand == hand)
            return true;
    return false;
}

/* A still pose's two arms do alike (both up, both resting, both on the
 * floor), unless one hand holds something the other does not (hand to
 * big toe): one arm forward and one up reads as a mistake from the mat.
 * Moving poses (walking) swing them in turn. */
static void test_arms_alike(void **state)
{
    (void)state;
    enum { MAX_APART = 20 }; /* degrees, each way */
    for (int k = 0; k < lib->count; k++) {
        const PoseInfo *p = &lib->poses[k];
        if (p->frame_count > 1 || holds(p, SK_L_HAND) != holds(p, SK_R_HAND))
            continue;
        static const SkelJoint left[] = {SJ_L_SHOULDER, SJ_L_ELBOW}, right[] = {SJ_R_SHOULDER, SJ_R_ELBOW};
        for (int j = 0; j < 2; j++) {
            float a = p->frames[0].deg[left[j]][SKEL_FLEX], b = p->frames[0].deg[right[j]][SKEL_FLEX];
            if (fabsf(a - b) > MAX_APART)
                fail_msg("%s: the left arm's joint %d bends %.0f degrees, the right's %.0f", p->id, j, a, b);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_metadata),
        cmocka_unit_test(test_no_metadata),
        cmocka_unit_test(test_metadata_errors),
        cmocka_unit_test(test_shipped_poses),
        cmocka_unit_test(test_arms_alike),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
