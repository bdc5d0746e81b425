/* vec.h — the small 3D math the skeleton needs: vectors and unit
 * quaternions (rotation), as plain values that tests build and compare.
 * Units are fractions of body height; angles are radians unless named _deg.
 * The world: x forward (the way the figure faces at rest), y up, z to the
 * figure's left (towards the camera in the default side view). */
#ifndef PSOAS_VEC_H
#define PSOAS_VEC_H

#include <math.h>

typedef struct Vec3 {
    float x, y, z;
} Vec3;

typedef struct Quat {
    float w, x, y, z; /* unit length: w = cos(angle/2), (x,y,z) = axis * sin(angle/2) */
} Quat;

#define VEC_PI 3.14159265358979323846f

static inline Vec3 vec3(float x, float y, float z) { return (Vec3){x, y, z}; }
static inline Vec3 vec3_add(Vec3 a, Vec3 b) { return (Vec3){a.x + b.x, a.y + b.y, a.z + b.z}; }
static inline Vec3 vec3_sub(Vec3 a, Vec3 b) { return (Vec3){a.x - b.x, a.y - b.y, a.z - b.z}; }
static inline Vec3 vec3_scale(Vec3 a, float s) { return (Vec3){a.x * s, a.y * s, a.z * s}; }
static inline float vec3_dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline float vec3_len(Vec3 a) { return sqrtf(vec3_dot(a, a)); }
static inline float vec3_dist(Vec3 a, Vec3 b) { return vec3_len(vec3_sub(a, b)); }
static inline Vec3 vec3_lerp(Vec3 a, Vec3 b, float t)
{
    return (Vec3){a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t};
}
static inline Vec3 vec3_cross(Vec3 a, Vec3 b)
{
    return (Vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

static inline float deg_to_rad(float d) { return d * (VEC_PI / 180.0f); }

static inline Quat quat_identity(void) { return (Quat){1, 0, 0, 0}; }

/* Rotation by ANGLE about the unit vector AXIS (right-handed). */
static inline Quat quat_axis_angle(Vec3 axis, float angle)
{
    float s = sinf(angle * 0.5f);
    return (Quat){cosf(angle * 0.5f), axis.x * s, axis.y * s, axis.z * s};
}

/* A then B in the rotated frame: quat_mul(a, b) applied to v is a(b(v)). */
static inline Quat quat_mul(Quat a, Quat b)
{
    return (Quat){a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
                  a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
                  a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
                  a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w};
}

static inline Quat quat_normalize(Quat q)
{
    float n = sqrtf(q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z);
    if (n <= 0.0f)
        return quat_identity();
    return (Quat){q.w / n, q.x / n, q.y / n, q.z / n};
}

static inline Vec3 quat_rotate(Quat q, Vec3 v)
{
    /* v' = v + 2w(u x v) + 2 u x (u x v), with u the vector part */
    Vec3 u = {q.x, q.y, q.z};
    Vec3 t = vec3_scale(vec3_cross(u, v), 2.0f);
    return vec3_add(vec3_add(v, vec3_scale(t, q.w)), vec3_cross(u, t));
}

/* Spherical interpolation along the shorter arc; T in 0..1. */
static inline Quat quat_slerp(Quat a, Quat b, float t)
{
    float d = a.w * b.w + a.x * b.x + a.y * b.y + a.z * b.z;
    if (d < 0.0f) {
        b = (Quat){-b.w, -b.x, -b.y, -b.z};
        d = -d;
    }
    float ka, kb;
    if (d > 0.9995f) { /* nearly equal: linear is exact enough and avoids 0/0 */
        ka = 1.0f - t;
        kb = t;
    } else {
        float th = acosf(d);
        float s = sinf(th);
        ka = sinf((1.0f - t) * th) / s;
        kb = sinf(t * th) / s;
    }
    return quat_normalize((Quat){a.w * ka + b.w * kb, a.x * ka + b.x * kb, a.y * ka + b.y * kb,
                                 a.z * ka + b.z * kb});
}

#endif
