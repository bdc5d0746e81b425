/* harness.h — the real app, headless, for the tests that drive it (test_ui,
 * test_layout, test_leave, test_datafiles, test_record): a temporary home
 * of its own (XDG_STATE_HOME and XDG_CONFIG_HOME under one folder, removed
 * at the end), everything the app logs kept to search, the shipped pose
 * library, and the app started on a clock of the test's own, so minutes
 * of practice run in a moment and every run is the same. Input goes into
 * SDL's own queue as the real devices' events do: keys, gamepad buttons,
 * touches. Test code only; the functions fail the cmocka test on a
 * broken precondition rather than returning an error. */
#ifndef PSOAS_TEST_HARNESS_H
#define PSOAS_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "app.h"
#include "cli.h"
#include "poselib.h"
#include "routine.h"
#include "session.h"

enum {
    HARNESS_FRAME_MS = 50,     /* the clock's step between frames, unless a test sets another */
    HARNESS_START_MS = 1000    /* the test's clock when the app starts */
};

typedef struct Harness {
    CliOptions o;           /* the app's options; harness_start sets routine and picker */
    PoseLibrary *lib;       /* the shipped poses */
    Routine *routine;       /* the session's routine (owned), or NULL at the picker */
    App *app;               /* the running app, or NULL */
    int64_t now;            /* the test's wall clock, ms */
    int64_t frame_ms;       /* the clock's step between frames */
    char dir[64];           /* the temporary home: state/ and config/ under it */
    char *log;              /* every line logged, "tag: text\n" */
    size_t log_len;         /* bytes in LOG */
    size_t mark;            /* where harness_logged starts to look */
    SDL_mutex *log_lock;    /* the clip loader logs from its own thread */
} Harness;

/* Sets SDL's headless drivers (offscreen video, AUDIO audio: "dummy",
 * "disk"); for main() before anything starts SDL. */
void harness_headless(const char *audio);

/* A harness with a fresh home /tmp/psoas-NAME-XXXXXX, logging into it;
 * options: a 320x180 window, --log, normal speed. Fails the test when
 * the folder or the poses cannot be had. harness_destroy ends the app,
 * frees everything and removes the folder (NULL is fine). */
Harness *harness_create(const char *name);
void harness_destroy(Harness *h);

/* cmocka set-up and tear-down: *state is a harness named "app". */
int harness_setup(void **state);
int harness_teardown(void **state);

/* Starts the app at HARNESS_START_MS on ROUTINE (an id or a path, as on
 * the command line, loaded into h->routine) or, when NULL, on the picker.
 * Ends an app already running first. harness_stop ends it and frees the
 * routine. */
void harness_start(Harness *h, const char *routine);
void harness_stop(Harness *h);

/* Runs frames for MS of the test's clock; false
 * as soon as the app closes. */
bool harness_run(Harness *h, int64_t ms);

/* Pushes an event as its device would: a key press, a gamepad button, a
 * touch (TYPE SDL_FINGERDOWN/UP at X,Y in 0..1, stamped MS). The app sees
 * it at the next frame. */
void harness_key(SDL_Scancode sc);
void harness_button(SDL_GameControllerButton b);
void harness_finger(Uint32 type, float x, float y, Uint32 ms);

/* A key press or a gamepad button and one frame; false once the app closes. */
bool harness_press(Harness *h, SDL_Scancode sc);
bool harness_pad(Harness *h, SDL_GameControllerButton b);

/* A tap at X,Y (in 0..1) and one frame. */
void harness_tap(Harness *h, float x, float y);

/* Closes the window (SDL_QUIT): the app must end at the next frame. */
void harness_quit(Harness *h);

/* The screen on top ("picker", "session", "help", ...). */
const char *harness_screen(const Harness *h);

/* The session's view; fails the test when there is no session. */
SessionView harness_view(const Harness *h);

/* Runs until the session's practice clock reaches MS. */
void harness_run_to_practice(Harness *h, int64_t ms);

/* Forgets what was logged so far: harness_logged and harness_log look
 * from here on. */
void harness_mark(Harness *h);
/* How many times S was logged since the mark. */
int harness_logged(Harness *h, const char *s);
/* What was logged since the mark (valid until the next log line). */
const char *harness_log(const Harness *h);

/* OUT = the file NAME of the app's state folder (history.jsonl,
 * settings.json). */
void harness_state_file(const Harness *h, const char *name, char *out, size_t size);
/* The user's routines folder, made if it is not there yet. */
const char *harness_levels(Harness *h);
/* Records in the history file (0 when there is none). */
int harness_history_count(const Harness *h);
/* The routine id of the last history record into OUT; fails the test if none. */
void harness_last_record(const Harness *h, char *out, size_t size);

/* Writes TEXT to PATH; reads PATH into BUF ("" when there is no file). */
void harness_write_file(const char *path, const char *text);
void harness_read_file(const char *path, char *buf, size_t size);

/* The app window's picture as it was last drawn (caller frees), or NULL
 * when there is no window. */
SDL_Surface *harness_picture(void);

#endif
