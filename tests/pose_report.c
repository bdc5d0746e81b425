/* pose_report — prints, for every pose in a pose library, where its
 * supports are against their surfaces and how long each psoas is against
 * standing. A tool for pose authors:
 *   build/tests/pose_report [assets/poses.json] [POSE-ID]
 *   build/tests/pose_report --fit POSE-ID JOINT.COMPONENT...
 * Figures are in percent of body height. --fit searches the named angles
 * (e.g. "hip.0" for both hips' flexion, "l_knee.0", "pelvis.0") for the
 * values that bring the pose's supports onto their surfaces, and prints
 * them; the file is not changed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"

/* Sum of squared support distances from their surfaces, body heights. */
static double support_error(const PoseLibrary *lib, int pose)
{
    Figure *fg = figure_create(lib);
    FigureFrame f;
    figure_pose(fg, pose, lib->poses[pose].one_sided ? SIDE_LEFT : SIDE_NONE, 0, 0, &f);
    figure_destroy(fg);
    const PoseInfo *p = &lib->poses[pose];
    double e = 0;
    for (int s = 0; s < p->support_count; s++) {
        int node = p->supports[s].node;
        double off = f.body.pos[node].y - skel_radius(node) - poselib_surface_height(p->supports[s].surface);
        e += off * off;
    }
    return e;
}

static int fit(PoseLibrary *lib, int argc, char **argv)
{
    int pose = poselib_find(lib, argv[0]);
    if (pose < 0) {
        fprintf(stderr, "no pose %s\n", argv[0]);
        return 1;
    }
    float *vals[64][2];
    int n = 0;
    for (int i = 1; i < argc && n < 64; i++) {
        char name[64];
        int comp = 0;
        if (sscanf(argv[i], "%63[^.].%d", name, &comp) != 2 || comp < 0 || comp > 2) {
            fprintf(stderr, "bad parameter %s\n", argv[i]);
            return 1;
        }
        char l[70], r[70];
        snprintf(l, sizeof l, "l_%s", name);
        snprintf(r, sizeof r, "r_%s", name);
        int j = skel_joint_find(name), jl = skel_joint_find(l), jr = skel_joint_find(r);
        SkelAngles *a = &lib->poses[pose].frames[0];
        if (j >= 0) {
            vals[n][0] = &a->deg[j][comp];
            vals[n][1] = NULL;
        } else if (jl >= 0 && jr >= 0) {
            vals[n][0] = &a->deg[jl][comp];
            vals[n][1] = &a->deg[jr][comp];
        } else {
            fprintf(stderr, "no joint %s\n", name);
            return 1;
        }
        n++;
    }
    double best = support_error(lib, pose);
    for (double step = 8; step >= 0.25; step /= 2) {
        for (int round = 0; round < 20; round++) {
            bool better = false;
            for (int k = 0; k < n; k++) {
                for (int dir = -1; dir <= 1; dir += 2) {
                    float old = *vals[k][0];
                    *vals[k][0] = old + (float)(dir * step);
                    if (vals[k][1])
                        *vals[k][1] = *vals[k][0];
                    double e = support_error(lib, pose);
                    if (e < best - 1e-12) {
                        best = e;
                        better = true;
                    } else {
                        *vals[k][0] = old;
                        if (vals[k][1])
                            *vals[k][1] = old;
                    }
                }
            }
            if (!better)
                break;
        }
    }
    printf("rms support error %.2f%% of height\n", sqrt(best / (lib->poses[pose].support_count ? lib->poses[pose].support_count : 1)) * 100);
    for (int k = 0; k < n; k++)
        printf("  %s = %.1f\n", argv[k + 1], *vals[k][0]);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--fit") == 0) {
        Diag d = {0};
        PoseLibrary *lib = poselib_load(PSOAS_SOURCE_DIR "/assets/poses.json", "poses.json", &d);
        if (!lib)
            return 1;
        int rc = fit(lib, argc - 2, argv + 2);
        poselib_free(lib);
        return rc;
    }
    const char *path = argc > 1 ? argv[1] : PSOAS_SOURCE_DIR "/assets/poses.json";
    Diag diag = {0};
    PoseLibrary *lib = poselib_load(path, path, &diag);
    if (!lib) {
        for (int i = 0; i < diag.count; i++)
            fprintf(stderr, "%s\n", diag.lines[i]);
        return 1;
    }
    Figure *fg = figure_create(lib);
    for (int i = 0; i < lib->count; i++) {
        const PoseInfo *p = &lib->poses[i];
        if (argc > 2 && strcmp(argv[2], p->id) != 0)
            continue;
        FigureFrame f, full;
        figure_pose(fg, i, p->one_sided ? SIDE_LEFT : SIDE_NONE, 0, 0, &f);
        figure_pose(fg, i, p->one_sided ? SIDE_LEFT : SIDE_NONE, 1, 0, &full);
        float top = -1;
        for (int n = 0; n < SK_NODE_COUNT; n++)
            if (f.body.pos[n].y + skel_radius(n) > top)
                top = f.body.pos[n].y + skel_radius(n);
        printf("%-18s psoas L %5.1f%%/%5.1f%% R %5.1f%%  top %4.0f%%  supports:", p->id,
               (f.psoas_ratio[0] - 1) * 100, (full.psoas_ratio[0] - 1) * 100, (f.psoas_ratio[1] - 1) * 100, top * 100);
        for (int s = 0; s < p->support_count; s++) {
            int node = p->supports[s].node;
            float off = f.body.pos[node].y - skel_radius(node) - poselib_surface_height(p->supports[s].surface);
            float off1 = full.body.pos[node].y - skel_radius(node) - poselib_surface_height(p->supports[s].surface);
            bool bad = fabsf(off) > 0.02f || fabsf(off1) > 0.02f;
            printf(" %s%s%+.1f/%+.1f", skel_node_name(node), bad ? "!" : "=", off * 100, off1 * 100);
        }
        printf("\n");
        if (argc > 2)
            for (int n = 0; n < SK_NODE_COUNT; n++)
                printf("  %-11s %6.3f %6.3f %6.3f\n", skel_node_name(n), f.body.pos[n].x, f.body.pos[n].y,
                       f.body.pos[n].z);
    }
    figure_destroy(fg);
    poselib_free(lib);
    return 0;
}
