/* ui.c — see ui.h. */
#include "ui.h"

#include <math.h>
#include <string.h>

#include "log.h"

static const char *const font_paths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};

const char *ui_find_font(void)
{
    const char *env = SDL_getenv("PSOAS_COACH_FONT");
    if (env && *env)
        return env;
    for (size_t i = 0; i < sizeof font_paths / sizeof font_paths[0]; i++) {
        SDL_RWops *rw = SDL_RWFromFile(font_paths[i], "rb");
        if (rw) {
            SDL_RWclose(rw);
            return font_paths[i];
        }
    }
    log_msg(LOG_WARN, "video", "no font found (install fonts-dejavu-core or set PSOAS_COACH_FONT); showing no text");
    return NULL;
}

bool ui_open(Ui *u, SDL_Renderer *r, const Theme *theme, const PoseLibrary *lib)
{
    *u = (Ui){.ren = r, .theme = theme, .lib = lib};
    u->text = textcache_create(ui_find_font());
    u->scene = scene_create(r);
    u->figure = figure_create(lib);
    if (!u->text || !u->scene || !u->figure) {
        log_msg(LOG_ERROR, "video", "out of memory");
        return false;
    }
    ui_begin(u);
    return true;
}

void ui_reset(Ui *u)
{
    textcache_reset(u->text);
    scene_reset(u->scene);
    if (u->ring)
        SDL_DestroyTexture(u->ring);
    u->ring = NULL;
}

void ui_close(Ui *u)
{
    if (u->ring)
        SDL_DestroyTexture(u->ring);
    u->ring = NULL;
    textcache_destroy(u->text);
    scene_destroy(u->scene);
    figure_destroy(u->figure);
    u->text = NULL;
    u->scene = NULL;
    u->figure = NULL;
}

void ui_begin(Ui *u)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(u->ren, &w, &h) != 0 || w <= 0 || h <= 0)
        w = 1280, h = 720;
    u->w = w;
    u->h = h;
    textcache_fit(u->text, h);
    textcache_backdrop(u->text, NULL, NULL, 0);
    u->alone = true;
    SDL_SetRenderDrawBlendMode(u->ren, SDL_BLENDMODE_BLEND);
}

void ui_fill(Ui *u, SDL_Color c, float alpha, SDL_Rect r)
{
    float a = (float)c.a * (alpha < 0 ? 0 : alpha > 1 ? 1 : alpha);
    if (a < 0.5f || r.w <= 0 || r.h <= 0)
        return;
    SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, (Uint8)(a + 0.5f));
    SDL_RenderFillRect(u->ren, &r);
}

void ui_cover(Ui *u, float alpha)
{
    ui_fill(u, u->theme->bg, alpha, (SDL_Rect){0, 0, u->w, u->h});
}

/* Makes U->ring hold the ring for KEY: a texture big enough, its pixels
 * set by the core's rasteriser (only the wedge that changed, when only
 * the fill moved on). False after logging when SDL refuses. */
static bool ring_texture(Ui *u, const UiRingKey *key, int size)
{
    bool fresh = u->ring && u->ring_size >= size; /* it holds the ring of u->ring_key */
    if (!fresh) {
        if (u->ring)
            SDL_DestroyTexture(u->ring);
        u->ring = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, size, size);
        if (!u->ring) {
            log_msg(LOG_WARN, "video", "cannot make the breath ring's texture: %s", SDL_GetError());
            return false;
        }
        u->ring_size = size;
    }
    /* only the wedge between the old fill and the new when nothing else
     * changed; every pixel locked is written */
    SDL_Rect part = {key->x, key->y, size, size};
    UiRingKey was = u->ring_key;
    was.amount = key->amount;
    if (fresh && !memcmp(&was, key, sizeof was)) {
        SDL_Rect wedge, square = part;
        raster_ring_changes(key->cx, key->cy, key->r_in, key->r_out, u->ring_key.amount, key->amount, &wedge.x,
                            &wedge.y, &wedge.w, &wedge.h);
        if (!SDL_IntersectRect(&wedge, &square, &part))
            return true;
    }
    void *pixels = NULL;
    int pitch = 0;
    if (SDL_LockTexture(u->ring, &(SDL_Rect){part.x - key->x, part.y - key->y, part.w, part.h}, &pixels, &pitch) != 0) {
        log_msg(LOG_WARN, "video", "cannot draw the breath ring: %s", SDL_GetError());
        SDL_DestroyTexture(u->ring);
        u->ring = NULL;
        return false;
    }
    RasterImage im = {pixels, part.w, part.h, pitch / 4, part.x, part.y};
    raster_fill(&im, (RasterColor){key->bg.r, key->bg.g, key->bg.b, key->bg.a});
    RasterColor track = {key->track.r, key->track.g, key->track.b, key->track.a};
    RasterColor fill = {key->fill.r, key->fill.g, key->fill.b, key->fill.a};
    raster_ring(&im, key->cx, key->cy, key->r_in, key->r_out, key->amount, track, fill);
    SDL_UnlockTexture(u->ring);
    u->ring_key = *key;
    return true;
}

SDL_Rect ui_ring_box(float cx, float cy, float r_out)
{
    int size = (int)ceilf(r_out) * 2 + 6;
    return (SDL_Rect){(int)floorf(cx) - size / 2, (int)floorf(cy) - size / 2, size, size};
}

void ui_ring(Ui *u, float cx, float cy, float r_in, float r_out, float amount, SDL_Color track, SDL_Color fill,
             float alpha)
{
    /* The ring is made in its own texture when what it shows changes
     * (30 times a second at most while it moves), and copied each frame. */
    SDL_Rect box = ui_ring_box(cx, cy, r_out);
    int size = box.w;
    UiRingKey key;
    memset(&key, 0, sizeof key); /* padding too: keys compare with memcmp */
    key.x = box.x;
    key.y = box.y;
    key.cx = cx, key.cy = cy, key.r_in = r_in, key.r_out = r_out;
    key.amount = amount < 0 ? 0 : amount > 1 ? 1 : amount;
    key.track = track, key.fill = fill, key.bg = u->theme->bg;
    key.bg.a = u->alone ? 255 : 0; /* the square over the background, or the ring alone */
    if (!(u->ring && u->ring_size >= size && !memcmp(&key, &u->ring_key, sizeof key)) && !ring_texture(u, &key, size))
        return;
    /* alone, the square is opaque, the ring over the background: copied,
     * or blended only while it fades */
    SDL_SetTextureBlendMode(u->ring, alpha < 1.0f || !u->alone ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_SetTextureAlphaMod(u->ring, (Uint8)(alpha * 255.0f + 0.5f));
    SDL_RenderCopy(u->ren, u->ring, &(SDL_Rect){0, 0, size, size}, &(SDL_Rect){key.x, key.y, size, size});
}

float ui_fade(int64_t since_ms, int length_ms)
{
    if (length_ms <= 0 || since_ms >= length_ms)
        return 1.0f;
    if (since_ms <= 0)
        return 0.0f;
    float t = (float)since_ms / (float)length_ms;
    return t * t * (3 - 2 * t);
}
