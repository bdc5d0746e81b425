/* test_raster.c — the rasteriser the figure and the breath ring are drawn
 * with: coverage and soft edges, clipping to the image (and never past a
 * row's width), bad numbers, the ring's fill and track, shape lists and
 * their boxes, and the partial redraw: pixels made again only where shapes
 * changed equal a picture made whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "raster.h"

enum { W = 120, H = 100, PITCH = 128 /* wider than W: the padding must stay untouched */ };

static const RasterColor black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
static const uint32_t sentinel = 0x12345678u;

typedef struct Canvas {
    uint32_t px[PITCH * H];
    RasterImage im;
} Canvas;

static Canvas *canvas(RasterColor bg)
{
    Canvas *c = malloc(sizeof *c);
    assert_non_null(c);
    for (int i = 0; i < PITCH * H; i++)
        c->px[i] = sentinel;
    c->im = (RasterImage){c->px, W, H, PITCH, 0, 0};
    raster_fill(&c->im, bg);
    return c;
}

static unsigned red(const Canvas *c, int x, int y) { return (c->px[y * PITCH + x] >> 16) & 255u; }
static unsigned blue(const Canvas *c, int x, int y) { return c->px[y * PITCH + x] & 255u; }

/* Nothing was written past the rows' width, and every pixel is opaque. */
static void assert_tidy(const Canvas *c)
{
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < PITCH; x++) {
            uint32_t p = c->px[y * PITCH + x];
            if (x >= W ? p != sentinel : (p >> 24) != 255)
                fail_msg("pixel %d,%d is %08x", x, y, (unsigned)p);
        }
    }
}

/* The sum of red over the image, in whole pixels. */
static double red_area(const Canvas *c)
{
    double sum = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            sum += red(c, x, y) / 255.0;
    return sum;
}

static void test_disc_coverage(void **state)
{
    (void)state;
    Canvas *c = canvas(black);
    raster_capsule(&c->im, 60, 50, 20, 60, 50, 20, white);
    assert_int_equal(red(c, 60, 50), 255);
    assert_int_equal(red(c, 60, 50 + 19), 255); /* pixel centre 19.5 from the middle: inside */
    assert_int_equal(red(c, 60, 50 + 21), 0);   /* 21.5: past the soft edge */
    unsigned edge = red(c, 60, 50 + 20);        /* 20.5: half way across it */
    assert_true(edge > 100 && edge < 155);
    /* solid to r, a ramp to r + 1: the area of a disc of r + 0.5 */
    double want = M_PI * 20.5 * 20.5;
    assert_true(fabs(red_area(c) - want) < want * 0.01);
    assert_tidy(c);
    free(c);
}

/* The capsule's coverage at pixel X,Y, from its definition: every pixel
 * visited, no spans. */
static float reference_cover(float ax, float ay, float ra, float bx, float by, float rb, int x, int y)
{
    float px = (float)x + 0.5f - ax, py = (float)y + 0.5f - ay, dx = bx - ax, dy = by - ay;
    float len2 = dx * dx + dy * dy;
    float t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    float ex = px - t * dx, ey = py - t * dy, d = sqrtf(ex * ex + ey * ey), r = ra + (rb - ra) * t;
    float cov = r + 1 - d;
    /* and the end discs */
    float da = sqrtf(px * px + py * py), db = sqrtf((px - dx) * (px - dx) + (py - dy) * (py - dy));
    cov = cov > ra + 1 - da ? cov : ra + 1 - da;
    cov = cov > rb + 1 - db ? cov : rb + 1 - db;
    return cov < 0 ? 0 : cov > 1 ? 1 : cov;
}

/* Capsules every way round, thick and thin, tapered both ways, partly off
 * the image: the spans find every pixel the definition covers. */
static void test_capsules_match_their_definition(void **state)
{
    (void)state;
    srand(7);
    for (int k = 0; k < 300; k++) {
        float ax = (float)(rand() % 1400) / 10.0f - 10, ay = (float)(rand() % 1200) / 10.0f - 10;
        float bx = k % 5 == 0 ? ax : (float)(rand() % 1400) / 10.0f - 10;
        float by = k % 5 == 0 ? ay : (float)(rand() % 1200) / 10.0f - 10;
        float ra = (float)(rand() % 300) / 10.0f, rb = k % 3 == 0 ? ra : (float)(rand() % 300) / 10.0f;
        Canvas *c = canvas(black);
        raster_capsule(&c->im, ax, ay, ra, bx, by, rb, white);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int want = (int)(reference_cover(ax, ay, ra, bx, by, rb, x, y) * 255.0f + 0.5f);
                int got = (int)red(c, x, y);
                if (abs(got - want) > 2)
                    fail_msg("capsule %d (%.1f,%.1f r %.1f to %.1f,%.1f r %.1f): pixel %d,%d is %d, not %d", k,
                             (double)ax, (double)ay, (double)ra, (double)bx, (double)by, (double)rb, x, y, got, want);
            }
        }
        assert_tidy(c);
        free(c);
    }
}

static void test_tapered_capsule(void **state)
{
    (void)state;
    Canvas *c = canvas(black);
    raster_capsule(&c->im, 20, 50, 5, 100, 50, 15, white);
    /* half way along, the radius is 10: 20 rows solid, a soft row each side */
    int solid = 0;
    for (int y = 0; y < H; y++)
        solid += red(c, 60, y) == 255;
    assert_int_equal(solid, 20);
    assert_int_equal(red(c, 20, 50 - 7), 0);  /* the thin end */
    assert_int_equal(red(c, 100, 50 - 14), 255); /* the thick end */
    assert_int_equal(red(c, 60, 50 - 12), 0);
    assert_tidy(c);
    free(c);
}

static void test_alpha_blends(void **state)
{
    (void)state;
    Canvas *c = canvas((RasterColor){0, 0, 200, 255});
    raster_capsule(&c->im, 60, 50, 10, 60, 50, 10, (RasterColor){255, 0, 0, 128});
    unsigned r = red(c, 60, 50), b = blue(c, 60, 50);
    assert_true(r >= 126 && r <= 130);
    assert_true(b >= 98 && b <= 102);
    assert_tidy(c);
    free(c);
}

static void test_polygon_edges(void **state)
{
    (void)state;
    /* a square on whole pixels covers exactly its pixels, either winding */
    float cw[] = {10, 10, 30, 10, 30, 30, 10, 30}, ccw[] = {10, 10, 10, 30, 30, 30, 30, 10};
    for (int k = 0; k < 2; k++) {
        Canvas *c = canvas(black);
        raster_polygon(&c->im, k ? ccw : cw, 4, white);
        for (int y = 5; y < 35; y++) {
            for (int x = 5; x < 35; x++) {
                bool in = x >= 10 && x < 30 && y >= 10 && y < 30;
                if (red(c, x, y) != (in ? 255u : 0u))
                    fail_msg("winding %d: pixel %d,%d is %u", k, x, y, red(c, x, y));
            }
        }
        assert_true(fabs(red_area(c) - 400.0) < 0.5);
        assert_tidy(c);
        free(c);
    }
    /* half a pixel off the grid: the edge pixels are half covered */
    Canvas *c = canvas(black);
    float half[] = {10.5f, 10, 30.5f, 10, 30.5f, 30, 10.5f, 30};
    raster_polygon(&c->im, half, 4, white);
    assert_true(red(c, 10, 20) > 120 && red(c, 10, 20) < 135);
    assert_true(red(c, 30, 20) > 120 && red(c, 30, 20) < 135);
    assert_int_equal(red(c, 20, 20), 255);
    /* a triangle too */
    float tri[] = {60, 10, 100, 90, 20, 90};
    raster_polygon(&c->im, tri, 3, white);
    assert_int_equal(red(c, 60, 60), 255);
    assert_int_equal(red(c, 25, 50), 0);
    free(c);
}

static void test_clipped_and_bad_input(void **state)
{
    (void)state;
    Canvas *c = canvas(black);
    /* half off every edge, wholly off, huge, not a number: nothing past the image */
    raster_capsule(&c->im, -10, 50, 30, 130, 50, 30, white);
    raster_capsule(&c->im, 60, -10, 25, 60, 110, 25, white);
    raster_capsule(&c->im, -500, -500, 10, -400, -400, 10, white);
    raster_capsule(&c->im, 1e30f, 1e30f, 1e30f, -1e30f, 1e30f, 5, white);
    raster_capsule(&c->im, NAN, 5, 5, 5, 5, 5, white);
    raster_capsule(&c->im, 5, 5, -3, 5, 5, 5, white);
    float big[] = {-1e30f, -1e30f, 1e30f, -1e30f, 1e30f, 1e30f};
    raster_polygon(&c->im, big, 3, (RasterColor){0, 0, 255, 255});
    float flat[] = {10, 10, 50, 10, 90, 10};
    raster_polygon(&c->im, flat, 3, white);
    float nan_pt[] = {10, 10, NAN, 10, 50, 50};
    raster_polygon(&c->im, nan_pt, 3, white);
    raster_polygon(&c->im, big, 2, white);
    raster_ring(&c->im, 60, 50, 30, 10, 0.5f, white, white); /* inner past outer */
    raster_ring(&c->im, 60, 50, 10, 300, 0.5f, white, white); /* far past the image */
    assert_tidy(c);
    assert_int_equal(red(c, 0, 50), 255);
    assert_int_equal(red(c, W - 1, 50), 255);
    free(c);
    /* an image wholly off the shapes' way, and an empty one */
    Canvas *d = canvas(black);
    RasterImage moved = d->im;
    moved.x = 1000;
    raster_capsule(&moved, 60, 50, 20, 60, 50, 20, white);
    RasterImage none = {d->px, 0, 0, PITCH, 0, 0};
    raster_fill(&none, white);
    raster_capsule(&none, 60, 50, 20, 60, 50, 20, white);
    assert_true(red_area(d) == 0.0);
    free(d);
}

/* An image filled transparent holds the shapes alone: alpha where they
 * cover it, "over" where they overlap, untouched elsewhere; opaque
 * colours write themselves. */
static void test_over_transparent(void **state)
{
    (void)state;
    Canvas *c = canvas((RasterColor){0, 0, 0, 0});
    raster_capsule(&c->im, 40, 50, 15, 40, 50, 15, (RasterColor){255, 0, 0, 128});
    uint32_t p = c->px[50 * PITCH + 40];
    assert_true((p >> 24) >= 126 && (p >> 24) <= 130);
    assert_int_equal((p >> 16) & 255u, 255); /* straight alpha: the colour itself */
    assert_int_equal(c->px[5 * PITCH + 5], 0u);
    /* a second half-covering shape over it: alpha 1 - 0.5 * 0.5 */
    raster_capsule(&c->im, 40, 50, 15, 40, 50, 15, (RasterColor){0, 0, 255, 128});
    p = c->px[50 * PITCH + 40];
    assert_true((p >> 24) >= 189 && (p >> 24) <= 194);
    assert_true((p & 255u) > ((p >> 16) & 255u)); /* the later shape is on top */
    /* the soft edge is partly transparent, not dark */
    raster_capsule(&c->im, 90, 50, 10, 90, 50, 10, white);
    p = c->px[50 * PITCH + 100];
    assert_true((p >> 24) > 50 && (p >> 24) < 205);
    assert_int_equal((p >> 16) & 255u, 255);
    /* an opaque colour is simply written */
    raster_capsule(&c->im, 90, 20, 5, 90, 20, 5, (RasterColor){10, 20, 30, 255});
    assert_int_equal(c->px[20 * PITCH + 90], 0xFF0A141Eu);
    free(c);
}

static void test_image_origin(void **state)
{
    (void)state;
    /* an image whose pixel 0,0 is at 200,300 draws the same shape as one at 0,0 */
    Canvas *a = canvas(black), *b = canvas(black);
    raster_capsule(&a->im, 40, 30, 12, 90, 70, 6, white);
    b->im.x = 200;
    b->im.y = 300;
    raster_capsule(&b->im, 240, 330, 12, 290, 370, 6, white);
    assert_memory_equal(a->px, b->px, sizeof a->px);
    free(a);
    free(b);
}

static void test_ring(void **state)
{
    (void)state;
    RasterColor track = {0, 0, 255, 255}, fill = {255, 0, 0, 255};
    Canvas *c = canvas(black);
    raster_ring(&c->im, 60, 50, 30, 40, 0.25f, track, fill);
    /* a quarter, clockwise from the top: the top right is fill */
    int r = 35;
    int tr_x = 60 + (int)(r * 0.7071f), tr_y = 50 - (int)(r * 0.7071f);
    int br_x = tr_x, br_y = 50 + (int)(r * 0.7071f), l_x = 60 - r;
    assert_int_equal(red(c, tr_x, tr_y), 255);
    assert_int_equal(blue(c, br_x, br_y), 255);
    assert_int_equal(blue(c, l_x, 50), 255);
    assert_int_equal(red(c, 60, 50), 0);  /* the hole */
    assert_int_equal(blue(c, 60, 50), 0);
    assert_int_equal(blue(c, 5, 5), 0);   /* outside */
    assert_tidy(c);
    /* past half way: three quarters fill, the top left quarter track */
    raster_fill(&c->im, black);
    raster_ring(&c->im, 60, 50, 30, 40, 0.75f, track, fill);
    assert_int_equal(red(c, br_x, br_y), 255);
    assert_int_equal(red(c, l_x, 50 + 3), 255);
    assert_int_equal(blue(c, 60 - (int)(r * 0.7071f), tr_y), 255);
    /* empty and full */
    raster_fill(&c->im, black);
    raster_ring(&c->im, 60, 50, 30, 40, 0.0f, track, fill);
    assert_true(red_area(c) == 0.0);
    raster_fill(&c->im, black);
    raster_ring(&c->im, 60, 50, 30, 40, 1.0f, track, fill);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            assert_int_equal(blue(c, x, y), 0);
    double want = M_PI * (40.5 * 40.5 - 29.5 * 29.5);
    assert_true(fabs(red_area(c) - want) < want * 0.01);
    free(c);
}

static void test_list(void **state)
{
    (void)state;
    RasterList *l = malloc(sizeof *l);
    assert_non_null(l);
    raster_list_clear(l);
    int x, y, w, h;
    raster_list_box(l, &x, &y, &w, &h);
    assert_int_equal(w * h, 0);
    assert_true(raster_list_capsule(l, 30, 40, 5, 70, 40, 8, white));
    float sq[] = {20, 60, 50, 60, 50, 80, 20, 80};
    assert_true(raster_list_polygon(l, sq, 4, white));
    assert_false(raster_list_polygon(l, sq, 5, white));
    assert_true(raster_list_capsule(l, NAN, 1, 1, 1, 1, 1, white)); /* left out, not a lack of room */
    assert_int_equal(l->count, 2);
    raster_list_box(l, &x, &y, &w, &h);
    assert_int_equal(x, 19);
    assert_int_equal(y, 31);
    assert_int_equal(x + w, 79);
    assert_int_equal(y + h, 81);
    /* every pixel drawn lies in the box */
    Canvas *c = canvas(black);
    raster_list_draw(l, &c->im);
    for (int j = 0; j < H; j++)
        for (int i = 0; i < W; i++)
            if (red(c, i, j) && (i < x || i >= x + w || j < y || j >= y + h))
                fail_msg("pixel %d,%d outside the box", i, j);
    /* numbers beyond any screen are left out, not squared into infinity */
    int before = l->count;
    assert_true(raster_list_capsule(l, 3e38f, 0, 0, -3e38f, 0, 3e38f, white));
    assert_true(raster_list_capsule(l, 2e7f, 0, 1, 0, 0, 1, white));
    float far[] = {0, 0, 5e7f, 0, 0, 5};
    assert_true(raster_list_polygon(l, far, 3, white));
    assert_int_equal(l->count, before);
    /* a sharp corner's soft edge stays inside the polygon's box */
    RasterList *sharp = malloc(sizeof *sharp);
    assert_non_null(sharp);
    raster_list_clear(sharp);
    float tri[] = {30, 29.5f, 110, 27.5f, 110, 31.5f};
    raster_list_polygon(sharp, tri, 3, white);
    int sx, sy, sw, sh;
    raster_list_box(sharp, &sx, &sy, &sw, &sh);
    Canvas *t = canvas(black);
    raster_list_draw(sharp, &t->im);
    for (int j = 0; j < H; j++)
        for (int i = 0; i < W; i++)
            if (red(t, i, j) && (i < sx || i >= sx + sw || j < sy || j >= sy + sh))
                fail_msg("the sharp corner reaches pixel %d,%d outside %d,%d %dx%d", i, j, sx, sy, sw, sh);
    free(t);
    free(sharp);
    /* nearly equal numbers make equal shapes */
    RasterList *m = malloc(sizeof *m);
    assert_non_null(m);
    raster_list_clear(m);
    raster_list_capsule(m, 30.01f, 39.99f, 5.02f, 70, 40, 8, white);
    raster_list_polygon(m, sq, 4, white);
    assert_memory_equal(l->shapes, m->shapes, sizeof l->shapes[0] * 2);
    /* a full list says so */
    raster_list_clear(m);
    for (int k = 0; k < RASTER_MAX_SHAPES; k++)
        assert_true(raster_list_capsule(m, 1, 1, 1, 2, 2, 1, white));
    assert_false(m->full);
    assert_false(raster_list_capsule(m, 1, 1, 1, 2, 2, 1, white));
    assert_true(m->full);
    assert_int_equal(m->count, RASTER_MAX_SHAPES);
    free(c);
    free(l);
    free(m);
}

/* Draws WAS whole, then NOW only where raster_list_changes says, and
 * checks that against NOW drawn whole. Returns the area made again. */
static int redraw_matches(const RasterList *was, const RasterList *now)
{
    Canvas *part = canvas(black), *whole = canvas(black);
    raster_list_draw(was, &part->im);
    raster_list_draw(now, &whole->im);
    int x, y, w, h;
    assert_true(raster_list_changes(was, now, &x, &y, &w, &h));
    /* the changed box, cut to the image, as an image of its own */
    int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y, x1 = x + w > W ? W : x + w, y1 = y + h > H ? H : y + h;
    if (x1 > x0 && y1 > y0) {
        RasterImage sub = {part->px + y0 * PITCH + x0, x1 - x0, y1 - y0, PITCH, x0, y0};
        raster_fill(&sub, black);
        raster_list_draw(now, &sub);
    }
    assert_memory_equal(part->px, whole->px, sizeof part->px);
    free(part);
    free(whole);
    return w * h;
}

static void test_partial_redraw(void **state)
{
    (void)state;
    RasterList *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    RasterColor grey = {128, 128, 128, 255}, red_c = {255, 0, 0, 200};
    float sq[] = {10, 70, 110, 70, 110, 76, 10, 76};
    /* the setting, a body of three overlapping parts, a line over them */
    raster_list_clear(a);
    raster_list_polygon(a, sq, 4, grey);
    raster_list_capsule(a, 50, 20, 12, 50, 60, 10, white);
    raster_list_capsule(a, 50, 30, 6, 80, 40, 4, white);
    raster_list_capsule(a, 40, 25, 2, 60, 55, 2, red_c);

    /* the same: nothing to make */
    memcpy(b, a, sizeof *a);
    assert_int_equal(redraw_matches(a, b), 0);
    /* the trunk narrows: what it covered must be made again, with the
     * arm and line over it */
    raster_list_clear(b);
    raster_list_polygon(b, sq, 4, grey);
    raster_list_capsule(b, 50, 20, 8, 50, 60, 7, white);
    raster_list_capsule(b, 50, 30, 6, 80, 40, 4, white);
    raster_list_capsule(b, 40, 25, 2, 60, 55, 2, red_c);
    int made = redraw_matches(a, b);
    assert_true(made > 0 && made < W * H / 3);
    /* the arm moves away; the line changes colour */
    raster_list_clear(b);
    raster_list_polygon(b, sq, 4, grey);
    raster_list_capsule(b, 50, 20, 12, 50, 60, 10, white);
    raster_list_capsule(b, 50, 30, 6, 20, 50, 4, white);
    raster_list_capsule(b, 40, 25, 2, 60, 55, 2, (RasterColor){0, 0, 255, 200});
    assert_true(redraw_matches(a, b) > 0);
    /* a part more: not alike enough */
    raster_list_capsule(b, 5, 5, 2, 9, 9, 2, white);
    int x, y, w, h;
    assert_false(raster_list_changes(a, b, &x, &y, &w, &h));
    free(a);
    free(b);
}

/* The ring filled to A, then made again only where raster_ring_changes
 * says for B, equals the ring filled to B made whole. Returns the area
 * made again. */
static float ring_cx = 60, ring_cy = 50; /* where the rings below are centred */

static int ring_redraw_matches(float a, float b)
{
    RasterColor track = {40, 50, 60, 255}, fill = {110, 190, 250, 255};
    Canvas *part = canvas(black), *whole = canvas(black);
    raster_ring(&part->im, ring_cx, ring_cy, 33.3f, 45.2f, a, track, fill);
    raster_ring(&whole->im, ring_cx, ring_cy, 33.3f, 45.2f, b, track, fill);
    int x, y, w, h;
    raster_ring_changes(ring_cx, ring_cy, 33.3f, 45.2f, a, b, &x, &y, &w, &h);
    int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y, x1 = x + w > W ? W : x + w, y1 = y + h > H ? H : y + h;
    if (x1 > x0 && y1 > y0) {
        RasterImage sub = {part->px + y0 * PITCH + x0, x1 - x0, y1 - y0, PITCH, x0, y0};
        raster_fill(&sub, black);
        raster_ring(&sub, ring_cx, ring_cy, 33.3f, 45.2f, b, track, fill);
    }
    if (memcmp(part->px, whole->px, sizeof part->px) != 0)
        fail_msg("the ring from %.3f to %.3f, made again in %d,%d %dx%d, is not the ring at %.3f", (double)a,
                 (double)b, x, y, w, h, (double)b);
    free(part);
    free(whole);
    return w * h;
}

static void test_ring_changes(void **state)
{
    (void)state;
    /* small steps, on and past each quarter turn, both ways */
    static const float steps[][2] = {{0.10f, 0.12f}, {0.24f, 0.26f}, {0.49f, 0.52f}, {0.74f, 0.77f},
                                     {0.97f, 1.0f},  {0.0f, 0.02f},  {0.60f, 0.58f}, {0.26f, 0.23f}};
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        int made = ring_redraw_matches(steps[k][0], steps[k][1]);
        if (made <= 0 || made > 91 * 91 / 4)
            fail_msg("%.2f to %.2f: made again %d pixels", (double)steps[k][0], (double)steps[k][1], made);
    }
    /* a tenth of a turn across each quarter: the outer edge bulges past both ends */
    static const float wide[][2] = {{0.20f, 0.30f}, {0.45f, 0.55f}, {0.70f, 0.80f}};
    for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
        ring_redraw_matches(wide[k][0], wide[k][1]);
    /* the steps a breath takes, all the way round and back */
    for (int k = 0; k < 90; k++) {
        float a = (float)k / 90.0f, b = (float)(k + 1) / 90.0f;
        ring_redraw_matches(a, b);
        ring_redraw_matches(b, a);
    }
    /* centres off the pixel grid, and the tiny first steps out of a hold:
     * the wedge's lines must not show across the ring's far side */
    static const float centres[][2] = {{60.4f, 50.6f}, {59.7f, 49.2f}, {60.5f, 50.5f}};
    static const float tiny[] = {0.0002f, 0.0015f, 0.004f, 0.9985f, 0.9998f};
    for (size_t c = 0; c < sizeof centres / sizeof centres[0]; c++) {
        ring_cx = centres[c][0], ring_cy = centres[c][1];
        for (size_t k = 0; k < sizeof tiny / sizeof tiny[0]; k++) {
            ring_redraw_matches(tiny[k] < 0.5f ? 0.0f : 1.0f, tiny[k]);
            ring_redraw_matches(tiny[k], tiny[k] < 0.5f ? 0.0f : 1.0f);
        }
        for (int k = 0; k < 90; k++)
            ring_redraw_matches((float)k / 90.0f, (float)(k + 1) / 90.0f);
    }
    ring_cx = 60, ring_cy = 50;
    /* the same: none; a large change: the whole ring */
    assert_int_equal(ring_redraw_matches(0.3f, 0.3f), 0);
    assert_true(ring_redraw_matches(1.0f, 0.0f) >= 91 * 91);
    assert_true(ring_redraw_matches(0.1f, 0.6f) >= 91 * 91);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disc_coverage),     cmocka_unit_test(test_tapered_capsule),
        cmocka_unit_test(test_capsules_match_their_definition),
        cmocka_unit_test(test_alpha_blends),      cmocka_unit_test(test_polygon_edges),
        cmocka_unit_test(test_clipped_and_bad_input), cmocka_unit_test(test_image_origin),
        cmocka_unit_test(test_over_transparent),
        cmocka_unit_test(test_ring),              cmocka_unit_test(test_list),
        cmocka_unit_test(test_partial_redraw),    cmocka_unit_test(test_ring_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
