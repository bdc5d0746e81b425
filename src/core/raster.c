/* raster.c — see raster.h.
 *
 * Every shape is a distance field walked row by row: for each row of
 * pixel centres, the span the shape can touch is found in closed form (a
 * capsule's row is the union of its two end discs' rows and its middle
 * strip's; a convex polygon's is the intersection of its edges' half
 * planes), and only that span is visited. Coverage is the distance to
 * the edge, clamped to 0..1: solid inside, a one-pixel ramp across the
 * edge. Pixels blend with integer weights out of 256. */
#include "raster.h"

#include <math.h>
#include <string.h>

#include "vec.h"

/* V clamped to 0..1; not a number gives 0. */
static float clamp01(float v) { return v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f; }

/* fminf and fmaxf without their care for NaN, which keeps them out of
 * line; no NaN reaches these. */
static inline float minf(float a, float b) { return a < b ? a : b; }
static inline float maxf(float a, float b) { return a > b ? a : b; }

/* V rounded down (or up) to a whole number clamped to LO..HI, safe for
 * values no int holds. */
static int floor_in(float v, int lo, int hi)
{
    v = floorf(v);
    return !(v >= (float)lo) ? lo : v > (float)hi ? hi : (int)v; /* NaN gives LO */
}

static int ceil_in(float v, int lo, int hi)
{
    v = ceilf(v);
    return !(v >= (float)lo) ? lo : v > (float)hi ? hi : (int)v;
}

/* The pixel D mixed towards C by A/256 (0..256). An opaque D stays
 * opaque: red and blue are weighed together in one multiply, 16 bits
 * apart; with the two weights summing to 256 neither spills into the
 * other. */
static uint32_t mix_px(uint32_t d, RasterColor c, unsigned a)
{
    if ((d >> 24) != 255u) {
        /* over a pixel not wholly opaque (an image begun transparent):
         * Porter and Duff's "over", in straight alpha */
        float sa = (float)a / 256.0f, da = (float)(d >> 24) / 255.0f * (1.0f - sa), oa = sa + da;
        if (oa <= 0.0f)
            return d;
        unsigned r = (unsigned)(((float)c.r * sa + (float)((d >> 16) & 255u) * da) / oa + 0.5f);
        unsigned g = (unsigned)(((float)c.g * sa + (float)((d >> 8) & 255u) * da) / oa + 0.5f);
        unsigned b = (unsigned)(((float)c.b * sa + (float)(d & 255u) * da) / oa + 0.5f);
        return (unsigned)(oa * 255.0f + 0.5f) << 24 | r << 16 | g << 8 | b;
    }
    unsigned k = 256u - a;
    uint32_t rb = ((d & 0xFF00FFu) * k + ((uint32_t)c.r << 16 | c.b) * a) >> 8 & 0xFF00FFu;
    uint32_t g = ((d & 0x00FF00u) * k + ((uint32_t)c.g << 8) * a) >> 8 & 0x00FF00u;
    return 0xFF000000u | rb | g;
}

/* A between A and B, T of the way (0..1). */
static RasterColor mix_color(RasterColor a, RasterColor b, float t)
{
    float k = 1.0f - t;
    return (RasterColor){(uint8_t)((float)a.r * k + (float)b.r * t + 0.5f),
                         (uint8_t)((float)a.g * k + (float)b.g * t + 0.5f),
                         (uint8_t)((float)a.b * k + (float)b.b * t + 0.5f),
                         (uint8_t)((float)a.a * k + (float)b.a * t + 0.5f)};
}

/* Weight out of 256 for coverage COV of a colour of alpha A. */
static unsigned weight(float cov, uint8_t a) { return (unsigned)(cov * (float)a * (256.0f / 255.0f) + 0.5f); }

/* Rows of IM whose pixel centres lie within TOP..BOTTOM (drawing
 * coordinates): *J0..*J1, false when none. */
static bool rows_of(const RasterImage *im, float top, float bottom, int *j0, int *j1)
{
    *j0 = ceil_in(top - (float)im->y - 0.5f, 0, im->h);
    *j1 = floor_in(bottom - (float)im->y - 0.5f, -1, im->h - 1);
    return *j0 <= *j1;
}

/* Pixels of a row whose centres lie within LO..HI: *I0..*I1, false when none. */
static bool cols_of(const RasterImage *im, float lo, float hi, int *i0, int *i1)
{
    if (!(lo <= hi))
        return false;
    *i0 = ceil_in(lo - (float)im->x - 0.5f, 0, im->w);
    *i1 = floor_in(hi - (float)im->x - 0.5f, -1, im->w - 1);
    return *i0 <= *i1;
}

/* Widens LO..HI by where the row at PY crosses the disc at X,Y of radius R. */
static void disc_span(float x, float y, float r, float py, float *lo, float *hi)
{
    float dy = py - y, k = r * r - dy * dy;
    if (k < 0.0f)
        return;
    float w = sqrtf(k);
    *lo = minf(*lo, x - w);
    *hi = maxf(*hi, x + w);
}

/* Narrows LO..HI to the x where S*x + K lies within MIN..MAX; empties it
 * (LO > HI) when no x does. */
static void linear_span(float s, float k, float min, float max, float *lo, float *hi)
{
    if (fabsf(s) < 1e-6f) {
        if (k < min || k > max)
            *lo = INFINITY, *hi = -INFINITY;
        return;
    }
    float a = (min - k) / s, b = (max - k) / s;
    *lo = maxf(*lo, minf(a, b));
    *hi = minf(*hi, maxf(a, b));
}

/* Where the row at PY lies surely inside the capsule of raster_capsule
 * (AX,AY,RA to BX,BY,RB, LEN long along UX,UY): the longest run of the
 * end discs at their radii and the strip between them at the smaller
 * one, joined where they overlap. *LO > *HI when there is none. */
static void solid_span(float ax, float ay, float ra, float bx, float by, float rb, float len, float ux, float uy,
                       float py, float *lo, float *hi)
{
    const float in = 1e-3f; /* a hair inside, against rounding */
    float run[3][2];
    int n = 0;
    float l = INFINITY, h = -INFINITY;
    disc_span(ax, ay, ra - in, py, &l, &h);
    if (l <= h)
        run[n][0] = l, run[n][1] = h, n++;
    l = INFINITY, h = -INFINITY;
    disc_span(bx, by, rb - in, py, &l, &h);
    if (l <= h)
        run[n][0] = l, run[n][1] = h, n++;
    if (len > 0.0f) {
        float r = minf(ra, rb) - in, qy = py - ay;
        l = -INFINITY, h = INFINITY;
        linear_span(ux, -ax * ux + qy * uy, 0.0f, len, &l, &h);
        linear_span(uy, -ax * uy - qy * ux, -r, r, &l, &h);
        if (l <= h)
            run[n][0] = l, run[n][1] = h, n++;
    }
    *lo = INFINITY, *hi = -INFINITY;
    /* join overlapping runs; keep the longest */
    for (int k = 0; k < n; k++) {
        float a = run[k][0], b = run[k][1];
        for (int pass = 0; pass < 2; pass++)
            for (int m = 0; m < n; m++)
                if (run[m][0] <= b && run[m][1] >= a)
                    a = minf(a, run[m][0]), b = maxf(b, run[m][1]);
        if (b - a > *hi - *lo || *lo > *hi)
            *lo = a, *hi = b;
    }
}

/* Coverage of a point X,Y from the centre of a disc of radius R. */
static float disc_cover(float x, float y, float r)
{
    float d2 = x * x + y * y;
    if (d2 >= (r + 1.0f) * (r + 1.0f))
        return 0.0f;
    return d2 <= r * r ? 1.0f : r + 1.0f - sqrtf(d2);
}

/* Pixels I0..I1 of ROW covered wholly by C. */
static void fill_span(uint32_t *row, int i0, int i1, RasterColor c)
{
    if (c.a == 255) {
        uint32_t v = 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
        for (int i = i0; i <= i1; i++)
            row[i] = v;
        return;
    }
    unsigned a = weight(1.0f, c.a);
    for (int i = i0; i <= i1; i++)
        row[i] = mix_px(row[i], c, a);
}

void raster_capsule(const RasterImage *im, float ax, float ay, float ra, float bx, float by, float rb, RasterColor c)
{
    if (!(ra >= 0.0f) || !(rb >= 0.0f) || c.a == 0 || !isfinite(ax + ay + bx + by + ra + rb))
        return;
    float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, len = sqrtf(len2);
    float reach = maxf(ra, rb) + 1.0f; /* nothing is touched farther than this from the axis */
    if (!isfinite(len2) || !isfinite(reach * reach))
        return; /* beyond any screen, and beyond float's squares */
    int j0, j1;
    if (!rows_of(im, minf(ay, by) - reach, maxf(ay, by) + reach, &j0, &j1))
        return;
    float ux = len > 0.0f ? dx / len : 0.0f, uy = len > 0.0f ? dy / len : 0.0f;
    float inv = len2 > 1e-12f ? 1.0f / len2 : 0.0f;
    for (int j = j0; j <= j1; j++) {
        float py = (float)(im->y + j) + 0.5f, qy = py - ay;
        float lo = INFINITY, hi = -INFINITY;
        disc_span(ax, ay, reach, py, &lo, &hi);
        disc_span(bx, by, reach, py, &lo, &hi);
        if (len > 0.0f) {
            /* the strip between the discs: along the axis 0..len, across it +-reach */
            float slo = -INFINITY, shi = INFINITY;
            linear_span(ux, -ax * ux + qy * uy, 0.0f, len, &slo, &shi);
            linear_span(uy, -ax * uy - qy * ux, -reach, reach, &slo, &shi);
            if (slo <= shi) {
                lo = minf(lo, slo);
                hi = maxf(hi, shi);
            }
        }
        int i0, i1;
        if (!cols_of(im, lo, hi, &i0, &i1))
            continue;
        /* the pixels surely inside (the end discs at their radii, the
         * strip at the smaller), filled without a distance each */
        int s0, s1;
        float slo, shi;
        solid_span(ax, ay, ra, bx, by, rb, len, ux, uy, py, &slo, &shi);
        if (!cols_of(im, slo, shi, &s0, &s1) || s0 < i0 || s1 > i1)
            s0 = i1 + 1, s1 = i1;
        uint32_t *row = im->px + (size_t)j * (size_t)im->pitch;
        for (int i = i0; i <= i1; i++) {
            if (i == s0) {
                fill_span(row, s0, s1, c);
                i = s1;
                continue;
            }
            float qx = (float)(im->x + i) + 0.5f - ax;
            float t = clamp01((qx * dx + qy * dy) * inv);
            float ex = qx - t * dx, ey = qy - t * dy, d2 = ex * ex + ey * ey;
            float r = ra + (rb - ra) * t;
            float cov = d2 <= r * r ? 1.0f : d2 >= (r + 1.0f) * (r + 1.0f) ? 0.0f : r + 1.0f - sqrtf(d2);
            if (cov < 1.0f) {
                /* a steep taper leaves the wider end's disc a little
                 * outside the axis's radius: the discs count too */
                cov = maxf(cov, disc_cover(qx, qy, ra));
                cov = maxf(cov, disc_cover(qx - dx, qy - dy, rb));
                if (cov <= 0.0f)
                    continue;
            }
            unsigned a = weight(cov, c.a);
            if (a)
                row[i] = mix_px(row[i], c, a);
        }
    }
}

void raster_polygon(const RasterImage *im, const float *xy, int n, RasterColor c)
{
    if (n < 3 || n > RASTER_MAX_POINTS || c.a == 0)
        return;
    float area = 0.0f, top = INFINITY, bottom = -INFINITY, left = INFINITY, right = -INFINITY;
    for (int k = 0; k < n; k++) {
        const float *p = &xy[2 * k], *q = &xy[2 * ((k + 1) % n)];
        area += p[0] * q[1] - q[0] * p[1];
        top = minf(top, p[1]);
        bottom = maxf(bottom, p[1]);
        left = minf(left, p[0]);
        right = maxf(right, p[0]);
    }
    if (!isfinite(area) || fabsf(area) < 1e-4f)
        return;
    /* each edge as an inward unit normal and offset: inside where nx*x + ny*y + k >= 0 */
    float nx[RASTER_MAX_POINTS], ny[RASTER_MAX_POINTS], nk[RASTER_MAX_POINTS];
    int edges = 0;
    float sign = area > 0.0f ? 1.0f : -1.0f;
    for (int k = 0; k < n; k++) {
        const float *p = &xy[2 * k], *q = &xy[2 * ((k + 1) % n)];
        float ex = q[0] - p[0], ey = q[1] - p[1], l = sqrtf(ex * ex + ey * ey);
        if (l < 1e-6f)
            continue;
        nx[edges] = -ey / l * sign;
        ny[edges] = ex / l * sign;
        nk[edges] = -(nx[edges] * p[0] + ny[edges] * p[1]);
        edges++;
    }
    int j0, j1;
    if (!rows_of(im, top - 0.5f, bottom + 0.5f, &j0, &j1))
        return;
    for (int j = j0; j <= j1; j++) {
        float py = (float)(im->y + j) + 0.5f;
        /* the soft edge reaches past a sharp corner; the extent is the limit */
        float lo = left - 0.5f, hi = right + 0.5f;
        for (int e = 0; e < edges; e++)
            linear_span(nx[e], ny[e] * py + nk[e], -0.5f, INFINITY, &lo, &hi);
        int i0, i1;
        if (!cols_of(im, lo, hi, &i0, &i1))
            continue;
        uint32_t *row = im->px + (size_t)j * (size_t)im->pitch;
        for (int i = i0; i <= i1; i++) {
            float px = (float)(im->x + i) + 0.5f, d = INFINITY;
            for (int e = 0; e < edges; e++)
                d = minf(d, nx[e] * px + ny[e] * py + nk[e]);
            unsigned a = weight(clamp01(d + 0.5f), c.a);
            if (a)
                row[i] = mix_px(row[i], c, a);
        }
    }
}

void raster_ring(const RasterImage *im, float cx, float cy, float r_in, float r_out, float span, RasterColor track,
                 RasterColor fill)
{
    if (!isfinite(cx + cy + r_in + r_out + span) || !(r_out > r_in) || r_in < 0.0f)
        return;
    span = clamp01(span);
    /* the fill's end, clockwise from the top on a y-down screen */
    float ang = span * 2.0f * VEC_PI, ex = sinf(ang), ey = -cosf(ang);
    /* the direction half way to the end: the two lines through the centre
     * bound the wedge only on its own side of it (their other halves
     * cross the ring's far side, where a pixel near them would show) */
    float mx = sinf(ang * 0.5f), my = -cosf(ang * 0.5f);
    float outer = r_out + 1.0f, inner = r_in - 1.0f;
    float solid_in = r_in * r_in, solid_out = r_out * r_out; /* d^2 between these: wholly covered */
    int j0, j1;
    if (!rows_of(im, cy - outer, cy + outer, &j0, &j1))
        return;
    for (int j = j0; j <= j1; j++) {
        float py = (float)(im->y + j) + 0.5f, dy = py - cy;
        float lo = INFINITY, hi = -INFINITY;
        disc_span(cx, cy, outer, py, &lo, &hi);
        /* the row's run, less the pixels wholly inside the hole: one run
         * above and below the hole, two beside it */
        float hole = inner > 0.0f && inner * inner > dy * dy ? sqrtf(inner * inner - dy * dy) - 0.5f : -1.0f;
        float runs[2][2] = {{lo, hole < 0.0f ? hi : cx - hole}, {cx + hole, hi}};
        uint32_t *row = im->px + (size_t)j * (size_t)im->pitch;
        for (int k = 0; k < (hole < 0.0f ? 1 : 2); k++) {
            int i0, i1;
            if (!cols_of(im, runs[k][0], runs[k][1], &i0, &i1))
                continue;
            for (int i = i0; i <= i1; i++) {
                float dx = (float)(im->x + i) + 0.5f - cx, d2 = dx * dx + dy * dy;
                float cr;
                if (d2 >= solid_in && d2 <= solid_out)
                    cr = 1.0f;
                else {
                    float d = sqrtf(d2);
                    cr = clamp01(minf(d - inner, outer - d));
                    if (cr <= 0.0f)
                        continue;
                }
                /* how much of the pixel is fill: the wedge from the top to
                 * the end, as half planes (or, past half way, one less the
                 * rest of the ring as half planes) */
                float ca;
                if (span <= 0.0f)
                    ca = 0.0f;
                else if (span >= 1.0f)
                    ca = 1.0f;
                else if (span <= 0.5f)
                    ca = clamp01(0.5f + minf(minf(dx, dx * ey - dy * ex), dx * mx + dy * my));
                else
                    ca = 1.0f - clamp01(0.5f + minf(minf(-dx, dy * ex - dx * ey), -(dx * mx + dy * my)));
                RasterColor c = ca <= 0.0f ? track : ca >= 1.0f ? fill : mix_color(track, fill, ca);
                unsigned w = weight(cr, c.a);
                if (w)
                    row[i] = mix_px(row[i], c, w);
            }
        }
    }
}

void raster_fill(const RasterImage *im, RasterColor c)
{
    if (im->w <= 0 || im->h <= 0)
        return;
    uint32_t v = (uint32_t)c.a << 24 | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
    for (int i = 0; i < im->w; i++)
        im->px[i] = v;
    for (int j = 1; j < im->h; j++) /* the first row, copied: memcpy is the fastest store there is */
        memcpy(im->px + (size_t)j * (size_t)im->pitch, im->px, sizeof *im->px * (size_t)im->w);
}

void raster_list_clear(RasterList *l)
{
    l->count = 0;
    l->full = false;
    l->any = false;
    memset(l->extent, 0, sizeof l->extent);
}

/* Whether the N numbers V are all finite and within RASTER_MAX_COORD. */
static bool reasonable(const float *v, int n)
{
    for (int k = 0; k < n; k++)
        if (!(fabsf(v[k]) <= RASTER_MAX_COORD))
            return false;
    return true;
}

/* V to an eighth of a pixel: finer than the eye, coarse enough that a
 * still figure gives the same list frame after frame. */
static float eighth(float v) { return roundf(v * 8.0f) * 0.125f; }

/* The extent of S, soft edges included: x0, y0, x1, y1. */
static void shape_extent(const RasterShape *s, float e[4])
{
    if (s->kind == RASTER_CAPSULE) {
        e[0] = minf(s->p[0] - s->p[2], s->p[3] - s->p[5]) - 1.0f;
        e[1] = minf(s->p[1] - s->p[2], s->p[4] - s->p[5]) - 1.0f;
        e[2] = maxf(s->p[0] + s->p[2], s->p[3] + s->p[5]) + 1.0f;
        e[3] = maxf(s->p[1] + s->p[2], s->p[4] + s->p[5]) + 1.0f;
        return;
    }
    e[0] = e[1] = INFINITY;
    e[2] = e[3] = -INFINITY;
    for (int k = 0; k < s->n; k++) {
        e[0] = minf(e[0], s->p[2 * k] - 0.5f), e[1] = minf(e[1], s->p[2 * k + 1] - 0.5f);
        e[2] = maxf(e[2], s->p[2 * k] + 0.5f), e[3] = maxf(e[3], s->p[2 * k + 1] + 0.5f);
    }
}

/* Widens the extent E0 by E. */
static void extent_add(bool *any, float e0[4], const float e[4])
{
    if (!*any) {
        memcpy(e0, e, sizeof(float) * 4);
        *any = true;
        return;
    }
    e0[0] = minf(e0[0], e[0]), e0[1] = minf(e0[1], e[1]);
    e0[2] = maxf(e0[2], e[2]), e0[3] = maxf(e0[3], e[3]);
}

static void extend(RasterList *l, const RasterShape *s)
{
    float e[4];
    shape_extent(s, e);
    extent_add(&l->any, l->extent, e);
}

/* The whole pixels of the extent E: X, Y, W, H in B. */
static void pixel_box(const float e[4], int b[4])
{
    /* far beyond any screen is as good as the screen's edge */
    const int lim = 10000000;
    b[0] = floor_in(e[0], -lim, lim);
    b[1] = floor_in(e[1], -lim, lim);
    b[2] = ceil_in(e[2], -lim, lim) - b[0];
    b[3] = ceil_in(e[3], -lim, lim) - b[1];
}

/* The next free shape, zeroed; NULL (and L->full) when there is none. */
static RasterShape *next_shape(RasterList *l)
{
    if (l->count >= RASTER_MAX_SHAPES) {
        l->full = true;
        return NULL;
    }
    RasterShape *s = &l->shapes[l->count];
    memset(s, 0, sizeof *s);
    return s;
}

bool raster_list_capsule(RasterList *l, float ax, float ay, float ra, float bx, float by, float rb, RasterColor c)
{
    float v[6] = {ax, ay, ra, bx, by, rb};
    if (!(ra >= 0.0f) || !(rb >= 0.0f) || !reasonable(v, 6))
        return true; /* nothing to draw: not a lack of room */
    RasterShape *s = next_shape(l);
    if (!s)
        return false;
    *s = (RasterShape){.kind = RASTER_CAPSULE,
                       .color = c,
                       .p = {eighth(ax), eighth(ay), eighth(ra), eighth(bx), eighth(by), eighth(rb)}};
    l->count++;
    extend(l, s);
    return true;
}

bool raster_list_polygon(RasterList *l, const float *xy, int n, RasterColor c)
{
    if (n < 3 || n > RASTER_MAX_POINTS)
        return false;
    if (!reasonable(xy, 2 * n))
        return true;
    RasterShape *s = next_shape(l);
    if (!s)
        return false;
    s->kind = RASTER_POLYGON;
    s->color = c;
    s->n = n;
    for (int k = 0; k < 2 * n; k++)
        s->p[k] = eighth(xy[k]);
    l->count++;
    extend(l, s);
    return true;
}

void raster_list_box(const RasterList *l, int *x, int *y, int *w, int *h)
{
    *x = *y = *w = *h = 0;
    if (!l->any)
        return;
    int b[4];
    pixel_box(l->extent, b);
    *x = b[0], *y = b[1], *w = b[2], *h = b[3];
}

bool raster_list_changes(const RasterList *was, const RasterList *now, int *x, int *y, int *w, int *h)
{
    *x = *y = *w = *h = 0;
    if (was->count != now->count)
        return false;
    float all[4] = {0, 0, 0, 0}, e[4];
    bool any = false;
    for (int k = 0; k < now->count; k++) {
        const RasterShape *a = &was->shapes[k], *b = &now->shapes[k];
        if (!memcmp(a, b, sizeof *a))
            continue;
        shape_extent(a, e);
        extent_add(&any, all, e);
        shape_extent(b, e);
        extent_add(&any, all, e);
    }
    if (any) {
        int b[4];
        pixel_box(all, b);
        *x = b[0], *y = b[1], *w = b[2], *h = b[3];
    }
    return true;
}

void raster_list_draw(const RasterList *l, const RasterImage *im)
{
    for (int k = 0; k < l->count; k++) {
        const RasterShape *s = &l->shapes[k];
        if (s->kind == RASTER_CAPSULE)
            raster_capsule(im, s->p[0], s->p[1], s->p[2], s->p[3], s->p[4], s->p[5], s->color);
        else
            raster_polygon(im, s->p, s->n, s->color);
    }
}

void raster_ring_changes(float cx, float cy, float r_in, float r_out, float span_a, float span_b, int *x, int *y,
                         int *w, int *h)
{
    *x = *y = *w = *h = 0;
    span_a = clamp01(span_a), span_b = clamp01(span_b);
    if (span_a == span_b || !isfinite(cx + cy + r_in + r_out))
        return;
    float lo = minf(span_a, span_b), hi = maxf(span_a, span_b);
    float outer = r_out + 1.0f, inner = maxf(r_in - 1.0f, 0.0f);
    float e[4] = {cx - outer, cy - outer, cx + outer, cy + outer};
    if (hi - lo < 0.25f) {
        /* the wedge between the two ends: its corners, and the outer
         * edge's extremes at the quarter turns it passes, with the ends'
         * half-pixel ramps */
        bool any = false;
        float b[4] = {0, 0, 0, 0};
        for (int k = 0; k < 7; k++) {
            /* the ends at both radii, then the quarter turns between them */
            float at = k < 4 ? (k < 2 ? lo : hi) : 0.25f * (float)(k - 3), rad = k < 4 && k % 2 == 0 ? inner : outer;
            if (k >= 4 && !(at > lo && at < hi))
                continue;
            float ang = at * 2.0f * VEC_PI, px = cx + sinf(ang) * rad, py = cy - cosf(ang) * rad;
            float pt[4] = {px - 1.0f, py - 1.0f, px + 1.0f, py + 1.0f};
            extent_add(&any, b, pt);
        }
        memcpy(e, b, sizeof e);
    }
    int box[4];
    pixel_box(e, box);
    *x = box[0], *y = box[1], *w = box[2], *h = box[3];
}
