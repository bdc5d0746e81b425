/* test_scene.c — every pose, both sides, drawn by the real renderer
 * (SDL's software renderer into a surface) at several sizes: the figure is
 * drawn inside the image and inside the box it reports, framed large
 * (test_camera measures the fill exactly); the near side is brighter than
 * the far, which still reads against the background; the face shows
 * which way the figure looks; an
 * unchanged frame is copied, not made again; a figure half off the
 * output is cut at its edge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "scene.h"
#include "support.h"

typedef struct Box {
    int x0, y0, x1, y1, count;
} Box;

/* Pixels that differ from the background, outside the mat (drawn in its
 * own colours). */
static Box figure_pixels(SDL_Surface *s)
{
    Box b = {s->w, s->h, -1, -1, 0};
    SDL_LockSurface(s);
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint8 r, g, bl;
            SDL_GetRGB(row[x], s->format, &r, &g, &bl);
            if (r < 150 || g < 150 || bl > r + 20) /* the body is near white; mat, props (blue) and background not */
                continue;
            b.count++;
            b.x0 = x < b.x0 ? x : b.x0;
            b.y0 = y < b.y0 ? y : b.y0;
            b.x1 = x > b.x1 ? x : b.x1;
            b.y1 = y > b.y1 ? y : b.y1;
        }
    }
    SDL_UnlockSurface(s);
    return b;
}

static void draw(Scene *scene, SDL_Renderer *r, const FigureFrame *f, int w, int h, SceneStats *st)
{
    SDL_SetRenderDrawColor(r, scene_dark.bg.r, scene_dark.bg.g, scene_dark.bg.b, 255);
    SDL_RenderClear(r);
    assert_int_equal(scene_draw(scene, f, scene_layout((SDL_Rect){0, 0, w, h}, f), &scene_dark, true, st), 0);
    SDL_RenderPresent(r);
}

/* A W x H surface drawn by SDL's software renderer, a scene on it, and
 * the figure. */
typedef struct Stage {
    Figure *fg;
    SDL_Surface *s;
    SDL_Renderer *r;
    Scene *scene;
} Stage;

static Stage stage_open(int w, int h)
{
    Stage st;
    st.fg = figure_create(lib);
    st.s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(st.fg);
    assert_non_null(st.s);
    st.r = SDL_CreateSoftwareRenderer(st.s);
    assert_non_null(st.r);
    st.scene = scene_create(st.r);
    assert_non_null(st.scene);
    return st;
}

static void stage_close(Stage *st)
{
    scene_destroy(st->scene);
    SDL_DestroyRenderer(st->r);
    SDL_FreeSurface(st->s);
    figure_destroy(st->fg);
}

static void test_every_pose_at_every_size(void **state)
{
    (void)state;
    static const int sizes[][2] = {{320, 180}, {1280, 720}, {3840, 2160}, {720, 1280}, {1024, 768}};
    Figure *fg = figure_create(lib);
    assert_non_null(fg);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
        assert_non_null(r);
        Scene *scene = scene_create(r);
        assert_non_null(scene);
        for (int p = 0; p < lib->count; p++) {
            for (int side = 0; side < (lib->poses[p].one_sided ? 3 : 1); side++) {
                if (lib->poses[p].one_sided && side == SIDE_NONE)
                    continue;
                FigureFrame f;
                figure_pose(fg, p, (Side)side, 0.5f, 0, &f);
                SceneStats st;
                draw(scene, r, &f, w, h, &st);
                Box b = figure_pixels(s);
                bool made = st.redrawn.w * st.redrawn.h > 0;
                if (st.shapes < 19 || st.full || !made || b.count < w * h / 400 || b.x0 <= 0 || b.y0 <= 0 ||
                    b.x1 >= w - 1 || b.y1 >= h - 1)
                    fail_msg("%s side %d at %dx%d: %d shapes%s%s, %d pixels in (%d,%d)-(%d,%d)", lib->poses[p].id,
                             side, w, h, st.shapes, st.full ? " (full)" : "", made ? "" : " (not made)", b.count, b.x0,
                             b.y0, b.x1, b.y1);
                /* the reported bounds agree with the pixels */
                assert_true(b.x0 >= st.bounds.x - 2 && b.x1 <= st.bounds.x + st.bounds.w + 2);
                assert_true(b.y0 >= st.bounds.y - 2 && b.y1 <= st.bounds.y + st.bounds.h + 2);
                /* framed: 80-90% of the stage in its binding dimension
                 * (a prop may be what binds), less a little for the soft
                 * edges and dim far limbs the pixel count leaves out */
                float fill = fmaxf((float)(b.x1 - b.x0 + 1) / (float)w, (float)(b.y1 - b.y0 + 1) / (float)h);
                if (fill > 0.9f || (fill < 0.7f && f.prop_count == 0))
                    fail_msg("%s side %d fills %.0f%% of %dx%d", lib->poses[p].id, side, fill * 100, w, h);
            }
        }
        scene_destroy(scene);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(s);
    }
    figure_destroy(fg);
}

/* sRGB channel to linear light (WCAG 2). */
static double linear(Uint8 c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }

/* WCAG contrast ratio of two colours, 1..21. */
static double contrast(SDL_Color a, SDL_Color b)
{
    double x = luminance(a), y = luminance(b);
    return (fmax(x, y) + 0.05) / (fmin(x, y) + 0.05);
}

/* The colour drawn at world point P of F under layout L. */
static SDL_Color pixel_at(const Stage *st, const FigureFrame *f, SceneLayout l, Vec3 p)
{
    CameraPoint q = camera_project(f->view_pitch, p);
    int x = (int)(l.center_x + q.x * l.scale), y = (int)(l.floor_y - q.y * l.scale);
    Uint32 px = ((Uint32 *)st->s->pixels)[y * (st->s->pitch / 4) + x];
    SDL_Color c = {0, 0, 0, 255};
    SDL_GetRGB(px, st->s->format, &c.r, &c.g, &c.b);
    return c;
}

/* Near and far: in a kneeling lunge the near knee (the back leg's, on
 * the floor) is drawn brighter than the far one (the front leg's), and
 * the far one still stands out from the background at 3:1 or more, in
 * both palettes. */
static void test_near_and_far(void **state)
{
    (void)state;
    int w = 800, h = 450;
    Stage stage = stage_open(w, h);
    FigureFrame f;
    figure_pose(stage.fg, poselib_find(lib, "kneeling-lunge"), SIDE_LEFT, 0, 0, &f);
    assert_true(f.body.pos[SK_L_KNEE].z > f.body.pos[SK_R_KNEE].z);
    const ScenePalette *pals[2] = {&scene_dark, &scene_light};
    for (int k = 0; k < 2; k++) {
        const ScenePalette *pal = pals[k];
        SDL_SetRenderDrawColor(stage.r, pal->bg.r, pal->bg.g, pal->bg.b, 255);
        SDL_RenderClear(stage.r);
        SceneLayout l = scene_layout((SDL_Rect){0, 0, w, h}, &f);
        assert_int_equal(scene_draw(stage.scene, &f, l, pal, true, NULL), 0);
        /* mid-shin, clear of the joints' outlines */
        Vec3 near = vec3_lerp(f.body.pos[SK_L_KNEE], f.body.pos[SK_L_ANKLE], 0.4f);
        Vec3 far = vec3_lerp(f.body.pos[SK_R_KNEE], f.body.pos[SK_R_ANKLE], 0.4f);
        SDL_Color cn = pixel_at(&stage, &f, l, near), cf = pixel_at(&stage, &f, l, far);
        double far_bg = contrast(cf, pal->bg), near_bg = contrast(cn, pal->bg);
        if (far_bg < 3.0 || near_bg < far_bg * 1.15)
            fail_msg("%s: near %.2f:1, far %.2f:1 against the background", k ? "light" : "dark", near_bg, far_bg);
    }
    stage_close(&stage);
}

/* The face shows which way the figure looks: standing, the nose is on the
 * side it faces (right on the screen) and not behind; lying face up, the
 * nose is above the head, and face down (sphinx, looking ahead) the
 * hair is on the back of the head, the side away from the face. */
static void test_face(void **state)
{
    (void)state;
    int w = 800, h = 450;
    Stage stage = stage_open(w, h);
    static const char *const poses[] = {"standing", "supine"};
    for (int i = 0; i < 2; i++) {
        FigureFrame f;
        figure_pose(stage.fg, poselib_find(lib, poses[i]), SIDE_NONE, 0, 0, &f);
        SDL_SetRenderDrawColor(stage.r, scene_dark.bg.r, scene_dark.bg.g, scene_dark.bg.b, 255);
        SDL_RenderClear(stage.r);
        SceneLayout l = scene_layout((SDL_Rect){0, 0, w, h}, &f);
        assert_int_equal(scene_draw(stage.scene, &f, l, &scene_dark, true, NULL), 0);
        Quat q = f.body.rot[SK_HEAD];
        Vec3 c = f.body.pos[SK_HEAD], fwd = quat_rotate(q, vec3(1, 0, 0)), up = quat_rotate(q, vec3(0, 1, 0));
        float r = skel_radius(SK_HEAD);
        /* just past the round of the head: the nose in front, nothing behind */
        Vec3 nose = vec3_add(c, vec3_add(vec3_scale(fwd, 1.06f * r), vec3_scale(up, -0.2f * r)));
        Vec3 behind = vec3_add(c, vec3_add(vec3_scale(fwd, -1.22f * r), vec3_scale(up, -0.3f * r)));
        SDL_Color n = pixel_at(&stage, &f, l, nose), b = pixel_at(&stage, &f, l, behind);
        if (contrast(n, scene_dark.bg) < 4.0 || contrast(b, n) < 3.0)
            fail_msg("%s: nose %d,%d,%d behind %d,%d,%d", poses[i], n.r, n.g, n.b, b.r, b.g, b.b);
        /* the hair at the back, darker than the face */
        SDL_Color hair = pixel_at(&stage, &f, l, vec3_add(c, vec3_scale(fwd, -0.85f * r)));
        SDL_Color face = pixel_at(&stage, &f, l, vec3_add(c, vec3_scale(fwd, 0.3f * r)));
        if (contrast(face, hair) < 1.5 || contrast(hair, scene_dark.bg) < 1.5)
            fail_msg("%s: hair %d,%d,%d face %d,%d,%d", poses[i], hair.r, hair.g, hair.b, face.r, face.g, face.b);
    }
    FigureFrame f;
    figure_pose(stage.fg, poselib_find(lib, "standing"), SIDE_NONE, 0, 0, &f);
    assert_true(quat_rotate(f.body.rot[SK_HEAD], vec3(1, 0, 0)).x > 0.9f); /* faces +x: to the right */
    figure_pose(stage.fg, poselib_find(lib, "supine"), SIDE_NONE, 0, 0, &f);
    assert_true(quat_rotate(f.body.rot[SK_HEAD], vec3(1, 0, 0)).y > 0.9f); /* face up */
    stage_close(&stage);
}

/* A copy of the pixels of S. */
static Uint32 *pixels_of(SDL_Surface *s)
{
    Uint32 *p = malloc((size_t)s->h * (size_t)s->pitch);
    assert_non_null(p);
    memcpy(p, s->pixels, (size_t)s->h * (size_t)s->pitch);
    return p;
}

static int area(SDL_Rect r) { return r.w > 0 && r.h > 0 ? r.w * r.h : 0; }

/* The same frame again is copied from the texture, not made again, and
 * looks the same. A breath later only the pixels under what moved are made
 * again, and the picture is the one a fresh scene draws. Another palette
 * makes it all again. */
static void test_only_changes_are_made_again(void **state)
{
    (void)state;
    int w = 640, h = 360;
    Stage stage = stage_open(w, h);
    FigureFrame f;
    figure_pose(stage.fg, poselib_find(lib, "low-lunge"), SIDE_LEFT, 0.5f, 0, &f);
    SceneStats st;
    draw(stage.scene, stage.r, &f, w, h, &st);
    assert_true(SDL_RectEquals(&st.redrawn, &st.bounds));
    Uint32 *first = pixels_of(stage.s);
    draw(stage.scene, stage.r, &f, w, h, &st);
    assert_int_equal(area(st.redrawn), 0);
    assert_memory_equal(first, stage.s->pixels, (size_t)h * (size_t)stage.s->pitch);

    /* breathing in, the chest widens; out, it narrows (so pixels it
     * covered last frame must be made again too) */
    static const float breath[] = {0.625f, 0.75f, 0.875f, 1.0f, 0.75f, 0.5f, 0.25f};
    for (int k = 0; k < (int)(sizeof breath / sizeof breath[0]); k++) {
        figure_pose(stage.fg, poselib_find(lib, "low-lunge"), SIDE_LEFT, breath[k], 0, &f);
        draw(stage.scene, stage.r, &f, w, h, &st);
        if (area(st.redrawn) <= 0 || area(st.redrawn) >= area(st.bounds))
            fail_msg("breath %d: made again %d,%d %dx%d of %d,%d %dx%d", k, st.redrawn.x, st.redrawn.y, st.redrawn.w, st.redrawn.h, st.bounds.x, st.bounds.y, st.bounds.w, st.bounds.h);
    }
    Uint32 *partly = pixels_of(stage.s);
    Scene *fresh = scene_create(stage.r);
    draw(fresh, stage.r, &f, w, h, &st);
    assert_memory_equal(partly, stage.s->pixels, (size_t)h * (size_t)stage.s->pitch);
    assert_memory_not_equal(first, stage.s->pixels, (size_t)h * (size_t)stage.s->pitch);
    scene_destroy(fresh);

    SDL_SetRenderDrawColor(stage.r, scene_light.bg.r, scene_light.bg.g, scene_light.bg.b, 255);
    SDL_RenderClear(stage.r);
    SceneLayout whole = scene_layout((SDL_Rect){0, 0, w, h}, &f);
    assert_int_equal(scene_draw(stage.scene, &f, whole, &scene_light, true, &st), 0);
    assert_true(SDL_RectEquals(&st.redrawn, &st.bounds));
    /* the box holds the light background, not the dark one */
    Uint8 rr, gg, bb;
    Uint32 corner = ((Uint32 *)stage.s->pixels)[(st.bounds.y + 1) * (stage.s->pitch / 4) + st.bounds.x + 1];
    SDL_GetRGB(corner, stage.s->format, &rr, &gg, &bb);
    assert_int_equal(rr, scene_light.bg.r);
    free(first);
    free(partly);
    stage_close(&stage);
}

/* A layout that puts half the figure past the output's left edge: the box
 * is cut there, and what is left is drawn. */
static void test_cut_at_the_edge(void **state)
{
    (void)state;
    int w = 400, h = 300;
    Stage stage = stage_open(w, h);
    FigureFrame f;
    figure_pose(stage.fg, poselib_find(lib, "standing"), SIDE_NONE, 0.5f, 0, &f);
    SDL_SetRenderDrawColor(stage.r, scene_dark.bg.r, scene_dark.bg.g, scene_dark.bg.b, 255);
    SDL_RenderClear(stage.r);
    SceneStats st;
    SceneLayout half_off = scene_layout((SDL_Rect){-w / 2, 0, w, h}, &f);
    assert_int_equal(scene_draw(stage.scene, &f, half_off, &scene_dark, true, &st), 0);
    assert_int_equal(st.bounds.x, 0);
    assert_true(st.bounds.w > 0 && st.bounds.w < w / 2);
    assert_true(figure_pixels(stage.s).count > 0);
    /* wholly off the output: nothing to copy, and no error */
    SceneLayout off = scene_layout((SDL_Rect){-2 * w, 0, w, h}, &f);
    assert_int_equal(scene_draw(stage.scene, &f, off, &scene_dark, true, &st), 0);
    assert_int_equal(st.bounds.w * st.bounds.h, 0);
    stage_close(&stage);
}

/* Not alone on the background (a screen fading in over another): the
 * figure is blended over what is there, and the rest of its box leaves
 * that alone; alone again, the box is opaque once more. */
static void test_figure_alone_over_a_picture(void **state)
{
    (void)state;
    int w = 640, h = 360;
    Stage stage = stage_open(w, h);
    FigureFrame f;
    figure_pose(stage.fg, poselib_find(lib, "low-lunge"), SIDE_LEFT, 0.5f, 0, &f);
    SceneLayout l = scene_layout((SDL_Rect){0, 0, w, h}, &f);
    SDL_Color under = {200, 40, 160, 255}; /* a colour the scene never draws */
    SceneStats st;
    for (int k = 0; k < 2; k++) {
        bool opaque = k == 1;
        SDL_SetRenderDrawColor(stage.r, under.r, under.g, under.b, 255);
        SDL_RenderClear(stage.r);
        assert_int_equal(scene_draw(stage.scene, &f, l, &scene_dark, opaque, &st), 0);
        SDL_RenderPresent(stage.r);
        assert_true(SDL_RectEquals(&st.redrawn, &st.bounds)); /* a new kind of box: made whole */
        int kept = 0, box = st.bounds.w * st.bounds.h;
        for (int y = st.bounds.y; y < st.bounds.y + st.bounds.h; y++)
            for (int x = st.bounds.x; x < st.bounds.x + st.bounds.w; x++) {
                Uint8 r, g, b;
                SDL_GetRGB(((Uint32 *)stage.s->pixels)[y * (stage.s->pitch / 4) + x], stage.s->format, &r, &g, &b);
                kept += r == under.r && g == under.g && b == under.b;
            }
        if (opaque ? kept != 0 : kept < box / 3 || kept == box)
            fail_msg("%s: %d of the box's %d pixels show what was under it", opaque ? "opaque" : "alone", kept, box);
        assert_true(figure_pixels(stage.s).count > 0);
    }
    stage_close(&stage);
}

int main(void)
{
    if (SDL_Init(0) != 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_pose_at_every_size),
        cmocka_unit_test(test_near_and_far),
        cmocka_unit_test(test_face),
        cmocka_unit_test(test_only_changes_are_made_again),
        cmocka_unit_test(test_cut_at_the_edge),
        cmocka_unit_test(test_figure_alone_over_a_picture),
    };
    int rc = cmocka_run_group_tests(tests, support_setup, support_teardown);
    SDL_Quit();
    return rc;
}
