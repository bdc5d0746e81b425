/* theme.h — the colours of the screen, dark (the default, for a dim room
 * and a TV) and light (--theme light, for daylight). Every colour text is
 * drawn in keeps a contrast of at least 7:1 (WCAG 2 level AAA) against
 * the background it sits on; tests/test_ui.c measures it. */
#ifndef PSOAS_THEME_H
#define PSOAS_THEME_H

#include <SDL.h>

#include "scene.h"

typedef struct Theme {
    const char *name;            /* "dark", "light" */
    SDL_Color bg;                /* the background */
    SDL_Color text;              /* main text */
    SDL_Color dim;               /* secondary text (still >= 7:1) */
    SDL_Color accent;            /* highlighted text: "Next: ...", the chosen routine */
    SDL_Color track;             /* empty part of bars and the breath ring */
    SDL_Color fill;              /* the filled part */
    SDL_Color hold;              /* the ring while the breath is held */
    SDL_Color panel;             /* under overlays and the chosen row */
    Uint8 shade;                 /* alpha of the panel colour dimming a paused scene */
    const ScenePalette *scene;   /* the figure's colours */
} Theme;

/* The theme called NAME, or NULL. */
const Theme *theme_find(const char *name);

/* WCAG 2 contrast ratio of two opaque colours, 1..21. */
double theme_contrast(SDL_Color a, SDL_Color b);

/* A over B at A's alpha times ALPHA: the colour the eye gets. */
SDL_Color theme_blend(SDL_Color a, SDL_Color b, float alpha);

#endif
