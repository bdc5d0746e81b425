/* ui.c — see ui.h. */
#include "ui.h"

#include <math.h>

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

void ui_close(Ui *u)
{
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

void ui_ring(Ui *u, float cx, float cy, float r_in, float r_out, float amount, SDL_Color track, SDL_Color fill,
             float alpha)
{
    /* One geometry call: the track's quads, then the filled arc's over
     * them, with a one-pixel soft edge inside and out. */
    enum { V = (UI_RING_SEGMENTS + 1) * 4 * 2, I = UI_RING_SEGMENTS * 18 * 2 };
    static SDL_Vertex v[V];
    static int idx[I];
    int nv = 0, ni = 0;
    amount = amount < 0 ? 0 : amount > 1 ? 1 : amount;
    for (int layer = 0; layer < 2; layer++) {
        SDL_Color c = layer == 0 ? track : fill;
        float span = layer == 0 ? 1.0f : amount;
        int segs = (int)ceilf(span * UI_RING_SEGMENTS);
        if (segs < 1)
            continue;
        SDL_Color solid = c, clear = c;
        solid.a = (Uint8)((float)c.a * alpha);
        clear.a = 0;
        int base = nv;
        for (int i = 0; i <= segs; i++) {
            float t = span * (float)i / (float)segs;
            float ang = -(float)M_PI / 2 + t * 2 * (float)M_PI;
            float cs = cosf(ang), sn = sinf(ang);
            float radii[4] = {r_in - 1, r_in, r_out, r_out + 1};
            for (int k = 0; k < 4; k++)
                v[nv++] = (SDL_Vertex){{cx + cs * radii[k], cy + sn * radii[k]}, (k == 0 || k == 3) ? clear : solid,
                                       {0, 0}};
        }
        for (int i = 0; i < segs; i++) {
            int a = base + i * 4, b = a + 4;
            for (int k = 0; k < 3; k++) {
                int q[6] = {a + k, a + k + 1, b + k, b + k, a + k + 1, b + k + 1};
                for (int j = 0; j < 6; j++)
                    idx[ni++] = q[j];
            }
        }
    }
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
