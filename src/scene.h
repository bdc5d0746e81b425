/* scene.h — draws a FigureFrame: the mat, any props, the body and its
 * psoas lines, seen from the side (or as the pose's view asks).
 *
 * Every limb is a capsule with a one-pixel soft edge, sorted far to near,
 * the far side dimmer. The core's rasteriser (raster.h) draws them over the
 * background into one streaming texture the size of the box they cover,
 * which is copied to the output without blending: one texture copy a
 * frame, and none of SDL's per-triangle work. Only the pixels under
 * shapes that changed since the last frame are made again (the chest as
 * it breathes); a frame whose shapes are all the same only copies. Sizes follow the
 * area given, so the same frame draws alike from 320x180 to 4K. Over the
 * plain background the box is opaque: draw the figure before what goes
 * over it. */
#ifndef PSOAS_SCENE_H
#define PSOAS_SCENE_H

#include <SDL.h>

#include "figure.h"
#include "layer.h"
#include "raster.h"

typedef struct ScenePalette {
    SDL_Color body;    /* near-side limbs; far ones are darker */
    SDL_Color mat;     /* the mat or floor line */
    SDL_Color prop;    /* chair, counter, pillow, block */
    SDL_Color bg;      /* what the body is drawn over (for the far side's shade) */
    SDL_Color psoas;   /* the psoas at its standing length */
    SDL_Color shorter; /* ... shortened (warm) */
    SDL_Color longer;  /* ... lengthened (cool, glowing) */
} ScenePalette;

extern const ScenePalette scene_dark;
extern const ScenePalette scene_light;

typedef struct SceneLayout {
    float floor_y;   /* screen y of the floor line at the figure's centre */
    float center_x;  /* screen x of the figure's centre */
    float scale;     /* pixels per body height */
    SDL_Rect stage;  /* the area the figure is framed in; the floor stays inside it */
} SceneLayout;

/* The layout that frames F in AREA (the stage): F's frame box at
 * CAMERA_FILL of the area in its binding dimension (see camera_fit). */
SceneLayout scene_layout(SDL_Rect area, const FigureFrame *f);

typedef struct SceneStats {
    int shapes;       /* capsules and polygons drawn */
    bool full;        /* some did not fit in the list and were left out */
    SDL_Rect redrawn; /* the pixels made anew: where the shapes changed, all of BOUNDS, or none */
    SDL_Rect bounds;  /* the box copied to the output (the figure's extent, cut to the output) */
} SceneStats;

/* The figure's texture and shape lists, kept between frames. */
typedef struct Scene Scene;

/* A scene that draws with R; destroy it before R. Returns NULL when out
 * of memory. Free with scene_destroy (accepts NULL). */
Scene *scene_create(SDL_Renderer *r);
void scene_destroy(Scene *s);

/* Drops the texture (after the renderer lost its textures); the next
 * draw makes it again. */
void scene_reset(Scene *s);

/* Draws F with layout L. OPAQUE: the output shows only PAL->bg where the
 * figure goes, and its box is copied over it whole (the fast way); else
 * the figure alone is blended over whatever is there. Returns 0, or -1
 * when SDL refuses a texture (SDL_GetError says why). STATS may be NULL. */
int scene_draw(Scene *s, const FigureFrame *f, SceneLayout l, const ScenePalette *pal, bool opaque, SceneStats *stats);

#endif
