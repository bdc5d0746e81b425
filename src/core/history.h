/* history.h — the practice history: one record per finished or left
 * session, kept in a JSON Lines file under $XDG_STATE_HOME/psoas-coach/,
 * and the two figures the end screen shows (minutes in all, day streak).
 *
 * The file is the user's, written by us: every line is one object
 *   {"date":"2026-11-21T07:30:05","routine":"desk-release","seconds":593,"steps":9,"of":9,"finished":true}
 * with the local date and time (ISO 8601, no zone). It is rewritten whole on
 * each append, under an exclusive lock, through a temporary file that is
 * synced and renamed over the old one, so a crash or a full disk leaves the
 * old file as it was and two sessions ending together both get recorded.
 * A damaged file is never deleted: it is renamed to
 * PATH.corrupt-YYYYMMDD-HHMMSS, its good records go into a fresh file, and
 * one warning names the file and the first bad line. Nothing here waits
 * more than HISTORY_LOCK_WAIT_MS or aborts on what a file holds. */
#ifndef PSOAS_HISTORY_H
#define PSOAS_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

enum {
    HISTORY_DATE_SIZE = 20,       /* "YYYY-MM-DDTHH:MM:SS" and its NUL */
    HISTORY_ROUTINE_SIZE = 64,    /* a routine id of 1..63 bytes and its NUL */
    HISTORY_MIN_YEAR = 1900,      /* dates run from 1900 (struct tm's epoch) ... */
    HISTORY_MAX_YEAR = 9999,      /* ... to four digits */
    HISTORY_MAX_SECONDS = 86400,  /* a session is shorter than a day */
    HISTORY_MAX_STEPS = 10000,    /* "of": above any routine (200 steps x 20 reps x 2 sides) */
    HISTORY_MAX_RECORDS = 100000, /* the newest kept; 27 years at ten sessions a day */
    HISTORY_MAX_FILE = 16 << 20,  /* bytes read, from the end of a larger file */
    HISTORY_LINE_MAX = 512,       /* bytes in one line; the longest record needs about 260 */
    HISTORY_LOCK_WAIT_MS = 2000,  /* a session gives up on the lock after this long */
    HISTORY_PATH_MAX = 4096       /* a path with its suffixes (.lock, .corrupt-...); longer: refused */
};

/* One session, as stored. Plain value: tests build and compare these. */
typedef struct HistoryRecord {
    char date[HISTORY_DATE_SIZE];       /* local time the session ended, "YYYY-MM-DDTHH:MM:SS" */
    char routine[HISTORY_ROUTINE_SIZE]; /* routine id ("desk-release"): printable UTF-8, 1..63 bytes */
    int seconds;                        /* time practised, 0..HISTORY_MAX_SECONDS */
    int steps;                          /* steps completed, 0..of */
    int of;                             /* steps in the routine, 1..HISTORY_MAX_STEPS */
    bool finished;                      /* true: ran to the end; false: left early */
} HistoryRecord;

/* The records of one file, oldest first. Opaque; see history_count/get. */
typedef struct History History;

/* Writes the default history path, "$XDG_STATE_HOME/psoas-coach/history.jsonl",
 * into OUT. XDG_STATE_HOME counts only when set to an absolute path (the XDG
 * base-directory rule); otherwise "$HOME/.local/state/psoas-coach/history.jsonl".
 * Returns 0, or -1 (OUT emptied when SIZE > 0) when neither gives an absolute
 * directory or the path does not fit in SIZE bytes. */
int history_default_path(char *out, size_t size);

/* Loads the history at PATH. A missing file is an empty history; an
 * unreadable one is an empty history and a warning. A damaged one (a bad
 * line, bytes cut off, over HISTORY_MAX_FILE bytes or HISTORY_MAX_RECORDS
 * records) is moved aside and its good records (the newest, when over a
 * limit) are written to a fresh file, with one warning; when the lock can
 * not be had in time the file is left alone and the good records are still
 * returned. Returns NULL only when out of memory. Free with history_free. */
History *history_load(const char *path);

/* Accepts NULL. */
void history_free(History *h);

/* Number of records; 0 for NULL. */
int history_count(const History *h);

/* Record I (0 is the oldest), or NULL when I is out of range. The pointer
 * lives as long as H. */
const HistoryRecord *history_get(const History *h, int i);

/* Adds REC at the end of the history at PATH: creates the directory (mode
 * 0700, parents too) if missing, locks PATH.lock (polling up to
 * HISTORY_LOCK_WAIT_MS), reloads the file (moving a damaged one aside as
 * history_load does), writes all records to a temporary file in the same
 * directory, fsyncs it, renames it over PATH and fsyncs the directory. At
 * HISTORY_MAX_RECORDS the oldest record is dropped. Returns true when the
 * record is in the file; false after one warning naming the file and the
 * reason, with the old file unchanged and no temporary file left. A REC
 * that history_load would refuse is refused the same way. */
bool history_append(const char *path, const HistoryRecord *rec);

/* Fills REC->date with T in local time (localtime_r). Returns false, with
 * REC->date empty, when T has no local time in HISTORY_MIN_YEAR..MAX_YEAR. */
bool history_stamp(HistoryRecord *rec, time_t t);

/* The local calendar day of T, for the TODAY arguments below. Returns
 * false (outputs untouched) as history_stamp does. */
bool history_today(time_t t, int *year, int *month, int *day);

/* The end screen's figures. *TOTAL_MINUTES: the seconds of every record
 * summed, then divided by 60 (rounded down). *STREAK_DAYS: the number of
 * consecutive calendar days with at least one record (finished or left),
 * ending today when today has one, else ending yesterday; 0 when neither
 * has one. So a streak lasts through a day until that day is over without
 * practice. Records dated after today neither count nor break it. The day
 * arithmetic is pure (days from the civil date), so no time zone or
 * daylight saving change can shift it. Accepts NULL H (both 0). */
void history_stats(const History *h, int today_year, int today_month, int today_day,
                   int *total_minutes, int *streak_days);

/* For `psoas-coach --history`: one aligned line per record, oldest first,
 *   2026-11-21 07:30  desk-release   9:53  9/9 steps  finished
 * then "N sessions, M minutes in all; current streak: S days." (the streak
 * as history_stats gives it for TODAY). An empty or NULL H prints
 * "No practice recorded yet (history file: PATH)." */
void history_print(FILE *out, const History *h, const char *path,
                   int today_year, int today_month, int today_day);

#endif
