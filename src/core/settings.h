/* settings.h — what the user chose that outlives a session: the volume and
 * mute, and the length chosen for each routine. Kept in
 * $XDG_STATE_HOME/psoas-coach/settings.json, beside the practice history,
 * as a small object written by us:
 *   {
 *     "volume": 70,
 *     "muted": false,
 *     "lengths": {"psoas-flow": 30, "desk-release": 5},
 *     "breathe": {"pattern": "box", "custom": "4-0-6-0", "minutes": 5, "posture": "constructive-rest",
 *                 "coherent": 6, "ticks": true},
 *     "make": {"minutes": 20, "focus": "floor", "avoid": ["kneeling", "balance"]}
 *   }
 * ("breathe": the breath chooser's last choices, once it has been used;
 * "make": those of "Make me a practice", once it has made one).
 * Unknown keys are ignored, so a later version may add some. A missing
 * file is the defaults, silently; a damaged file or a bad value costs one
 * warning naming the file and the place, and the defaults stand in for
 * what was bad only. The file is replaced whole through a temporary file
 * that is synced and renamed over it, so a crash or a full disk leaves the
 * old file as it was. No lock: two sessions ending together each write a
 * whole file, and the last one wins. */
#ifndef PSOAS_SETTINGS_H
#define PSOAS_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "breathe.h"
#include "compose.h"

enum {
    SETTINGS_VOLUME_DEFAULT = 80, /* percent; matches SESSION_VOLUME_DEFAULT */
    SETTINGS_VOLUME_MAX = 100,    /* volume runs 0..this, in percent */
    SETTINGS_MAX_FILE = 64 << 10, /* bytes read; a larger file is damage */
    SETTINGS_PATH_MAX = 4096,     /* a path with its ".tmp-PID-XXXXXX"; longer: refused */
    SETTINGS_MAX_LENGTHS = 64,    /* routines with a chosen length; more are not kept */
    SETTINGS_ID_CHARS = 96,       /* bytes of a routine id, with its NUL */
    SETTINGS_MINUTES_MAX = 180,   /* a chosen length runs 1..this minutes */
    SETTINGS_TEMP_STALE_S = 60    /* a temporary file this old, or of a process gone, is a crash's */
};

/* The length chosen for one routine. */
typedef struct SettingsLength {
    char id[SETTINGS_ID_CHARS]; /* the routine's id (its file name without .json) */
    int minutes;                /* 1..SETTINGS_MINUTES_MAX */
} SettingsLength;

/* The last choices of "Make me a practice". Plain value. */
typedef struct SettingsMake {
    bool saved;     /* the file holds them (else the defaults: 20 minutes, everything, nothing left out) */
    int minutes;    /* COMPOSE_MIN_MINUTES..COMPOSE_MAX_MINUTES */
    int focus;      /* a PoseFocus, or COMPOSE_FOCUS_ALL */
    unsigned avoid; /* ComposeAvoid bits */
} SettingsMake;

/* The saved choices. Plain value: tests build and compare these. */
typedef struct Settings {
    int volume; /* 0..SETTINGS_VOLUME_MAX percent */
    bool muted; /* sound off (the volume is kept) */
    SettingsLength lengths[SETTINGS_MAX_LENGTHS]; /* chosen lengths, in the order chosen */
    int length_count;                             /* entries in use */
    SettingsMake make;                            /* "Make me a practice"; written only when saved */
} Settings;

/* The minutes chosen for routine ID, or 0 (as written). */
int settings_length(const Settings *s, const char *id);

/* Chooses MINUTES for routine ID (0: forget it, as written). Returns false
 * when ID is empty or too long, MINUTES out of range, or the table is full. */
bool settings_set_length(Settings *s, const char *id, int minutes);

/* The breath chooser's last choices. Plain value. */
typedef struct SettingsBreathe {
    bool saved;           /* the file holds them (else the defaults below) */
    BreatheChoice choice; /* the pattern (its preset, numbers and ease), minutes, posture */
    BreathPattern custom; /* the user's own numbers, kept while a preset is chosen */
    int coherent_x10;     /* the pace "find your pace" found, in tenths of a breath a
                             minute (45..65), the coherent pattern; 0: the preset's */
} SettingsBreathe;

/* The defaults: SETTINGS_VOLUME_DEFAULT, not muted; "make" not saved,
 * at COMPOSE_DEFAULT_MINUTES, every focus, nothing left out. */
Settings settings_defaults(void);

/* Writes "$XDG_STATE_HOME/psoas-coach/settings.json" into OUT: the folder
 * history_default_path chooses (so the same XDG and $HOME rules, and the
 * fallback $HOME/.local/state/psoas-coach/). Returns 0, or -1 (OUT emptied
 * when SIZE > 0) when there is no absolute home or the path does not fit
 * in SIZE bytes. */
int settings_default_path(char *out, size_t size);

/* Reads the settings at PATH into *OUT, which is always filled. Returns
 * true when there is no file (the defaults, no warning) or every value in
 * it was good. Returns false after exactly one warning ("settings: PATH:
 * ..." naming the line and column, or the key) when the file could not be
 * read, is not a JSON object, or holds a bad "volume" or "muted": each bad
 * or duplicated value is replaced by its default, good ones are kept. A
 * "lengths" that is not an object of whole minutes by id loses its bad
 * entries only (one warning). A bad "make" value (minutes not 5-60, an
 * unknown focus or thing to leave out) is replaced by its default, the
 * others in it kept, in the same one warning. A NULL or empty PATH, or one too long for SETTINGS_PATH_MAX with the
 * temporary file's suffix, is refused the same way. Never writes. */
bool settings_load(const char *path, Settings *out);

/* Writes S to PATH: creates its folder (mode 0700, parents too) if
 * missing, writes a temporary file (mode 0600) in the same folder, fsyncs
 * it, renames it over PATH and fsyncs the folder. Returns true when S is
 * in the file (a folder that can not be synced then is only warned
 * about). On any other failure, or for an S that settings_load would
 * refuse, returns false after one warning naming the file and the reason,
 * with the old file byte for byte as it was and no temporary file left. */
bool settings_save(const char *path, const Settings *s);

/* The chooser's defaults: not saved; calm, 5 minutes, constructive rest;
 * the custom numbers calm's. */
SettingsBreathe settings_breathe_defaults(void);

/* Reads the "breathe" object of the settings at PATH into *OUT, which is
 * always filled. Returns true when there is none (the defaults, no
 * warning) or it was good; false after one warning naming the file and
 * the key ("breathe.minutes") when it is bad: each bad value is replaced
 * by its default. Other keys are not looked at (settings_load reads them). */
bool settings_load_breathe(const char *path, SettingsBreathe *out);

/* settings_save with the chooser's choices too (when B->saved). */
bool settings_save_all(const char *path, const Settings *s, const SettingsBreathe *b);

/* Removes temporary files of PATH a crash left (PATH.tmp-* of this user,
 * whose process is gone or older than SETTINGS_TEMP_STALE_S); for
 * start-up. Returns how many. A settings file that is a symbolic link is
 * never written through: settings_save refuses it with one warning. */
int settings_tidy(const char *path);

#endif
