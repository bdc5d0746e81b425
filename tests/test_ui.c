/* test_ui.c — the real app, headless: SDL's offscreen video driver, events
 * pushed into SDL's own queue, and a clock of the test's own handed to
 * app_frame, so minutes of practice run in a moment and every run is the
 * same. Checks every control's state change and --log line, pause
 * stopping the clock, the screens (picker, session, pause, help, summary),
 * the practice history a session leaves, the text cache's render count,
 * the layout's text size and the themes' contrast, and text over a plain
 * backdrop drawn from opaque boxes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <SDL.h>
#include <SDL_ttf.h>

#include "compose.h"
#include "harness.h"
#include "history.h"
#include "screens.h"
#include "textcache.h"
#include "theme.h"
#include "timeline.h"
#include "ui.h"

static void count_hold(const TimelinePlanRow *r, void *user)
{
    if (r->segment == TL_SEG_HOLD)
        ++*(int *)user;
}

/* The whole routine at 10x: every hold logged in order, finished, the
 * summary, one history record marked finished, then the picker. */
static void test_whole_routine(void **state)
{
    Harness *h = *state;
    h->o.speed = 10;
    harness_start(h, "desk-release");
    assert_string_equal(harness_screen(h), "session");
    harness_run(h, 62000); /* 620 s of practice; the routine is 593 s */
    assert_int_equal(harness_logged(h, "session: 9:53.0 finished\n"), 1);
    int holds = 0;
    timeline_plan(h->routine, h->lib, count_hold, &holds);
    assert_true(holds >= 5);
    assert_int_equal(harness_logged(h, "hold step "), holds);
    const char *p = h->log;
    for (int step = 1; step <= 5; step++) {
        char want[64];
        snprintf(want, sizeof want, "step %d/5 started", step);
        const char *q = strstr(h->log, want);
        assert_non_null(q);
        assert_true(q >= p); /* in order */
        p = q;
    }
    assert_string_equal(harness_screen(h), "summary");
    assert_int_equal(harness_history_count(h), 1);
    char path[512];
    harness_state_file(h, "history.jsonl", path, sizeof path);
    History *hist = history_load(path);
    const HistoryRecord *r = history_get(hist, 0);
    assert_string_equal(r->routine, "desk-release");
    assert_true(r->finished);
    assert_int_equal(r->steps, 5);
    assert_int_equal(r->of, 5);
    assert_in_range(r->seconds, 590, 600);
    history_free(hist);
    harness_press(h, SDL_SCANCODE_SPACE);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "picker");
    assert_int_equal(harness_history_count(h), 1);
}

/* Every control in a session: its state change and its log line. */
static void test_controls(void **state)
{
    Harness *h = *state;
    harness_start(h, "desk-release");
    harness_run_to_practice(h, 12000); /* in the first hold (seated, 9..49 s) */
    SessionView v = harness_view(h);
    assert_int_equal(v.tl.segment, TL_SEG_HOLD);
    assert_int_equal(v.tl.step, 0);

    /* Space pauses: the clock stops, the overlay shows; Space resumes. */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_SPACE);
    assert_int_equal(harness_logged(h, "paused"), 1);
    assert_true(harness_view(h).tl.paused);
    int64_t at = harness_view(h).tl.practice_ms;
    harness_run(h, 10000);
    assert_int_equal(harness_view(h).tl.practice_ms, at);
    assert_string_equal(harness_screen(h), "pause");
    assert_int_equal(app_idle_ms(h->app, h->now), -1); /* still: the loop may sleep */
    harness_press(h, SDL_SCANCODE_K);
    assert_int_equal(harness_logged(h, "resumed"), 1);
    assert_false(harness_view(h).tl.paused);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "session");
    assert_true(harness_view(h).tl.practice_ms > at);
    assert_int_equal(app_idle_ms(h->app, h->now), 0); /* moving */

    /* Right, N, PageDown go on; Left, P, PageUp go back. */
    static const SDL_Scancode nexts[] = {SDL_SCANCODE_RIGHT, SDL_SCANCODE_N, SDL_SCANCODE_PAGEDOWN};
    static const SDL_Scancode prevs[] = {SDL_SCANCODE_LEFT, SDL_SCANCODE_P, SDL_SCANCODE_PAGEUP};
    for (int i = 0; i < 3; i++) {
        harness_mark(h);
        int step = harness_view(h).tl.step;
        harness_press(h, nexts[i]);
        assert_int_equal(harness_logged(h, " next"), 1);
        assert_int_equal(harness_view(h).tl.step, step + 1);
        assert_int_equal(harness_logged(h, "started: "), 1);
        harness_mark(h);
        harness_press(h, prevs[i]); /* within 3 s of the step's start: back a step */
        assert_int_equal(harness_logged(h, " previous"), 1);
        assert_int_equal(harness_view(h).tl.step, step);
    }
    /* seated has no sides: S says so */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_S);
    assert_int_equal(harness_logged(h, "switch side: no sides here"), 1);
    assert_int_equal(harness_view(h).notice, SESSION_NOTICE_NO_SIDE);
    /* step 3 has sides: S switches */
    harness_press(h, SDL_SCANCODE_RIGHT);
    harness_press(h, SDL_SCANCODE_RIGHT);
    harness_run(h, 4000);
    assert_int_equal(harness_view(h).tl.step, 2);
    Side side = harness_view(h).tl.side;
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_S);
    assert_int_equal(harness_logged(h, "switched side"), 1);
    harness_run(h, 500);
    assert_int_not_equal(harness_view(h).tl.side, side);

    /* Up and Down: pace, shown on screen. */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_UP);
    assert_int_equal(harness_logged(h, "pace 110%"), 1);
    assert_int_equal(harness_view(h).pace_pct, 110);
    assert_int_equal(harness_view(h).notice, SESSION_NOTICE_PACE);
    harness_press(h, SDL_SCANCODE_DOWN);
    harness_press(h, SDL_SCANCODE_DOWN);
    assert_int_equal(harness_logged(h, "pace 90%"), 1);
    assert_int_equal(harness_view(h).pace_pct, 90);
    harness_run(h, SESSION_NOTICE_MS + 100);
    assert_int_equal(harness_view(h).notice, SESSION_NOTICE_NONE);

    /* M mutes and unmutes; + and - change the volume. */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_M);
    assert_int_equal(harness_logged(h, " muted"), 1);
    assert_true(harness_view(h).muted);
    harness_press(h, SDL_SCANCODE_M);
    assert_int_equal(harness_logged(h, " unmuted"), 1);
    assert_false(harness_view(h).muted);
    int vol = harness_view(h).volume;
    harness_press(h, SDL_SCANCODE_EQUALS); /* '+' on a US keyboard */
    assert_int_equal(harness_view(h).volume, vol + SESSION_VOLUME_STEP);
    harness_press(h, SDL_SCANCODE_KP_MINUS);
    harness_press(h, SDL_SCANCODE_MINUS);
    assert_int_equal(harness_view(h).volume, vol - SESSION_VOLUME_STEP);
    assert_int_equal(harness_logged(h, " volume "), 3);

    /* H: help over a paused session; any key closes it and resumes. */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_H);
    assert_string_equal(harness_screen(h), "help");
    assert_true(harness_view(h).tl.paused);
    harness_press(h, SDL_SCANCODE_H);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "session");
    assert_false(harness_view(h).tl.paused);
    assert_int_equal(harness_logged(h, "paused"), 1);
    assert_int_equal(harness_logged(h, "resumed"), 1);

    /* F toggles full screen. */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_F11);
    assert_int_equal(harness_logged(h, "full screen on"), 1);
    harness_press(h, SDL_SCANCODE_F);
    assert_int_equal(harness_logged(h, "full screen off"), 1);

    /* Esc asks; the question lapses after 3 s; Esc twice leaves, once. */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_ESCAPE);
    assert_int_equal(harness_logged(h, "leave?"), 1);
    assert_int_equal(harness_view(h).notice, SESSION_NOTICE_LEAVE);
    harness_run(h, SESSION_LEAVE_CONFIRM_MS + 500);
    harness_press(h, SDL_SCANCODE_Q);
    assert_int_equal(harness_logged(h, "leave?"), 2);
    assert_int_equal(harness_logged(h, " left"), 0);
    assert_string_equal(harness_screen(h), "session");
    harness_press(h, SDL_SCANCODE_ESCAPE);
    assert_int_equal(harness_logged(h, " left"), 1);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "summary");
    assert_int_equal(harness_history_count(h), 1);
    harness_run(h, 1000);
    assert_int_equal(harness_history_count(h), 1);
}

/* A gamepad and a touch screen do what the keys do. */
static void test_pad_and_touch(void **state)
{
    Harness *h = *state;
    harness_start(h, "desk-release");
    harness_run_to_practice(h, 12000);
    harness_mark(h);
    harness_pad(h, SDL_CONTROLLER_BUTTON_A);
    assert_true(harness_view(h).tl.paused);
    harness_pad(h, SDL_CONTROLLER_BUTTON_A);
    assert_false(harness_view(h).tl.paused);
    harness_pad(h, SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    assert_int_equal(harness_view(h).tl.step, 1);
    harness_pad(h, SDL_CONTROLLER_BUTTON_LEFTSHOULDER);
    assert_int_equal(harness_view(h).tl.step, 0);
    harness_pad(h, SDL_CONTROLLER_BUTTON_START);
    assert_string_equal(harness_screen(h), "help");
    harness_button(SDL_CONTROLLER_BUTTON_B);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "session");

    /* a tap pauses and resumes; a swipe left goes on, right goes back */
    harness_finger(SDL_FINGERDOWN, 0.5f, 0.5f, 100);
    harness_finger(SDL_FINGERUP, 0.51f, 0.5f, 250);
    harness_run(h, HARNESS_FRAME_MS);
    assert_true(harness_view(h).tl.paused);
    harness_finger(SDL_FINGERDOWN, 0.5f, 0.5f, 400);
    harness_finger(SDL_FINGERUP, 0.5f, 0.49f, 500);
    harness_run(h, HARNESS_FRAME_MS);
    assert_false(harness_view(h).tl.paused);
    int step = harness_view(h).tl.step;
    harness_finger(SDL_FINGERDOWN, 0.8f, 0.5f, 1000);
    harness_finger(SDL_FINGERUP, 0.3f, 0.55f, 1200);
    harness_run(h, HARNESS_FRAME_MS);
    assert_int_equal(harness_view(h).tl.step, step + 1);
    harness_finger(SDL_FINGERDOWN, 0.2f, 0.5f, 1400);
    harness_finger(SDL_FINGERUP, 0.7f, 0.5f, 1600);
    harness_run(h, HARNESS_FRAME_MS);
    assert_int_equal(harness_view(h).tl.step, step);
    /* a slow press that wanders is neither */
    harness_finger(SDL_FINGERDOWN, 0.5f, 0.5f, 2000);
    harness_finger(SDL_FINGERUP, 0.55f, 0.55f, 4000);
    harness_run(h, HARNESS_FRAME_MS);
    assert_false(harness_view(h).tl.paused);
    assert_int_equal(harness_logged(h, "paused"), 3); /* A, help, the tap */
}

/* The help overlay says "Press any key to close": a key with no action
 * of its own closes it (over a session, resuming it), as do a gamepad
 * button with none, a tap, and a long still press; Shift alone (on the
 * way to '?') and a key's auto-repeat do not. */
static void test_help_any_key(void **state)
{
    Harness *h = *state;
    harness_start(h, "desk-release");
    harness_run_to_practice(h, 12000);
    harness_press(h, SDL_SCANCODE_H);
    assert_string_equal(harness_screen(h), "help");
    assert_true(harness_view(h).tl.paused);
    harness_press(h, SDL_SCANCODE_LSHIFT);
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.repeat = 1;
    e.key.keysym.scancode = SDL_SCANCODE_H;
    e.key.keysym.sym = SDLK_h;
    assert_int_equal(SDL_PushEvent(&e), 1);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "help");
    harness_press(h, SDL_SCANCODE_Z);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "session");
    assert_false(harness_view(h).tl.paused);

    static const SDL_GameControllerButton spare[] = {SDL_CONTROLLER_BUTTON_GUIDE, SDL_CONTROLLER_BUTTON_LEFTSTICK,
                                                     SDL_CONTROLLER_BUTTON_RIGHTSTICK};
    for (size_t i = 0; i < sizeof spare / sizeof spare[0]; i++) {
        harness_pad(h, SDL_CONTROLLER_BUTTON_START);
        assert_string_equal(harness_screen(h), "help");
        harness_pad(h, spare[i]);
        harness_run(h, 500);
        assert_string_equal(harness_screen(h), "session");
        assert_false(harness_view(h).tl.paused);
    }

    harness_press(h, SDL_SCANCODE_H);
    harness_tap(h, 0.5f, 0.5f);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "session");
    assert_false(harness_view(h).tl.paused);
    harness_press(h, SDL_SCANCODE_H);
    Uint32 t = (Uint32)h->now;
    harness_finger(SDL_FINGERDOWN, 0.5f, 0.5f, t);
    harness_finger(SDL_FINGERUP, 0.51f, 0.5f, t + 2000);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "session");
    assert_false(harness_view(h).tl.paused);

    /* over the picker too */
    harness_start(h, NULL);
    harness_run(h, 500);
    harness_press(h, SDL_SCANCODE_H);
    assert_string_equal(harness_screen(h), "help");
    harness_press(h, SDL_SCANCODE_J);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "picker");
}

/* The picker: Down chooses the next routine, Enter starts it; a session
 * closed with the window still leaves its record. */
static void test_picker_and_quit(void **state)
{
    Harness *h = *state;
    harness_start(h, NULL);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "picker");
    assert_false(app_session_view(h->app, &(SessionView){0}));
    harness_press(h, SDL_SCANCODE_DOWN); /* desk-release is offered first; floor-release is next */
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "session");
    assert_int_equal(harness_logged(h, "started Floor release"), 1);
    harness_run_to_practice(h, 8000);
    harness_quit(h);
    harness_stop(h);
    assert_int_equal(harness_history_count(h), 1);
}

/* Reads the app's settings file into BUF ("" when there is none). */
static void read_settings(const Harness *h, char *buf, size_t size)
{
    char path[512];
    harness_state_file(h, "settings.json", path, sizeof path);
    harness_read_file(path, buf, size);
}

/* The picker's length: Right and Left (keys and the gamepad's D-pad)
 * change the highlighted routine's length in steps, remembered in
 * settings.json by routine; the session plays the length shown, and a
 * new start offers it again. */
static void test_picker_length(void **state)
{
    Harness *h = *state;
    harness_start(h, NULL);
    harness_run(h, 500);
    int64_t own, len;
    const char *id;
    int d = app_routine_default(h->app); /* highlighted first */
    app_routine(h->app, d, &id, &own);
    assert_string_equal(id, "desk-release");
    /* desk-release (9:53 as written) offers 5, as written, 15, 20, 30 */
    harness_press(h, SDL_SCANCODE_RIGHT);
    const Routine *r = app_routine(h->app, d, NULL, &len);
    assert_true(len >= 15 * 60000 * 95 / 100 && len <= 15 * 60000 * 105 / 100);
    assert_int_equal(timeline_plan(r, h->lib, NULL, NULL), len);
    char text[4096];
    read_settings(h, text, sizeof text);
    assert_non_null(strstr(text, "\"lengths\": {\"desk-release\": 15}"));
    harness_pad(h, SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    app_routine(h->app, d, NULL, &len);
    assert_true(len >= 20 * 60000 * 95 / 100 && len <= 20 * 60000 * 105 / 100);
    for (int i = 0; i < 5; i++) /* past the longest it stays at 30 */
        harness_press(h, SDL_SCANCODE_RIGHT);
    app_routine(h->app, d, NULL, &len);
    assert_true(len >= 30 * 60000 * 95 / 100 && len <= 30 * 60000 * 105 / 100);
    for (int i = 0; i < 3; i++)
        harness_pad(h, SDL_CONTROLLER_BUTTON_DPAD_LEFT); /* 30 -> 20 -> 15 -> as written */
    app_routine(h->app, d, NULL, &len);
    assert_int_equal(len, own);
    read_settings(h, text, sizeof text);
    assert_null(strstr(text, "desk-release"));
    harness_press(h, SDL_SCANCODE_LEFT); /* 5 minutes */
    app_routine(h->app, d, NULL, &len);
    assert_true(len >= 5 * 60000 * 95 / 100 && len <= 5 * 60000 * 105 / 100);
    /* the one below keeps its own length; Up and Down still choose */
    harness_press(h, SDL_SCANCODE_DOWN);
    harness_press(h, SDL_SCANCODE_UP);
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "session");
    assert_int_equal(harness_logged(h, "started Desk release"), 1);
    int64_t shown = len;
    harness_run(h, 2000);
    SessionView v = harness_view(h);
    assert_true(v.tl.practice_ms > 0);
    harness_stop(h);
    /* a new start remembers 5 minutes for desk-release */
    harness_start(h, NULL);
    harness_run(h, 500);
    app_routine(h->app, d, NULL, &len);
    assert_int_equal(len, shown);
    app_routine(h->app, d + 1, &id, &len);
    Routine *written = cli_load_routine(PSOAS_SOURCE_DIR, id, h->lib);
    assert_int_equal(len, timeline_plan(written, h->lib, NULL, NULL));
    routine_free(written);
}

/* The sound device going away mid-session: the session goes on silently,
 * the device coming back is used again, and the session, left, is
 * recorded once, as left, with the volume chosen. */
static void test_sound_device_lost(void **state)
{
    Harness *h = *state;
    harness_start(h, "desk-release");
    harness_run_to_practice(h, 8000);
    harness_mark(h);
    SDL_Event e = {0};
    e.type = SDL_AUDIODEVICEREMOVED;
    assert_int_equal(SDL_PushEvent(&e), 1);
    harness_run(h, 2000);
    assert_int_equal(harness_logged(h, "the sound device went away"), 1);
    assert_true(harness_view(h).tl.practice_ms >= 9500); /* the practice goes on */
    harness_press(h, SDL_SCANCODE_MINUS);
    e.type = SDL_AUDIODEVICEADDED;
    assert_int_equal(SDL_PushEvent(&e), 1);
    harness_run(h, 500);
    assert_int_equal(harness_logged(h, "sound is back"), 1);
    harness_press(h, SDL_SCANCODE_ESCAPE);
    harness_press(h, SDL_SCANCODE_ESCAPE);
    harness_run(h, 3000);
    assert_int_equal(harness_history_count(h), 1);
    char path[512];
    harness_state_file(h, "history.jsonl", path, sizeof path);
    History *hist = history_load(path);
    assert_false(history_get(hist, 0)->finished);
    history_free(hist);
    harness_stop(h);
    assert_int_equal(harness_history_count(h), 1);
    char text[256];
    read_settings(h, text, sizeof text);
    assert_non_null(strstr(text, "\"volume\": 70"));
}

/* Leaves the session with two presses of Esc and waits for the picker. */
static void leave_to_picker(Harness *h)
{
    harness_press(h, SDL_SCANCODE_ESCAPE);
    harness_press(h, SDL_SCANCODE_ESCAPE);
    harness_run(h, 2500);
    assert_string_equal(harness_screen(h), "summary");
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "picker");
}

/* Starts the app on the picker and opens the breath chooser: the default
 * routine is the second one; Breathe is above "Make me a practice", above
 * them. */
static void open_chooser(Harness *h)
{
    harness_start(h, NULL);
    harness_run(h, 500);
    for (int i = 0; i < 3; i++)
        harness_press(h, SDL_SCANCODE_UP);
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "breathe");
}

/* The picker's Breathe entry opens the breath chooser. With keys: box
 * breathing (Down), 2 minutes (Left), on a chair (S), Enter; the session
 * plays that practice, pauses, and when left is recorded as breathe:box.
 * Opened again, the chooser offers those choices first, and a gamepad
 * chooses and starts too: 4-7-8 for 3 minutes, lying flat. The choices
 * outlive the program (settings.json). */
static void test_breathe_chooser(void **state)
{
    Harness *h = *state;
    open_chooser(h);
    for (int i = 0; i < 3; i++)
        harness_press(h, SDL_SCANCODE_DOWN); /* calm, long exhale, coherent, box */
    for (int i = 0; i < 3; i++)
        harness_press(h, SDL_SCANCODE_LEFT); /* 5, 4, 3, 2 minutes */
    harness_press(h, SDL_SCANCODE_S);        /* constructive rest, lying flat */
    harness_press(h, SDL_SCANCODE_S);        /* seated on a chair */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 800);
    assert_string_equal(harness_screen(h), "session");
    assert_int_equal(harness_logged(h, "started Box breathing (1 steps)"), 1);
    harness_run_to_practice(h, 15000);
    SessionView v = harness_view(h);
    assert_int_equal(v.tl.segment, TL_SEG_HOLD);
    assert_int_equal(v.tl.pose, poselib_find(h->lib, "seated"));
    assert_int_equal(v.tl.breath.ms[BREATH_HOLD_IN], 4000);
    assert_int_equal(v.tl.breath.ms[BREATH_HOLD_OUT], 4000);
    /* two minutes from the end of the title, within half a breath */
    int64_t end = v.tl.practice_ms + v.tl.seg_left_ms;
    assert_true(end >= 5000 + 120000 - 8000 && end <= 5000 + 120000 + 8000);
    harness_press(h, SDL_SCANCODE_SPACE);
    assert_true(harness_view(h).tl.paused);
    harness_press(h, SDL_SCANCODE_SPACE);
    assert_false(harness_view(h).tl.paused);
    leave_to_picker(h);
    char id[64];
    harness_last_record(h, id, sizeof id);
    assert_string_equal(id, "breathe:box");

    /* again (the picker still on Breathe): the chooser offers box, 2
     * minutes, on a chair; Enter starts it */
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "breathe");
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 800);
    assert_int_equal(harness_logged(h, "started Box breathing"), 1);
    harness_run_to_practice(h, 15000);
    assert_int_equal(harness_view(h).tl.pose, poselib_find(h->lib, "seated"));
    leave_to_picker(h);

    /* with a gamepad: the picker's Breathe entry, then 4-7-8 (D-pad down),
     * 3 minutes (right), lying flat (X: chair, floor, constructive rest,
     * lying flat), A starts */
    harness_stop(h);
    harness_start(h, NULL);
    harness_run(h, 500);
    for (int i = 0; i < 3; i++)
        harness_pad(h, SDL_CONTROLLER_BUTTON_DPAD_UP);
    harness_button(SDL_CONTROLLER_BUTTON_A);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "breathe");
    harness_pad(h, SDL_CONTROLLER_BUTTON_DPAD_DOWN); /* the last choices, remembered: box; then 4-7-8 */
    harness_pad(h, SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    for (int i = 0; i < 3; i++)
        harness_pad(h, SDL_CONTROLLER_BUTTON_X);
    harness_mark(h);
    harness_button(SDL_CONTROLLER_BUTTON_A);
    harness_run(h, 800);
    assert_int_equal(harness_logged(h, "started 4-7-8 breath"), 1);
    harness_run_to_practice(h, 15000);
    v = harness_view(h);
    assert_int_equal(v.tl.pose, poselib_find(h->lib, "supine"));
    assert_int_equal(v.tl.breath.ms[BREATH_HOLD_IN], 7000);
    end = v.tl.practice_ms + v.tl.seg_left_ms;
    assert_true(end >= 5000 + 180000 - 9500 && end <= 5000 + 180000 + 9500);
    /* B goes back from the chooser to the picker */
    leave_to_picker(h);
    harness_button(SDL_CONTROLLER_BUTTON_A);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "breathe");
    harness_button(SDL_CONTROLLER_BUTTON_B);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "picker");
    harness_last_record(h, id, sizeof id);
    assert_string_equal(id, "breathe:4-7-8");
}

/* Find your pace, from the chooser: five paces from 6.5 to 4.5 breaths a
 * minute, the rate on screen; at the end "which felt easiest?" (Up from
 * the middle: 6 a minute), Enter; the coherent pattern is then 5 s in,
 * 5 s out, in the chooser and in the practice it starts, also after a
 * restart. */
static void test_find_your_pace(void **state)
{
    Harness *h = *state;
    h->o.speed = 20;
    open_chooser(h);
    for (int i = 0; i < 6; i++)
        harness_press(h, SDL_SCANCODE_DOWN); /* past the six patterns to Find your pace */
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 800);
    assert_int_equal(harness_logged(h, "started Find your pace (5 steps)"), 1);
    harness_run(h, 15000); /* 300 s of practice: the third pace */
    SessionView v = harness_view(h);
    assert_int_equal(v.tl.step, 2);
    assert_int_equal(v.tl.breath.ms[BREATH_INHALE], 5455);
    assert_int_equal(v.tl.breath.ms[BREATH_EXHALE], 5455);
    for (int i = 0; i < 2000 && strcmp(harness_screen(h), "pace") != 0; i++)
        harness_run(h, 100);
    assert_string_equal(harness_screen(h), "pace");
    harness_press(h, SDL_SCANCODE_UP); /* from 5.5 to 6 a minute */
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 800);
    assert_string_equal(harness_screen(h), "summary");
    assert_int_equal(harness_logged(h, "your pace: 6 breaths a minute"), 1);
    char id[64];
    harness_last_record(h, id, sizeof id);
    assert_string_equal(id, "breathe:find-your-pace");

    /* after a restart, coherent breathing is the pace found */
    open_chooser(h);
    for (int i = 0; i < 6; i++)
        harness_press(h, SDL_SCANCODE_UP); /* to the top: calm */
    harness_press(h, SDL_SCANCODE_DOWN);
    harness_press(h, SDL_SCANCODE_DOWN); /* coherent */
    harness_mark(h);
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 800);
    assert_int_equal(harness_logged(h, "started Coherent breathing"), 1);
    harness_run_to_practice(h, 200000); /* past the ease-in */
    v = harness_view(h);
    assert_int_equal(v.tl.breath.ms[BREATH_INHALE], 5000);
    assert_int_equal(v.tl.breath.ms[BREATH_EXHALE], 5000);
}

/* Every text drawn, one a line, for the spy below. */
typedef struct Drawn {
    char text[8192];
    size_t len;
} Drawn;

static void spy_text(const TextDrawn *d, void *user)
{
    Drawn *w = user;
    int n = snprintf(w->text + w->len, sizeof w->text - w->len, "%s\n", d->text);
    if (n > 0 && w->len + (size_t)n < sizeof w->text)
        w->len += (size_t)n;
}

/* The practice "Make me a practice" plays for O, made as --make makes it:
 * the composer with today's seed (the local date). */
static Routine *made_today(const Harness *h, ComposeOptions o)
{
    time_t now = time(NULL);
    struct tm day;
    assert_non_null(localtime_r(&now, &day));
    o.seed = compose_seed_of_date(day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
    char why[160];
    Routine *r = compose_make(h->lib, &o, why, sizeof why);
    assert_non_null(r);
    return r;
}

/* Plays the session to its end and checks it is the made practice R: its
 * steps, its first pose, and its end at R's planned length to the tenth. */
static void plays_made(Harness *h, const Routine *r)
{
    char want[96], len[32];
    snprintf(want, sizeof want, "started %s (%d steps)", r->title, r->step_count);
    assert_int_equal(harness_logged(h, want), 1);
    harness_run_to_practice(h, 6000);
    SessionView v = harness_view(h);
    assert_int_equal(v.tl.step, 0);
    assert_int_equal(v.tl.pose, r->steps[0].pose);
    for (int i = 0; i < 20000 && strcmp(harness_screen(h), "summary") != 0; i++)
        harness_run(h, HARNESS_FRAME_MS);
    assert_string_equal(harness_screen(h), "summary");
    int64_t total = timeline_plan(r, h->lib, NULL, NULL);
    snprintf(len, sizeof len, "%d:%02d.%d", (int)(total / 60000), (int)(total / 1000 % 60), (int)(total % 1000 / 100));
    snprintf(want, sizeof want, "session: %s finished\n", len);
    assert_int_equal(harness_logged(h, want), 1);
}

/* "Make me a practice", the picker's entry under Breathe. With keys: 15
 * minutes (Right, Left, Left), on the floor (Down, Right x3), no kneeling
 * (Down, Enter), then Start: the session is the practice --make makes
 * for those choices today, step for step and to the tenth of a second;
 * the end screen and the history name it "made-floor-15" in words; the
 * choices are in settings.json. After a restart the gamepad finds them
 * offered first and changes them (20 minutes, lunges, the floor left out
 * instead of kneeling); B goes back. Left and Right on the entry itself
 * change no routine's length. */
static void test_make_me_a_practice(void **state)
{
    Harness *h = *state;
    h->o.speed = 30;
    harness_start(h, NULL);
    harness_run(h, 500);
    harness_press(h, SDL_SCANCODE_UP);
    harness_press(h, SDL_SCANCODE_UP); /* above Calm breath, under Breathe */
    harness_press(h, SDL_SCANCODE_RIGHT);
    harness_press(h, SDL_SCANCODE_LEFT);
    char text[4096];
    read_settings(h, text, sizeof text);
    assert_null(strstr(text, "lengths"));
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "make");
    harness_press(h, SDL_SCANCODE_RIGHT); /* 20 -> 30 */
    harness_press(h, SDL_SCANCODE_LEFT);  /* 20 */
    harness_press(h, SDL_SCANCODE_LEFT);  /* 15 */
    harness_press(h, SDL_SCANCODE_DOWN);
    for (int i = 0; i < 3; i++)
        harness_press(h, SDL_SCANCODE_RIGHT); /* everything, desk, lunges, floor */
    harness_press(h, SDL_SCANCODE_DOWN);
    harness_press(h, SDL_SCANCODE_RETURN); /* no kneeling */
    assert_string_equal(harness_screen(h), "make");
    for (int i = 0; i < 4; i++)
        harness_press(h, SDL_SCANCODE_DOWN); /* floor work, balancing, backbends, Start */
    harness_mark(h);
    Drawn drawn = {.len = 0};
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 800);
    assert_string_equal(harness_screen(h), "session");
    assert_int_equal(harness_logged(h, "make: 15 min, focus floor, avoid kneeling, seed "), 1);
    Routine *r = made_today(h, (ComposeOptions){15, FOCUS_FLOOR, AVOID_KNEELING, 0});
    plays_made(h, r);
    harness_run(h, 500);
    app_text_spy(h->app, spy_text, &drawn); /* the end screen, drawn once more */
    SDL_Event expose = {.type = SDL_WINDOWEVENT};
    expose.window.event = SDL_WINDOWEVENT_EXPOSED;
    SDL_PushEvent(&expose);
    harness_run(h, HARNESS_FRAME_MS);
    app_text_spy(h->app, NULL, NULL);
    routine_free(r);
    assert_non_null(strstr(drawn.text, "Made for you \xC2\xB7 floor \xC2\xB7 15 min\n"));
    char id[64];
    harness_last_record(h, id, sizeof id);
    assert_string_equal(id, "made-floor-15");
    read_settings(h, text, sizeof text);
    assert_non_null(strstr(text, "\"make\": {\"minutes\": 15, \"focus\": \"floor\", \"avoid\": [\"kneeling\"]}"));
    harness_press(h, SDL_SCANCODE_RETURN);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "picker");

    /* with a gamepad, after a restart: the choices offered first */
    harness_start(h, NULL);
    harness_run(h, 500);
    for (int i = 0; i < 2; i++)
        harness_pad(h, SDL_CONTROLLER_BUTTON_DPAD_UP);
    harness_button(SDL_CONTROLLER_BUTTON_A);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "make");
    const SDL_GameControllerButton moves[] = {
        SDL_CONTROLLER_BUTTON_DPAD_RIGHT, /* 15 -> 20 */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_DPAD_LEFT, /* floor -> lunges */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_A,         /* kneeling back in */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_DPAD_RIGHT, /* no floor work */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_DPAD_DOWN,
        SDL_CONTROLLER_BUTTON_DPAD_DOWN, /* Start */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN, /* stays on Start */
    };
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
        harness_pad(h, moves[i]);
    assert_string_equal(harness_screen(h), "make");
    harness_mark(h);
    harness_button(SDL_CONTROLLER_BUTTON_A);
    harness_run(h, 800);
    assert_string_equal(harness_screen(h), "session");
    assert_int_equal(harness_logged(h, "make: 20 min, focus lunges, avoid floor, seed "), 1);
    r = made_today(h, (ComposeOptions){20, FOCUS_LUNGES, AVOID_FLOOR, 0});
    plays_made(h, r);
    routine_free(r);
    harness_last_record(h, id, sizeof id);
    assert_string_equal(id, "made-lunges-20");
    read_settings(h, text, sizeof text);
    assert_non_null(strstr(text, "\"make\": {\"minutes\": 20, \"focus\": \"lunges\", \"avoid\": [\"floor\"]}"));
    harness_button(SDL_CONTROLLER_BUTTON_A);
    harness_run(h, 1000);
    assert_string_equal(harness_screen(h), "picker");
    /* B goes back from it to the picker */
    harness_button(SDL_CONTROLLER_BUTTON_A);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "make");
    harness_button(SDL_CONTROLLER_BUTTON_B);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "picker");
}

/* Where the text holding TEXT was drawn in the next frame, as
 * fractions of the picture: the point FX of its width along, halfway down. */
typedef struct Spot {
    const char *text; /* what to look for */
    float fx;         /* how far along it to point */
    float x, y;       /* found there (0..1) */
    bool found;
} Spot;

static void spy_spot(const TextDrawn *d, void *user)
{
    Spot *s = user;
    if (s->found || !strstr(d->text, s->text))
        return;
    s->found = true;
    s->x = ((float)d->box.x + (float)d->box.w * s->fx) / (float)d->w;
    s->y = ((float)d->box.y + (float)d->box.h / 2.0f) / (float)d->h;
}

static Spot find_text(Harness *h, const char *text, float fx)
{
    Spot s = {text, fx, 0, 0, false};
    app_text_spy(h->app, spy_spot, &s);
    SDL_Event expose = {.type = SDL_WINDOWEVENT};
    expose.window.event = SDL_WINDOWEVENT_EXPOSED;
    SDL_PushEvent(&expose);
    harness_run(h, HARNESS_FRAME_MS);
    app_text_spy(h->app, NULL, NULL);
    if (!s.found)
        fail_msg("no text \"%s\" drawn", text);
    return s;
}

/* A tap where S was found. */
static void tap_at(Harness *h, Spot s)
{
    harness_tap(h, s.x, s.y);
}

/* "Make me a practice" by touch: swipes up to its entry and a tap opens
 * it; a tap on the right of the length steps it up, on its left down, a
 * tap on a switch flips it, on the preview nothing happens, and a tap on
 * Start starts the practice of those choices. */
static void test_make_by_touch(void **state)
{
    Harness *h = *state;
    harness_start(h, NULL);
    harness_run(h, 500);
    for (int i = 0; i < 2; i++) { /* two swipes up */
        Uint32 t = (Uint32)h->now;
        harness_finger(SDL_FINGERDOWN, 0.5f, 0.7f, t);
        harness_finger(SDL_FINGERUP, 0.5f, 0.3f, t + 200);
        harness_run(h, HARNESS_FRAME_MS);
    }
    harness_tap(h, 0.5f, 0.5f);
    harness_run(h, 600);
    assert_string_equal(harness_screen(h), "make");
    tap_at(h, find_text(h, "\xE2\x97\x80 20 min", 0.9f)); /* 30 */
    tap_at(h, find_text(h, "\xE2\x97\x80 30 min", 0.9f)); /* 45 */
    tap_at(h, find_text(h, "\xE2\x97\x80 45 min", 0.1f)); /* 30 */
    tap_at(h, find_text(h, "No balancing", 0.5f));
    tap_at(h, find_text(h, " poses", 0.5f));              /* the preview: nothing */
    tap_at(h, find_text(h, "No floor work", 0.5f));
    tap_at(h, find_text(h, "No floor work", 0.5f));       /* and back */
    assert_string_equal(harness_screen(h), "make");
    harness_mark(h);
    tap_at(h, find_text(h, "Start", 0.5f));
    harness_run(h, 800);
    assert_string_equal(harness_screen(h), "session");
    assert_int_equal(harness_logged(h, "make: 30 min, focus all, avoid balance, seed "), 1);
}

/* A steady hold renders no text once its words have been seen, though
 * the time, the count and the breath words change; a new cue renders; a
 * lost render target makes the text again; a resize lays out anew. */
static void test_text_cache(void **state)
{
    Harness *h = *state;
    h->o.width = 1280;
    h->o.height = 720;
    harness_start(h, "desk-release");
    /* seated: 9..49 s, four cues of 10 s; breaths of 10 s */
    harness_run_to_practice(h, 20000);
    long before = app_text_renders(h->app);
    harness_run_to_practice(h, 28500);
    assert_int_equal(app_text_renders(h->app) - before, 0);
    harness_run_to_practice(h, 30000); /* the third cue */
    assert_true(app_text_renders(h->app) > before);

    before = app_text_renders(h->app);
    SDL_Event e = {.type = SDL_RENDER_TARGETS_RESET};
    SDL_PushEvent(&e);
    harness_run(h, HARNESS_FRAME_MS);
    assert_true(app_text_renders(h->app) > before + 5);

    harness_run(h, 1000);
    before = app_text_renders(h->app);
    SDL_Window *w = SDL_GetWindowFromID(1);
    for (Uint32 id = 1; !w && id < 16; id++)
        w = SDL_GetWindowFromID(id);
    assert_non_null(w);
    SDL_SetWindowSize(w, 640, 360);
    harness_run(h, 200);
    assert_true(app_text_renders(h->app) > before + 5);
    before = app_text_renders(h->app);
    harness_run(h, 500);
    assert_int_equal(app_text_renders(h->app), before);
}

/* Whether any SDL output device is open and playing (SDL's own state,
 * whatever the program believes). */
static bool device_playing(void)
{
    for (SDL_AudioDeviceID id = 1; id < 64; id++)
        if (SDL_GetAudioDeviceStatus(id) == SDL_AUDIO_PLAYING)
            return true;
    return false;
}

/* Runs frames of MS each, letting the real (dummy) device play between
 * them, until the device is playing (WANT) or not; false after 200. */
static bool until_device(Harness *h, bool want, int64_t ms)
{
    for (int i = 0; i < 200; i++) {
        if (device_playing() == want)
            return true;
        harness_run(h, ms);
        SDL_Delay(20);
    }
    return device_playing() == want;
}

/* The sound device is closed while nothing plays: at the picker, after
 * the end, in a long pause; and open while a session plays, the session's
 * clock going on across it. */
static void test_sound_device(void **state)
{
    Harness *h = *state;
    harness_start(h, NULL);
    harness_run(h, 500);
    assert_string_equal(harness_screen(h), "picker");
    harness_run(h, 2000);
    SDL_Delay(100);
    assert_false(device_playing()); /* never opened for the picker */
    harness_press(h, SDL_SCANCODE_RETURN);
    assert_true(until_device(h, true, HARNESS_FRAME_MS));
    assert_string_equal(harness_screen(h), "session");
    harness_run_to_practice(h, 12000);
    assert_true(device_playing());
    /* a short pause keeps it; a long one closes it */
    harness_press(h, SDL_SCANCODE_SPACE);
    int64_t at = harness_view(h).tl.practice_ms;
    harness_run(h, 5000);
    assert_true(device_playing());
    assert_true(until_device(h, false, 1000));
    assert_true(harness_logged(h, "sound device closed while nothing plays (a long pause)") >= 1);
    assert_int_equal(harness_view(h).tl.practice_ms, at);
    /* resumed: open again, and the practice goes on from where it was */
    harness_press(h, SDL_SCANCODE_SPACE);
    assert_true(until_device(h, true, HARNESS_FRAME_MS));
    int64_t resumed = harness_view(h).tl.practice_ms;
    assert_in_range(resumed, at, at + 2000);
    harness_run(h, 3000);
    assert_in_range(harness_view(h).tl.practice_ms, resumed + 2500, resumed + 3500);
    /* left: the summary, then the picker, with no device */
    harness_press(h, SDL_SCANCODE_ESCAPE);
    harness_press(h, SDL_SCANCODE_ESCAPE);
    harness_run(h, 2000);
    assert_string_equal(harness_screen(h), "summary");
    assert_true(until_device(h, false, 200));
    assert_true(harness_logged(h, "sound device closed while nothing plays (no session)") >= 1);
}

/* The colour of pixel X,Y of S. */
static SDL_Color pixel(SDL_Surface *s, int x, int y)
{
    SDL_Color c = {0, 0, 0, 255};
    SDL_GetRGB(((Uint32 *)s->pixels)[y * (s->pitch / 4) + x], s->format, &c.r, &c.g, &c.b);
    return c;
}

static bool same_rgb(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

/* Text on the plain backdrop comes as an opaque box over the backdrop's
 * colour; over a busy rectangle, or with no backdrop, it is blended and
 * what is under it shows between the letters. Each kind is rendered once.
 * Widths follow the size, remembered or not. */
static void test_text_backdrop(void **state)
{
    (void)state;
    assert_int_equal(TTF_Init(), 0);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 600, 300, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    TextCache *tc = textcache_create(ui_find_font());
    assert_non_null(tc);
    assert_true(textcache_fit(tc, 300));
    SDL_Color under = {200, 40, 160, 255}, bg = {16, 20, 26, 255}, ink = {236, 232, 222, 255};
    SDL_SetRenderDrawColor(r, under.r, under.g, under.b, 255);
    SDL_RenderClear(r);
    SDL_Rect busy = {0, 0, 300, 300};
    textcache_backdrop(tc, &bg, &busy, 1);
    long renders = textcache_renders(tc);
    int w = textcache_draw(tc, r, TEXT_BODY, "Hello", ink, 1.0f, 320, 20, TEXT_LEFT); /* plain */
    textcache_draw(tc, r, TEXT_BODY, "Hello", ink, 1.0f, 10, 20, TEXT_LEFT);          /* busy */
    textcache_backdrop(tc, NULL, NULL, 0);
    textcache_draw(tc, r, TEXT_BODY, "Hello", ink, 1.0f, 320, 150, TEXT_LEFT);        /* no backdrop */
    SDL_RenderPresent(r);
    assert_true(w > 20);
    /* the top left corner of each text box holds no letter */
    assert_true(same_rgb(pixel(s, 321, 21), bg));
    assert_true(same_rgb(pixel(s, 11, 21), under));
    assert_true(same_rgb(pixel(s, 321, 151), under));
    assert_int_equal(textcache_renders(tc) - renders, 2); /* the opaque kind and the blended one */
    textcache_backdrop(tc, &bg, &busy, 1);
    textcache_draw(tc, r, TEXT_BODY, "Hello", ink, 1.0f, 330, 200, TEXT_LEFT);
    textcache_draw(tc, r, TEXT_BODY, "Hello", ink, 1.0f, 20, 200, TEXT_LEFT);
    assert_int_equal(textcache_renders(tc) - renders, 2);
    /* the letters are the same either way */
    int ink_plain = 0, ink_busy = 0;
    for (int y = 20; y < 20 + textcache_line_height(tc, TEXT_BODY); y++)
        for (int x = 0; x < w; x++) {
            ink_plain += same_rgb(pixel(s, 320 + x, y), ink);
            ink_busy += same_rgb(pixel(s, 10 + x, y), ink);
        }
    assert_true(ink_plain > 50);
    assert_int_equal(ink_plain, ink_busy);
    /* widths: remembered per size */
    int small = textcache_width(tc, TEXT_HUGE, "Breath 3 of 8");
    assert_int_equal(textcache_width(tc, TEXT_HUGE, "Breath 3 of 8"), small);
    textcache_set_size(tc, TEXT_HUGE, 90);
    int big = textcache_width(tc, TEXT_HUGE, "Breath 3 of 8");
    assert_true(big > small);
    textcache_set_size(tc, TEXT_HUGE, 0);
    assert_int_equal(textcache_width(tc, TEXT_HUGE, "Breath 3 of 8"), small);
    textcache_destroy(tc);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    TTF_Quit();
}

/* Main text is at least 5% of the screen height in cap height at 720p and
 * 4K; every text colour has 7:1 contrast on its background and under the
 * pause shade. */
static void test_readable(void **state)
{
    (void)state;
    assert_int_equal(TTF_Init(), 0);
    const char *font = ui_find_font();
    assert_non_null(font);
    TextCache *tc = textcache_create(font);
    static const int heights[] = {720, 1080, 2160, 1280};
    for (size_t i = 0; i < sizeof heights / sizeof heights[0]; i++) {
        assert_true(textcache_fit(tc, heights[i]));
        int cap = textcache_cap_height(tc, TEXT_BODY);
        assert_true(cap * 100 >= heights[i] * 5);
        assert_true(textcache_cap_height(tc, TEXT_TITLE) >= cap);
    }
    textcache_destroy(tc);
    TTF_Quit();
    static const char *const names[] = {"dark", "light"};
    for (int i = 0; i < 2; i++) {
        const Theme *t = theme_find(names[i]);
        assert_non_null(t);
        SDL_Color shaded = t->panel;
        shaded.a = t->shade;
        SDL_Color under = theme_blend(shaded, t->bg, 1.0f);
        SDL_Color grounds[] = {t->bg, t->panel, under};
        SDL_Color inks[] = {t->text, t->dim, t->accent};
        for (int g = 0; g < 3; g++)
            for (int k = 0; k < 3; k++) {
                double c = theme_contrast(inks[k], grounds[g]);
                if (c < 7.0)
                    fail_msg("%s theme: ink %d on ground %d has contrast %.2f", names[i], k, g, c);
            }
    }
    assert_null(theme_find("purple"));
    /* the formula itself: black on white is 21:1 */
    assert_true(theme_contrast((SDL_Color){0, 0, 0, 255}, (SDL_Color){255, 255, 255, 255}) > 20.99);
}

int main(void)
{
    harness_headless("dummy");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_whole_routine, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_controls, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_pad_and_touch, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_help_any_key, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_picker_and_quit, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_picker_length, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_breathe_chooser, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_find_your_pace, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_make_me_a_practice, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_make_by_touch, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_sound_device_lost, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_text_cache, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_sound_device, harness_setup, harness_teardown),
        cmocka_unit_test(test_readable),
        cmocka_unit_test(test_text_backdrop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
