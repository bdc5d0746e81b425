/* poselib.h — the pose library: which poses exist and what a routine and
 * the timeline need to know about each (name, one-sidedness, and the base
 * the body rests on, which sets how long moving between poses takes).
 * Loaded from assets/poses.json and validated as strictly as routines. */
#ifndef PSOAS_POSELIB_H
#define PSOAS_POSELIB_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum {
    POSE_ID_MAX = 32,     /* bytes of an id: 1-31 of a-z, 0-9 and '-' */
    POSE_NAME_CHARS = 60, /* characters of a display name */
    POSE_MAX = 256        /* poses in one library */
};

/* What the body rests on; transitions between bases take longer. */
typedef enum PoseBase {
    POSE_BASE_STANDING,
    POSE_BASE_SEATED,
    POSE_BASE_KNEELING,
    POSE_BASE_ALL_FOURS,
    POSE_BASE_LYING,
    POSE_BASE_COUNT
} PoseBase;

typedef struct PoseInfo {
    char id[POSE_ID_MAX]; /* stable id routines refer to, e.g. "low-lunge" */
    char *name;           /* display name, e.g. "Low lunge" (owned) */
    bool one_sided;       /* done once per side; needs "sides" in a step */
    PoseBase base;        /* what the body rests on */
} PoseInfo;

typedef struct PoseLibrary {
    PoseInfo *poses; /* COUNT entries, in file order */
    int count;       /* number of poses */
} PoseLibrary;

/* Loads and validates PATH (reported as DISPLAY in diagnostics). Returns
 * the library or NULL with every problem added to DIAG. Free with
 * poselib_free. */
PoseLibrary *poselib_load(const char *path, const char *display, Diag *diag);

/* The same from a buffer of LEN bytes. */
PoseLibrary *poselib_parse(const char *text, size_t len, const char *display, Diag *diag);

/* Accepts NULL. */
void poselib_free(PoseLibrary *lib);

/* Index of the pose with ID, or -1. */
int poselib_find(const PoseLibrary *lib, const char *id);

/* Id of the pose nearest to ID by spelling, or NULL (for "did you mean"). */
const char *poselib_nearest(const PoseLibrary *lib, const char *id);

/* "standing", "seated", ... */
const char *poselib_base_name(PoseBase base);

#endif
