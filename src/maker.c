/* maker.c — "Make me a practice", opened from the picker: the minutes (5
 * to 60, in the picker's steps), what to work on (the six focuses, with a
 * line in plain words on the chosen one), what to leave out (four
 * switches that combine) and Start; beside them, what will be played: its
 * length, how many poses and which, made by the composer each time a
 * choice changes, so nothing comes as a surprise.
 *
 * Up and Down move between the rows, Left and Right change a value (or
 * flip a switch), Enter, Space or pad A flips a switch and starts from
 * any other row; Esc (pad B) goes back. A tap acts on the row tapped: a
 * switch flips, Start starts, the left or right half of a value steps it
 * down or up; swipes move and change as the arrows do. It offers the last choices
 * first (the app keeps them in settings.json) and saves them as the
 * practice starts. The practice is the day's, seeded by the local date as
 * `psoas-coach --make` seeds it, so the same choices play the same
 * practice here and on the command line all day. Sizes shrink from the
 * usual ones when the rows would not fit, as the breath chooser's do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "screens.h"
#include "timeline.h"

typedef enum Row {
    ROW_MINUTES,   /* Left/Right: the steps below */
    ROW_FOCUS,     /* Left/Right: the six focuses */
    ROW_KNEELING,  /* the four things to leave out, in ComposeAvoid's bit order */
    ROW_FLOOR,
    ROW_BALANCE,
    ROW_BACKBENDS,
    ROW_START,
    ROW_COUNT
} Row;

#define TITLE "Make me a practice"

/* The lengths offered: the picker's steps. */
static const int minute_steps[] = {5, 10, 15, 20, 30, 45, 60};
enum { MINUTE_STEPS = (int)(sizeof minute_steps / sizeof minute_steps[0]) };

/* Left to right: everything first, then the focuses as compose.h orders them. */
static const int focus_order[] = {COMPOSE_FOCUS_ALL, FOCUS_DESK, FOCUS_LUNGES, FOCUS_FLOOR, FOCUS_YIN, FOCUS_GENTLE};
enum { FOCUS_CHOICES = (int)(sizeof focus_order / sizeof focus_order[0]) };

static const struct {
    const char *title; /* the value on the row */
    const char *line;  /* what it means, beside the rows */
} focuses[COMPOSE_FOCUS_ALL + 1] = {
    [COMPOSE_FOCUS_ALL] = {"Everything", "A bit of everything in the pose library, from a warm-up to the rest at "
                                         "the end."},
    [FOCUS_DESK] = {"Desk", "After a day of sitting: on a chair, standing, at the counter and walking, with a "
                            "rest to end."},
    [FOCUS_LUNGES] = {"Lunges", "The lunge family and down dog: the deepest stretch for the front of the hip."},
    [FOCUS_FLOOR] = {"Floor", "On the floor, kneeling and lying: bridge, knee to chest, leg raises, the foot slide "
                              "and constructive rest."},
    [FOCUS_YIN] = {"Yin", "A few poses held long and still, minutes each, so the hips can soften."},
    [FOCUS_GENTLE] = {"Gentle", "No deep backbends and shorter holds, for a tired or tender day."},
};

/* The switches' rows, by bit. */
static const char *const avoid_titles[] = {"No kneeling", "No floor work", "No balancing", "No backbends"};

enum {
    PREVIEW_NAMES = 480, /* bytes of the pose list shown */
    MAX_LINE_ROWS = 4    /* lines a focus's line may take; more: a smaller size */
};

typedef struct Maker {
    ComposeOptions o;      /* what is chosen now, with today's seed */
    Row row;               /* the row Up/Down and Left/Right act on */
    bool made;             /* the preview below is of O */
    int64_t length_ms;     /* the practice O makes: its planned length */
    int poses;             /* ... its steps */
    char names[PREVIEW_NAMES]; /* ... their names, in order ("" when it could not be made) */
    char why[160];         /* why it could not be made */
    SDL_Rect rows[ROW_COUNT]; /* where each row was last drawn, for taps */
    int value_x[ROW_COUNT];   /* ... and its value: from this x */
    int value_w[ROW_COUNT];   /* ... this wide (0: none) */
} Maker;

/* Today's seed: the local date, as the command line's --make takes it. */
static uint32_t today_seed(void)
{
    time_t now = time(NULL);
    struct tm day;
    if (!localtime_r(&now, &day))
        return compose_seed_of_date(1970, 1, 1);
    return compose_seed_of_date(day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
}

/* Makes the practice of P's choices to show what will be played. */
static void preview(App *a, Maker *p)
{
    p->o.seed = today_seed();
    p->made = true;
    p->names[0] = 0;
    p->why[0] = 0;
    p->poses = 0;
    p->length_ms = 0;
    const PoseLibrary *lib = app_ui(a)->lib;
    Routine *r = compose_make(lib, &p->o, p->why, sizeof p->why);
    if (!r)
        return;
    p->length_ms = timeline_plan(r, lib, NULL, NULL);
    p->poses = r->step_count;
    size_t used = 0;
    for (int i = 0; i < r->step_count && used + 1 < sizeof p->names; i++) {
        int w = snprintf(p->names + used, sizeof p->names - used, "%s%s", i ? ", " : "", r->steps[i].name);
        used = w < 0 ? used : used + (size_t)w;
    }
    routine_free(r);
}

static void *maker_enter(App *a, void *arg, int64_t now)
{
    (void)arg;
    (void)now;
    Maker *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->o = app_settings(a)->make; /* the last choices, offered first */
    p->row = ROW_MINUTES;
    preview(a, p);
    return p;
}

static void maker_leave(App *a, void *state)
{
    (void)a;
    free(state);
}

/* The next of the minute steps from M in DIR; M itself at either end. */
static int step_minutes(int m, int dir)
{
    if (dir > 0) {
        for (int i = 0; i < MINUTE_STEPS; i++)
            if (minute_steps[i] > m)
                return minute_steps[i];
    } else {
        for (int i = MINUTE_STEPS - 1; i >= 0; i--)
            if (minute_steps[i] < m)
                return minute_steps[i];
    }
    return m;
}

static int focus_index(int focus)
{
    for (int i = 0; i < FOCUS_CHOICES; i++)
        if (focus_order[i] == focus)
            return i;
    return 0;
}

static bool avoid_row(Row r)
{
    return r >= ROW_KNEELING && r <= ROW_BACKBENDS;
}

static unsigned avoid_bit(Row r)
{
    return 1u << (r - ROW_KNEELING);
}

static void change(App *a, Maker *p, int dir)
{
    if (p->row == ROW_MINUTES) {
        p->o.minutes = step_minutes(p->o.minutes, dir);
    } else if (p->row == ROW_FOCUS) {
        int i = focus_index(p->o.focus) + dir;
        if (i >= 0 && i < FOCUS_CHOICES)
            p->o.focus = focus_order[i];
    } else if (avoid_row(p->row)) {
        p->o.avoid ^= avoid_bit(p->row);
    } else {
        return;
    }
    preview(a, p);
}

static void start(App *a, Maker *p, int64_t now)
{
    p->o.seed = today_seed(); /* the day's, also just after midnight */
    AppSettings *cfg = app_settings(a);
    cfg->make = p->o;
    cfg->make_chosen = true;
    app_save_settings(a);
    char avoid[64];
    compose_avoid_names(p->o.avoid, avoid, sizeof avoid);
    log_msg(LOG_INFO, "make", "%d min, focus %s, avoid %s, seed %u", p->o.minutes, compose_focus_name(p->o.focus),
            avoid, (unsigned)p->o.seed);
    const Routine *r = app_made_practice(a, &p->o);
    if (r)
        app_push(a, practice_screen(), (void *)r, now);
    else
        preview(a, p); /* shows why */
}

/* A tap at X, Y: on a row, that row chosen and acted on (a switch
 * flipped, Start started, the left or right half of a value stepped
 * down or up); elsewhere nothing. */
static void tap(App *a, Maker *p, int x, int y, int64_t now)
{
    for (int r = 0; r < ROW_COUNT; r++) {
        if (!SDL_PointInRect(&(SDL_Point){x, y}, &p->rows[r]))
            continue;
        p->row = (Row)r;
        if (avoid_row(p->row))
            change(a, p, 1);
        else if (p->row == ROW_START)
            start(a, p, now);
        else if (p->value_w[r] > 0 && x >= p->value_x[r])
            change(a, p, x < p->value_x[r] + p->value_w[r] / 2 ? -1 : 1);
        return;
    }
}

static void maker_action(App *a, void *state, InputAction act, int64_t now)
{
    Maker *p = state;
    int x, y;
    if (act == INPUT_PAUSE && app_tap_point(a, &x, &y)) {
        tap(a, p, x, y, now);
        return;
    }
    switch (act) {
    case INPUT_UP:
        if (p->row > 0)
            p->row--;
        break;
    case INPUT_DOWN:
        if (p->row + 1 < ROW_COUNT)
            p->row++;
        break;
    case INPUT_PREVIOUS: change(a, p, -1); break;
    case INPUT_NEXT: change(a, p, 1); break;
    case INPUT_PAUSE:
    case INPUT_SELECT:
        if (avoid_row(p->row))
            change(a, p, 1);
        else
            start(a, p, now);
        break;
    case INPUT_HELP: app_push(a, help_screen(), NULL, now); break;
    case INPUT_BACK: app_pop(a, now); break;
    default: break;
    }
}

/* The label and the value shown on row R. */
static void row_text(const Maker *p, Row r, const char **label, char *value, size_t size)
{
    value[0] = 0;
    if (r == ROW_MINUTES) {
        *label = "Length";
        snprintf(value, size, "\xE2\x97\x80 %d min \xE2\x96\xB6", p->o.minutes);
    } else if (r == ROW_FOCUS) {
        *label = "Focus";
        snprintf(value, size, "\xE2\x97\x80 %s \xE2\x96\xB6", focuses[p->o.focus].title);
    } else if (avoid_row(r)) {
        *label = avoid_titles[r - ROW_KNEELING];
        /* a ballot box, ticked when on */
        snprintf(value, size, "%s", p->o.avoid & avoid_bit(r) ? "\xE2\x98\x91" : "\xE2\x98\x90");
    } else {
        *label = "Start \xE2\x96\xB6";
    }
}

/* Where things go at one text size. */
typedef struct Layout {
    int m;              /* margin */
    bool wide;          /* rows and preview side by side */
    int rows_x, rows_w; /* the rows */
    int rows_y;
    int side_x, side_w; /* the focus line and the preview */
    int side_y;
    int row;            /* height of a row */
    int line_rows;      /* small lines the focus's line may take */
    int name_rows;      /* small lines the pose names may take */
    int bottom;         /* the lowest y used, hints excluded */
    int hints_y;        /* where the hints start */
} Layout;

static const char *const hint_parts[] = {"\xE2\x86\x91\xE2\x86\x93 choose", "\xE2\x86\x90\xE2\x86\x92 change",
                                         "Enter tick or start", "Esc back"};
enum { HINT_PARTS = (int)(sizeof hint_parts / sizeof hint_parts[0]) };

static Layout layout_at(Ui *u, int body_px)
{
    TextCache *tc = u->text;
    textcache_set_size(tc, TEXT_BODY, body_px);
    textcache_set_size(tc, TEXT_SMALL, body_px * 48 / 70);
    textcache_set_size(tc, TEXT_TITLE, body_px * 80 / 70);
    Layout l = {0};
    l.m = ui_short_side(u) * 5 / 100;
    l.wide = u->w >= u->h;
    int lh = textcache_line_height(tc, TEXT_BODY), sh = textcache_line_height(tc, TEXT_SMALL);
    l.row = lh * 11 / 10;
    int top = l.m / 2 + textcache_line_height(tc, TEXT_TITLE) + l.m / 3;
    UiHint hint;
    l.hints_y = u->h - l.m / 2 - ui_hint(u, hint_parts, HINT_PARTS, u->w - 2 * l.m, UI_HINT_LINES, &hint);
    l.rows_x = l.m;
    l.rows_y = top;
    int rows_end = top + ROW_COUNT * l.row + l.row / 4; /* Start stands a little apart */
    if (l.wide) {
        l.rows_w = u->w * 50 / 100 - l.m;
        l.side_x = u->w * 55 / 100;
        l.side_w = u->w - l.m - l.side_x;
        l.side_y = top;
    } else {
        l.rows_w = u->w - 2 * l.m;
        l.side_x = l.m;
        l.side_w = l.rows_w;
        l.side_y = rows_end + l.m / 3;
    }
    /* the side: the focus's line (as many lines as the longest one takes,
     * so nothing moves as the focus changes), a gap, the length and
     * count, the names */
    l.line_rows = 1;
    for (int f = 0; f < FOCUS_CHOICES; f++) {
        char lines[TEXTCACHE_MAX_LINES][160];
        int k = textcache_wrap(tc, TEXT_SMALL, focuses[focus_order[f]].line, l.side_w, lines, TEXTCACHE_MAX_LINES);
        l.line_rows = k > l.line_rows ? k : l.line_rows;
    }
    int fixed = l.line_rows * sh + sh / 2 + lh + sh / 4;
    int room = l.hints_y - sh / 2 - (l.side_y + fixed);
    l.name_rows = sh > 0 ? room / sh : 0;
    if (l.name_rows > TEXTCACHE_MAX_LINES)
        l.name_rows = TEXTCACHE_MAX_LINES;
    int side_end = l.side_y + fixed + (l.name_rows > 0 ? l.name_rows : 0) * sh;
    l.bottom = l.wide && rows_end > side_end ? rows_end : side_end;
    if (!l.wide)
        l.bottom = side_end;
    return l;
}

/* Whether every text fits its place at layout L: the rows beside their
 * values, the title, the focus lines in MAX_LINE_ROWS, at least one line
 * of names. */
static bool fits(Ui *u, const Maker *p, const Layout *l)
{
    TextCache *tc = u->text;
    int sh = textcache_line_height(tc, TEXT_SMALL);
    int rows_end = l->rows_y + ROW_COUNT * l->row + l->row / 4;
    if (rows_end > l->hints_y - sh / 2 || l->name_rows < 1 ||
        textcache_width(tc, TEXT_TITLE, TITLE) > u->w - 2 * l->m)
        return false;
    int gap = textcache_line_height(tc, TEXT_BODY) / 2;
    /* every value a row can show, so the size does not jump as they change */
    Maker any = *p;
    for (int r = 0; r < ROW_COUNT; r++) {
        int values = r == ROW_FOCUS ? FOCUS_CHOICES : 1;
        for (int v = 0; v < values; v++) {
            const char *label;
            char value[96];
            if (r == ROW_FOCUS)
                any.o.focus = focus_order[v];
            any.o.minutes = COMPOSE_MAX_MINUTES;
            row_text(&any, (Row)r, &label, value, sizeof value);
            int w = textcache_width(tc, TEXT_BODY, label) + gap + textcache_width(tc, TEXT_BODY, value) + l->m / 2;
            if (w > l->rows_w)
                return false;
        }
    }
    return l->line_rows <= MAX_LINE_ROWS;
}

static void maker_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    Maker *p = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    TextCache *tc = u->text;
    if (!p->made)
        preview(a, p);

    /* the usual size (7% of the height, as the breath chooser's), smaller
     * until everything fits */
    int px = u->h * 70 / 1000;
    Layout l = layout_at(u, px);
    while (px > 10 && !fits(u, p, &l)) {
        px = px * 9 / 10;
        l = layout_at(u, px);
    }
    int lh = textcache_line_height(tc, TEXT_BODY), sh = textcache_line_height(tc, TEXT_SMALL);

    textcache_draw(tc, u->ren, TEXT_TITLE, TITLE, t->text, alpha, l.m, l.m / 2, TEXT_LEFT);

    /* the rows */
    for (int r = 0; r < ROW_COUNT; r++) {
        int y = l.rows_y + r * l.row + (r == ROW_START ? l.row / 4 : 0); /* Start stands a little apart */
        bool focus = p->row == (Row)r;
        bool on = avoid_row((Row)r) && (p->o.avoid & avoid_bit((Row)r));
        if (focus)
            ui_chosen_row(u, (SDL_Rect){l.rows_x - l.m / 2, y, l.rows_w + l.m / 2, l.row}, l.m, true, alpha);
        const char *label;
        char value[96];
        row_text(p, (Row)r, &label, value, sizeof value);
        int ty = y + (l.row - lh) / 2;
        SDL_Color lc = r == ROW_START ? t->accent : focus || on ? t->text : t->dim;
        textcache_draw(tc, u->ren, TEXT_BODY, label, lc, alpha, l.rows_x, ty, TEXT_LEFT);
        p->rows[r] = (SDL_Rect){l.rows_x - l.m / 2, y, l.rows_w + l.m / 2, l.row};
        p->value_w[r] = 0;
        if (value[0]) {
            int right = l.rows_x + l.rows_w - l.m / 4;
            p->value_w[r] = textcache_draw(tc, u->ren, TEXT_BODY, value, focus || on ? t->accent : t->text, alpha,
                                           right, ty, TEXT_RIGHT);
            p->value_x[r] = right - p->value_w[r];
        }
    }

    /* beside (or under) them: the focus's line, then what will be played */
    char lines[TEXTCACHE_MAX_LINES][160];
    int y = l.side_y;
    int k = textcache_wrap_cut(tc, TEXT_SMALL, focuses[p->o.focus].line, l.side_w, lines, l.line_rows);
    for (int i = 0; i < k; i++, y += sh)
        textcache_draw(tc, u->ren, TEXT_SMALL, lines[i], t->text, alpha, l.side_x, y, TEXT_LEFT);
    y = l.side_y + l.line_rows * sh + sh / 2;
    char head[96];
    if (p->poses > 0) {
        int s = (int)((p->length_ms + 500) / 1000);
        snprintf(head, sizeof head, "%d:%02d \xC2\xB7 %d pose%s", s / 60, s % 60, p->poses, p->poses == 1 ? "" : "s");
    } else {
        snprintf(head, sizeof head, "Nothing fits these choices");
    }
    textcache_draw(tc, u->ren, TEXT_BODY, head, p->poses > 0 ? t->accent : t->text, alpha, l.side_x, y, TEXT_LEFT);
    y += lh + sh / 4;
    const char *names = p->poses > 0 ? p->names : p->why;
    k = textcache_wrap_cut(tc, TEXT_SMALL, names, l.side_w, lines, l.name_rows);
    for (int i = 0; i < k; i++, y += sh)
        textcache_draw(tc, u->ren, TEXT_SMALL, lines[i], t->dim, alpha, l.side_x, y, TEXT_LEFT);

    ui_footer(u, hint_parts, HINT_PARTS, l.m, UI_HINT_LINES, alpha);
    textcache_set_size(tc, TEXT_BODY, 0);
    textcache_set_size(tc, TEXT_SMALL, 0);
    textcache_set_size(tc, TEXT_TITLE, 0);
}

const Screen *maker_screen(void)
{
    static const Screen s = {
        .name = "make",
        .opaque = true,
        .enter = maker_enter,
        .leave = maker_leave,
        .action = maker_action,
        .draw = maker_draw,
    };
    return &s;
}
