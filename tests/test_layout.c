/* test_layout.c — every screen fits every display. The real app, headless
 * (SDL's offscreen video driver, events pushed into SDL's queue, a clock
 * of the test's own, as test_ui drives it), is brought to each stop of
 * the table below at each size of the other table; the frame drawn there
 * is recorded text box by text box (textcache_spy), and the test fails on
 * any text that is not wholly on the screen, or that overlaps other text
 * of the same screen (an overlay's text lies over the dimmed screen
 * beneath, so layers are judged one by one).
 *
 * A new screen, or a new state of one, is a row in STOPS: a name, the
 * routine to start (none: the picker), a function that drives the fresh
 * app there, the screen expected on top, and a text it must show.
 *
 * PSOAS_LAYOUT_SHOTS=DIR also writes each frame as DIR/STOP-WxH.bmp, to
 * look at; PSOAS_LAYOUT_ONLY=STOP visits that stop alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <SDL.h>

#include "harness.h"
#include "history.h"
#include "screens.h"

enum {
    FRAME_MS = 200,   /* the clock's step between frames: fades take 260 ms, holds seconds */
    MAX_SHOWN = 256,  /* text boxes one frame may draw */
    SETTLE_MS = 800,  /* every fade is over */
    TOLERANCE = 1     /* pixels two boxes may share: rounding of line spacing */
};

/* One text box of the frame. */
typedef struct Shown {
    char text[120];   /* the string, cut */
    char layer[24];   /* the screen that drew it */
    TextFont font;    /* its size */
    SDL_Rect box;     /* where */
    int w, h;         /* the picture */
} Shown;

typedef struct Fixture {
    Harness *h;              /* the app and its home */
    char long_path[400];     /* the routine with the longest words */
    bool recording;          /* the spy keeps what is drawn */
    Shown shown[MAX_SHOWN];  /* the frame's text */
    int count;               /* boxes in SHOWN */
    int failures;            /* problems found in all */
} Fixture;

/* ---- driving the app ---- */

static void run(Fixture *f, int64_t ms) { harness_run(f->h, ms); }
static void press(Fixture *f, SDL_Scancode sc) { harness_press(f->h, sc); }
static SessionView view(const Fixture *f) { return harness_view(f->h); }

/* Runs until the session is in a hold with less than MS left. */
static void hold_until_left(Fixture *f, int64_t ms)
{
    for (int i = 0; i < 100000; i++) {
        SessionView v = view(f);
        if (v.tl.segment == TL_SEG_HOLD && v.tl.seg_left_ms < ms)
            return;
        run(f, FRAME_MS);
    }
    fail_msg("no hold reached");
}

/* On the picker, Down until the routine titled starting with TITLE. */
static void choose(Fixture *f, const char *title)
{
    for (int i = 0; i < app_routine_count(f->h->app); i++) {
        const Routine *r = app_routine(f->h->app, i, NULL, NULL);
        if (!strncmp(r->title, title, strlen(title))) {
            int from = app_routine_default(f->h->app);
            for (int k = from; k != i; k = (k + 1) % app_routine_count(f->h->app))
                press(f, SDL_SCANCODE_DOWN);
            return;
        }
    }
    fail_msg("no routine titled %s", title);
}

/* ---- the stops ---- */

static void go_stay(Fixture *f) { (void)f; }
static void go_help(Fixture *f) { press(f, SDL_SCANCODE_H); }
static void go_long_choice(Fixture *f) { choose(f, "A practice with"); }
static void go_hold(Fixture *f) { hold_until_left(f, 20000); }
/* the last 5 s of a hold, once the 0.8 s settling (6.4 s of practice) is over */
static void go_next_hint(Fixture *f) { hold_until_left(f, 10000); }

static void go_pause(Fixture *f)
{
    hold_until_left(f, 20000);
    press(f, SDL_SCANCODE_SPACE);
}

static void go_session_help(Fixture *f)
{
    hold_until_left(f, 20000);
    press(f, SDL_SCANCODE_H);
}

static void go_notice(Fixture *f)
{
    hold_until_left(f, 20000);
    press(f, SDL_SCANCODE_UP);
    run(f, 300); /* the notice stays 2 s */
}

static void go_moving(Fixture *f)
{
    /* into the second step, while moving into it */
    hold_until_left(f, 20000);
    press(f, SDL_SCANCODE_RIGHT);
}

static void go_summary(Fixture *f)
{
    harness_run_to_practice(f->h, 3000);
    press(f, SDL_SCANCODE_ESCAPE);
    press(f, SDL_SCANCODE_ESCAPE);
    run(f, 2000);
}

static void go_finished(Fixture *f)
{
    for (int i = 0; i < 200000 && strcmp(harness_screen(f->h), "summary") != 0; i++)
        run(f, FRAME_MS);
}

#define ELLIPSIS "\xE2\x80\xA6"

static void go_leave(Fixture *f) { press(f, SDL_SCANCODE_ESCAPE); }

static void go_leave_confirm(Fixture *f)
{
    press(f, SDL_SCANCODE_ESCAPE);
    run(f, SETTLE_MS);
    press(f, SDL_SCANCODE_RETURN); /* "Turn off": asks once more */
}

/* The breath chooser: Breathe is the first entry, above "Make me a
 * practice" and the routines (the second of which is offered first); its
 * list from the top (it offers the pattern chosen last, at an earlier
 * stop, first). */
static void go_chooser(Fixture *f)
{
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_UP);
    press(f, SDL_SCANCODE_RETURN);
    run(f, SETTLE_MS);
    for (int i = 0; i < 8; i++)
        press(f, SDL_SCANCODE_UP);
}

/* ... with "Your own breath" and its numbers, the first focused */
static void go_chooser_own(Fixture *f)
{
    go_chooser(f);
    for (int i = 0; i < 8; i++)
        press(f, SDL_SCANCODE_DOWN);
}

/* A box breathing practice, in its hold. */
static void go_breath_hold(Fixture *f)
{
    go_chooser(f);
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_RETURN);
    run(f, SETTLE_MS);
    hold_until_left(f, 280000);
}

/* The end of Find your pace, its paces skipped through. */
static void go_pace(Fixture *f)
{
    go_chooser(f);
    for (int i = 0; i < 6; i++)
        press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_RETURN);
    run(f, SETTLE_MS);
    for (int i = 0; i < 10 && view(f).tl.segment != TL_SEG_DONE; i++) {
        press(f, SDL_SCANCODE_RIGHT); /* the next pace; after the last, the end */
        run(f, FRAME_MS);
    }
    for (int i = 0; i < 100 && strcmp(harness_screen(f->h), "pace") != 0; i++)
        run(f, FRAME_MS);
}

/* "Make me a practice": the entry between Breathe and the routines. */
static void go_maker(Fixture *f)
{
    press(f, SDL_SCANCODE_UP);
    press(f, SDL_SCANCODE_UP);
    press(f, SDL_SCANCODE_RETURN);
    run(f, SETTLE_MS);
}

/* ... on the floor, whose line is the longest, the focus row highlighted */
static void go_maker_floor(Fixture *f)
{
    go_maker(f);
    press(f, SDL_SCANCODE_DOWN);
    for (int i = 0; i < 3; i++)
        press(f, SDL_SCANCODE_RIGHT); /* everything, desk, lunges, floor */
}

/* ... with three things left out, 60 minutes, the Start row highlighted */
static void go_maker_avoid(Fixture *f)
{
    go_maker(f);
    for (int i = 0; i < 6; i++)
        press(f, SDL_SCANCODE_RIGHT); /* to 60 minutes */
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_RETURN); /* no kneeling */
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_RIGHT);  /* no floor work */
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_DOWN);
    press(f, SDL_SCANCODE_SPACE);  /* no backbends */
    press(f, SDL_SCANCODE_DOWN);
}

/* ... a made practice of an hour of everything (the longest words) begun
 * and left: the end screen names it in words */
static void go_maker_summary(Fixture *f)
{
    go_maker(f);
    for (int i = 0; i < 6; i++)
        press(f, SDL_SCANCODE_RIGHT); /* to 60 minutes */
    press(f, SDL_SCANCODE_RETURN);    /* Enter on the length starts */
    run(f, SETTLE_MS);
    go_summary(f);
}

typedef struct Stop {
    const char *name;        /* names the frame in messages and shots */
    const char *routine;     /* a session of it to start with ("long": the longest words); NULL: the picker */
    void (*go)(Fixture *f);  /* from the app's start to the frame */
    const char *screen;      /* the screen on top there */
    const char *shows;       /* a part of some text that must be drawn there (NULL: none) */
    bool shows_small;        /* ... in the small text (the details, hints) */
    bool kiosk;              /* started with --kiosk */
} Stop;

static const Stop stops[] = {
    {.name = "picker", .go = go_stay, .screen = "picker", .shows = "Enter start"},
    /* the summary, cut */
    {.name = "picker-long", .go = go_long_choice, .screen = "picker", .shows = ELLIPSIS, .shows_small = true},
    {.name = "picker-help", .go = go_help, .screen = "help", .shows = "close"},
    {.name = "intro", .routine = "psoas-flow", .go = go_stay, .screen = "session"},
    {.name = "hold", .routine = "psoas-flow", .go = go_hold, .screen = "session", .shows = "Hold"},
    {.name = "next-hint", .routine = "one-move", .go = go_next_hint, .screen = "session", .shows = "Next: "},
    {.name = "moving", .routine = "one-move", .go = go_moving, .screen = "session"},
    {.name = "notice", .routine = "one-move", .go = go_notice, .screen = "session", .shows = "breathing"},
    {.name = "pause", .routine = "one-move", .go = go_pause, .screen = "pause", .shows = "Paused"},
    {.name = "help", .routine = "one-move", .go = go_session_help, .screen = "help", .shows = "close"},
    {.name = "long-intro", .routine = "long", .go = go_stay, .screen = "session"},
    {.name = "long-hold", .routine = "long", .go = go_hold, .screen = "session", .shows = "Hold"},
    {.name = "long-next", .routine = "long", .go = go_next_hint, .screen = "session"},
    {.name = "long-summary", .routine = "long", .go = go_summary, .screen = "summary", .shows = "continue"},
    {.name = "summary", .routine = "long", .go = go_finished, .screen = "summary", .shows = "Well done"},
    /* the keys whole, on two lines where one is too narrow */
    {.name = "breathe", .go = go_chooser, .screen = "breathe", .shows = "M ticks", .shows_small = true},
    {.name = "breathe-own", .go = go_chooser_own, .screen = "breathe", .shows = "Top-up"},
    {.name = "breath-hold", .go = go_breath_hold, .screen = "session", .shows = "Time left"},
    {.name = "pace", .go = go_pace, .screen = "pace", .shows = "Which pace"},
    {.name = "make", .go = go_maker, .screen = "make", .shows = "Everything"},
    {.name = "make-floor", .go = go_maker_floor, .screen = "make", .shows = "foot slide", .shows_small = true},
    {.name = "make-avoid", .go = go_maker_avoid, .screen = "make", .shows = "60 min"},
    {.name = "make-summary", .go = go_maker_summary, .screen = "summary", .shows = "everything \xC2\xB7 60 min",
     .shows_small = true},
    {.name = "kiosk-picker", .go = go_stay, .screen = "picker", .shows = "turn off", .kiosk = true},
    {.name = "leave", .go = go_leave, .screen = "leave", .shows = "Turn off", .kiosk = true},
    {.name = "leave-confirm", .go = go_leave_confirm, .screen = "leave", .kiosk = true},
};

typedef struct Size {
    int w, h;
} Size;

/* The Raspberry Pi touch display, small HDMI screens, laptops, TVs, and a
 * display turned on its side. */
static const Size sizes[] = {{800, 480},   {1024, 600},  {1280, 800}, {1280, 720},
                             {1920, 1080}, {3840, 2160}, {720, 1280}};

/* ---- the spy and the judging ---- */

static void spy(const TextDrawn *d, void *user)
{
    Fixture *f = user;
    if (!f->recording)
        return;
    if (f->count >= MAX_SHOWN)
        fail_msg("more than %d texts in one frame", MAX_SHOWN);
    Shown *s = &f->shown[f->count++];
    snprintf(s->text, sizeof s->text, "%s", d->text);
    snprintf(s->layer, sizeof s->layer, "%s", d->layer);
    s->font = d->font;
    s->box = d->box;
    s->w = d->w;
    s->h = d->h;
}

static void problem(Fixture *f, const char *stop, Size z, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "layout: %s at %dx%d: ", stop, z.w, z.h);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    f->failures++;
}

/* Every box on the picture; no two of one layer sharing more than
 * TOLERANCE pixels each way; SHOWS (unless NULL) in some text. */
static void judge(Fixture *f, const char *stop, Size z, const char *shows, bool small)
{
    if (f->count == 0)
        problem(f, stop, z, "no text drawn");
    bool found = !shows;
    for (int i = 0; i < f->count && !found; i++)
        found = strstr(f->shown[i].text, shows) != NULL && (!small || f->shown[i].font == TEXT_SMALL);
    if (!found)
        problem(f, stop, z, "no text shows \"%s\"", shows);
    for (int i = 0; i < f->count; i++) {
        const Shown *s = &f->shown[i];
        const SDL_Rect *b = &s->box;
        if (b->x < 0 || b->y < 0 || b->x + b->w > s->w || b->y + b->h > s->h)
            problem(f, stop, z, "\"%s\" (%s) at %d,%d %dx%d is not wholly on the %dx%d picture", s->text, s->layer,
                    b->x, b->y, b->w, b->h, s->w, s->h);
        for (int k = 0; k < i; k++) {
            const Shown *o = &f->shown[k];
            SDL_Rect both;
            if (strcmp(o->layer, s->layer) != 0 || !SDL_IntersectRect(&o->box, b, &both))
                continue;
            if (both.w > TOLERANCE && both.h > TOLERANCE)
                problem(f, stop, z, "\"%s\" overlaps \"%s\" (%s) by %dx%d", s->text, o->text, s->layer, both.w,
                        both.h);
        }
    }
}

/* The window's picture as DIR/NAME-WxH.bmp. */
static void shoot(const char *dir, const char *name, Size z)
{
    SDL_Surface *s = harness_picture();
    if (s) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s-%dx%d.bmp", dir, name, z.w, z.h);
        SDL_SaveBMP(s, path);
    }
    SDL_FreeSurface(s);
}

/* One stop at one size: a fresh app, driven there, one frame recorded. */
static void visit(Fixture *f, const Stop *stop, Size z)
{
    Harness *h = f->h;
    h->o = (CliOptions){.windowed = true, .speed = 8.0, .width = z.w, .height = z.h, .kiosk = stop->kiosk};
    const char *routine = stop->routine && !strcmp(stop->routine, "long") ? f->long_path : stop->routine;
    harness_start(h, routine);
    run(f, SETTLE_MS);
    stop->go(f);
    run(f, SETTLE_MS);
    if (strcmp(harness_screen(f->h), stop->screen) != 0)
        problem(f, stop->name, z, "the top screen is %s, not %s", harness_screen(f->h), stop->screen);
    /* the next frame in full: an expose makes the app draw it */
    app_text_spy(h->app, spy, f);
    f->count = 0;
    f->recording = true;
    SDL_Event e = {.type = SDL_WINDOWEVENT};
    e.window.event = SDL_WINDOWEVENT_EXPOSED;
    SDL_PushEvent(&e);
    h->now += FRAME_MS;
    app_frame(h->app, h->now);
    f->recording = false;
    app_text_spy(h->app, NULL, NULL);
    judge(f, stop->name, z, stop->shows, stop->shows_small);
    const char *dir = getenv("PSOAS_LAYOUT_SHOTS");
    if (dir && *dir)
        shoot(dir, stop->name, z);
    harness_stop(h);
}

/* ---- set-up ---- */

/* As long as a routine file lets each text be, in long words. */
static const char long_routine[] =
    "{\"title\": \"A practice with a title as long as titles may be, to fill the row right up\",\n"
    " \"summary\": \"A summary that goes on and on: the lunges, the bridges, the long rests, the breathing, "
    "the stretches of the front of the hips and the thighs, everything a practice can hold, told in words "
    "long enough that no screen could show all of them on two lines without cutting them off somewhere.\",\n"
    " \"safety\": \"Stop at once at any sharp, sudden or spreading pain in the hips, the groin or the back, "
    "and ask a physiotherapist or doctor before going on with this or any other practice at all.\",\n"
    " \"breath\": {\"inhale\": 4, \"exhale\": 6},\n"
    " \"steps\": [\n"
    "  {\"pose\": \"kneeling-lunge\", \"name\": \"Kneeling lunge with the back thigh drawn well back\","
    "   \"sides\": \"both\", \"seconds\": 40,\n"
    "   \"cues\": [\"Bring one foot forward with the back knee down on something soft, the front knee right "
    "above the ankle, the chest tipped a little forward, and the top of the back thigh drawn back.\"]},\n"
    "  {\"pose\": \"constructive-rest\", \"name\": \"Constructive rest on the back with the knees bent\","
    "   \"breaths\": 4, \"cues\": [\"Lie on your back.\"]}\n"
    " ]}\n";

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    Harness *h = f->h = harness_create("layout");
    h->frame_ms = FRAME_MS;
    setenv("PSOAS_COACH_POWEROFF", "true", 1); /* should a test ever confirm turning off */
    snprintf(f->long_path, sizeof f->long_path, "%s/zz-longest-words.json", harness_levels(h));
    harness_write_file(f->long_path, long_routine);
    /* a history, so the picker shows its totals */
    char path[300];
    snprintf(path, sizeof path, "mkdir -p '%s/state/psoas-coach'", h->dir);
    assert_int_equal(system(path), 0);
    harness_state_file(h, "history.jsonl", path, sizeof path);
    HistoryRecord rec = {.seconds = 59940, .steps = 5, .of = 5, .finished = true};
    snprintf(rec.routine, sizeof rec.routine, "desk-release");
    assert_true(history_stamp(&rec, time(NULL)));
    assert_true(history_append(path, &rec));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    harness_destroy(f->h);
    free(f);
    return 0;
}

/* Whether size Z is to be tried: all of them, unless
 * PSOAS_LAYOUT_SIZES lists some ("800x480,720x1280": the emulated arm64
 * run, where a frame costs many times more). */
static bool wanted(Size z)
{
    const char *list = getenv("PSOAS_LAYOUT_SIZES");
    char name[32];
    snprintf(name, sizeof name, "%dx%d", z.w, z.h);
    if (!list || !*list)
        return true;
    for (const char *p = list; (p = strstr(p, name)); p += strlen(name))
        if ((p == list || p[-1] == ',') && (p[strlen(name)] == 0 || p[strlen(name)] == ','))
            return true;
    return false;
}

/* Every stop at every size. */
static void test_every_screen_fits(void **state)
{
    Fixture *f = *state;
    const char *only = getenv("PSOAS_LAYOUT_ONLY"); /* one stop, while working on it */
    for (size_t s = 0; s < sizeof stops / sizeof stops[0]; s++) {
        if (only && *only && strcmp(only, stops[s].name) != 0)
            continue;
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
            if (wanted(sizes[z]))
                visit(f, &stops[s], sizes[z]);
    }
    if (f->failures)
        fail_msg("%d layout problems (listed above)", f->failures);
}

/* The judge itself: text off the picture and text over text are found. */
static void test_judge_finds_faults(void **state)
{
    Fixture *f = *state;
    Size z = {100, 100};
    f->count = 0;
    f->shown[f->count++] = (Shown){"a", "x", TEXT_BODY, {0, 0, 50, 20}, 100, 100};
    f->shown[f->count++] = (Shown){"b", "x", TEXT_BODY, {50, 19, 50, 20}, 100, 100}; /* touches, within tolerance */
    f->shown[f->count++] = (Shown){"c", "y", TEXT_BODY, {10, 5, 30, 20}, 100, 100};  /* another layer */
    judge(f, "made-fine", z, "b", false);
    assert_int_equal(f->failures, 0);
    f->shown[f->count++] = (Shown){"d", "x", TEXT_BODY, {40, 10, 30, 20}, 100, 100}; /* over a and b */
    f->shown[f->count++] = (Shown){"e", "y", TEXT_BODY, {90, 90, 20, 20}, 100, 100}; /* off the picture */
    judge(f, "made-faulty (expected)", z, "f", false);
    assert_int_equal(f->failures, 4);
    f->failures = 0;
}

int main(void)
{
    harness_headless("dummy");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_judge_finds_faults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_screen_fits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
