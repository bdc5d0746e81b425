/* test_breath.c — breath patterns: phases, pacing, formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "breath.h"

static void test_phases_in_order(void **state)
{
    (void)state;
    BreathPattern p = {{4000, 7000, 8000, 0}};
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
    BreathPattern p = {{4000, 0, 6000, 0}};
    float prog;
    assert_int_equal(breath_phase_at(p, 4000, &prog), BREATH_EXHALE);
    assert_float_equal(prog, 0.0f, 1e-6);
    assert_int_equal(breath_phase_at(p, 3999, &prog), BREATH_INHALE);
}

static void test_scaling(void **state)
{
    (void)state;
    BreathPattern p = {{4000, 0, 6000, 1500}};
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
    breath_format((BreathPattern){{4000, 7000, 8000, 0}}, out, sizeof out);
    assert_string_equal(out, "4-7-8-0");
    breath_format((BreathPattern){{4500, 0, 6000, 0}}, out, sizeof out);
    assert_string_equal(out, "4.5-0-6-0");
    assert_string_equal(breath_phase_name(BREATH_HOLD_OUT), "hold out");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phases_in_order),
        cmocka_unit_test(test_empty_holds_are_skipped),
        cmocka_unit_test(test_scaling),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
