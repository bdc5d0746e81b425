/* app.c — see app.h.
 *
 * The screen: the figure (scene.c) over the middle, with the routine
 * title, step, pose and side, the breath and the time left around it. The
 * clock is read here and handed to the timeline; nothing here counts
 * frames to measure time. */
#include "app.h"

#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "figure.h"
#include "input.h"
#include "log.h"
#include "scene.h"
#include "timeline.h"

enum {
    APP_DEFAULT_W = 1280,
    APP_DEFAULT_H = 720,
    APP_PACE_STEP = 10,    /* percent per Up/Down press */
    APP_FRAME_MS = 16,     /* frame time when the display gives no vsync */
    APP_PAUSED_WAIT_MS = 250
};

/* Fonts sized for the current window height. */
typedef struct Fonts {
    TTF_Font *big;    /* pose name, ~8% of the height */
    TTF_Font *mid;    /* breath label, time left */
    TTF_Font *small;  /* title, step, cue */
    int height;       /* window height they were opened for */
    const char *path; /* font file, NULL when none was found */
} Fonts;

/* What drawing a frame needs besides the state. */
typedef struct View {
    Fonts fonts;
    Scene *scene;          /* vertex buffers for the figure */
    Figure *figure;        /* poses ready to blend */
    const PoseLibrary *lib;
} View;

typedef struct Colors {
    SDL_Color bg, text, dim, accent, bar_bg;
} Colors;

static const Colors dark = {
    {16, 20, 26, 255}, {240, 240, 235, 255}, {170, 176, 184, 255}, {120, 200, 255, 255}, {44, 52, 62, 255},
};

static const char *const font_paths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};

static const char *find_font(void)
{
    const char *env = SDL_getenv("PSOAS_COACH_FONT");
    if (env && *env)
        return env;
    for (size_t i = 0; i < sizeof font_paths / sizeof font_paths[0]; i++) {
        SDL_RWops *rw = SDL_RWFromFile(font_paths[i], "rb");
        if (rw) {
            SDL_RWclose(rw);
            return font_paths[i];
        }
    }
    return NULL;
}

static void fonts_close(Fonts *f)
{
    if (f->big)
        TTF_CloseFont(f->big);
    if (f->mid)
        TTF_CloseFont(f->mid);
    if (f->small)
        TTF_CloseFont(f->small);
    f->big = f->mid = f->small = NULL;
}

/* (Re)opens the fonts for HEIGHT; no-op when already right. */
static void fonts_fit(Fonts *f, int height)
{
    if (!f->path || f->height == height)
        return;
    fonts_close(f);
    f->height = height;
    f->big = TTF_OpenFont(f->path, height * 9 / 100);
    f->mid = TTF_OpenFont(f->path, height * 6 / 100);
    f->small = TTF_OpenFont(f->path, height * 4 / 100);
    if (!f->big || !f->mid || !f->small) {
        log_msg(LOG_WARN, "video", "cannot open font %s: %s; showing no text", f->path, TTF_GetError());
        fonts_close(f);
        f->path = NULL;
    }
}

static void view_close(View *v)
{
    fonts_close(&v->fonts);
    scene_destroy(v->scene);
    figure_destroy(v->figure);
    v->scene = NULL;
    v->figure = NULL;
}

typedef enum Align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

/* Copies rendered text S to the screen at Y, aligned on X, and frees it.
 * Returns its height (0 when S is NULL). */
static int blit_text(SDL_Renderer *r, SDL_Surface *s, int x, int y, Align align)
{
    if (!s)
        return 0;
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    if (t) {
        SDL_Rect dst = {x, y, s->w, s->h};
        if (align == ALIGN_CENTER)
            dst.x -= s->w / 2;
        else if (align == ALIGN_RIGHT)
            dst.x -= s->w;
        SDL_RenderCopy(r, t, NULL, &dst);
        SDL_DestroyTexture(t);
    }
    int h = s->h;
    SDL_FreeSurface(s);
    return h;
}

static void draw_text(SDL_Renderer *r, TTF_Font *font, const char *text, int x, int y, Align align,
                      SDL_Color color)
{
    if (font && text && *text)
        blit_text(r, TTF_RenderUTF8_Blended(font, text, color), x, y, align);
}

/* TEXT wrapped to WIDTH pixels, each line centred on X (or, when LEFT,
 * starting at X). Returns the height drawn. */
static int draw_text_wrapped(SDL_Renderer *r, TTF_Font *font, const char *text, int x, int y, int width,
                             SDL_Color color, bool left)
{
    if (!font || !text || !*text || width <= 0)
        return 0;
    TTF_SetFontWrappedAlign(font, left ? TTF_WRAPPED_ALIGN_LEFT : TTF_WRAPPED_ALIGN_CENTER);
    return blit_text(r, TTF_RenderUTF8_Blended_Wrapped(font, text, color, (Uint32)width), x, y,
                     left ? ALIGN_LEFT : ALIGN_CENTER);
}

static void fill(SDL_Renderer *r, SDL_Color c, int x, int y, int w, int h)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_Rect rect = {x, y, w, h};
    SDL_RenderFillRect(r, &rect);
}

/* What the user is asked to do with the breath right now. */
static const char *breath_words(BreathPhase p)
{
    switch (p) {
    case BREATH_INHALE: return "Breathe in";
    case BREATH_EXHALE: return "Breathe out";
    default: return "Hold";
    }
}

/* "Kneeling lunge — left leg back" for the step at ST. */
static void pose_title(const View *v, const Routine *routine, const TimelineState *st, char *out, size_t size)
{
    const RoutineStep *step = &routine->steps[st->step];
    char side[64];
    poselib_side_caption(&v->lib->poses[step->pose], (int)st->side, side, sizeof side);
    if (*side)
        snprintf(out, size, "%s \xE2\x80\x94 %s", step->name, side);
    else
        snprintf(out, size, "%s", step->name);
}

static void draw_scene(SDL_Renderer *r, View *v, const Routine *routine, const TimelineState *st, int w, int h)
{
    const Colors *c = &dark;
    Fonts *f = &v->fonts;
    fonts_fit(f, h);
    SDL_SetRenderDrawColor(r, c->bg.r, c->bg.g, c->bg.b, 255);
    SDL_RenderClear(r);
    int m = h / 24; /* margin */
    char line[320];

    /* The figure first: text goes over it. */
    FigureFrame frame;
    figure_at(v->figure, st, &frame);
    if (scene_draw(v->scene, r, &frame, scene_layout((SDL_Rect){0, 0, w, h}), &scene_dark, NULL) != 0)
        log_msg(LOG_WARN, "video", "cannot draw the figure: %s", SDL_GetError());

    /* Header: title, step count and a thin progress bar. */
    draw_text(r, f->small, routine->title, m, m / 2, ALIGN_LEFT, c->dim);
    int shown_step = st->step < routine->step_count ? st->step + 1 : routine->step_count;
    snprintf(line, sizeof line, "Step %d of %d", shown_step, routine->step_count);
    draw_text(r, f->small, line, w - m, m / 2, ALIGN_RIGHT, c->dim);
    float done = (float)st->step / (float)routine->step_count;
    fill(r, c->bar_bg, m, m * 2, w - 2 * m, h / 150 + 1);
    fill(r, c->accent, m, m * 2, (int)((float)(w - 2 * m) * done), h / 150 + 1);

    /* The pose and side, and what is happening. */
    const char *what = "";
    switch (st->segment) {
    case TL_SEG_INTRO:
        snprintf(line, sizeof line, "%s", routine->title);
        what = "Get ready";
        break;
    case TL_SEG_OUTRO:
    case TL_SEG_DONE:
        snprintf(line, sizeof line, "Well done");
        what = st->segment == TL_SEG_DONE ? "Finished" : "Rest and notice how you feel";
        break;
    default:
        pose_title(v, routine, st, line, sizeof line);
        what = st->segment == TL_SEG_HOLD ? "Hold" : st->segment == TL_SEG_SWITCH ? "Switch sides" : "Move into the pose";
        break;
    }
    draw_text(r, f->big, line, m, h * 7 / 100, ALIGN_LEFT, c->text);
    draw_text(r, f->small, what, m, h * 17 / 100, ALIGN_LEFT, c->dim);

    /* The breath: words and count top right, a bar under the figure that
     * fills in, holds still, empties out. */
    if (st->segment != TL_SEG_DONE) {
        int bw = w * 6 / 10, bh = h / 60 + 1;
        int bx = (w - bw) / 2, by = h * 86 / 100;
        fill(r, c->bar_bg, bx, by, bw, bh);
        fill(r, c->accent, bx, by, (int)((float)bw * figure_breath_amount(st->breath_phase, st->breath_progress)), bh);
        if (st->breath_count > 0 && st->breath_target > 0)
            snprintf(line, sizeof line, "%s  \xC2\xB7  %d of %d", breath_words(st->breath_phase),
                     st->breath_count, st->breath_target);
        else
            snprintf(line, sizeof line, "%s", breath_words(st->breath_phase));
        draw_text(r, f->mid, line, w - m, h * 8 / 100, ALIGN_RIGHT, c->text);
    }

    /* Time left in this part, and the cue of the moment. */
    if (st->segment != TL_SEG_DONE) {
        char left[32];
        cli_format_ms((st->seg_left_ms + 999) / 1000 * 1000, false, left, sizeof left); /* whole seconds, rounded up */
        draw_text(r, f->mid, left, w - m, h * 16 / 100, ALIGN_RIGHT, c->dim);
    }
    if (st->segment == TL_SEG_HOLD) {
        const RoutineStep *step = &routine->steps[st->step];
        if (step->cue_count > 0) {
            int i = (int)(st->seg_progress * (float)step->cue_count);
            if (i >= step->cue_count)
                i = step->cue_count - 1;
            draw_text_wrapped(r, f->small, step->cues[i], w / 2, h * 88 / 100, w - 2 * m, c->text, false);
        }
    } else if (st->segment == TL_SEG_INTRO && routine->safety[0]) {
        draw_text_wrapped(r, f->small, routine->safety, w / 2, h * 88 / 100, w - 2 * m, c->text, false);
    } else if (st->segment == TL_SEG_INTRO || st->segment == TL_SEG_TRANSITION) {
        snprintf(line, sizeof line, "Next: %s", routine->steps[st->step].name);
        draw_text(r, f->small, line, w / 2, h * 89 / 100, ALIGN_CENTER, c->dim);
    }
    if (st->paused) {
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, 0, 0, 0, 170);
        SDL_RenderFillRect(r, NULL);
        draw_text(r, f->mid, "Paused \xE2\x80\x94 press Space to continue", w / 2, h * 45 / 100, ALIGN_CENTER,
                  c->text);
    }
}

/* Logs what changed between two states (for --log). */
static void log_changes(const Routine *routine, const PoseLibrary *lib, const TimelineState *a,
                        const TimelineState *b)
{
    char t[32];
    cli_format_ms(b->practice_ms, true, t, sizeof t);
    if (a->paused != b->paused)
        log_msg(LOG_INFO, "session", "%s %s", t, b->paused ? "paused" : "resumed");
    bool moved = a->segment != b->segment || a->step != b->step || a->rep != b->rep || a->side != b->side;
    if (!moved)
        return;
    if (b->segment == TL_SEG_DONE) {
        log_msg(LOG_INFO, "session", "%s finished", t);
    } else if (b->segment == TL_SEG_OUTRO) {
        log_msg(LOG_INFO, "session", "%s outro", t);
    } else if (b->segment != TL_SEG_INTRO) {
        log_msg(LOG_INFO, "session", "%s %s step %d/%d %s%s%s rep %d", t, timeline_segment_name(b->segment),
                b->step + 1, routine->step_count, lib->poses[b->pose].id, b->side ? " " : "",
                routine_side_name(b->side), b->rep + 1);
    }
}

static int64_t clock_ms(Uint64 start, double speed)
{
    Uint64 ticks = SDL_GetPerformanceCounter() - start;
    double ms = (double)ticks * 1000.0 / (double)SDL_GetPerformanceFrequency();
    return (int64_t)(ms * speed);
}

int app_run(const CliOptions *o, const Routine *routine, const PoseLibrary *lib)
{
    int code = 1;
    SDL_Window *win = NULL;
    SDL_Renderer *ren = NULL;
    Timeline *tl = NULL;
    View view = {.lib = lib};
    bool ttf = false;

    log_set_verbose(o->log);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        log_msg(LOG_ERROR, "video", "cannot start SDL video: %s", SDL_GetError());
        return 1;
    }
    /* With no display SDL2 quietly picks its offscreen driver and the
     * session would play to nothing; only a driver asked for by name may
     * be one of the invisible ones (the tests ask for them). */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy")) && !(asked && *asked)) {
        log_msg(LOG_ERROR, "video", "no display found (SDL fell back to its %s driver, which shows nothing); "
                "start Psoas Coach from a desktop, or from a console for full-screen KMSDRM", driver);
        SDL_Quit();
        return 1;
    }
    if (TTF_Init() != 0)
        log_msg(LOG_WARN, "video", "cannot start SDL_ttf: %s; showing no text", TTF_GetError());
    else
        ttf = true;
    view.fonts.path = ttf ? find_font() : NULL;
    if (ttf && !view.fonts.path)
        log_msg(LOG_WARN, "video", "no font found (install fonts-dejavu-core or set PSOAS_COACH_FONT); showing no text");

    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (!o->windowed)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    win = SDL_CreateWindow("Psoas Coach", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                           o->width ? o->width : APP_DEFAULT_W, o->height ? o->height : APP_DEFAULT_H, flags);
    if (!win) {
        log_msg(LOG_ERROR, "video", "cannot open a window: %s", SDL_GetError());
        goto done;
    }
    ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!ren)
        ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!ren) {
        log_msg(LOG_ERROR, "video", "cannot create a renderer: %s", SDL_GetError());
        goto done;
    }
    SDL_RendererInfo info;
    bool vsync = SDL_GetRendererInfo(ren, &info) == 0 && (info.flags & SDL_RENDERER_PRESENTVSYNC);
    tl = timeline_create(routine, lib);
    view.scene = scene_create();
    view.figure = figure_create(lib);
    if (!tl || !view.scene || !view.figure) {
        log_msg(LOG_ERROR, "session", "out of memory");
        goto done;
    }
    if (!o->windowed)
        SDL_ShowCursor(SDL_DISABLE);

    int pace = BREATH_SCALE_DEFAULT;
    TimelineState prev, st;
    timeline_state(tl, 0, &prev);
    /* The practice clock starts once the first frame is on screen, so a
     * slow start-up does not eat into the intro. */
    int w0, h0;
    SDL_GetRendererOutputSize(ren, &w0, &h0);
    draw_scene(ren, &view, routine, &prev, w0, h0);
    SDL_RenderPresent(ren);
    Uint64 start = SDL_GetPerformanceCounter();
    log_msg(LOG_INFO, "session", "0:00 started %s (%d steps)", routine->title, routine->step_count);
    bool running = true;
    while (running) {
        Uint64 frame_start = SDL_GetPerformanceCounter();
        SDL_Event e;
        bool wait = prev.paused;
        while (wait ? SDL_WaitEventTimeout(&e, APP_PAUSED_WAIT_MS) : SDL_PollEvent(&e)) {
            wait = false;
            int64_t now = clock_ms(start, o->speed);
            InputAction a = input_map(&e);
            switch (a) {
            case INPUT_QUIT: {
                char t[32];
                cli_format_ms(prev.practice_ms, true, t, sizeof t);
                log_msg(LOG_INFO, "session", "%s left", t);
                running = false;
                break;
            }
            case INPUT_PAUSE: timeline_apply(tl, TL_TOGGLE_PAUSE, 0, now); break;
            case INPUT_NEXT: timeline_apply(tl, TL_NEXT, 0, now); break;
            case INPUT_PREVIOUS: timeline_apply(tl, TL_PREVIOUS, 0, now); break;
            case INPUT_SWITCH_SIDE: timeline_apply(tl, TL_SWITCH_SIDE, 0, now); break;
            case INPUT_PACE_SLOWER:
            case INPUT_PACE_FASTER:
                pace += a == INPUT_PACE_SLOWER ? APP_PACE_STEP : -APP_PACE_STEP;
                pace = pace < BREATH_SCALE_MIN ? BREATH_SCALE_MIN : pace > BREATH_SCALE_MAX ? BREATH_SCALE_MAX : pace;
                timeline_apply(tl, TL_SET_PACE, pace, now);
                log_msg(LOG_INFO, "session", "pace %d%%", pace);
                break;
            case INPUT_FULLSCREEN:
                SDL_SetWindowFullscreen(win, (SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN) ? 0
                                                                                         : SDL_WINDOW_FULLSCREEN_DESKTOP);
                break;
            default:
                break;
            }
            if (a == INPUT_SWITCH_SIDE || a == INPUT_NEXT || a == INPUT_PREVIOUS)
                log_msg(LOG_INFO, "session", "%s", input_action_name(a));
        }
        timeline_state(tl, clock_ms(start, o->speed), &st);
        log_changes(routine, lib, &prev, &st);
        prev = st;
        int w, h;
        SDL_GetRendererOutputSize(ren, &w, &h);
        draw_scene(ren, &view, routine, &st, w, h);
        SDL_RenderPresent(ren);
        if (st.segment == TL_SEG_DONE)
            running = false;
        if (!vsync) {
            Uint64 spent = (SDL_GetPerformanceCounter() - frame_start) * 1000 / SDL_GetPerformanceFrequency();
            if (spent < APP_FRAME_MS)
                SDL_Delay((Uint32)(APP_FRAME_MS - spent));
        }
    }
    code = 0;
done:
    timeline_destroy(tl);
    view_close(&view);
    if (ren)
        SDL_DestroyRenderer(ren);
    if (win)
        SDL_DestroyWindow(win);
    if (ttf)
        TTF_Quit();
    SDL_Quit();
    return code;
}

/* Starts SDL (no window) and a software renderer drawing into a W x H
 * surface, for the image-writing modes. Returns false after logging. */
static bool offscreen_open(int w, int h, SDL_Surface **surface, SDL_Renderer **ren, View *v,
                           const PoseLibrary *lib, const char *file)
{
    size_t len = strlen(file);
    if (len < 4 || SDL_strcasecmp(file + len - 4, ".bmp") != 0) {
        log_msg(LOG_ERROR, "snapshot", "%s: only .bmp files can be written", file);
        return false;
    }
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        log_msg(LOG_ERROR, "snapshot", "cannot start SDL: %s", SDL_GetError());
        return false;
    }
    v->lib = lib;
    v->fonts.path = find_font();
    if (!v->fonts.path)
        log_msg(LOG_WARN, "video", "no font found (install fonts-dejavu-core or set PSOAS_COACH_FONT); showing no text");
    *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    *ren = *surface ? SDL_CreateSoftwareRenderer(*surface) : NULL;
    v->scene = scene_create();
    v->figure = figure_create(lib);
    if (!*surface || !*ren || !v->scene || !v->figure) {
        log_msg(LOG_ERROR, "snapshot", "cannot create a %dx%d image: %s", w, h, SDL_GetError());
        return false;
    }
    return true;
}

static void offscreen_close(SDL_Surface *surface, SDL_Renderer *ren, View *v)
{
    view_close(v);
    if (ren)
        SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surface);
    TTF_Quit();
    SDL_Quit();
}

static bool save_bmp(SDL_Surface *surface, const char *file)
{
    if (SDL_SaveBMP(surface, file) != 0) {
        log_msg(LOG_ERROR, "snapshot", "%s: cannot write: %s", file, SDL_GetError());
        return false;
    }
    return true;
}

int app_snapshot(const CliOptions *o, const Routine *routine, const PoseLibrary *lib)
{
    int code = 1;
    SDL_Surface *surface = NULL;
    SDL_Renderer *ren = NULL;
    Timeline *tl = NULL;
    View view = {0};
    int w = o->width ? o->width : APP_DEFAULT_W, h = o->height ? o->height : APP_DEFAULT_H;
    if (!offscreen_open(w, h, &surface, &ren, &view, lib, o->out))
        goto done;
    tl = timeline_create(routine, lib);
    if (!tl) {
        log_msg(LOG_ERROR, "snapshot", "out of memory");
        goto done;
    }
    TimelineState st;
    timeline_state(tl, o->at_ms, &st);
    draw_scene(ren, &view, routine, &st, w, h);
    SDL_RenderPresent(ren);
    if (save_bmp(surface, o->out))
        code = 0;
done:
    timeline_destroy(tl);
    offscreen_close(surface, ren, &view);
    return code;
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
    int code = 1;
    SDL_Surface *surface = NULL;
    SDL_Renderer *ren = NULL;
    View view = {0};
    TTF_Font *title = NULL, *label = NULL;
    int w = o->width ? o->width : APP_DEFAULT_W, h = o->height ? o->height : APP_DEFAULT_H;
    if (!offscreen_open(w, h, &surface, &ren, &view, lib, o->sheet))
        goto done;
    const Colors *c = &dark;
    SDL_SetRenderDrawColor(ren, c->bg.r, c->bg.g, c->bg.b, 255);
    SDL_RenderClear(ren);

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
    if (view.fonts.path) {
        title = TTF_OpenFont(view.fonts.path, head * 45 / 100 > 6 ? head * 45 / 100 : 6);
        label = TTF_OpenFont(view.fonts.path, th * 7 / 100 > 6 ? th * 7 / 100 : 6);
    }
    char line[320];
    snprintf(line, sizeof line, "%s", routine->title);
    draw_text(ren, title, line, w / 40, head / 4, ALIGN_LEFT, c->text);
    for (int i = 0; i < n; i++) {
        const RoutineStep *s = &routine->steps[i];
        SDL_Rect tile = {(i % cols) * tw, head + (i / cols) * th, tw, th};
        SDL_Color frame = c->bar_bg;
        SDL_SetRenderDrawColor(ren, frame.r, frame.g, frame.b, 255);
        SDL_Rect inner = {tile.x + 2, tile.y + 2, tile.w - 4, tile.h - 4};
        SDL_RenderDrawRect(ren, &inner);
        Side side = s->sides == SIDES_RIGHT ? SIDE_RIGHT : s->sides == SIDES_NONE ? SIDE_NONE : SIDE_LEFT;
        FigureFrame f;
        figure_pose(view.figure, s->pose, side, 0.5f, 0, &f);
        SDL_Rect art = {tile.x + tile.w / 20, tile.y + tile.h * 22 / 100, tile.w - tile.w / 10, tile.h * 76 / 100};
        if (scene_draw(view.scene, ren, &f, scene_layout(art), &scene_dark, NULL) != 0)
            log_msg(LOG_WARN, "video", "cannot draw the figure: %s", SDL_GetError());
        TimelineState st = {.step = i, .side = side};
        pose_title(&view, routine, &st, line, sizeof line);
        char num[340];
        snprintf(num, sizeof num, "%d. %s", i + 1, line);
        int lh = draw_text_wrapped(ren, label, num, tile.x + tile.w / 20, tile.y + tile.h / 30, tile.w * 9 / 10,
                                   c->text, true);
        hold_words(s, line, sizeof line);
        draw_text(ren, label, line, tile.x + tile.w / 20, tile.y + tile.h / 30 + lh, ALIGN_LEFT, c->dim);
    }
    SDL_RenderPresent(ren);
    if (save_bmp(surface, o->sheet))
        code = 0;
done:
    if (title)
        TTF_CloseFont(title);
    if (label)
        TTF_CloseFont(label);
    offscreen_close(surface, ren, &view);
    return code;
}
