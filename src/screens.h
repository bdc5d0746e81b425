/* screens.h — the screens of the program and the stack they live on.
 *
 * The stack's bottom is the routine picker; a session goes over it, and
 * the pause and help overlays over the session; the end summary replaces
 * the session. Opaque screens fade in from the background and out to it;
 * overlays fade over what is beneath. Each screen keeps its own state,
 * made in enter and freed in leave, and sees input as InputAction only.
 * Times are wall-clock ms from the app's clock. */
#ifndef PSOAS_SCREENS_H
#define PSOAS_SCREENS_H

#include <stdbool.h>
#include <stdint.h>

#include "breathe.h"
#include "compose.h"
#include "input.h"
#include "routine.h"
#include "session.h"
#include "ui.h"

typedef struct App App;
typedef struct Audio Audio;

typedef struct Screen {
    const char *name;  /* "picker", "session", "pause", "help", "summary", "leave" */
    bool opaque;       /* covers the whole screen (else: an overlay) */
    /* Makes the state from ARG (screen-specific); NULL when it cannot. */
    void *(*enter)(App *a, void *arg, int64_t now);
    /* Frees the state. */
    void (*leave)(App *a, void *state);
    /* An action while this screen is on top. */
    void (*action)(App *a, void *state, InputAction act, int64_t now);
    /* Once a frame while on the stack, before drawing (may be NULL). */
    void (*update)(App *a, void *state, int64_t now);
    /* Draws at ALPHA (0..1, the fade). */
    void (*draw)(App *a, void *state, float alpha, int64_t now);
    /* Ms until the screen changes by itself: 0 when animating, -1 never
     * (may be NULL: never). */
    int64_t (*idle)(App *a, void *state, int64_t now);
    /* After update: whether the picture differs from the one last drawn
     * (may be NULL: it changes only when idle says it animates, or on
     * input). Frames that would look the same are not drawn. */
    bool (*stale)(App *a, void *state, int64_t now);
} Screen;

const Screen *picker_screen(void);
const Screen *practice_screen(void);  /* ARG: the Routine to practise */
const Screen *pause_screen(void);     /* ARG: the session screen's state */
const Screen *help_screen(void);      /* ARG: the session screen's state, or NULL */
/* The session screen's state at its last update. */
void practice_view(const void *state, SessionView *out);
/* Writes the session's history record and settings now, if not yet
 * written (once per session), with no SDL call: for a display gone. */
void practice_record(App *a, void *state);
/* The help overlay over a session closed: resume if help paused it. */
void practice_help_closed(App *a, void *state, int64_t now);
const Screen *summary_screen(void);   /* ARG: a SummaryInfo to copy */
const Screen *leave_screen(void);     /* --kiosk: turn off, back, or close */
const Screen *chooser_screen(void);   /* the breath chooser; ARG unused */
const Screen *pace_screen(void);      /* after "find your pace": ARG its Routine (Routine.pacing) */
const Screen *maker_screen(void);     /* "Make me a practice"; ARG unused */

/* What the end screen shows. */
typedef struct SummaryInfo {
    char title[ROUTINE_TITLE_CHARS + 1]; /* the routine */
    SessionSummary s;                    /* what was practised */
    int total_minutes;                   /* from the history; -1 when unknown */
    int streak_days;                     /* consecutive days of practice; -1 when unknown */
    bool recorded;                       /* the history record was written */
    double speed;                        /* the practice clock's rate; not 1: a trial, counted nowhere */
    int archived;                        /* old records this record's write moved to ARCHIVE; 0 none */
    char archive[64];                    /* that file's name, without its folder (cut to fit) */
} SummaryInfo;

/* The app's side, for screens. */
Ui *app_ui(App *a);
void app_push(App *a, const Screen *s, void *arg, int64_t now);
/* Closes the top screen (fading out). */
void app_pop(App *a, int64_t now);
/* Closes screens down to the picker (opening it if the stack has none). */
void app_to_picker(App *a, int64_t now);
void app_quit(App *a);
/* The same, saying WHY in the log ("Esc on the picker"). */
void app_quit_because(App *a, const char *why);
/* Whether the action being handled came from a tap, and where: in the
 * pixels screens draw in (Ui's w and h) into *X and *Y. */
bool app_tap_point(App *a, int *x, int *y);
/* --kiosk: the machine runs only this program (Esc offers turning off). */
bool app_kiosk(const App *a);
/* The sound (NULL when drawing to a file). */
Audio *app_audio(App *a);

/* Settings that outlive a session. */
typedef struct AppSettings {
    double speed;   /* practice clock rate */
    int volume;     /* 0..100 */
    bool muted;     /* sound off */
    bool breath_only; /* --breath-only: no voice, bells or ticks */
    BreatheChoice breathe;        /* the breath chooser's choices, offered first */
    BreathPattern breathe_custom; /* its custom numbers */
    int breathe_coherent_x10;     /* the pace "find your pace" found (breathe_coherent_pattern) */
    bool breathe_chosen;          /* a breath practice was started: save the choices */
    ComposeOptions make;          /* "Make me a practice": minutes, focus, avoid (the seed: the day's) */
    bool make_chosen;             /* a made practice was started: save those choices */
} AppSettings;
AppSettings *app_settings(App *a);
/* Writes the volume and mute (and the breath chooser's and the maker's
 * choices, once one started a practice) to settings.json when they differ from what it
 * holds (one warning when that fails); nothing for an app without it. */
void app_save_settings(App *a);

/* The routines the picker offers. */
int app_routine_count(const App *a);
const Routine *app_routine(const App *a, int i, const char **id, int64_t *length_ms);
/* The index of the routine to offer first. */
int app_routine_default(const App *a);
/* Routine I one length longer (DIR +1) or shorter (-1) among those it
 * offers, remembered in settings.json; false when there is none. */
bool app_routine_step_length(App *a, int i, int dir);

/* Appends a record of SUMMARY for a session of ROUTINE (one of
 * app_routine's) to the history and fills INFO's totals. */
void app_record(App *a, const Routine *routine, const SessionSummary *summary, SummaryInfo *info);

/* Composes the breath practice CHOICE (breathe_routine), kept by the app
 * until the next one or the end (the session of the last must be over);
 * its history id is "breathe:" and the pattern. NULL after a warning when
 * it cannot be made. */
const Routine *app_breath_practice(App *a, const BreatheChoice *choice);

/* The same for "find your pace" in POSTURE (breathe_pace_routine). */
const Routine *app_pace_practice(App *a, BreathePosture posture);

/* The same for a practice made for you (compose_make with O, seed and
 * all, as --make makes it); its history id is "made-FOCUS-MINUTES". */
const Routine *app_made_practice(App *a, const ComposeOptions *o);

/* Totals from the history for the picker: false when there is none. */
bool app_history_totals(App *a, int *total_minutes, int *streak_days);

#endif
