/* help.c — the help overlay: every control, from input.c's table, over a
 * dimmed screen. Any control closes it; over a session, closing resumes
 * the practice if opening it paused it. */
#include <stdlib.h>

#include "screens.h"

typedef struct Help {
    void *practice; /* the session screen beneath, or NULL */
} Help;

static void *help_enter(App *a, void *arg, int64_t now)
{
    (void)a;
    (void)now;
    Help *h = calloc(1, sizeof *h);
    if (h)
        h->practice = arg;
    return h;
}

static void help_leave(App *a, void *state)
{
    (void)a;
    free(state);
}

static void help_action(App *a, void *state, InputAction act, int64_t now)
{
    Help *h = state;
    if (act == INPUT_FULLSCREEN)
        return; /* the app toggles it; the help stays */
    if (h->practice)
        practice_help_closed(a, h->practice, now);
    app_pop(a, now);
}

static void help_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)state;
    (void)now;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    SDL_Color shade = t->panel;
    shade.a = (Uint8)(t->shade + (255 - t->shade) / 2);
    ui_fill(u, shade, alpha, (SDL_Rect){0, 0, u->w, u->h});
    TextCache *tc = u->text;
    int m = u->h * 5 / 100, lh = textcache_line_height(tc, TEXT_SMALL);
    /* columns as wide as their widest entry */
    int wk = 0, wp = 0, ww = 0, rows = 0;
    const char *keys, *pad, *what;
    for (int i = 0; input_help_row(i, &keys, &pad, &what); i++, rows++) {
        int k = textcache_width(tc, TEXT_SMALL, keys), p = textcache_width(tc, TEXT_SMALL, pad),
            w = textcache_width(tc, TEXT_SMALL, what);
        wk = k > wk ? k : wk;
        wp = p > wp ? p : wp;
        ww = w > ww ? w : ww;
    }
    int gap = lh;
    bool three = ww + wk + wp + 2 * gap <= u->w - 2 * m; /* else the pad goes under the key */
    int total = three ? ww + wk + wp + 2 * gap : ww + (wk > wp ? wk : wp) + gap;
    int x = (u->w - total) / 2;
    if (x < m)
        x = m;
    int row_h = three ? lh : lh * 2;
    int title_h = textcache_line_height(tc, TEXT_BODY);
    int y = (u->h - rows * row_h - title_h - lh) / 2;
    if (y < m / 2)
        y = m / 2;
    textcache_draw(tc, u->ren, TEXT_BODY, "Controls", t->text, alpha, x, y, TEXT_LEFT);
    y += title_h + lh / 3;
    for (int i = 0; input_help_row(i, &keys, &pad, &what); i++) {
        textcache_draw(tc, u->ren, TEXT_SMALL, what, t->text, alpha, x, y, TEXT_LEFT);
        textcache_draw(tc, u->ren, TEXT_SMALL, keys, t->accent, alpha, x + ww + gap, y, TEXT_LEFT);
        if (three)
            textcache_draw(tc, u->ren, TEXT_SMALL, pad, t->dim, alpha, x + ww + wk + 2 * gap, y, TEXT_LEFT);
        else
            textcache_draw(tc, u->ren, TEXT_SMALL, pad, t->dim, alpha, x + ww + gap, y + lh, TEXT_LEFT);
        y += row_h;
    }
    textcache_draw(tc, u->ren, TEXT_SMALL, "Press any key to close", t->dim, alpha, u->w / 2, y + lh / 2,
                   TEXT_CENTER);
}

const Screen *help_screen(void)
{
    static const Screen s = {
        .name = "help",
        .opaque = false,
        .enter = help_enter,
        .leave = help_leave,
        .action = help_action,
        .draw = help_draw,
    };
    return &s;
}
