/* camera.h — how the viewer sees the figure, and how large: the one
 * projection the drawing, the framing and the tests share, and the fit
 * of a pose's extent into the stage it is drawn on.
 *
 * The viewer stands to the figure's left (+z), level or looking down by a
 * pitch, and sees it orthographically: the view plane's x is the world's
 * x, its y is up, and depth grows towards the viewer. The figure module
 * says what must be seen at each moment (a pose's extent over its whole
 * breath and loop, blended through moves); camera_fit turns that box into
 * a scale and a place on the stage. Everything here is a pure function of
 * its arguments, so the view at a moment of the practice is the same
 * however often, or in whatever order, it is asked for. */
#ifndef PSOAS_CAMERA_H
#define PSOAS_CAMERA_H

#include <stdbool.h>

#include "vec.h"

/* The share of the stage the framed box fills in its binding dimension
 * (the one that runs out first): large, with a margin for the soft edges
 * and the psoas glow. */
#define CAMERA_FILL 0.85f

/* A point seen from the camera: view-plane x and y in body heights, and
 * depth (bigger is nearer). */
typedef struct CameraPoint {
    float x, y, d;
} CameraPoint;

/* An extent in the view plane, in body heights; empty when x0 > x1. */
typedef struct CameraBox {
    float x0, y0, x1, y1;
} CameraBox;

/* Where the view plane goes on the screen. */
typedef struct CameraView {
    float scale;    /* pixels per body height */
    float center_x; /* screen x of view x = 0 */
    float floor_y;  /* screen y of view y = 0 (the floor, seen level) */
} CameraView;

/* P seen from a viewer looking down by PITCH_DEG degrees. */
CameraPoint camera_project(float pitch_deg, Vec3 p);

/* An empty box. */
CameraBox camera_box_empty(void);

/* Widens B to hold a disc of radius R at X,Y. */
void camera_box_add(CameraBox *b, float x, float y, float r);

/* Widens B to hold C (an empty C changes nothing). */
void camera_box_union(CameraBox *b, CameraBox c);

/* A and B blended T (0..1) of the way. */
CameraBox camera_box_lerp(CameraBox a, CameraBox b, float t);

bool camera_box_is_empty(CameraBox b);

/* The view that shows BOX as large as fits on the stage at X,Y of W by H
 * pixels: CAMERA_FILL of the stage in the box's binding dimension,
 * centred across, its bottom as far above the stage's foot as the fill
 * leaves in height (so the floor stays low and still while the width
 * binds). A box smaller than a small child's pose is framed as one that size (a body curled up), so
 * a small pose is not blown up past the others. */
CameraView camera_fit(CameraBox box, float x, float y, float w, float h);

#endif
