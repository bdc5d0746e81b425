/* picker.c — the start screen: the routines with their length, the
 * chosen one's summary and safety line. Up and Down choose, Left and Right
 * change the chosen one's length, Enter or Space starts, Esc leaves the
 * program (in a kiosk, opens the leave screen). */
#include <stdio.h>
#include <stdlib.h>

#include "screens.h"

typedef struct Picker {
    int chosen;  /* index into the app's routines */
} Picker;

static void *picker_enter(App *a, void *arg, int64_t now)
{
    (void)arg;
    (void)now;
    Picker *p = calloc(1, sizeof *p);
    if (p)
        p->chosen = app_routine_default(a);
    return p;
}

static void picker_leave(App *a, void *state)
{
    (void)a;
    free(state);
}

static void picker_action(App *a, void *state, InputAction act, int64_t now)
{
    Picker *p = state;
    int n = app_routine_count(a);
    switch (act) {
    case INPUT_UP:
        if (n > 0)
            p->chosen = (p->chosen + n - 1) % n;
        break;
    case INPUT_DOWN:
        if (n > 0)
            p->chosen = (p->chosen + 1) % n;
        break;
    case INPUT_PREVIOUS:
    case INPUT_NEXT:
        app_routine_step_length(a, p->chosen, act == INPUT_NEXT ? 1 : -1);
        break;
    case INPUT_PAUSE:
    case INPUT_SELECT:
        if (n > 0)
            app_push(a, practice_screen(), (void *)app_routine(a, p->chosen, NULL, NULL), now);
        break;
    case INPUT_HELP: app_push(a, help_screen(), NULL, now); break;
    case INPUT_BACK:
        if (app_kiosk(a))
            app_push(a, leave_screen(), NULL, now); /* a kiosk is not left with a login prompt */
        else
            app_quit_because(a, "Esc on the picker");
        break;
    default: break;
    }
}

static void picker_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    Picker *p = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    TextCache *tc = u->text;
    int m = u->h * 5 / 100;
    int y = m / 2;
    textcache_draw(tc, u->ren, TEXT_TITLE, "Psoas Coach", t->text, alpha, m, y, TEXT_LEFT);
    int minutes, streak;
    char line[160];
    if (app_history_totals(a, &minutes, &streak)) {
        snprintf(line, sizeof line, "%d min practised \xC2\xB7 %d-day streak", minutes, streak);
        textcache_draw(tc, u->ren, TEXT_SMALL, line, t->dim, alpha, u->w - m, y + m / 3, TEXT_RIGHT);
    }
    y += textcache_line_height(tc, TEXT_TITLE) + m / 3;

    /* The list: as many rows as fit above the details, scrolled to keep
     * the chosen one in view. */
    int n = app_routine_count(a);
    int lh = textcache_line_height(tc, TEXT_BODY), sh = textcache_line_height(tc, TEXT_SMALL);
    int row = lh * 11 / 10;
    /* the chosen routine's summary and safety line, up to two lines each */
    const Routine *chosen = n > 0 ? app_routine(a, p->chosen, NULL, NULL) : NULL;
    char sum[2][160], safe[2][160];
    int ks = chosen ? textcache_wrap(tc, TEXT_SMALL, chosen->summary, u->w - 2 * m, sum, 2) : 0;
    int kf = chosen ? textcache_wrap(tc, TEXT_SMALL, chosen->safety, u->w - 2 * m, safe, 2) : 0;
    ks = ks > 2 ? 2 : ks;
    kf = kf > 2 ? 2 : kf;
    int details = u->h - m - sh * (ks + kf + 1) - sh / 2;
    int fit = (details - y) / row;
    if (fit < 1)
        fit = 1;
    int first = p->chosen - fit / 2;
    if (first > n - fit)
        first = n - fit;
    if (first < 0)
        first = 0;
    int y0 = y;
    for (int i = first; i < n && i < first + fit; i++) {
        const char *id;
        int64_t len;
        const Routine *r = app_routine(a, i, &id, &len);
        bool on = i == p->chosen;
        if (on)
            ui_fill(u, t->panel, alpha, (SDL_Rect){m / 2, y, u->w - m, row});
        if (on)
            ui_fill(u, t->fill, alpha, (SDL_Rect){m / 2, y, m / 6 + 1, row});
        int s = (int)((len + 500) / 1000);
        /* the highlighted routine's length can change: say so with arrows */
        if (on)
            snprintf(line, sizeof line, "\xE2\x97\x82 %d:%02d \xE2\x96\xB8", s / 60, s % 60);
        else
            snprintf(line, sizeof line, "%d:%02d", s / 60, s % 60);
        int lw = textcache_draw(tc, u->ren, TEXT_BODY, line, on ? t->text : t->dim, alpha, u->w - m, y + (row - lh) / 2,
                                TEXT_RIGHT);
        /* a title too long for the row is cut, never drawn over the time */
        char title[200];
        char cut[1][160];
        int room = u->w - 2 * m - lw - lh;
        snprintf(title, sizeof title, "%s", r->title);
        if (textcache_width(tc, TEXT_BODY, title) > room && textcache_wrap(tc, TEXT_BODY, title, room, cut, 1) > 0)
            snprintf(title, sizeof title, "%.150s\xE2\x80\xA6", cut[0]);
        textcache_draw(tc, u->ren, TEXT_BODY, title, on ? t->accent : t->text, alpha, m, y + (row - lh) / 2,
                       TEXT_LEFT);
        y += row;
    }

    /* The chosen routine: its summary and its safety line; marks when
     * the list goes on beyond the screen. */
    if (first > 0)
        textcache_draw(tc, u->ren, TEXT_SMALL, "\xE2\x96\xB2", t->dim, alpha, u->w / 2, y0 - sh, TEXT_CENTER);
    if (first + fit < n)
        textcache_draw(tc, u->ren, TEXT_SMALL, "\xE2\x96\xBC", t->dim, alpha, u->w / 2, y, TEXT_CENTER);
    if (chosen) {
        int dy = details + sh / 2;
        for (int i = 0; i < ks; i++, dy += sh)
            textcache_draw(tc, u->ren, TEXT_SMALL, sum[i], t->text, alpha, m, dy, TEXT_LEFT);
        for (int i = 0; i < kf; i++, dy += sh)
            textcache_draw(tc, u->ren, TEXT_SMALL, safe[i], t->accent, alpha, m, dy, TEXT_LEFT);
    } else {
        textcache_draw(tc, u->ren, TEXT_BODY, "No routines found", t->text, alpha, m, y, TEXT_LEFT);
    }
    textcache_draw(tc, u->ren, TEXT_SMALL,
                   app_kiosk(a) ? "\xE2\x86\x91\xE2\x86\x93 choose \xC2\xB7 \xE2\x86\x90\xE2\x86\x92 length \xC2\xB7 Enter start \xC2\xB7 H help \xC2\xB7 Esc turn off"
                                : "\xE2\x86\x91\xE2\x86\x93 choose \xC2\xB7 \xE2\x86\x90\xE2\x86\x92 length \xC2\xB7 Enter start \xC2\xB7 H help \xC2\xB7 Esc quit",
                   t->dim, alpha, u->w / 2, u->h - m / 2 - sh, TEXT_CENTER);
}

const Screen *picker_screen(void)
{
    static const Screen s = {
        .name = "picker",
        .opaque = true,
        .enter = picker_enter,
        .leave = picker_leave,
        .action = picker_action,
        .draw = picker_draw,
    };
    return &s;
}
