/* textcache.c — see textcache.h.
 *
 * A small table of (size, string) -> texture, searched linearly: a screen
 * shows a few dozen strings, and comparing them costs less than one
 * texture upload. Each texture is rendered in its colour, so drawing it
 * is a plain blend: with SDL's software renderer, modulating a texture's
 * colour at every draw costs several times the blend itself. Fades are
 * alpha modulation. */
#include "textcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "log.h"

/* Font sizes in thousandths of the screen height. DejaVu Sans capitals are
 * 0.729 em tall (1493 of 2048 units), so BODY at 70 gives a cap height of
 * 5.1% of the screen: legible from 3 m on a TV (a 5% cap height subtends
 * the ~20 arcminutes comfortable reading asks for at that distance). */
static const int font_permille[TEXT_FONT_COUNT] = {
    [TEXT_SMALL] = 48,
    [TEXT_BODY] = 70,
    [TEXT_TITLE] = 80,
    [TEXT_HUGE] = 150,
};

typedef struct Entry {
    char *text;          /* the key (owned); NULL when the slot is free */
    int font;            /* TextFont slot, or TEXT_FONT_COUNT + f for overridden sizes */
    int px;              /* the pixel size it was rendered at */
    SDL_Color color;     /* its colour (alpha 255) */
    SDL_Texture *tex;    /* the text in COLOR on transparent */
    int w, h;            /* texture size */
    unsigned long used;  /* draw counter when last drawn (for eviction) */
} Entry;

struct TextCache {
    const char *path;                  /* font file; NULL: draw nothing */
    TTF_Font *fonts[TEXT_FONT_COUNT];  /* open fonts at the current sizes */
    int px[TEXT_FONT_COUNT];           /* their pixel sizes */
    int override[TEXT_FONT_COUNT];     /* sizes set by textcache_set_size; 0 none */
    int height;                        /* screen height the sizes follow */
    bool failed;                       /* the font would not open: logged once */
    Entry entries[TEXTCACHE_ENTRIES];  /* the textures */
    unsigned long clock;               /* counts draws, for least-recently-used */
    long renders;                      /* textures made */
};

TextCache *textcache_create(const char *font_path)
{
    TextCache *tc = calloc(1, sizeof *tc);
    if (tc)
        tc->path = font_path;
    return tc;
}

static void entry_free(Entry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->text);
    memset(e, 0, sizeof *e);
}

void textcache_reset(TextCache *tc)
{
    if (!tc)
        return;
    for (int i = 0; i < TEXTCACHE_ENTRIES; i++)
        entry_free(&tc->entries[i]);
}

static void close_fonts(TextCache *tc)
{
    for (int i = 0; i < TEXT_FONT_COUNT; i++) {
        if (tc->fonts[i])
            TTF_CloseFont(tc->fonts[i]);
        tc->fonts[i] = NULL;
        tc->px[i] = 0;
    }
}

void textcache_destroy(TextCache *tc)
{
    if (!tc)
        return;
    textcache_reset(tc);
    close_fonts(tc);
    free(tc);
}

static int size_for(const TextCache *tc, int f)
{
    if (tc->override[f] > 0)
        return tc->override[f];
    int px = tc->height * font_permille[f] / 1000;
    return px < 8 ? 8 : px;
}

/* Opens (or resizes) font F to its wanted size. */
static bool open_font(TextCache *tc, int f)
{
    int px = size_for(tc, f);
    if (tc->fonts[f] && tc->px[f] == px)
        return true;
    if (!tc->fonts[f]) {
        tc->fonts[f] = TTF_OpenFont(tc->path, px);
    } else if (TTF_SetFontSize(tc->fonts[f], px) != 0) {
        TTF_CloseFont(tc->fonts[f]);
        tc->fonts[f] = NULL;
    }
    if (!tc->fonts[f]) {
        if (!tc->failed)
            log_msg(LOG_WARN, "video", "cannot open font %s: %s; showing no text", tc->path, TTF_GetError());
        tc->failed = true;
        return false;
    }
    tc->px[f] = px;
    return true;
}

bool textcache_fit(TextCache *tc, int height)
{
    if (!tc || !tc->path || tc->failed)
        return false;
    if (height == tc->height && tc->fonts[0])
        return true;
    tc->height = height;
    bool ok = true;
    for (int f = 0; f < TEXT_FONT_COUNT && ok; f++)
        ok = open_font(tc, f);
    if (!ok)
        close_fonts(tc);
    return ok;
}

void textcache_set_size(TextCache *tc, TextFont f, int pixels)
{
    if (!tc || (unsigned)f >= TEXT_FONT_COUNT)
        return;
    tc->override[f] = pixels > 0 ? (pixels < 8 ? 8 : pixels) : 0;
    if (tc->fonts[f])
        open_font(tc, f);
}

static TTF_Font *font_of(const TextCache *tc, TextFont f)
{
    return tc && (unsigned)f < TEXT_FONT_COUNT ? tc->fonts[f] : NULL;
}

int textcache_line_height(const TextCache *tc, TextFont f)
{
    TTF_Font *font = font_of(tc, f);
    return font ? TTF_FontLineSkip(font) : 0;
}

int textcache_cap_height(const TextCache *tc, TextFont f)
{
    TTF_Font *font = font_of(tc, f);
    int maxy = 0;
    if (!font || TTF_GlyphMetrics32(font, 'H', NULL, NULL, NULL, &maxy, NULL) != 0)
        return 0;
    return maxy;
}

int textcache_width(const TextCache *tc, TextFont f, const char *text)
{
    TTF_Font *font = font_of(tc, f);
    int w = 0;
    if (!font || !text || !*text || TTF_SizeUTF8(font, text, &w, NULL) != 0)
        return 0;
    return w;
}

/* The entry for TEXT at size F in COLOR, rendered now if new. NULL when
 * nothing can be drawn. */
static Entry *lookup(TextCache *tc, SDL_Renderer *r, TextFont f, const char *text, SDL_Color color)
{
    color.a = 255;
    TTF_Font *font = font_of(tc, f);
    if (!font || !text || !*text)
        return NULL;
    tc->clock++;
    Entry *free_slot = NULL, *oldest = NULL;
    for (int i = 0; i < TEXTCACHE_ENTRIES; i++) {
        Entry *e = &tc->entries[i];
        if (e->text && e->font == (int)f && e->px == tc->px[f] && e->color.r == color.r && e->color.g == color.g &&
            e->color.b == color.b && strcmp(e->text, text) == 0) {
            e->used = tc->clock;
            return e;
        }
        if (!e->text) {
            if (!free_slot)
                free_slot = e;
        } else if (!oldest || e->used < oldest->used) {
            oldest = e;
        }
    }
    Entry *victim = free_slot ? free_slot : oldest;
    entry_free(victim);
    char key[TEXTCACHE_KEY_CHARS];
    snprintf(key, sizeof key, "%s", text);
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, key, color);
    tc->renders++;
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    int w = s->w, h = s->h;
    SDL_FreeSurface(s);
    char *copy = strdup(text);
    if (!t || !copy) {
        if (t)
            SDL_DestroyTexture(t);
        free(copy);
        return NULL;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    *victim = (Entry){copy, (int)f, tc->px[f], color, t, w, h, tc->clock};
    return victim;
}

static void blit(SDL_Renderer *r, const Entry *e, SDL_Color color, float alpha, int x, int y)
{
    float a = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
    SDL_SetTextureAlphaMod(e->tex, (Uint8)((float)color.a * a + 0.5f));
    SDL_Rect dst = {x, y, e->w, e->h};
    SDL_RenderCopy(r, e->tex, NULL, &dst);
}

static int aligned(int x, int w, TextAlign align)
{
    return align == TEXT_CENTER ? x - w / 2 : align == TEXT_RIGHT ? x - w : x;
}

int textcache_draw(TextCache *tc, SDL_Renderer *r, TextFont f, const char *text, SDL_Color color, float alpha, int x,
                   int y, TextAlign align)
{
    Entry *e = lookup(tc, r, f, text, color);
    if (!e)
        return 0;
    if (alpha > 0)
        blit(r, e, color, alpha, aligned(x, e->w, align), y);
    return e->w;
}

/* Length in bytes of the UTF-8 sequence starting at S (1 for bad bytes). */
static int utf8_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    for (int i = 1; i < n; i++)
        if (((unsigned char)s[i] >> 6) != 2)
            return 1;
    return n;
}

int textcache_draw_glyphs(TextCache *tc, SDL_Renderer *r, TextFont f, const char *text, SDL_Color color, float alpha,
                          int x, int y, TextAlign align)
{
    TTF_Font *font = font_of(tc, f);
    if (!font || !text)
        return 0;
    /* measure with the glyph advances, then draw each cached glyph */
    int w = textcache_width(tc, f, text);
    int pen = aligned(x, w, align);
    for (const char *p = text; *p;) {
        int n = utf8_len(p);
        char g[5] = {0};
        memcpy(g, p, (size_t)n);
        p += n;
        if (g[0] == ' ') {
            int adv = 0;
            TTF_GlyphMetrics32(font, ' ', NULL, NULL, NULL, NULL, &adv);
            pen += adv;
            continue;
        }
        Entry *e = lookup(tc, r, f, g, color);
        if (!e)
            continue;
        if (alpha > 0)
            blit(r, e, color, alpha, pen, y);
        pen += e->w; /* the glyph rendered alone is as wide as it measures */
    }
    return w;
}

int textcache_wrap(const TextCache *tc, TextFont f, const char *text, int width, char lines[][160], int max)
{
    if (max > TEXTCACHE_MAX_LINES)
        max = TEXTCACHE_MAX_LINES;
    int count = 0;
    char line[160] = "";
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        char word[160];
        size_t wl = (size_t)(end - p) < sizeof word - 1 ? (size_t)(end - p) : sizeof word - 1;
        memcpy(word, p, wl);
        word[wl] = 0;
        char trial[320];
        snprintf(trial, sizeof trial, "%s%s%s", line, *line ? " " : "", word);
        if (strlen(trial) < sizeof line && (textcache_width(tc, f, trial) <= width || !*line)) {
            if (!*line && textcache_width(tc, f, trial) > width && wl > 1) {
                /* one word wider than the line: cut it where it fits */
                size_t keep = wl;
                while (keep > 1) {
                    keep--;
                    while (keep > 1 && ((unsigned char)word[keep] >> 6) == 2)
                        keep--; /* not inside a UTF-8 sequence */
                    char part[160];
                    memcpy(part, word, keep);
                    part[keep] = 0;
                    if (textcache_width(tc, f, part) <= width)
                        break;
                }
                if (count < max)
                    snprintf(lines[count], 160, "%.*s", (int)keep, word);
                count++;
                p += keep;
                continue;
            }
            memcpy(line, trial, strlen(trial) + 1); /* fits: checked above */
            p = end;
            continue;
        }
        if (count < max)
            snprintf(lines[count], 160, "%s", line);
        count++;
        line[0] = 0;
    }
    if (*line) {
        if (count < max)
            snprintf(lines[count], 160, "%s", line);
        count++;
    }
    return count;
}

long textcache_renders(const TextCache *tc)
{
    return tc ? tc->renders : 0;
}
