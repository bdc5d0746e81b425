/* input.h — the one place where SDL events become actions: keyboard,
 * presentation clickers, media keys, gamepads and Bluetooth remotes
 * (through SDL_GameController), and touch screens. Everything downstream
 * (the screens, the session) sees InputAction only; what an action means
 * is up to the screen (Up is "slower breaths" in a session and "the
 * routine above" in the picker). */
#ifndef PSOAS_INPUT_H
#define PSOAS_INPUT_H

#include <stdbool.h>

#include <SDL.h>

typedef enum InputAction {
    INPUT_NONE,
    INPUT_QUIT,         /* the window was closed: leave at once */
    INPUT_BACK,         /* Esc, Q: leave the session (asks first), back, quit */
    INPUT_PAUSE,        /* Space, K, tap: pause or resume; on menus, choose */
    INPUT_SELECT,       /* Enter: choose */
    INPUT_NEXT,         /* Right, N, PageDown, swipe left */
    INPUT_PREVIOUS,     /* Left, P, PageUp, swipe right */
    INPUT_UP,           /* Up: slower breaths; the item above */
    INPUT_DOWN,         /* Down: faster breaths; the item below */
    INPUT_SWITCH_SIDE,  /* S */
    INPUT_MUTE,         /* M */
    INPUT_VOLUME_UP,    /* + */
    INPUT_VOLUME_DOWN,  /* - */
    INPUT_FULLSCREEN,   /* F, F11 */
    INPUT_HELP,         /* H, ?: the controls overlay */
    INPUT_OTHER,        /* any other key or button, a long still press: closes the help, nothing else */
    INPUT_ACTION_COUNT
} InputAction;

enum {
    INPUT_MAX_PADS = 8,          /* game controllers open at once */
    INPUT_SWIPE_PERMILLE = 120,  /* a swipe travels 12% of the screen */
    INPUT_TAP_MS = 600           /* a tap lifts within this */
};

/* Open controllers and the finger being tracked. */
typedef struct Input Input;

/* Returns NULL when out of memory. Free with input_destroy (accepts NULL). */
Input *input_create(void);
void input_destroy(Input *in);

/* Starts the game controller subsystem and opens the pads present. Call
 * after the first frame is shown: scanning devices can take a while. */
void input_open_devices(Input *in);

/* Maps one event to an action (INPUT_NONE for events that mean nothing);
 * also opens and closes pads as they come and go. */
InputAction input_map(Input *in, const SDL_Event *e);

/* Whether the event input_map last mapped was a tap (INPUT_PAUSE from a
 * finger), and where it lifted, as fractions 0..1 of the window's width
 * and height into *X and *Y; false for anything else. For screens whose
 * rows a tap may choose. */
bool input_tap_point(const Input *in, float *x, float *y);

/* The controls, for the help overlay: row I (0-based) of the table; false
 * past the last. KEYS is what to press, PAD the gamepad or touch
 * equivalent ("" when none), WHAT what it does. */
bool input_help_row(int i, const char **keys, const char **pad, const char **what);

#endif
