/* input.h — the one place where SDL events become actions. Everything
 * downstream (the timeline, the app loop) sees InputAction only. */
#ifndef PSOAS_INPUT_H
#define PSOAS_INPUT_H

#include <SDL.h>

typedef enum InputAction {
    INPUT_NONE,
    INPUT_QUIT,
    INPUT_PAUSE,        /* toggle pause */
    INPUT_NEXT,
    INPUT_PREVIOUS,
    INPUT_SWITCH_SIDE,
    INPUT_PACE_SLOWER,  /* breaths 10% longer */
    INPUT_PACE_FASTER,  /* breaths 10% shorter */
    INPUT_FULLSCREEN,   /* toggle full screen */
    INPUT_ACTION_COUNT
} InputAction;

/* Maps one event to an action (INPUT_NONE for events that mean nothing). */
InputAction input_map(const SDL_Event *e);

/* Short name for logs: "pause", "next", ... */
const char *input_action_name(InputAction a);

#endif
