/* app.c — see app.h.
 *
 * Owns the window, the renderer, the input devices, the routines the
 * picker offers, the practice history's path, and the screen stack. The
 * stack is a small array: screens are pushed and popped with a fade, and
 * an entry closing stays on it, drawn fading out, until its fade ends.
 * Nothing here measures time by counting frames: every fade and every
 * session is a function of the wall clock handed to app_frame. */
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "audio.h"
#include "datadir.h"
#include "display.h"
#include "ending.h"
#include "history.h"
#include "input.h"
#include "log.h"
#include "safefile.h"
#include "screens.h"
#include "scale.h"
#include "settings.h"
#include "theme.h"
#include "timeline.h"

enum {
    APP_DEFAULT_W = 1280,
    APP_DEFAULT_H = 720,
    APP_FRAME_MS = 16,       /* frame time when the display gives no vsync */
    APP_MAX_SCREENS = 8,     /* picker, session, pause, help ... and those closing */
    APP_FADE_IN_MS = 260,    /* a screen or overlay appearing */
    APP_FADE_OUT_MS = 180,   /* ... and going */
    APP_IDLE_WAKE_MS = 1000, /* the longest the loop sleeps without an event */
    APP_MAX_PIXELS = 1920 * 1080 /* drawn at most; a 4K display gets 1080p scaled up */
};

typedef struct Entry {
    const Screen *screen;  /* what it is */
    void *state;           /* its state, from enter */
    int64_t opened;        /* wall time its fade-in starts (may be in the future) */
    int64_t closing;       /* wall time its fade-out began; -1 while open */
} Entry;

typedef struct RoutineItem {
    const Routine *routine; /* the routine as written */
    Routine *owned;         /* the same when the app loaded it (freed with the app) */
    Routine *scaled;        /* the routine at the chosen length (owned); NULL: as written */
    int minutes;            /* the chosen length; 0: as written */
    char id[ROUTINE_ID_MAX + 1]; /* the name it is recorded under: its id (file name without .json), or
                                  * for a file from elsewhere routine_record_name's */
    int64_t length_ms;      /* planned length */
} RoutineItem;

struct App {
    const CliOptions *o;          /* the command line */
    const char *data;             /* the data folder */
    const PoseLibrary *lib;       /* the poses */
    SDL_Window *win;              /* NULL when drawing into a surface */
    SDL_Renderer *ren;            /* the renderer */
    bool vsync;                   /* presenting waits for the display */
    SDL_Texture *canvas;          /* frames larger than 1080p are drawn here, then scaled up */
    int canvas_w, canvas_h;       /* its size; 0 when not used */
    bool canvas_failed;           /* it could not be made: drawn at full size (logged once) */
    Ui ui;                        /* text, figure, theme */
    Input *input;                 /* pads and touch */
    Audio *audio;                 /* the breath and the voice; silent without a device */
    bool devices_open;            /* input_open_devices has run (after the first frame) */
    Entry stack[APP_MAX_SCREENS]; /* bottom first */
    int depth;                    /* entries in use */
    bool quit;                    /* close the program */
    const char *quit_why;         /* why, for the log (a string literal); NULL until known */
    bool quit_logged;             /* the quitting has been logged */
    const Screen *shown;          /* the top screen as last logged */
    AppSettings settings;         /* kept between sessions */
    RoutineItem *routines;        /* the picker's list, every routine found */
    int routine_count;
    int routine_cap;              /* items ROUTINES has room for */
    int routine_default;          /* the one offered first */
    char history_path[PATH_MAX];  /* where practice is recorded; "" when nowhere */
    char settings_path[PATH_MAX]; /* where volume and mute are kept; "" when nowhere */
    Settings saved;               /* volume and mute as that file holds them; volume -1: rewrite it */
    SettingsBreathe breathe_saved; /* the breath chooser's choices as that file holds them */
    Routine *breath;              /* the breath or made practice last composed (owned); NULL when none */
    char breath_id[BREATHE_ID_CHARS]; /* its id for the history */
    int total_minutes;            /* from the history, for the picker; -1 unknown */
    int streak_days;
    bool totals_known;            /* the two above are loaded */
    int64_t drawn_at;             /* wall time of the last frame drawn */
    bool must_draw;               /* something happened that a frame must show */
    int presents_to_show;         /* frames to present after the window changes (display.h) */
    int settle;                   /* frames still to present whatever they show, for the above */
    bool drew;                    /* the last app_frame drew a frame */
    long frames_drawn;            /* frames drawn in all */
};

/* ---- routines ---- */

static bool add_routine(App *a, const Routine *r, Routine *owned, const char *id)
{
    if (a->routine_count == a->routine_cap) {
        int cap = a->routine_cap ? a->routine_cap * 2 : 64;
        RoutineItem *more = realloc(a->routines, (size_t)cap * sizeof *more);
        if (!more) {
            log_msg(LOG_ERROR, "routine", "out of memory: the list of routines stops at %d", a->routine_count);
            return false;
        }
        a->routines = more;
        a->routine_cap = cap;
    }
    RoutineItem *it = &a->routines[a->routine_count++];
    *it = (RoutineItem){0}; /* as written, no length chosen */
    it->routine = r;
    it->owned = owned;
    snprintf(it->id, sizeof it->id, "%s", id);
    it->length_ms = timeline_plan(r, a->lib, NULL, NULL);
    return true;
}

/* The routine of the command line, GIVEN_ARG as typed, when no listed id
 * is GIVEN_ARG: the index of the listed routine whose file it is (by
 * path, "levels/x.json" given for the id x), or -1 with the name it is
 * recorded under in NAME. */
static int given_file(App *a, const char *given_arg, const DatadirRoutine *list, int n,
                      char name[ROUTINE_ID_MAX + 1])
{
    char path[PATH_MAX], real[PATH_MAX], other[PATH_MAX];
    if (datadir_routine_path(a->data, given_arg, path, sizeof path) != 0 || !realpath(path, real))
        snprintf(real, sizeof real, "%s", given_arg);
    const char *base = strrchr(real, '/');
    base = base ? base + 1 : real;
    size_t len = strlen(base);
    for (int i = 0; i < n; i++) {
        const char *id = list[i].id;
        if (len == strlen(id) + 5 && strncmp(base, id, len - 5) == 0 && realpath(list[i].path, other) &&
            strcmp(other, real) == 0)
            for (int k = 0; k < a->routine_count; k++)
                if (strcmp(a->routines[k].id, id) == 0)
                    return k;
    }
    routine_record_name(real, name);
    return -1;
}

static bool set_length(App *a, RoutineItem *it, int minutes);

/* Loads every routine in DATA/levels and the user's folder (in id order); a file that does not
 * load is named with its first problem and left out. GIVEN, the routine
 * from the command line (GIVEN_ARG as typed), is offered first, and added
 * when it came from outside the routine folders. */
static void load_routines(App *a, const Routine *given, const char *given_arg)
{
    Diag *diag = calloc(1, sizeof *diag);
    DatadirRoutine *list = NULL;
    int n = diag ? datadir_routines(a->data, &list) : 0;
    for (int i = 0; i < n; i++) {
        const char *path = list[i].path;
        diag_clear(diag);
        Routine *r = routine_load(path, path, a->lib, diag);
        if (!r) {
            log_msg(LOG_WARN, "routine", "%s%s", diag->count ? diag->lines[0] : path,
                    diag_total(diag) > 1 ? " (and more; psoas-coach --check shows all)" : "");
            continue;
        }
        if (!add_routine(a, r, r, list[i].id)) {
            routine_free(r);
            break;
        }
    }
    free(diag);
    const char *want = given_arg ? given_arg : CLI_DEFAULT_ROUTINE;
    int found = -1;
    for (int i = 0; i < a->routine_count; i++)
        if (strcmp(a->routines[i].id, want) == 0)
            found = i;
    char name[ROUTINE_ID_MAX + 1];
    if (given && found < 0)
        found = given_file(a, want, list, n, name);
    datadir_free_routines(list, n);
    if (given && found >= 0)
        a->routines[found].routine = given; /* the one the session uses */
    else if (given && add_routine(a, given, NULL, name))
        found = a->routine_count - 1;
    a->routine_default = found >= 0 ? found : 0;
    /* the lengths chosen before, except for the routine named on the
     * command line, which plays as it was asked for */
    for (int i = 0; i < a->routine_count; i++) {
        RoutineItem *it = &a->routines[i];
        int m = it->routine == given ? 0 : settings_length(&a->saved, it->id);
        if (m > 0 && !set_length(a, it, m))
            log_msg(LOG_WARN, "settings", "%s cannot be %d minutes long; it plays as written", it->id, m);
    }
}

int app_routine_count(const App *a)
{
    return a->routine_count;
}

const Routine *app_routine(const App *a, int i, const char **id, int64_t *length_ms)
{
    if (i < 0 || i >= a->routine_count)
        return NULL;
    if (id)
        *id = a->routines[i].id;
    if (length_ms)
        *length_ms = a->routines[i].length_ms;
    return a->routines[i].scaled ? a->routines[i].scaled : a->routines[i].routine;
}

/* Plays item IT at MINUTES (0: as written). Returns false, changing
 * nothing, when the routine cannot be that long or memory runs out. */
static bool set_length(App *a, RoutineItem *it, int minutes)
{
    Routine *scaled = NULL;
    if (minutes > 0) {
        scaled = routine_copy(it->routine);
        if (!scaled || !scale_routine(scaled, a->lib, minutes)) {
            routine_free(scaled);
            return false;
        }
    }
    routine_free(it->scaled);
    it->scaled = scaled;
    it->minutes = minutes;
    it->length_ms = timeline_plan(scaled ? scaled : it->routine, a->lib, NULL, NULL);
    return true;
}

bool app_routine_step_length(App *a, int i, int dir)
{
    if (i < 0 || i >= a->routine_count)
        return false;
    RoutineItem *it = &a->routines[i];
    int m = scale_step(it->routine, a->lib, it->minutes, dir);
    if (m == it->minutes || !set_length(a, it, m))
        return false;
    log_msg(LOG_INFO, "picker", "%s: %s (%lld s)", it->id, m ? "chosen length" : "as written",
            (long long)(it->length_ms / 1000));
    if (a->settings_path[0]) {
        Settings now = a->saved;
        now.volume = a->settings.volume; /* a damaged file's -1 is not written */
        now.muted = a->settings.muted;
        if (settings_set_length(&now, it->id, m) && settings_save_all(a->settings_path, &now, &a->breathe_saved))
            a->saved = now;
    }
    return true;
}

int app_routine_default(const App *a)
{
    return a->routine_default;
}

/* Keeps R, a practice made for this start, in place of the last one made
 * (no session uses that: one practice is started at a time); R NULL: it
 * could not be made, for the reason ERR, said under MODULE. */
static Routine *keep_made(App *a, Routine *r, const char *module, const char *err)
{
    if (!r) {
        log_msg(LOG_WARN, module, "cannot make the practice: %s", err);
        return NULL;
    }
    routine_free(a->breath);
    a->breath = r;
    return r;
}

const Routine *app_breath_practice(App *a, const BreatheChoice *choice)
{
    char err[160];
    Routine *r = keep_made(a, breathe_routine(choice, a->lib, err, sizeof err), "breathe", err);
    if (r)
        breathe_id(choice, a->breath_id, sizeof a->breath_id);
    return r;
}

const Routine *app_pace_practice(App *a, BreathePosture posture)
{
    char err[160];
    Routine *r = keep_made(a, breathe_pace_routine(posture, a->lib, err, sizeof err), "breathe", err);
    if (r) {
        r->pace_ticks = a->settings.breathe.ticks;
        snprintf(a->breath_id, sizeof a->breath_id, "breathe:find-your-pace");
    }
    return r;
}

const Routine *app_made_practice(App *a, const ComposeOptions *o)
{
    char err[160];
    Routine *r = keep_made(a, compose_make(a->lib, o, err, sizeof err), "make", err);
    if (r)
        compose_record_id(o, a->breath_id, sizeof a->breath_id);
    return r;
}

/* The id of ROUTINE among the picker's ("" when not found). */
static const char *routine_id(const App *a, const Routine *routine)
{
    if (routine && routine == a->breath)
        return a->breath_id;
    for (int i = 0; i < a->routine_count; i++)
        if (a->routines[i].routine == routine || (a->routines[i].scaled && a->routines[i].scaled == routine))
            return a->routines[i].id;
    return "";
}

/* ---- history ---- */

static void today(int *y, int *m, int *d)
{
    if (!history_today(time(NULL), y, m, d))
        *y = 1970, *m = 1, *d = 1;
}

static void load_totals(App *a)
{
    a->totals_known = false;
    if (!a->history_path[0])
        return;
    History *h = history_load(a->history_path);
    if (!h)
        return;
    int y, m, d;
    today(&y, &m, &d);
    history_stats(h, y, m, d, &a->total_minutes, &a->streak_days);
    a->totals_known = history_count(h) > 0;
    history_free(h);
}

bool app_history_totals(App *a, int *total_minutes, int *streak_days)
{
    *total_minutes = a->total_minutes;
    *streak_days = a->streak_days;
    return a->totals_known;
}

void app_record(App *a, const Routine *routine, const SessionSummary *s, SummaryInfo *info)
{
    info->recorded = false;
    const char *id = routine_id(a, routine);
    char words[sizeof info->title];
    if (compose_record_words(id, words, sizeof words)) /* a made practice, as the history names it */
        memcpy(info->title, words, sizeof words);
    if (!a->history_path[0])
        return;
    HistoryRecord rec = {0};
    history_stamp(&rec, time(NULL));
    /* every name fits a record whole (routine_id_check, routine_record_name) */
    _Static_assert(ROUTINE_ID_MAX + 1 == HISTORY_ROUTINE_SIZE, "a routine's name fits a history record");
    snprintf(rec.routine, sizeof rec.routine, "%s", *id ? id : "routine");
    int64_t sec = (s->practice_ms + 500) / 1000;
    rec.seconds = sec > HISTORY_MAX_SECONDS ? HISTORY_MAX_SECONDS : (int)sec;
    rec.of = routine->step_count;
    rec.steps = s->steps_completed > rec.of ? rec.of : s->steps_completed;
    rec.finished = s->finished;
    rec.speed = a->settings.speed; /* another speed: kept as a trial */
    info->speed = a->settings.speed;
    HistoryWritten w;
    info->recorded = history_append_to(a->history_path, &rec, &w);
    if (w.archived > 0) {
        const char *slash = strrchr(w.archive, '/');
        info->archived = w.archived;
        const char *file = slash ? slash + 1 : w.archive;
        size_t len = strlen(file) < sizeof info->archive ? strlen(file) : sizeof info->archive - 1;
        memcpy(info->archive, file, len); /* a name of ours: ASCII, cut only when the path was odd */
        info->archive[len] = 0;
    }
    log_msg(LOG_INFO, "history", "%s %s: %d s, %d/%d steps, %s%s", info->recorded ? "recorded" : "could not record",
            rec.routine, rec.seconds, rec.steps, rec.of, rec.finished ? "finished" : "left",
            history_is_trial(&rec) ? " (a trial at another speed)" : "");
    load_totals(a);
    info->total_minutes = a->totals_known ? a->total_minutes : -1;
    info->streak_days = a->totals_known ? a->streak_days : -1;
}

/* ---- the stack ---- */

Ui *app_ui(App *a)
{
    return &a->ui;
}

Audio *app_audio(App *a)
{
    return a->audio;
}

AppSettings *app_settings(App *a)
{
    return &a->settings;
}

void app_save_settings(App *a)
{
    Settings now = a->saved; /* the lengths as they are */
    now.volume = a->settings.volume;
    now.muted = a->settings.muted;
    if (a->settings.make_chosen)
        now.make = (SettingsMake){true, a->settings.make.minutes, a->settings.make.focus, a->settings.make.avoid};
    bool same_make = now.make.saved == a->saved.make.saved &&
                     (!now.make.saved || (now.make.minutes == a->saved.make.minutes &&
                                          now.make.focus == a->saved.make.focus && now.make.avoid == a->saved.make.avoid));
    SettingsBreathe b = a->breathe_saved;
    if (a->settings.breathe_chosen) {
        b.saved = true;
        b.choice = a->settings.breathe;
        b.custom = a->settings.breathe_custom;
        b.coherent_x10 = a->settings.breathe_coherent_x10;
    }
    bool same_breathe = b.saved == a->breathe_saved.saved &&
                        (!b.saved || (b.choice.preset == a->breathe_saved.choice.preset &&
                                      b.choice.minutes == a->breathe_saved.choice.minutes &&
                                      b.choice.posture == a->breathe_saved.choice.posture &&
                                      b.choice.ticks == a->breathe_saved.choice.ticks &&
                                      breath_equal(b.custom, a->breathe_saved.custom) &&
                                      b.coherent_x10 == a->breathe_saved.coherent_x10));
    if (!a->settings_path[0] || (now.volume == a->saved.volume && now.muted == a->saved.muted && same_breathe &&
                                 same_make))
        return;
    if (settings_save_all(a->settings_path, &now, &b)) {
        a->saved = now;
        a->breathe_saved = b;
    }
}

void app_quit(App *a)
{
    app_quit_because(a, "asked to");
}

void app_quit_because(App *a, const char *why)
{
    if (!a->quit)
        a->quit_why = why;
    a->quit = true;
}

bool app_tap_point(App *a, int *x, int *y)
{
    float fx, fy;
    if (!input_tap_point(a->input, &fx, &fy))
        return false;
    *x = (int)(fx * (float)a->ui.w);
    *y = (int)(fy * (float)a->ui.h);
    return true;
}

bool app_kiosk(const App *a)
{
    return a->o && a->o->kiosk;
}

/* The entry that gets input: the top one not closing. */
static Entry *top(App *a)
{
    for (int i = a->depth - 1; i >= 0; i--)
        if (a->stack[i].closing < 0)
            return &a->stack[i];
    return NULL;
}

/* When a screen opened now may start fading in: after what is closing. */
static int64_t open_time(const App *a, int64_t now)
{
    int64_t t = now;
    for (int i = 0; i < a->depth; i++)
        if (a->stack[i].closing >= 0 && a->stack[i].screen->opaque && a->stack[i].closing + APP_FADE_OUT_MS > t)
            t = a->stack[i].closing + APP_FADE_OUT_MS;
    return t;
}

void app_push(App *a, const Screen *s, void *arg, int64_t now)
{
    if (a->depth >= APP_MAX_SCREENS) {
        log_msg(LOG_ERROR, "video", "too many screens open; %s not shown", s->name);
        return;
    }
    void *state = s->enter(a, arg, now);
    if (!state) {
        log_msg(LOG_ERROR, "video", "cannot open the %s screen (out of memory)", s->name);
        return;
    }
    int64_t opened = s->opaque ? open_time(a, now) : now;
    a->stack[a->depth] = (Entry){s, state, opened, -1};
    a->depth++;
    a->must_draw = true;
    a->shown = s;
    log_msg(LOG_INFO, "screen", "%s", s->name);
}

static void close_entry(Entry *e, int64_t now)
{
    if (e->closing < 0)
        e->closing = now;
}

void app_pop(App *a, int64_t now)
{
    Entry *e = top(a);
    if (e)
        close_entry(e, now);
    a->must_draw = true;
}

void app_to_picker(App *a, int64_t now)
{
    bool have = false;
    for (int i = 0; i < a->depth; i++) {
        if (a->stack[i].screen == picker_screen() && a->stack[i].closing < 0)
            have = true;
        else
            close_entry(&a->stack[i], now);
    }
    if (!have)
        app_push(a, picker_screen(), NULL, now);
    a->must_draw = true;
}

/* How visible entry E is at NOW: 0..1. */
static float entry_alpha(const Entry *e, int64_t now)
{
    float in = ui_fade(now - e->opened, APP_FADE_IN_MS);
    if (e->closing < 0)
        return in;
    float out = 1.0f - ui_fade(now - e->closing, APP_FADE_OUT_MS);
    return in < out ? in : out;
}

/* Removes entries whose fade-out has ended. */
static void sweep(App *a, int64_t now)
{
    int k = 0;
    for (int i = 0; i < a->depth; i++) {
        Entry *e = &a->stack[i];
        if (e->closing >= 0 && now - e->closing >= APP_FADE_OUT_MS) {
            e->screen->leave(a, e->state);
            a->must_draw = true; /* the frame without it */
            continue;
        }
        a->stack[k++] = *e;
    }
    a->depth = k;
}

/* For a window larger than 1080p: points the renderer at a canvas of at
 * most 1080p's pixels in the window's shape, made or remade as the window
 * changes. Returns whether it did. */
static bool begin_canvas(App *a)
{
    int w = 0, h = 0;
    if (!a->win || a->canvas_failed || SDL_GetRendererOutputSize(a->ren, &w, &h) != 0 || (long)w * h <= APP_MAX_PIXELS)
        return false;
    double s = sqrt((double)APP_MAX_PIXELS / ((double)w * (double)h));
    int cw = (int)(w * s), ch = (int)(h * s);
    if (!a->canvas || cw != a->canvas_w || ch != a->canvas_h) {
        if (a->canvas)
            SDL_DestroyTexture(a->canvas);
        a->canvas = SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, cw, ch);
        if (!a->canvas) {
            a->canvas_failed = true;
            log_msg(LOG_WARN, "video", "cannot make a %dx%d canvas (%s); drawing all %dx%d pixels", cw, ch,
                    SDL_GetError(), w, h);
            return false;
        }
        SDL_SetTextureScaleMode(a->canvas, SDL_ScaleModeLinear);
        a->canvas_w = cw;
        a->canvas_h = ch;
        log_msg(LOG_INFO, "video", "the display is %dx%d: drawing at %dx%d and scaling up", w, h, cw, ch);
    }
    if (SDL_SetRenderTarget(a->ren, a->canvas) != 0) {
        a->canvas_failed = true;
        log_msg(LOG_WARN, "video", "cannot draw into a canvas (%s); drawing all %dx%d pixels", SDL_GetError(), w, h);
        return false;
    }
    return true;
}

static void draw(App *a, int64_t now)
{
    Ui *u = &a->ui;
    bool canvas = begin_canvas(a);
    ui_begin(u);
    SDL_Color bg = u->theme->bg;
    SDL_SetRenderDrawColor(a->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(a->ren);
    /* start from the highest opaque screen fully in view */
    int from = 0;
    for (int i = a->depth - 1; i >= 0; i--) {
        if (a->stack[i].screen->opaque && entry_alpha(&a->stack[i], now) >= 1.0f) {
            from = i;
            break;
        }
    }
    for (int i = from; i < a->depth; i++) {
        Entry *e = &a->stack[i];
        float alpha = entry_alpha(e, now);
        u->alone = i == from; /* the first screen drawn is over the background alone */
        textcache_spy_layer(u->text, e->screen->name, u->w, u->h);
        if (e->screen->opaque) {
            if (alpha <= 0.0f) {
                ui_cover(u, 1.0f);
                continue;
            }
            e->screen->draw(a, e->state, 1.0f, now);
            if (alpha < 1.0f)
                ui_cover(u, 1.0f - alpha);
        } else if (alpha > 0.0f) {
            e->screen->draw(a, e->state, alpha, now);
        }
    }
    if (canvas) {
        SDL_SetRenderTarget(a->ren, NULL);
        SDL_RenderCopy(a->ren, a->canvas, NULL, NULL);
    }
    SDL_RenderPresent(a->ren);
}

static void handle(App *a, InputAction act, int64_t now)
{
    if (act == INPUT_NONE)
        return;
    if (act == INPUT_QUIT) {
        /* SDL turns SIGTERM and SIGINT into this too */
        app_quit_because(a, "the window was closed or the program was told to stop");
        return;
    }
    if (act == INPUT_FULLSCREEN && a->win) {
        bool full = SDL_GetWindowFlags(a->win) & SDL_WINDOW_FULLSCREEN;
        SDL_SetWindowFullscreen(a->win, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        a->settle = a->presents_to_show;
        SDL_ShowCursor(full ? SDL_ENABLE : SDL_DISABLE); /* a pointer only where a window has edges */
        log_msg(LOG_INFO, "screen", "full screen %s", full ? "off" : "on");
        return;
    }
    Entry *e = top(a);
    if (e)
        e->screen->action(a, e->state, act, now);
}

/* Whether the frame at NOW would differ from the last one drawn: after
 * input or a change of screens, while anything fades, or when a screen
 * says its picture changed. */
static bool needs_draw(App *a, int64_t now)
{
    bool stale = a->must_draw || a->settle > 0;
    for (int i = 0; i < a->depth; i++) {
        Entry *e = &a->stack[i];
        if (e->closing >= 0 || now - e->opened < APP_FADE_IN_MS || a->drawn_at - e->opened < APP_FADE_IN_MS)
            stale = true;
        else if (e->screen->stale)
            stale |= e->screen->stale(a, e->state, now); /* each one keeps its look up to date */
        else if (e->screen->idle && e->screen->idle(a, e->state, now) == 0)
            stale = true;
    }
    return stale;
}

/* Updates the screens, then draws a frame if it would look different.
 * Returns false once the program should close. */
static bool step(App *a, int64_t now)
{
    for (int i = 0; i < a->depth; i++) {
        Entry *e = &a->stack[i];
        if (e->closing < 0 && e->screen->update)
            e->screen->update(a, e->state, now);
    }
    if (a->quit)
        return false;
    a->drew = needs_draw(a, now);
    if (a->drew) {
        draw(a, now);
        a->drawn_at = now;
        a->must_draw = false;
        a->frames_drawn++;
        if (a->settle > 0)
            a->settle--;
    }
    sweep(a, now);
    return true;
}

/* Logs the screen on top when it changed other than by app_push: a
 * screen closed and the one beneath shows again. */
static void note_top(App *a)
{
    Entry *e = top(a);
    if (e && e->screen != a->shown) {
        a->shown = e->screen;
        log_msg(LOG_INFO, "screen", "back to %s", e->screen->name);
    }
}

/* Logs, once, that the program is closing and why. Returns false. */
static bool note_quit(App *a)
{
    if (!a->quit_logged)
        log_msg(LOG_INFO, "app", "quitting: %s", a->quit_why ? a->quit_why : "no screen left open");
    a->quit_logged = true;
    return false;
}

bool app_frame(App *a, int64_t now)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        a->must_draw = true; /* input, a window shown or resized: show the answer */
        if (ev.type == SDL_WINDOWEVENT)
            a->settle = a->presents_to_show; /* it may have new buffers */
        if (ev.type == SDL_RENDER_TARGETS_RESET || ev.type == SDL_RENDER_DEVICE_RESET) {
            /* the renderer lost its textures: make them again as drawn */
            log_msg(LOG_INFO, "video", "render %s reset; redrawing text",
                    ev.type == SDL_RENDER_TARGETS_RESET ? "targets" : "device");
            ui_reset(&a->ui);
            if (ev.type == SDL_RENDER_DEVICE_RESET && a->canvas) {
                SDL_DestroyTexture(a->canvas); /* made again at the next frame */
                a->canvas = NULL;
            }
            continue;
        }
        int signo;
        if (ending_is_event(&ev, &signo)) {
            log_msg(LOG_WARN, "ending", "%s: leaving the session and closing", ending_signal_words(signo));
            a->quit = true;
            continue;
        }
        audio_event(a->audio, &ev);
        handle(a, input_map(a->input, &ev), now);
    }
    if (a->quit || !step(a, now))
        return note_quit(a);
    if (!a->devices_open) {
        /* only now, with the first frame on screen: scanning for pads can
         * take a moment */
        a->devices_open = true;
        if (a->win) {
            input_open_devices(a->input);
            audio_open(a->audio);
        }
    }
    audio_update(a->audio, now); /* the device open only while something plays */
    if (a->depth == 0 || a->quit)
        return note_quit(a);
    note_top(a);
    return true;
}

int64_t app_idle_ms(App *a, int64_t now)
{
    int64_t idle = -1;
    if (a->settle > 0)
        return 0; /* the picture is not sure to be on screen yet */
    for (int i = 0; i < a->depth; i++) {
        Entry *e = &a->stack[i];
        /* judged by the last frame drawn: a fade that has ended since
         * still needs its final frame */
        if (e->closing >= 0 || a->drawn_at - e->opened < APP_FADE_IN_MS)
            return 0;
        int64_t t = e->screen->idle ? e->screen->idle(a, e->state, now) : -1;
        if (t >= 0 && (idle < 0 || t < idle))
            idle = t;
    }
    return idle;
}

const char *app_screen_name(const App *a)
{
    for (int i = a->depth - 1; i >= 0; i--)
        if (a->stack[i].closing < 0)
            return a->stack[i].screen->name;
    return "";
}

bool app_session_view(const App *a, SessionView *out)
{
    for (int i = a->depth - 1; i >= 0; i--) {
        if (a->stack[i].screen == practice_screen()) {
            practice_view(a->stack[i].state, out);
            return true;
        }
    }
    return false;
}

long app_text_renders(const App *a)
{
    return textcache_renders(a->ui.text);
}

void app_text_spy(App *a, TextSpy spy, void *user)
{
    textcache_spy(a->ui.text, spy, user);
}

/* ---- set-up ---- */

/* Everything but the window: fonts, routines, history, input, screens. */
static bool app_open_common(App *a, const CliOptions *o, const char *data, const PoseLibrary *lib,
                            const Routine *routine, int64_t now)
{
    a->o = o;
    a->data = data;
    a->lib = lib;
    SettingsBreathe chooser = settings_breathe_defaults();
    a->settings = (AppSettings){.speed = o->speed > 0 ? o->speed : 1.0,
                                .volume = SESSION_VOLUME_DEFAULT,
                                .breath_only = o->breath_only,
                                .breathe = chooser.choice,
                                .breathe_custom = chooser.custom,
                                .make = {COMPOSE_DEFAULT_MINUTES, COMPOSE_FOCUS_ALL, 0, 0}};
    if (settings_default_path(a->settings_path, sizeof a->settings_path) == 0) {
        bool whole = settings_load(a->settings_path, &a->saved);
        a->settings.volume = a->saved.volume;
        a->settings.muted = a->saved.muted;
        if (!settings_load_breathe(a->settings_path, &a->breathe_saved))
            whole = false;
        a->settings.breathe = a->breathe_saved.choice;
        a->settings.breathe_custom = a->breathe_saved.custom;
        a->settings.breathe_coherent_x10 = a->breathe_saved.coherent_x10;
        a->settings.make = (ComposeOptions){a->saved.make.minutes, a->saved.make.focus, a->saved.make.avoid, 0};
        if (!whole)
            a->saved.volume = -1; /* damaged: the next session's end writes a good file */
    }
    const Theme *theme = theme_find(o->theme ? o->theme : "dark");
    if (!ui_open(&a->ui, a->ren, theme ? theme : theme_find("dark"), lib))
        return false;
    a->input = input_create();
    char voice[PATH_MAX];
    const char *env = getenv("PSOAS_VOICE_DIR");
    snprintf(voice, sizeof voice, "%s%s", env && env[0] ? env : data, env && env[0] ? "" : "/assets/voice");
    a->audio = audio_create(voice);
    if (!a->input || !a->audio)
        return false;
    if (history_default_path(a->history_path, sizeof a->history_path) != 0) {
        a->history_path[0] = 0;
        log_msg(LOG_WARN, "history", "no home folder ($HOME unset): practice will not be recorded");
    }
    a->total_minutes = a->streak_days = 0;
    /* what a crash left half-written is of no use to anyone */
    history_tidy(a->history_path);
    settings_tidy(a->settings_path);
    load_totals(a);
    load_routines(a, routine, routine ? o->routine : NULL);
    if (routine) {
        app_push(a, picker_screen(), NULL, now - APP_FADE_IN_MS);
        app_push(a, practice_screen(), (void *)routine, now);
    } else {
        app_push(a, picker_screen(), NULL, now);
    }
    return a->depth > 0;
}

/* Says why SDL found no display it could use (it fell back to its
 * invisible DRIVER): a console display held by another program, one this
 * user may not open, one SDL's KMSDRM driver failed on (its error), or
 * none at all. */
static void report_no_display(const char *driver)
{
    char what[256];
    DisplayProblem p = display_diagnose(what, sizeof what);
    const char *x = SDL_getenv("DISPLAY"), *wl = SDL_getenv("WAYLAND_DISPLAY");
    if ((x && *x) || (wl && *wl)) {
        log_msg(LOG_ERROR, "video", "cannot use the desktop's display (%s%s%s%s): SDL fell back to its %s driver, "
                "which shows nothing", x && *x ? "DISPLAY=" : "", x && *x ? x : "", wl && *wl ? " WAYLAND_DISPLAY=" : "",
                wl && *wl ? wl : "", driver);
    } else if (p == DISPLAY_BUSY) {
        log_msg(LOG_ERROR, "video", "the screen is busy: %s; only one program can drive it at a time. Close that "
                "program first (a kiosk: sudo systemctl stop psoas-coach@$USER)", what);
    } else if (p == DISPLAY_DENIED) {
        log_msg(LOG_ERROR, "video", "no permission for the screen: %s; start Psoas Coach from the console's own "
                "login, or add your user to the video and render groups", what);
    } else if (p == DISPLAY_FREE) {
        /* ask the console driver by name for its own reason */
        const char *why = "unknown";
        char err[256];
        if (SDL_VideoInit("KMSDRM") != 0) {
            snprintf(err, sizeof err, "%s", SDL_GetError());
            why = err;
        } else {
            SDL_VideoQuit();
        }
        log_msg(LOG_ERROR, "video", "%s, but SDL's KMSDRM driver could not use it: %s", what, why);
    } else {
        log_msg(LOG_ERROR, "video", "no display found (SDL fell back to its %s driver, which shows nothing); "
                "start Psoas Coach from a desktop, or from a console for full-screen KMSDRM", driver);
    }
}

App *app_create(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine,
                int64_t now)
{
    App *a = calloc(1, sizeof *a);
    if (!a) {
        log_msg(LOG_ERROR, "video", "out of memory");
        return NULL;
    }
    log_set_verbose(o->log);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        log_msg(LOG_ERROR, "video", "cannot start SDL video: %s", SDL_GetError());
        free(a);
        return NULL;
    }
    /* With no display SDL2 quietly picks its offscreen driver and the
     * session would play to nothing; only a driver asked for by name may
     * be one of the invisible ones (the tests ask for them). */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy")) && !(asked && *asked)) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        report_no_display(driver);
        free(a);
        return NULL;
    }
    if (TTF_Init() != 0)
        log_msg(LOG_WARN, "video", "cannot start SDL_ttf: %s; showing no text", TTF_GetError());
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = o->width ? o->width : APP_DEFAULT_W, h = o->height ? o->height : APP_DEFAULT_H;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    SDL_DisplayMode desktop;
    if (!o->windowed) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        /* made at the display's size from the start: an X server with no
         * window manager (a kiosk, Xvfb) ignores the full-screen request
         * and would leave a small window drawn as if it were large */
        if (!o->width && SDL_GetDesktopDisplayMode(0, &desktop) == 0 && desktop.w > 0 && desktop.h > 0) {
            w = desktop.w;
            h = desktop.h;
            x = y = 0;
        }
    }
    /* A 2D renderer needs no depth buffer: without asking for none, GL
     * drivers make one as large as the screen (4 MB at 1080p, 16 MB at
     * 4K) that nothing uses. */
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    a->win = SDL_CreateWindow("Psoas Coach", x, y, w, h, flags);
    if (!a->win) {
        char what[256];
        bool busy = !strcmp(driver ? driver : "", "KMSDRM") && display_diagnose(what, sizeof what) == DISPLAY_BUSY;
        log_msg(LOG_ERROR, "video", "cannot open a window: %s%s%s", SDL_GetError(), busy ? "; the screen is busy: " : "",
                busy ? what : "");
        goto fail;
    }
    /* Always in step with the display: on a Raspberry Pi, page flips that
     * do not wait for it tear and corrupt the picture. This also reaches
     * the renderer SDL makes for itself under a software one. */
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
    a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren) {
        log_msg(LOG_ERROR, "video", "cannot create a renderer: %s", SDL_GetError());
        goto fail;
    }
    SDL_RendererInfo info;
    a->vsync = SDL_GetRendererInfo(a->ren, &info) == 0 && (info.flags & SDL_RENDERER_PRESENTVSYNC);
    log_msg(LOG_INFO, "video", "%s driver, %s renderer, vsync %s", driver ? driver : "no", info.name ? info.name : "?",
            a->vsync ? "on" : "off (frames paced by the clock)");
    if (!o->windowed)
        SDL_ShowCursor(SDL_DISABLE);
    /* the first picture, whenever it comes, is presented until it shows
     * (an idle screen draws only while it changes) */
    a->presents_to_show = a->settle = display_presents_to_show(driver);
    if (!app_open_common(a, o, data, lib, routine, now))
        goto fail;
    return a;
fail:
    app_destroy(a);
    return NULL;
}

void app_destroy(App *a)
{
    if (!a)
        return;
    /* top first, so a session still open records itself */
    for (int i = a->depth - 1; i >= 0; i--)
        a->stack[i].screen->leave(a, a->stack[i].state);
    a->depth = 0;
    for (int i = 0; i < a->routine_count; i++) {
        routine_free(a->routines[i].owned);
        routine_free(a->routines[i].scaled);
    }
    free(a->routines);
    routine_free(a->breath);
    input_destroy(a->input);
    audio_destroy(a->audio);
    ui_close(&a->ui);
    if (a->canvas)
        SDL_DestroyTexture(a->canvas);
    bool windowed = a->win != NULL;
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    free(a);
    if (windowed) {
        if (TTF_WasInit())
            TTF_Quit();
        SDL_Quit();
    }
}

static int64_t wall_ms(void)
{
    return (int64_t)(SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency());
}

/* The display went away (ending.h): record what is under way, with no
 * SDL call, as closing the window would. */
static void lost_display(void *user)
{
    App *a = user;
    for (int i = a->depth - 1; i >= 0; i--)
        if (a->stack[i].screen == practice_screen())
            practice_record(a, a->stack[i].state);
}

int app_run(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine)
{
    ending_block_signals(); /* before SDL starts a thread */
    App *a = app_create(o, data, lib, routine, wall_ms());
    /* from here on the sound keeps time, when there is sound */
    if (!a)
        return 1;
    ending_start(lost_display, a);
    for (;;) {
        int64_t wall0 = wall_ms();
        if (!app_frame(a, audio_now(a->audio, wall0)))
            break;
        int64_t idle = app_idle_ms(a, audio_now(a->audio, wall_ms()));
        if (idle != 0) {
            /* nothing moves: sleep until an event, or until something will */
            int wait = idle < 0 || idle > APP_IDLE_WAKE_MS ? APP_IDLE_WAKE_MS : (int)idle;
            SDL_WaitEventTimeout(NULL, wait);
        } else if (!a->vsync || !a->drew) {
            /* a frame not drawn did not wait for the display */
            int64_t spent = wall_ms() - wall0;
            if (spent < APP_FRAME_MS)
                SDL_Delay((Uint32)(APP_FRAME_MS - spent));
        }
    }
    ending_closing();
    app_destroy(a);
    ending_stop();
    return 0;
}

/* ---- image modes ---- */

static void offscreen_close(App *a, SDL_Surface *surface)
{
    app_destroy(a);
    SDL_FreeSurface(surface);
    TTF_Quit();
    SDL_Quit();
}

/* An app drawing into a W x H *SURFACE with the software renderer, for the
 * modes that write images to FILE. Returns NULL after logging (having
 * freed all it made); else close with offscreen_close. */
static App *app_create_offscreen(const CliOptions *o, const char *data, const PoseLibrary *lib, const char *file,
                                 SDL_Surface **surface)
{
    *surface = NULL;
    size_t len = strlen(file);
    if (len < 4 || SDL_strcasecmp(file + len - 4, ".bmp") != 0) {
        log_msg(LOG_ERROR, "snapshot", "%s: only .bmp files can be written", file);
        return NULL;
    }
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        log_msg(LOG_ERROR, "snapshot", "cannot start SDL: %s", SDL_GetError());
        return NULL;
    }
    int w = o->width ? o->width : APP_DEFAULT_W, h = o->height ? o->height : APP_DEFAULT_H;
    App *a = calloc(1, sizeof *a);
    *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (a && *surface)
        a->ren = SDL_CreateSoftwareRenderer(*surface);
    if (!a || !a->ren) {
        log_msg(LOG_ERROR, "snapshot", "cannot create a %dx%d image: %s", w, h, SDL_GetError());
        goto fail;
    }
    a->o = o;
    a->data = data;
    a->lib = lib;
    const Theme *theme = theme_find(o->theme ? o->theme : "dark");
    if (!ui_open(&a->ui, a->ren, theme ? theme : theme_find("dark"), lib))
        goto fail;
    return a;
fail:
    offscreen_close(a, *surface);
    *surface = NULL;
    return NULL;
}

/* Writes SURFACE to FILE as a BMP through a temporary file in the same
 * folder, synced and renamed over FILE only once whole: a full disk or a
 * file-size limit leaves any picture already at FILE as it was, and no
 * temporary file behind. Returns false after one line naming FILE. */
static bool save_bmp(SDL_Surface *surface, const char *file)
{
    char dir[PATH_MAX], tmp[PATH_MAX + 16];
    safefile_dir_of(file, dir, sizeof dir);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (snprintf(tmp, sizeof tmp, "%s/.%s.tmp-XXXXXX", dir, base) >= (int)sizeof tmp) {
        log_msg(LOG_ERROR, "snapshot", "%s: cannot write: the name is too long", file);
        return false;
    }
    int fd = mkstemp(tmp);
    if (fd >= 0)
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (fd < 0) {
        log_msg(LOG_ERROR, "snapshot", "%s: cannot write: %s", file, strerror(errno));
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask); /* as a file made the usual way; mkstemp gives 0600 */
    const char *why = NULL;
    int err = 0;
    FILE *fp = fdopen(fd, "wb");
    SDL_RWops *rw = fp ? SDL_RWFromFP(fp, SDL_FALSE) : NULL;
    if (!fp) {
        err = errno;
        close(fd);
    } else if (!rw || SDL_SaveBMP_RW(surface, rw, 1) != 0) {
        why = SDL_GetError();
        if (ferror(fp) && errno)
            err = errno; /* the system's words: "File too large", "No space left on device" */
    }
    if (fp && !why && !err) {
        if (fflush(fp) != 0 || ferror(fp))
            err = errno ? errno : EIO;
        else if (fsync(fileno(fp)) != 0 && errno != EINVAL && errno != ENOTSUP)
            err = errno;
    }
    if (fp && fclose(fp) != 0 && !err && !why)
        err = errno;
    if (!err && !why && rename(tmp, file) != 0)
        err = errno;
    if (err || why) {
        log_msg(LOG_ERROR, "snapshot", "%s: cannot write: %s; any file there is left as it was", file,
                err ? strerror(err) : why);
        unlink(tmp);
        return false;
    }
    safefile_sync_dir(dir, "snapshot");
    return true;
}

/* Opens a session of ROUTINE on an offscreen app, in full view from time
 * 0, with no history and no sound. Returns its entry, or NULL. */
static Entry *offscreen_session(App *a, const CliOptions *o, const Routine *routine)
{
    a->settings = (AppSettings){.speed = 1.0, .volume = SESSION_VOLUME_DEFAULT};
    a->history_path[0] = 0;
    if (!add_routine(a, routine, NULL, o->routine))
        return NULL;
    app_push(a, practice_screen(), (void *)routine, 0);
    if (a->depth != 1)
        return NULL;
    a->stack[0].opened = -APP_FADE_IN_MS;
    return &a->stack[0];
}

int app_snapshot(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine)
{
    SDL_Surface *surface = NULL;
    App *a = app_create_offscreen(o, data, lib, o->out, &surface);
    if (!a)
        return 1;
    int code = 1;
    Entry *e = offscreen_session(a, o, routine);
    if (e) {
        e->screen->update(a, e->state, o->at_ms);
        draw(a, o->at_ms);
        if (save_bmp(surface, o->out))
            code = 0;
    }
    offscreen_close(a, surface);
    return code;
}

static int64_t cpu_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int compare_ns(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

int app_bench(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine,
              int64_t started_ns)
{
    enum { FPS = 60 };
    CliOptions sized = *o;
    if (!sized.width) {
        sized.width = 1920;
        sized.height = 1080;
    }
    long frames = (long)(o->bench_s * FPS + 0.5);
    if (frames < 1)
        frames = 1;
    /* CPU per frame ticked, then per frame drawn */
    int64_t *spent = malloc((size_t)frames * 2 * sizeof *spent), *drawn_ns = spent ? spent + frames : NULL;
    SDL_Surface *surface = NULL;
    /* the file name only passes the offscreen check: nothing is written */
    App *a = spent ? app_create_offscreen(&sized, data, lib, "bench.bmp", &surface) : NULL;
    Entry *e = a ? offscreen_session(a, &sized, routine) : NULL;
    if (!e) {
        if (a)
            offscreen_close(a, surface);
        free(spent);
        fprintf(stderr, "psoas-coach: cannot start the benchmark\n");
        return 1;
    }
    int64_t length = a->routines[0].length_ms, first_ns = 0, cpu0 = cpu_ns();
    long drawn = 0;
    for (long i = 0; i < frames; i++) {
        int64_t now = i * 1000 / FPS, c0 = cpu_ns();
        step(a, now);
        spent[i] = cpu_ns() - c0;
        if (a->drew)
            drawn_ns[drawn++] = spent[i];
        if (i == 0) {
            struct timespec t;
            clock_gettime(CLOCK_MONOTONIC, &t);
            first_ns = t.tv_sec * 1000000000LL + t.tv_nsec;
        }
    }
    double total = (double)(cpu_ns() - cpu0) / 1e6;
    qsort(spent, (size_t)frames, sizeof *spent, compare_ns);
    qsort(drawn_ns, (size_t)drawn, sizeof *drawn_ns, compare_ns);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    char len[32];
    cli_format_ms(length, true, len, sizeof len);
    printf("bench: %s, %g s at %d frames a second: %ld frames at %dx%d, software renderer\n", o->routine,
           o->bench_s, FPS, frames, sized.width, sized.height);
    if (o->bench_s * 1000 > (double)length)
        printf("bench: the routine is %s long; the frames after it are its summary screen\n", len);
    printf("cpu per frame: median %.3f ms, p99 %.3f ms, mean %.3f ms\n", (double)spent[frames / 2] / 1e6,
           (double)spent[frames * 99 / 100] / 1e6, total / (double)frames);
    if (drawn > 0)
        printf("frames drawn: %ld of %ld (the rest looked the same); cpu per frame drawn: median %.3f ms, "
               "p99 %.3f ms\n", drawn, frames, (double)drawn_ns[drawn / 2] / 1e6, (double)drawn_ns[drawn * 99 / 100] / 1e6);
    printf("cpu in all: %.1f ms for %g s of practice\n", total, o->bench_s);
    printf("peak memory: %.1f MB resident\n", (double)ru.ru_maxrss / 1024.0);
    printf("start to first frame: %.1f ms\n", (double)(first_ns - started_ns) / 1e6);
    free(spent);
    offscreen_close(a, surface);
    return 0;
}

/* "40 s", "8 breaths", with "x 2 each side" and the like. */
static void hold_words(const RoutineStep *s, char *out, size_t size)
{
    char len[32], reps[48] = "";
    if (s->breaths > 0)
        snprintf(len, sizeof len, "%d breaths", s->breaths);
    else if (s->hold_ms % 60000 == 0 && s->hold_ms >= 120000)
        snprintf(len, sizeof len, "%d min", (int)(s->hold_ms / 60000));
    else
        snprintf(len, sizeof len, "%g s", (double)s->hold_ms / 1000.0);
    if (s->sides == SIDES_BOTH)
        snprintf(reps, sizeof reps, s->reps > 1 ? " \xC3\x97 %d each side" : " each side", s->reps);
    else if (s->reps > 1)
        snprintf(reps, sizeof reps, " \xC3\x97 %d", s->reps);
    snprintf(out, size, "%s%s", len, reps);
}

int app_sheet(const CliOptions *o, const Routine *routine, const PoseLibrary *lib)
{
    SDL_Surface *surface = NULL;
    App *a = app_create_offscreen(o, NULL, lib, o->sheet, &surface);
    if (!a)
        return 1;
    Ui *u = &a->ui;
    ui_begin(u);
    const Theme *t = u->theme;
    SDL_SetRenderDrawColor(a->ren, t->bg.r, t->bg.g, t->bg.b, 255);
    SDL_RenderClear(a->ren);
    int w = u->w, h = u->h;

    /* The grid: as many columns as give the largest 4:3 tiles. */
    int n = routine->step_count, head = h / 10, cols = 1, best = 0;
    for (int k = 1; k <= n; k++) {
        int rows = (n + k - 1) / k;
        int tw = w / k, th = (h - head) / rows;
        int size = tw * 3 < th * 4 ? tw * 3 : th * 4; /* the 4:3 tile that fits */
        if (size > best) {
            best = size;
            cols = k;
        }
    }
    int rows = (n + cols - 1) / cols;
    int tw = w / cols, th = (h - head) / rows;
    /* the sheet is read close up: its own text sizes */
    textcache_set_size(u->text, TEXT_TITLE, head * 45 / 100);
    textcache_set_size(u->text, TEXT_SMALL, th * 7 / 100);
    textcache_draw(u->text, a->ren, TEXT_TITLE, routine->title, t->text, 1, w / 40, head / 4, TEXT_LEFT);
    char line[320], name[340];
    int lh = textcache_line_height(u->text, TEXT_SMALL);
    for (int i = 0; i < n; i++) {
        const RoutineStep *s = &routine->steps[i];
        SDL_Rect tile = {(i % cols) * tw, head + (i / cols) * th, tw, th};
        Side side = s->sides == SIDES_RIGHT ? SIDE_RIGHT : s->sides == SIDES_NONE ? SIDE_NONE : SIDE_LEFT;
        FigureFrame f;
        figure_pose(u->figure, s->pose, side, 0.5f, 0, &f);
        SDL_Rect art = {tile.x + tile.w / 20, tile.y + tile.h * 22 / 100, tile.w - tile.w / 10, tile.h * 76 / 100};
        if (scene_draw(u->scene, &f, scene_layout(art, &f), t->scene, true, NULL) != 0)
            log_msg(LOG_WARN, "video", "cannot draw the figure: %s", SDL_GetError());
        /* the frame after the figure, whose box is opaque */
        SDL_SetRenderDrawColor(a->ren, t->track.r, t->track.g, t->track.b, 255);
        SDL_Rect inner = {tile.x + 2, tile.y + 2, tile.w - 4, tile.h - 4};
        SDL_RenderDrawRect(a->ren, &inner);
        routine_step_title(routine, lib, i, side, " \xE2\x80\x94 ", line, sizeof line);
        snprintf(name, sizeof name, "%d. %s", i + 1, line);
        char lines[3][160];
        int k = textcache_wrap(u->text, TEXT_SMALL, name, tile.w * 9 / 10, lines, 3);
        int y = tile.y + tile.h / 30;
        for (int j = 0; j < k && j < 3; j++, y += lh)
            textcache_draw(u->text, a->ren, TEXT_SMALL, lines[j], t->text, 1, tile.x + tile.w / 20, y, TEXT_LEFT);
        hold_words(s, line, sizeof line);
        textcache_draw(u->text, a->ren, TEXT_SMALL, line, t->dim, 1, tile.x + tile.w / 20, y, TEXT_LEFT);
    }
    SDL_RenderPresent(a->ren);
    int code = save_bmp(surface, o->sheet) ? 0 : 1;
    offscreen_close(a, surface);
    return code;
}
