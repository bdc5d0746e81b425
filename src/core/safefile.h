/* safefile.h — the pieces every file Psoas Coach keeps for the user (the
 * history, the settings) needs to be written so a crash or a power cut
 * never leaves it half-written: the folder found and made, and synced
 * after a rename into it. Each owner writes its own temporary file and
 * renames it; these are what they share. */
#ifndef PSOAS_SAFEFILE_H
#define PSOAS_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>

/* The folder part of PATH ("." when it has none, "/" for the root) into
 * OUT of SIZE bytes (truncated to fit). */
void safefile_dir_of(const char *path, char *out, size_t size);

/* mkdir -p DIR, each new folder mode 0700 as the XDG base-directory spec
 * asks. Returns false, with the reason in WHY, when DIR cannot be made or
 * is not a folder. */
bool safefile_make_dirs(const char *dir, char *why, size_t why_size);

/* fsyncs the folder DIR so a rename in it survives a power cut. The file
 * is in place either way, so a failure is only a warning (logged under
 * TAG); file systems that cannot sync a folder say EINVAL and are let be. */
void safefile_sync_dir(const char *dir, const char *tag);

#endif
