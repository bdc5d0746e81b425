/* chooser.c — the breath chooser, opened from the picker's "Breathe"
 * entry: the patterns listed with their numbers, the chosen one's line,
 * the length (Left/Right, 1 to 60 minutes) and the posture; for "your own"
 * pattern its five numbers in half seconds. Enter (Space, pad A, a tap)
 * starts; Esc (pad B) goes back. It offers the last choices first (the
 * app keeps them in settings.json) and saves them as a practice starts.
 *
 * Up and Down choose the pattern, Left and Right the minutes, so the
 * common case, a pattern and a length, is a few presses with no moving
 * between fields; S (pad X) steps through the postures; M (pad Y) turns
 * the soft tick each second on or off. Down from "your
 * own" walks its five numbers, which Left and Right change by half a
 * second. Sizes shrink from the usual ones when the rows would not fit,
 * so it fits 800x480 to 4K and portrait screens alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breathe.h"
#include "log.h"
#include "screens.h"

typedef enum Row {
    ROW_PATTERN,   /* the list */
    ROW_IN,        /* your own numbers: shown only for the custom pattern */
    ROW_TOP_UP,
    ROW_HOLD_IN,
    ROW_OUT,
    ROW_HOLD_OUT,
    ROW_MINUTES,
    ROW_POSTURE,
    ROW_TICKS,     /* a soft tick each second: M (pad Y) turns it on and off */
    ROW_COUNT
} Row;

enum { HALF_SECOND = 500 };

/* The list, top to bottom: the patterns, "Find your pace", your own. */
enum { ITEM_PACE = -1, ITEM_COUNT = BREATHE_PRESET_COUNT + 1 };
static const int items[ITEM_COUNT] = {BREATHE_CALM, BREATHE_LONG_EXHALE, BREATHE_COHERENT, BREATHE_BOX,
                                      BREATHE_478,  BREATHE_SIGHING,     ITEM_PACE,        BREATHE_CUSTOM};
static const char *const pace_title = "Find your pace";
static const char *const pace_line = "Five even paces, from 6.5 to 4.5 breaths a minute, about two minutes each; "
                                     "then choose the easiest, and it becomes your coherent breathing.";

typedef struct Chooser {
    BreatheChoice c;        /* what is chosen now (the last pattern while on "Find your pace") */
    BreathPattern custom;   /* your own numbers, kept while another pattern is chosen */
    BreathPattern coherent; /* the coherent pattern: the preset's, or the pace found */
    int item;               /* the list's row chosen: an index into items */
    Row row;                /* the row Up/Down and Left/Right act on */
} Chooser;

static bool on_pace(const Chooser *p)
{
    return items[p->item] == ITEM_PACE;
}

/* The phase each number row sets, and its range in ms. */
static const struct {
    BreathPhase phase;
    const char *label;
    int32_t lo, hi;
} numbers[] = {
    [ROW_IN] = {BREATH_INHALE, "In", 1000, 20000},
    [ROW_TOP_UP] = {BREATH_TOP_UP, "Top-up", 0, BREATH_TOP_UP_MAX_MS},
    [ROW_HOLD_IN] = {BREATH_HOLD_IN, "Hold", 0, 30000},
    [ROW_OUT] = {BREATH_EXHALE, "Out", 1000, 30000},
    [ROW_HOLD_OUT] = {BREATH_HOLD_OUT, "Hold", 0, 30000},
};

static bool number_row(Row r)
{
    return r >= ROW_IN && r <= ROW_HOLD_OUT;
}

static bool shown(const Chooser *p, Row r)
{
    return !number_row(r) || items[p->item] == BREATHE_CUSTOM;
}

static void choose_preset(Chooser *p, BreathePreset preset)
{
    p->c.preset = preset;
    p->c.pattern = preset == BREATHE_CUSTOM     ? p->custom
                   : preset == BREATHE_COHERENT ? p->coherent
                                                : breathe_preset(preset)->pattern;
    p->c.ease = preset == BREATHE_CUSTOM ? breathe_can_ease(p->custom) : breathe_preset(preset)->ease;
}

static void *chooser_enter(App *a, void *arg, int64_t now)
{
    (void)arg;
    (void)now;
    Chooser *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    const AppSettings *cfg = app_settings(a);
    p->c = cfg->breathe; /* the last choices, offered first */
    p->custom = cfg->breathe_custom;
    p->coherent = breathe_coherent_pattern(cfg->breathe_coherent_x10);
    choose_preset(p, p->c.preset);
    for (int i = 0; i < ITEM_COUNT; i++)
        if (items[i] == (int)p->c.preset)
            p->item = i;
    p->row = ROW_PATTERN;
    return p;
}

static void chooser_leave(App *a, void *state)
{
    (void)a;
    free(state);
}

static void move(Chooser *p, int dir)
{
    if (p->row == ROW_PATTERN) {
        int next = p->item + dir;
        if (next >= 0 && next < ITEM_COUNT) {
            p->item = next;
            if (!on_pace(p))
                choose_preset(p, (BreathePreset)items[next]);
            return;
        }
        if (next < 0)
            return;
    }
    int r = (int)p->row + dir; /* your own numbers, and back to the list */
    if (r >= ROW_PATTERN && r <= ROW_HOLD_OUT && shown(p, (Row)r))
        p->row = (Row)r;
}

static void change(Chooser *p, int dir)
{
    if (p->row == ROW_PATTERN) {
        int m = p->c.minutes + dir;
        if (m >= BREATHE_MIN_MINUTES && m <= BREATHE_MAX_MINUTES)
            p->c.minutes = m;
    } else if (number_row(p->row)) {
        int32_t *ms = &p->custom.ms[numbers[p->row].phase];
        int32_t v = *ms + dir * HALF_SECOND;
        if (v >= numbers[p->row].lo && v <= numbers[p->row].hi)
            *ms = v;
        choose_preset(p, BREATHE_CUSTOM);
    }
}

static void start(App *a, Chooser *p, int64_t now)
{
    AppSettings *cfg = app_settings(a);
    cfg->breathe = p->c;
    cfg->breathe_custom = p->custom;
    cfg->breathe_chosen = true;
    app_save_settings(a);
    const Routine *r = on_pace(p) ? app_pace_practice(a, p->c.posture) : app_breath_practice(a, &p->c);
    if (r)
        app_push(a, practice_screen(), (void *)r, now);
}

static void chooser_action(App *a, void *state, InputAction act, int64_t now)
{
    Chooser *p = state;
    switch (act) {
    case INPUT_UP: move(p, -1); break;
    case INPUT_DOWN: move(p, 1); break;
    case INPUT_PREVIOUS: change(p, -1); break;
    case INPUT_NEXT: change(p, 1); break;
    case INPUT_SWITCH_SIDE:
        p->c.posture = (BreathePosture)(((int)p->c.posture + 1) % BREATHE_POSTURE_COUNT);
        break;
    case INPUT_MUTE: p->c.ticks = !p->c.ticks; break;
    case INPUT_PAUSE:
    case INPUT_SELECT: start(a, p, now); break;
    case INPUT_HELP: app_push(a, help_screen(), NULL, now); break;
    case INPUT_BACK: app_pop(a, now); break;
    default: break;
    }
}

/* Seconds as "4 s" or "5.5 s". */
static void seconds(int32_t ms, char *out, size_t size)
{
    if (ms % 1000 == 0)
        snprintf(out, size, "%d s", ms / 1000);
    else
        snprintf(out, size, "%.1f s", ms / 1000.0);
}

/* The value shown on row R. */
static void value_of(App *a, const Chooser *p, Row r, char *out, size_t size)
{
    if (r == ROW_MINUTES) {
        if (on_pace(p))
            snprintf(out, size, "about 10 min");
        else
            snprintf(out, size, "%d min", p->c.minutes);
    } else if (r == ROW_TICKS) {
        snprintf(out, size, "%s", p->c.ticks ? "on" : "off");
    } else if (r == ROW_POSTURE) {
        const PoseLibrary *lib = app_ui(a)->lib;
        int pose = poselib_find(lib, breathe_posture_id(p->c.posture));
        snprintf(out, size, "%s", pose >= 0 ? lib->poses[pose].name : breathe_posture_id(p->c.posture));
    } else {
        seconds(p->custom.ms[numbers[r].phase], out, size);
    }
}

static const char *label_of(Row r)
{
    return r == ROW_MINUTES    ? "Length"
           : r == ROW_POSTURE ? "Posture (S)"
           : r == ROW_TICKS   ? "Ticks (M)"
                              : numbers[r].label;
}

/* Where things go at one text size. */
typedef struct Layout {
    int m;              /* margin */
    bool wide;          /* list and details side by side */
    int list_x, list_w; /* the pattern list */
    int list_y;
    int side_x, side_w; /* the details: the line, then the setting rows */
    int side_y;
    int row;            /* height of a row */
    int line_rows;      /* small lines the pattern's line may take */
    int bottom;         /* the lowest y used, hints excluded */
    bool nums;          /* the list shows each pattern's numbers (the line says them too) */
    bool stacked;       /* each setting's label above its value, not beside it */
    int setting;        /* height of a setting row */
} Layout;

static Layout layout_at(Ui *u, const Chooser *p, int body_px, bool nums, bool stacked)
{
    TextCache *tc = u->text;
    textcache_set_size(tc, TEXT_BODY, body_px);
    textcache_set_size(tc, TEXT_SMALL, body_px * 48 / 70);
    textcache_set_size(tc, TEXT_TITLE, body_px * 80 / 70);
    Layout l = {0};
    l.nums = nums;
    l.stacked = stacked;
    l.m = (u->w < u->h ? u->w : u->h) * 5 / 100;
    l.wide = u->w >= u->h;
    l.row = textcache_line_height(tc, TEXT_BODY) * 11 / 10;
    int top = l.m / 2 + textcache_line_height(tc, TEXT_TITLE) + l.m / 3;
    l.list_x = l.m;
    l.list_y = top;
    l.line_rows = 3;
    int settings = 0; /* the setting rows shown: length, posture, ticks, and your own numbers */
    for (int r = ROW_IN; r < ROW_COUNT; r++)
        settings += shown(p, (Row)r);
    int small = textcache_line_height(tc, TEXT_SMALL);
    l.setting = stacked ? small + l.row : l.row;
    if (l.wide) {
        l.list_w = u->w * 50 / 100 - l.m;
        l.side_x = u->w * 54 / 100;
        l.side_w = u->w - l.m - l.side_x;
        l.side_y = top;
        int list_end = top + ITEM_COUNT * l.row;
        int side_end = top + l.line_rows * small + small / 2 + settings * l.setting;
        l.bottom = list_end > side_end ? list_end : side_end;
    } else {
        l.list_w = u->w - 2 * l.m;
        l.side_x = l.m;
        l.side_w = l.list_w;
        l.side_y = top + ITEM_COUNT * l.row + l.m / 3;
        l.bottom = l.side_y + l.line_rows * small + small / 2 + settings * l.setting;
    }
    return l;
}

/* The keys along the bottom for the row P is on; returns how many. */
static int hint_parts(const Chooser *p, const char *parts[6])
{
    int n = 0;
    if (p->row == ROW_PATTERN) {
        parts[n++] = "Up / Down pattern";
        parts[n++] = "Left / Right minutes";
        parts[n++] = "S posture";
        parts[n++] = "M ticks";
    } else {
        parts[n++] = "Up / Down number";
        parts[n++] = "Left / Right change";
    }
    parts[n++] = "Enter start";
    parts[n++] = "Esc back";
    return n;
}

/* Whether every text of the screen fits its place at layout L. */
static bool fits(Ui *u, App *a, const Chooser *p, const Layout *l)
{
    TextCache *tc = u->text;
    const char *parts[6];
    UiHint hint; /* the keys take two lines on most screens, three on a narrow one */
    int hints = ui_hint(u, parts, hint_parts(p, parts), u->w - 2 * l->m, UI_HINT_LINES, &hint) +
                textcache_line_height(tc, TEXT_SMALL) / 2;
    if (l->bottom > u->h - hints - l->m / 2)
        return false;
    int gap = textcache_line_height(tc, TEXT_BODY) / 2;
    for (int i = 0; i < ITEM_COUNT; i++) {
        char nums[48];
        bool pace = items[i] == ITEM_PACE;
        BreathePreset preset = pace ? BREATHE_CALM : (BreathePreset)items[i];
        breath_format(preset == BREATHE_COHERENT ? p->coherent : breathe_preset(preset)->pattern, nums, sizeof nums);
        const char *shown_nums = pace || preset == BREATHE_CUSTOM || !l->nums ? "" : nums;
        int w = textcache_width(tc, TEXT_BODY, pace ? pace_title : breathe_preset(preset)->title) + gap +
                textcache_width(tc, TEXT_SMALL, shown_nums) + l->m / 2;
        if (w > l->list_w)
            return false;
    }
    for (int r = ROW_IN; r < ROW_COUNT; r++) {
        if (!shown(p, (Row)r))
            continue;
        char v[96], arrows[128];
        value_of(a, p, (Row)r, v, sizeof v);
        snprintf(arrows, sizeof arrows, "\xE2\x97\x80 %s \xE2\x96\xB6", v);
        int w = (l->stacked ? 0 : textcache_width(tc, TEXT_BODY, label_of((Row)r)) + gap) +
                textcache_width(tc, TEXT_BODY, arrows);
        if (w > l->side_w)
            return false;
    }
    return true;
}

static void chooser_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    Chooser *p = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    TextCache *tc = u->text;

    /* the usual size (7% of the height), with the numbers in the list or
     * else without them, then smaller until everything fits */
    int px = u->h * 70 / 1000;
    Layout l = layout_at(u, p, px, true, false);
    if (!fits(u, a, p, &l))
        l = layout_at(u, p, px, false, false);
    if (!fits(u, a, p, &l))
        l = layout_at(u, p, px, false, true);
    while (px > 10 && !fits(u, a, p, &l)) {
        px = px * 9 / 10;
        l = layout_at(u, p, px, false, true);
    }
    int lh = textcache_line_height(tc, TEXT_BODY), sh = textcache_line_height(tc, TEXT_SMALL);
    int gap = lh / 2;

    textcache_draw(tc, u->ren, TEXT_TITLE, "Breathe", t->text, alpha, l.m, l.m / 2, TEXT_LEFT);

    /* the patterns, each with its numbers */
    for (int i = 0; i < ITEM_COUNT; i++) {
        bool pace = items[i] == ITEM_PACE;
        BreathePreset preset = pace ? BREATHE_CALM : (BreathePreset)items[i];
        const BreathePresetInfo *info = breathe_preset(preset);
        int y = l.list_y + i * l.row;
        bool on = i == p->item;
        bool focus = on && p->row == ROW_PATTERN;
        if (on)
            ui_chosen_row(u, (SDL_Rect){l.list_x - l.m / 2, y, l.list_w + l.m / 2, l.row}, l.m, focus, alpha);
        textcache_draw(tc, u->ren, TEXT_BODY, pace ? pace_title : info->title, on ? t->accent : t->text, alpha,
                       l.list_x, y + (l.row - lh) / 2, TEXT_LEFT);
        if (!pace && preset != BREATHE_CUSTOM && l.nums) {
            char nums[48];
            breath_format(preset == BREATHE_COHERENT ? p->coherent : info->pattern, nums, sizeof nums);
            textcache_draw_glyphs(tc, u->ren, TEXT_SMALL, nums, t->dim, alpha, l.list_x + l.list_w - l.m / 2,
                                  y + (l.row - sh) / 2, TEXT_RIGHT);
        }
    }

    /* the chosen pattern's line, then its settings */
    const BreathePresetInfo *info = breathe_preset(p->c.preset);
    char lines[3][160];
    char line[200];
    if (on_pace(p)) {
        snprintf(line, sizeof line, "%s", pace_line);
    } else if (p->c.preset == BREATHE_COHERENT && !breath_equal(p->coherent, info->pattern)) {
        char nums[48];
        breath_format(p->coherent, nums, sizeof nums);
        snprintf(line, sizeof line, "Your own pace, found by \"Find your pace\": %s. Eased in.", nums);
    } else if (p->c.preset == BREATHE_CUSTOM) {
        char nums[48];
        breath_format(p->custom, nums, sizeof nums);
        snprintf(line, sizeof line, "%s %s%s", info->line, nums,
                 p->c.ease ? "; eased in." : "; not eased in (it has holds).");
    } else {
        snprintf(line, sizeof line, "%s%s", info->line, p->c.ease ? " Eased in." : "");
    }
    int k = textcache_wrap(tc, TEXT_SMALL, line, l.side_w, lines, l.line_rows);
    k = k > l.line_rows ? l.line_rows : k;
    int y = l.side_y;
    for (int i = 0; i < k; i++, y += sh)
        textcache_draw(tc, u->ren, TEXT_SMALL, lines[i], t->text, alpha, l.side_x, y, TEXT_LEFT);
    y = l.side_y + l.line_rows * sh + sh / 2;
    for (int r = ROW_IN; r < ROW_COUNT; r++) {
        if (!shown(p, (Row)r))
            continue;
        bool focus = p->row == (Row)r || (r == ROW_MINUTES && p->row == ROW_PATTERN);
        if (focus)
            ui_chosen_row(u, (SDL_Rect){l.side_x - l.m / 2, y, l.side_w + l.m / 2, l.setting}, l.m, true, alpha);
        char v[96], arrows[128];
        value_of(a, p, (Row)r, v, sizeof v);
        snprintf(arrows, sizeof arrows, "\xE2\x97\x80 %s \xE2\x96\xB6", v);
        int vy = y + l.setting - l.row + (l.row - lh) / 2;
        if (l.stacked)
            textcache_draw(tc, u->ren, TEXT_SMALL, label_of((Row)r), t->dim, alpha, l.side_x, y, TEXT_LEFT);
        else
            textcache_draw(tc, u->ren, TEXT_BODY, label_of((Row)r), t->dim, alpha, l.side_x, vy, TEXT_LEFT);
        textcache_draw(tc, u->ren, TEXT_BODY, arrows, focus ? t->accent : t->text, alpha,
                       l.side_x + l.side_w - gap / 2, vy, TEXT_RIGHT);
        y += l.setting;
    }

    /* the keys, on as many lines as the width asks */
    const char *parts[6];
    ui_footer(u, parts, hint_parts(p, parts), l.m, UI_HINT_LINES, alpha);
    textcache_set_size(tc, TEXT_BODY, 0);
    textcache_set_size(tc, TEXT_SMALL, 0);
    textcache_set_size(tc, TEXT_TITLE, 0);
}

const Screen *chooser_screen(void)
{
    static const Screen s = {
        .name = "breathe",
        .opaque = true,
        .enter = chooser_enter,
        .leave = chooser_leave,
        .action = chooser_action,
        .draw = chooser_draw,
    };
    return &s;
}
