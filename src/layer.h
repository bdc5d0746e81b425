/* layer.h — a picture the core's rasteriser makes, kept between frames in
 * a streaming texture: the figure (scene.c) and the breath ring (ui.c).
 *
 * The owner decides what to make again (all of it, or only the part that
 * changed) and locks just that part; every pixel it locks must be written,
 * since a renderer's lock need not hold the old ones. The texture is made
 * on first use and made again, larger, when a picture outgrows it. */
#ifndef PSOAS_LAYER_H
#define PSOAS_LAYER_H

#include <stdbool.h>

#include <SDL.h>

#include "raster.h"

typedef struct Layer {
    SDL_Texture *tex; /* streaming ARGB8888; NULL until first locked, or after layer_drop */
    int w, h;         /* its size: at least the largest picture so far */
} Layer;

/* Whether L's texture is there and holds a W x H picture, so that a part
 * of the picture last made can be made again. */
bool layer_holds(const Layer *l, int w, int h);

/* Locks PART (output coordinates) of a W x H picture whose top left pixel
 * goes to X,Y, with R: the texture is made first when it is missing or too
 * small (then the whole picture must be made). On success *IM holds PART's
 * pixels, addressed in output coordinates, and layer_unlock must follow.
 * Returns false when SDL refuses (SDL_GetError says why); the texture is
 * dropped. */
bool layer_lock(Layer *l, SDL_Renderer *r, int x, int y, int w, int h, SDL_Rect part, RasterImage *im);
void layer_unlock(Layer *l);

/* Copies the W x H picture to X,Y: without blending when OPAQUE and ALPHA
 * is 1, else blended at ALPHA (0..1). Returns SDL_RenderCopy's result. */
int layer_copy(Layer *l, SDL_Renderer *r, int x, int y, int w, int h, bool opaque, float alpha);

/* Drops the texture (the renderer lost it, or it is closing). */
void layer_drop(Layer *l);

#endif
