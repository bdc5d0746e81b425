/* ending.c — see ending.h.
 *
 * Signals and Xlib's handler are process-wide, so the state is too: one
 * static struct, touched by the main thread, the watcher (under LOCK) and
 * the X handler (main thread). Nothing runs in signal context: the four
 * signals are blocked everywhere and only ever taken by sigtimedwait. */
#include "ending.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

enum {
    ENDING_POLL_MS = 100 /* the watcher looks at the clock and at ending_stop this often */
};

typedef enum Phase {
    PHASE_IDLE,    /* not started */
    PHASE_RUNNING, /* the main loop runs: a signal ends it */
    PHASE_CLOSING  /* the loop is over: the app is closing */
} Phase;

typedef int (*XIOHandler)(void *display);

typedef struct EndingState {
    sigset_t set;                   /* the signals taken */
    bool blocked;                   /* SET is blocked in the threads */
    pthread_t thread;               /* the watcher */
    bool started;                   /* THREAD runs */
    pthread_mutex_t lock;           /* guards what follows, up to the X part */
    Phase phase;                    /* where the program is */
    bool stop;                      /* the watcher should return */
    int64_t deadline_ms;            /* monotonic ms by which the program must be gone; 0 none */
    int signo;                      /* the first signal taken; 0 none */
    Uint32 event_type;              /* the SDL event the watcher pushes; 0 none */
    void (*lost_display)(void *);   /* the app's last words when X goes (main thread) */
    void *user;                     /* for LOST_DISPLAY */
    void *libx11;                   /* SDL's libX11, held while the handler is in */
    XIOHandler (*set_io)(XIOHandler); /* its XSetIOErrorHandler */
    XIOHandler old_io;              /* the handler before ours */
} EndingState;

static EndingState ending = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

const char *ending_signal_words(int signo)
{
    switch (signo) {
    case SIGTERM: return "SIGTERM (asked to stop)";
    case SIGINT: return "SIGINT (interrupted)";
    case SIGHUP: return "SIGHUP (the terminal or the login closed)";
    case SIGQUIT: return "SIGQUIT (asked to quit)";
    default: return "a signal";
    }
}

bool ending_block_signals(void)
{
    /* SDL's own handlers would only cover SIGINT and SIGTERM */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    sigemptyset(&ending.set);
    sigaddset(&ending.set, SIGTERM);
    sigaddset(&ending.set, SIGINT);
    sigaddset(&ending.set, SIGHUP);
    sigaddset(&ending.set, SIGQUIT);
    int err = pthread_sigmask(SIG_BLOCK, &ending.set, NULL);
    if (err != 0) {
        log_msg(LOG_WARN, "ending", "cannot take signals (%s); a signal ends the program unrecorded", strerror(err));
        return false;
    }
    ending.blocked = true;
    return true;
}

static void *watch(void *arg)
{
    (void)arg;
    for (;;) {
        struct timespec wait = {0, ENDING_POLL_MS * 1000000L};
        int sig = sigtimedwait(&ending.set, NULL, &wait);
        pthread_mutex_lock(&ending.lock);
        if (ending.stop) {
            pthread_mutex_unlock(&ending.lock);
            return NULL;
        }
        int64_t now = mono_ms();
        if (sig > 0 && ending.signo == 0) {
            /* the first signal ends the program; later ones (logind sends
             * SIGTERM, then SIGHUP) change nothing */
            ending.signo = sig;
            if (ending.phase == PHASE_RUNNING) {
                SDL_Event ev;
                SDL_zero(ev);
                ev.type = ending.event_type;
                ev.user.code = sig;
                if (SDL_PushEvent(&ev) < 0)
                    log_msg(LOG_WARN, "ending", "%s: cannot tell the main loop (%s)", ending_signal_words(sig),
                            SDL_GetError());
            }
            if (ending.deadline_ms == 0)
                ending.deadline_ms = now + ENDING_GRACE_MS;
        }
        if (ending.deadline_ms != 0 && now >= ending.deadline_ms) {
            log_msg(LOG_ERROR, "ending", "the program did not close within %d s; stopping it now",
                    ENDING_GRACE_MS / 1000);
            _exit(1);
        }
        pthread_mutex_unlock(&ending.lock);
    }
}

/* Xlib's I/O error handler: the connection to the display is gone. Runs
 * in the thread that made the failing Xlib call (the main one: only it
 * draws and pumps events), so the app's state is between two steps. */
static int on_x_io_error(void *display)
{
    (void)display;
    log_msg(LOG_WARN, "video", "the display went away (the connection to the X server is lost); closing");
    if (ending.lost_display) {
        void (*last)(void *) = ending.lost_display;
        ending.lost_display = NULL; /* once, even if recording meets X again */
        last(ending.user);
    }
    /* Xlib would exit with status 1 after this returns; nothing else can
     * be closed with the display gone, and the record is synced. */
    _exit(0);
}

static void x_handler_in(void)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!driver || strcmp(driver, "x11") != 0)
        return;
    /* the libX11 SDL loaded; never a second copy */
    ending.libx11 = dlopen("libX11.so.6", RTLD_LAZY | RTLD_NOLOAD);
    if (!ending.libx11) {
        log_msg(LOG_WARN, "ending", "cannot find Xlib (%s); losing the display would end the session unrecorded",
                dlerror());
        return;
    }
    void *sym = dlsym(ending.libx11, "XSetIOErrorHandler");
    if (!sym) {
        dlclose(ending.libx11);
        ending.libx11 = NULL;
        return;
    }
    memcpy(&ending.set_io, &sym, sizeof sym); /* a function pointer from dlsym, without a cast warning */
    ending.old_io = ending.set_io(on_x_io_error);
    log_msg(LOG_INFO, "ending", "a lost X display will end the session as closing the window does");
}

bool ending_start(void (*lost_display)(void *user), void *user)
{
    ending.lost_display = lost_display;
    ending.user = user;
    x_handler_in();
    if (!ending.blocked)
        return false;
    ending.event_type = SDL_RegisterEvents(1);
    if (ending.event_type == (Uint32)-1) {
        log_msg(LOG_WARN, "ending", "cannot register an event (%s); signals keep their default actions",
                SDL_GetError());
        ending.event_type = 0;
        pthread_sigmask(SIG_UNBLOCK, &ending.set, NULL);
        ending.blocked = false;
        return false;
    }
    ending.phase = PHASE_RUNNING;
    ending.stop = false;
    int err = pthread_create(&ending.thread, NULL, watch, NULL);
    if (err != 0) {
        log_msg(LOG_WARN, "ending", "cannot start the signal watcher (%s); signals keep their default actions",
                strerror(err));
        ending.phase = PHASE_IDLE;
        pthread_sigmask(SIG_UNBLOCK, &ending.set, NULL);
        ending.blocked = false;
        return false;
    }
    ending.started = true;
    return true;
}

bool ending_is_event(const SDL_Event *ev, int *signo)
{
    if (ending.event_type == 0 || ev->type != ending.event_type)
        return false;
    *signo = ev->user.code;
    return true;
}

void ending_closing(void)
{
    pthread_mutex_lock(&ending.lock);
    ending.phase = PHASE_CLOSING;
    /* the app records its session as it closes, and is freed after */
    ending.lost_display = NULL;
    if (ending.started && ending.deadline_ms == 0)
        ending.deadline_ms = mono_ms() + ENDING_GRACE_MS;
    pthread_mutex_unlock(&ending.lock);
}

void ending_stop(void)
{
    if (ending.started) {
        pthread_mutex_lock(&ending.lock);
        ending.stop = true;
        pthread_mutex_unlock(&ending.lock);
        pthread_join(ending.thread, NULL);
        ending.started = false;
    }
    ending.phase = PHASE_IDLE;
    ending.lost_display = NULL;
    if (ending.libx11) {
        /* SDL_Quit has closed the display by now; the old handler back */
        ending.set_io(ending.old_io);
        dlclose(ending.libx11);
        ending.libx11 = NULL;
    }
}
