/* test_numarg.c — numbers from the command line: what fits is read
 * exactly, and everything else (signs, spaces, hex, exponents, values
 * past a range or past what a long or an int holds) is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "numarg.h"

static void test_int(void **state)
{
    (void)state;
    long v = -1;
    assert_true(numarg_int("10", 1, 180, &v));
    assert_int_equal(v, 10);
    assert_true(numarg_int("0180", 1, 180, &v));
    assert_int_equal(v, 180);
    const char *bad[] = {"", " 10", "10 ", "+10", "-1", "0x10", "1e2", "10.0", "181", "0",
                         "99999999999999999999999", "4294967312", "ten"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = -7;
        if (numarg_int(bad[i], 1, 180, &v) || v != -7)
            fail_msg("'%s' taken", bad[i]);
    }
}

static void test_double(void **state)
{
    (void)state;
    double v = 0;
    assert_true(numarg_double("0.1", 0.1, 1000, &v));
    assert_true(v == 0.1);
    assert_true(numarg_double("1000", 0.1, 1000, &v));
    assert_true(numarg_double(".5", 0.1, 1000, &v));
    assert_true(v == 0.5);
    assert_true(numarg_double("2.", 0.1, 1000, &v));
    assert_true(v == 2.0);
    const char *bad[] = {"", ".", "1000.001", "0.09", "-1", "+2", " 2", "2 ", "0x10", "1e2", "inf", "nan",
                         "1.2.3", "1,5", "1" "000000000000000000000000000000000000000000000000000000000000000000000000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = -7;
        if (numarg_double(bad[i], 0.1, 1000, &v) || v != -7)
            fail_msg("'%s' taken", bad[i]);
    }
}

static void test_size(void **state)
{
    (void)state;
    int w = 0, h = 0;
    assert_true(numarg_size("640x360", 16, 7680, 4320, &w, &h));
    assert_int_equal(w, 640);
    assert_int_equal(h, 360);
    assert_true(numarg_size("7680X4320", 16, 7680, 4320, &w, &h));
    assert_true(numarg_size("16x16", 16, 7680, 4320, &w, &h));
    /* 4294967312 is 2^32 + 16: a 32-bit int would wrap it to 16 */
    const char *bad[] = {"4294967312x16", "16x4294967312", "18446744073709551632x16", "-16x16", "15x16",
                         "7681x100", "100x4321", "640x", "x360", "640", "640x360x1", " 640x360", "640 x360",
                         "640x+360", "0x10x10", "6.4e2x360", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        w = h = -7;
        if (numarg_size(bad[i], 16, 7680, 4320, &w, &h) || w != -7 || h != -7)
            fail_msg("'%s' taken as %dx%d", bad[i], w, h);
    }
}

static void test_time(void **state)
{
    (void)state;
    int64_t ms = -1;
    assert_true(numarg_time_ms("90", 86400, &ms));
    assert_int_equal(ms, 90000);
    assert_true(numarg_time_ms("1:30", 86400, &ms));
    assert_int_equal(ms, 90000);
    assert_true(numarg_time_ms("1:30.5", 86400, &ms));
    assert_int_equal(ms, 90500);
    assert_true(numarg_time_ms("0.25", 86400, &ms));
    assert_int_equal(ms, 250);
    assert_true(numarg_time_ms("1440:00", 86400, &ms));
    assert_int_equal(ms, 86400000);
    const char *bad[] = {"", ":", "1:", ":30", "1:60", "1:-5", "-5", "1.5:00", "1:2:3", "86400.5", "1441:00",
                         "1e3", "inf", "nan", "0x10", " 5", "5s",
                         "99999999999999999999999999:00", "4294967312:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ms = -7;
        if (numarg_time_ms(bad[i], 86400, &ms) || ms != -7)
            fail_msg("'%s' taken as %lld ms", bad[i], (long long)ms);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_double),
        cmocka_unit_test(test_size),
        cmocka_unit_test(test_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
