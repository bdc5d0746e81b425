/* pace.c — the end of "find your pace": which of the paces felt easiest?
 * The rates are listed (from the practice's steps), the middle one offered
 * first; Up and Down choose, Enter (pad A, a tap) makes it the coherent
 * pattern (kept in settings.json, offered by the breath chooser), Esc (pad
 * B) keeps the coherent pattern as it was. Over the end screen, which
 * shows when it closes. */
#include <stdio.h>
#include <stdlib.h>

#include "log.h"
#include "screens.h"

typedef struct Pace {
    const Routine *routine; /* the practice just done (the app keeps it) */
    int chosen;             /* its step, 0..BREATHE_PACE_STEPS-1 */
} Pace;

static void *pace_enter(App *a, void *arg, int64_t now)
{
    (void)a;
    (void)now;
    const Routine *r = arg;
    if (!r || r->step_count != BREATHE_PACE_STEPS)
        return NULL;
    Pace *p = calloc(1, sizeof *p);
    if (p) {
        p->routine = r;
        p->chosen = BREATHE_PACE_STEPS / 2;
    }
    return p;
}

static void pace_leave(App *a, void *state)
{
    (void)a;
    free(state);
}

static void pace_action(App *a, void *state, InputAction act, int64_t now)
{
    Pace *p = state;
    switch (act) {
    case INPUT_UP:
    case INPUT_PREVIOUS:
        if (p->chosen > 0)
            p->chosen--;
        break;
    case INPUT_DOWN:
    case INPUT_NEXT:
        if (p->chosen < BREATHE_PACE_STEPS - 1)
            p->chosen++;
        break;
    case INPUT_PAUSE:
    case INPUT_SELECT: {
        AppSettings *cfg = app_settings(a);
        cfg->breathe_coherent_x10 = breathe_pace_rate_x10(p->chosen);
        if (cfg->breathe.preset == BREATHE_COHERENT)
            cfg->breathe.pattern = breathe_pace_pattern(p->chosen);
        cfg->breathe_chosen = true;
        app_save_settings(a);
        log_msg(LOG_INFO, "breathe", "your pace: %s", p->routine->steps[p->chosen].name);
        app_pop(a, now);
        break;
    }
    case INPUT_BACK: app_pop(a, now); break;
    default: break;
    }
}

static void pace_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    Pace *p = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    TextCache *tc = u->text;
    int m = (u->w < u->h ? u->w : u->h) * 5 / 100;
    ui_fill(u, t->bg, alpha, (SDL_Rect){0, 0, u->w, u->h});
    /* the usual sizes, smaller if the longest line is too wide */
    int px = u->h * 70 / 1000;
    const char *head = "Which pace felt easiest?";
    for (;; px = px * 9 / 10) {
        textcache_set_size(tc, TEXT_BODY, px);
        textcache_set_size(tc, TEXT_TITLE, px * 80 / 70);
        textcache_set_size(tc, TEXT_SMALL, px * 48 / 70);
        int rows = BREATHE_PACE_STEPS * textcache_line_height(tc, TEXT_BODY) * 11 / 10;
        int need = m + textcache_line_height(tc, TEXT_TITLE) * 2 + rows + textcache_line_height(tc, TEXT_SMALL) * 3;
        bool wide = textcache_width(tc, TEXT_TITLE, head) > u->w - 2 * m ||
                    textcache_width(tc, TEXT_BODY, "4.5 breaths a minute   6.7 s in, 6.7 s out") > u->w - 2 * m;
        if (px <= 10 || (!wide && need <= u->h))
            break;
    }
    int lh = textcache_line_height(tc, TEXT_BODY), sh = textcache_line_height(tc, TEXT_SMALL);
    int row = lh * 11 / 10;
    int y = m / 2;
    textcache_draw(tc, u->ren, TEXT_TITLE, head, t->text, alpha, m, y, TEXT_LEFT);
    y += textcache_line_height(tc, TEXT_TITLE);
    textcache_draw(tc, u->ren, TEXT_SMALL, "It becomes your coherent breathing.", t->dim, alpha, m, y, TEXT_LEFT);
    y += sh * 2;
    for (int i = 0; i < BREATHE_PACE_STEPS; i++, y += row) {
        bool on = i == p->chosen;
        if (on)
            ui_chosen_row(u, (SDL_Rect){m / 2, y, u->w - m, row}, m, true, alpha);
        textcache_draw(tc, u->ren, TEXT_BODY, p->routine->steps[i].name, on ? t->accent : t->text, alpha, m,
                       y + (row - lh) / 2, TEXT_LEFT);
        BreathPattern b = breathe_pace_pattern(i);
        char nums[48];
        snprintf(nums, sizeof nums, "%.1f s in, %.1f s out", b.ms[BREATH_INHALE] / 1000.0, b.ms[BREATH_EXHALE] / 1000.0);
        textcache_draw_glyphs(tc, u->ren, TEXT_SMALL, nums, t->dim, alpha, u->w - m, y + (row - sh) / 2, TEXT_RIGHT);
    }
    const char *const keys[] = {"Up / Down choose", "Enter keep it", "Esc skip"};
    ui_footer(u, keys, 3, m, 2, alpha);
    textcache_set_size(tc, TEXT_BODY, 0);
    textcache_set_size(tc, TEXT_TITLE, 0);
    textcache_set_size(tc, TEXT_SMALL, 0);
}

const Screen *pace_screen(void)
{
    static const Screen s = {
        .name = "pace",
        .opaque = true,
        .enter = pace_enter,
        .leave = pace_leave,
        .action = pace_action,
        .draw = pace_draw,
    };
    return &s;
}
