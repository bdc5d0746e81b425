/* skeleton.h — the figure's body: a joint hierarchy rooted at the pelvis,
 * segment lengths from an anthropometric table, and forward kinematics
 * from joint rotations. Pure math: no files, no drawing.
 *
 * Points ("nodes") are where bones meet; "joints" are the articulations a
 * pose sets, each as three anatomical angles in degrees: flexion,
 * abduction (for the spine and pelvis: a lean to the left) and rotation
 * (external for limbs, a turn to the left for the spine and pelvis). Each
 * joint rotates the bones below its node. Bone lengths never change: a
 * pose moves the body only through rotations and one translation. */
#ifndef PSOAS_SKELETON_H
#define PSOAS_SKELETON_H

#include <stdbool.h>

#include "vec.h"

typedef enum SkelNode {
    SK_PELVIS,  /* root: midway between the hip joint centres */
    SK_L5,      /* lumbosacral junction, the base of the lumbar spine */
    SK_T12,     /* thoracolumbar junction, the top of the lumbar spine */
    SK_C7,      /* base of the neck */
    SK_SKULL,   /* base of the skull (atlas) */
    SK_HEAD,    /* centre of the head */
    SK_L_SHOULDER,
    SK_L_ELBOW,
    SK_L_WRIST,
    SK_L_HAND,  /* fingertips */
    SK_R_SHOULDER,
    SK_R_ELBOW,
    SK_R_WRIST,
    SK_R_HAND,
    SK_L_HIP,   /* hip joint centre */
    SK_L_KNEE,
    SK_L_ANKLE,
    SK_L_HEEL,  /* underside of the heel */
    SK_L_TOE,   /* underside of the toes */
    SK_R_HIP,
    SK_R_KNEE,
    SK_R_ANKLE,
    SK_R_HEEL,
    SK_R_TOE,
    SK_NODE_COUNT
} SkelNode;

typedef enum SkelJoint {
    SJ_PELVIS,   /* the whole body's orientation: forward tilt, lean left, turn left */
    SJ_LUMBAR,   /* at L5: the lumbar spine against the pelvis */
    SJ_THORACIC, /* at T12: the chest against the lumbar spine */
    SJ_NECK,     /* at C7 */
    SJ_HEAD,     /* at the skull base: a nod */
    SJ_L_SHOULDER,
    SJ_L_ELBOW,
    SJ_L_WRIST,
    SJ_R_SHOULDER,
    SJ_R_ELBOW,
    SJ_R_WRIST,
    SJ_L_HIP,
    SJ_L_KNEE,
    SJ_L_ANKLE,  /* flexion here is dorsiflexion (toes up) */
    SJ_R_HIP,
    SJ_R_KNEE,
    SJ_R_ANKLE,
    SJ_COUNT
} SkelJoint;

enum { SKEL_FLEX, SKEL_ABD, SKEL_ROT };

/* A pose's joint angles in degrees: [joint][SKEL_FLEX/ABD/ROT]. */
typedef struct SkelAngles {
    float deg[SJ_COUNT][3];
} SkelAngles;

/* Each joint's rotation relative to its parent's frame. */
typedef struct SkelRotations {
    Quat q[SJ_COUNT];
} SkelRotations;

/* A solved body: every node's position and frame in the world. */
typedef struct SkelPose {
    Vec3 pos[SK_NODE_COUNT]; /* fractions of body height; the floor is y = 0 once placed */
    Quat rot[SK_NODE_COUNT]; /* the frame of the bones below each node */
} SkelPose;

const char *skel_node_name(int node);   /* "pelvis", "l_knee", ... */
const char *skel_joint_name(int joint); /* "pelvis", "lumbar", "l_hip", ... */
int skel_node_find(const char *name);   /* -1 when unknown */
int skel_joint_find(const char *name);
const char *const *skel_node_names(void);  /* SK_NODE_COUNT names, for suggestions */
const char *const *skel_joint_names(void); /* SJ_COUNT names */

int skel_parent(int node);          /* -1 for the pelvis */
Vec3 skel_rest_offset(int node);    /* from the parent node, standing at rest */
float skel_radius(int node);        /* half the body's thickness there (surface contact) */
int skel_mirror_node(int node);     /* the same node on the other side */
bool skel_is_spine_joint(int joint);/* pelvis, lumbar, thoracic, neck, head */

/* ANGLES to local rotations (anatomical signs resolved per side). */
void skel_rotations(const SkelAngles *angles, SkelRotations *out);

/* The same pose done on the other side: left and right swapped, spine
 * leans and turns reversed. */
void skel_mirror(const SkelAngles *in, SkelAngles *out);

/* Forward kinematics: ROOT_ROT and ROOT_POS place the pelvis in the world
 * (ROOT_ROT is applied before the pelvis joint's own rotation). */
void skel_solve(const SkelRotations *r, Quat root_rot, Vec3 root_pos, SkelPose *out);

/* Moves every node by D. */
void skel_translate(SkelPose *p, Vec3 d);

#endif
