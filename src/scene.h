/* scene.h — draws a FigureFrame: the mat, any props, the body and its
 * psoas lines, seen from the side (or as the pose's view asks).
 *
 * The body goes to the renderer in one SDL_RenderGeometry call: every limb
 * a quad with round ends and a one-pixel soft fringe, sorted far to near,
 * the far side dimmer. Sizes follow the area given, so the same frame
 * draws alike from 320x180 to 4K. */
#ifndef PSOAS_SCENE_H
#define PSOAS_SCENE_H

#include <SDL.h>

#include "figure.h"

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
} SceneLayout;

/* The layout that puts a standing body at about 58% of AREA's height. */
SceneLayout scene_layout(SDL_Rect area);

typedef struct SceneStats {
    int geometry_calls; /* SDL_RenderGeometry calls for the figure (1 when drawn) */
    int vertices;       /* vertices in them */
    SDL_FRect bounds;   /* the figure's extent on screen */
} SceneStats;

/* Vertex buffers, kept between frames. */
typedef struct Scene Scene;

/* Returns NULL when out of memory. Free with scene_destroy (accepts NULL). */
Scene *scene_create(void);
void scene_destroy(Scene *s);

/* Draws F with layout L. Returns 0, or -1 when SDL refuses the geometry
 * (SDL_GetError says why). STATS may be NULL. */
int scene_draw(Scene *s, SDL_Renderer *r, const FigureFrame *f, SceneLayout l, const ScenePalette *pal,
               SceneStats *stats);

#endif
