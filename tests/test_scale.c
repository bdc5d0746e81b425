/* test_scale.c — every shipped routine at every length it offers: the
 * total within 5%, each hold within its floor and ceiling, both sides of a
 * step equal, the poses and their order untouched; lengths it cannot reach
 * refused with the routine unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>

#include "scale.h"
#include "support.h"
#include "timeline.h"

/* The hold lengths of every hold row of a plan, by step and side. */
typedef struct Holds {
    int64_t first[ROUTINE_MAX_STEPS]; /* the first hold of the step; 0: none yet */
    bool unequal;                     /* a hold of a step differed from its first */
    int rows;
} Holds;

static void hold_row(const TimelinePlanRow *r, void *user)
{
    Holds *h = user;
    if (r->segment != TL_SEG_HOLD)
        return;
    h->rows++;
    if (h->first[r->step] == 0)
        h->first[r->step] = r->length_ms;
    else if (h->first[r->step] != r->length_ms)
        h->unequal = true;
}

static int64_t hold_ms(const RoutineStep *s)
{
    return s->breaths > 0 ? s->breaths * breath_cycle_ms(s->breath) : s->hold_ms;
}

/* Checks R scaled to MINUTES against ORIG, the routine as written. */
static void check_scaled(const char *id, const Routine *orig, const Routine *r, int minutes)
{
    Holds h = {0};
    int64_t total = timeline_plan(r, lib, hold_row, &h);
    int64_t target = (int64_t)minutes * 60000;
    int64_t off = total > target ? total - target : target - total;
    if (off * 100 > target * SCALE_TOLERANCE_PCT)
        fail_msg("%s at %d min: total %lld ms", id, minutes, (long long)total);
    assert_false(h.unequal);
    assert_int_equal(r->step_count, orig->step_count);
    for (int i = 0; i < r->step_count; i++) {
        const RoutineStep *a = &orig->steps[i], *b = &r->steps[i];
        assert_int_equal(a->pose, b->pose);
        assert_int_equal(a->sides, b->sides);
        assert_true(b->reps >= 1 && b->reps <= ROUTINE_MAX_REPS);
        int64_t was = hold_ms(a), now = hold_ms(b);
        /* the floor: 15 s or 3 breaths (a minute for yin holds), never above the hold as written */
        if (a->breaths > 0) {
            int floor = a->breaths < SCALE_FLOOR_BREATHS ? a->breaths : SCALE_FLOOR_BREATHS;
            if (b->breaths < floor)
                fail_msg("%s at %d min: step %d has %d breaths", id, minutes, i, b->breaths);
        } else {
            int64_t floor = was >= SCALE_YIN_MS ? SCALE_YIN_FLOOR_MS : SCALE_FLOOR_MS;
            if (now < (floor < was ? floor : was))
                fail_msg("%s at %d min: step %d holds %lld ms", id, minutes, i, (long long)now);
        }
        int64_t ceiling = was > SCALE_MAX_MS ? was : SCALE_MAX_MS;
        /* a breath is at most one cycle over the ceiling when rounded */
        if (now > ceiling + (b->breaths > 0 ? breath_cycle_ms(b->breath) : 0))
            fail_msg("%s at %d min: step %d holds %lld ms", id, minutes, i, (long long)now);
    }
}

static void test_every_shipped_routine(void **state)
{
    (void)state;
    DIR *dir = opendir(PSOAS_SOURCE_DIR "/levels");
    assert_non_null(dir);
    int routines = 0, lengths = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        char id[256];
        snprintf(id, sizeof id, "%.*s", (int)(n - 5), e->d_name);
        Routine *orig = support_shipped(lib, id);
        assert_non_null(orig);
        int choices[SCALE_MAX_CHOICES];
        int k = scale_choices(orig, lib, choices, SCALE_MAX_CHOICES);
        /* every routine offers a shorter or a longer length than its own */
        if (k < 2)
            fail_msg("%s offers %d lengths", id, k);
        int64_t own = timeline_plan(orig, lib, NULL, NULL);
        for (int c = 0; c < k; c++) {
            assert_true(c == 0 || choices[c] > choices[c - 1]);
            int64_t ms = (int64_t)choices[c] * 60000;
            assert_true(ms * 3 * 105 >= own * 100 && ms * 100 <= own * 3 * 105);
            Routine *r = support_shipped(lib, id);
            assert_true(scale_routine(r, lib, choices[c]));
            check_scaled(id, orig, r, choices[c]);
            routine_free(r);
            lengths++;
        }
        routine_free(orig);
        routines++;
    }
    closedir(dir);
    assert_true(routines >= 5);
    assert_true(lengths >= 5 * 3);
}

/* Holds alone first: a routine close to its own length keeps its reps. */
static void test_holds_before_reps(void **state)
{
    (void)state;
    Routine *r = support_shipped(lib, "psoas-flow");
    assert_non_null(r);
    assert_true(scale_routine(r, lib, 20));
    Routine *orig = support_shipped(lib, "psoas-flow");
    for (int i = 0; i < r->step_count; i++)
        assert_int_equal(r->steps[i].reps, orig->steps[i].reps);
    check_scaled("psoas-flow", orig, r, 20);
    routine_free(r);
    routine_free(orig);
}

/* Reps change when holds cannot: the yin routine at an hour repeats poses,
 * and keeps its closing rest a single lie. */
static void test_reps_when_holds_cannot(void **state)
{
    (void)state;
    Routine *r = support_shipped(lib, "yin-psoas");
    assert_non_null(r);
    assert_true(scale_routine(r, lib, 60));
    int more = 0;
    for (int i = 0; i < r->step_count; i++)
        more += r->steps[i].reps > 1;
    assert_true(more > 0);
    assert_int_equal(r->steps[r->step_count - 1].reps, 1);
    routine_free(r);
}

/* A length the floors forbid is refused and nothing changes. */
static void test_refused_unchanged(void **state)
{
    (void)state;
    Routine *r = support_shipped(lib, "yin-psoas");
    assert_non_null(r);
    int64_t before = timeline_plan(r, lib, NULL, NULL);
    assert_false(scale_routine(r, lib, 3));
    assert_int_equal(timeline_plan(r, lib, NULL, NULL), before);
    assert_false(scale_routine(r, lib, 0));
    assert_false(scale_routine(r, lib, SCALE_MAX_MINUTES + 1));
    /* the yin holds keep a minute: 10 minutes is the least offered */
    int choices[SCALE_MAX_CHOICES];
    int k = scale_choices(r, lib, choices, SCALE_MAX_CHOICES);
    assert_true(k > 0);
    assert_int_equal(choices[0], 10);
    routine_free(r);
}

/* A hand-made routine: both sides equal after scaling, breaths counted. */
static void test_breaths_and_sides(void **state)
{
    (void)state;
    Routine *r = support_routine(lib, "{\"title\": \"T\", \"steps\": ["
                                      "{\"pose\": \"low-lunge\", \"sides\": \"both\", \"seconds\": 40, \"reps\": 2},"
                                      "{\"pose\": \"supine\", \"breaths\": 6}]}");
    assert_non_null(r);
    Routine *orig = support_routine(lib, "{\"title\": \"T\", \"steps\": ["
                                         "{\"pose\": \"low-lunge\", \"sides\": \"both\", \"seconds\": 40, \"reps\": 2},"
                                         "{\"pose\": \"supine\", \"breaths\": 6}]}");
    assert_true(scale_routine(r, lib, 10));
    check_scaled("t", orig, r, 10);
    assert_true(r->steps[1].breaths > 6);
    assert_int_equal(r->steps[0].hold_ms % SCALE_ROUND_MS, 0);
    routine_free(r);
    routine_free(orig);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_shipped_routine),
        cmocka_unit_test(test_holds_before_reps),
        cmocka_unit_test(test_reps_when_holds_cannot),
        cmocka_unit_test(test_refused_unchanged),
        cmocka_unit_test(test_breaths_and_sides),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
