/* layer.c — see layer.h. */
#include "layer.h"

bool layer_holds(const Layer *l, int w, int h)
{
    return l->tex && l->w >= w && l->h >= h;
}

bool layer_lock(Layer *l, SDL_Renderer *r, int x, int y, int w, int h, SDL_Rect part, RasterImage *im)
{
    if (!layer_holds(l, w, h)) {
        /* grown in steps, so a picture moving about does not make a
         * texture each frame */
        int tw = l->w > w ? l->w : (w + 63) / 64 * 64;
        int th = l->h > h ? l->h : (h + 63) / 64 * 64;
        layer_drop(l);
        l->tex = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, tw, th);
        if (!l->tex)
            return false;
        l->w = tw;
        l->h = th;
    }
    void *pixels = NULL;
    int pitch = 0;
    SDL_Rect in_tex = {part.x - x, part.y - y, part.w, part.h};
    if (SDL_LockTexture(l->tex, &in_tex, &pixels, &pitch) != 0) {
        layer_drop(l);
        return false;
    }
    *im = (RasterImage){pixels, part.w, part.h, pitch / 4, part.x, part.y};
    return true;
}

void layer_unlock(Layer *l)
{
    SDL_UnlockTexture(l->tex);
}

int layer_copy(Layer *l, SDL_Renderer *r, int x, int y, int w, int h, bool opaque, float alpha)
{
    alpha = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
    SDL_SetTextureBlendMode(l->tex, opaque && alpha >= 1.0f ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(l->tex, (Uint8)(alpha * 255.0f + 0.5f));
    return SDL_RenderCopy(r, l->tex, &(SDL_Rect){0, 0, w, h}, &(SDL_Rect){x, y, w, h});
}

void layer_drop(Layer *l)
{
    if (l->tex)
        SDL_DestroyTexture(l->tex);
    *l = (Layer){NULL, 0, 0};
}
