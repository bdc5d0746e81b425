/* input.c — see input.h. Keys are a designated-initializer table by
 * scancode, so the layout of a keyboard or a presentation clicker (which
 * sends PageUp/PageDown) maps by position, not by the letter printed. */
#include "input.h"

static const InputAction key_actions[SDL_NUM_SCANCODES] = {
    [SDL_SCANCODE_ESCAPE] = INPUT_QUIT,
    [SDL_SCANCODE_Q] = INPUT_QUIT,
    [SDL_SCANCODE_SPACE] = INPUT_PAUSE,
    [SDL_SCANCODE_K] = INPUT_PAUSE,
    [SDL_SCANCODE_RIGHT] = INPUT_NEXT,
    [SDL_SCANCODE_N] = INPUT_NEXT,
    [SDL_SCANCODE_PAGEDOWN] = INPUT_NEXT,
    [SDL_SCANCODE_LEFT] = INPUT_PREVIOUS,
    [SDL_SCANCODE_P] = INPUT_PREVIOUS,
    [SDL_SCANCODE_PAGEUP] = INPUT_PREVIOUS,
    [SDL_SCANCODE_S] = INPUT_SWITCH_SIDE,
    [SDL_SCANCODE_UP] = INPUT_PACE_SLOWER,
    [SDL_SCANCODE_DOWN] = INPUT_PACE_FASTER,
    [SDL_SCANCODE_F] = INPUT_FULLSCREEN,
    [SDL_SCANCODE_F11] = INPUT_FULLSCREEN,
};

InputAction input_map(const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        return INPUT_QUIT;
    case SDL_KEYDOWN:
        if (e->key.repeat)
            return INPUT_NONE;
        if ((unsigned)e->key.keysym.scancode < SDL_NUM_SCANCODES)
            return key_actions[e->key.keysym.scancode];
        return INPUT_NONE;
    default:
        return INPUT_NONE;
    }
}

const char *input_action_name(InputAction a)
{
    static const char *const names[INPUT_ACTION_COUNT] = {
        [INPUT_NONE] = "none",
        [INPUT_QUIT] = "quit",
        [INPUT_PAUSE] = "pause",
        [INPUT_NEXT] = "next",
        [INPUT_PREVIOUS] = "previous",
        [INPUT_SWITCH_SIDE] = "switch side",
        [INPUT_PACE_SLOWER] = "pace slower",
        [INPUT_PACE_FASTER] = "pace faster",
        [INPUT_FULLSCREEN] = "full screen",
    };
    return (unsigned)a < INPUT_ACTION_COUNT ? names[a] : "?";
}
