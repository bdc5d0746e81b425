/* help.c — the help overlay: every control, from input.c's table, over a
 * dimmed screen. Any control closes it; over a session, closing resumes
 * the practice if opening it paused it.
 *
 * The table is laid out for the screen it is on: three columns (what,
 * keys, gamepad) where they fit side by side; else the keys and the
 * gamepad under each other beside what they do; else all three under
 * each other. Each arrangement is tried at the small text size and then
 * a little smaller (never below HELP_MIN_PERMILLE of it); when none fits
 * on one screen, the rows go on pages that Right and Left turn. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "screens.h"

enum {
    HELP_MIN_PERMILLE = 800, /* the smallest text tried, of TEXT_SMALL: still read from the mat */
    HELP_MAX_ROWS = 32       /* rows of input.c's table laid out at most */
};

typedef struct Help {
    void *practice; /* the session screen beneath, or NULL */
    int page;       /* the page shown, from 0 */
    int pages;      /* pages in the last frame drawn */
} Help;

/* How the rows go on the screen. */
typedef enum HelpShape {
    HELP_COLUMNS, /* what | keys | gamepad, one line a row */
    HELP_BESIDE,  /* what | keys over gamepad */
    HELP_STACKED, /* what, then keys, then gamepad, indented */
    HELP_SHAPES
} HelpShape;

typedef struct HelpLayout {
    HelpShape shape;
    int px;                   /* text size */
    int lh;                   /* its line spacing */
    int wk, wp, ww;           /* widest keys, gamepad, what */
    int gap;                  /* between columns; the indent when stacked */
    int width;                /* of the whole table */
    int rows;                 /* in the table */
    int first[HELP_MAX_ROWS + 1]; /* the first row of each page, and the end */
    int pages;
} HelpLayout;

/* Lines row I takes in SHAPE. */
static int row_lines(HelpShape shape, const char *pad)
{
    bool has_pad = pad && *pad;
    return shape == HELP_COLUMNS ? 1 : shape == HELP_BESIDE ? (has_pad ? 2 : 1) : (has_pad ? 3 : 2);
}

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
    if (act == INPUT_NEXT && h->page + 1 < h->pages) {
        h->page++;
        return;
    }
    if (act == INPUT_PREVIOUS && h->page > 0) {
        h->page--;
        return;
    }
    if (h->practice)
        practice_help_closed(a, h->practice, now);
    app_pop(a, now);
}

/* Tries SHAPE at the size set now in an AVAIL_W x AVAIL_H area: fills L
 * and returns how many pages it takes (0: too wide). */
static int try_shape(TextCache *tc, HelpShape shape, int avail_w, int avail_h, HelpLayout *l)
{
    const char *keys, *pad, *what;
    l->shape = shape;
    l->lh = textcache_line_height(tc, TEXT_SMALL);
    l->gap = l->lh;
    l->wk = l->wp = l->ww = l->rows = 0;
    for (int i = 0; i < HELP_MAX_ROWS && input_help_row(i, &keys, &pad, &what); i++, l->rows++) {
        int k = textcache_width(tc, TEXT_SMALL, keys), p = textcache_width(tc, TEXT_SMALL, pad),
            w = textcache_width(tc, TEXT_SMALL, what);
        l->wk = k > l->wk ? k : l->wk;
        l->wp = p > l->wp ? p : l->wp;
        l->ww = w > l->ww ? w : l->ww;
    }
    int kp = l->wk > l->wp ? l->wk : l->wp;
    l->width = shape == HELP_COLUMNS ? l->ww + l->wk + l->wp + 2 * l->gap
               : shape == HELP_BESIDE ? l->ww + kp + l->gap
                                      : (l->ww > kp + l->gap ? l->ww : kp + l->gap);
    if (l->width > avail_w || l->lh <= 0)
        return 0;
    /* pages: as many whole rows as fit each */
    l->pages = 0;
    int used = 0;
    for (int i = 0; i < l->rows; i++) {
        input_help_row(i, &keys, &pad, &what);
        int hgt = row_lines(shape, pad) * l->lh + (shape == HELP_COLUMNS ? 0 : l->lh / 4);
        if (i == 0 || used + hgt > avail_h) {
            if (l->pages >= HELP_MAX_ROWS)
                return 0;
            l->first[l->pages++] = i;
            used = 0;
        }
        used += hgt;
    }
    l->first[l->pages] = l->rows;
    return l->pages;
}

/* The layout for the screen: the first shape and size that fits on one
 * page, else the one with fewest pages at the small size. */
static void plan(Ui *u, int avail_w, int avail_h, HelpLayout *out)
{
    TextCache *tc = u->text;
    int base = textcache_line_height(tc, TEXT_SMALL) > 0 ? ui_short_side(u) * 48 / 1000 : 0;
    HelpLayout best = {0}, l;
    int best_pages = 0;
    for (int step = 0; step <= 4; step++) {
        int px = base * (1000 - step * (1000 - HELP_MIN_PERMILLE) / 4) / 1000;
        textcache_set_size(tc, TEXT_SMALL, px);
        for (int s = 0; s < HELP_SHAPES; s++) {
            int pages = try_shape(tc, (HelpShape)s, avail_w, avail_h, &l);
            l.px = px;
            if (pages == 1) {
                *out = l;
                return;
            }
            if (pages > 0 && step == 0 && (best_pages == 0 || pages < best_pages)) {
                best = l;
                best_pages = pages;
            }
        }
    }
    if (best_pages == 0) { /* nothing fits even stacked: stacked, cut at the edge */
        textcache_set_size(tc, TEXT_SMALL, base);
        try_shape(tc, HELP_STACKED, INT32_MAX, avail_h, &best);
        best.px = base;
    }
    textcache_set_size(tc, TEXT_SMALL, best.px);
    *out = best;
}

static void help_draw(App *a, void *state, float alpha, int64_t now)
{
    (void)now;
    Help *h = state;
    Ui *u = app_ui(a);
    const Theme *t = u->theme;
    SDL_Color shade = t->panel;
    shade.a = (Uint8)(t->shade + (255 - t->shade) / 2);
    ui_fill(u, shade, alpha, (SDL_Rect){0, 0, u->w, u->h});
    TextCache *tc = u->text;
    int m = ui_short_side(u) * 5 / 100;
    int title_h = textcache_line_height(tc, TEXT_BODY);
    /* the footer is one line of small text, two on a narrow screen */
    int foot_h = 2 * textcache_line_height(tc, TEXT_SMALL);
    HelpLayout l;
    plan(u, u->w - 2 * m, u->h - m - title_h - foot_h - foot_h / 2, &l);
    if (l.pages < 1) { /* no rows at all: the title and the footer */
        l.pages = 1;
        l.first[0] = l.first[1] = 0;
    }
    h->pages = l.pages;
    if (h->page >= l.pages)
        h->page = l.pages - 1;
    if (h->page < 0)
        h->page = 0;
    const char *keys, *pad, *what;
    int body = 0;
    for (int i = l.first[h->page]; i < l.first[h->page + 1]; i++) {
        input_help_row(i, &keys, &pad, &what);
        body += row_lines(l.shape, pad) * l.lh + (l.shape == HELP_COLUMNS ? 0 : l.lh / 4);
    }
    char page[48];
    UiHint foot;
    if (l.pages > 1) {
        snprintf(page, sizeof page, "Page %d of %d", h->page + 1, l.pages);
        const char *parts[] = {page, h->page + 1 < l.pages ? "Right: more" : "Left: back", "any other key closes"};
        ui_hint(u, parts, 3, u->w - 2 * m, 2, &foot);
    } else {
        const char *parts[] = {"Press any key to close"};
        ui_hint(u, parts, 1, u->w - 2 * m, 1, &foot);
    }
    int x = (u->w - l.width) / 2;
    if (x < m)
        x = m;
    int y = (u->h - (title_h + l.lh / 3 + body + l.lh / 2 + foot.height)) / 2;
    if (y < m / 2)
        y = m / 2;
    textcache_draw(tc, u->ren, TEXT_BODY, "Controls", t->text, alpha, x, y, TEXT_LEFT);
    y += title_h + l.lh / 3;
    for (int i = l.first[h->page]; i < l.first[h->page + 1]; i++) {
        input_help_row(i, &keys, &pad, &what);
        textcache_draw(tc, u->ren, TEXT_SMALL, what, t->text, alpha, x, y, TEXT_LEFT);
        switch (l.shape) {
        case HELP_COLUMNS:
            textcache_draw(tc, u->ren, TEXT_SMALL, keys, t->accent, alpha, x + l.ww + l.gap, y, TEXT_LEFT);
            textcache_draw(tc, u->ren, TEXT_SMALL, pad, t->dim, alpha, x + l.ww + l.wk + 2 * l.gap, y, TEXT_LEFT);
            break;
        case HELP_BESIDE:
            textcache_draw(tc, u->ren, TEXT_SMALL, keys, t->accent, alpha, x + l.ww + l.gap, y, TEXT_LEFT);
            textcache_draw(tc, u->ren, TEXT_SMALL, pad, t->dim, alpha, x + l.ww + l.gap, y + l.lh, TEXT_LEFT);
            break;
        default:
            textcache_draw(tc, u->ren, TEXT_SMALL, keys, t->accent, alpha, x + l.gap, y + l.lh, TEXT_LEFT);
            textcache_draw(tc, u->ren, TEXT_SMALL, pad, t->dim, alpha, x + l.gap, y + 2 * l.lh, TEXT_LEFT);
            break;
        }
        y += row_lines(l.shape, pad) * l.lh + (l.shape == HELP_COLUMNS ? 0 : l.lh / 4);
    }
    y += l.lh / 2;
    ui_hint_draw(u, &foot, y, alpha);
    textcache_set_size(tc, TEXT_SMALL, 0);
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
