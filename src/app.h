/* app.h — the SDL shell: a window that shows the timeline's state, and a
 * snapshot mode that draws one moment into an image file. */
#ifndef PSOAS_APP_H
#define PSOAS_APP_H

#include "cli.h"
#include "poselib.h"
#include "routine.h"

/* Opens the window and plays ROUTINE until it ends or the user leaves.
 * Returns the process exit code (0, or 1 when the window cannot open). */
int app_run(const CliOptions *o, const Routine *routine, const PoseLibrary *lib);

/* Draws the state at O->at_ms into O->out (.bmp). Returns 0 or 1. */
int app_snapshot(const CliOptions *o, const Routine *routine, const PoseLibrary *lib);

/* Draws a contact sheet of ROUTINE into O->sheet (.bmp): one tile per
 * step with the pose, its name and side, and the hold. Returns 0 or 1. */
int app_sheet(const CliOptions *o, const Routine *routine, const PoseLibrary *lib);

#endif
