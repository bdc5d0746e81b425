/* textcache.c — see textcache.h.
 *
 * A small table of (size, string) -> texture, searched linearly: a screen
 * shows a few dozen strings, and comparing them costs less than one
 * texture upload. Each texture is rendered in its colour, so drawing it
 * is a plain blend: with SDL's software renderer, modulating a texture's
 * colour at every draw costs several times the blend itself. Over a plain
 * background (textcache_backdrop) it is rendered over that background
 * once and copied, which costs a fraction of a blend. Fades are alpha
 * modulation. */
#include "textcache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_ttf.h>

#include "log.h"
#include "safefile.h"

enum { TEXTCACHE_MAX_FONT_BYTES = 64 << 20 }; /* DejaVu Sans is 740 kB; a CJK font some 20 MB */

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
    bool opaque;         /* the text over BG, copied without blending; else on transparent */
    SDL_Color bg;        /* what an opaque entry is over */
    SDL_Texture *tex;    /* the text in COLOR */
    int w, h;            /* texture size */
    unsigned long used;  /* draw counter when last drawn (for eviction) */
} Entry;

/* A string's measured width. */
typedef struct Width {
    int font;            /* TextFont; px 0 marks a free slot */
    int px;              /* the pixel size it was measured at */
    int w;               /* its width */
    unsigned long used;  /* clock when last asked for */
    char text[56];       /* the string (longer ones are not kept) */
} Width;

struct TextCache {
    const char *path;                  /* font file; NULL: draw nothing */
    char *font;                        /* its bytes, read once; every size opens from them (owned) */
    size_t font_len;                   /* bytes in FONT */
    TTF_Font *fonts[TEXT_FONT_COUNT];  /* open fonts at the current sizes */
    int px[TEXT_FONT_COUNT];           /* their pixel sizes */
    int override[TEXT_FONT_COUNT];     /* sizes set by textcache_set_size; 0 none */
    int height;                        /* screen height the sizes follow */
    bool failed;                       /* the font would not open: logged once */
    Entry entries[TEXTCACHE_ENTRIES];  /* the textures */
    unsigned long clock;               /* counts draws, for least-recently-used */
    bool backdrop;                     /* BG lies under text drawn now, outside BUSY */
    SDL_Color bg;                      /* that background */
    SDL_Rect busy[TEXTCACHE_MAX_BUSY]; /* where something else is under it */
    int busy_count;                    /* rectangles in BUSY */
    long renders;                      /* textures made */
    Width widths[TEXTCACHE_WIDTHS];    /* widths measured lately */
    TextSpy spy;                       /* told of every text drawn; NULL none */
    void *spy_user;                    /* its argument */
    const char *spy_layer;             /* the screen drawing now */
    int spy_w, spy_h;                  /* the picture's size */
};

/* Reads the font file whole, opened as every data file is
 * (safefile_open_regular): a FIFO put there is refused at once, and no
 * size opened later goes back to the file. False after one line. */
static bool read_font(TextCache *tc)
{
    struct stat st;
    char why[200];
    int fd = safefile_open_regular(tc->path, &st, "", why, sizeof why);
    if (fd == SAFEFILE_MISSING)
        snprintf(why, sizeof why, "%s", strerror(ENOENT));
    if (fd >= 0 && (st.st_size <= 0 || st.st_size > TEXTCACHE_MAX_FONT_BYTES))
        snprintf(why, sizeof why, "%lld bytes is not the size of a font", (long long)st.st_size);
    else if (fd >= 0 && !(tc->font = malloc((size_t)st.st_size)))
        snprintf(why, sizeof why, "out of memory");
    else if (fd >= 0) {
        int err = safefile_read(fd, tc->font, (size_t)st.st_size, &tc->font_len);
        if (err)
            snprintf(why, sizeof why, "%s", strerror(err));
        else if (tc->font_len > 0) {
            close(fd);
            return true;
        } else
            snprintf(why, sizeof why, "the file is empty");
    }
    if (fd >= 0)
        close(fd);
    free(tc->font);
    tc->font = NULL;
    log_msg(LOG_WARN, "video", "cannot open font %s: %s; showing no text", tc->path, why);
    return false;
}

TextCache *textcache_create(const char *font_path)
{
    TextCache *tc = calloc(1, sizeof *tc);
    if (tc && font_path) {
        tc->path = font_path;
        tc->failed = !read_font(tc);
    }
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
    free(tc->font);
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
        SDL_RWops *rw = SDL_RWFromConstMem(tc->font, (int)tc->font_len);
        tc->fonts[f] = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
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

int textcache_width(TextCache *tc, TextFont f, const char *text)
{
    TTF_Font *font = font_of(tc, f);
    int w = 0;
    if (!font || !text || !*text)
        return 0;
    /* measuring shapes the whole string: a screen measures the same few
     * strings every frame, so they are remembered */
    size_t len = strlen(text);
    Width *slot = NULL;
    if (len < sizeof slot->text) {
        Width *oldest = &tc->widths[0];
        for (int i = 0; i < TEXTCACHE_WIDTHS; i++) {
            Width *m = &tc->widths[i];
            if (m->px == tc->px[f] && m->font == (int)f && !strcmp(m->text, text)) {
                m->used = ++tc->clock;
                return m->w;
            }
            if (m->used < oldest->used)
                oldest = m;
        }
        slot = oldest;
    }
    if (TTF_SizeUTF8(font, text, &w, NULL) != 0)
        return 0;
    if (slot) {
        *slot = (Width){(int)f, tc->px[f], w, ++tc->clock, ""};
        memcpy(slot->text, text, len + 1);
    }
    return w;
}

void textcache_backdrop(TextCache *tc, const SDL_Color *bg, const SDL_Rect *busy, int count)
{
    if (!tc)
        return;
    tc->backdrop = bg != NULL;
    tc->bg = bg ? *bg : (SDL_Color){0, 0, 0, 0};
    tc->bg.a = 255;
    tc->busy_count = 0;
    for (int i = 0; bg && i < count && i < TEXTCACHE_MAX_BUSY; i++)
        tc->busy[tc->busy_count++] = busy[i];
}

/* Whether R lies on the plain backdrop. */
static bool plain(const TextCache *tc, const SDL_Rect *r)
{
    if (!tc->backdrop)
        return false;
    for (int i = 0; i < tc->busy_count; i++)
        if (SDL_HasIntersection(r, &tc->busy[i]))
            return false;
    return true;
}

static int aligned(int x, int w, TextAlign align)
{
    return align == TEXT_CENTER ? x - w / 2 : align == TEXT_RIGHT ? x - w : x;
}

static bool same_color(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

/* The entry for TEXT at size F in COLOR, to be drawn aligned on X with its
 * top at Y, and where (*DST). Over the plain backdrop it is an opaque one
 * (text over the background, copied without blending); elsewhere the text
 * on transparent. Rendered now if new; NULL when nothing can be drawn. */
static Entry *lookup(TextCache *tc, SDL_Renderer *r, TextFont f, const char *text, SDL_Color color, int x, int y,
                     TextAlign align, SDL_Rect *dst)
{
    color.a = 255;
    TTF_Font *font = font_of(tc, f);
    if (!font || !text || !*text)
        return NULL;
    tc->clock++;
    Entry *free_slot = NULL, *oldest = NULL, *over_bg = NULL, *clear = NULL;
    for (int i = 0; i < TEXTCACHE_ENTRIES; i++) {
        Entry *e = &tc->entries[i];
        if (e->text && e->font == (int)f && e->px == tc->px[f] && same_color(e->color, color) &&
            strcmp(e->text, text) == 0) {
            if (!e->opaque)
                clear = e;
            else if (tc->backdrop && same_color(e->bg, tc->bg))
                over_bg = e;
            continue;
        }
        if (!e->text) {
            if (!free_slot)
                free_slot = e;
        } else if (!oldest || e->used < oldest->used) {
            oldest = e;
        }
    }
    /* both kinds have the text's size: where it goes decides the kind */
    const Entry *known = over_bg ? over_bg : clear;
    if (known) {
        *dst = (SDL_Rect){aligned(x, known->w, align), y, known->w, known->h};
        Entry *e = plain(tc, dst) ? over_bg : clear;
        if (e) {
            e->used = tc->clock;
            return e;
        }
    }
    char key[TEXTCACHE_KEY_CHARS];
    snprintf(key, sizeof key, "%s", text);
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, key, color);
    tc->renders++;
    if (!s)
        return NULL;
    *dst = (SDL_Rect){aligned(x, s->w, align), y, s->w, s->h};
    bool opaque = plain(tc, dst);
    if (opaque) {
        /* the same blend the renderer would make over the background, made once */
        SDL_Surface *o = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (o) {
            SDL_FillRect(o, NULL, SDL_MapRGB(o->format, tc->bg.r, tc->bg.g, tc->bg.b));
            SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
            if (SDL_BlitSurface(s, NULL, o, NULL) != 0) {
                SDL_FreeSurface(o);
                o = NULL;
            }
        }
        if (o) {
            SDL_FreeSurface(s);
            s = o;
        } else {
            opaque = false; /* out of memory: the transparent kind still draws */
        }
    }
    /* the slot: a free one, else the least recently drawn other than the
     * entry of the other kind (which may be drawn this same frame) */
    Entry *victim = free_slot ? free_slot : oldest;
    entry_free(victim);
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
    SDL_SetTextureBlendMode(t, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    *victim = (Entry){copy, (int)f, tc->px[f], color, opaque, tc->bg, t, w, h, tc->clock};
    return victim;
}

static void blit(SDL_Renderer *r, const Entry *e, SDL_Color color, float alpha, const SDL_Rect *dst)
{
    float a = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
    Uint8 mod = (Uint8)((float)color.a * a + 0.5f);
    if (e->opaque) /* over the background it is: a copy, blended only while it fades */
        SDL_SetTextureBlendMode(e->tex, mod < 255 ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_SetTextureAlphaMod(e->tex, mod);
    SDL_RenderCopy(r, e->tex, NULL, dst);
}

void textcache_spy(TextCache *tc, TextSpy spy, void *user)
{
    if (!tc)
        return;
    tc->spy = spy;
    tc->spy_user = user;
}

void textcache_spy_layer(TextCache *tc, const char *layer, int w, int h)
{
    if (!tc)
        return;
    tc->spy_layer = layer;
    tc->spy_w = w;
    tc->spy_h = h;
}

static void tell_spy(const TextCache *tc, TextFont f, const char *text, SDL_Rect box)
{
    if (tc->spy)
        tc->spy(&(TextDrawn){text, f, box, tc->spy_layer ? tc->spy_layer : "", tc->spy_w, tc->spy_h}, tc->spy_user);
}

int textcache_draw(TextCache *tc, SDL_Renderer *r, TextFont f, const char *text, SDL_Color color, float alpha, int x,
                   int y, TextAlign align)
{
    SDL_Rect dst;
    Entry *e = lookup(tc, r, f, text, color, x, y, align, &dst);
    if (!e)
        return 0;
    if (alpha > 0) {
        blit(r, e, color, alpha, &dst);
        tell_spy(tc, f, text, dst);
    }
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
    if (alpha > 0 && *text)
        tell_spy(tc, f, text, (SDL_Rect){pen, y, w, TTF_FontHeight(font)});
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
        SDL_Rect dst;
        Entry *e = lookup(tc, r, f, g, color, pen, y, TEXT_LEFT, &dst);
        if (!e)
            continue;
        if (alpha > 0)
            blit(r, e, color, alpha, &dst);
        pen += e->w; /* the glyph rendered alone is as wide as it measures */
    }
    return w;
}

int textcache_wrap(TextCache *tc, TextFont f, const char *text, int width, char lines[][160], int max)
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

int textcache_wrap_cut(TextCache *tc, TextFont f, const char *text, int width, char lines[][160], int max)
{
    if (max > TEXTCACHE_MAX_LINES)
        max = TEXTCACHE_MAX_LINES;
    if (max <= 0)
        return 0;
    int n = textcache_wrap(tc, f, text, width, lines, max);
    if (n <= max)
        return n;
    /* words (or, for one long word, letters) leave the last line until it
     * and the ellipsis fit */
    char *last = lines[max - 1];
    size_t len = strlen(last);
    if (len > 150)
        len = 150;
    char trial[160];
    for (;;) {
        while (len > 0 && (last[len - 1] == ' ' || last[len - 1] == ',' || last[len - 1] == ';' ||
                           last[len - 1] == ':'))
            len--;
        snprintf(trial, sizeof trial, "%.*s\xE2\x80\xA6", (int)len, last);
        if (len == 0 || textcache_width(tc, f, trial) <= width)
            break;
        size_t k = len;
        while (k > 0 && last[k - 1] != ' ')
            k--;
        if (k > 0) {
            len = k - 1;
        } else {
            len--;
            while (len > 0 && ((unsigned char)last[len] >> 6) == 2)
                len--; /* not inside a UTF-8 sequence */
        }
    }
    memcpy(last, trial, strlen(trial) + 1);
    return max;
}

long textcache_renders(const TextCache *tc)
{
    return tc ? tc->renders : 0;
}
