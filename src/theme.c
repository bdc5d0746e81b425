/* theme.c — see theme.h. */
#include "theme.h"

#include <math.h>
#include <string.h>

static const Theme themes[] = {
    {
        .name = "dark",
        .bg = {16, 20, 26, 255},
        .text = {242, 242, 236, 255},
        .dim = {176, 184, 192, 255},
        .accent = {128, 204, 255, 255},
        .track = {48, 58, 70, 255},
        .fill = {110, 190, 250, 255},
        .hold = {150, 214, 255, 255},
        .panel = {8, 10, 14, 255},
        .shade = 190,
        .scene = &scene_dark,
    },
    {
        .name = "light",
        .bg = {242, 239, 232, 255},
        .text = {20, 24, 30, 255},
        .dim = {60, 66, 74, 255},
        .accent = {0, 78, 150, 255},
        .track = {206, 210, 214, 255},
        .fill = {24, 110, 200, 255},
        .hold = {0, 84, 168, 255},
        .panel = {250, 248, 244, 255},
        .shade = 200,
        .scene = &scene_light,
    },
};

const Theme *theme_find(const char *name)
{
    for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
        if (name && strcmp(name, themes[i].name) == 0)
            return &themes[i];
    return NULL;
}

/* Relative luminance of an sRGB colour (WCAG 2.x definition). */
static double luminance(SDL_Color c)
{
    double ch[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++)
        ch[i] = ch[i] <= 0.04045 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

double theme_contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

SDL_Color theme_blend(SDL_Color a, SDL_Color b, float alpha)
{
    float t = (float)a.a / 255.0f * alpha;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return (SDL_Color){(Uint8)(b.r + (a.r - b.r) * t + 0.5f), (Uint8)(b.g + (a.g - b.g) * t + 0.5f),
                       (Uint8)(b.b + (a.b - b.b) * t + 0.5f), 255};
}
