/* harness.c — see harness.h. One set-up for every test that runs the real
 * app, so each test says only what it checks. */
#include "harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "history.h"
#include "log.h"

enum { LOG_CAP = 1 << 20 }; /* a whole routine's --log at the most verbose */

static void sink(LogLevel level, const char *tag, const char *text, void *user)
{
    (void)level;
    Harness *h = user;
    SDL_LockMutex(h->log_lock);
    int n = snprintf(h->log + h->log_len, LOG_CAP - h->log_len, "%s: %s\n", tag, text);
    if (n > 0 && h->log_len + (size_t)n < LOG_CAP)
        h->log_len += (size_t)n;
    SDL_UnlockMutex(h->log_lock);
}

void harness_headless(const char *audio)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", audio, 1);
}

Harness *harness_create(const char *name)
{
    Harness *h = calloc(1, sizeof *h);
    assert_non_null(h);
    h->log = calloc(1, LOG_CAP);
    assert_non_null(h->log);
    h->log_lock = SDL_CreateMutex();
    assert_non_null(h->log_lock);
    snprintf(h->dir, sizeof h->dir, "/tmp/psoas-%s-XXXXXX", name);
    assert_non_null(mkdtemp(h->dir));
    char path[sizeof h->dir + 16];
    snprintf(path, sizeof path, "%s/state", h->dir);
    setenv("XDG_STATE_HOME", path, 1);
    snprintf(path, sizeof path, "%s/config", h->dir);
    setenv("XDG_CONFIG_HOME", path, 1);
    h->lib = cli_load_library(PSOAS_SOURCE_DIR);
    assert_non_null(h->lib);
    h->o = (CliOptions){.windowed = true, .log = true, .speed = 1.0, .width = 320, .height = 180};
    h->frame_ms = HARNESS_FRAME_MS;
    log_set_sink(sink, h);
    return h;
}

void harness_destroy(Harness *h)
{
    if (!h)
        return;
    harness_stop(h);
    log_set_sink(NULL, NULL);
    poselib_free(h->lib);
    char cmd[sizeof h->dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", h->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", h->dir);
    SDL_DestroyMutex(h->log_lock);
    free(h->log);
    free(h);
}

int harness_setup(void **state)
{
    *state = harness_create("app");
    return 0;
}

int harness_teardown(void **state)
{
    harness_destroy(*state);
    return 0;
}

void harness_start(Harness *h, const char *routine)
{
    harness_stop(h);
    h->o.routine = routine;
    h->o.picker = routine == NULL;
    if (routine) {
        h->routine = cli_load_routine(PSOAS_SOURCE_DIR, routine, h->lib);
        assert_non_null(h->routine);
    }
    h->now = HARNESS_START_MS;
    h->app = app_create(&h->o, PSOAS_SOURCE_DIR, h->lib, h->routine, h->now);
    assert_non_null(h->app);
}

void harness_stop(Harness *h)
{
    app_destroy(h->app);
    h->app = NULL;
    routine_free(h->routine);
    h->routine = NULL;
}

bool harness_run(Harness *h, int64_t ms)
{
    for (int64_t end = h->now + ms; h->now < end;) {
        h->now += h->frame_ms;
        if (!app_frame(h->app, h->now))
            return false;
    }
    return true;
}

void harness_key(SDL_Scancode sc)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

void harness_button(SDL_GameControllerButton b)
{
    SDL_Event e = {0};
    e.type = SDL_CONTROLLERBUTTONDOWN;
    e.cbutton.button = (Uint8)b;
    e.cbutton.state = SDL_PRESSED;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

void harness_finger(Uint32 type, float x, float y, Uint32 ms)
{
    SDL_Event e = {0};
    e.type = type;
    e.tfinger.fingerId = 7;
    e.tfinger.x = x;
    e.tfinger.y = y;
    e.tfinger.timestamp = ms;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

bool harness_press(Harness *h, SDL_Scancode sc)
{
    harness_key(sc);
    return harness_run(h, h->frame_ms);
}

bool harness_pad(Harness *h, SDL_GameControllerButton b)
{
    harness_button(b);
    return harness_run(h, h->frame_ms);
}

void harness_tap(Harness *h, float x, float y)
{
    Uint32 t = (Uint32)h->now;
    harness_finger(SDL_FINGERDOWN, x, y, t);
    harness_finger(SDL_FINGERUP, x, y, t + 100);
    harness_run(h, h->frame_ms);
}

void harness_quit(Harness *h)
{
    SDL_Event e = {.type = SDL_QUIT};
    assert_int_equal(SDL_PushEvent(&e), 1);
    assert_false(app_frame(h->app, h->now += h->frame_ms));
}

const char *harness_screen(const Harness *h)
{
    return app_screen_name(h->app);
}

SessionView harness_view(const Harness *h)
{
    SessionView v;
    assert_true(app_session_view(h->app, &v));
    return v;
}

void harness_run_to_practice(Harness *h, int64_t ms)
{
    for (int i = 0; i < 100000 && harness_view(h).tl.practice_ms < ms; i++)
        harness_run(h, h->frame_ms);
}

void harness_mark(Harness *h)
{
    SDL_LockMutex(h->log_lock);
    h->mark = h->log_len;
    SDL_UnlockMutex(h->log_lock);
}

int harness_logged(Harness *h, const char *s)
{
    int n = 0;
    SDL_LockMutex(h->log_lock);
    for (const char *p = h->log + h->mark; (p = strstr(p, s)); p += strlen(s))
        n++;
    SDL_UnlockMutex(h->log_lock);
    return n;
}

const char *harness_log(const Harness *h)
{
    return h->log + h->mark;
}

void harness_state_file(const Harness *h, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/state/psoas-coach/%s", h->dir, name);
}

const char *harness_levels(Harness *h)
{
    static char path[sizeof h->dir + 64];
    snprintf(path, sizeof path, "%s/config/psoas-coach/levels", h->dir);
    char cmd[sizeof path + 16];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    assert_int_equal(system(cmd), 0);
    return path;
}

int harness_history_count(const Harness *h)
{
    char path[512];
    harness_state_file(h, "history.jsonl", path, sizeof path);
    History *hist = history_load(path);
    assert_non_null(hist);
    int n = history_count(hist);
    history_free(hist);
    return n;
}

void harness_last_record(const Harness *h, char *out, size_t size)
{
    char path[512];
    harness_state_file(h, "history.jsonl", path, sizeof path);
    History *hist = history_load(path);
    assert_non_null(hist);
    assert_true(history_count(hist) > 0);
    snprintf(out, size, "%s", history_get(hist, history_count(hist) - 1)->routine);
    history_free(hist);
}

void harness_write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

void harness_read_file(const char *path, char *buf, size_t size)
{
    buf[0] = 0;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    size_t n = fread(buf, 1, size - 1, fp);
    buf[n] = 0;
    fclose(fp);
}

SDL_Surface *harness_picture(void)
{
    SDL_Window *w = NULL;
    for (Uint32 id = 1; !w && id < 1024; id++)
        w = SDL_GetWindowFromID(id); /* ids go on rising after SDL_Quit */
    SDL_Renderer *r = w ? SDL_GetRenderer(w) : NULL;
    int ow = 0, oh = 0;
    if (!r || SDL_GetRendererOutputSize(r, &ow, &oh) != 0)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s && SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}
