/* textcache.h — text on screen, rendered once and drawn many times.
 *
 * Every string is rendered to a texture the first time it is drawn at a
 * size in a colour, then faded with the texture's alpha modulation: a fade
 * renders nothing, and drawing is a plain blend (cheap even for SDL's
 * software renderer).
 * Numbers that change every second (time left, counts) are drawn glyph by
 * glyph from the same cache, so a hold renders no text once its words have
 * been seen. Fonts are sized from the screen height; a new height drops
 * the textures. After SDL_RENDER_TARGETS_RESET or SDL_RENDER_DEVICE_RESET
 * call textcache_reset: textures are rebuilt as they are next drawn. */
#ifndef PSOAS_TEXTCACHE_H
#define PSOAS_TEXTCACHE_H

#include <stdbool.h>

#include <SDL.h>

enum {
    TEXTCACHE_ENTRIES = 160,    /* textures kept; the least recently drawn goes first */
    TEXTCACHE_KEY_CHARS = 400,  /* longer strings are drawn cut at this length */
    TEXTCACHE_MAX_LINES = 8,    /* lines textcache_wrap returns at most */
    TEXTCACHE_MAX_BUSY = 4,     /* rectangles textcache_backdrop keeps */
    TEXTCACHE_WIDTHS = 64       /* string widths remembered */
};

/* The sizes of text, as fractions of the screen height (see textcache.c). */
typedef enum TextFont {
    TEXT_SMALL,  /* secondary: step count, hints */
    TEXT_BODY,   /* main: captions, breath words, time; cap height >= 5% */
    TEXT_TITLE,  /* pose name */
    TEXT_HUGE,   /* the count in the breath ring, end-screen figures */
    TEXT_FONT_COUNT
} TextFont;

typedef enum TextAlign { TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT } TextAlign;

typedef struct TextCache TextCache;

/* A cache drawing with the font at FONT_PATH (NULL: no text is drawn, and
 * every call is a harmless no-op). Returns NULL when out of memory. Free
 * with textcache_destroy (accepts NULL), before the renderer. */
TextCache *textcache_create(const char *font_path);
void textcache_destroy(TextCache *tc);

/* Opens the fonts for a screen whose shorter side is HEIGHT pixels (no-op
 * when they already are). Returns false, after logging once, when the font cannot be opened;
 * text is then not drawn. */
bool textcache_fit(TextCache *tc, int height);

/* Overrides one size with PIXELS (0 restores it); for text that must fit
 * a box. Drops nothing: each size has its own textures. */
void textcache_set_size(TextCache *tc, TextFont f, int pixels);

/* Pixel metrics of a size: line spacing, and the height of a capital. */
int textcache_line_height(const TextCache *tc, TextFont f);
int textcache_cap_height(const TextCache *tc, TextFont f);

/* Width of TEXT in one line, measured without rendering (and remembered:
 * the same string at the same size is measured once). */
int textcache_width(TextCache *tc, TextFont f, const char *text);

/* Draws TEXT on one line with its top at Y, aligned on X, tinted COLOR
 * with ALPHA (0..1) on top of COLOR's own. Returns the width drawn. */
int textcache_draw(TextCache *tc, SDL_Renderer *r, TextFont f, const char *text, SDL_Color color, float alpha, int x,
                   int y, TextAlign align);

/* The same, glyph by glyph, for strings that change often and use few
 * characters (digits, ':', ' '); no rendering once each glyph is known. */
int textcache_draw_glyphs(TextCache *tc, SDL_Renderer *r, TextFont f, const char *text, SDL_Color color, float alpha,
                          int x, int y, TextAlign align);

/* Says what lies under the text drawn from now on: BG everywhere except
 * in the COUNT (<= TEXTCACHE_MAX_BUSY) rectangles BUSY. Text that misses
 * them is drawn from a texture made over BG and copied without blending,
 * several times cheaper for SDL's software renderer. BG NULL (the
 * default): assume nothing, and blend. */
void textcache_backdrop(TextCache *tc, const SDL_Color *bg, const SDL_Rect *busy, int count);

/* Splits TEXT into lines no wider than WIDTH at word boundaries (a word
 * too long is cut). Writes at most MAX lines (<= TEXTCACHE_MAX_LINES) of up
 * to LINE_SIZE bytes into LINES; returns how many lines the whole text
 * needs, which may exceed MAX. */
int textcache_wrap(TextCache *tc, TextFont f, const char *text, int width, char lines[][160], int max);

/* The same, but when TEXT needs more than MAX lines the last one shown
 * ends in an ellipsis ("...") that fits WIDTH, so a cut is always seen.
 * Returns the lines written (0..MAX). */
int textcache_wrap_cut(TextCache *tc, TextFont f, const char *text, int width, char lines[][160], int max);

/* Drops every texture (the renderer lost them); they are made again when
 * next drawn. */
void textcache_reset(TextCache *tc);

/* What a text drawn on screen covered, for layout tests: TEXT (valid
 * during the call) at size FONT in BOX (the whole string, also when drawn
 * glyph by glyph), drawn by the screen named LAYER on a picture W x H. */
typedef struct TextDrawn {
    const char *text;   /* the string */
    TextFont font;      /* its size */
    SDL_Rect box;       /* where its pixels went */
    const char *layer;  /* the screen drawing it (see textcache_spy_layer) */
    int w, h;           /* the size of the picture drawn */
} TextDrawn;
typedef void (*TextSpy)(const TextDrawn *d, void *user);

/* Calls SPY (NULL: none) for every text drawn visibly from now on. */
void textcache_spy(TextCache *tc, TextSpy spy, void *user);

/* Text drawn from now on is LAYER's (a static string), on a W x H picture. */
void textcache_spy_layer(TextCache *tc, const char *layer, int w, int h);

/* How many times text has been rendered to a new texture so far. */
long textcache_renders(const TextCache *tc);

#endif
