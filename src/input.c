/* input.c — see input.h. Keys are designated-initializer tables: by
 * scancode for letters and arrows, so they stay where they are on any
 * layout, and by key symbol for '+', '-' and '?', which move between
 * layouts. Touch turns a short press into a tap, a long still one into
 * "any other key" and a long, mostly sideways travel into a swipe. A key
 * or button with no action of its own is INPUT_OTHER, so the help
 * overlay can close on any of them, as it says. */
#include "input.h"

#include <stdlib.h>

#include "log.h"

struct Input {
    SDL_GameController *pads[INPUT_MAX_PADS]; /* open controllers; NULL slots free */
    bool pads_started;                        /* the subsystem is up */
    SDL_FingerID finger;                      /* the finger being followed */
    bool touching;                            /* a finger is down */
    float x0, y0;                             /* where it went down (0..1) */
    Uint32 t0;                                /* when */
    bool tapped;                              /* the event last mapped was a tap ... */
    float tap_x, tap_y;                       /* ... lifted here (0..1 of the window) */
};

static const InputAction key_actions[SDL_NUM_SCANCODES] = {
    [SDL_SCANCODE_ESCAPE] = INPUT_BACK,
    [SDL_SCANCODE_Q] = INPUT_BACK,
    [SDL_SCANCODE_AC_BACK] = INPUT_BACK,
    [SDL_SCANCODE_SPACE] = INPUT_PAUSE,
    [SDL_SCANCODE_K] = INPUT_PAUSE,
    [SDL_SCANCODE_AUDIOPLAY] = INPUT_PAUSE,
    [SDL_SCANCODE_AUDIOSTOP] = INPUT_PAUSE,
    [SDL_SCANCODE_RETURN] = INPUT_SELECT,
    [SDL_SCANCODE_KP_ENTER] = INPUT_SELECT,
    [SDL_SCANCODE_RIGHT] = INPUT_NEXT,
    [SDL_SCANCODE_N] = INPUT_NEXT,
    [SDL_SCANCODE_PAGEDOWN] = INPUT_NEXT,
    [SDL_SCANCODE_AUDIONEXT] = INPUT_NEXT,
    [SDL_SCANCODE_LEFT] = INPUT_PREVIOUS,
    [SDL_SCANCODE_P] = INPUT_PREVIOUS,
    [SDL_SCANCODE_PAGEUP] = INPUT_PREVIOUS,
    [SDL_SCANCODE_AUDIOPREV] = INPUT_PREVIOUS,
    [SDL_SCANCODE_UP] = INPUT_UP,
    [SDL_SCANCODE_DOWN] = INPUT_DOWN,
    [SDL_SCANCODE_S] = INPUT_SWITCH_SIDE,
    [SDL_SCANCODE_M] = INPUT_MUTE,
    [SDL_SCANCODE_AUDIOMUTE] = INPUT_MUTE,
    [SDL_SCANCODE_KP_PLUS] = INPUT_VOLUME_UP,
    [SDL_SCANCODE_KP_MINUS] = INPUT_VOLUME_DOWN,
    [SDL_SCANCODE_F] = INPUT_FULLSCREEN,
    [SDL_SCANCODE_F11] = INPUT_FULLSCREEN,
    [SDL_SCANCODE_H] = INPUT_HELP,
    [SDL_SCANCODE_F1] = INPUT_HELP,
};

static const InputAction pad_actions[SDL_CONTROLLER_BUTTON_MAX] = {
    [SDL_CONTROLLER_BUTTON_A] = INPUT_PAUSE,
    [SDL_CONTROLLER_BUTTON_B] = INPUT_BACK,
    [SDL_CONTROLLER_BUTTON_X] = INPUT_SWITCH_SIDE,
    [SDL_CONTROLLER_BUTTON_Y] = INPUT_MUTE,
    [SDL_CONTROLLER_BUTTON_START] = INPUT_HELP,
    [SDL_CONTROLLER_BUTTON_BACK] = INPUT_BACK,
    [SDL_CONTROLLER_BUTTON_DPAD_LEFT] = INPUT_PREVIOUS,
    [SDL_CONTROLLER_BUTTON_DPAD_RIGHT] = INPUT_NEXT,
    [SDL_CONTROLLER_BUTTON_LEFTSHOULDER] = INPUT_PREVIOUS,
    [SDL_CONTROLLER_BUTTON_RIGHTSHOULDER] = INPUT_NEXT,
    [SDL_CONTROLLER_BUTTON_DPAD_UP] = INPUT_UP,
    [SDL_CONTROLLER_BUTTON_DPAD_DOWN] = INPUT_DOWN,
};

/* Symbols whose key moves between layouts: matched by what they type. */
static InputAction symbol_action(SDL_Keycode k)
{
    switch (k) {
    case SDLK_PLUS:
    case SDLK_EQUALS: /* '+' is shift-'=' on US keyboards */
        return INPUT_VOLUME_UP;
    case SDLK_MINUS:
        return INPUT_VOLUME_DOWN;
    case SDLK_QUESTION:
    case SDLK_SLASH: /* '?' is shift-'/' on US keyboards */
        return INPUT_HELP;
    default:
        return INPUT_NONE;
    }
}

Input *input_create(void)
{
    return calloc(1, sizeof(Input));
}

static void pad_open(Input *in, int index)
{
    if (!SDL_IsGameController(index))
        return;
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(index);
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (in->pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(in->pads[i])) == id)
            return; /* already open */
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (in->pads[i])
            continue;
        in->pads[i] = SDL_GameControllerOpen(index);
        if (in->pads[i])
            log_msg(LOG_INFO, "input", "controller: %s", SDL_GameControllerName(in->pads[i]));
        else
            log_msg(LOG_WARN, "input", "cannot open controller %d: %s", index, SDL_GetError());
        return;
    }
}

static void pad_close(Input *in, SDL_JoystickID id)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (in->pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(in->pads[i])) == id) {
            SDL_GameControllerClose(in->pads[i]);
            in->pads[i] = NULL;
        }
    }
}

void input_open_devices(Input *in)
{
    if (!in || in->pads_started)
        return;
    /* a remote sends its buttons whether or not the window has focus */
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    if (SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER) != 0) {
        log_msg(LOG_WARN, "input", "no game controllers: %s", SDL_GetError());
        return;
    }
    in->pads_started = true;
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        pad_open(in, i);
}

void input_destroy(Input *in)
{
    if (!in)
        return;
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (in->pads[i])
            SDL_GameControllerClose(in->pads[i]);
    if (in->pads_started)
        SDL_QuitSubSystem(SDL_INIT_GAMECONTROLLER);
    free(in);
}

/* A finger lifted: a tap, a swipe, or nothing. */
static InputAction touch_end(Input *in, const SDL_TouchFingerEvent *f)
{
    in->touching = false;
    float dx = f->x - in->x0, dy = f->y - in->y0;
    float adx = dx < 0 ? -dx : dx, ady = dy < 0 ? -dy : dy;
    float swipe = (float)INPUT_SWIPE_PERMILLE / 1000.0f;
    if (adx >= swipe && adx > 2 * ady)
        return dx < 0 ? INPUT_NEXT : INPUT_PREVIOUS; /* the page turns the way the finger goes */
    if (ady >= swipe && ady > 2 * adx)
        return dy < 0 ? INPUT_UP : INPUT_DOWN;
    if (adx < swipe / 3 && ady < swipe / 3) {
        if (f->timestamp - in->t0 > INPUT_TAP_MS)
            return INPUT_OTHER;
        in->tapped = true;
        in->tap_x = f->x;
        in->tap_y = f->y;
        return INPUT_PAUSE;
    }
    return INPUT_NONE;
}

/* Keys that are only ever held with another (Shift for '?'), or that
 * lock: pressed alone they are no key press to act on. */
static bool modifier(SDL_Scancode sc)
{
    return (sc >= SDL_SCANCODE_LCTRL && sc <= SDL_SCANCODE_RGUI) || sc == SDL_SCANCODE_MODE ||
           sc == SDL_SCANCODE_CAPSLOCK || sc == SDL_SCANCODE_NUMLOCKCLEAR || sc == SDL_SCANCODE_SCROLLLOCK;
}

InputAction input_map(Input *in, const SDL_Event *e)
{
    if (in)
        in->tapped = false; /* a tap's point belongs to its own action only */
    switch (e->type) {
    case SDL_QUIT:
        return INPUT_QUIT;
    case SDL_KEYDOWN: {
        if (e->key.repeat)
            return INPUT_NONE;
        InputAction a = symbol_action(e->key.keysym.sym);
        SDL_Scancode sc = e->key.keysym.scancode;
        if (a == INPUT_NONE && (unsigned)sc < SDL_NUM_SCANCODES)
            a = key_actions[sc];
        return a != INPUT_NONE ? a : modifier(sc) ? INPUT_NONE : INPUT_OTHER;
    }
    case SDL_CONTROLLERBUTTONDOWN: {
        InputAction a = e->cbutton.button < SDL_CONTROLLER_BUTTON_MAX ? pad_actions[e->cbutton.button] : INPUT_NONE;
        return a != INPUT_NONE ? a : INPUT_OTHER;
    }
    case SDL_CONTROLLERDEVICEADDED:
        if (in)
            pad_open(in, e->cdevice.which);
        return INPUT_NONE;
    case SDL_CONTROLLERDEVICEREMOVED:
        if (in)
            pad_close(in, e->cdevice.which);
        return INPUT_NONE;
    case SDL_FINGERDOWN:
        if (in && !in->touching) {
            in->touching = true;
            in->finger = e->tfinger.fingerId;
            in->x0 = e->tfinger.x;
            in->y0 = e->tfinger.y;
            in->t0 = e->tfinger.timestamp;
        }
        return INPUT_NONE;
    case SDL_FINGERUP:
        if (in && in->touching && e->tfinger.fingerId == in->finger)
            return touch_end(in, &e->tfinger);
        return INPUT_NONE;
    default:
        return INPUT_NONE;
    }
}

bool input_tap_point(const Input *in, float *x, float *y)
{
    if (!in || !in->tapped)
        return false;
    *x = in->tap_x;
    *y = in->tap_y;
    return true;
}

typedef struct HelpRow {
    const char *keys, *pad, *what;
} HelpRow;

/* The table the help overlay shows and the README repeats. */
static const HelpRow help_rows[] = {
    {"Space, K", "A, tap", "Pause or resume"},
    {"Right, N, PgDn", "D-pad right, R1, swipe left", "Next pose"},
    {"Left, P, PgUp", "D-pad left, L1, swipe right", "Previous pose"},
    {"S", "X", "Switch side"},
    {"Up / Down", "D-pad up / down", "Slower / faster breath"},
    {"M", "Y", "Sound off / on"},
    {"+ / -", "", "Volume up / down"},
    {"F, F11", "", "Full screen"},
    {"H, ?", "Start", "This help"},
    {"Esc, Q (twice)", "B (twice)", "Leave the session"},
};

bool input_help_row(int i, const char **keys, const char **pad, const char **what)
{
    if (i < 0 || i >= (int)(sizeof help_rows / sizeof help_rows[0]))
        return false;
    *keys = help_rows[i].keys;
    *pad = help_rows[i].pad;
    *what = help_rows[i].what;
    return true;
}
