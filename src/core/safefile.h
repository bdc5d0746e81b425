/* safefile.h — the pieces every file Psoas Coach keeps for the user (the
 * history, the settings) needs to be written so a crash or a power cut
 * never leaves it half-written: the folder found and made, and synced
 * after a rename into it; and read back only when it is a plain file.
 * Each owner writes its own temporary file and renames it; these are what
 * they share. */
#ifndef PSOAS_SAFEFILE_H
#define PSOAS_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* The folder part of PATH ("." when it has none, "/" for the root) into
 * OUT of SIZE bytes (truncated to fit). */
void safefile_dir_of(const char *path, char *out, size_t size);

/* mkdir -p DIR, each new folder mode 0700 as the XDG base-directory spec
 * asks. Returns false, with the reason in WHY, when DIR cannot be made, is
 * not a folder, belongs to another user or can be written by anyone (a
 * link planted in it could send our files elsewhere). */
bool safefile_make_dirs(const char *dir, char *why, size_t why_size);

/* fsyncs the folder DIR so a rename in it survives a power cut. The file
 * is in place either way, so a failure is only a warning (logged under
 * TAG); file systems that cannot sync a folder say EINVAL and are let be. */
void safefile_sync_dir(const char *dir, const char *tag);

/* Puts a temporary file in place: fsyncs FD (file systems that cannot,
 * EINVAL or ENOTSUP, are let be), closes it and renames TMP to PATH.
 * Returns 0, or the errno of the step that failed, named in *STEP
 * ("syncing", "closing", "renaming"). FD is closed either way; TMP is left
 * for the caller to remove on failure. */
int safefile_finish(int fd, const char *tmp, const char *path, const char **step);

/* The name of a temporary file for PATH into OUT: "PATH.tmp-PID-XXXXXX"
 * for mkstemp, so a later start can tell whether its writer still runs.
 * Returns false when it does not fit in SIZE. */
bool safefile_temp_name(const char *path, char *out, size_t size);

/* Removes the temporary files of PATH that a crash left: regular files
 * named "PATH.tmp-*" owned by this user, whose writer (the PID in the
 * name) no longer runs or that are older than STALE_S seconds. Logs each
 * under TAG (with --log). Returns how many it removed. */
int safefile_clean_temps(const char *path, int stale_s, const char *tag);

/* Whether PATH is a symbolic link; if so, warns once under TAG that
 * nothing is written through it (CONSEQUENCE says what follows). */
bool safefile_refuse_link(const char *path, const char *tag, const char *consequence);

enum { SAFEFILE_MISSING = -1, SAFEFILE_FAILED = -2 };

/* Opens PATH to read, and fills *ST: the one way every data file the
 * program reads is opened (routines, poses, settings, history, voice
 * clips, fonts). The open does not block, so a FIFO, a device or a folder
 * put where a file should be is refused at once instead of hanging the
 * program; a regular file's descriptor is then made blocking as usual.
 * Returns the descriptor (the caller closes it); SAFEFILE_MISSING when
 * there is no such file; SAFEFILE_FAILED with the reason in WHY: PREFIX
 * and the system's words, or "not a regular file". */
int safefile_open_regular(const char *path, struct stat *st, const char *prefix, char *why, size_t why_size);

/* Reads from FD into BUF until MAX bytes or the end of the file, going on
 * after interruptions. Returns the bytes read in *GOT and 0, or the errno
 * (with *GOT what was read before it). */
int safefile_read(int fd, char *buf, size_t max, size_t *got);

/* Writes LEN bytes of BUF to FD, going on after interruptions and short
 * writes. Returns 0 or the errno (EIO when the device takes nothing). */
int safefile_write(int fd, const char *buf, size_t len);

#endif
