/* test_leave.c — the kiosk's leave screen (--kiosk) in the real app,
 * headless: Esc on the picker opens it rather than quitting; Back and Esc
 * return; "Turn off" wants a second press within five seconds and then
 * runs the power-off request ($PSOAS_COACH_POWEROFF stands in for
 * `systemctl poweroff`: a real process, whose success and failure the
 * screen reports); "Close" quits, logging why. Without --kiosk, Esc on the
 * picker quits. Every screen change is logged. The screen is drawn at
 * 800x480, 720x1280 and 3840x2160 and must stay inside the frame; the
 * frames are kept as leave-WxH.bmp in the test's folder to look at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <SDL.h>

#include "harness.h"

/* A kiosk's picker, on the Raspberry Pi touch display. */
static int setup(void **state)
{
    Harness *h = harness_create("leave");
    h->o.kiosk = true;
    h->o.width = 800;
    h->o.height = 480;
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    unsetenv("PSOAS_COACH_POWEROFF");
    return harness_teardown(state);
}

/* A key, then frames past the fades; false once the app closes. */
static bool press(Harness *h, SDL_Scancode sc)
{
    harness_key(sc);
    return harness_run(h, 400);
}

static bool logged(Harness *h, const char *s)
{
    return harness_logged(h, s) > 0;
}

/* Esc opens the leave screen; Esc and Back return to the picker. */
static void test_back(void **state)
{
    Harness *h = *state;
    harness_start(h, NULL);
    assert_true(harness_run(h, 500));
    assert_string_equal(harness_screen(h), "picker");
    assert_true(press(h, SDL_SCANCODE_ESCAPE));
    assert_string_equal(harness_screen(h), "leave");
    assert_true(logged(h, "screen: leave\n"));
    assert_true(press(h, SDL_SCANCODE_ESCAPE));
    assert_string_equal(harness_screen(h), "picker");
    assert_true(logged(h, "screen: back to picker\n"));
    /* Down to "Back", Enter */
    assert_true(press(h, SDL_SCANCODE_ESCAPE));
    assert_true(press(h, SDL_SCANCODE_DOWN));
    assert_true(press(h, SDL_SCANCODE_RETURN));
    assert_string_equal(harness_screen(h), "picker");
    assert_false(logged(h, "asking to turn off"));
}

/* Turn off: one press arms it, five seconds disarm it, two presses run
 * the request, whose success the log reports. */
static void test_turn_off(void **state)
{
    Harness *h = *state;
    char mark[300], cmd[400];
    snprintf(mark, sizeof mark, "%s/turned-off", h->dir);
    snprintf(cmd, sizeof cmd, "echo off > '%s'", mark);
    setenv("PSOAS_COACH_POWEROFF", cmd, 1);
    harness_start(h, NULL);
    assert_true(harness_run(h, 500));
    assert_true(press(h, SDL_SCANCODE_ESCAPE));
    assert_true(press(h, SDL_SCANCODE_RETURN));
    assert_true(logged(h, "waiting for a second press"));
    assert_true(harness_run(h, 6000));
    assert_true(logged(h, "not confirmed in time"));
    assert_int_not_equal(access(mark, F_OK), 0);
    assert_true(press(h, SDL_SCANCODE_RETURN));
    assert_true(press(h, SDL_SCANCODE_RETURN));
    assert_true(logged(h, "asking to turn off"));
    for (int i = 0; i < 100 && !logged(h, "turning off: the system accepted"); i++) {
        usleep(20000); /* the child runs in real time */
        assert_true(harness_run(h, HARNESS_FRAME_MS));
    }
    assert_true(logged(h, "turning off: the system accepted"));
    assert_int_equal(access(mark, F_OK), 0);
    assert_string_equal(harness_screen(h), "leave"); /* until the system stops the program */
}

/* A refused request is said on the screen and in the log; the choices
 * work again. */
static void test_refused(void **state)
{
    Harness *h = *state;
    setenv("PSOAS_COACH_POWEROFF", "exit 3", 1);
    harness_start(h, NULL);
    assert_true(harness_run(h, 500));
    assert_true(press(h, SDL_SCANCODE_ESCAPE));
    assert_true(press(h, SDL_SCANCODE_SPACE));
    assert_true(press(h, SDL_SCANCODE_SPACE));
    for (int i = 0; i < 100 && !logged(h, "cannot turn off"); i++) {
        usleep(20000);
        assert_true(harness_run(h, HARNESS_FRAME_MS));
    }
    assert_true(logged(h, "power: cannot turn off: the system refused (exit status 3"));
    assert_true(press(h, SDL_SCANCODE_ESCAPE));
    assert_string_equal(harness_screen(h), "picker");
}

/* "Close to the login prompt" quits and says why; without --kiosk, Esc on
 * the picker quits at once. */
static void test_close(void **state)
{
    Harness *h = *state;
    harness_start(h, NULL);
    assert_true(harness_run(h, 500));
    assert_true(press(h, SDL_SCANCODE_ESCAPE));
    assert_true(press(h, SDL_SCANCODE_UP)); /* wraps to the last choice */
    assert_false(press(h, SDL_SCANCODE_RETURN));
    assert_true(logged(h, "app: quitting: closed to the login prompt\n"));
    h->o.kiosk = false;
    harness_mark(h);
    harness_start(h, NULL);
    assert_true(harness_run(h, 500));
    assert_false(press(h, SDL_SCANCODE_ESCAPE));
    assert_true(logged(h, "app: quitting: Esc on the picker\n"));
    assert_false(logged(h, "screen: leave"));
}

/* The rows of the frame that are not all one colour (the background). */
static void content_rows(SDL_Surface *s, int *first, int *last)
{
    const Uint32 *px = s->pixels;
    int pitch = s->pitch / 4;
    Uint32 bg = px[0];
    *first = -1;
    *last = -1;
    for (int y = 0; y < s->h; y++) {
        for (int x = 0; x < s->w; x++) {
            if (px[y * pitch + x] != bg) {
                if (*first < 0)
                    *first = y;
                *last = y;
                break;
            }
        }
    }
}

/* At the smallest, a portrait and a 4K size, the screen's content lies
 * inside the frame with a margin, its widest line too. */
static void test_fits(void **state)
{
    Harness *h = *state;
    static const int sizes[][2] = {{800, 480}, {720, 1280}, {3840, 2160}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        h->o.width = sizes[i][0];
        h->o.height = sizes[i][1];
        harness_mark(h);
        harness_start(h, NULL);
        assert_true(harness_run(h, 500));
        assert_true(press(h, SDL_SCANCODE_ESCAPE));
        assert_true(press(h, SDL_SCANCODE_RETURN)); /* the longer message: "Press Enter again" */
        SDL_Surface *s = harness_picture();
        assert_non_null(s);
        int ow = s->w, oh = s->h;
        char name[64];
        snprintf(name, sizeof name, "leave-%dx%d.bmp", sizes[i][0], sizes[i][1]);
        SDL_SaveBMP(s, name);
        int first, last;
        content_rows(s, &first, &last);
        assert_true(first > 0);
        assert_true(last < oh - 1);
        /* the columns: transposed check on the widest rows */
        const Uint32 *px = s->pixels;
        int pitch = s->pitch / 4;
        for (int y = 0; y < oh; y++) {
            assert_int_equal(px[y * pitch], px[0]);
            assert_int_equal(px[y * pitch + ow - 1], px[0]);
        }
        SDL_FreeSurface(s);
        harness_stop(h);
    }
}

int main(void)
{
    harness_headless("dummy");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_turn_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
