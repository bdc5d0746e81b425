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
#include <unistd.h>

#include <cmocka.h>
#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "cli.h"
#include "compose.h"
#include "history.h"
#include "log.h"
#include "screens.h"
#include "textcache.h"
#include "theme.h"
#include "timeline.h"
#include "ui.h"

enum { LOG_CAP = 1 << 20, FRAME_MS = 50 };

typedef struct Fixture {
    PoseLibrary *lib;
    Routine *routine;       /* desk-release */
    CliOptions o;
    App *app;
    int64_t now;            /* the test's wall clock */
    char state_dir[256];    /* XDG_STATE_HOME for this test */
    char log[LOG_CAP];      /* every line logged */
    size_t log_len;
    size_t mark;            /* where "since" searches start */
} Fixture;

static void sink(LogLevel level, const char *tag, const char *text, void *user)
{
    (void)level;
    Fixture *f = user;
    int n = snprintf(f->log + f->log_len, LOG_CAP - f->log_len, "%s: %s\n", tag, text);
    if (n > 0 && f->log_len + (size_t)n < LOG_CAP)
        f->log_len += (size_t)n;
}

/* Lines logged since the last mark containing S. */
static int logged(const Fixture *f, const char *s)
{
    int n = 0;
    for (const char *p = f->log + f->mark; (p = strstr(p, s)); p += strlen(s))
        n++;
    return n;
}

static void mark(Fixture *f)
{
    f->mark = f->log_len;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->state_dir, sizeof f->state_dir, "/tmp/psoas-ui-XXXXXX");
    assert_non_null(mkdtemp(f->state_dir));
    setenv("XDG_STATE_HOME", f->state_dir, 1);
    f->lib = cli_load_library(PSOAS_SOURCE_DIR);
    assert_non_null(f->lib);
    f->routine = cli_load_routine(PSOAS_SOURCE_DIR, "desk-release", f->lib);
    assert_non_null(f->routine);
    f->o = (CliOptions){.windowed = true, .log = true, .speed = 1.0, .routine = "desk-release", .width = 320,
                        .height = 180};
    log_set_sink(sink, f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    app_destroy(f->app);
    log_set_sink(NULL, NULL);
    routine_free(f->routine);
    poselib_free(f->lib);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->state_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", f->state_dir);
    free(f);
    return 0;
}

static void start(Fixture *f, bool picker)
{
    f->now = 1000;
    f->app = app_create(&f->o, PSOAS_SOURCE_DIR, f->lib, picker ? NULL : f->routine, f->now);
    assert_non_null(f->app);
}

/* Runs frames for MS of the test's wall clock. */
static void run(Fixture *f, int64_t ms)
{
    for (int64_t end = f->now + ms; f->now < end;) {
        f->now += FRAME_MS;
        if (!app_frame(f->app, f->now))
            return;
    }
}

static void key(SDL_Scancode sc)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* Presses SC and runs one frame. */
static void press(Fixture *f, SDL_Scancode sc)
{
    key(sc);
    run(f, FRAME_MS);
}

static SessionView view(const Fixture *f)
{
    SessionView v;
    assert_true(app_session_view(f->app, &v));
    return v;
}

/* Runs until the session's practice clock reaches MS. */
static void run_to_practice(Fixture *f, int64_t ms)
{
    for (int i = 0; i < 100000 && view(f).tl.practice_ms < ms; i++)
        run(f, FRAME_MS);
}

static int history_records(const Fixture *f)
{
    char path[512];
    snprintf(path, sizeof path, "%s/psoas-coach/history.jsonl", f->state_dir);
    History *h = history_load(path);
    assert_non_null(h);
    int n = history_count(h);
    history_free(h);
    return n;
}

static void count_hold(const TimelinePlanRow *r, void *user)
{
    if (r->segment == TL_SEG_HOLD)
        ++*(int *)user;
}

/* The whole routine at 10x: every hold logged in order, finished, the
 * summary, one history record marked finished, then the picker. */
static void test_whole_routine(void **state)
{
    Fixture *f = *state;
    f->o.speed = 10;
    start(f, false);
    assert_string_equal(app_screen_name(f->app), "session");
    run(f, 62000); /* 620 s of practice; the routine is 593 s */
    assert_int_equal(logged(f, "session: 9:53.0 finished\n"), 1);
    int holds = 0;
    timeline_plan(f->routine, f->lib, count_hold, &holds);
    assert_true(holds >= 5);
    assert_int_equal(logged(f, "hold step "), holds);
    const char *p = f->log;
    for (int step = 1; step <= 5; step++) {
        char want[64];
        snprintf(want, sizeof want, "step %d/5 started", step);
        const char *q = strstr(f->log, want);
        assert_non_null(q);
        assert_true(q >= p); /* in order */
        p = q;
    }
    assert_string_equal(app_screen_name(f->app), "summary");
    assert_int_equal(history_records(f), 1);
    char path[512];
    snprintf(path, sizeof path, "%s/psoas-coach/history.jsonl", f->state_dir);
    History *h = history_load(path);
    const HistoryRecord *r = history_get(h, 0);
    assert_string_equal(r->routine, "desk-release");
    assert_true(r->finished);
    assert_int_equal(r->steps, 5);
    assert_int_equal(r->of, 5);
    assert_in_range(r->seconds, 590, 600);
    history_free(h);
    press(f, SDL_SCANCODE_SPACE);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "picker");
    assert_int_equal(history_records(f), 1);
}

/* Every control in a session: its state change and its log line. */
static void test_controls(void **state)
{
    Fixture *f = *state;
    start(f, false);
    run_to_practice(f, 12000); /* in the first hold (seated, 9..49 s) */
    SessionView v = view(f);
    assert_int_equal(v.tl.segment, TL_SEG_HOLD);
    assert_int_equal(v.tl.step, 0);

    /* Space pauses: the clock stops, the overlay shows; Space resumes. */
    mark(f);
    press(f, SDL_SCANCODE_SPACE);
    assert_int_equal(logged(f, "paused"), 1);
    assert_true(view(f).tl.paused);
    int64_t at = view(f).tl.practice_ms;
    run(f, 10000);
    assert_int_equal(view(f).tl.practice_ms, at);
    assert_string_equal(app_screen_name(f->app), "pause");
    assert_int_equal(app_idle_ms(f->app, f->now), -1); /* still: the loop may sleep */
    press(f, SDL_SCANCODE_K);
    assert_int_equal(logged(f, "resumed"), 1);
    assert_false(view(f).tl.paused);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "session");
    assert_true(view(f).tl.practice_ms > at);
    assert_int_equal(app_idle_ms(f->app, f->now), 0); /* moving */

    /* Right, N, PageDown go on; Left, P, PageUp go back. */
    static const SDL_Scancode nexts[] = {SDL_SCANCODE_RIGHT, SDL_SCANCODE_N, SDL_SCANCODE_PAGEDOWN};
    static const SDL_Scancode prevs[] = {SDL_SCANCODE_LEFT, SDL_SCANCODE_P, SDL_SCANCODE_PAGEUP};
    for (int i = 0; i < 3; i++) {
        mark(f);
        int step = view(f).tl.step;
        press(f, nexts[i]);
        assert_int_equal(logged(f, " next"), 1);
        assert_int_equal(view(f).tl.step, step + 1);
        assert_int_equal(logged(f, "started: "), 1);
        mark(f);
        press(f, prevs[i]); /* within 3 s of the step's start: back a step */
        assert_int_equal(logged(f, " previous"), 1);
        assert_int_equal(view(f).tl.step, step);
    }
    /* seated has no sides: S says so */
    mark(f);
    press(f, SDL_SCANCODE_S);
    assert_int_equal(logged(f, "switch side: no sides here"), 1);
    assert_int_equal(view(f).notice, SESSION_NOTICE_NO_SIDE);
    /* step 3 has sides: S switches */
    press(f, SDL_SCANCODE_RIGHT);
    press(f, SDL_SCANCODE_RIGHT);
    run(f, 4000);
    assert_int_equal(view(f).tl.step, 2);
    Side side = view(f).tl.side;
    mark(f);
    press(f, SDL_SCANCODE_S);
    assert_int_equal(logged(f, "switched side"), 1);
    run(f, 500);
    assert_int_not_equal(view(f).tl.side, side);

    /* Up and Down: pace, shown on screen. */
    mark(f);
    press(f, SDL_SCANCODE_UP);
    assert_int_equal(logged(f, "pace 110%"), 1);
    assert_int_equal(view(f).pace_pct, 110);
    assert_int_equal(view(f).notice, SESSION_NOTICE_PACE);
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_DOWN);
    assert_int_equal(logged(f, "pace 90%"), 1);
    assert_int_equal(view(f).pace_pct, 90);
    run(f, SESSION_NOTICE_MS + 100);
    assert_int_equal(view(f).notice, SESSION_NOTICE_NONE);

    /* M mutes and unmutes; + and - change the volume. */
    mark(f);
    press(f, SDL_SCANCODE_M);
    assert_int_equal(logged(f, " muted"), 1);
    assert_true(view(f).muted);
    press(f, SDL_SCANCODE_M);
    assert_int_equal(logged(f, " unmuted"), 1);
    assert_false(view(f).muted);
    int vol = view(f).volume;
    press(f, SDL_SCANCODE_EQUALS); /* '+' on a US keyboard */
    assert_int_equal(view(f).volume, vol + SESSION_VOLUME_STEP);
    press(f, SDL_SCANCODE_KP_MINUS);
    press(f, SDL_SCANCODE_MINUS);
    assert_int_equal(view(f).volume, vol - SESSION_VOLUME_STEP);
    assert_int_equal(logged(f, " volume "), 3);

    /* H: help over a paused session; any key closes it and resumes. */
    mark(f);
    press(f, SDL_SCANCODE_H);
    assert_string_equal(app_screen_name(f->app), "help");
    assert_true(view(f).tl.paused);
    press(f, SDL_SCANCODE_H);
    run(f, 500);
    assert_string_equal(app_screen_name(f->app), "session");
    assert_false(view(f).tl.paused);
    assert_int_equal(logged(f, "paused"), 1);
    assert_int_equal(logged(f, "resumed"), 1);

    /* F toggles full screen. */
    mark(f);
    press(f, SDL_SCANCODE_F11);
    assert_int_equal(logged(f, "full screen on"), 1);
    press(f, SDL_SCANCODE_F);
    assert_int_equal(logged(f, "full screen off"), 1);

    /* Esc asks; the question lapses after 3 s; Esc twice leaves, once. */
    mark(f);
    press(f, SDL_SCANCODE_ESCAPE);
    assert_int_equal(logged(f, "leave?"), 1);
    assert_int_equal(view(f).notice, SESSION_NOTICE_LEAVE);
    run(f, SESSION_LEAVE_CONFIRM_MS + 500);
    press(f, SDL_SCANCODE_Q);
    assert_int_equal(logged(f, "leave?"), 2);
    assert_int_equal(logged(f, " left"), 0);
    assert_string_equal(app_screen_name(f->app), "session");
    press(f, SDL_SCANCODE_ESCAPE);
    assert_int_equal(logged(f, " left"), 1);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "summary");
    assert_int_equal(history_records(f), 1);
    run(f, 1000);
    assert_int_equal(history_records(f), 1);
}

static void pad(SDL_GameControllerButton b)
{
    SDL_Event e = {0};
    e.type = SDL_CONTROLLERBUTTONDOWN;
    e.cbutton.button = (Uint8)b;
    e.cbutton.state = SDL_PRESSED;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void finger(Uint32 type, float x, float y, Uint32 ms)
{
    SDL_Event e = {0};
    e.type = type;
    e.tfinger.fingerId = 7;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.tfinger.timestamp = ms;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* A gamepad and a touch screen do what the keys do. */
static void test_pad_and_touch(void **state)
{
    Fixture *f = *state;
    start(f, false);
    run_to_practice(f, 12000);
    mark(f);
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, FRAME_MS);
    assert_true(view(f).tl.paused);
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, FRAME_MS);
    assert_false(view(f).tl.paused);
    pad(SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    run(f, FRAME_MS);
    assert_int_equal(view(f).tl.step, 1);
    pad(SDL_CONTROLLER_BUTTON_LEFTSHOULDER);
    run(f, FRAME_MS);
    assert_int_equal(view(f).tl.step, 0);
    pad(SDL_CONTROLLER_BUTTON_START);
    run(f, FRAME_MS);
    assert_string_equal(app_screen_name(f->app), "help");
    pad(SDL_CONTROLLER_BUTTON_B);
    run(f, 500);
    assert_string_equal(app_screen_name(f->app), "session");

    /* a tap pauses and resumes; a swipe left goes on, right goes back */
    finger(SDL_FINGERDOWN, 0.5f, 0.5f, 100);
    finger(SDL_FINGERUP, 0.51f, 0.5f, 250);
    run(f, FRAME_MS);
    assert_true(view(f).tl.paused);
    finger(SDL_FINGERDOWN, 0.5f, 0.5f, 400);
    finger(SDL_FINGERUP, 0.5f, 0.49f, 500);
    run(f, FRAME_MS);
    assert_false(view(f).tl.paused);
    int step = view(f).tl.step;
    finger(SDL_FINGERDOWN, 0.8f, 0.5f, 1000);
    finger(SDL_FINGERUP, 0.3f, 0.55f, 1200);
    run(f, FRAME_MS);
    assert_int_equal(view(f).tl.step, step + 1);
    finger(SDL_FINGERDOWN, 0.2f, 0.5f, 1400);
    finger(SDL_FINGERUP, 0.7f, 0.5f, 1600);
    run(f, FRAME_MS);
    assert_int_equal(view(f).tl.step, step);
    /* a slow press that wanders is neither */
    finger(SDL_FINGERDOWN, 0.5f, 0.5f, 2000);
    finger(SDL_FINGERUP, 0.55f, 0.55f, 4000);
    run(f, FRAME_MS);
    assert_false(view(f).tl.paused);
    assert_int_equal(logged(f, "paused"), 3); /* A, help, the tap */
}

/* The picker: Down chooses the next routine, Enter starts it; a session
 * closed with the window still leaves its record. */
static void test_picker_and_quit(void **state)
{
    Fixture *f = *state;
    f->o.routine = NULL;
    f->o.picker = true;
    start(f, true);
    run(f, 500);
    assert_string_equal(app_screen_name(f->app), "picker");
    assert_false(app_session_view(f->app, &(SessionView){0}));
    press(f, SDL_SCANCODE_DOWN); /* desk-release is offered first; floor-release is next */
    press(f, SDL_SCANCODE_RETURN);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "session");
    assert_int_equal(logged(f, "started Floor release"), 1);
    run_to_practice(f, 8000);
    SDL_Event e = {.type = SDL_QUIT};
    SDL_PushEvent(&e);
    assert_false(app_frame(f->app, f->now += FRAME_MS));
    app_destroy(f->app);
    f->app = NULL;
    assert_int_equal(history_records(f), 1);
}

/* Reads the settings file of the test's state folder into BUF ("" when none). */
static void read_settings(const Fixture *f, char *buf, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/psoas-coach/settings.json", f->state_dir);
    buf[0] = 0;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    size_t n = fread(buf, 1, size - 1, fp);
    buf[n] = 0;
    fclose(fp);
}

/* The picker's length: Right and Left (keys and the gamepad's D-pad)
 * change the highlighted routine's length in steps, remembered in
 * settings.json by routine; the session plays the length shown, and a
 * new start offers it again. */
static void test_picker_length(void **state)
{
    Fixture *f = *state;
    f->o.routine = NULL;
    f->o.picker = true;
    start(f, true);
    run(f, 500);
    int64_t own, len;
    const char *id;
    int d = app_routine_default(f->app); /* highlighted first */
    app_routine(f->app, d, &id, &own);
    assert_string_equal(id, "desk-release");
    /* desk-release (9:53 as written) offers 5, as written, 15, 20, 30 */
    press(f, SDL_SCANCODE_RIGHT);
    const Routine *r = app_routine(f->app, d, NULL, &len);
    assert_true(len >= 15 * 60000 * 95 / 100 && len <= 15 * 60000 * 105 / 100);
    assert_int_equal(timeline_plan(r, f->lib, NULL, NULL), len);
    char text[4096];
    read_settings(f, text, sizeof text);
    assert_non_null(strstr(text, "\"lengths\": {\"desk-release\": 15}"));
    pad(SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    run(f, FRAME_MS);
    app_routine(f->app, d, NULL, &len);
    assert_true(len >= 20 * 60000 * 95 / 100 && len <= 20 * 60000 * 105 / 100);
    for (int i = 0; i < 5; i++) /* past the longest it stays at 30 */
        press(f, SDL_SCANCODE_RIGHT);
    app_routine(f->app, d, NULL, &len);
    assert_true(len >= 30 * 60000 * 95 / 100 && len <= 30 * 60000 * 105 / 100);
    for (int i = 0; i < 3; i++)
        pad(SDL_CONTROLLER_BUTTON_DPAD_LEFT);
    run(f, FRAME_MS); /* 30 -> 20 -> 15 -> as written */
    app_routine(f->app, d, NULL, &len);
    assert_int_equal(len, own);
    read_settings(f, text, sizeof text);
    assert_null(strstr(text, "desk-release"));
    press(f, SDL_SCANCODE_LEFT); /* 5 minutes */
    app_routine(f->app, d, NULL, &len);
    assert_true(len >= 5 * 60000 * 95 / 100 && len <= 5 * 60000 * 105 / 100);
    /* the one below keeps its own length; Up and Down still choose */
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_UP);
    press(f, SDL_SCANCODE_RETURN);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "session");
    assert_int_equal(logged(f, "started Desk release"), 1);
    int64_t shown = len;
    run(f, 2000);
    SessionView v = view(f);
    assert_true(v.tl.practice_ms > 0);
    app_destroy(f->app);
    f->app = NULL;
    /* a new start remembers 5 minutes for desk-release */
    start(f, true);
    run(f, 500);
    app_routine(f->app, d, NULL, &len);
    assert_int_equal(len, shown);
    app_routine(f->app, d + 1, &id, &len);
    Routine *written = cli_load_routine(PSOAS_SOURCE_DIR, id, f->lib);
    assert_int_equal(len, timeline_plan(written, f->lib, NULL, NULL));
    routine_free(written);
}

/* The sound device going away mid-session: the session goes on silently,
 * the device coming back is used again, and the session, left, is
 * recorded once, as left, with the volume chosen. */
static void test_sound_device_lost(void **state)
{
    Fixture *f = *state;
    start(f, false);
    run_to_practice(f, 8000);
    mark(f);
    SDL_Event e = {0};
    e.type = SDL_AUDIODEVICEREMOVED;
    assert_int_equal(SDL_PushEvent(&e), 1);
    run(f, 2000);
    assert_int_equal(logged(f, "the sound device went away"), 1);
    assert_true(view(f).tl.practice_ms >= 9500); /* the practice goes on */
    press(f, SDL_SCANCODE_MINUS);
    e.type = SDL_AUDIODEVICEADDED;
    assert_int_equal(SDL_PushEvent(&e), 1);
    run(f, 500);
    assert_int_equal(logged(f, "sound is back"), 1);
    press(f, SDL_SCANCODE_ESCAPE);
    press(f, SDL_SCANCODE_ESCAPE);
    run(f, 3000);
    assert_int_equal(history_records(f), 1);
    char path[512];
    snprintf(path, sizeof path, "%s/psoas-coach/history.jsonl", f->state_dir);
    History *h = history_load(path);
    assert_false(history_get(h, 0)->finished);
    history_free(h);
    app_destroy(f->app);
    f->app = NULL;
    assert_int_equal(history_records(f), 1);
    snprintf(path, sizeof path, "%s/psoas-coach/settings.json", f->state_dir);
    FILE *sf = fopen(path, "r");
    assert_non_null(sf);
    char text[256] = "";
    size_t n = fread(text, 1, sizeof text - 1, sf);
    text[n] = 0;
    fclose(sf);
    assert_non_null(strstr(text, "\"volume\": 70"));
}

/* The id of the last history record. */
static void last_record(const Fixture *f, char *out, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/psoas-coach/history.jsonl", f->state_dir);
    History *h = history_load(path);
    assert_non_null(h);
    assert_true(history_count(h) > 0);
    snprintf(out, size, "%s", history_get(h, history_count(h) - 1)->routine);
    history_free(h);
}

/* Leaves the session with two presses of Esc and waits for the picker. */
static void leave_to_picker(Fixture *f)
{
    press(f, SDL_SCANCODE_ESCAPE);
    press(f, SDL_SCANCODE_ESCAPE);
    run(f, 2500);
    assert_string_equal(app_screen_name(f->app), "summary");
    press(f, SDL_SCANCODE_RETURN);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "picker");
}

/* The picker's Breathe entry opens the breath chooser. With keys: box
 * breathing (Down), 2 minutes (Left), on a chair (S), Enter; the session
 * plays that practice, pauses, and when left is recorded as breathe:box.
 * Opened again, the chooser offers those choices first, and a gamepad
 * chooses and starts too: 4-7-8 for 3 minutes, lying flat. The choices
 * outlive the program (settings.json). */
static void test_breathe_chooser(void **state)
{
    Fixture *f = *state;
    f->o.routine = NULL;
    f->o.picker = true;
    start(f, true);
    run(f, 500);
    /* the default routine is the second one; Breathe is above "Make me a practice", above them */
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_UP);
    press(f, SDL_SCANCODE_RETURN);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "breathe");
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_DOWN); /* calm, long exhale, coherent, box */
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_LEFT); /* 5, 4, 3, 2 minutes */
    press(f, SDL_SCANCODE_S);        /* constructive rest, lying flat */
    press(f, SDL_SCANCODE_S);        /* seated on a chair */
    mark(f);
    press(f, SDL_SCANCODE_RETURN);
    run(f, 800);
    assert_string_equal(app_screen_name(f->app), "session");
    assert_int_equal(logged(f, "started Box breathing (1 steps)"), 1);
    run_to_practice(f, 15000);
    SessionView v = view(f);
    assert_int_equal(v.tl.segment, TL_SEG_HOLD);
    assert_int_equal(v.tl.pose, poselib_find(f->lib, "seated"));
    assert_int_equal(v.tl.breath.ms[BREATH_HOLD_IN], 4000);
    assert_int_equal(v.tl.breath.ms[BREATH_HOLD_OUT], 4000);
    /* two minutes from the end of the title, within half a breath */
    int64_t end = v.tl.practice_ms + v.tl.seg_left_ms;
    assert_true(end >= 5000 + 120000 - 8000 && end <= 5000 + 120000 + 8000);
    press(f, SDL_SCANCODE_SPACE);
    assert_true(view(f).tl.paused);
    press(f, SDL_SCANCODE_SPACE);
    assert_false(view(f).tl.paused);
    leave_to_picker(f);
    char id[64];
    last_record(f, id, sizeof id);
    assert_string_equal(id, "breathe:box");

    /* again (the picker still on Breathe): the chooser offers box, 2
     * minutes, on a chair; Enter starts it */
    press(f, SDL_SCANCODE_RETURN);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "breathe");
    mark(f);
    press(f, SDL_SCANCODE_RETURN);
    run(f, 800);
    assert_int_equal(logged(f, "started Box breathing"), 1);
    run_to_practice(f, 15000);
    assert_int_equal(view(f).tl.pose, poselib_find(f->lib, "seated"));
    leave_to_picker(f);

    /* with a gamepad: the picker's Breathe entry, then 4-7-8 (D-pad down),
     * 3 minutes (right), lying flat (X: chair, floor, constructive rest,
     * lying flat), A starts */
    app_destroy(f->app);
    f->app = NULL;
    start(f, true);
    run(f, 500);
    for (int i = 0; i < 3; i++) {
        pad(SDL_CONTROLLER_BUTTON_DPAD_UP);
        run(f, FRAME_MS);
    }
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "breathe");
    pad(SDL_CONTROLLER_BUTTON_DPAD_DOWN); /* the last choices, remembered: box; then 4-7-8 */
    run(f, FRAME_MS);
    pad(SDL_CONTROLLER_BUTTON_DPAD_RIGHT);
    run(f, FRAME_MS);
    for (int i = 0; i < 3; i++) {
        pad(SDL_CONTROLLER_BUTTON_X);
        run(f, FRAME_MS);
    }
    mark(f);
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, 800);
    assert_int_equal(logged(f, "started 4-7-8 breath"), 1);
    run_to_practice(f, 15000);
    v = view(f);
    assert_int_equal(v.tl.pose, poselib_find(f->lib, "supine"));
    assert_int_equal(v.tl.breath.ms[BREATH_HOLD_IN], 7000);
    end = v.tl.practice_ms + v.tl.seg_left_ms;
    assert_true(end >= 5000 + 180000 - 9500 && end <= 5000 + 180000 + 9500);
    /* B goes back from the chooser to the picker */
    leave_to_picker(f);
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "breathe");
    pad(SDL_CONTROLLER_BUTTON_B);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "picker");
    last_record(f, id, sizeof id);
    assert_string_equal(id, "breathe:4-7-8");
}

/* Find your pace, from the chooser: five paces from 6.5 to 4.5 breaths a
 * minute, the rate on screen; at the end "which felt easiest?" (Up from
 * the middle: 6 a minute), Enter; the coherent pattern is then 5 s in,
 * 5 s out, in the chooser and in the practice it starts, also after a
 * restart. */
static void test_find_your_pace(void **state)
{
    Fixture *f = *state;
    f->o.routine = NULL;
    f->o.picker = true;
    f->o.speed = 20;
    start(f, true);
    run(f, 500);
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_UP); /* Breathe */
    press(f, SDL_SCANCODE_RETURN);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "breathe");
    for (int i = 0; i < 6; i++)
        press(f, SDL_SCANCODE_DOWN); /* past the six patterns to Find your pace */
    press(f, SDL_SCANCODE_RETURN);
    run(f, 800);
    assert_int_equal(logged(f, "started Find your pace (5 steps)"), 1);
    run(f, 15000); /* 300 s of practice: the third pace */
    SessionView v = view(f);
    assert_int_equal(v.tl.step, 2);
    assert_int_equal(v.tl.breath.ms[BREATH_INHALE], 5455);
    assert_int_equal(v.tl.breath.ms[BREATH_EXHALE], 5455);
    for (int i = 0; i < 2000 && strcmp(app_screen_name(f->app), "pace") != 0; i++)
        run(f, 100);
    assert_string_equal(app_screen_name(f->app), "pace");
    press(f, SDL_SCANCODE_UP); /* from 5.5 to 6 a minute */
    press(f, SDL_SCANCODE_RETURN);
    run(f, 800);
    assert_string_equal(app_screen_name(f->app), "summary");
    assert_int_equal(logged(f, "your pace: 6 breaths a minute"), 1);
    char id[64];
    last_record(f, id, sizeof id);
    assert_string_equal(id, "breathe:find-your-pace");

    /* after a restart, coherent breathing is the pace found */
    app_destroy(f->app);
    f->app = NULL;
    start(f, true);
    run(f, 500);
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_UP); /* Breathe */
    press(f, SDL_SCANCODE_RETURN);
    run(f, 600);
    for (int i = 0; i < 6; i++)
        press(f, SDL_SCANCODE_UP); /* to the top: calm */
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_DOWN); /* coherent */
    mark(f);
    press(f, SDL_SCANCODE_RETURN);
    run(f, 800);
    assert_int_equal(logged(f, "started Coherent breathing"), 1);
    run_to_practice(f, 200000); /* past the ease-in */
    v = view(f);
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
static Routine *made_today(const Fixture *f, ComposeOptions o)
{
    time_t now = time(NULL);
    struct tm day;
    assert_non_null(localtime_r(&now, &day));
    o.seed = compose_seed_of_date(day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
    char why[160];
    Routine *r = compose_make(f->lib, &o, why, sizeof why);
    assert_non_null(r);
    return r;
}

/* Plays the session to its end and checks it is the made practice R: its
 * steps, its first pose, and its end at R's planned length to the tenth. */
static void plays_made(Fixture *f, const Routine *r)
{
    char want[96], len[32];
    snprintf(want, sizeof want, "started %s (%d steps)", r->title, r->step_count);
    assert_int_equal(logged(f, want), 1);
    run_to_practice(f, 6000);
    SessionView v = view(f);
    assert_int_equal(v.tl.step, 0);
    assert_int_equal(v.tl.pose, r->steps[0].pose);
    for (int i = 0; i < 20000 && strcmp(app_screen_name(f->app), "summary") != 0; i++)
        run(f, FRAME_MS);
    assert_string_equal(app_screen_name(f->app), "summary");
    int64_t total = timeline_plan(r, f->lib, NULL, NULL);
    snprintf(len, sizeof len, "%d:%02d.%d", (int)(total / 60000), (int)(total / 1000 % 60), (int)(total % 1000 / 100));
    snprintf(want, sizeof want, "session: %s finished\n", len);
    assert_int_equal(logged(f, want), 1);
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
    Fixture *f = *state;
    f->o.routine = NULL;
    f->o.picker = true;
    f->o.speed = 30;
    start(f, true);
    run(f, 500);
    press(f, SDL_SCANCODE_UP);
    press(f, SDL_SCANCODE_UP); /* above Calm breath, under Breathe */
    press(f, SDL_SCANCODE_RIGHT);
    press(f, SDL_SCANCODE_LEFT);
    char text[4096];
    read_settings(f, text, sizeof text);
    assert_null(strstr(text, "lengths"));
    press(f, SDL_SCANCODE_RETURN);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "make");
    press(f, SDL_SCANCODE_RIGHT); /* 20 -> 30 */
    press(f, SDL_SCANCODE_LEFT);  /* 20 */
    press(f, SDL_SCANCODE_LEFT);  /* 15 */
    press(f, SDL_SCANCODE_DOWN);
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_RIGHT); /* everything, desk, lunges, floor */
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_RETURN); /* no kneeling */
    assert_string_equal(app_screen_name(f->app), "make");
    for (int i = 0; i < 4; i++)
        press(f, SDL_SCANCODE_DOWN); /* floor work, balancing, backbends, Start */
    mark(f);
    Drawn drawn = {.len = 0};
    press(f, SDL_SCANCODE_RETURN);
    run(f, 800);
    assert_string_equal(app_screen_name(f->app), "session");
    assert_int_equal(logged(f, "make: 15 min, focus floor, avoid kneeling, seed "), 1);
    Routine *r = made_today(f, (ComposeOptions){15, FOCUS_FLOOR, AVOID_KNEELING, 0});
    plays_made(f, r);
    run(f, 500);
    app_text_spy(f->app, spy_text, &drawn); /* the end screen, drawn once more */
    SDL_Event expose = {.type = SDL_WINDOWEVENT};
    expose.window.event = SDL_WINDOWEVENT_EXPOSED;
    SDL_PushEvent(&expose);
    run(f, FRAME_MS);
    app_text_spy(f->app, NULL, NULL);
    routine_free(r);
    assert_non_null(strstr(drawn.text, "Made for you \xC2\xB7 floor \xC2\xB7 15 min\n"));
    char id[64];
    last_record(f, id, sizeof id);
    assert_string_equal(id, "made-floor-15");
    read_settings(f, text, sizeof text);
    assert_non_null(strstr(text, "\"make\": {\"minutes\": 15, \"focus\": \"floor\", \"avoid\": [\"kneeling\"]}"));
    press(f, SDL_SCANCODE_RETURN);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "picker");

    /* with a gamepad, after a restart: the choices offered first */
    app_destroy(f->app);
    f->app = NULL;
    start(f, true);
    run(f, 500);
    for (int i = 0; i < 2; i++) {
        pad(SDL_CONTROLLER_BUTTON_DPAD_UP);
        run(f, FRAME_MS);
    }
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "make");
    const SDL_GameControllerButton moves[] = {
        SDL_CONTROLLER_BUTTON_DPAD_RIGHT, /* 15 -> 20 */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_DPAD_LEFT, /* floor -> lunges */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_A,         /* kneeling back in */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_DPAD_RIGHT, /* no floor work */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN,  SDL_CONTROLLER_BUTTON_DPAD_DOWN,
        SDL_CONTROLLER_BUTTON_DPAD_DOWN, /* Start */
        SDL_CONTROLLER_BUTTON_DPAD_DOWN, /* stays on Start */
    };
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
        pad(moves[i]);
        run(f, FRAME_MS);
    }
    assert_string_equal(app_screen_name(f->app), "make");
    mark(f);
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, 800);
    assert_string_equal(app_screen_name(f->app), "session");
    assert_int_equal(logged(f, "make: 20 min, focus lunges, avoid floor, seed "), 1);
    r = made_today(f, (ComposeOptions){20, FOCUS_LUNGES, AVOID_FLOOR, 0});
    plays_made(f, r);
    routine_free(r);
    last_record(f, id, sizeof id);
    assert_string_equal(id, "made-lunges-20");
    read_settings(f, text, sizeof text);
    assert_non_null(strstr(text, "\"make\": {\"minutes\": 20, \"focus\": \"lunges\", \"avoid\": [\"floor\"]}"));
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, 1000);
    assert_string_equal(app_screen_name(f->app), "picker");
    /* B goes back from it to the picker */
    pad(SDL_CONTROLLER_BUTTON_A);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "make");
    pad(SDL_CONTROLLER_BUTTON_B);
    run(f, 600);
    assert_string_equal(app_screen_name(f->app), "picker");
}

/* A steady hold renders no text once its words have been seen, though
 * the time, the count and the breath words change; a new cue renders; a
 * lost render target makes the text again; a resize lays out anew. */
static void test_text_cache(void **state)
{
    Fixture *f = *state;
    f->o.width = 1280;
    f->o.height = 720;
    start(f, false);
    /* seated: 9..49 s, four cues of 10 s; breaths of 10 s */
    run_to_practice(f, 20000);
    long before = app_text_renders(f->app);
    run_to_practice(f, 28500);
    assert_int_equal(app_text_renders(f->app) - before, 0);
    run_to_practice(f, 30000); /* the third cue */
    assert_true(app_text_renders(f->app) > before);

    before = app_text_renders(f->app);
    SDL_Event e = {.type = SDL_RENDER_TARGETS_RESET};
    SDL_PushEvent(&e);
    run(f, FRAME_MS);
    assert_true(app_text_renders(f->app) > before + 5);

    run(f, 1000);
    before = app_text_renders(f->app);
    SDL_Window *w = SDL_GetWindowFromID(1);
    for (Uint32 id = 1; !w && id < 16; id++)
        w = SDL_GetWindowFromID(id);
    assert_non_null(w);
    SDL_SetWindowSize(w, 640, 360);
    run(f, 200);
    assert_true(app_text_renders(f->app) > before + 5);
    before = app_text_renders(f->app);
    run(f, 500);
    assert_int_equal(app_text_renders(f->app), before);
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
static bool until_device(Fixture *f, bool want, int64_t ms)
{
    for (int i = 0; i < 200; i++) {
        if (device_playing() == want)
            return true;
        run(f, ms);
        SDL_Delay(20);
    }
    return device_playing() == want;
}

/* The sound device is closed while nothing plays: at the picker, after
 * the end, in a long pause; and open while a session plays, the session's
 * clock going on across it. */
static void test_sound_device(void **state)
{
    Fixture *f = *state;
    f->o.routine = NULL;
    f->o.picker = true;
    start(f, true);
    run(f, 500);
    assert_string_equal(app_screen_name(f->app), "picker");
    run(f, 2000);
    SDL_Delay(100);
    assert_false(device_playing()); /* never opened for the picker */
    press(f, SDL_SCANCODE_RETURN);
    assert_true(until_device(f, true, FRAME_MS));
    assert_string_equal(app_screen_name(f->app), "session");
    run_to_practice(f, 12000);
    assert_true(device_playing());
    /* a short pause keeps it; a long one closes it */
    press(f, SDL_SCANCODE_SPACE);
    int64_t at = view(f).tl.practice_ms;
    run(f, 5000);
    assert_true(device_playing());
    assert_true(until_device(f, false, 1000));
    assert_true(logged(f, "sound device closed while nothing plays (a long pause)") >= 1);
    assert_int_equal(view(f).tl.practice_ms, at);
    /* resumed: open again, and the practice goes on from where it was */
    press(f, SDL_SCANCODE_SPACE);
    assert_true(until_device(f, true, FRAME_MS));
    int64_t resumed = view(f).tl.practice_ms;
    assert_in_range(resumed, at, at + 2000);
    run(f, 3000);
    assert_in_range(view(f).tl.practice_ms, resumed + 2500, resumed + 3500);
    /* left: the summary, then the picker, with no device */
    press(f, SDL_SCANCODE_ESCAPE);
    press(f, SDL_SCANCODE_ESCAPE);
    run(f, 2000);
    assert_string_equal(app_screen_name(f->app), "summary");
    assert_true(until_device(f, false, 200));
    assert_true(logged(f, "sound device closed while nothing plays (no session)") >= 1);
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
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_whole_routine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_controls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pad_and_touch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picker_and_quit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picker_length, setup, teardown),
        cmocka_unit_test_setup_teardown(test_breathe_chooser, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find_your_pace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_make_me_a_practice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sound_device_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sound_device, setup, teardown),
        cmocka_unit_test(test_readable),
        cmocka_unit_test(test_text_backdrop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
