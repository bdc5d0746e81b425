/* figure.h — the body at any moment of a practice: which pose (or which
 * blend of poses on the way between two), breathing, placed on the floor,
 * with its props and the line and length of each psoas.
 *
 * The figure asks nothing of a clock: it turns a TimelineState (the same
 * one the screen and the sound use) into a FigureFrame. Poses are blended
 * joint by joint with quaternion slerp, eased, through the intermediate
 * poses the library's routes name (standing to kneeling goes through a
 * forward fold); the body is then set down so its lowest point rests on
 * the floor. Units are body heights; the floor is y = 0. */
#ifndef PSOAS_FIGURE_H
#define PSOAS_FIGURE_H

#include "camera.h"
#include "poselib.h"
#include "psoas.h"
#include "routine.h"
#include "skeleton.h"
#include "timeline.h"

enum { FIGURE_MAX_PROPS = 8 };

/* A chair, counter, pillow or block under a body part. */
typedef struct FigureProp {
    PoseSurface kind;
    Vec3 top;     /* centre of its top surface, under the supported part */
    float facing; /* degrees the body faces (props are drawn square to it) */
    float alpha;  /* 0..1: fades in and out with the poses that use it */
} FigureProp;

typedef struct FigureFrame {
    SkelPose body;          /* every node in the world, lowest point on the floor */
    float breath;           /* 0 at the end of an exhale .. 1 at the top of an inhale */
    float view_pitch;       /* degrees the viewer looks down from */
    PsoasLine psoas[2];     /* [PSOAS_LEFT], [PSOAS_RIGHT] */
    float psoas_ratio[2];   /* length against standing */
    int stretched;          /* the psoas the pose is for: PSOAS_LEFT/RIGHT, or -1 */
    FigureProp props[FIGURE_MAX_PROPS];
    int prop_count;
    CameraBox frame;        /* what the camera frames now: the pose's extent over its whole breath
                               and loop in holds (so the view stays still), blended through moves */
} FigureFrame;

typedef struct Figure Figure;

/* Prepares LIB's poses (which must outlive the figure). Returns NULL when
 * out of memory. Free with figure_destroy. */
Figure *figure_create(const PoseLibrary *lib);

/* Accepts NULL. */
void figure_destroy(Figure *fg);

/* The body at the moment ST describes. */
void figure_at(const Figure *fg, const TimelineState *st, FigureFrame *out);

/* POSE held on SIDE with BREATH (0..1), LOOP_MS into its loop. */
void figure_pose(const Figure *fg, int pose, Side side, float breath, int64_t loop_ms,
                 FigureFrame *out);

/* The box in world space that prop P fills (the drawing stays inside it). */
void figure_prop_bounds(const FigureProp *p, Vec3 *lo, Vec3 *hi);

/* The extent of BODY seen at PITCH, with room for the limbs' thickness. */
CameraBox figure_body_box(const SkelPose *body, float pitch);

#endif
