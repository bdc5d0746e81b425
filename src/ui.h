/* ui.h — what every screen draws with: the renderer, the text cache, the
 * theme, the figure, and a few shapes. Sizes are fractions of the output
 * (ui->w, ui->h), so a screen lays out alike from 720p to 4K. */
#ifndef PSOAS_UI_H
#define PSOAS_UI_H

#include <SDL.h>

#include "figure.h"
#include "poselib.h"
#include "scene.h"
#include "textcache.h"
#include "theme.h"

/* What the breath ring's layer shows. */
typedef struct UiRingKey {
    float cx, cy;             /* the centre */
    float r_in, r_out;        /* the radii */
    float amount;             /* how much is filled, 0..1 */
    SDL_Color track, fill;    /* the colours */
    SDL_Color bg;             /* what is around it; alpha 0 for the ring alone */
} UiRingKey;

typedef struct Ui {
    SDL_Renderer *ren;        /* where everything goes */
    TextCache *text;          /* strings drawn so far */
    const Theme *theme;       /* colours */
    Scene *scene;             /* the figure's vertex buffers */
    Figure *figure;           /* poses ready to blend */
    const PoseLibrary *lib;   /* the poses */
    int w, h;                 /* output size in pixels */
    bool alone;               /* the screen being drawn has only the background under it */
    Layer ring;               /* the breath ring as last drawn */
    UiRingKey ring_key;       /* what it shows */
} Ui;

/* Sets up U for renderer R: the text cache with the font found (see
 * ui_find_font), the scene and the figure. Returns false after logging
 * when out of memory; ui_close undoes either way. */
bool ui_open(Ui *u, SDL_Renderer *r, const Theme *theme, const PoseLibrary *lib);
void ui_close(Ui *u);

/* Reads the output size and fits the fonts to it, forgets the text
 * backdrop (see textcache_backdrop) and sets ALONE; call at the start of
 * every frame. */
void ui_begin(Ui *u);

/* $PSOAS_COACH_FONT, or DejaVu Sans where Debian puts it; NULL (after one
 * warning) when there is none. */
const char *ui_find_font(void);

/* A filled rectangle in C at ALPHA (0..1) times C's own alpha. */
void ui_fill(Ui *u, SDL_Color c, float alpha, SDL_Rect r);

/* The mark of the chosen row of a list: a panel over ROW and, while the
 * row has the focus (FOCUS), the accent's bar down its left edge, MARGIN/6
 * wide (MARGIN: the screen's margin, so it keeps its weight at any size). */
void ui_chosen_row(Ui *u, SDL_Rect row, int margin, bool focus, float alpha);

/* Covers everything with the background at ALPHA: a fade. */
void ui_cover(Ui *u, float alpha);

/* A ring centred at CX,CY between radii R_IN and R_OUT: TRACK all round,
 * and FILL over AMOUNT (0..1) of it clockwise from the top. While U->alone
 * it comes as an opaque square over the theme's background (draw what
 * goes over it afterwards); else the ring alone is blended. */
void ui_ring(Ui *u, float cx, float cy, float r_in, float r_out, float amount, SDL_Color track, SDL_Color fill,
             float alpha);

/* The square ui_ring covers for a ring at CX,CY of outer radius R_OUT. */
SDL_Rect ui_ring_box(float cx, float cy, float r_out);

/* Drops the textures the renderer lost (after SDL_RENDER_TARGETS_RESET or
 * SDL_RENDER_DEVICE_RESET); they are made again as they are next drawn. */
void ui_reset(Ui *u);

/* A screen's keys ("Enter start · Esc back") laid out by ui_hint. */
enum { UI_HINT_LINES = 3 }; /* lines a hint may take: three on a narrow screen */
typedef struct UiHint {
    char lines[UI_HINT_LINES][160]; /* the parts joined with " · " */
    int count;                      /* lines used */
    int height;                     /* pixels, in small text at its size when laid out */
} UiHint;

/* Lays out the COUNT PARTS in small text on at most MAX (<= UI_HINT_LINES)
 * lines no wider than WIDTH (ui_hint_lines); returns OUT->height. */
int ui_hint(Ui *u, const char *const *parts, int count, int width, int max, UiHint *out);

/* Draws H dim and centred on the screen, its first line at Y. */
void ui_hint_draw(Ui *u, const UiHint *h, int y, float alpha);

/* The keys at the foot of a screen with margin M: laid out as ui_hint
 * between the margins, the last line ending M/2 above the bottom. Returns
 * the top of the first line. */
int ui_footer(Ui *u, const char *const *parts, int count, int m, int max, float alpha);

/* Joins the COUNT PARTS of a hint ("Enter start", "Esc quit") with " · "
 * into as few lines no wider than WIDTH as they need, never splitting a
 * part (one too wide alone is cut with an ellipsis). Writes at most MAX
 * (<= TEXTCACHE_MAX_LINES) lines; returns how many it wrote. */
int ui_hint_lines(Ui *u, TextFont f, const char *const *parts, int count, int width, char lines[][160], int max);

/* The shorter side of the output: fonts and margins follow it, so a
 * display turned on its side reads as it does the right way round. */
int ui_short_side(const Ui *u);

/* Smooth 0..1 for a fade that began SINCE_MS ago and lasts LENGTH_MS. */
float ui_fade(int64_t since_ms, int length_ms);

#endif
