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
    u->scene = scene_create();
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
    if (u->track)
        SDL_DestroyTexture(u->track);
    u->track = NULL;
}

void ui_close(Ui *u)
{
    if (u->track)
        SDL_DestroyTexture(u->track);
    u->track = NULL;
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

enum { UI_RING_SEGMENTS = 128 };

/* Adds the quads of a ring centred at CX,CY between radii R_IN and R_OUT
 * in C over SPAN (0..1) of it clockwise from the top, with a one-pixel
 * soft edge inside and out, to V and IDX. */
static void ring_quads(float cx, float cy, float r_in, float r_out, float span, SDL_Color c, SDL_Vertex *v, int *nv,
                       int *idx, int *ni)
{
    int segs = (int)ceilf(span * UI_RING_SEGMENTS);
    if (segs < 1)
        return;
    SDL_Color clear = c;
    clear.a = 0;
    int base = *nv;
    for (int i = 0; i <= segs; i++) {
        float t = span * (float)i / (float)segs;
        float ang = -(float)M_PI / 2 + t * 2 * (float)M_PI;
        float cs = cosf(ang), sn = sinf(ang);
        float radii[4] = {r_in - 1, r_in, r_out, r_out + 1};
        for (int k = 0; k < 4; k++)
            v[(*nv)++] = (SDL_Vertex){{cx + cs * radii[k], cy + sn * radii[k]}, (k == 0 || k == 3) ? clear : c, {0, 0}};
    }
    for (int i = 0; i < segs; i++) {
        int a = base + i * 4, b = a + 4;
        for (int k = 0; k < 3; k++) {
            int q[6] = {a + k, a + k + 1, b + k, b + k, a + k + 1, b + k + 1};
            for (int j = 0; j < 6; j++)
                idx[(*ni)++] = q[j];
        }
    }
}

/* The track, all round, drawn into U->track once for these radii, place
 * and colour; its top left corner at *X,*Y. False when the renderer has no
 * render targets. */
static bool ring_track(Ui *u, float cx, float cy, float r_in, float r_out, SDL_Color c, int *x, int *y)
{
    int size = (int)ceilf(r_out) * 2 + 6;
    *x = (int)floorf(cx) - size / 2;
    *y = (int)floorf(cy) - size / 2;
    float key[6] = {cx, cy, r_in, r_out, (float)(c.r << 16 | c.g << 8 | c.b), (float)c.a};
    if (u->track && memcmp(key, u->track_key, sizeof key) == 0)
        return true;
    if (u->track)
        SDL_DestroyTexture(u->track);
    u->track = NULL;
    if (!SDL_RenderTargetSupported(u->ren))
        return false;
    SDL_Texture *t = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, size, size);
    SDL_Texture *old = SDL_GetRenderTarget(u->ren);
    if (!t || SDL_SetRenderTarget(u->ren, t) != 0) {
        if (t)
            SDL_DestroyTexture(t);
        return false;
    }
    enum { V = (UI_RING_SEGMENTS + 1) * 4, I = UI_RING_SEGMENTS * 18 };
    static SDL_Vertex v[V];
    static int idx[I];
    int nv = 0, ni = 0;
    ring_quads(cx - (float)*x, cy - (float)*y, r_in, r_out, 1.0f, c, v, &nv, &idx[0], &ni);
    /* drawn without blending: the texture holds the colour and its
     * coverage as they are, and is blended when it is drawn */
    SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, 0);
    SDL_SetRenderDrawBlendMode(u->ren, SDL_BLENDMODE_NONE);
    SDL_RenderClear(u->ren);
    int rc = SDL_RenderGeometry(u->ren, NULL, v, nv, idx, ni);
    SDL_SetRenderDrawBlendMode(u->ren, SDL_BLENDMODE_BLEND);
    SDL_SetRenderTarget(u->ren, old);
    if (rc != 0) {
        SDL_DestroyTexture(t);
        return false;
    }
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    u->track = t;
    memcpy(u->track_key, key, sizeof key);
    return true;
}

void ui_ring(Ui *u, float cx, float cy, float r_in, float r_out, float amount, SDL_Color track, SDL_Color fill,
             float alpha)
{
    /* The track from its texture (or as quads when there are no render
     * targets), then the filled arc's quads over it in one geometry call. */
    enum { V = (UI_RING_SEGMENTS + 1) * 4 * 2, I = UI_RING_SEGMENTS * 18 * 2 };
    static SDL_Vertex v[V];
    static int idx[I];
    int nv = 0, ni = 0, x, y;
    amount = amount < 0 ? 0 : amount > 1 ? 1 : amount;
    SDL_Color solid = track;
    solid.a = (Uint8)((float)track.a * alpha);
    if (ring_track(u, cx, cy, r_in, r_out, track, &x, &y)) {
        int w = 0, h = 0;
        SDL_QueryTexture(u->track, NULL, NULL, &w, &h);
        SDL_SetTextureAlphaMod(u->track, (Uint8)(alpha * 255.0f + 0.5f));
        SDL_RenderCopy(u->ren, u->track, NULL, &(SDL_Rect){x, y, w, h});
    } else {
        ring_quads(cx, cy, r_in, r_out, 1.0f, solid, v, &nv, idx, &ni);
    }
    solid = fill;
    solid.a = (Uint8)((float)fill.a * alpha);
    ring_quads(cx, cy, r_in, r_out, amount, solid, v, &nv, idx, &ni);
    if (ni > 0 && SDL_RenderGeometry(u->ren, NULL, v, nv, idx, ni) != 0)
        log_msg(LOG_WARN, "video", "cannot draw the breath ring: %s", SDL_GetError());
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
