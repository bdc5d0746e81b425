/* ending.h — the ways the program is ended from outside the screen, turned
 * into the same orderly end as closing the window: SIGTERM (systemctl
 * stop, logging out), SIGINT (Ctrl+C), SIGHUP (the terminal closed, or
 * logind at logout) and SIGQUIT; and the X display going away.
 *
 * Signals are blocked in every thread and taken by one watcher thread with
 * sigwait, so nothing at all runs in signal context: the watcher pushes an
 * SDL event and the main loop ends the session and records it as it would
 * for Esc. If the program has not closed ENDING_GRACE_MS after a signal (or
 * after ending_closing), the watcher ends it, so a stuck shutdown never
 * needs kill -9.
 *
 * Xlib exits the process (status 1) once its I/O error handler returns, so
 * a lost X display is handled inside that handler: it calls the app's
 * LOST_DISPLAY callback, which records the open session with no X or SDL
 * call, logs one line, and the process exits with status 0. Xlib is found
 * at run time in the libX11 SDL loaded, so nothing here links X. */
#ifndef PSOAS_ENDING_H
#define PSOAS_ENDING_H

#include <stdbool.h>

#include <SDL.h>

enum {
    ENDING_GRACE_MS = 5000 /* the longest an orderly end may take after a signal */
};

/* Blocks SIGTERM, SIGINT, SIGHUP and SIGQUIT in the calling thread, so in
 * every thread started after it (call before SDL starts any), and tells
 * SDL not to install handlers of its own. Returns false (after a warning)
 * when it cannot: the signals then keep their default actions. */
bool ending_block_signals(void);

/* After SDL's video is up: starts the watcher thread (signals blocked
 * earlier and still pending are taken now) and, when SDL uses X11, puts
 * in the I/O error handler that calls LOST_DISPLAY(USER) once, from the
 * main thread, before the process exits. Returns false (after a warning)
 * when the watcher cannot start. */
bool ending_start(void (*lost_display)(void *user), void *user);

/* Whether EV is the watcher's event; *SIGNO gets the signal. */
bool ending_is_event(const SDL_Event *ev, int *signo);

/* "SIGTERM (asked to stop)" and the like, for log lines. */
const char *ending_signal_words(int signo);

/* The main loop has ended: from now on signals start no new end, and the
 * watcher stops the program if closing takes over ENDING_GRACE_MS. */
void ending_closing(void);

/* Stops the watcher (waits for it, at most a fifth of a second) and
 * removes the X handler. Accepts being called without ending_start. */
void ending_stop(void);

#endif
