/* psoas.c — see psoas.h.
 *
 * Attachment points are offsets in the frame of the bone they sit on, in
 * body heights (H = 1.75 m for the figures quoted): the origin lies on the
 * front-side of the lumbar bodies, about 3.5 cm in front of the spine line
 * and 4-5 cm to the side; the brim lies 5 cm in front of and 2.5 cm above
 * the hip joint centre, a little inside it; the lesser trochanter lies
 * 6 cm below the hip centre on the back-inner side of the femur. With
 * these the line's moment arm about the hip is about 2.5 cm standing, in
 * the range reported for the psoas in extension (Arnold et al., J Biomech
 * 2000). */
#include "psoas.h"

static const Vec3 top_offset = {0.020f, 0.000f, 0.024f};     /* from T12, lumbar frame */
static const Vec3 bottom_offset = {0.022f, 0.000f, 0.030f};  /* from L5, lumbar frame */
static const Vec3 brim_offset = {0.030f, 0.014f, 0.042f};    /* from the pelvis, pelvis frame */
static const Vec3 insertion_offset = {-0.006f, -0.034f, -0.012f}; /* from the hip, thigh frame */

static Vec3 side_z(Vec3 v, PsoasSide side)
{
    if (side == PSOAS_RIGHT)
        v.z = -v.z;
    return v;
}

void psoas_line(const SkelPose *p, PsoasSide side, PsoasLine *out)
{
    int hip = side == PSOAS_LEFT ? SK_L_HIP : SK_R_HIP;
    Quat lumbar = p->rot[SK_L5]; /* the lumbar bone's frame */
    out->top = vec3_add(p->pos[SK_T12], quat_rotate(lumbar, side_z(top_offset, side)));
    out->bottom = vec3_add(p->pos[SK_L5], quat_rotate(lumbar, side_z(bottom_offset, side)));
    out->origin = vec3_lerp(out->top, out->bottom, 0.5f);
    out->brim = vec3_add(p->pos[SK_PELVIS], quat_rotate(p->rot[SK_PELVIS], side_z(brim_offset, side)));
    out->insertion = vec3_add(p->pos[hip], quat_rotate(p->rot[hip], side_z(insertion_offset, side)));

    /* The brim is a pulley only while the straight line would cut behind
     * it, through the pelvis: then the muscle lies over the brim. */
    Vec3 d = vec3_sub(out->insertion, out->origin);
    float dd = vec3_dot(d, d);
    float t = dd > 0 ? vec3_dot(vec3_sub(out->brim, out->origin), d) / dd : 0;
    if (t < 0)
        t = 0;
    if (t > 1)
        t = 1;
    Vec3 closest = vec3_add(out->origin, vec3_scale(d, t));
    Vec3 forward = quat_rotate(p->rot[SK_PELVIS], vec3(1, 0, 0));
    out->wraps = vec3_dot(vec3_sub(out->brim, closest), forward) > 0;
    if (out->wraps)
        out->length = vec3_dist(out->origin, out->brim) + vec3_dist(out->brim, out->insertion);
    else
        out->length = vec3_len(d);
}

float psoas_rest_length(void)
{
    SkelAngles zero = {0};
    SkelRotations r;
    SkelPose p;
    skel_rotations(&zero, &r);
    skel_solve(&r, quat_identity(), vec3(0, 0, 0), &p);
    PsoasLine line;
    psoas_line(&p, PSOAS_LEFT, &line);
    return line.length;
}
