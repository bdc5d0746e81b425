/* datadir.h — where the program's data (assets/, levels/) lives.
 * Checked in order: $PSOAS_COACH_DATA; next to the binary or one level up
 * (a build directory inside the source tree); ../share/psoas-coach beside
 * the binary (a relocated install); the install prefix it was built for. */
#ifndef PSOAS_DATADIR_H
#define PSOAS_DATADIR_H

#include <stddef.h>

/* Returns a malloc'd path of the data directory (caller frees), or NULL
 * after logging where it looked. */
char *datadir_find(void);

/* Resolves ARG to a routine file: an argument with a '/' or ending in
 * ".json" is a path; otherwise it is an id in DATA/levels/. Writes the path
 * into OUT; returns 0, or -1 when it does not fit. */
int datadir_routine_path(const char *data, const char *arg, char *out, size_t size);

enum { DATADIR_MAX_ROUTINES = 512 }; /* routine files listed at most */

/* The ids of the routines in DATA/levels (file names without .json, hidden
 * files skipped), sorted, into *IDS (malloc'd; free with datadir_free_ids).
 * Returns how many, or -1 when the folder cannot be read. */
int datadir_routine_ids(const char *data, char ***ids);
void datadir_free_ids(char **ids, int count);

#endif
