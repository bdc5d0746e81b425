/* figure.c — see figure.h.
 *
 * A "key" is one pose ready to blend: its joint rotations, which way the
 * body faces, the viewer's pitch and where the pelvis goes so the pose is
 * centred. Holds show one key; transitions blend a chain of keys. */
#include "figure.h"

#include <stdlib.h>
#include <string.h>

typedef struct Key {
    SkelRotations rot;
    float facing;     /* degrees from +x towards +z the body faces */
    float pitch;      /* viewer pitch, degrees */
    Vec3 anchor;      /* pelvis position in x and z that centres the pose */
    int pose;
    Side side;
} Key;

/* A pose held still (breath out, loop start), worked out once. */
typedef struct Still {
    Vec3 anchor;                          /* pelvis offset in x and z that centres it */
    FigureProp props[FIGURE_MAX_PROPS];   /* its props, where it puts them */
    int prop_count;
    CameraBox box;                        /* its extent over the whole breath and loop, props included */
} Still;

/* Keys in a move: from, a resting pose, the route's poses, a resting
 * pose, to. */
#define FIGURE_MAX_CHAIN (POSE_MAX_VIA + 4)

/* Points along a move sampled for the view to take it all in. */
#define FIGURE_PATH_SAMPLES 6

struct Figure {
    const PoseLibrary *lib;
    Still (*still)[3];  /* [pose][side] */
    float rest_psoas;   /* psoas length standing */
};

static float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Smootherstep: starts and ends at rest, no jerk at either end. */
static float ease(float t)
{
    t = clampf(t, 0, 1);
    return t * t * t * (t * (t * 6 - 15) + 10);
}

static Quat facing_rot(float deg)
{
    return quat_axis_angle(vec3(0, 1, 0), -deg_to_rad(deg));
}

/* The pose's angles at this moment of its loop and breath, for SIDE. */
static void pose_angles(const PoseInfo *p, Side side, float breath, int64_t loop_ms, SkelAngles *out)
{
    SkelAngles a = p->frames[0];
    if (p->frame_count > 1) {
        float pos;
        if (p->cycle_ms > 0) {
            int64_t m = loop_ms % p->cycle_ms;
            if (m < 0)
                m += p->cycle_ms;
            pos = (float)m / (float)p->cycle_ms * (float)p->frame_count;
        } else { /* follows the breath: first frame empty, last frame full */
            pos = breath * (float)(p->frame_count - 1);
        }
        int k = (int)pos;
        if (k >= p->frame_count)
            k = p->frame_count - 1;
        int next = (k + 1) % p->frame_count;
        float t = pos - (float)k;
        if (p->cycle_ms == 0 && k == p->frame_count - 1)
            next = k;
        for (int j = 0; j < SJ_COUNT; j++)
            for (int c = 0; c < 3; c++)
                a.deg[j][c] = p->frames[k].deg[j][c] + (p->frames[next].deg[j][c] - p->frames[k].deg[j][c]) * t;
    }
    for (int j = 0; j < SJ_COUNT; j++)
        for (int c = 0; c < 3; c++)
            a.deg[j][c] += p->breath.deg[j][c] * breath;
    if (side == SIDE_RIGHT && p->one_sided)
        skel_mirror(&a, &a);
    *out = a;
}

/* The body's left faces the viewer unless the pose puts its right
 * nearer; a pose that turns does the second side from the other side. */
static float pose_facing(const PoseInfo *p, Side side)
{
    bool near_right = p->near_right != (side == SIDE_RIGHT && p->one_sided && p->turns);
    return near_right ? 180.0f - p->view_yaw : p->view_yaw;
}

static Key make_key(const Figure *fg, int pose, Side side, float breath, int64_t loop_ms)
{
    const PoseInfo *p = &fg->lib->poses[pose];
    if (!p->one_sided)
        side = SIDE_NONE;
    Key k;
    SkelAngles a;
    pose_angles(p, side, breath, loop_ms, &a);
    skel_rotations(&a, &k.rot);
    k.facing = pose_facing(p, side);
    k.pitch = p->view_pitch;
    k.anchor = fg->still ? fg->still[pose][side].anchor : vec3(0, 0, 0);
    k.pose = pose;
    k.side = side;
    return k;
}

static Key blend(const Key *a, const Key *b, float t)
{
    Key k = t < 0.5f ? *a : *b;
    for (int j = 0; j < SJ_COUNT; j++)
        k.rot.q[j] = quat_slerp(a->rot.q[j], b->rot.q[j], t);
    k.facing = a->facing + (b->facing - a->facing) * t;
    k.pitch = a->pitch + (b->pitch - a->pitch) * t;
    k.anchor = vec3_lerp(a->anchor, b->anchor, t);
    return k;
}

/* Solves KEY and sets the body down: lowest surface point on the floor. */
static void solve_placed(const Key *k, SkelPose *out)
{
    skel_solve(&k->rot, facing_rot(k->facing), vec3(k->anchor.x, 0, k->anchor.z), out);
    float low = 1e9f;
    for (int n = 0; n < SK_NODE_COUNT; n++) {
        float y = out->pos[n].y - skel_radius(n);
        if (y < low)
            low = y;
    }
    skel_translate(out, vec3(0, -low, 0));
}

/* The rotation that turns unit vector U onto unit vector V. */
static Quat turn_onto(Vec3 u, Vec3 v)
{
    float d = vec3_dot(u, v);
    Vec3 c = vec3_cross(u, v);
    if (d < -0.9999f) { /* opposite: half a turn about any axis across U */
        Vec3 a = fabsf(u.x) < 0.9f ? vec3_cross(u, vec3(1, 0, 0)) : vec3_cross(u, vec3(0, 1, 0));
        return quat_axis_angle(vec3_scale(a, 1.0f / vec3_len(a)), VEC_PI);
    }
    return quat_normalize((Quat){1.0f + d, c.x, c.y, c.z});
}

static Vec3 unit(Vec3 v, Vec3 fallback)
{
    float l = vec3_len(v);
    return l > 1e-6f ? vec3_scale(v, 1.0f / l) : fallback;
}

/* Where a hand goes to hold or rest on TARGET: a node, its surface
 * against the part's on the side the hand comes from; or -1, the floor a
 * little ahead of the shoulder (ahead: the way the head is from the
 * pelvis), as hands go down to the floor, whatever the arm's angles. */
static Vec3 contact_point(const SkelPose *b, int hand, int target)
{
    Vec3 h = b->pos[hand];
    if (target < 0) {
        int shoulder = skel_parent(skel_parent(skel_parent(hand)));
        Vec3 ahead = vec3_sub(b->pos[SK_HEAD], b->pos[SK_PELVIS]);
        ahead.y = 0;
        ahead = unit(ahead, vec3(0, 0, 0));
        Vec3 s = vec3_add(b->pos[shoulder], vec3_scale(ahead, 0.06f));
        return vec3(s.x, skel_radius(hand), h.z);
    }
    Vec3 t = b->pos[target];
    Vec3 dir = unit(vec3_sub(h, t), vec3(0, 1, 0));
    return vec3_add(t, vec3_scale(dir, skel_radius(target) + skel_radius(hand)));
}

/* Moves the arm of HAND (shoulder fixed) so its fingertips reach GOAL, or
 * as near as the arm's length allows: the elbow bends in the plane it
 * already bends in, the forearm and hand keep their shape; bone lengths
 * never change. Only positions move (the arm's frames are not used). */
static void reach(SkelPose *b, int hand, Vec3 goal)
{
    int wrist = skel_parent(hand), elbow = skel_parent(wrist), shoulder = skel_parent(elbow);
    Vec3 s = b->pos[shoulder], e = b->pos[elbow], w = b->pos[wrist], h = b->pos[hand];
    float l1 = vec3_dist(s, e), l2 = vec3_dist(e, h);
    Vec3 to = vec3_sub(goal, s);
    float d = vec3_len(to);
    Vec3 dir = unit(to, unit(vec3_sub(h, s), vec3(0, -1, 0)));
    float lo = fabsf(l1 - l2) + 1e-4f, hi = l1 + l2 - 1e-4f;
    d = d < lo ? lo : d > hi ? hi : d;
    /* the bend: the elbow's offset across the shoulder-to-goal line */
    Vec3 side = vec3_sub(vec3_sub(e, s), vec3_scale(dir, vec3_dot(vec3_sub(e, s), dir)));
    side = unit(side, unit(vec3_cross(dir, vec3(0, 0, 1)), vec3(1, 0, 0)));
    float a = (l1 * l1 - l2 * l2 + d * d) / (2.0f * d);
    float k = l1 * l1 - a * a;
    Vec3 ne = vec3_add(s, vec3_add(vec3_scale(dir, a), vec3_scale(side, k > 0 ? sqrtf(k) : 0)));
    Vec3 nh = vec3_add(s, vec3_scale(dir, d));
    Quat q = turn_onto(unit(vec3_sub(h, e), dir), unit(vec3_sub(nh, ne), dir));
    b->pos[elbow] = ne;
    b->pos[wrist] = vec3_add(ne, quat_rotate(q, vec3_sub(w, e)));
    b->pos[hand] = vec3_add(ne, quat_rotate(q, vec3_sub(h, e)));
}

/* Keeps POSE's hands on what they hold (mirrored for the right side),
 * WEIGHT 0..1 of the way from where the angles put them. */
static void apply_contacts(const PoseInfo *p, Side side, float weight, SkelPose *b)
{
    if (weight <= 0.0f)
        return;
    bool mirror = side == SIDE_RIGHT && p->one_sided;
    for (int i = 0; i < p->contact_count; i++) {
        int hand = mirror ? skel_mirror_node(p->contacts[i].hand) : p->contacts[i].hand;
        int target = p->contacts[i].target < 0 ? -1 : mirror ? skel_mirror_node(p->contacts[i].target) : p->contacts[i].target;
        Vec3 goal = vec3_lerp(b->pos[hand], contact_point(b, hand, target), weight > 1.0f ? 1.0f : weight);
        reach(b, hand, goal);
    }
}

/* Sets BODY down again after the hands have moved: a hand that held
 * the body off the floor before it reached its hold no longer does. */
static void settle(SkelPose *body)
{
    float low = 1e9f;
    for (int n = 0; n < SK_NODE_COUNT; n++) {
        float y = body->pos[n].y - skel_radius(n);
        low = y < low ? y : low;
    }
    skel_translate(body, vec3(0, -low, 0));
}

/* OUT's body with its hands on what they hold, set down again, and its
 * psoas lines where the body now is. */
static void hold_on(const Figure *fg, const PoseInfo *p, Side side, float weight, FigureFrame *out)
{
    if (p->contact_count == 0 || weight <= 0.0f)
        return;
    apply_contacts(p, side, weight, &out->body);
    settle(&out->body);
    for (int s = 0; s < 2; s++) {
        psoas_line(&out->body, (PsoasSide)s, &out->psoas[s]);
        out->psoas_ratio[s] = out->psoas[s].length / fg->rest_psoas;
    }
}

/* Adds a prop under each part of BODY that KEY's pose rests on something
 * other than the floor, up to CAP in all. */
static void collect_props(const Figure *fg, const Key *k, const SkelPose *body, float alpha, FigureProp *props,
                          int *count, int cap)
{
    const PoseInfo *p = &fg->lib->poses[k->pose];
    for (int s = 0; s < p->support_count; s++) {
        PoseSupport sup = p->supports[s];
        if (sup.surface == SURFACE_FLOOR || *count >= cap || alpha <= 0.0f)
            continue;
        int node = k->side == SIDE_RIGHT ? skel_mirror_node(sup.node) : sup.node;
        Vec3 at = body->pos[node];
        at.y = poselib_surface_height(sup.surface);
        props[(*count)++] = (FigureProp){sup.surface, at, k->facing, alpha};
    }
}

static void add_props(const Figure *fg, const Key *k, const SkelPose *body, float alpha, FigureFrame *out)
{
    collect_props(fg, k, body, alpha, out->props, &out->prop_count, FIGURE_MAX_PROPS);
}

/* Props stay where the pose that uses them put them: from the still pose,
 * not from the moving body. */
static void add_props_still(const Figure *fg, const Key *k, float alpha, FigureFrame *out)
{
    const Still *s = &fg->still[k->pose][k->side];
    for (int i = 0; i < s->prop_count && out->prop_count < FIGURE_MAX_PROPS && alpha > 0.0f; i++) {
        out->props[out->prop_count] = s->props[i];
        out->props[out->prop_count++].alpha = alpha;
    }
}

static void finish(const Figure *fg, const Key *k, float breath, int stretched_side, FigureFrame *out)
{
    solve_placed(k, &out->body);
    out->breath = breath;
    out->view_pitch = k->pitch;
    for (int s = 0; s < 2; s++) {
        psoas_line(&out->body, (PsoasSide)s, &out->psoas[s]);
        out->psoas_ratio[s] = out->psoas[s].length / fg->rest_psoas;
    }
    out->stretched = stretched_side;
}

void figure_prop_bounds(const FigureProp *p, Vec3 *lo, Vec3 *hi)
{
    float dir = cosf(deg_to_rad(p->facing)) >= 0 ? 1.0f : -1.0f; /* the way the body faces */
    float x = p->top.x, y = p->top.y, z = p->top.z, a = x, b = x, top = y, near = z, far = z;
    switch (p->kind) {
    case SURFACE_CHAIR: /* seat from behind the pelvis to under the thighs, and a back */
        a = x - 0.09f * dir, b = x + 0.19f * dir, top = y + 0.26f, far = z - 0.14f, near = z + 0.14f;
        break;
    case SURFACE_COUNTER: /* reaching away from the body, deep */
        a = x - 0.08f * dir, b = x + 0.45f * dir, far = z - 0.32f, near = z + 0.02f;
        break;
    case SURFACE_PILLOW:
        a = x - 0.17f, b = x + 0.17f, far = z - 0.13f, near = z + 0.13f;
        break;
    case SURFACE_BLOCK:
        a = x - 0.075f, b = x + 0.075f, far = z - 0.075f, near = z + 0.075f;
        break;
    default:
        break;
    }
    *lo = vec3(a < b ? a : b, 0, far);
    *hi = vec3(a < b ? b : a, top, near);
}

/* Room around each node for the limb drawn there (at most its body
 * radius, the chest a little more as it fills, the face with its nose)
 * and a soft edge. */
static float node_room(int n)
{
    float r = n == SK_HEAD ? 0.072f : n == SK_T12 ? 0.066f : skel_radius(n) > 0.012f ? skel_radius(n) : 0.012f;
    return r + 0.006f;
}

CameraBox figure_body_box(const SkelPose *body, float pitch)
{
    CameraBox b = camera_box_empty();
    for (int n = 0; n < SK_NODE_COUNT; n++) {
        CameraPoint p = camera_project(pitch, body->pos[n]);
        camera_box_add(&b, p.x, p.y, node_room(n));
    }
    return b;
}

static void add_prop_box(CameraBox *b, const FigureProp *p, float pitch)
{
    Vec3 lo, hi;
    figure_prop_bounds(p, &lo, &hi);
    for (int k = 0; k < 8; k++) {
        Vec3 c = vec3(k & 1 ? hi.x : lo.x, k & 2 ? hi.y : lo.y, k & 4 ? hi.z : lo.z);
        CameraPoint q = camera_project(pitch, c);
        camera_box_add(b, q.x, q.y, 0.005f);
    }
}

static int stretched_of(const PoseInfo *p, Side side)
{
    if (!p->one_sided || side == SIDE_NONE)
        return -1;
    return side == SIDE_LEFT ? PSOAS_LEFT : PSOAS_RIGHT;
}

void figure_pose(const Figure *fg, int pose, Side side, float breath, int64_t loop_ms, FigureFrame *out)
{
    memset(out, 0, sizeof *out);
    Key k = make_key(fg, pose, side, breath, loop_ms);
    finish(fg, &k, breath, stretched_of(&fg->lib->poses[pose], k.side), out);
    hold_on(fg, &fg->lib->poses[pose], k.side, 1.0f, out);
    add_props(fg, &k, &out->body, 1.0f, out);
    out->frame = fg->still ? fg->still[pose][k.side].box : figure_body_box(&out->body, k.pitch);
}

Figure *figure_create(const PoseLibrary *lib)
{
    Figure *fg = calloc(1, sizeof *fg);
    if (!fg)
        return NULL;
    fg->lib = lib;
    fg->rest_psoas = psoas_rest_length();
    Still(*still)[3] = calloc((size_t)(lib->count > 0 ? lib->count : 1), sizeof *still);
    if (!still) {
        free(fg);
        return NULL;
    }
    /* centre each still pose over x = z = 0 (with no anchors yet, keys
     * put the pelvis at the origin), and put its props under it there */
    for (int i = 0; i < lib->count; i++) {
        for (int s = 0; s < 3; s++) {
            Key k = make_key(fg, i, (Side)s, 0, 0);
            SkelPose body;
            solve_placed(&k, &body);
            float lo_x = 1e9f, hi_x = -1e9f, lo_z = 1e9f, hi_z = -1e9f;
            for (int n = 0; n < SK_NODE_COUNT; n++) {
                Vec3 p = body.pos[n];
                lo_x = p.x < lo_x ? p.x : lo_x;
                hi_x = p.x > hi_x ? p.x : hi_x;
                lo_z = p.z < lo_z ? p.z : lo_z;
                hi_z = p.z > hi_z ? p.z : hi_z;
            }
            Still *st = &still[i][s];
            st->anchor = vec3(-(lo_x + hi_x) / 2, 0, -(lo_z + hi_z) / 2);
            skel_translate(&body, st->anchor);
            k.anchor = st->anchor;
            collect_props(fg, &k, &body, 1.0f, st->props, &st->prop_count, FIGURE_MAX_PROPS);
        }
    }
    fg->still = still;
    /* each still pose's extent over its breath and loop, for the camera */
    for (int i = 0; i < lib->count; i++) {
        const PoseInfo *p = &lib->poses[i];
        int loops = p->cycle_ms > 0 ? 2 * p->frame_count : 1;
        for (int s = 0; s < 3; s++) {
            Still *st = &still[i][s];
            st->box = camera_box_empty();
            for (int b = 0; b <= 8; b++)
                for (int m = 0; m < loops; m++) {
                    FigureFrame f;
                    int64_t at = p->cycle_ms > 0 ? (int64_t)p->cycle_ms * m / loops : 0;
                    Key k = make_key(fg, i, (Side)s, (float)b / 8.0f, at);
                    solve_placed(&k, &f.body);
                    apply_contacts(p, k.side, 1.0f, &f.body);
                    settle(&f.body);
                    camera_box_union(&st->box, figure_body_box(&f.body, k.pitch));
                }
            for (int q = 0; q < st->prop_count; q++)
                add_prop_box(&st->box, &st->props[q], p->view_pitch);
        }
    }
    return fg;
}

void figure_destroy(Figure *fg)
{
    if (!fg)
        return;
    free(fg->still);
    free(fg);
}

/* A move between bases leaves a pose with props by the base's resting
 * pose first (stepping back from the counter, sitting up on the chair)
 * and comes into one the same way, so the body is clear of the prop
 * before it goes down and while the prop fades in and out. */
static bool needs_release(const Figure *fg, const Key *k, PoseBase other)
{
    const PoseLibrary *lib = fg->lib;
    PoseBase base = lib->poses[k->pose].base;
    int rest = lib->release[base];
    return base != other && rest >= 0 && rest != k->pose && fg->still && fg->still[k->pose][k->side].prop_count > 0;
}

/* The keys a move passes through for ST: from, the route's intermediate
 * poses, to; at BREATH and LOOP_MS. Returns how many (at most
 * FIGURE_MAX_CHAIN). */
static int make_chain(const Figure *fg, const TimelineState *st, float breath, int64_t loop, Key *chain)
{
    const PoseLibrary *lib = fg->lib;
    Key from = make_key(fg, st->from_pose, st->from_side, breath, loop);
    Key to = make_key(fg, st->pose, st->side, breath, loop);
    PoseBase from_base = lib->poses[st->from_pose].base, to_base = lib->poses[st->pose].base;
    int n = 0;
    chain[n++] = from;
    if (st->from_pose != st->pose) {
        if (needs_release(fg, &from, to_base)) {
            Key r = make_key(fg, lib->release[from_base], SIDE_NONE, breath, loop);
            r.facing = from.facing;
            chain[n++] = r;
        }
        const PoseRoute *route = &lib->routes[from_base][to_base];
        for (int v = 0; v < route->count; v++) {
            if (route->via[v] == chain[n - 1].pose || route->via[v] == st->pose)
                continue; /* already there */
            Key via = make_key(fg, route->via[v], SIDE_NONE, breath, loop);
            float f = (float)(v + 1) / (float)(route->count + 1);
            via.facing = from.facing + (to.facing - from.facing) * f + via.facing;
            chain[n++] = via;
        }
        if (needs_release(fg, &to, from_base) && lib->release[to_base] != chain[n - 1].pose) {
            Key r = make_key(fg, lib->release[to_base], SIDE_NONE, breath, loop);
            r.facing = to.facing;
            chain[n++] = r;
        }
    }
    chain[n++] = to;
    return n;
}

/* How much of the props of the pose left (OUT) and of the pose arrived at
 * (IN) shows U (0..1) of the way along CHAIN of N keys. A prop is there
 * before the body uses it and stays until it has left: the props left
 * fade over the final third of the leg that reaches the first key without
 * props, the props arrived at fade in over the first third of the leg
 * from the last key without them (over the whole move when no key is
 * free of props, or in a direct move). */
static void prop_alphas(const Figure *fg, const Key *chain, int n, float u, float *out, float *in)
{
    float at = u * (float)(n - 1);
    int first = n - 1, last = 0;
    for (int i = n - 2; i >= 1; i--)
        if (fg->still[chain[i].pose][chain[i].side].prop_count == 0)
            first = i;
    for (int i = 1; i <= n - 2; i++)
        if (fg->still[chain[i].pose][chain[i].side].prop_count == 0)
            last = i;
    *out = clampf((1.0f - (at - (float)(first - 1))) * 3.0f, 0, 1);
    *in = clampf((at - (float)last) * 3.0f, 0, 1);
}

/* The key U (0..1) of the way along CHAIN of N keys. */
static Key chain_at(const Key *chain, int n, float u)
{
    float legs = (float)(n - 1);
    int leg = (int)(u * legs);
    if (leg > n - 2)
        leg = n - 2;
    return blend(&chain[leg], &chain[leg + 1], u * legs - (float)leg);
}

void figure_at(const Figure *fg, const TimelineState *st, FigureFrame *out)
{
    memset(out, 0, sizeof *out);
    const PoseLibrary *lib = fg->lib;
    float breath = breath_fullness(st->breath, st->breath_phase, st->breath_progress);
    int64_t loop = st->practice_ms;
    int pose = st->pose; /* in the intro: where the body starts */
    Side side = st->side;
    bool moving = st->segment == TL_SEG_TRANSITION || st->segment == TL_SEG_SWITCH;
    Key to = make_key(fg, pose, side, breath, loop);
    int stretched = stretched_of(&lib->poses[pose], to.side);
    const CameraBox to_box = fg->still[pose][to.side].box;
    if (!moving) {
        finish(fg, &to, breath, stretched, out);
        hold_on(fg, &lib->poses[pose], to.side, 1.0f, out);
        add_props(fg, &to, &out->body, 1.0f, out);
        out->frame = to_box; /* still through the breath: the view never pumps */
        return;
    }

    Key from = make_key(fg, st->from_pose, st->from_side, breath, loop);
    float u = ease(st->seg_progress);
    Key k;
    if (st->from_pose == pose && from.side == to.side) {
        /* between reps: ease part way towards the base's resting pose and
         * back, letting go of what the hands hold on the way */
        float hold = 1.0f;
        int rest = lib->release[lib->poses[pose].base];
        if (rest >= 0 && rest != pose) {
            Key r = make_key(fg, rest, SIDE_NONE, breath, loop);
            r.facing = to.facing;
            r.anchor = to.anchor;
            float a = 0.75f * sinf(VEC_PI * u);
            k = blend(&to, &r, a);
            hold = 1.0f - a / 0.75f;
        } else {
            k = to;
        }
        finish(fg, &k, breath, stretched, out);
        hold_on(fg, &lib->poses[pose], to.side, hold, out);
        add_props_still(fg, &to, 1.0f, out);
        out->frame = to_box;
        camera_box_union(&out->frame, figure_body_box(&out->body, k.pitch));
        return;
    }

    Key chain[FIGURE_MAX_CHAIN];
    int n = make_chain(fg, st, breath, loop, chain);
    k = chain_at(chain, n, u);
    finish(fg, &k, breath, u < 0.5f ? stretched_of(&lib->poses[st->from_pose], from.side) : stretched, out);
    /* the hands let go as the body leaves a pose and take hold as it arrives */
    hold_on(fg, &lib->poses[st->from_pose], from.side, 1.0f - u * 2.0f, out);
    hold_on(fg, &lib->poses[pose], to.side, u * 2.0f - 1.0f, out);
    float fade_out, fade_in;
    prop_alphas(fg, chain, n, u, &fade_out, &fade_in);
    add_props_still(fg, &from, fade_out, out);
    add_props_still(fg, &to, fade_in, out);
    /* the view eases from one pose's frame to the next; early in the move
     * it draws back to take in all the way the body goes (at a middling
     * breath), and closes in again at the end, so it neither follows
     * every rise and fall nor lets the body out */
    Key mid[FIGURE_MAX_CHAIN];
    int m = make_chain(fg, st, 0.5f, 0, mid);
    CameraBox path = camera_box_empty();
    for (int i = 0; i <= FIGURE_PATH_SAMPLES; i++) {
        Key q = chain_at(mid, m, (float)i / FIGURE_PATH_SAMPLES);
        SkelPose body;
        solve_placed(&q, &body);
        camera_box_union(&path, figure_body_box(&body, q.pitch));
    }
    CameraBox base = camera_box_lerp(fg->still[st->from_pose][from.side].box, to_box, u), wide = base;
    camera_box_union(&wide, path);
    float w = ease(u / 0.45f) * ease((1.0f - u) / 0.45f);
    out->frame = camera_box_lerp(base, wide, w);
    camera_box_union(&out->frame, figure_body_box(&out->body, k.pitch));
    /* and the props as they fade in and out, as far as they show */
    for (int i = 0; i < out->prop_count; i++) {
        CameraBox with = out->frame;
        add_prop_box(&with, &out->props[i], k.pitch);
        out->frame = camera_box_lerp(out->frame, with, out->props[i].alpha);
    }
}
