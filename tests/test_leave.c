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

#include "app.h"
#include "cli.h"
#include "log.h"

enum { LOG_CAP = 1 << 18, FRAME_MS = 50 };

typedef struct Fixture {
    PoseLibrary *lib;
    CliOptions o;
    App *app;
    int64_t now;         /* the test's wall clock */
    char dir[256];       /* XDG_STATE_HOME and the stand-in's marks */
    char log[LOG_CAP];   /* every line logged */
    size_t log_len;
} Fixture;

static void sink(LogLevel level, const char *tag, const char *text, void *user)
{
    (void)level;
    Fixture *f = user;
    int n = snprintf(f->log + f->log_len, LOG_CAP - f->log_len, "%s: %s\n", tag, text);
    if (n > 0 && f->log_len + (size_t)n < LOG_CAP)
        f->log_len += (size_t)n;
}

static bool logged(const Fixture *f, const char *s)
{
    return strstr(f->log, s) != NULL;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/psoas-leave-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    setenv("XDG_STATE_HOME", f->dir, 1);
    f->lib = cli_load_library(PSOAS_SOURCE_DIR);
    assert_non_null(f->lib);
    f->o = (CliOptions){.windowed = true, .log = true, .speed = 1.0, .picker = true, .kiosk = true, .width = 800,
                        .height = 480};
    log_set_sink(sink, f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    app_destroy(f->app);
    log_set_sink(NULL, NULL);
    poselib_free(f->lib);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", f->dir);
    unsetenv("PSOAS_COACH_POWEROFF");
    free(f);
    return 0;
}

static void start(Fixture *f)
{
    f->now = 1000;
    f->app = app_create(&f->o, PSOAS_SOURCE_DIR, f->lib, NULL, f->now);
    assert_non_null(f->app);
}

/* Runs frames for MS; false once the app closes. */
static bool run(Fixture *f, int64_t ms)
{
    for (int64_t end = f->now + ms; f->now < end;) {
        f->now += FRAME_MS;
        if (!app_frame(f->app, f->now))
            return false;
    }
    return true;
}

static bool press(Fixture *f, SDL_Scancode sc)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
    assert_int_equal(SDL_PushEvent(&e), 1);
    return run(f, 400); /* past the fades */
}

static const char *screen(const Fixture *f)
{
    return app_screen_name(f->app);
}

/* Esc opens the leave screen; Esc and Back return to the picker. */
static void test_back(void **state)
{
    Fixture *f = *state;
    start(f);
    assert_true(run(f, 500));
    assert_string_equal(screen(f), "picker");
    assert_true(press(f, SDL_SCANCODE_ESCAPE));
    assert_string_equal(screen(f), "leave");
    assert_true(logged(f, "screen: leave\n"));
    assert_true(press(f, SDL_SCANCODE_ESCAPE));
    assert_string_equal(screen(f), "picker");
    assert_true(logged(f, "screen: back to picker\n"));
    /* Down to "Back", Enter */
    assert_true(press(f, SDL_SCANCODE_ESCAPE));
    assert_true(press(f, SDL_SCANCODE_DOWN));
    assert_true(press(f, SDL_SCANCODE_RETURN));
    assert_string_equal(screen(f), "picker");
    assert_false(logged(f, "asking to turn off"));
}

/* Turn off: one press arms it, five seconds disarm it, two presses run
 * the request, whose success the log reports. */
static void test_turn_off(void **state)
{
    Fixture *f = *state;
    char mark[300], cmd[400];
    snprintf(mark, sizeof mark, "%s/turned-off", f->dir);
    snprintf(cmd, sizeof cmd, "echo off > '%s'", mark);
    setenv("PSOAS_COACH_POWEROFF", cmd, 1);
    start(f);
    assert_true(run(f, 500));
    assert_true(press(f, SDL_SCANCODE_ESCAPE));
    assert_true(press(f, SDL_SCANCODE_RETURN));
    assert_true(logged(f, "waiting for a second press"));
    assert_true(run(f, 6000));
    assert_true(logged(f, "not confirmed in time"));
    assert_int_not_equal(access(mark, F_OK), 0);
    assert_true(press(f, SDL_SCANCODE_RETURN));
    assert_true(press(f, SDL_SCANCODE_RETURN));
    assert_true(logged(f, "asking to turn off"));
    for (int i = 0; i < 100 && !logged(f, "turning off: the system accepted"); i++) {
        usleep(20000); /* the child runs in real time */
        assert_true(run(f, FRAME_MS));
    }
    assert_true(logged(f, "turning off: the system accepted"));
    assert_int_equal(access(mark, F_OK), 0);
    assert_string_equal(screen(f), "leave"); /* until the system stops the program */
}

/* A refused request is said on the screen and in the log; the choices
 * work again. */
static void test_refused(void **state)
{
    Fixture *f = *state;
    setenv("PSOAS_COACH_POWEROFF", "exit 3", 1);
    start(f);
    assert_true(run(f, 500));
    assert_true(press(f, SDL_SCANCODE_ESCAPE));
    assert_true(press(f, SDL_SCANCODE_SPACE));
    assert_true(press(f, SDL_SCANCODE_SPACE));
    for (int i = 0; i < 100 && !logged(f, "cannot turn off"); i++) {
        usleep(20000);
        assert_true(run(f, FRAME_MS));
    }
    assert_true(logged(f, "power: cannot turn off: the system refused (exit status 3"));
    assert_true(press(f, SDL_SCANCODE_ESCAPE));
    assert_string_equal(screen(f), "picker");
}

/* "Close to the login prompt" quits and says why; without --kiosk, Esc on
 * the picker quits at once. */
static void test_close(void **state)
{
    Fixture *f = *state;
    start(f);
    assert_true(run(f, 500));
    assert_true(press(f, SDL_SCANCODE_ESCAPE));
    assert_true(press(f, SDL_SCANCODE_UP)); /* wraps to the last choice */
    assert_false(press(f, SDL_SCANCODE_RETURN));
    assert_true(logged(f, "app: quitting: closed to the login prompt\n"));
    app_destroy(f->app);
    f->o.kiosk = false;
    f->log_len = 0;
    f->log[0] = 0;
    start(f);
    assert_true(run(f, 500));
    assert_false(press(f, SDL_SCANCODE_ESCAPE));
    assert_true(logged(f, "app: quitting: Esc on the picker\n"));
    assert_false(logged(f, "screen: leave"));
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
    Fixture *f = *state;
    static const int sizes[][2] = {{800, 480}, {720, 1280}, {3840, 2160}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        f->o.width = sizes[i][0];
        f->o.height = sizes[i][1];
        f->log_len = 0;
        start(f);
        assert_true(run(f, 500));
        assert_true(press(f, SDL_SCANCODE_ESCAPE));
        assert_true(press(f, SDL_SCANCODE_RETURN)); /* the longer message: "Press Enter again" */
        SDL_Window *w = NULL;
        for (Uint32 id = 1; id < 256 && !w; id++)
            w = SDL_GetWindowFromID(id); /* ids go on rising after SDL_Quit */
        SDL_Renderer *r = w ? SDL_GetRenderer(w) : NULL;
        assert_non_null(r);
        int ow, oh;
        assert_int_equal(SDL_GetRendererOutputSize(r, &ow, &oh), 0);
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, SDL_PIXELFORMAT_ARGB8888);
        assert_non_null(s);
        assert_int_equal(SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch), 0);
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
        app_destroy(f->app);
        f->app = NULL;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_turn_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
