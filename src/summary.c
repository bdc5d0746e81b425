/* summary.c — the end screen: what was practised, the totals from the
 * history, then back to the picker on any control. */
#include <stdio.h>
#include <stdlib.h>

#include "screens.h"

static void *summary_enter(App *a, void *arg, int64_t now)
{
    (void)a;
    (void)now;
    SummaryInfo *s = malloc(sizeof *s);
    if (s)
        *s = *(const SummaryInfo *)arg;
    return s;
}

static void summary_leave(App *a, void *state)
{
    (void)a;
    free(state);
}

static void summary_action(App *a, void *state, InputAction act, int64_t now)
{
    (void)state;
    if (act == INPUT_HELP)
        app_push(a, help_screen(), NULL, now);
    else if (act != INPUT_FULLSCREEN && act != INPUT_NONE && act != INPUT_OTHER)
        app_pop(a, now);
}

/* "9 minutes", "1 minute", "45 seconds". */
static void duration_words(int64_t ms, char *out, size_t size)
{
    int64_t s = (ms + 500) / 1000;
    if (s < 60)
        snprintf(out, size, "%lld second%s", (long long)s, s == 1 ? "" : "s");
    else
        snprintf(out, size, "%lld minute%s", (long long)((s + 30) / 60), (s + 30) / 60 == 1 ? "" : "s");
}

/* Draws TEXT at F in up to MAX lines no wider than WIDTH (an ellipsis
 * where it is cut) from Y; returns the Y under it. */
static int lines_at(Ui *u, TextFont f, const char *text, SDL_Color color, float alpha, int x, int y, int width, int max)
{
    char cut[TEXTCACHE_MAX_LINES][160];
    int n = textcache_wrap_cut(u->text, f, text, width, cut, max);
    int lh = textcache_line_height(u->text, f);
    for (int i = 0; i < n; i++, y += lh)
        textcache_draw(u->text, u->ren, f, cut[i], color, alpha, x, y, TEXT_LEFT);
    return y;
}

static void summary_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    const SummaryInfo *s = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    TextCache *tc = u->text;
    int m = ui_short_side(u) * 6 / 100, x = u->w / 10 > m ? u->w / 10 : m;
    int width = u->w - x - m;
    int y = m;
    y = lines_at(u, TEXT_TITLE, s->s.finished ? "Well done" : "Practice ended", t->text, alpha, x, y, width, 1);
    y = lines_at(u, TEXT_SMALL, s->title, t->dim, alpha, x, y, width, 2);
    y += textcache_line_height(tc, TEXT_SMALL) / 2;

    char lines[4][96], d[48];
    int n = 0;
    duration_words(s->s.practice_ms, d, sizeof d);
    snprintf(lines[n++], sizeof lines[0], "%s practised", d);
    snprintf(lines[n++], sizeof lines[0], "%d pose%s", s->s.poses, s->s.poses == 1 ? "" : "s");
    if (s->s.one_sided > 0) {
        if (s->s.both_sides == s->s.one_sided)
            snprintf(lines[n++], sizeof lines[0], "Both sides done");
        else
            snprintf(lines[n++], sizeof lines[0], "Both sides done in %d of %d", s->s.both_sides, s->s.one_sided);
    }
    snprintf(lines[n++], sizeof lines[0], "%lld breath%s", (long long)s->s.breaths, s->s.breaths == 1 ? "" : "s");
    for (int i = 0; i < n; i++)
        y = lines_at(u, TEXT_BODY, lines[i], t->text, alpha, x, y, width, 1);
    y += textcache_line_height(tc, TEXT_BODY) / 2;
    char total[128];
    if (s->total_minutes >= 0 && s->streak_days >= 0)
        snprintf(total, sizeof total, "All together: %d minute%s \xC2\xB7 %d-day streak", s->total_minutes,
                 s->total_minutes == 1 ? "" : "s", s->streak_days);
    else
        snprintf(total, sizeof total, "This session could not be added to your history");
    y = lines_at(u, TEXT_BODY, total, s->recorded ? t->accent : t->dim, alpha, x, y, width, 2);
    /* why this session may not show in the figures above */
    char note[160] = "";
    if (s->speed != 0.0 && s->speed != 1.0)
        snprintf(note, sizeof note, "A trial at %g\xC3\x97 speed: not in the totals or streak", s->speed);
    else if (s->s.practice_ms < 60000)
        snprintf(note, sizeof note, "Under a minute: not counted toward the streak");
    /* the notes take what room there is above "Press Space" */
    int small = textcache_line_height(tc, TEXT_SMALL);
    int bottom = u->h - m - small - small / 4;
    int room = small > 0 && bottom > y ? (bottom - y) / small : 0;
    if (note[0] && room > 0) {
        int top = y;
        y = lines_at(u, TEXT_SMALL, note, t->dim, alpha, x, y, width, room < 2 ? room : 2);
        room -= (y - top) / small;
    }
    if (s->archived > 0 && room > 0) {
        snprintf(note, sizeof note, "%d older session%s archived in %s", s->archived, s->archived == 1 ? "" : "s",
                 s->archive);
        lines_at(u, TEXT_SMALL, note, t->dim, alpha, x, y, width, room < 2 ? room : 2);
    }
    const char *const keys[] = {"Press Space to continue"};
    UiHint hint;
    int hint_h = ui_hint(u, keys, 1, u->w - 2 * m, 1, &hint);
    ui_hint_draw(u, &hint, u->h - m - hint_h, alpha);
}

const Screen *summary_screen(void)
{
    static const Screen s = {
        .name = "summary",
        .opaque = true,
        .enter = summary_enter,
        .leave = summary_leave,
        .action = summary_action,
        .draw = summary_draw,
    };
    return &s;
}
