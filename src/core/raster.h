/* raster.h — a small anti-aliased rasteriser for the figure and the
 * breath ring: capsules (limbs with round ends), convex polygons (the mat
 * and props) and rings, into 32-bit pixels.
 *
 * Why our own: SDL's software renderer rasterises every blended triangle
 * through a temporary surface the size of its bounding box, so a figure
 * of two thousand thin triangles cost more than decoding a video. Here
 * each shape walks only the pixels of its rows that it can touch, from
 * its distance field, and writes them once: a whole 1080p figure is a few
 * hundred thousand pixel visits.
 *
 * Shapes are gathered in a RasterList first, so the caller knows the box
 * they cover before it finds pixels for them, and can tell that a frame's
 * list is the one it drew last (coordinates are rounded to an eighth of
 * a pixel, so equal pictures give equal lists). */
#ifndef PSOAS_RASTER_H
#define PSOAS_RASTER_H

#include <stdbool.h>
#include <stdint.h>

/* A colour with straight (not premultiplied) alpha. */
typedef struct RasterColor {
    uint8_t r, g, b, a;
} RasterColor;

/* Pixels to draw into: 0xAARRGGBB in each uint32_t (SDL's ARGB8888). */
typedef struct RasterImage {
    uint32_t *px; /* the first pixel of the first row */
    int w, h;     /* size in pixels */
    int pitch;    /* uint32_t from one row to the next (at least w) */
    int x, y;     /* where pixel (0,0) lies in drawing coordinates */
} RasterImage;

enum {
    RASTER_MAX_SHAPES = 192, /* a figure, its psoas lines and eight chairs */
    RASTER_MAX_POINTS = 4    /* corners of a polygon */
};

/* Shapes with a number beyond this (pixels) are left out of lists: far
 * past any screen, and safe to square. */
#define RASTER_MAX_COORD 1e7f

typedef enum RasterKind { RASTER_CAPSULE, RASTER_POLYGON } RasterKind;

/* One shape; unused numbers are zero, so lists compare with memcmp. */
typedef struct RasterShape {
    RasterKind kind;   /* what P holds */
    RasterColor color; /* its colour; its alpha scales the coverage */
    int n;             /* polygon: corners (3..RASTER_MAX_POINTS) */
    float p[2 * RASTER_MAX_POINTS]; /* capsule: ax, ay, ra, bx, by, rb; polygon: x, y of each corner */
} RasterShape;

typedef struct RasterList {
    RasterShape shapes[RASTER_MAX_SHAPES]; /* in drawing order */
    int count;                             /* shapes held */
    bool full;                             /* a shape did not fit and was left out */
    bool any;                              /* the extent below is set */
    float extent[4];                       /* x0, y0, x1, y1 of all shapes, soft edges included */
} RasterList;

/* Empties L. */
void raster_list_clear(RasterList *l);

/* Adds a capsule: discs of radius RA at AX,AY and RB at BX,BY, and
 * between them the radius running from RA to RB along the axis (for a
 * gentle taper, the discs joined by their tangents), with a soft edge one
 * pixel wide outside the radii. A disc when both ends are the same.
 * Returns false (and sets L->full) when L is full. Shapes with a radius
 * below zero, or a number not finite or beyond RASTER_MAX_COORD, are left
 * out. */
bool raster_list_capsule(RasterList *l, float ax, float ay, float ra, float bx, float by, float rb, RasterColor c);

/* Adds a convex polygon of N (3..RASTER_MAX_POINTS) corners XY, either
 * winding, anti-aliased across its edges. False when L is full or N is out
 * of range. */
bool raster_list_polygon(RasterList *l, const float *xy, int n, RasterColor c);

/* The whole pixels that L's shapes touch: *X,*Y the top left, *W,*H the
 * size; all zero when L is empty. */
void raster_list_box(const RasterList *l, int *x, int *y, int *w, int *h);

/* Where NOW differs from WAS: the whole pixels *X,*Y,*W,*H whose colour
 * may differ (all zero when none may). Shape by shape, with the shapes at
 * the same place in both lists; false when the lists are not that alike
 * (a shape more or less), and everything must be drawn again. */
bool raster_list_changes(const RasterList *was, const RasterList *now, int *x, int *y, int *w, int *h);

/* Blends L's shapes into IM in order (see raster_capsule, raster_polygon). */
void raster_list_draw(const RasterList *l, const RasterImage *im);

/* The whole pixels *X,*Y,*W,*H whose colour may differ between the ring
 * of raster_ring filled to SPAN_A and to SPAN_B: the wedge between the
 * two ends for a small change, the whole ring for a large one, none when
 * they are the same. */
void raster_ring_changes(float cx, float cy, float r_in, float r_out, float span_a, float span_b, int *x, int *y,
                         int *w, int *h);

/* Sets every pixel of IM to C. */
void raster_fill(const RasterImage *im, RasterColor c);

/* Blends a capsule (see raster_list_capsule) into IM: each pixel is mixed
 * towards C by C's alpha times the coverage. Opaque pixels stay opaque
 * (the fast way); over others the blend is "over" in straight alpha, so an
 * image filled transparent first holds the shapes alone, to be blended
 * over something else. Pixels outside IM are skipped. */
void raster_capsule(const RasterImage *im, float ax, float ay, float ra, float bx, float by, float rb, RasterColor c);

/* Blends a convex polygon (see raster_list_polygon) into IM, as
 * raster_capsule does. */
void raster_polygon(const RasterImage *im, const float *xy, int n, RasterColor c);

/* Blends a ring centred at CX,CY between radii R_IN and R_OUT into IM,
 * as raster_capsule does, with a soft edge one pixel wide inside and out:
 * FILL over SPAN (0..1) of it clockwise from the top, TRACK over the rest. */
void raster_ring(const RasterImage *im, float cx, float cy, float r_in, float r_out, float span, RasterColor track,
                 RasterColor fill);

#endif
