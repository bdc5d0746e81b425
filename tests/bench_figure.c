/* bench_figure.c — how long the figure takes to pose, blend and place the
 * body for every frame (60 per second) of each shipped routine: the core's
 * share of a frame, before any drawing. Prints figures; asserts nothing. */
#include <stdio.h>
#include <time.h>

#include "figure.h"
#include "support.h"
#include "timeline.h"

int main(void)
{
    static const char *const ids[] = {"one-move", "desk-release", "psoas-flow", "yin-psoas", "breathe"};
    PoseLibrary *poses = support_library();
    if (!poses)
        return 1;
    Figure *fg = figure_create(poses);
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        Routine *r = support_shipped(poses, ids[i]);
        Timeline *tl = r ? timeline_create(r, poses) : NULL;
        if (!tl)
            return 1;
        int64_t total = timeline_plan(r, poses, NULL, NULL);
        struct timespec a, b;
        TimelineState st;
        FigureFrame f;
        long long frames = 0;
        float sink = 0;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int64_t k = 0; k * 1000 / 60 <= total; k++, frames++) {
            timeline_state(tl, k * 1000 / 60, &st);
            figure_at(fg, &st, &f);
            sink += f.body.pos[SK_HEAD].y;
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        printf("%-13s %6.1f min, %7lld frames: %.3f s, %.2f us per frame (check %.1f)\n", ids[i],
               (double)total / 60000.0, frames, secs, secs * 1e6 / (double)frames, (double)sink / (double)frames);
        timeline_destroy(tl);
        routine_free(r);
    }
    figure_destroy(fg);
    poselib_free(poses);
    return 0;
}
