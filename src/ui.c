/* ui.c — see ui.h. */
#include "ui.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "safefile.h"

static const char *const font_paths[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};

/* Whether PATH is a font file to open: a regular file, checked as every
 * data file is (safefile_open_regular), so a FIFO or a folder there is
 * passed over at once. NAMED: say why it is not (a font the user chose). */
static bool font_usable(const char *path, bool named)
{
    struct stat st;
    char why[200];
    int fd = safefile_open_regular(path, &st, "", why, sizeof why);
    if (fd >= 0) {
        close(fd);
        return true;
    }
    if (named)
        log_msg(LOG_WARN, "video", "PSOAS_COACH_FONT=%s: %s; using the usual font", path,
                fd == SAFEFILE_MISSING ? "no such file" : why);
    return false;
}

const char *ui_find_font(void)
{
    const char *env = SDL_getenv("PSOAS_COACH_FONT");
    if (env && *env && font_usable(env, true))
        return env;
    for (size_t i = 0; i < sizeof font_paths / sizeof font_paths[0]; i++)
        if (font_usable(font_paths[i], false))
            return font_paths[i];
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
    layer_drop(&u->ring);
}

void ui_close(Ui *u)
{
    layer_drop(&u->ring);
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
    textcache_fit(u->text, ui_short_side(u));
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

void ui_chosen_row(Ui *u, SDL_Rect row, int margin, bool focus, float alpha)
{
    ui_fill(u, u->theme->panel, alpha, row);
    if (focus)
        ui_fill(u, u->theme->fill, alpha, (SDL_Rect){row.x, row.y, margin / 6 + 1, row.h});
}

void ui_cover(Ui *u, float alpha)
{
    ui_fill(u, u->theme->bg, alpha, (SDL_Rect){0, 0, u->w, u->h});
}

SDL_Rect ui_ring_box(float cx, float cy, float r_out)
{
    int size = (int)ceilf(r_out) * 2 + 6;
    return (SDL_Rect){(int)floorf(cx) - size / 2, (int)floorf(cy) - size / 2, size, size};
}

static RasterColor rgba(SDL_Color c) { return (RasterColor){c.r, c.g, c.b, c.a}; }

void ui_ring(Ui *u, float cx, float cy, float r_in, float r_out, float amount, SDL_Color track, SDL_Color fill,
             float alpha)
{
    /* The ring is made in its own layer when what it shows changes (30
     * times a second at most while it moves): only the wedge between the
     * old fill and the new when nothing else changed. Alone, the square is
     * opaque, the ring over the background: copied, or blended only while
     * it fades. */
    SDL_Rect box = ui_ring_box(cx, cy, r_out);
    UiRingKey key;
    memset(&key, 0, sizeof key); /* padding too: keys compare with memcmp */
    key.cx = cx, key.cy = cy, key.r_in = r_in, key.r_out = r_out;
    key.amount = amount < 0 ? 0 : amount > 1 ? 1 : amount;
    key.track = track, key.fill = fill, key.bg = u->theme->bg;
    key.bg.a = u->alone ? 255 : 0; /* the square over the background, or the ring alone */
    SDL_Rect part = box;
    if (layer_holds(&u->ring, box.w, box.h)) {
        UiRingKey was = u->ring_key;
        was.amount = key.amount;
        if (!memcmp(&was, &key, sizeof was)) {
            SDL_Rect wedge;
            raster_ring_changes(cx, cy, r_in, r_out, u->ring_key.amount, key.amount, &wedge.x, &wedge.y, &wedge.w,
                                &wedge.h);
            if (!SDL_IntersectRect(&wedge, &box, &part))
                part = (SDL_Rect){0, 0, 0, 0};
        }
    }
    if (part.w > 0 && part.h > 0) {
        RasterImage im;
        if (!layer_lock(&u->ring, u->ren, box.x, box.y, box.w, box.h, part, &im)) {
            log_msg(LOG_WARN, "video", "cannot draw the breath ring: %s", SDL_GetError());
            return;
        }
        raster_fill(&im, rgba(key.bg));
        raster_ring(&im, cx, cy, r_in, r_out, key.amount, rgba(track), rgba(fill));
        layer_unlock(&u->ring);
        u->ring_key = key;
    }
    layer_copy(&u->ring, u->ren, box.x, box.y, box.w, box.h, u->alone, alpha);
}

int ui_short_side(const Ui *u)
{
    return u->w < u->h ? u->w : u->h;
}

int ui_hint_lines(Ui *u, TextFont f, const char *const *parts, int count, int width, char lines[][160], int max)
{
    if (max > TEXTCACHE_MAX_LINES)
        max = TEXTCACHE_MAX_LINES;
    int n = 0;
    for (int i = 0; i < count && n < max;) {
        char line[160] = "";
        int used = 0;
        while (i < count) {
            char trial[320];
            snprintf(trial, sizeof trial, "%s%s%s", line, used ? " \xC2\xB7 " : "", parts[i]);
            if (used && (strlen(trial) >= sizeof line || textcache_width(u->text, f, trial) > width))
                break;
            snprintf(line, sizeof line, "%.159s", trial);
            used++;
            i++;
        }
        char cut[1][160];
        if (textcache_wrap_cut(u->text, f, line, width, cut, 1) == 1)
            snprintf(lines[n++], 160, "%s", cut[0]);
    }
    return n;
}

int ui_hint(Ui *u, const char *const *parts, int count, int width, int max, UiHint *out)
{
    out->count = ui_hint_lines(u, TEXT_SMALL, parts, count, width, out->lines, max < UI_HINT_LINES ? max : UI_HINT_LINES);
    out->height = out->count * textcache_line_height(u->text, TEXT_SMALL);
    return out->height;
}

void ui_hint_draw(Ui *u, const UiHint *h, int y, float alpha)
{
    int sh = textcache_line_height(u->text, TEXT_SMALL);
    for (int i = 0; i < h->count; i++)
        textcache_draw(u->text, u->ren, TEXT_SMALL, h->lines[i], u->theme->dim, alpha, u->w / 2, y + i * sh,
                       TEXT_CENTER);
}

int ui_footer(Ui *u, const char *const *parts, int count, int m, int max, float alpha)
{
    UiHint h;
    int top = u->h - m / 2 - ui_hint(u, parts, count, u->w - 2 * m, max, &h);
    ui_hint_draw(u, &h, top, alpha);
    return top;
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
