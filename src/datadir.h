/* datadir.h — where the program's data (assets/, levels/) lives.
 * Checked in order: $PSOAS_COACH_DATA; next to the binary or one level up
 * (a build directory inside the source tree); ../share/psoas-coach beside
 * the binary (a relocated install); the source tree the build was
 * configured from, while the binary is inside that build's folder (an
 * uninstalled build made anywhere, cmake -S SRC -B /elsewhere); the install
 * prefix it was built for. */
#ifndef PSOAS_DATADIR_H
#define PSOAS_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a malloc'd path of the data directory (caller frees), or NULL
 * after logging where it looked. */
char *datadir_find(void);

/* The folder of the user's own routines, $XDG_CONFIG_HOME/psoas-coach/levels
 * (~/.config/psoas-coach/levels when XDG_CONFIG_HOME is unset or not an
 * absolute path), into OUT. Returns 0, or -1 without a home folder. */
int datadir_user_levels(char *out, size_t size);

/* Resolves ARG to a routine file: an argument with a '/' or ending in
 * ".json" is a path; otherwise it is an id: the user's routine of that id
 * when there is one, else the one in DATA/levels/. Writes the path into
 * OUT; returns 0, or -1 when it does not fit. */
int datadir_routine_path(const char *data, const char *arg, char *out, size_t size);

/* The ids of the routines in DATA/levels (file names without .json, hidden
 * files skipped), sorted by byte value (never in the folder's own order),
 * all of them however many, into *IDS (malloc'd; free with
 * datadir_free_ids). A name that cannot be an id (routine_id_check) is
 * named in one warning and left out. Returns how many, or -1 when the
 * folder cannot be read. */
int datadir_routine_ids(const char *data, char ***ids);
void datadir_free_ids(char **ids, int count);

typedef struct DatadirRoutine {
    char *id;    /* file name without .json */
    char *path;  /* the file */
    bool user;   /* from the user's folder (datadir_user_levels) */
} DatadirRoutine;

/* Every routine: DATA/levels and the user's folder, sorted by id; a user's
 * routine with a shipped one's id stands in its place. Into *OUT (free
 * with datadir_free_routines); returns how many, or -1 when neither
 * folder can be read. A user folder that is not there is no problem; one
 * that cannot be read is named in a warning. */
int datadir_routines(const char *data, DatadirRoutine **out);
void datadir_free_routines(DatadirRoutine *r, int count);

#endif
