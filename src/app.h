/* app.h — the SDL shell: a window, the screen stack (screens.h), the main
 * loop; and the image-writing modes that draw one moment to a file.
 *
 * The loop is app_frame(now) called with the wall clock: events in,
 * screens updated, one frame drawn. Tests call it with a clock of their
 * own and events pushed into SDL's queue, so a scripted session runs
 * exactly as a real one does, only faster. */
#ifndef PSOAS_APP_H
#define PSOAS_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "poselib.h"
#include "routine.h"
#include "session.h"
#include "textcache.h"

typedef struct App App;

/* Opens the window (full screen unless O->windowed) and the screens: a
 * session of ROUTINE when given, else the picker. DATA is the data folder
 * (for the picker's routines); O, DATA, LIB and ROUTINE outlive the app.
 * NOW_MS is the wall clock. Returns NULL after logging when the window
 * cannot open. Free with app_destroy (accepts NULL). */
App *app_create(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine,
                int64_t now_ms);
void app_destroy(App *a);

/* Handles pending events, updates the screens and draws a frame at wall
 * time NOW_MS. Returns false once the program should close. */
bool app_frame(App *a, int64_t now_ms);

/* Wall-clock ms the loop may sleep waiting for events before the screen
 * needs drawing again: 0 while anything moves, -1 when nothing will. */
int64_t app_idle_ms(App *a, int64_t now_ms);

/* For tests and logs: the top screen's name ("picker", "session",
 * "pause", "help", "summary"), the session's state (false when there is
 * no session), and how many times text has been rendered. */
const char *app_screen_name(const App *a);
bool app_session_view(const App *a, SessionView *out);
long app_text_renders(const App *a);

/* Calls SPY with every text the app draws from now on, named by the
 * screen drawing it (see textcache_spy); NULL stops. */
void app_text_spy(App *a, TextSpy spy, void *user);

/* Runs the program: app_create, then app_frame on the real clock until
 * it closes, sleeping while nothing moves. Returns the exit code. */
int app_run(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine);

/* Draws the session at O->at_ms into O->out (.bmp). Returns 0 or 1. */
int app_snapshot(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine);

/* Draws O->bench_s seconds of a session of ROUTINE at 60 frames a second
 * of a virtual clock, as fast as it can, into an O->width x O->height
 * surface (1920x1080 by default) with SDL's software renderer, and prints
 * the frames, the CPU time per frame (median, 99th percentile), the peak
 * resident memory and the time from STARTED_NS (CLOCK_MONOTONIC, taken
 * at the start of main) to the first frame. Returns 0 or 1. */
int app_bench(const CliOptions *o, const char *data, const PoseLibrary *lib, const Routine *routine,
              int64_t started_ns);

/* Draws a contact sheet of ROUTINE into O->sheet (.bmp): one tile per
 * step with the pose, its name and side, and the hold. Returns 0 or 1. */
int app_sheet(const CliOptions *o, const Routine *routine, const PoseLibrary *lib);

#endif
