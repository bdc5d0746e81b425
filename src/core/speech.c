/* speech.c — see speech.h. */
#include "speech.h"

#include <stdio.h>

void speech_hash(const char *text, char out[SPEECH_HASH_CHARS])
{
    /* FNV-1a, 64-bit: offset basis and prime from the FNV reference
     * (Fowler, Noll, Vo; draft-eastlake-fnv). */
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ull;
    }
    snprintf(out, SPEECH_HASH_CHARS, "%016llx", (unsigned long long)h);
}

void speech_pose_line(const Routine *r, const PoseLibrary *lib, int step, Side side, char *out, size_t size)
{
    routine_step_title(r, lib, step, side, ", ", out, size);
}

void speech_each_line(const Routine *r, const PoseLibrary *lib, void (*line)(const char *text, void *user),
                      void *user)
{
    char buf[ROUTINE_NAME_CHARS + 80];
    line(r->title, user);
    if (r->safety[0])
        line(r->safety, user);
    for (int i = 0; i < r->step_count; i++) {
        const RoutineStep *s = &r->steps[i];
        if (s->sides == SIDES_NONE) {
            speech_pose_line(r, lib, i, SIDE_NONE, buf, sizeof buf);
            line(buf, user);
        } else {
            if (s->sides != SIDES_RIGHT) {
                speech_pose_line(r, lib, i, SIDE_LEFT, buf, sizeof buf);
                line(buf, user);
            }
            if (s->sides != SIDES_LEFT) {
                speech_pose_line(r, lib, i, SIDE_RIGHT, buf, sizeof buf);
                line(buf, user);
            }
        }
        for (int c = 0; c < s->cue_count; c++)
            line(s->cues[c], user);
    }
    static const char *const fixed[] = {SPEECH_SWITCH, SPEECH_INHALE, SPEECH_EXHALE, SPEECH_CLOSING};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        line(fixed[i], user);
}

void speech_each_pose_line(const PoseLibrary *lib, void (*line)(const char *text, void *user), void *user)
{
    char words[64], buf[POSE_NAME_CHARS * 4 + 80];
    for (int i = 0; i < lib->count; i++) {
        const PoseInfo *p = &lib->poses[i];
        if (!p->one_sided) {
            line(p->name, user);
        } else {
            for (int side = 1; side <= 2; side++) {
                poselib_side_caption(p, side, words, sizeof words);
                snprintf(buf, sizeof buf, "%s, %s", p->name, words);
                line(buf, user);
            }
        }
        for (int c = 0; c < p->cue_count; c++)
            line(p->cues[c], user);
    }
}
