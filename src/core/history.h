/* history.h — the practice history: one record per finished or left
 * session, kept in a JSON Lines file under $XDG_STATE_HOME/psoas-coach/,
 * and the two figures the end screen shows (minutes in all, day streak).
 *
 * The file is the user's, written by us: every line is one object
 *   {"date":"2026-11-21T07:30:05","routine":"desk-release","seconds":593,"steps":9,"of":9,"finished":true}
 * with the local date and time (ISO 8601, no zone), and "speed" (the
 * practice clock's rate) only for a trial run at another speed. Keys may
 * be added later: a key is optional or new, never changed in meaning. It
 * is rewritten whole on each append, under an exclusive lock, through a
 * temporary file that is synced and renamed over the old one, so a crash
 * or a full disk leaves the old file as it was and two sessions ending
 * together both get recorded. Loading never writes. A damaged file is
 * never deleted: the next append writes and syncs a fresh file of its good
 * records first, then keeps the damaged one as PATH.corrupt-YYYYMMDD-HHMMSS
 * and puts the fresh one in place, with one line saying so. Past
 * HISTORY_MAX_RECORDS records or HISTORY_MAX_BYTES bytes the oldest go to
 * PATH.archive-YYYYMMDD-HHMMSS, never deleted. Nothing is written through
 * a symbolic link. Nothing here waits more than HISTORY_LOCK_WAIT_MS or
 * aborts on what a file holds. */
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
    HISTORY_MAX_RECORDS = 100000, /* past this the oldest are archived; 27 years at ten sessions a day */
    HISTORY_ARCHIVE_KEEP = 90000, /* archiving leaves this many, so it happens once in 10,000 sessions */
    HISTORY_MAX_BYTES = 12 << 20, /* past this too (records with more keys) ... */
    HISTORY_ARCHIVE_KEEP_BYTES = 11 << 20, /* ... down to this */
    HISTORY_STREAK_MIN_SECONDS = 60, /* a day counts toward the streak with a session this long */
    HISTORY_TEMP_STALE_S = 60,    /* a temporary file this old, or of a process gone, is a crash's */
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
    double speed;                       /* practice clock rate; 0 or 1: real time (practice), else a trial */
} HistoryRecord;

/* What an append did besides adding the record, for the end screen. */
typedef struct HistoryWritten {
    int archived;                  /* oldest records moved to ARCHIVE; 0 when none */
    char archive[HISTORY_PATH_MAX]; /* the archive file when ARCHIVED > 0 */
    bool repaired;                 /* a damaged file was kept aside and replaced */
} HistoryWritten;

/* Whether REC is a trial: run at a speed other than real time. Trials are
 * shown but count in no total and no streak. */
bool history_is_trial(const HistoryRecord *rec);

/* The records of one file, oldest first. Opaque; see history_count/get. */
typedef struct History History;

/* Writes the default history path, "$XDG_STATE_HOME/psoas-coach/history.jsonl",
 * into OUT. XDG_STATE_HOME counts only when set to an absolute path (the XDG
 * base-directory rule); otherwise "$HOME/.local/state/psoas-coach/history.jsonl".
 * Returns 0, or -1 (OUT emptied when SIZE > 0) when neither gives an absolute
 * directory or the path does not fit in SIZE bytes. */
int history_default_path(char *out, size_t size);

/* Loads the history at PATH; never writes. A missing file is an empty
 * history; an unreadable one is an empty history and a warning. A damaged
 * one (a bad line, bytes cut off, over HISTORY_MAX_FILE bytes, of which
 * the last are read) gives its good records and one warning, the first
 * time that damage is seen in this process; the next append repairs it.
 * A history that is a symbolic link is read through it. Returns NULL only
 * when out of memory. Free with history_free. */
History *history_load(const char *path);

/* Accepts NULL. */
void history_free(History *h);

/* Number of records; 0 for NULL. */
int history_count(const History *h);

/* Record I (0 is the oldest), or NULL when I is out of range. The pointer
 * lives as long as H. */
const HistoryRecord *history_get(const History *h, int i);

/* Adds REC at the end of the history at PATH: creates the directory (mode
 * 0700, parents too) if missing, refuses one that belongs to another user
 * or a PATH or lock that is a symbolic link, locks PATH.lock (polling up
 * to HISTORY_LOCK_WAIT_MS), removes temporary files that crashed writers
 * left, reloads the file, writes all its good records and REC to a
 * temporary file in the same directory and fsyncs it; only then keeps a
 * damaged old file aside (see above), renames the new one over PATH and
 * fsyncs the directory. Past HISTORY_MAX_RECORDS or HISTORY_MAX_BYTES the
 * oldest records are first written to an archive file, synced. Returns
 * true when the record is in the file; false after one warning naming the
 * file and the reason, with the old file unchanged and no temporary file
 * left. A REC that history_load would refuse is refused the same way. */
bool history_append(const char *path, const HistoryRecord *rec);

/* The same, and tells what else it did in *OUT (may be NULL). */
bool history_append_to(const char *path, const HistoryRecord *rec, HistoryWritten *out);

/* Removes temporary files of PATH a crash left (PATH.tmp-* of this user,
 * whose process is gone or older than HISTORY_TEMP_STALE_S); for start-up.
 * Returns how many it removed. */
int history_tidy(const char *path);

/* Fills REC->date with T in local time (localtime_r). Returns false, with
 * REC->date empty, when T has no local time in HISTORY_MIN_YEAR..MAX_YEAR. */
bool history_stamp(HistoryRecord *rec, time_t t);

/* The local calendar day of T, for the TODAY arguments below. Returns
 * false (outputs untouched) as history_stamp does. */
bool history_today(time_t t, int *year, int *month, int *day);

/* The end screen's figures, trials left out. *TOTAL_MINUTES: the seconds
 * of every record summed, then divided by 60 (rounded down).
 * *STREAK_DAYS: the number of consecutive calendar days with at least one
 * record (finished or left) of HISTORY_STREAK_MIN_SECONDS or more, ending
 * today when today has one, else ending yesterday; 0 when neither has
 * one. So a streak lasts through a day until that day is over without
 * practice. Records dated after today neither count nor break it. The day
 * arithmetic is pure (days from the civil date), so no time zone or
 * daylight saving change can shift it. Accepts NULL H (both 0). */
void history_stats(const History *h, int today_year, int today_month, int today_day,
                   int *total_minutes, int *streak_days);

/* For `psoas-coach --history`: one aligned line per record, oldest first,
 *   2026-11-21 07:30  desk-release   9:53  9/9 steps  finished
 * (a trial ends in "trial at 4x"; a made practice, "made-floor-20", is
 * named in words: "Made for you · floor · 20 min"), then "N sessions, M minutes in all;
 * current streak: S days." (as history_stats gives them for TODAY), how
 * many trials were left out, and the archive files beside PATH. An empty
 * or NULL H prints "No practice recorded yet (history file: PATH)."
 * Reads the folder; writes nothing but OUT. */
void history_print(FILE *out, const History *h, const char *path,
                   int today_year, int today_month, int today_day);

#endif
