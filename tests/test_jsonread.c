/* test_jsonread.c — the strict JSON reader's pieces: quoting user text,
 * suggestions, paths, and the pose library file built on them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "support.h"

static void test_quote_escapes_and_cuts(void **state)
{
    (void)state;
    char out[128];
    jr_quote("a\"b\\c\x01", out, sizeof out);
    assert_string_equal(out, "\"a\\\"b\\\\c\\u0001\"");
    jr_quote("0123456789012345678901234567890123456789XYZ", out, sizeof out);
    assert_string_equal(out, "\"0123456789012345678901234567890123456789...\"");
    jr_quote("\xC3\xA9t\xC3\xA9", out, sizeof out);
    assert_string_equal(out, "\"\xC3\xA9t\xC3\xA9\"");
    char tiny[12];
    jr_quote("a long string that cannot fit", tiny, sizeof tiny);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void test_nearest(void **state)
{
    (void)state;
    const char *keys[] = {"pose", "seconds", "breaths", "sides", "reps"};
    assert_string_equal(jr_nearest("Pose", keys, 5), "pose");
    assert_string_equal(jr_nearest("secconds", keys, 5), "seconds");
    assert_string_equal(jr_nearest("rep", keys, 5), "reps");
    assert_null(jr_nearest("colour", keys, 5));
    assert_null(jr_nearest("", keys, 5));
}

static void test_paths(void **state)
{
    (void)state;
    char a[JR_PATH_MAX], b[JR_PATH_MAX];
    jr_path_key(a, "$", "steps");
    jr_path_index(b, a, 12);
    assert_string_equal(b, "$.steps[12]");
    jr_path_key(a, b, "odd key");
    assert_string_equal(a, "$.steps[12][\"odd key\"]");
    jr_path_key(a, "$", "new\nline");
    assert_string_equal(a, "$[\"new\\u000aline\"]");
}

static void test_utf8_length(void **state)
{
    (void)state;
    assert_int_equal(jr_utf8_length(""), 0);
    assert_int_equal(jr_utf8_length("abc"), 3);
    assert_int_equal(jr_utf8_length("\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80"), 3);
}

static void test_pose_library(void **state)
{
    (void)state;
    PoseLibrary *poses = support_library();
    assert_non_null(poses);
    int lunge = poselib_find(poses, "kneeling-lunge");
    assert_true(lunge >= 0);
    assert_true(poses->poses[lunge].one_sided);
    assert_int_equal(poses->poses[lunge].base, POSE_BASE_KNEELING);
    assert_false(poses->poses[poselib_find(poses, "supine")].one_sided);
    assert_int_equal(poselib_find(poses, "no-such-pose"), -1);
    /* Every pose the figure issue names is present. */
    const char *required[] = {"standing", "seated", "walking", "down-dog", "tabletop", "kneeling-lunge",
                              "low-lunge", "warrior-1", "tree", "big-toe", "foot-on-counter", "camel",
                              "bridge", "supine", "constructive-rest", "knee-to-chest", "leg-raise",
                              "pelvic-tilt", "prone", "frog", "sphinx", "child"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        assert_true(poselib_find(poses, required[i]) >= 0);
    poselib_free(poses);
}

static void test_pose_library_errors(void **state)
{
    (void)state;
    const char *json = "{\"version\": 1, \"poses\": ["
                       "{\"id\": \"a\", \"name\": \"A\", \"one_sided\": false, \"base\": \"standing\"},"
                       "{\"id\": \"a\", \"name\": \"A2\", \"one_sided\": false, \"base\": \"standing\"},"
                       "{\"id\": \"Bad Id\", \"name\": \"B\", \"one_sided\": 1, \"base\": \"floor\"}]}";
    Diag d;
    diag_clear(&d);
    assert_null(poselib_parse(json, strlen(json), "p.json", &d));
    assert_int_equal(d.count, 4);
    assert_string_equal(d.lines[0], "p.json: $.poses[1].id: pose \"a\" is defined twice");
    assert_string_equal(d.lines[1],
                        "p.json: $.poses[2].id: expected an id of lower-case letters, digits and '-', got \"Bad Id\"");
    assert_string_equal(d.lines[2], "p.json: $.poses[2].one_sided: expected true or false, got 1");
    assert_string_equal(d.lines[3], "p.json: $.poses[2].base: expected \"standing\", \"seated\", \"kneeling\", "
                                    "\"all-fours\", \"lying\" or \"prone\", got \"floor\"");
}

static void test_diag_capacity(void **state)
{
    (void)state;
    Diag *d = calloc(1, sizeof *d);
    assert_non_null(d);
    for (int i = 0; i < DIAG_MAX_LINES + 5; i++)
        diag_add(d, "line %d\nsecond", i);
    assert_int_equal(d->count, DIAG_MAX_LINES);
    assert_int_equal(d->dropped, 5);
    assert_int_equal(diag_total(d), DIAG_MAX_LINES + 5);
    assert_string_equal(d->lines[0], "line 0 second");
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_escapes_and_cuts),
        cmocka_unit_test(test_nearest),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_utf8_length),
        cmocka_unit_test(test_pose_library),
        cmocka_unit_test(test_pose_library_errors),
        cmocka_unit_test(test_diag_capacity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
