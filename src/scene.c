/* scene.c — see scene.h.
 *
 * Projection is orthographic: the viewer stands to the figure's left
 * (+z), level or looking down by the pose's pitch. Depth decides drawing
 * order and shade, so the near arm and leg pass in front of the body. */
#include "scene.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { SCENE_MAX_PARTS = 40 /* limbs and head */ };

const ScenePalette scene_dark = {
    .body = {236, 232, 222, 255},
    .mat = {70, 92, 110, 255},
    .prop = {150, 178, 214, 255},
    .bg = {16, 20, 26, 255},
    .psoas = {238, 176, 140, 255},
    .shorter = {255, 96, 56, 255},
    .longer = {96, 214, 255, 255},
};

/* For a light room: a dark figure, and psoas colours that stay saturated
 * against paper white. */
const ScenePalette scene_light = {
    .body = {40, 46, 54, 255},
    .mat = {150, 172, 190, 255},
    .prop = {120, 150, 196, 255},
    .bg = {242, 239, 232, 255},
    .psoas = {196, 104, 64, 255},
    .shorter = {214, 52, 20, 255},
    .longer = {0, 122, 204, 255},
};

struct Scene {
    SDL_Renderer *ren;  /* what it draws with */
    RasterList list;    /* this frame's shapes */
    RasterList drawn;   /* the shapes the layer holds, when it has a texture */
    RasterColor bg;     /* the background the layer holds them over */
    Layer layer;        /* the figure over that background */
    SDL_Rect box;       /* where the layer's picture goes on the output */
};

/* Camera: screen position and depth of a world point. */
typedef struct Cam {
    SceneLayout l;
    float pitch; /* degrees the viewer looks down */
} Cam;

typedef struct Pt {
    float x, y, d; /* screen pixels, depth in body heights (bigger is nearer) */
} Pt;

static Pt project(const Cam *c, Vec3 p)
{
    CameraPoint q = camera_project(c->pitch, p);
    return (Pt){c->l.center_x + q.x * c->l.scale, c->l.floor_y - q.y * c->l.scale, q.d};
}

Scene *scene_create(SDL_Renderer *r)
{
    Scene *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ren = r;
    return s;
}

void scene_destroy(Scene *s)
{
    if (!s)
        return;
    layer_drop(&s->layer);
    free(s);
}

void scene_reset(Scene *s)
{
    layer_drop(&s->layer);
}

SceneLayout scene_layout(SDL_Rect area, const FigureFrame *f)
{
    CameraView v = camera_fit(f->frame, (float)area.x, (float)area.y, (float)area.w, (float)area.h);
    return (SceneLayout){v.floor_y, v.center_x, v.scale, area};
}

static RasterColor rgba(SDL_Color c) { return (RasterColor){c.r, c.g, c.b, c.a}; }

static SDL_Color with_alpha(SDL_Color c, float a)
{
    float v = (float)c.a * (a < 0 ? 0 : a > 1 ? 1 : a);
    c.a = (Uint8)(v + 0.5f);
    return c;
}

/* A limb: round ends of radius RA and RB joined by their tangents, soft edges. */
static void geo_capsule(RasterList *g, Pt a, float ra, Pt b, float rb, SDL_Color c)
{
    raster_list_capsule(g, a.x, a.y, ra, b.x, b.y, rb, rgba(c));
}

static SDL_Color mix(SDL_Color a, SDL_Color b, float t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return (SDL_Color){(Uint8)((float)a.r + ((float)b.r - (float)a.r) * t),
                       (Uint8)((float)a.g + ((float)b.g - (float)a.g) * t),
                       (Uint8)((float)a.b + ((float)b.b - (float)a.b) * t),
                       (Uint8)((float)a.a + ((float)b.a - (float)a.a) * t)};
}

/* One drawable piece of the body. */
typedef struct Part {
    int a, b;       /* nodes; b < 0 for a disc at a */
    float ra, rb;   /* radii in body heights */
    float depth;    /* for sorting: its chain's depth, then its place in the chain */
    float shade;    /* -1 far .. 1 near */
    int chain;      /* 0 the trunk and head, 1-4 the arms and legs */
} Part;

static int part_cmp(const void *x, const void *y)
{
    const Part *p = x, *q = y;
    return (p->depth > q->depth) - (p->depth < q->depth);
}

/* Limb radii, body heights: a slim, readable figure rather than a
 * muscled one (true thigh depth is ~0.09 H). */
static const struct {
    int a, b;
    float ra, rb;
    int chain; /* 0 the trunk; 1, 2 the left and right arm; 3, 4 the legs */
} limbs[] = {
    {SK_PELVIS, SK_L5, 0.058f, 0.050f, 0},
    {SK_L5, SK_T12, 0.050f, 0.060f, 0},
    {SK_T12, SK_C7, 0.060f, 0.048f, 0},
    {SK_C7, SK_SKULL, 0.024f, 0.022f, 0},
    {SK_L_SHOULDER, SK_L_ELBOW, 0.029f, 0.023f, 1},
    {SK_L_ELBOW, SK_L_WRIST, 0.022f, 0.016f, 1},
    {SK_L_WRIST, SK_L_HAND, 0.016f, 0.010f, 1},
    {SK_R_SHOULDER, SK_R_ELBOW, 0.029f, 0.023f, 2},
    {SK_R_ELBOW, SK_R_WRIST, 0.022f, 0.016f, 2},
    {SK_R_WRIST, SK_R_HAND, 0.016f, 0.010f, 2},
    {SK_L_HIP, SK_L_KNEE, 0.044f, 0.031f, 3},
    {SK_L_KNEE, SK_L_ANKLE, 0.030f, 0.021f, 3},
    {SK_L_ANKLE, SK_L_HEEL, 0.020f, 0.012f, 3},
    {SK_L_ANKLE, SK_L_TOE, 0.018f, 0.009f, 3},
    {SK_R_HIP, SK_R_KNEE, 0.044f, 0.031f, 4},
    {SK_R_KNEE, SK_R_ANKLE, 0.030f, 0.021f, 4},
    {SK_R_ANKLE, SK_R_HEEL, 0.020f, 0.012f, 4},
    {SK_R_ANKLE, SK_R_TOE, 0.018f, 0.009f, 4},
};

enum { SCENE_CHAINS = 5 };

/* How bright a part is drawn, from far (SHADE -1) to near (1): the far
 * side is dimmer but stays well clear of the background (at least 3:1 in
 * contrast in both palettes; test_scene measures it). */
static SDL_Color part_color(const ScenePalette *pal, float shade)
{
    return mix(pal->bg, pal->body, 0.72f + 0.28f * (shade + 1.0f) * 0.5f);
}

/* The psoas colour: warm when shorter than standing, cool and brighter
 * when longer. */
static SDL_Color psoas_color(const ScenePalette *pal, float ratio)
{
    float t = (ratio - 1.0f) / 0.12f;
    return t < 0 ? mix(pal->psoas, pal->shorter, -t) : mix(pal->psoas, pal->longer, t);
}

static void draw_psoas(RasterList *g, const Cam *c, const FigureFrame *f, int side, float near_depth,
                       const ScenePalette *pal)
{
    const PsoasLine *p = &f->psoas[side];
    Pt top = project(c, p->top), bottom = project(c, p->bottom), brim = project(c, p->brim),
       ins = project(c, p->insertion);
    float s = c->l.scale;
    float stretch = (f->psoas_ratio[side] - 1.0f) / 0.12f;
    stretch = stretch < 0 ? 0 : stretch > 1 ? 1 : stretch;
    bool near = (top.d + ins.d) * 0.5f >= near_depth;
    float alpha = near ? 1.0f : 0.4f;
    SDL_Color col = with_alpha(psoas_color(pal, f->psoas_ratio[side]), alpha);
    /* the glow: wider and fainter, stronger the longer the muscle */
    SDL_Color glow = with_alpha(col, (0.16f + 0.30f * stretch) * alpha);
    float gw = s * (0.020f + 0.016f * stretch), w = s * 0.0085f;
    Pt mid = {(top.x + bottom.x) * 0.5f, (top.y + bottom.y) * 0.5f, 0};
    Pt via = p->wraps ? brim : mid;
    geo_capsule(g, top, gw, via, gw, glow);
    geo_capsule(g, via, gw, ins, gw * 0.8f, glow);
    geo_capsule(g, top, w * 0.7f, via, w, col);
    geo_capsule(g, bottom, w * 0.7f, via, w, col);
    geo_capsule(g, via, w, ins, w * 0.6f, col);
}

/* A box in the world, drawn as its top and front faces. */
static void geo_box(RasterList *g, const Cam *c, float x0, float x1, float y0, float y1, float z0, float z1,
                    SDL_Color front, SDL_Color top)
{
    Pt p[4] = {project(c, vec3(x0, y0, z1)), project(c, vec3(x1, y0, z1)), project(c, vec3(x1, y1, z1)),
               project(c, vec3(x0, y1, z1))};
    Pt q[4] = {project(c, vec3(x0, y1, z1)), project(c, vec3(x1, y1, z1)), project(c, vec3(x1, y1, z0)),
               project(c, vec3(x0, y1, z0))};
    float xy[8];
    for (int i = 0; i < 4; i++)
        xy[2 * i] = q[i].x, xy[2 * i + 1] = q[i].y;
    raster_list_polygon(g, xy, 4, rgba(top));
    for (int i = 0; i < 4; i++)
        xy[2 * i] = p[i].x, xy[2 * i + 1] = p[i].y;
    raster_list_polygon(g, xy, 4, rgba(front));
}

/* A solid rounded slab seen from the side: a capsule from X0 to X1 at
 * height Y of radius R, at depth Z. */
static void geo_slab(RasterList *g, const Cam *c, float x0, float x1, float y, float r, float z, SDL_Color col)
{
    Pt a = project(c, vec3(x0 + r, y, z)), b = project(c, vec3(x1 - r, y, z));
    geo_capsule(g, a, r * c->l.scale, b, r * c->l.scale, col);
}

static void draw_prop(RasterList *g, const Cam *c, const FigureProp *p, const ScenePalette *pal)
{
    SDL_Color front = with_alpha(pal->prop, p->alpha);
    SDL_Color top = with_alpha(mix(pal->prop, (SDL_Color){255, 255, 255, 255}, 0.35f), p->alpha);
    SDL_Color edge = with_alpha(mix(pal->prop, pal->bg, 0.45f), p->alpha);
    float dir = cosf(deg_to_rad(p->facing)) >= 0 ? 1.0f : -1.0f; /* the way the body faces */
    float x = p->top.x, y = p->top.y, z = p->top.z;
    Vec3 lo, hi; /* the box it stays in (figure_prop_bounds) */
    figure_prop_bounds(p, &lo, &hi);
    switch (p->kind) {
    case SURFACE_CHAIR: {
        float back = x - 0.07f * dir, fore = x + 0.19f * dir;
        float l0 = back < fore ? back : fore, l1 = back < fore ? fore : back;
        geo_box(g, c, back - 0.02f, back + 0.02f, 0, y + 0.26f, z - 0.14f, z - 0.10f, front, top); /* far back post */
        geo_box(g, c, l0, l0 + 0.022f, 0, y, z - 0.14f, z - 0.10f, front, top);
        geo_box(g, c, l1 - 0.022f, l1, 0, y, z - 0.14f, z - 0.10f, front, top);
        geo_box(g, c, l0, l1, y - 0.025f, y, z - 0.14f, z + 0.14f, front, top);  /* seat */
        geo_box(g, c, l0, l0 + 0.022f, 0, y - 0.025f, z + 0.10f, z + 0.14f, front, top);
        geo_box(g, c, l1 - 0.022f, l1, 0, y - 0.025f, z + 0.10f, z + 0.14f, front, top);
        geo_box(g, c, back - 0.02f, back + 0.02f, y, y + 0.26f, z + 0.10f, z + 0.14f, front, top);
        geo_box(g, c, back - 0.02f, back + 0.02f, y + 0.19f, y + 0.26f, z - 0.14f, z + 0.14f, front, top);
        break;
    }
    case SURFACE_COUNTER:
        geo_box(g, c, lo.x, hi.x, 0, y, lo.z, hi.z, front, top);
        geo_box(g, c, lo.x, hi.x, y - 0.018f, y, lo.z, hi.z, edge, top); /* the worktop's edge */
        break;
    case SURFACE_PILLOW: {
        /* soft: a rounded slab, fuller in the middle, with a lighter top */
        float r = y * 0.5f;
        geo_slab(g, c, lo.x, hi.x, r, r, hi.z, front);
        geo_slab(g, c, lo.x + 0.03f, hi.x - 0.03f, r * 1.15f, r * 0.85f, hi.z, front);
        geo_slab(g, c, lo.x + 0.05f, hi.x - 0.05f, r * 1.45f, r * 0.4f, hi.z + 0.001f, top);
        break;
    }
    case SURFACE_BLOCK: {
        /* a clear light block: a darker edge round a light face, its top lighter still */
        float e = 0.008f;
        geo_box(g, c, lo.x, hi.x, 0, y, lo.z, hi.z, edge, top);
        geo_box(g, c, lo.x + e, hi.x - e, e, y - e, lo.z, hi.z + 0.001f, front, top);
        break;
    }
    default:
        break;
    }
}

/* The head in profile, so which way the figure looks reads at a glance,
 * even face up or face down: hair over the back and crown, the face
 * forward of it with a nose, and an eye on the side seen. */
static void draw_head(RasterList *g, const Cam *c, const SkelPose *body, SDL_Color skin, const ScenePalette *pal)
{
    Quat q = body->rot[SK_HEAD];
    Vec3 ctr = body->pos[SK_HEAD], fwd = quat_rotate(q, vec3(1, 0, 0)), up = quat_rotate(q, vec3(0, 1, 0)),
         side = quat_rotate(q, vec3(0, 0, 1));
    if (camera_project(c->pitch, side).d < 0)
        side = vec3_scale(side, -1); /* the side towards the viewer */
    float r = skel_radius(SK_HEAD), px = c->l.scale;
    /* a point of the head: forward F, up U and towards the viewer S, in radii */
#define HEAD_AT(F, U, S) \
    project(c, vec3_add(ctr, vec3_add(vec3_scale(fwd, (F) * r), vec3_add(vec3_scale(up, (U) * r), vec3_scale(side, (S) * r)))))
    SDL_Color hair = mix(pal->bg, skin, 0.42f);
    Pt back = HEAD_AT(-0.16f, 0.14f, 0), face = HEAD_AT(0.1f, -0.04f, 0);
    geo_capsule(g, back, r * 0.96f * px, back, r * 0.96f * px, hair);
    geo_capsule(g, face, r * 0.9f * px, face, r * 0.9f * px, skin);
    /* the nose: from the face's middle, forward and a little down */
    geo_capsule(g, HEAD_AT(0.78f, -0.1f, 0), r * 0.2f * px, HEAD_AT(1.18f, -0.3f, 0), r * 0.1f * px, skin);
    /* the eye, a short stroke on the near side */
    float e = r * 0.11f * px;
    e = e < 0.8f ? 0.8f : e;
    geo_capsule(g, HEAD_AT(0.42f, 0.2f, 0.72f), e, HEAD_AT(0.66f, 0.2f, 0.62f), e, pal->bg);
#undef HEAD_AT
}

int scene_draw(Scene *s, const FigureFrame *f, SceneLayout l, const ScenePalette *pal, bool opaque,
               SceneStats *stats)
{
    RasterList *g = &s->list;
    raster_list_clear(g);
    Cam c = {l, f->view_pitch};

    /* the mat: a rectangle on the floor under the framed pose, with a
     * visible front edge, inside the stage */
    float reach = l.scale > 0 ? 1.0f / l.scale : 0;
    float m0 = f->frame.x0 - 0.12f, m1 = f->frame.x1 + 0.12f;
    float s0 = ((float)l.stage.x + 2 - l.center_x) * reach, s1 = ((float)(l.stage.x + l.stage.w) - 2 - l.center_x) * reach;
    m0 = m0 < s0 ? s0 : m0;
    m1 = m1 > s1 ? s1 : m1;
    geo_box(g, &c, m0, m1, -0.012f, 0, -0.32f, 0.32f, pal->mat, mix(pal->mat, pal->bg, 0.55f));
    for (int i = 0; i < f->prop_count; i++)
        draw_prop(g, &c, &f->props[i], pal);

    /* the body, far to near */
    Pt pt[SK_NODE_COUNT];
    for (int n = 0; n < SK_NODE_COUNT; n++)
        pt[n] = project(&c, f->body.pos[n]);
    float centre = pt[SK_PELVIS].d;
    Part parts[SCENE_MAX_PARTS];
    int np = 0;
    float chest = 1.0f + 0.09f * f->breath; /* the ribs widen on the inhale */
    float chain_depth[SCENE_CHAINS] = {0}, chain_n[SCENE_CHAINS] = {0};
    for (size_t i = 0; i < sizeof limbs / sizeof limbs[0]; i++) {
        Part p = {limbs[i].a, limbs[i].b, limbs[i].ra, limbs[i].rb, 0, 0, limbs[i].chain};
        p.depth = (pt[p.a].d + pt[p.b].d) * 0.5f;
        if (p.chain == 0) {
            p.shade = 0.4f;
            p.depth = centre + (p.depth - centre) * 0.3f;
            if (p.a == SK_T12)
                p.ra *= chest;
            if (p.b == SK_T12)
                p.rb *= chest;
        } else {
            float k = (p.depth - centre) / 0.06f;
            p.shade = k < -1 ? -1 : k > 1 ? 1 : k;
        }
        chain_depth[p.chain] += p.depth;
        chain_n[p.chain] += 1;
        parts[np++] = p;
    }
    parts[np++] = (Part){SK_HEAD, -1, skel_radius(SK_HEAD), 0, 0, 0.4f, 0};
    /* whole limbs far to near, each from the body outwards, so a limb's
     * outline never cuts across its own joints */
    for (int i = 0; i < np; i++)
        parts[i].depth = chain_depth[parts[i].chain] / chain_n[parts[i].chain] + 1e-4f * (float)i;
    qsort(parts, (size_t)np, sizeof parts[0], part_cmp);
    /* an arm or leg is edged in the background's colour where it passes
     * over the body or another limb, so it reads apart from them */
    float rim = 0.006f * l.scale;
    rim = rim < 1.2f ? 1.2f : rim;
    for (int i = 0; i < np; i++) {
        const Part *p = &parts[i];
        if (p->chain > 0 && (i == 0 || parts[i - 1].chain != p->chain))
            for (int j = i; j < np && parts[j].chain == p->chain; j++)
                geo_capsule(g, pt[parts[j].a], parts[j].ra * l.scale + rim, pt[parts[j].b], parts[j].rb * l.scale + rim,
                            pal->bg);
        SDL_Color col = part_color(pal, p->shade);
        float ra = p->ra * l.scale, rb = p->rb * l.scale;
        if (p->a == SK_HEAD)
            draw_head(g, &c, &f->body, col, pal);
        else if (p->b < 0)
            geo_capsule(g, pt[p->a], ra, pt[p->a], ra, col);
        else
            geo_capsule(g, pt[p->a], ra, pt[p->b], rb, col);
    }
    /* the psoas lines go over the body, the far one first and fainter */
    int first = project(&c, f->psoas[PSOAS_LEFT].brim).d < project(&c, f->psoas[PSOAS_RIGHT].brim).d ? PSOAS_LEFT
                                                                                                   : PSOAS_RIGHT;
    draw_psoas(g, &c, f, first, centre, pal);
    draw_psoas(g, &c, f, 1 - first, centre, pal);

    /* the pixels: the box the shapes touch, cut to the output */
    SDL_Rect box;
    raster_list_box(g, &box.x, &box.y, &box.w, &box.h);
    /* and the whole frame, which holds still through a hold: the box
     * stays the same as the body breathes, so only what moved is made */
    if (!camera_box_is_empty(f->frame) && box.w > 0) {
        SDL_Rect fr = {(int)floorf(l.center_x + f->frame.x0 * l.scale) - 2, (int)floorf(l.floor_y - f->frame.y1 * l.scale) - 2,
                       0, 0};
        fr.w = (int)ceilf(l.center_x + f->frame.x1 * l.scale) + 2 - fr.x;
        fr.h = (int)ceilf(l.floor_y - f->frame.y0 * l.scale) + 2 - fr.y;
        SDL_UnionRect(&box, &fr, &box);
    }
    int ow = 0, oh = 0;
    if (SDL_GetRendererOutputSize(s->ren, &ow, &oh) != 0)
        return -1;
    SDL_Rect screen = {0, 0, ow, oh};
    if (!SDL_IntersectRect(&box, &screen, &box))
        box = (SDL_Rect){0, 0, 0, 0};
    RasterColor bg = rgba(pal->bg);
    bg.a = opaque ? 255 : 0; /* the box over the background, or the figure alone */
    /* what must be made again: nothing, the shapes that changed, or all */
    SDL_Rect part = box;
    bool same_box = SDL_RectEquals(&box, &s->box) && !memcmp(&bg, &s->bg, sizeof bg);
    if (same_box && layer_holds(&s->layer, box.w, box.h)) {
        SDL_Rect changed;
        if (raster_list_changes(&s->drawn, g, &changed.x, &changed.y, &changed.w, &changed.h) &&
            !SDL_IntersectRect(&changed, &box, &part))
            part = (SDL_Rect){0, 0, 0, 0};
    }
    if (stats)
        *stats = (SceneStats){.shapes = g->count, .full = g->full, .bounds = box, .redrawn = part};
    if (box.w <= 0 || box.h <= 0)
        return 0;
    if (part.w > 0 && part.h > 0) {
        RasterImage im;
        if (!layer_lock(&s->layer, s->ren, box.x, box.y, box.w, box.h, part, &im))
            return -1;
        raster_fill(&im, bg);
        raster_list_draw(g, &im);
        layer_unlock(&s->layer);
        s->box = box;
        s->bg = bg;
        s->drawn.count = g->count;
        memcpy(s->drawn.shapes, g->shapes, sizeof g->shapes[0] * (size_t)g->count);
    }
    return layer_copy(&s->layer, s->ren, box.x, box.y, box.w, box.h, opaque, 1.0f) != 0 ? -1 : 0;
}
