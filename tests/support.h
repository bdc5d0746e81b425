/* support.h — shared by the core tests: the real pose library and a way
 * to build a routine from JSON text. Header-only, test code only. */
#ifndef PSOAS_TEST_SUPPORT_H
#define PSOAS_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"
#include "poselib.h"
#include "routine.h"

static inline PoseLibrary *support_library(void)
{
    Diag *d = calloc(1, sizeof *d);
    PoseLibrary *lib = poselib_load(PSOAS_SOURCE_DIR "/assets/poses.json", "poses.json", d);
    for (int i = 0; lib == NULL && i < d->count; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    free(d);
    return lib;
}

/* Parses JSON; on failure prints the problems and returns NULL. */
static inline Routine *support_routine(const PoseLibrary *lib, const char *json)
{
    Diag *d = calloc(1, sizeof *d);
    Routine *r = routine_parse(json, strlen(json), "t.json", lib, d);
    for (int i = 0; r == NULL && i < d->count; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    free(d);
    return r;
}

/* Loads the shipped routine levels/ID.json; on failure prints the
 * problems and returns NULL. */
static inline Routine *support_shipped(const PoseLibrary *poses, const char *id)
{
    char path[512];
    snprintf(path, sizeof path, "%s/levels/%s.json", PSOAS_SOURCE_DIR, id);
    Diag *d = calloc(1, sizeof *d);
    Routine *r = routine_load(path, path, poses, d);
    for (int i = 0; r == NULL && i < d->count; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    free(d);
    return r;
}

/* The pose library shared by a test group; cmocka group setup/teardown. */
static PoseLibrary *lib;

static inline int support_setup(void **state)
{
    (void)state;
    lib = support_library();
    return lib ? 0 : -1;
}

static inline int support_teardown(void **state)
{
    (void)state;
    poselib_free(lib);
    return 0;
}

#endif
