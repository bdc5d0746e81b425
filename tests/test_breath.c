/* test_breath.c — breath patterns: phases, pacing, formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "breath.h"

/* A pattern in ms, in the order breathed. */
static BreathPattern pat(int32_t in, int32_t top, int32_t hold_in, int32_t out, int32_t hold_out)
{
    BreathPattern p = {{0}};
    p.ms[BREATH_INHALE] = in;
    p.ms[BREATH_TOP_UP] = top;
    p.ms[BREATH_HOLD_IN] = hold_in;
    p.ms[BREATH_EXHALE] = out;
    p.ms[BREATH_HOLD_OUT] = hold_out;
    return p;
}

static void test_phases_in_order(void **state)
{
    (void)state;
    BreathPattern p = pat(4000, 0, 7000, 8000, 0);
    float prog;
    assert_int_equal(breath_cycle_ms(p), 19000);
    assert_int_equal(breath_phase_at(p, 0, &prog), BREATH_INHALE);
    assert_float_equal(prog, 0.0f, 1e-6);
    assert_int_equal(breath_phase_at(p, 2000, &prog), BREATH_INHALE);
    assert_float_equal(prog, 0.5f, 1e-6);
    assert_int_equal(breath_phase_at(p, 4000, &prog), BREATH_HOLD_IN);
    assert_float_equal(prog, 0.0f, 1e-6);
    assert_int_equal(breath_phase_at(p, 11000, &prog), BREATH_EXHALE);
    assert_int_equal(breath_phase_at(p, 18999, &prog), BREATH_EXHALE);
    assert_true(prog > 0.99f);
}

static void test_empty_holds_are_skipped(void **state)
{
    (void)state;
    BreathPattern p = pat(4000, 0, 0, 6000, 0);
    float prog;
    assert_int_equal(breath_phase_at(p, 4000, &prog), BREATH_EXHALE);
    assert_float_equal(prog, 0.0f, 1e-6);
    assert_int_equal(breath_phase_at(p, 3999, &prog), BREATH_INHALE);
}

static void test_scaling(void **state)
{
    (void)state;
    BreathPattern p = pat(4000, 0, 0, 6000, 1500);
    BreathPattern slow = breath_scaled(p, 200), fast = breath_scaled(p, 50);
    assert_int_equal(slow.ms[BREATH_INHALE], 8000);
    assert_int_equal(slow.ms[BREATH_HOLD_OUT], 3000);
    assert_int_equal(fast.ms[BREATH_EXHALE], 3000);
    assert_int_equal(fast.ms[BREATH_HOLD_OUT], 750);
    assert_int_equal(breath_cycle_ms(breath_scaled(p, 110)), 12650);
    assert_true(breath_equal(breath_scaled(p, 100), p));
    assert_false(breath_equal(slow, p));
}

static void test_format(void **state)
{
    (void)state;
    char out[32];
    breath_format(pat(4000, 0, 7000, 8000, 0), out, sizeof out);
    assert_string_equal(out, "4-7-8-0");
    breath_format(pat(4500, 0, 0, 6000, 0), out, sizeof out);
    assert_string_equal(out, "4.5-0-6-0");
    assert_string_equal(breath_phase_name(BREATH_HOLD_OUT), "hold out");
    breath_format(pat(5000, 2000, 0, 10000, 0), out, sizeof out);
    assert_string_equal(out, "5+2-0-10-0");
    breath_format(pat(5500, 1500, 0, 5500, 0), out, sizeof out);
    assert_string_equal(out, "5.5+1.5-0-5.5-0");
}

/* The top-up comes between the inhale and the hold, and the lungs rise
 * twice: to BREATH_TOP_UP_FROM through the inhale, the rest in the top-up. */
static void test_top_up(void **state)
{
    (void)state;
    BreathPattern p = pat(4000, 1000, 0, 8000, 0);
    float prog;
    assert_int_equal(breath_cycle_ms(p), 13000);
    assert_int_equal(breath_phase_at(p, 3999, &prog), BREATH_INHALE);
    assert_int_equal(breath_phase_at(p, 4000, &prog), BREATH_TOP_UP);
    assert_float_equal(prog, 0.0f, 1e-6);
    assert_int_equal(breath_phase_at(p, 4500, &prog), BREATH_TOP_UP);
    assert_float_equal(prog, 0.5f, 1e-6);
    assert_int_equal(breath_phase_at(p, 5000, &prog), BREATH_EXHALE);
    assert_string_equal(breath_phase_name(BREATH_TOP_UP), "top-up");
    /* scaled like every phase */
    assert_int_equal(breath_scaled(p, 150).ms[BREATH_TOP_UP], 1500);

    /* fullness: monotonic through inhale and top-up, no jump between them */
    float last = -1;
    for (int64_t t = 0; t < 5000; t += 50) {
        BreathPhase ph = breath_phase_at(p, t, &prog);
        float f = breath_fullness(p, ph, prog);
        assert_true(f >= last);
        assert_true(f - last < 0.05f || last < 0);
        last = f;
    }
    assert_float_equal(breath_fullness(p, BREATH_INHALE, 1.0f), BREATH_TOP_UP_FROM, 1e-6);
    assert_float_equal(breath_fullness(p, BREATH_TOP_UP, 1.0f), 1.0f, 1e-6);
    assert_float_equal(breath_fullness(p, BREATH_EXHALE, 0.0f), 1.0f, 1e-6);
    /* without a top-up the inhale fills the lungs on its own */
    assert_float_equal(breath_fullness(pat(4000, 0, 0, 6000, 0), BREATH_INHALE, 1.0f), 1.0f, 1e-6);
    assert_float_equal(breath_fullness(p, BREATH_HOLD_IN, 0.3f), 1.0f, 0);
    assert_float_equal(breath_fullness(p, BREATH_HOLD_OUT, 0.3f), 0.0f, 0);
    assert_true(breath_is_hold(BREATH_HOLD_IN) && breath_is_hold(BREATH_HOLD_OUT));
    assert_false(breath_is_hold(BREATH_TOP_UP));
}

static void test_parse(void **state)
{
    (void)state;
    BreathPattern p;
    assert_true(breath_parse("4-7-8-0", &p));
    assert_true(breath_equal(p, pat(4000, 0, 7000, 8000, 0)));
    assert_true(breath_parse("4-7-8", &p));
    assert_true(breath_equal(p, pat(4000, 0, 7000, 8000, 0)));
    assert_true(breath_parse("5.5-0-5.5-0", &p));
    assert_true(breath_equal(p, pat(5500, 0, 0, 5500, 0)));
    assert_true(breath_parse("4-6", &p));
    assert_true(breath_equal(p, pat(4000, 0, 0, 6000, 0)));
    assert_true(breath_parse("5+2-0-10-0", &p));
    assert_true(breath_equal(p, pat(5000, 2000, 0, 10000, 0)));
    /* what breath_format writes reads back */
    char out[32];
    breath_format(pat(4500, 1500, 3000, 9500, 2000), out, sizeof out);
    assert_true(breath_parse(out, &p));
    assert_true(breath_equal(p, pat(4500, 1500, 3000, 9500, 2000)));
    static const char *const bad[] = {"", "4", "4-", "0-0-6-0", "4-7-0-0", "4.3-0-6-0", "21-0-6-0",
                                      "4-31-6-0", "4+6-0-6-0", "4-0-6-0-0", "4-0-6-0x", "-4-0-6-0",
                                      "4--6", "box", "nan-0-6-0", "4-0-inf-0", "4-0.5"};
    BreathPattern keep = pat(1000, 0, 0, 1000, 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        p = keep;
        if (breath_parse(bad[i], &p))
            fail_msg("accepted '%s'", bad[i]);
        assert_true(breath_equal(p, keep));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phases_in_order),
        cmocka_unit_test(test_empty_holds_are_skipped),
        cmocka_unit_test(test_scaling),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_top_up),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
