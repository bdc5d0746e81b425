/* fuzz_routine.c — libFuzzer target: any bytes given to the routine and
 * pose library loaders must produce a routine or one-line errors, never a
 * crash or a sanitizer report. Build with -DFUZZ=ON and clang, then run
 * build-fuzz/tests/fuzz_routine tests/corpus -max_total_time=60 */
#include <stddef.h>
#include <stdint.h>

#include "figure.h"
#include "support.h"
#include "timeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static PoseLibrary *lib;
    static Diag diag;
    if (!lib && !(lib = support_library()))
        return 0;
    diag_clear(&diag);
    Routine *r = routine_parse((const char *)data, size, "fuzz.json", lib, &diag);
    if (r) {
        /* A routine that loads must also play: walk its plan. */
        timeline_plan(r, lib, NULL, NULL);
        routine_free(r);
    }
    for (int i = 0; i < diag.count; i++)
        if (strchr(diag.lines[i], '\n') || strncmp(diag.lines[i], "fuzz.json", 9) != 0)
            __builtin_trap();
    diag_clear(&diag);
    PoseLibrary *poses = poselib_parse((const char *)data, size, "fuzz.json", &diag);
    if (poses) {
        /* A pose library that loads must give a finite body for every pose. */
        Figure *fg = figure_create(poses);
        for (int p = 0; fg && p < poses->count; p++) {
            FigureFrame f;
            figure_pose(fg, p, poses->poses[p].one_sided ? SIDE_RIGHT : SIDE_NONE, 1, 777, &f);
            for (int n = 0; n < SK_NODE_COUNT; n++)
                if (!isfinite(f.body.pos[n].x + f.body.pos[n].y + f.body.pos[n].z))
                    __builtin_trap();
        }
        figure_destroy(fg);
    }
    poselib_free(poses);
    return 0;
}
