/* practice.c — the session screen: the figure, the breath ring, the pose
 * and side, the cue as a caption, time left and progress; and the pause
 * and help overlays that go over it.
 *
 * Layout is in fractions of the screen. Wide screens put the ring in a
 * column on the right of the figure; tall ones (a rotated Pi display) put
 * it under the figure. Captions wrap to two lines; a cue that needs more
 * is shown two lines at a time, each part for its share of the cue's
 * time, as subtitles are. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "log.h"
#include "screens.h"

enum {
    PRACTICE_CAPTION_LINES = 2,   /* lines of caption on screen at once */
    PRACTICE_SUMMARY_DELAY = 1500, /* ms the finished screen stays before the summary */
    PRACTICE_RING_STEP_MS = 33,   /* the breath ring moves on at most 30 times a second */
    PRACTICE_LOOK_INTS = 44 + 3 * SK_NODE_COUNT + FIGURE_MAX_PROPS
};

/* What the screen shows, reduced to what can be seen: node positions to
 * half a pixel, colours to a 64th of their range, the ring to 30 steps a
 * second, and every word and number. Equal looks draw the same picture,
 * so the frame is not drawn again. */
typedef struct Look {
    int v[PRACTICE_LOOK_INTS];
} Look;

typedef struct Practice {
    const Routine *routine;      /* what is practised (owned by the app) */
    Session *session;            /* the practice */
    SessionView view;            /* its state this frame */
    bool recorded;               /* the history record is written */
    bool pause_shown;            /* the pause overlay is on the stack */
    bool help_paused;            /* the help overlay paused the session */
    int64_t over_at;             /* wall time the session ended; 0 while on */
    /* the caption, wrapped once per cue and width */
    const char *wrap_text;       /* the cue wrapped (a pointer into the routine) */
    int wrap_width, wrap_px;     /* the width and text size it was wrapped for */
    int wrap_count;              /* lines it needs */
    char wrap[TEXTCACHE_MAX_LINES][160]; /* the lines */
    /* what was drawn, to draw only what changes */
    FigureFrame frame;           /* the figure at FRAME_AT */
    int64_t frame_at;            /* when FRAME was posed; -1 never */
    float scale;                 /* pixels per body height in the last frame drawn; 0 none */
    int width, height;           /* the screen it was drawn on */
    Look look, drawn;            /* the look now, and of the last frame drawn */
} Practice;

/* Where things go, in pixels, for a W x H screen. */
typedef struct Layout {
    int m;                 /* margin */
    SDL_Rect figure;       /* the figure's area */
    float ring_x, ring_y;  /* the breath ring's centre */
    float ring_r;          /* its outer radius */
    int words_x, words_y;  /* the breath words and count */
    bool show_count;       /* room for "Breath 3 of 8" under the words */
    int text_w;            /* width for the title and status */
    int caption_y;         /* top of the caption's first line */
} Layout;

/* Lays out a W x H screen whose header (title and status) ends at
 * HEADER_BOTTOM. In a breath practice (BREATHING) the ring leads: half
 * again as large, the figure beside or above it smaller. */
static Layout layout(const Ui *u, int header_bottom, bool breathing)
{
    Layout l;
    int w = u->w, h = u->h;
    l.m = h * 35 / 1000;
    int lh = textcache_line_height(u->text, TEXT_BODY);
    if (lh <= 0)
        lh = h * 8 / 100;
    l.caption_y = h - l.m - PRACTICE_CAPTION_LINES * lh;
    if (w * 10 >= h * 12) {
        /* wide: ring on the right, level with the figure's middle; the
         * figure's floor just above the caption */
        l.ring_r = (float)h * (breathing ? 0.22f : 0.15f);
        l.ring_x = (float)w - (float)l.m - l.ring_r * (breathing ? 1.3f : 1.45f);
        l.ring_y = (float)h * (breathing ? 0.42f : 0.43f);
        l.words_x = (int)l.ring_x;
        l.words_y = (int)(l.ring_y + l.ring_r) + h / 60;
        l.show_count = true;
        int right = (int)(l.ring_x - l.ring_r * 1.5f);
        /* the figure is framed to fill its stage: below the title */
        int top = h * 15 / 100, floor = l.caption_y - h * 3 / 100;
        if (top < header_bottom + l.m / 2)
            top = header_bottom + l.m / 2;
        l.figure = (SDL_Rect){l.m, top, right - l.m, floor - top};
        l.text_w = right - l.m;
    } else {
        /* tall: the ring and its words under the figure, above the
         * caption; the breath count gives way to the figure */
        l.ring_r = (float)w * (breathing ? 0.2f : 0.09f);
        l.ring_x = (float)w * 0.5f;
        l.words_x = (int)l.ring_x;
        l.words_y = l.caption_y - lh - l.m / 3;
        l.ring_y = (float)(l.words_y - h / 60) - l.ring_r;
        l.show_count = false;
        int top = header_bottom + l.m / 2;
        l.figure = (SDL_Rect){l.m, top, w - 2 * l.m, (int)(l.ring_y - l.ring_r) - top - l.m / 2};
        l.text_w = w - 2 * l.m;
    }
    return l;
}

static const char *breath_words(BreathPhase p)
{
    switch (p) {
    case BREATH_INHALE: return "Breathe in";
    case BREATH_TOP_UP: return "Top up";
    case BREATH_EXHALE: return "Breathe out";
    default: return "Hold";
    }
}

static void *practice_enter(App *a, void *arg, int64_t now)
{
    Practice *p = calloc(1, sizeof *p);
    const AppSettings *cfg = app_settings(a);
    if (!p)
        return NULL;
    p->routine = arg;
    p->session = session_create(p->routine, app_ui(a)->lib, now, cfg->speed, cfg->volume, cfg->muted);
    if (!p->session) {
        free(p);
        return NULL;
    }
    Audio *audio = app_audio(a);
    audio_begin(audio, p->routine, app_ui(a)->lib, now, cfg->speed, cfg->breath_only ? AUDIO_BREATH_ONLY : AUDIO_ALL);
    session_set_listener(p->session, audio_apply, audio);
    audio_volume(audio, cfg->volume, cfg->muted);
    session_update(p->session, now, &p->view);
    p->frame_at = -1;
    return p;
}

/* Writes the history record once, and fills INFO for the end screen. */
static void record(App *a, Practice *p, SummaryInfo *info)
{
    SessionSummary s;
    session_summary(p->session, &s);
    memset(info, 0, sizeof *info);
    snprintf(info->title, sizeof info->title, "%s", p->routine->title);
    info->s = s;
    info->total_minutes = info->streak_days = -1;
    if (!p->recorded)
        app_record(a, p->routine, &s, info);
    p->recorded = true;
    AppSettings *cfg = app_settings(a);
    cfg->volume = p->view.volume;
    cfg->muted = p->view.muted;
    app_save_settings(a);
}

void practice_record(App *a, void *state)
{
    Practice *p = state;
    if (!p->recorded) {
        SummaryInfo info;
        record(a, p, &info);
    }
}

static void practice_leave(App *a, void *state)
{
    Practice *p = state;
    if (!p)
        return;
    if (!p->recorded) {
        /* the window closed mid-session: it still counts */
        SummaryInfo info;
        record(a, p, &info);
    }
    audio_end(app_audio(a));
    session_destroy(p->session);
    free(p);
}

/* Applies ACTION, stamped where the sound can take it at the same instant. */
static void apply(App *a, Practice *p, SessionAction action, int64_t now)
{
    Audio *audio = app_audio(a);
    int64_t t = audio_control_begin(audio, now);
    session_apply(p->session, action, t);
    audio_control_end(audio);
}

static void practice_action(App *a, void *state, InputAction act, int64_t now)
{
    Practice *p = state;
    if (p->over_at)
        return;
    switch (act) {
    case INPUT_PAUSE:
    case INPUT_SELECT: apply(a, p, SESSION_PAUSE, now); break;
    case INPUT_NEXT: apply(a, p, SESSION_NEXT, now); break;
    case INPUT_PREVIOUS: apply(a, p, SESSION_PREVIOUS, now); break;
    case INPUT_SWITCH_SIDE: apply(a, p, SESSION_SWITCH_SIDE, now); break;
    case INPUT_UP: apply(a, p, SESSION_SLOWER, now); break;
    case INPUT_DOWN: apply(a, p, SESSION_FASTER, now); break;
    case INPUT_MUTE: apply(a, p, SESSION_MUTE, now); break;
    case INPUT_VOLUME_UP: apply(a, p, SESSION_VOLUME_UP, now); break;
    case INPUT_VOLUME_DOWN: apply(a, p, SESSION_VOLUME_DOWN, now); break;
    case INPUT_BACK: apply(a, p, SESSION_LEAVE, now); break;
    case INPUT_HELP:
        session_update(p->session, now, &p->view);
        if (!p->view.tl.paused) {
            apply(a, p, SESSION_PAUSE, now);
            p->help_paused = true;
        }
        app_push(a, help_screen(), p, now);
        break;
    default: break;
    }
    session_update(p->session, now, &p->view);
    audio_volume(app_audio(a), p->view.volume, p->view.muted);
}

void practice_view(const void *state, SessionView *out)
{
    *out = ((const Practice *)state)->view;
}

void practice_help_closed(App *a, void *state, int64_t now)
{
    Practice *p = state;
    if (p->help_paused && p->view.tl.paused && !p->over_at)
        apply(a, p, SESSION_PAUSE, now);
    p->help_paused = false;
    session_update(p->session, now, &p->view);
}

static void practice_update(App *a, void *state, int64_t now)
{
    Practice *p = state;
    p->frame_at = -1; /* the view changes below */
    if (p->over_at) {
        if (now - p->over_at >= (p->view.tl.segment == TL_SEG_DONE ? PRACTICE_SUMMARY_DELAY : 0)) {
            SummaryInfo info;
            record(a, p, &info);
            app_to_picker(a, now);
            app_push(a, summary_screen(), &info, now);
            if (p->routine->pacing && info.s.finished)
                app_push(a, pace_screen(), (void *)p->routine, now); /* which pace felt easiest? */
        }
        return;
    }
    session_update(p->session, now, &p->view);
    if (p->view.over) {
        p->over_at = now;
        audio_end(app_audio(a));
        return;
    }
    if (p->view.tl.paused && !p->pause_shown && !p->help_paused) {
        p->pause_shown = true;
        app_push(a, pause_screen(), p, now);
    }
}

/* The figure for the view now, posed once per update. */
static void pose_figure(Practice *p, const Ui *u, int64_t now)
{
    if (p->frame_at != now) {
        figure_at(u->figure, &p->view.tl, &p->frame);
        p->frame_at = now;
    }
}

/* How much of the routine is done, 0..1, for the bar along the top. */
static float routine_done(const TimelineState *st, int steps)
{
    if (st->segment >= TL_SEG_OUTRO)
        return 1.0f;
    if (st->segment == TL_SEG_INTRO)
        return 0.0f;
    return ((float)st->step + (st->segment == TL_SEG_HOLD ? st->seg_progress : 0)) / (float)steps;
}

/* The count of seconds shown inside the ring: 1, 2, ... through the phase. */
static int phase_count(const TimelineState *st)
{
    int phase_ms = st->breath.ms[st->breath_phase];
    int count = (int)(st->breath_progress * (float)phase_ms / 1000.0f) + 1;
    int max = (phase_ms + 999) / 1000;
    if (count > max)
        count = max;
    return count < 1 ? 1 : count;
}

static int hash_text(const char *text)
{
    uint32_t h = 2166136261u;
    for (const char *c = text ? text : ""; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    return (int)(h & 0x7fffffff);
}

static const char *current_cue(const Practice *p, const TimelineState *st, float *progress, bool *dim);
static int caption_first(const Practice *p, float progress);

/* The look of the screen now (see Look). */
static void look_of(Practice *p, const Ui *u, int64_t now, Look *k)
{
    const SessionView *v = &p->view;
    const TimelineState *st = &v->tl;
    pose_figure(p, u, now);
    const FigureFrame *f = &p->frame;
    memset(k, 0, sizeof *k);
    int *o = k->v, i = 0;
    o[i++] = u->w;
    o[i++] = u->h;
    o[i++] = st->segment;
    o[i++] = st->step;
    o[i++] = st->side;
    o[i++] = st->paused;
    o[i++] = (int)st->breath_phase;
    o[i++] = phase_count(st);
    o[i++] = st->breath_count;
    o[i++] = st->breath_target;
    o[i++] = (int)((st->seg_left_ms + 999) / 1000);
    o[i++] = v->next_hint ? v->next_step + 1 : 0;
    o[i++] = (int)v->notice;
    o[i++] = (int)(v->notice_alpha * 64.0f);
    o[i++] = v->pace_pct;
    o[i++] = v->volume;
    o[i++] = v->muted;
    float progress;
    bool dim;
    const char *cue = current_cue(p, st, &progress, &dim);
    o[i++] = hash_text(cue);
    o[i++] = dim;
    o[i++] = cue && cue == p->wrap_text ? caption_first(p, progress) : -1;
    o[i++] = (int)((float)u->w * routine_done(st, p->routine->step_count));
    bool held = breath_is_hold(st->breath_phase);
    o[i++] = held ? -1 : (int)(st->breath_progress * (float)st->breath.ms[st->breath_phase] / PRACTICE_RING_STEP_MS);
    float half = p->scale * 2.0f; /* half pixels per body height */
    for (int n = 0; n < SK_NODE_COUNT; n++) {
        o[i++] = (int)floorf(f->body.pos[n].x * half);
        o[i++] = (int)floorf(f->body.pos[n].y * half);
        o[i++] = (int)floorf(f->body.pos[n].z * half);
    }
    o[i++] = (int)(f->breath * 0.0054f * half); /* the ribs' widening (scene.c) */
    o[i++] = (int)(f->view_pitch * 4.0f);
    o[i++] = (int)floorf(f->frame.x0 * half); /* the camera's frame */
    o[i++] = (int)floorf(f->frame.y0 * half);
    o[i++] = (int)floorf(f->frame.x1 * half);
    o[i++] = (int)floorf(f->frame.y1 * half);
    o[i++] = (int)((f->psoas_ratio[0] - 1.0f) / 0.12f * 64.0f);
    o[i++] = (int)((f->psoas_ratio[1] - 1.0f) / 0.12f * 64.0f);
    o[i++] = f->prop_count;
    for (int n = 0; n < f->prop_count && n < FIGURE_MAX_PROPS; n++)
        o[i++] = (int)(f->props[n].alpha * 64.0f) + 100 * (int)f->props[n].kind;
}

/* The caption: the cue of the moment, the safety line before the first
 * pose, or the closing words (NULL: none), and how far through it the
 * session is. *DIM: the how-to line shown while moving into a pose. */
static const char *current_cue(const Practice *p, const TimelineState *st, float *progress, bool *dim)
{
    const Routine *routine = p->routine;
    int n = routine->step_count;
    *progress = 0;
    *dim = false;
    const char *cue = session_cue(p->session, st, progress);
    if (!cue && st->segment == TL_SEG_INTRO && routine->safety[0]) {
        cue = routine->safety;
        *progress = st->seg_progress;
    }
    if (!cue && (st->segment == TL_SEG_TRANSITION || st->segment == TL_SEG_SWITCH) && st->step < n &&
        routine->steps[st->step].cue_count > 0) {
        cue = routine->steps[st->step].cues[0]; /* how to come into the pose, while moving */
        *progress = 0;
        *dim = true;
    }
    if (!cue && st->segment == TL_SEG_OUTRO) {
        cue = "Lie still for a few breaths, and notice how your hips feel.";
        *progress = st->seg_progress;
    }
    return cue;
}

/* The first line of the wrapped caption shown at PROGRESS (0..1) through
 * its cue: each pair of lines gets time in proportion to its letters. */
static int caption_first(const Practice *p, float progress)
{
    int first = 0;
    if (p->wrap_count > PRACTICE_CAPTION_LINES) {
        size_t total = 0, seen = 0;
        for (int i = 0; i < p->wrap_count; i++)
            total += strlen(p->wrap[i]);
        for (int i = 0; i < p->wrap_count; i += PRACTICE_CAPTION_LINES) {
            size_t part = 0;
            for (int k = i; k < i + PRACTICE_CAPTION_LINES && k < p->wrap_count; k++)
                part += strlen(p->wrap[k]);
            first = i;
            seen += part;
            if ((float)seen >= progress * (float)total)
                break;
        }
    }
    return first;
}

/* The caption: CUE wrapped to the width, shown two lines at a time. */
static void draw_caption(Ui *u, Practice *p, const Layout *l, const char *cue, float progress, SDL_Color color,
                         float alpha)
{
    int width = u->w - 2 * l->m;
    int px = textcache_line_height(u->text, TEXT_BODY);
    if (cue != p->wrap_text || width != p->wrap_width || px != p->wrap_px) {
        p->wrap_text = cue;
        p->wrap_width = width;
        p->wrap_px = px;
        p->wrap_count = textcache_wrap(u->text, TEXT_BODY, cue, width, p->wrap, TEXTCACHE_MAX_LINES);
        if (p->wrap_count > TEXTCACHE_MAX_LINES)
            p->wrap_count = TEXTCACHE_MAX_LINES;
    }
    if (p->wrap_count <= 0)
        return;
    int first = caption_first(p, progress);
    int lines = p->wrap_count - first < PRACTICE_CAPTION_LINES ? p->wrap_count - first : PRACTICE_CAPTION_LINES;
    int y = l->caption_y + (PRACTICE_CAPTION_LINES - lines) * px;
    for (int i = 0; i < lines; i++)
        textcache_draw(u->text, u->ren, TEXT_BODY, p->wrap[first + i], color, alpha, u->w / 2, y + i * px,
                       TEXT_CENTER);
}

/* The notice after a control, in a panel over the middle. */
static void draw_notice(Ui *u, const SessionView *v, float alpha)
{
    char line[96];
    switch (v->notice) {
    case SESSION_NOTICE_PACE:
        snprintf(line, sizeof line, "%s breathing \xC2\xB7 %d%%",
                 v->pace_pct > 100 ? "Slower" : v->pace_pct < 100 ? "Faster" : "Normal", v->pace_pct);
        break;
    case SESSION_NOTICE_VOLUME: snprintf(line, sizeof line, "Volume %d%%", v->volume); break;
    case SESSION_NOTICE_MUTE: snprintf(line, sizeof line, "Sound %s", v->muted ? "off" : "on"); break;
    case SESSION_NOTICE_LEAVE: snprintf(line, sizeof line, "Press again to leave"); break;
    case SESSION_NOTICE_NO_SIDE: snprintf(line, sizeof line, "This pose has no sides"); break;
    default: return;
    }
    const Theme *t = u->theme;
    int tw = textcache_width(u->text, TEXT_BODY, line), lh = textcache_line_height(u->text, TEXT_BODY);
    float a = alpha * v->notice_alpha;
    SDL_Rect box = {(u->w - tw) / 2 - lh / 2, u->h * 46 / 100 - lh / 2, tw + lh, lh * 2};
    ui_fill(u, t->panel, a * 0.92f, box);
    textcache_draw(u->text, u->ren, TEXT_BODY, line, t->text, a, u->w / 2, box.y + lh / 2, TEXT_CENTER);
}

static void practice_draw(App *a, void *state, float alpha, int64_t now)
{
    Practice *p = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    const TimelineState *st = &p->view.tl;
    const Routine *routine = p->routine;
    int n = routine->step_count;
    char line[320];
    int small_h = textcache_line_height(u->text, TEXT_SMALL), body_h = textcache_line_height(u->text, TEXT_BODY);

    /* The header first, to know where it ends: the pose and side (or the
     * routine, or "Well done"), on one line in the title size if it fits,
     * else in the body size on up to two. */
    const char *status = "";
    SDL_Color status_color = t->dim;
    switch (st->segment) {
    case TL_SEG_INTRO:
        snprintf(line, sizeof line, "%s", routine->title);
        status = "Get ready";
        break;
    case TL_SEG_OUTRO:
    case TL_SEG_DONE:
        snprintf(line, sizeof line, "Well done");
        status = st->segment == TL_SEG_DONE ? "Finished" : "Rest and notice how you feel";
        break;
    default:
        if (routine->breathing && st->segment == TL_SEG_HOLD) {
            /* the pattern (or, finding a pace, the rate); the posture is the figure's */
            snprintf(line, sizeof line, "%s", routine->pacing ? routine->steps[st->step].name : routine->title);
            status = "Time left";
            break;
        }
        routine_step_title(routine, u->lib, st->step, st->side, " \xE2\x80\x94 ", line, sizeof line);
        status = st->segment == TL_SEG_HOLD ? "Hold" : st->segment == TL_SEG_SWITCH ? "Switch sides" : "Move into the pose";
        break;
    }
    Layout l = layout(u, 0, routine->breathing);
    char title[2][160];
    TextFont tf = TEXT_TITLE;
    int title_lines = 1;
    if (textcache_width(u->text, TEXT_TITLE, line) <= l.text_w) {
        snprintf(title[0], sizeof title[0], "%.159s", line);
    } else {
        tf = TEXT_BODY;
        title_lines = textcache_wrap_cut(u->text, TEXT_BODY, line, l.text_w, title, 2);
        title_lines = title_lines < 1 ? 1 : title_lines;
    }
    int title_y = l.m / 2 + small_h;
    int status_y = title_y + title_lines * textcache_line_height(u->text, tf);
    l = layout(u, status_y + body_h, routine->breathing);

    /* The figure: text goes over it. */
    pose_figure(p, u, now);
    SceneLayout sl = scene_layout(l.figure, &p->frame);
    p->scale = sl.scale;
    SceneStats drawn;
    if (scene_draw(u->scene, &p->frame, sl, t->scene, u->alone, &drawn) != 0) {
        log_msg(LOG_WARN, "video", "cannot draw the figure: %s", SDL_GetError());
        drawn.bounds = (SDL_Rect){0, 0, u->w, u->h};
    }

    /* Text on the plain background is copied, not blended: all of it but
     * what goes over the figure, the ring or the bar (and all of it while
     * the screen fades in or out over another). */
    float done = routine_done(st, n);
    int bar = u->h / 200 + 1;
    SDL_Rect busy[3] = {drawn.bounds, ui_ring_box(l.ring_x, l.ring_y, l.ring_r), {0, 0, u->w, bar}};
    if (u->alone)
        textcache_backdrop(u->text, &t->bg, busy, 3);

    /* Progress: a thin bar along the top, and "Step n of N". */
    ui_fill(u, t->track, alpha, (SDL_Rect){0, 0, u->w, bar});
    ui_fill(u, t->fill, alpha, (SDL_Rect){0, 0, (int)((float)u->w * done), bar});
    int shown = st->step < n ? st->step + 1 : n;
    snprintf(line, sizeof line, "Step %d of %d", shown, n);
    if (!routine->breathing)
        textcache_draw(u->text, u->ren, TEXT_SMALL, line, t->dim, alpha, u->w - l.m, l.m / 2, TEXT_RIGHT);
    for (int i = 0; i < title_lines; i++)
        textcache_draw(u->text, u->ren, tf, title[i], t->text, alpha, l.m,
                       title_y + i * textcache_line_height(u->text, tf), TEXT_LEFT);
    int y = status_y;

    /* Status: what is happening and the time left, or what comes next. */
    char next[160];
    if (p->view.next_hint) {
        snprintf(next, sizeof next, "Next: %s", routine->steps[p->view.next_step].name);
        status = next;
        status_color = t->accent;
    }
    if (st->segment != TL_SEG_DONE) {
        char left[32];
        int64_t s = (st->seg_left_ms + 999) / 1000; /* whole seconds, rounded up */
        snprintf(left, sizeof left, "%d:%02d", (int)(s / 60), (int)(s % 60));
        int gap = textcache_line_height(u->text, TEXT_BODY) / 2;
        bool timed = st->segment == TL_SEG_HOLD || st->segment == TL_SEG_INTRO;
        /* the status gives way to the time: cut with an ellipsis when both do not fit */
        int room = u->w - 2 * l.m - (timed ? textcache_width(u->text, TEXT_BODY, left) + gap : 0);
        char cut[1][160];
        int sw = 0;
        if (textcache_wrap_cut(u->text, TEXT_BODY, status, room, cut, 1) == 1)
            sw = textcache_draw(u->text, u->ren, TEXT_BODY, cut[0], status_color, alpha, l.m, y, TEXT_LEFT);
        if (timed)
            textcache_draw_glyphs(u->text, u->ren, TEXT_BODY, left, t->dim, alpha, l.m + sw + gap, y, TEXT_LEFT);
    }

    /* The breath ring: fills through the inhale, full and still while the
     * breath is held, empties through the exhale; the count of seconds in
     * the phase inside, the words under it. */
    if (st->segment != TL_SEG_DONE) {
        float amount = breath_fullness(st->breath, st->breath_phase, st->breath_progress);
        bool held = breath_is_hold(st->breath_phase);
        float thick = l.ring_r * 0.22f;
        ui_ring(u, l.ring_x, l.ring_y, l.ring_r - thick, l.ring_r, amount, t->track, held ? t->hold : t->fill, alpha);
        snprintf(line, sizeof line, "%d", phase_count(st));
        textcache_set_size(u->text, TEXT_HUGE, (int)(l.ring_r * 1.05f)); /* the count fits the ring */
        int hh = textcache_cap_height(u->text, TEXT_HUGE);
        int top = (int)l.ring_y - hh / 2 - (textcache_line_height(u->text, TEXT_HUGE) - hh) / 2 + hh / 10;
        textcache_draw_glyphs(u->text, u->ren, TEXT_HUGE, line, t->text, alpha, (int)l.ring_x, top, TEXT_CENTER);
        int ly = l.words_y;
        textcache_draw(u->text, u->ren, TEXT_BODY, breath_words(st->breath_phase), t->text, alpha, l.words_x, ly,
                       TEXT_CENTER);
        if (st->breath_count > 0 && l.show_count) {
            int by = ly + textcache_line_height(u->text, TEXT_BODY);
            if (st->breath_target > 0)
                snprintf(line, sizeof line, "%d of %d", st->breath_count, st->breath_target);
            else
                snprintf(line, sizeof line, "%d", st->breath_count);
            char label[48];
            snprintf(label, sizeof label, "Breath ");
            int lw = textcache_width(u->text, TEXT_SMALL, label), nw = textcache_width(u->text, TEXT_SMALL, line);
            int x0 = l.words_x - (lw + nw) / 2;
            textcache_draw(u->text, u->ren, TEXT_SMALL, label, t->dim, alpha, x0, by, TEXT_LEFT);
            textcache_draw_glyphs(u->text, u->ren, TEXT_SMALL, line, t->dim, alpha, x0 + lw, by, TEXT_LEFT);
        }
    }

    float cue_progress = 0;
    bool cue_dim = false;
    const char *cue = current_cue(p, st, &cue_progress, &cue_dim);
    SDL_Color cue_color = cue_dim ? t->dim : t->text;
    if (cue)
        draw_caption(u, p, &l, cue, cue_progress, cue_color, alpha);
    textcache_backdrop(u->text, NULL, NULL, 0); /* the notice is on a panel */
    draw_notice(u, &p->view, alpha);
    look_of(p, u, now, &p->drawn);
}

static bool practice_stale(App *a, void *state, int64_t now)
{
    Practice *p = state;
    if (p->scale <= 0)
        return true;
    look_of(p, app_ui(a), now, &p->look);
    return memcmp(&p->look, &p->drawn, sizeof p->look) != 0;
}

static int64_t practice_idle(App *a, void *state, int64_t now)
{
    (void)a;
    Practice *p = state;
    if (!p->view.tl.paused || p->over_at)
        return 0;
    return session_idle_ms(p->session, now) >= 0 ? 0 : -1;
}

const Screen *practice_screen(void)
{
    static const Screen s = {
        .name = "session",
        .opaque = true,
        .enter = practice_enter,
        .leave = practice_leave,
        .action = practice_action,
        .update = practice_update,
        .draw = practice_draw,
        .idle = practice_idle,
        .stale = practice_stale,
    };
    return &s;
}

/* ---- the pause overlay ---- */

static void *pause_enter(App *a, void *arg, int64_t now)
{
    (void)a;
    (void)now;
    return arg;
}

static void pause_leave(App *a, void *state)
{
    (void)a;
    (void)state;
}

static void pause_action(App *a, void *state, InputAction act, int64_t now)
{
    Practice *p = state;
    if (act == INPUT_PAUSE || act == INPUT_SELECT) {
        apply(a, p, SESSION_PAUSE, now);
        session_update(p->session, now, &p->view);
    } else {
        practice_screen()->action(a, p, act, now);
    }
}

static void pause_update(App *a, void *state, int64_t now)
{
    (void)now;
    Practice *p = state;
    if ((!p->view.tl.paused || p->over_at) && p->pause_shown) {
        p->pause_shown = false;
        app_pop(a, now);
    }
}

static void pause_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    (void)state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    SDL_Color shade = t->panel;
    shade.a = t->shade;
    ui_fill(u, shade, alpha, (SDL_Rect){0, 0, u->w, u->h});
    const char *msg = "Paused \xE2\x80\x94 press Space to continue";
    int lh = textcache_line_height(u->text, TEXT_BODY);
    char lines[3][160];
    int k = textcache_wrap(u->text, TEXT_BODY, msg, u->w * 9 / 10, lines, 3);
    int y = u->h / 2 - k * lh / 2;
    for (int i = 0; i < k && i < 3; i++)
        textcache_draw(u->text, u->ren, TEXT_BODY, lines[i], t->text, alpha, u->w / 2, y + i * lh, TEXT_CENTER);
    const char *const keys[] = {"H for help", "Esc twice to leave"};
    UiHint hint;
    ui_hint(u, keys, 2, u->w * 9 / 10, 2, &hint);
    ui_hint_draw(u, &hint, y + k * lh + lh / 2, alpha);
    Practice *p = state;
    draw_notice(u, &p->view, alpha);
}

static int64_t pause_idle(App *a, void *state, int64_t now)
{
    (void)a;
    Practice *p = state;
    return session_idle_ms(p->session, now) >= 0 ? 0 : -1;
}

const Screen *pause_screen(void)
{
    static const Screen s = {
        .name = "pause",
        .opaque = false,
        .enter = pause_enter,
        .leave = pause_leave,
        .action = pause_action,
        .update = pause_update,
        .draw = pause_draw,
        .idle = pause_idle,
    };
    return &s;
}
