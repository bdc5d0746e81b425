/* skeleton.c — see skeleton.h.
 *
 * Segment lengths are fractions of body height H from the anthropometric
 * table of Drillis and Contini (1966) as given by D. A. Winter,
 * "Biomechanics and Motor Control of Human Movement", 4th ed. (2009),
 * fig. 4.1: shoulder height 0.818H, elbow 0.630H, wrist 0.485H, hand
 * length 0.108H, hip (greater trochanter) 0.530H, knee 0.285H, ankle
 * 0.039H, foot length 0.152H, shoulder width 0.259H, chin 0.870H. The
 * spine between hip and shoulder height is split at L5 and T12 by the
 * usual proportions of the lumbar and thoracic columns; lying on the
 * back, the pelvis, the upper back and the back of the head touch the
 * floor together, as they do in people. */
#include "skeleton.h"

#include <string.h>

/* Names as pose files write them. */
static const char *const node_names[SK_NODE_COUNT] = {
    [SK_PELVIS] = "pelvis",
    [SK_L5] = "l5",
    [SK_T12] = "t12",
    [SK_C7] = "c7",
    [SK_SKULL] = "skull",
    [SK_HEAD] = "head",
    [SK_L_SHOULDER] = "l_shoulder",
    [SK_L_ELBOW] = "l_elbow",
    [SK_L_WRIST] = "l_wrist",
    [SK_L_HAND] = "l_hand",
    [SK_R_SHOULDER] = "r_shoulder",
    [SK_R_ELBOW] = "r_elbow",
    [SK_R_WRIST] = "r_wrist",
    [SK_R_HAND] = "r_hand",
    [SK_L_HIP] = "l_hip",
    [SK_L_KNEE] = "l_knee",
    [SK_L_ANKLE] = "l_ankle",
    [SK_L_HEEL] = "l_heel",
    [SK_L_TOE] = "l_toe",
    [SK_R_HIP] = "r_hip",
    [SK_R_KNEE] = "r_knee",
    [SK_R_ANKLE] = "r_ankle",
    [SK_R_HEEL] = "r_heel",
    [SK_R_TOE] = "r_toe",
};

static const char *const joint_names[SJ_COUNT] = {
    [SJ_PELVIS] = "pelvis",
    [SJ_LUMBAR] = "lumbar",
    [SJ_THORACIC] = "thoracic",
    [SJ_NECK] = "neck",
    [SJ_HEAD] = "head",
    [SJ_L_SHOULDER] = "l_shoulder",
    [SJ_L_ELBOW] = "l_elbow",
    [SJ_L_WRIST] = "l_wrist",
    [SJ_R_SHOULDER] = "r_shoulder",
    [SJ_R_ELBOW] = "r_elbow",
    [SJ_R_WRIST] = "r_wrist",
    [SJ_L_HIP] = "l_hip",
    [SJ_L_KNEE] = "l_knee",
    [SJ_L_ANKLE] = "l_ankle",
    [SJ_R_HIP] = "r_hip",
    [SJ_R_KNEE] = "r_knee",
    [SJ_R_ANKLE] = "r_ankle",
};

typedef struct NodeDef {
    int parent;   /* node index, -1 for the root */
    Vec3 offset;  /* from the parent, at rest (standing, arms at the sides) */
    int joint;    /* the articulation at this node that turns the bones below it, or -1 */
    float radius; /* body half-thickness here: where the surface is */
    int mirror;   /* the same node on the other side */
} NodeDef;

/* Hip joint centres sit 0.10H apart; shoulders at half the 0.259H width. */
static const NodeDef nodes[SK_NODE_COUNT] = {
    [SK_PELVIS] = {-1, {0, 0, 0}, SJ_PELVIS, 0.060f, SK_PELVIS},
    [SK_L5] = {SK_PELVIS, {-0.015f, 0.045f, 0}, SJ_LUMBAR, 0.045f, SK_L5},
    [SK_T12] = {SK_L5, {0.010f, 0.100f, 0}, SJ_THORACIC, 0.055f, SK_T12},
    [SK_C7] = {SK_T12, {0, 0.160f, 0}, SJ_NECK, 0.045f, SK_C7},
    [SK_SKULL] = {SK_C7, {0.004f, 0.050f, 0}, SJ_HEAD, 0.030f, SK_SKULL},
    [SK_HEAD] = {SK_SKULL, {0.002f, 0.058f, 0}, -1, 0.060f, SK_HEAD},
    [SK_L_SHOULDER] = {SK_T12, {0, 0.143f, 0.1295f}, SJ_L_SHOULDER, 0.034f, SK_R_SHOULDER},
    [SK_L_ELBOW] = {SK_L_SHOULDER, {0, -0.188f, 0}, SJ_L_ELBOW, 0.024f, SK_R_ELBOW},
    [SK_L_WRIST] = {SK_L_ELBOW, {0, -0.145f, 0}, SJ_L_WRIST, 0.018f, SK_R_WRIST},
    [SK_L_HAND] = {SK_L_WRIST, {0, -0.108f, 0}, -1, 0.012f, SK_R_HAND},
    [SK_R_SHOULDER] = {SK_T12, {0, 0.143f, -0.1295f}, SJ_R_SHOULDER, 0.034f, SK_L_SHOULDER},
    [SK_R_ELBOW] = {SK_R_SHOULDER, {0, -0.188f, 0}, SJ_R_ELBOW, 0.024f, SK_L_ELBOW},
    [SK_R_WRIST] = {SK_R_ELBOW, {0, -0.145f, 0}, SJ_R_WRIST, 0.018f, SK_L_WRIST},
    [SK_R_HAND] = {SK_R_WRIST, {0, -0.108f, 0}, -1, 0.012f, SK_L_HAND},
    [SK_L_HIP] = {SK_PELVIS, {0, 0, 0.050f}, SJ_L_HIP, 0.048f, SK_R_HIP},
    [SK_L_KNEE] = {SK_L_HIP, {0, -0.245f, 0}, SJ_L_KNEE, 0.032f, SK_R_KNEE},
    [SK_L_ANKLE] = {SK_L_KNEE, {0, -0.246f, 0}, SJ_L_ANKLE, 0.024f, SK_R_ANKLE},
    [SK_L_HEEL] = {SK_L_ANKLE, {-0.035f, -0.039f, 0}, -1, 0.004f, SK_R_HEEL},
    [SK_L_TOE] = {SK_L_ANKLE, {0.113f, -0.036f, 0}, -1, 0.004f, SK_R_TOE},
    [SK_R_HIP] = {SK_PELVIS, {0, 0, -0.050f}, SJ_R_HIP, 0.048f, SK_L_HIP},
    [SK_R_KNEE] = {SK_R_HIP, {0, -0.245f, 0}, SJ_R_KNEE, 0.032f, SK_L_KNEE},
    [SK_R_ANKLE] = {SK_R_KNEE, {0, -0.246f, 0}, SJ_R_ANKLE, 0.024f, SK_L_ANKLE},
    [SK_R_HEEL] = {SK_R_ANKLE, {-0.035f, -0.039f, 0}, -1, 0.004f, SK_L_HEEL},
    [SK_R_TOE] = {SK_R_ANKLE, {0.113f, -0.036f, 0}, -1, 0.004f, SK_L_TOE},
};

/* Anatomical angle -> rotation about z (flex), x (abd), y (rot): the sign
 * that makes a positive angle move the way its name says. */
typedef struct JointDef {
    int node;
    float sign[3];
    int mirror;
} JointDef;

static const JointDef joints[SJ_COUNT] = {
    /* spine: flexion bends forward (-z), a lean left tips towards +z, a turn left faces +z */
    [SJ_PELVIS] = {SK_PELVIS, {-1, 1, -1}, SJ_PELVIS},
    [SJ_LUMBAR] = {SK_L5, {-1, 1, -1}, SJ_LUMBAR},
    [SJ_THORACIC] = {SK_T12, {-1, 1, -1}, SJ_THORACIC},
    [SJ_NECK] = {SK_C7, {-1, 1, -1}, SJ_NECK},
    [SJ_HEAD] = {SK_SKULL, {-1, 1, -1}, SJ_HEAD},
    /* limbs hang down (-y): flexion swings them forward; abduction and
     * external rotation point away from the midline, which is +z on the left */
    [SJ_L_SHOULDER] = {SK_L_SHOULDER, {1, -1, -1}, SJ_R_SHOULDER},
    [SJ_L_ELBOW] = {SK_L_ELBOW, {1, -1, -1}, SJ_R_ELBOW},
    [SJ_L_WRIST] = {SK_L_WRIST, {1, -1, -1}, SJ_R_WRIST},
    [SJ_R_SHOULDER] = {SK_R_SHOULDER, {1, 1, 1}, SJ_L_SHOULDER},
    [SJ_R_ELBOW] = {SK_R_ELBOW, {1, 1, 1}, SJ_L_ELBOW},
    [SJ_R_WRIST] = {SK_R_WRIST, {1, 1, 1}, SJ_L_WRIST},
    [SJ_L_HIP] = {SK_L_HIP, {1, -1, -1}, SJ_R_HIP},
    [SJ_L_KNEE] = {SK_L_KNEE, {-1, -1, -1}, SJ_R_KNEE}, /* the shank folds back */
    [SJ_L_ANKLE] = {SK_L_ANKLE, {1, -1, -1}, SJ_R_ANKLE},
    [SJ_R_HIP] = {SK_R_HIP, {1, 1, 1}, SJ_L_HIP},
    [SJ_R_KNEE] = {SK_R_KNEE, {-1, 1, 1}, SJ_L_KNEE},
    [SJ_R_ANKLE] = {SK_R_ANKLE, {1, 1, 1}, SJ_L_ANKLE},
};

const char *const *skel_node_names(void) { return node_names; }
const char *const *skel_joint_names(void) { return joint_names; }

const char *skel_node_name(int node)
{
    return node >= 0 && node < SK_NODE_COUNT ? node_names[node] : "?";
}

const char *skel_joint_name(int joint)
{
    return joint >= 0 && joint < SJ_COUNT ? joint_names[joint] : "?";
}

static int find(const char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

int skel_node_find(const char *name) { return find(node_names, SK_NODE_COUNT, name); }
int skel_joint_find(const char *name) { return find(joint_names, SJ_COUNT, name); }

int skel_parent(int node) { return nodes[node].parent; }
Vec3 skel_rest_offset(int node) { return nodes[node].offset; }
float skel_radius(int node) { return nodes[node].radius; }
int skel_mirror_node(int node) { return nodes[node].mirror; }
bool skel_is_spine_joint(int joint) { return joint <= SJ_HEAD; }

void skel_rotations(const SkelAngles *a, SkelRotations *out)
{
    for (int j = 0; j < SJ_COUNT; j++) {
        const float *s = joints[j].sign;
        Quat f = quat_axis_angle(vec3(0, 0, 1), deg_to_rad(s[0] * a->deg[j][SKEL_FLEX]));
        Quat b = quat_axis_angle(vec3(1, 0, 0), deg_to_rad(s[1] * a->deg[j][SKEL_ABD]));
        Quat r = quat_axis_angle(vec3(0, 1, 0), deg_to_rad(s[2] * a->deg[j][SKEL_ROT]));
        out->q[j] = quat_normalize(quat_mul(quat_mul(f, b), r));
    }
}

void skel_mirror(const SkelAngles *in, SkelAngles *out)
{
    SkelAngles m;
    for (int j = 0; j < SJ_COUNT; j++) {
        int o = joints[j].mirror;
        m.deg[o][SKEL_FLEX] = in->deg[j][SKEL_FLEX];
        m.deg[o][SKEL_ABD] = in->deg[j][SKEL_ABD];
        m.deg[o][SKEL_ROT] = in->deg[j][SKEL_ROT];
        if (skel_is_spine_joint(j)) {
            m.deg[o][SKEL_ABD] = -m.deg[o][SKEL_ABD];
            m.deg[o][SKEL_ROT] = -m.deg[o][SKEL_ROT];
        }
    }
    *out = m;
}

void skel_solve(const SkelRotations *r, Quat root_rot, Vec3 root_pos, SkelPose *out)
{
    /* nodes are listed parents first */
    for (int n = 0; n < SK_NODE_COUNT; n++) {
        const NodeDef *d = &nodes[n];
        Quat frame;
        if (d->parent < 0) {
            out->pos[n] = root_pos;
            frame = root_rot;
        } else {
            frame = out->rot[d->parent];
            out->pos[n] = vec3_add(out->pos[d->parent], quat_rotate(frame, d->offset));
        }
        out->rot[n] = d->joint >= 0 ? quat_normalize(quat_mul(frame, r->q[d->joint])) : frame;
    }
}

void skel_translate(SkelPose *p, Vec3 d)
{
    for (int n = 0; n < SK_NODE_COUNT; n++)
        p->pos[n] = vec3_add(p->pos[n], d);
}
