/* picker.c — the start screen: "Breathe" (the breath chooser) first,
 * "Make me a practice" (the maker) next, then the routines with their
 * length, the chosen one's summary and safety line. Up and Down choose, Left and Right change the chosen routine's
 * length, Enter or Space starts, Esc leaves the program (in a kiosk, opens
 * the leave screen). */
#include <stdio.h>
#include <stdlib.h>

#include "screens.h"

/* The entries above the routines, each opening a screen of choices. */
enum { ENTRY_BREATHE, ENTRY_MAKE, ENTRIES };
static const struct {
    const char *title;   /* the row */
    const char *lengths; /* its lengths, beside it */
    const char *summary; /* under the list while it is chosen */
    const char *safety;  /* ... and its safety line, or NULL */
} entries[ENTRIES] = {
    [ENTRY_BREATHE] = {"Breathe", "1\xE2\x80\x93" "60 min",
                       "Breathing on its own: choose a pattern, a length and a posture, and follow the ring and the "
                       "sound.",
                       NULL},
    [ENTRY_MAKE] = {"Make me a practice", "5\xE2\x80\x93" "60 min",
                    "A practice put together for you from the pose library: choose the minutes, what to work on and "
                    "what to leave out. A new one each day.",
                    COMPOSE_SAFETY},
};

typedef struct Picker {
    int chosen;  /* an entry (ENTRY_*); else ENTRIES + an index into the app's routines */
} Picker;

static void *picker_enter(App *a, void *arg, int64_t now)
{
    (void)arg;
    (void)now;
    Picker *p = calloc(1, sizeof *p);
    if (p)
        p->chosen = ENTRIES + app_routine_default(a);
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
    int n = ENTRIES + app_routine_count(a);
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
        if (p->chosen >= ENTRIES) /* the entries have their lengths in their screens */
            app_routine_step_length(a, p->chosen - ENTRIES, act == INPUT_NEXT ? 1 : -1);
        break;
    case INPUT_PAUSE:
    case INPUT_SELECT:
        if (p->chosen == ENTRY_BREATHE)
            app_push(a, chooser_screen(), NULL, now);
        else if (p->chosen == ENTRY_MAKE)
            app_push(a, maker_screen(), NULL, now);
        else
            app_push(a, practice_screen(), (void *)app_routine(a, p->chosen - ENTRIES, NULL, NULL), now);
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

/* Lines of the chosen routine's summary and of its safety line: two each
 * on a wide screen, more where the screen is tall. */
static int detail_lines(const Ui *u)
{
    return u->h > u->w ? 4 : 2;
}

static void picker_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    Picker *p = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    TextCache *tc = u->text;
    int m = ui_short_side(u) * 5 / 100, width = u->w - 2 * m;
    int lh = textcache_line_height(tc, TEXT_BODY), sh = textcache_line_height(tc, TEXT_SMALL);
    char line[160], cut[TEXTCACHE_MAX_LINES][160];

    /* The header: the name, and the totals beside it, or under it when
     * they do not fit beside. */
    int y = m / 2;
    int tw = textcache_draw(tc, u->ren, TEXT_TITLE, "Psoas Coach", t->text, alpha, m, y, TEXT_LEFT);
    y += textcache_line_height(tc, TEXT_TITLE);
    int minutes, streak;
    if (app_history_totals(a, &minutes, &streak)) {
        snprintf(line, sizeof line, "%d min practised \xC2\xB7 %d-day streak", minutes, streak);
        int th = textcache_line_height(tc, TEXT_TITLE);
        if (tw + sh + textcache_width(tc, TEXT_SMALL, line) <= width) {
            textcache_draw(tc, u->ren, TEXT_SMALL, line, t->dim, alpha, u->w - m, m / 2 + (th - sh) / 2, TEXT_RIGHT);
        } else if (textcache_wrap_cut(tc, TEXT_SMALL, line, width, cut, 1) == 1) {
            textcache_draw(tc, u->ren, TEXT_SMALL, cut[0], t->dim, alpha, m, y, TEXT_LEFT);
            y += sh;
        }
    }
    y += m / 3;

    /* The footer: the keys, on as many lines as the width asks. */
    const char *const keys[] = {"\xE2\x86\x91\xE2\x86\x93 choose", "\xE2\x86\x90\xE2\x86\x92 length", "Enter start",
                                "H help", app_kiosk(a) ? "Esc turn off" : "Esc quit"};
    int footer = ui_footer(u, keys, (int)(sizeof keys / sizeof keys[0]), m, 3, alpha);

    /* The chosen routine: its summary and its safety line above the
     * footer, cut with an ellipsis when they run longer. */
    int n = ENTRIES + app_routine_count(a); /* Breathe, Make me a practice, then the routines */
    const Routine *chosen = p->chosen >= ENTRIES ? app_routine(a, p->chosen - ENTRIES, NULL, NULL) : NULL;
    char sum[TEXTCACHE_MAX_LINES][160], safe[TEXTCACHE_MAX_LINES][160];
    const char *summary = chosen ? chosen->summary : entries[p->chosen].summary;
    const char *safety = chosen ? chosen->safety : entries[p->chosen].safety;
    int ks = textcache_wrap_cut(tc, TEXT_SMALL, summary, width, sum, detail_lines(u));
    int kf = safety ? textcache_wrap_cut(tc, TEXT_SMALL, safety, width, safe, detail_lines(u)) : 0;
    int gap = sh / 3;
    int details = footer - sh / 2 - (ks + kf) * sh - (ks && kf ? gap : 0);
    int dy = details;
    for (int i = 0; i < ks; i++, dy += sh)
        textcache_draw(tc, u->ren, TEXT_SMALL, sum[i], t->text, alpha, m, dy, TEXT_LEFT);
    dy += ks && kf ? gap : 0;
    for (int i = 0; i < kf; i++, dy += sh)
        textcache_draw(tc, u->ren, TEXT_SMALL, safe[i], t->accent, alpha, m, dy, TEXT_LEFT);

    /* The list: as many rows as fit between the header and the details,
     * scrolled to keep the chosen one in view, with a mark above and
     * below when it goes on beyond them. */
    if (n == ENTRIES) /* the entries alone */
        textcache_draw(tc, u->ren, TEXT_SMALL, "No routines found", t->dim, alpha, m, details - sh, TEXT_LEFT);
    int row = lh * 11 / 10, top = y, bottom = details - sh / 2;
    int fit = (bottom - top) / row;
    if (fit < n) {
        top += sh;
        bottom -= sh;
        fit = (bottom - top) / row;
    }
    if (fit < 1)
        fit = 1;
    int first = p->chosen - fit / 2;
    if (first > n - fit)
        first = n - fit;
    if (first < 0)
        first = 0;
    if (first > 0)
        textcache_draw(tc, u->ren, TEXT_SMALL, "\xE2\x96\xB2", t->dim, alpha, u->w / 2, top - sh, TEXT_CENTER);
    y = top;
    for (int i = first; i < n && i < first + fit; i++) {
        int64_t len = 0;
        const Routine *r = i >= ENTRIES ? app_routine(a, i - ENTRIES, NULL, &len) : NULL;
        bool on = i == p->chosen;
        if (on)
            ui_chosen_row(u, (SDL_Rect){m / 2, y, u->w - m, row}, m, true, alpha);
        int s = (int)((len + 500) / 1000);
        /* the highlighted routine's length can change: say so with arrows */
        if (!r)
            snprintf(line, sizeof line, "%s", entries[i].lengths);
        else if (on)
            snprintf(line, sizeof line, "\xE2\x97\x82 %d:%02d \xE2\x96\xB8", s / 60, s % 60);
        else
            snprintf(line, sizeof line, "%d:%02d", s / 60, s % 60);
        int lw = textcache_draw(tc, u->ren, TEXT_BODY, line, on ? t->text : t->dim, alpha, u->w - m, y + (row - lh) / 2,
                                TEXT_RIGHT);
        /* a title too long for the row is cut, never drawn over the time */
        if (textcache_wrap_cut(tc, TEXT_BODY, r ? r->title : entries[i].title, width - lw - lh / 2, cut, 1) == 1)
            textcache_draw(tc, u->ren, TEXT_BODY, cut[0], on ? t->accent : t->text, alpha, m, y + (row - lh) / 2,
                           TEXT_LEFT);
        y += row;
    }
    if (first + fit < n)
        textcache_draw(tc, u->ren, TEXT_SMALL, "\xE2\x96\xBC", t->dim, alpha, u->w / 2, y, TEXT_CENTER);
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
