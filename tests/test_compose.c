/* test_compose.c — practices made for you, over hundreds of seeds and
 * every focus, avoid set and length from 5 to 60 minutes: the total
 * within 5%, every avoid honoured, both sides equal, no pose twice in a
 * row on one side, at most COMPOSE_MAX_BASE_CHANGES changes of base, the
 * ending rule, what the focus promises even when the focus's own poses
 * are too few (gentle: nothing deep; yin: every hold a minute or more),
 * holds in whole 5 s, one-sided poses repeated evenly, the same seed the
 * same practice, enough variety, and a saved practice that loads into the
 * same plan; the figure followed through made practices, moves between
 * poses included, never kneels when kneeling is avoided and never shows a
 * counter while it goes down to the floor. The rules are checked from
 * the pose data (supports, families), not through the composer's own
 * helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <unistd.h>

#include "compose.h"
#include "figure.h"
#include "support.h"
#include "timeline.h"

typedef struct Rows {
    int64_t first[ROUTINE_MAX_STEPS]; /* each step's first hold */
    bool unequal;                     /* a hold of a step differed from its first */
    int last_pose;                    /* the hold before */
    Side last_side;
    int repeated;                     /* 1 + a pose twice in a row on one side; 0: none */
    int holds;
    TimelinePlanRow rows[1024];       /* every row, to compare plans */
    int count;
} Rows;

static void row(const TimelinePlanRow *r, void *user)
{
    Rows *h = user;
    if (h->count < 1024)
        h->rows[h->count++] = *r;
    if (r->segment != TL_SEG_HOLD)
        return;
    if (h->holds++ > 0 && r->pose == h->last_pose && r->side == h->last_side)
        h->repeated = r->pose + 1;
    h->last_pose = r->pose;
    h->last_side = r->side;
    if (h->first[r->step] == 0)
        h->first[r->step] = r->length_ms;
    else if (h->first[r->step] != r->length_ms)
        h->unequal = true;
}

static bool floor_part(const PoseInfo *p)
{
    for (int i = 0; i < p->support_count; i++) {
        int n = p->supports[i].node;
        bool foot = n == SK_L_HEEL || n == SK_R_HEEL || n == SK_L_TOE || n == SK_R_TOE;
        if (!foot && p->supports[i].surface != SURFACE_CHAIR && p->supports[i].surface != SURFACE_COUNTER)
            return true;
    }
    return false;
}

static bool knee_down(const PoseInfo *p)
{
    for (int i = 0; i < p->support_count; i++)
        if ((p->supports[i].node == SK_L_KNEE || p->supports[i].node == SK_R_KNEE) &&
            p->supports[i].surface == SURFACE_FLOOR)
            return true;
    return false;
}

/* Makes and checks one practice; returns it (caller frees). */
static Routine *check_one(const ComposeOptions *o)
{
    char why[200];
    Routine *r = compose_make(lib, o, why, sizeof why);
    if (!r)
        fail_msg("focus %d avoid %u %d min seed %u: %s", o->focus, o->avoid, o->minutes, o->seed, why);
    static Rows h;
    memset(&h, 0, sizeof h);
    int64_t total = timeline_plan(r, lib, row, &h);
    int64_t target = (int64_t)o->minutes * 60000;
    int64_t off = total > target ? total - target : target - total;
    if (off * 100 > target * 5)
        fail_msg("focus %d avoid %u %d min seed %u: total %lld ms", o->focus, o->avoid, o->minutes, o->seed,
                 (long long)total);
    assert_false(h.unequal);
    if (h.repeated)
        fail_msg("focus %d avoid %u %d min seed %u: %s twice in a row on one side", o->focus, o->avoid,
                 o->minutes, o->seed, lib->poses[h.repeated - 1].id);
    int changes = 0, most_reps = 0, fewest_reps = ROUTINE_MAX_REPS;
    for (int i = 0; i < r->step_count; i++) {
        const PoseInfo *p = &lib->poses[r->steps[i].pose];
        const RoutineStep *s = &r->steps[i];
        if (p->one_sided) {
            assert_int_equal(s->sides, SIDES_BOTH);
            most_reps = s->reps > most_reps ? s->reps : most_reps;
            fewest_reps = s->reps < fewest_reps ? s->reps : fewest_reps;
        } else {
            assert_int_equal(s->reps, 1);
        }
        if (s->hold_ms % 5000 != 0 || s->hold_ms < 15000 || s->hold_ms > 300000)
            fail_msg("focus %d avoid %u %d min seed %u: %s holds %lld ms", o->focus, o->avoid, o->minutes, o->seed,
                     p->id, (long long)s->hold_ms);
        if (o->focus == FOCUS_GENTLE && p->intensity >= 3)
            fail_msg("gentle, avoid %u %d min seed %u: %s is deep", o->avoid, o->minutes, o->seed, p->id);
        if (o->focus == FOCUS_YIN && s->hold_ms < 60000)
            fail_msg("yin, avoid %u %d min seed %u: %s held %lld ms", o->avoid, o->minutes, o->seed, p->id,
                     (long long)s->hold_ms);
        if (i > 0 && p->base != lib->poses[r->steps[i - 1].pose].base)
            changes++;
        if ((o->avoid & AVOID_KNEELING) && knee_down(p))
            fail_msg("avoid kneeling, got %s", p->id);
        if ((o->avoid & AVOID_FLOOR) &&
            ((p->base != POSE_BASE_STANDING && p->base != POSE_BASE_SEATED) || floor_part(p)))
            fail_msg("avoid floor, got %s", p->id);
        if ((o->avoid & AVOID_BALANCE) && (p->families & (1u << FAMILY_BALANCE)))
            fail_msg("avoid balance, got %s", p->id);
        if ((o->avoid & AVOID_BACKBENDS) && (p->families & (1u << FAMILY_BACKBEND)))
            fail_msg("avoid backbends, got %s", p->id);
        for (int k = 0; k < i; k++)
            if (r->steps[k].pose == r->steps[i].pose)
                fail_msg("%s twice", p->id);
    }
    /* rounds spread over the one-sided poses, not one drilled */
    if (most_reps - fewest_reps > 1)
        fail_msg("focus %d avoid %u %d min seed %u: reps from %d to %d", o->focus, o->avoid, o->minutes, o->seed,
                 fewest_reps, most_reps);
    if (changes > COMPOSE_MAX_BASE_CHANGES)
        fail_msg("focus %d avoid %u %d min seed %u: %d changes of base", o->focus, o->avoid, o->minutes, o->seed,
                 changes);
    /* it opens gently: no deeper pose first while an easy warm-up on the
     * same base waits further on (a bridge before the pelvic tilt) */
    const PoseInfo *opening = &lib->poses[r->steps[0].pose];
    for (int i = 1; i < r->step_count && opening->intensity > 1; i++) {
        const PoseInfo *p = &lib->poses[r->steps[i].pose];
        if ((p->families & (1u << FAMILY_WARM_UP)) && !(p->families & (1u << FAMILY_REST)) && p->intensity == 1 &&
            p->base == opening->base)
            fail_msg("focus %d avoid %u %d min seed %u: opens with %s, the warm-up %s comes later", o->focus,
                     o->avoid, o->minutes, o->seed, opening->id, p->id);
    }
    const PoseInfo *last = &lib->poses[r->steps[r->step_count - 1].pose];
    if (o->avoid & AVOID_FLOOR)
        assert_int_equal(last->base, POSE_BASE_SEATED);
    else if (strcmp(last->id, "constructive-rest") != 0 && strcmp(last->id, "supine") != 0)
        fail_msg("ends in %s", last->id);
    return r;
}

/* Every focus, every avoid set, every length 5-60 in steps of 5. */
static void test_grid(void **state)
{
    (void)state;
    int made = 0;
    for (int focus = 0; focus <= COMPOSE_FOCUS_ALL; focus++)
        for (unsigned avoid = 0; avoid <= AVOID_ALL; avoid++)
            for (int m = COMPOSE_MIN_MINUTES; m <= COMPOSE_MAX_MINUTES; m += 5) {
                ComposeOptions o = {m, focus, avoid, (uint32_t)(20261206 + made)};
                routine_free(check_one(&o));
                made++;
            }
    assert_int_equal(made, 6 * 16 * 12);
}

/* Hundreds of seeds, every length from 5 to 60, avoid sets in turn. */
static void test_seeds(void **state)
{
    (void)state;
    for (uint32_t seed = 1; seed <= 300; seed++) {
        ComposeOptions o = {5 + (int)(seed * 7 % 56), (int)(seed % (COMPOSE_FOCUS_ALL + 1)), seed * 5 % (AVOID_ALL + 1),
                            seed * 2654435761u};
        routine_free(check_one(&o));
    }
}

/* The same options and seed make the same practice; 30 seeds give at
 * least 10 different sequences in every focus. */
static void test_variety(void **state)
{
    (void)state;
    for (int focus = 0; focus <= COMPOSE_FOCUS_ALL; focus++) {
        char seqs[30][256];
        int distinct = 0;
        for (int s = 0; s < 30; s++) {
            ComposeOptions o = {20, focus, 0, compose_seed_of_date(2026, 12, 1 + s)};
            Routine *a = check_one(&o), *b = check_one(&o);
            assert_int_equal(a->step_count, b->step_count);
            size_t used = 0;
            seqs[s][0] = 0;
            for (int i = 0; i < a->step_count; i++) {
                assert_int_equal(a->steps[i].pose, b->steps[i].pose);
                assert_int_equal(a->steps[i].hold_ms, b->steps[i].hold_ms);
                used += (size_t)snprintf(seqs[s] + used, sizeof seqs[s] - used, "%d,", a->steps[i].pose);
            }
            routine_free(a);
            routine_free(b);
            bool seen = false;
            for (int k = 0; k < s; k++)
                seen = seen || strcmp(seqs[k], seqs[s]) == 0;
            distinct += !seen;
        }
        if (distinct < 10)
            fail_msg("focus %s: %d distinct sequences in 30 seeds", compose_focus_name(focus), distinct);
    }
}

/* Saved, a practice loads as a routine with the same plan, row by row. */
static void test_save_loads_the_same(void **state)
{
    (void)state;
    char dir[] = "/tmp/psoas-compose-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/mine.json", dir);
    static Rows a, b;
    for (int i = 0; i < 36; i++) {
        ComposeOptions o = {5 + i * 55 / 35, i % (COMPOSE_FOCUS_ALL + 1), (unsigned)(i * 3) % (AVOID_ALL + 1),
                            (uint32_t)(1000 + i)};
        Routine *r = check_one(&o);
        char why[300];
        assert_true(compose_save(r, lib, path, why, sizeof why));
        Diag *d = calloc(1, sizeof *d);
        Routine *back = routine_load(path, path, lib, d);
        for (int k = 0; !back && k < d->count; k++)
            fprintf(stderr, "%s\n", d->lines[k]);
        free(d);
        assert_non_null(back);
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        int64_t ta = timeline_plan(r, lib, row, &a), tb = timeline_plan(back, lib, row, &b);
        assert_int_equal(ta, tb);
        assert_int_equal(a.count, b.count);
        for (int k = 0; k < a.count; k++) {
            assert_int_equal(a.rows[k].pose, b.rows[k].pose);
            assert_int_equal(a.rows[k].side, b.rows[k].side);
            assert_int_equal(a.rows[k].length_ms, b.rows[k].length_ms);
        }
        for (int k = 0; k < r->step_count; k++) {
            assert_string_equal(r->steps[k].name, back->steps[k].name);
            assert_int_equal(r->steps[k].cue_count, back->steps[k].cue_count);
        }
        assert_string_equal(back->title, COMPOSE_TITLE);
        routine_free(r);
        routine_free(back);
    }
    unlink(path);
    rmdir(dir);
}

/* A knee on the floor with the pelvis held up off it: kneeling, or on
 * all fours. Units are body heights; a knee joint lying on the floor sits
 * about its own half-thickness above it. */
#define KNEE_ON_FLOOR 0.05f
#define PELVIS_UP 0.15f
/* Below this the body is on its way down to the floor or on it (standing
 * the pelvis is about half the body's height up). */
#define PELVIS_AT_COUNTER 0.3f

/* The figure at T_MS: kneeling (a knee down, the pelvis up), or a
 * counter drawn while the body is down. Returns a
 * description of the first fault, or NULL. */
static const char *fault_at(const Figure *fg, Timeline *tl, int64_t t_ms, bool no_kneeling, char *why, size_t size)
{
    TimelineState st;
    FigureFrame f;
    timeline_state(tl, t_ms, &st);
    figure_at(fg, &st, &f);
    const char *seg = timeline_segment_name(st.segment);
    float pelvis = f.body.pos[SK_PELVIS].y;
    for (int k = 0; no_kneeling && k < 2; k++) {
        float knee = f.body.pos[k ? SK_R_KNEE : SK_L_KNEE].y;
        if (knee < KNEE_ON_FLOOR && pelvis > PELVIS_UP) {
            snprintf(why, size, "kneels at %lld ms (%s %s -> %s): knee %.3f, pelvis %.3f", (long long)t_ms, seg,
                     lib->poses[st.from_pose].id, lib->poses[st.pose].id, knee, pelvis);
            return why;
        }
    }
    /* a counter shows only while the body is up at it: it is gone
     * before the body goes down to the floor */
    for (int i = 0; i < f.prop_count; i++) {
        const FigureProp *p = &f.props[i];
        if (p->kind != SURFACE_COUNTER || p->alpha < 0.05f)
            continue;
        if (pelvis < PELVIS_AT_COUNTER) {
            snprintf(why, size, "counter drawn (alpha %.2f) at %lld ms (%s %s -> %s) with the body down, pelvis %.3f",
                     p->alpha, (long long)t_ms, seg, lib->poses[st.from_pose].id, lib->poses[st.pose].id, pelvis);
            return why;
        }
    }
    return NULL;
}

/* Follows the figure through made practices, moves between poses
 * included (every 80 ms of each move, a few moments of each hold): with
 * kneeling avoided no knee goes down on the floor, and in every practice
 * a counter is drawn only while the body is up at it. */
static void test_moves_follow_the_avoid(void **state)
{
    (void)state;
    Figure *fg = figure_create(lib);
    assert_non_null(fg);
    static Rows h;
    char why[300];
    int checked = 0;
    for (uint32_t seed = 1; seed <= 48; seed++) {
        ComposeOptions o = {5 + (int)(seed * 11 % 26), (int)(seed % (COMPOSE_FOCUS_ALL + 1)),
                            seed % 4 == 0 ? 0 : AVOID_KNEELING | (seed * 5 % (AVOID_ALL + 1) & ~AVOID_FLOOR), seed};
        Routine *r = check_one(&o);
        memset(&h, 0, sizeof h);
        timeline_plan(r, lib, row, &h);
        Timeline *tl = timeline_create(r, lib);
        assert_non_null(tl);
        for (int i = 0; i < h.count; i++) {
            const TimelinePlanRow *w = &h.rows[i];
            int64_t t = w->start_ms;
            bool move = w->segment == TL_SEG_TRANSITION || w->segment == TL_SEG_SWITCH;
            int64_t step = move ? 80 : w->length_ms / 4 + 1;
            for (int64_t at = t; at < t + w->length_ms; at += step) {
                const char *f = fault_at(fg, tl, at, o.avoid & AVOID_KNEELING, why, sizeof why);
                if (f)
                    fail_msg("focus %s avoid %u %d min seed %u: %s", compose_focus_name(o.focus), o.avoid, o.minutes,
                             o.seed, f);
                checked++;
            }
        }
        timeline_destroy(tl);
        routine_free(r);
    }
    assert_true(checked > 5000);
    figure_destroy(fg);
}

static void test_words(void **state)
{
    (void)state;
    int f;
    unsigned a;
    char bad[64], names[64];
    assert_true(compose_parse_focus("yin", &f));
    assert_int_equal(f, FOCUS_YIN);
    assert_true(compose_parse_focus("all", &f));
    assert_int_equal(f, COMPOSE_FOCUS_ALL);
    assert_false(compose_parse_focus("lunge", &f));
    assert_true(compose_parse_avoid("floor,backbends", &a, bad, sizeof bad));
    assert_int_equal(a, AVOID_FLOOR | AVOID_BACKBENDS);
    compose_avoid_names(a, names, sizeof names);
    assert_string_equal(names, "floor,backbends");
    assert_false(compose_parse_avoid("floor,knees", &a, bad, sizeof bad));
    assert_string_equal(bad, "knees");
    assert_int_equal(compose_seed_of_date(2026, 12, 6), 20261206u);
    char why[100];
    ComposeOptions o = {61, 0, 0, 1};
    assert_null(compose_make(lib, &o, why, sizeof why));
    assert_string_equal(why, "a made practice is 5 to 60 minutes, not 61");
}

/* A made practice's record id in words, and nothing else taken for one. */
static void test_record_words(void **state)
{
    (void)state;
    char out[96] = "untouched", id[32];
    ComposeOptions o = {20, FOCUS_FLOOR, AVOID_KNEELING, 7};
    compose_record_id(&o, id, sizeof id);
    assert_string_equal(id, "made-floor-20");
    assert_true(compose_record_words(id, out, sizeof out));
    assert_string_equal(out, "Made for you \xC2\xB7 floor \xC2\xB7 20 min");
    assert_true(compose_record_words("made-all-5", out, sizeof out));
    assert_string_equal(out, "Made for you \xC2\xB7 everything \xC2\xB7 5 min");
    assert_true(compose_record_words("made-gentle-60", out, sizeof out));
    assert_string_equal(out, "Made for you \xC2\xB7 gentle \xC2\xB7 60 min");
    static const char *const not_made[] = {"desk-release", "made-", "made-floor", "made-floor-", "made-hips-20",
                                           "made-floor-4", "made-floor-61", "made-floor-020", "made-floor-20x",
                                           "made-floor-99999999999", "made--20", "breathe:box", ""};
    snprintf(out, sizeof out, "untouched");
    for (size_t i = 0; i < sizeof not_made / sizeof not_made[0]; i++) {
        assert_false(compose_record_words(not_made[i], out, sizeof out));
        assert_string_equal(out, "untouched");
    }
    assert_false(compose_record_words(NULL, out, sizeof out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_record_words),
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_variety),
        cmocka_unit_test(test_save_loads_the_same),
        cmocka_unit_test(test_moves_follow_the_avoid),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
