/* bench_timeline.c — how long the timeline takes to answer every 10 ms of
 * a three-hour session, the way the screen and sound ask. Prints figures;
 * asserts nothing. */
#include <stdio.h>
#include <time.h>

#include "support.h"
#include "timeline.h"

int main(void)
{
    PoseLibrary *poses = support_library();
    if (!poses)
        return 1;
    char json[4096] = "{\"title\": \"Long\", \"steps\": [";
    for (int i = 0; i < 12; i++)
        strcat(json, i % 2 ? ",{\"pose\": \"low-lunge\", \"sides\": \"both\", \"seconds\": 450}"
                           : (i ? ",{\"pose\": \"supine\", \"breaths\": 90}" : "{\"pose\": \"supine\", \"breaths\": 90}"));
    strcat(json, "]}");
    Routine *r = support_routine(poses, json);
    Timeline *tl = r ? timeline_create(r, poses) : NULL;
    if (!tl)
        return 1;
    int64_t total = timeline_plan(r, poses, NULL, NULL);
    for (int64_t t = 60000; t < total; t += 600000)
        timeline_apply(tl, TL_SET_PACE, t % 1200000 ? 120 : 90, t);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    TimelineState st;
    long long queries = 0;
    for (int64_t t = 0; t <= total; t += 10, queries++)
        timeline_state(tl, t, &st);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("session: %.2f h, queries: %lld (every 10 ms)\n", (double)total / 3.6e6, queries);
    printf("time: %.3f s, %.1f ns per query\n", secs, secs * 1e9 / (double)queries);
    timeline_destroy(tl);
    routine_free(r);
    poselib_free(poses);
    return 0;
}
