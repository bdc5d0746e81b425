/* breathe.c — see breathe.h. The presets and postures are tables; the
 * practice's length is found by asking a timeline of the composed routine
 * where the breath is at the chosen minute, so the ease-in and any
 * pattern end the practice on a whole breath. */
#include "breathe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

#define MS(in, top, hold_in, out, hold_out)                                                                       \
    {                                                                                                             \
        .ms = {[BREATH_INHALE] = (in), [BREATH_TOP_UP] = (top), [BREATH_HOLD_IN] = (hold_in),                   \
               [BREATH_EXHALE] = (out), [BREATH_HOLD_OUT] = (hold_out)}                                           \
    }

/* Lines: facts only; the sources are in docs/breathe.md. */
static const BreathePresetInfo presets[BREATHE_PRESET_COUNT] = {
    [BREATHE_CALM] = {"calm", "Calm breath", "In 4, out 6: six slow breaths a minute, the out-breath a little longer.",
                      MS(4000, 0, 0, 6000, 0), true},
    [BREATHE_LONG_EXHALE] = {"long-exhale", "Long exhale",
                             "In 4, out 8: an out-breath longer than the in-breath is felt as more relaxing.",
                             MS(4000, 0, 0, 8000, 0), true},
    [BREATHE_COHERENT] = {"coherent", "Coherent breathing",
                          "In 5.5, out 5.5: about five and a half even breaths a minute.",
                          MS(5500, 0, 0, 5500, 0), true},
    [BREATHE_BOX] = {"box", "Box breathing", "In 4, hold 4, out 4, hold 4: four equal sides, a steady count.",
                     MS(4000, 0, 4000, 4000, 4000), false},
    [BREATHE_478] = {"4-7-8", "4-7-8 breath", "In 4, hold 7, out 8: a long hold, then a longer out-breath.",
                     MS(4000, 0, 7000, 8000, 0), false},
    [BREATHE_SIGHING] = {"cyclic-sighing", "Cyclic sighing",
                         "In, a short second in-breath on top, then a long sigh out; studied at five minutes a day.",
                         MS(4000, 1000, 0, 8000, 0), true},
    [BREATHE_CUSTOM] = {"custom", "Your own breath", "Your own numbers, in half-second steps.",
                        MS(4000, 0, 0, 6000, 0), true},
};

typedef struct Posture {
    const char *pose;  /* pose id in assets/poses.json */
    const char *cue;   /* how to settle into it, said first */
} Posture;

static const Posture postures[BREATHE_POSTURE_COUNT] = {
    [BREATHE_CONSTRUCTIVE_REST] = {"constructive-rest", "Lie on your back, knees bent, feet flat."},
    [BREATHE_LYING_FLAT] = {"supine", "Lie on your back, legs long, arms resting by your sides."},
    [BREATHE_CHAIR] = {"seated", "Sit near the front of the chair, feet flat, hands resting on your thighs."},
    [BREATHE_FLOOR] = {"seated-floor", "Sit tall on the floor, on a cushion if your knees are above your hips."},
};

/* What each pattern says after the posture, then the line every practice
 * ends its cues with. */
static const char *const pattern_cues[BREATHE_PRESET_COUNT][2] = {
    [BREATHE_CALM] = {"Breathe in through your nose for four.", "Breathe out gently for six."},
    [BREATHE_LONG_EXHALE] = {"Breathe in through your nose for four.", "Breathe out slowly for eight."},
    [BREATHE_COHERENT] = {"Breathe in, slow and smooth.", "Breathe out, just as slow."},
    [BREATHE_BOX] = {"Four counts for each.", "Keep your throat soft while you hold."},
    [BREATHE_478] = {"Hold gently for seven.", "Breathe out through your mouth for eight."},
    [BREATHE_SIGHING] = {"Breathe in through your nose, then sip in a little more.",
                         "Let it all go, slowly, through your mouth."},
    [BREATHE_CUSTOM] = {"Follow the ring and the sound.", NULL},
};
static const char *const last_cue = "If your mind wanders, come back to the sound of the breath.";

/* Said at the start of every practice, as in the breath routine. */
static const char *const safety_line =
    "If you feel dizzy or short of breath, drop the holds and breathe normally; see a doctor if it keeps happening.";

const BreathePresetInfo *breathe_preset(BreathePreset p)
{
    return (unsigned)p < BREATHE_PRESET_COUNT ? &presets[p] : &presets[BREATHE_CALM];
}

const char *breathe_posture_id(BreathePosture p)
{
    return (unsigned)p < BREATHE_POSTURE_COUNT ? postures[p].pose : postures[0].pose;
}

bool breathe_can_ease(BreathPattern pattern)
{
    return pattern.ms[BREATH_HOLD_IN] == 0 && pattern.ms[BREATH_HOLD_OUT] == 0;
}

BreatheChoice breathe_default_choice(BreathePreset preset)
{
    const BreathePresetInfo *info = breathe_preset(preset);
    BreatheChoice c = {(unsigned)preset < BREATHE_PRESET_COUNT ? preset : BREATHE_CALM, info->pattern,
                       BREATHE_DEFAULT_MINUTES, BREATHE_CONSTRUCTIVE_REST, info->ease, false};
    return c;
}

bool breathe_parse_pattern(const char *text, BreatheChoice *out)
{
    if (!text)
        return false;
    for (int i = 0; i < BREATHE_PRESET_COUNT; i++) {
        if (i != BREATHE_CUSTOM && strcmp(text, presets[i].id) == 0) {
            out->preset = (BreathePreset)i;
            out->pattern = presets[i].pattern;
            out->ease = presets[i].ease;
            return true;
        }
    }
    BreathPattern p;
    if (!breath_parse(text, &p))
        return false;
    out->preset = BREATHE_CUSTOM;
    for (int i = 0; i < BREATHE_CUSTOM; i++)
        if (breath_equal(p, presets[i].pattern))
            out->preset = (BreathePreset)i;
    out->pattern = p;
    out->ease = out->preset == BREATHE_CUSTOM ? breathe_can_ease(p) : presets[out->preset].ease;
    return true;
}

int breathe_find_posture(const char *text)
{
    for (int i = 0; text && i < BREATHE_POSTURE_COUNT; i++)
        if (strcmp(text, postures[i].pose) == 0)
            return i;
    return -1;
}

void breathe_id(const BreatheChoice *choice, char *out, size_t size)
{
    if (choice->preset == BREATHE_CUSTOM) {
        char nums[48];
        breath_format(choice->pattern, nums, sizeof nums);
        snprintf(out, size, "breathe:%s", nums);
    } else {
        snprintf(out, size, "breathe:%s", breathe_preset(choice->preset)->id);
    }
}

static bool fail(char *err, size_t size, const char *msg)
{
    if (err && size)
        snprintf(err, size, "%s", msg);
    return false;
}

static bool valid(const BreatheChoice *c, char *err, size_t size)
{
    if ((unsigned)c->preset >= BREATHE_PRESET_COUNT)
        return fail(err, size, "no such breath pattern");
    if (c->minutes < BREATHE_MIN_MINUTES || c->minutes > BREATHE_MAX_MINUTES)
        return fail(err, size, "minutes: expected a whole number from 1 to 60");
    if ((unsigned)c->posture >= BREATHE_POSTURE_COUNT)
        return fail(err, size, "no such posture");
    const int32_t *ms = c->pattern.ms;
    if (ms[BREATH_INHALE] < 1000 || ms[BREATH_INHALE] > 20000 || ms[BREATH_EXHALE] < 1000 ||
        ms[BREATH_EXHALE] > 30000 || ms[BREATH_TOP_UP] < 0 || ms[BREATH_TOP_UP] > BREATH_TOP_UP_MAX_MS ||
        ms[BREATH_HOLD_IN] < 0 || ms[BREATH_HOLD_IN] > 30000 || ms[BREATH_HOLD_OUT] < 0 ||
        ms[BREATH_HOLD_OUT] > 30000)
        return fail(err, size, "breath pattern out of range (in 1-20 s, top-up 0-5, holds 0-30, out 1-30)");
    return true;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* The cues of CHOICE: the posture, the pattern's, the closing reminder.
 * Returns how many were put in OUT (up to 4); the texts are static. */
static int cue_texts(const BreatheChoice *c, const char *out[4])
{
    int n = 0;
    out[n++] = postures[c->posture].cue;
    for (int i = 0; i < 2; i++)
        if (pattern_cues[c->preset][i])
            out[n++] = pattern_cues[c->preset][i];
    out[n++] = last_cue;
    return n;
}

Routine *breathe_routine(const BreatheChoice *choice, const PoseLibrary *lib, char *err, size_t err_size)
{
    if (!valid(choice, err, err_size))
        return NULL;
    int pose = poselib_find(lib, postures[choice->posture].pose);
    if (pose < 0) {
        if (err && err_size)
            snprintf(err, err_size, "the pose library has no pose \"%s\"", postures[choice->posture].pose);
        return NULL;
    }
    const BreathePresetInfo *info = breathe_preset(choice->preset);
    const char *cues[4];
    int ncues = cue_texts(choice, cues);
    Routine *r = calloc(1, sizeof *r);
    RoutineStep *st = r ? calloc(1, sizeof *st) : NULL;
    if (!st)
        goto oom;
    r->steps = st;
    r->step_count = 1;
    r->breath = choice->pattern;
    r->breathing = true;
    r->pace_ticks = choice->ticks;
    r->title = dup(info->title);
    r->summary = dup(info->line);
    r->safety = dup(safety_line);
    st->pose = pose;
    st->name = dup(lib->poses[pose].name);
    st->sides = SIDES_NONE;
    st->reps = 1;
    st->breath = choice->pattern;
    st->cues = calloc((size_t)ncues, sizeof *st->cues);
    if (!r->title || !r->summary || !r->safety || !st->name || !st->cues)
        goto oom;
    for (int i = 0; i < ncues; i++) {
        if (!(st->cues[i] = dup(cues[i])))
            goto oom;
        st->cue_count++;
    }
    int64_t practice_ms = (int64_t)choice->minutes * 60000;
    r->ease_ms = choice->ease && breathe_can_ease(choice->pattern) ? practice_ms / 3 : 0;

    /* Where is the breath at the chosen minute? The hold is given a length
     * past it, and then cut at the nearest end of a breath. */
    int64_t end = TIMELINE_INTRO_MS + practice_ms;
    st->hold_ms = practice_ms + 60000;
    Timeline *tl = timeline_create(r, lib);
    if (!tl)
        goto oom;
    TimelineState s;
    timeline_state(tl, end, &s);
    timeline_destroy(tl);
    int64_t hold_start = end - s.seg_elapsed_ms;
    int64_t b0 = s.breath_start_ms, b1 = b0 + breath_cycle_ms(s.breath);
    int64_t cut = end - b0 <= b1 - end ? b0 : b1;
    if (cut <= hold_start)
        cut = b1;
    st->hold_ms = cut - hold_start;
    return r;
oom:
    routine_free(r);
    if (err && err_size)
        snprintf(err, err_size, "out of memory");
    return NULL;
}

int breathe_pace_rate_x10(int i)
{
    i = i < 0 ? 0 : i >= BREATHE_PACE_STEPS ? BREATHE_PACE_STEPS - 1 : i;
    return 65 - 5 * i;
}

BreathPattern breathe_pace_pattern(int i)
{
    int32_t half = (int32_t)((300000 + breathe_pace_rate_x10(i) / 2) / breathe_pace_rate_x10(i)); /* 30 s / rate */
    BreathPattern p = MS(half, 0, 0, half, 0);
    return p;
}

BreathPattern breathe_coherent_pattern(int rate_x10)
{
    for (int i = 0; i < BREATHE_PACE_STEPS; i++)
        if (breathe_pace_rate_x10(i) == rate_x10)
            return breathe_pace_pattern(i);
    return presets[BREATHE_COHERENT].pattern;
}

static const char *const pace_title = "Find your pace";
static const char *const pace_cues[2] = {
    "Breathe with the ring, in and out the same length, and notice how easy each pace feels.",
    "A little slower now. Keep it smooth, with no strain.",
};

/* "6.5 breaths a minute" for step I. */
static void pace_name(int i, char *out, size_t size)
{
    int r = breathe_pace_rate_x10(i);
    if (r % 10)
        snprintf(out, size, "%d.%d breaths a minute", r / 10, r % 10);
    else
        snprintf(out, size, "%d breaths a minute", r / 10);
}

Routine *breathe_pace_routine(BreathePosture posture, const PoseLibrary *lib, char *err, size_t err_size)
{
    if ((unsigned)posture >= BREATHE_POSTURE_COUNT) {
        fail(err, err_size, "no such posture");
        return NULL;
    }
    int pose = poselib_find(lib, postures[posture].pose);
    if (pose < 0) {
        if (err && err_size)
            snprintf(err, err_size, "the pose library has no pose \"%s\"", postures[posture].pose);
        return NULL;
    }
    Routine *r = calloc(1, sizeof *r);
    if (!r || !(r->steps = calloc(BREATHE_PACE_STEPS, sizeof *r->steps)))
        goto oom;
    r->step_count = BREATHE_PACE_STEPS;
    r->breathing = r->pacing = true;
    r->breath = breathe_pace_pattern(0);
    r->title = dup(pace_title);
    r->summary = dup("Five even paces, from 6.5 to 4.5 breaths a minute; then choose the easiest.");
    r->safety = dup(safety_line);
    if (!r->title || !r->summary || !r->safety)
        goto oom;
    for (int i = 0; i < BREATHE_PACE_STEPS; i++) {
        RoutineStep *st = &r->steps[i];
        char name[64];
        pace_name(i, name, sizeof name);
        st->pose = pose;
        st->sides = SIDES_NONE;
        st->reps = 1;
        st->breath = breathe_pace_pattern(i);
        /* about two minutes: twice the rate, in whole breaths */
        st->breaths = (breathe_pace_rate_x10(i) * 2 + 5) / 10;
        st->name = dup(name);
        int n = i == 0 ? 2 : 1;
        st->cues = calloc((size_t)n, sizeof *st->cues);
        if (!st->name || !st->cues)
            goto oom;
        for (int k = 0; k < n; k++) {
            const char *text = i == 0 ? (k == 0 ? postures[posture].cue : pace_cues[0]) : pace_cues[1];
            if (!(st->cues[k] = dup(text)))
                goto oom;
            st->cue_count++;
        }
    }
    return r;
oom:
    routine_free(r);
    if (err && err_size)
        snprintf(err, err_size, "out of memory");
    return NULL;
}

void breathe_each_line(const PoseLibrary *lib, void (*line)(const char *text, void *user), void *user)
{
    line(pace_title, user);
    for (int i = 0; i < 2; i++)
        line(pace_cues[i], user);
    for (int i = 0; i < BREATHE_PACE_STEPS; i++) {
        char name[64];
        pace_name(i, name, sizeof name);
        line(name, user);
    }
    for (int i = 0; i < BREATHE_PRESET_COUNT; i++) {
        line(presets[i].title, user);
        for (int k = 0; k < 2; k++)
            if (pattern_cues[i][k])
                line(pattern_cues[i][k], user);
    }
    for (int i = 0; i < BREATHE_POSTURE_COUNT; i++) {
        int pose = poselib_find(lib, postures[i].pose);
        if (pose >= 0)
            line(lib->poses[pose].name, user);
        line(postures[i].cue, user);
    }
    line(last_cue, user);
    line(safety_line, user);
}
