/* routine.c — see routine.h. Validation follows the order of the format
 * document, and keeps going after a problem so one run lists them all. */
#include "routine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

static const char *const sides_names[] = {"none", "both", "left", "right"};

const char *routine_sides_name(RoutineSides sides)
{
    return (unsigned)sides < 4 ? sides_names[sides] : "?";
}

void routine_step_title(const Routine *r, const PoseLibrary *lib, int step, Side side, const char *sep, char *out,
                        size_t size)
{
    const RoutineStep *s = &r->steps[step];
    char words[64];
    poselib_side_caption(&lib->poses[s->pose], (int)side, words, sizeof words);
    if (*words)
        snprintf(out, size, "%s%s%s", s->name, sep, words);
    else
        snprintf(out, size, "%s", s->name);
}

const char *routine_side_name(Side side)
{
    return side == SIDE_LEFT ? "left" : side == SIDE_RIGHT ? "right" : "";
}

/* Reads an optional number KEY of OBJ into *MS as milliseconds. */
static bool seconds_member(JrCtx *ctx, const cJSON *obj, const char *path, const char *key,
                           bool required, double lo, double hi, int32_t *ms)
{
    const cJSON *item = jr_member(ctx, obj, path, key, required);
    if (!item)
        return !required;
    char kp[JR_PATH_MAX];
    jr_path_key(kp, path, key);
    double v;
    if (!jr_number(ctx, item, kp, lo, hi, false, &v))
        return false;
    *ms = (int32_t)(v * 1000.0 + 0.5);
    return true;
}

static bool read_breath(JrCtx *ctx, const cJSON *item, const char *path, BreathPattern *out)
{
    static const char *const keys[] = {"inhale", "top_up", "hold_in", "exhale", "hold_out"};
    if (!jr_expect_object(ctx, item, path, "a breath pattern"))
        return false;
    BreathPattern p = {{0}};
    bool ok = jr_check_keys(ctx, item, path, keys, sizeof keys / sizeof keys[0]);
    ok = seconds_member(ctx, item, path, "inhale", true, 1, 20, &p.ms[BREATH_INHALE]) && ok;
    ok = seconds_member(ctx, item, path, "top_up", false, 0, BREATH_TOP_UP_MAX_MS / 1000, &p.ms[BREATH_TOP_UP]) && ok;
    ok = seconds_member(ctx, item, path, "hold_in", false, 0, 30, &p.ms[BREATH_HOLD_IN]) && ok;
    ok = seconds_member(ctx, item, path, "exhale", true, 1, 30, &p.ms[BREATH_EXHALE]) && ok;
    ok = seconds_member(ctx, item, path, "hold_out", false, 0, 30, &p.ms[BREATH_HOLD_OUT]) && ok;
    if (ok)
        *out = p;
    return ok;
}

static bool read_cues(JrCtx *ctx, const cJSON *item, const char *path, RoutineStep *step)
{
    int n = cJSON_GetArraySize(item);
    if (!cJSON_IsArray(item) || n > ROUTINE_MAX_CUES) {
        char got[JR_PATH_MAX];
        if (cJSON_IsArray(item))
            snprintf(got, sizeof got, "%d", n);
        else
            jr_describe(item, got, sizeof got);
        jr_report(ctx, path, "expected an array of at most %d cues, got %s", ROUTINE_MAX_CUES, got);
        return false;
    }
    if (n == 0)
        return true;
    step->cues = calloc((size_t)n, sizeof *step->cues);
    if (!step->cues) {
        jr_report(ctx, path, "out of memory");
        return false;
    }
    bool ok = true;
    int i = 0;
    for (const cJSON *c = item->child; c; c = c->next, i++) {
        char cp[JR_PATH_MAX];
        jr_path_index(cp, path, i);
        char *text = NULL;
        if (jr_string(ctx, c, cp, 1, ROUTINE_CUE_CHARS, &text))
            step->cues[step->cue_count++] = text;
        else
            ok = false;
    }
    return ok;
}

/* Checks one step and fills OUT. DEFAULT_BREATH is the routine's pattern. */
static bool read_step(JrCtx *ctx, const cJSON *item, const char *path, const PoseLibrary *lib,
                      BreathPattern default_breath, RoutineStep *out)
{
    static const char *const keys[] = {"pose", "name", "seconds", "breaths", "sides",
                                       "reps", "breath", "cues"};
    if (!jr_expect_object(ctx, item, path, "a step"))
        return false;
    bool ok = jr_check_keys(ctx, item, path, keys, sizeof keys / sizeof keys[0]);
    char kp[JR_PATH_MAX];
    double v;

    out->pose = -1;
    const cJSON *pose = jr_member(ctx, item, path, "pose", true);
    jr_path_key(kp, path, "pose");
    if (!pose || !jr_string(ctx, pose, kp, 1, POSE_ID_MAX * 4, NULL)) {
        ok = false;
    } else if ((out->pose = poselib_find(lib, pose->valuestring)) < 0) {
        char q[JR_PATH_MAX];
        jr_quote(pose->valuestring, q, sizeof q);
        const char *near = poselib_nearest(lib, pose->valuestring);
        if (near)
            jr_report(ctx, kp, "unknown pose %s (did you mean \"%s\"?)", q, near);
        else
            jr_report(ctx, kp, "unknown pose %s (see assets/poses.json for the list)", q);
        ok = false;
    }

    const cJSON *name = jr_member(ctx, item, path, "name", false);
    jr_path_key(kp, path, "name");
    if (name)
        ok = jr_string(ctx, name, kp, 1, ROUTINE_NAME_CHARS, &out->name) && ok;

    const cJSON *secs = jr_member(ctx, item, path, "seconds", false);
    const cJSON *breaths = jr_member(ctx, item, path, "breaths", false);
    if (secs && breaths) {
        jr_report(ctx, path, "give either \"seconds\" or \"breaths\", not both");
        ok = false;
    } else if (!secs && !breaths) {
        jr_report(ctx, path, "missing the hold length: add \"seconds\" or \"breaths\"");
        ok = false;
    } else if (secs) {
        jr_path_key(kp, path, "seconds");
        if (jr_number(ctx, secs, kp, 1, ROUTINE_MAX_SECONDS, false, &v))
            out->hold_ms = (int64_t)(v * 1000.0 + 0.5);
        else
            ok = false;
    } else {
        jr_path_key(kp, path, "breaths");
        if (jr_number(ctx, breaths, kp, 1, ROUTINE_MAX_BREATHS, true, &v))
            out->breaths = (int)v;
        else
            ok = false;
    }

    int sides = SIDES_NONE;
    const cJSON *sd = jr_member(ctx, item, path, "sides", false);
    jr_path_key(kp, path, "sides");
    if (sd && !jr_enum(ctx, sd, kp, sides_names, 4, &sides))
        ok = false;
    out->sides = (RoutineSides)sides;
    if (out->pose >= 0 && (!sd || cJSON_IsString(sd))) {
        const PoseInfo *info = &lib->poses[out->pose];
        if (info->one_sided && out->sides == SIDES_NONE) {
            jr_report(ctx, sd ? kp : path, "pose \"%s\" is one-sided: set \"sides\" to \"both\", \"left\" or \"right\"",
                      info->id);
            ok = false;
        } else if (!info->one_sided && out->sides != SIDES_NONE) {
            jr_report(ctx, kp, "pose \"%s\" is symmetrical: remove \"sides\" (or set it to \"none\")", info->id);
            ok = false;
        }
    }

    out->reps = 1;
    const cJSON *reps = jr_member(ctx, item, path, "reps", false);
    jr_path_key(kp, path, "reps");
    if (reps) {
        if (jr_number(ctx, reps, kp, 1, ROUTINE_MAX_REPS, true, &v))
            out->reps = (int)v;
        else
            ok = false;
    }

    out->breath = default_breath;
    const cJSON *br = jr_member(ctx, item, path, "breath", false);
    jr_path_key(kp, path, "breath");
    if (br)
        ok = read_breath(ctx, br, kp, &out->breath) && ok;

    const cJSON *cues = jr_member(ctx, item, path, "cues", false);
    jr_path_key(kp, path, "cues");
    if (cues)
        ok = read_cues(ctx, cues, kp, out) && ok;

    if (ok && !out->name) {
        out->name = strdup(lib->poses[out->pose].name);
        if (!out->name) {
            jr_report(ctx, path, "out of memory");
            ok = false;
        }
    }
    return ok;
}

static Routine *from_tree(const cJSON *root, JrCtx *ctx, const PoseLibrary *lib)
{
    static const char *const keys[] = {"version", "title", "summary", "safety", "breath", "steps"};
    if (!jr_expect_object(ctx, root, "$", "a routine"))
        return NULL;
    Routine *r = calloc(1, sizeof *r);
    if (!r) {
        jr_report(ctx, "$", "out of memory");
        return NULL;
    }
    bool ok = jr_check_keys(ctx, root, "$", keys, sizeof keys / sizeof keys[0]);
    double v;

    const cJSON *version = jr_member(ctx, root, "$", "version", false);
    if (version)
        ok = jr_number(ctx, version, "$.version", 1, 1, true, &v) && ok;

    const cJSON *title = jr_member(ctx, root, "$", "title", true);
    ok = title && jr_string(ctx, title, "$.title", 1, ROUTINE_TITLE_CHARS, &r->title) && ok;

    const cJSON *summary = jr_member(ctx, root, "$", "summary", false);
    if (summary)
        ok = jr_string(ctx, summary, "$.summary", 0, ROUTINE_SUMMARY_CHARS, &r->summary) && ok;

    const cJSON *safety = jr_member(ctx, root, "$", "safety", false);
    if (safety)
        ok = jr_string(ctx, safety, "$.safety", 1, ROUTINE_SAFETY_CHARS, &r->safety) && ok;

    r->breath = breath_default();
    const cJSON *breath = jr_member(ctx, root, "$", "breath", false);
    if (breath)
        ok = read_breath(ctx, breath, "$.breath", &r->breath) && ok;

    const cJSON *steps = jr_member(ctx, root, "$", "steps", true);
    int n = cJSON_GetArraySize(steps);
    if (!steps) {
        ok = false;
    } else if (!cJSON_IsArray(steps) || n < 1 || n > ROUTINE_MAX_STEPS) {
        char got[JR_PATH_MAX];
        if (cJSON_IsArray(steps))
            snprintf(got, sizeof got, "%d", n);
        else
            jr_describe(steps, got, sizeof got);
        jr_report(ctx, "$.steps", "expected an array of 1 to %d steps, got %s", ROUTINE_MAX_STEPS, got);
        ok = false;
    } else if (!(r->steps = calloc((size_t)n, sizeof *r->steps))) {
        jr_report(ctx, "$.steps", "out of memory");
        ok = false;
    } else {
        r->step_count = n;
        int i = 0;
        for (const cJSON *s = steps->child; s; s = s->next, i++) {
            char sp[JR_PATH_MAX];
            jr_path_index(sp, "$.steps", i);
            ok = read_step(ctx, s, sp, lib, r->breath, &r->steps[i]) && ok;
        }
    }

    if (ok && ((!r->summary && !(r->summary = strdup(""))) || (!r->safety && !(r->safety = strdup(""))))) {
        jr_report(ctx, "$", "out of memory");
        ok = false;
    }
    if (!ok) {
        routine_free(r);
        return NULL;
    }
    return r;
}

Routine *routine_parse(const char *text, size_t len, const char *display,
                       const PoseLibrary *lib, Diag *diag)
{
    JrCtx ctx = {display, diag};
    cJSON *root = jr_parse(text, len, &ctx);
    if (!root)
        return NULL;
    Routine *r = from_tree(root, &ctx, lib);
    cJSON_Delete(root);
    return r;
}

Routine *routine_load(const char *path, const char *display, const PoseLibrary *lib, Diag *diag)
{
    JrCtx ctx = {display, diag};
    cJSON *root = jr_load_file(path, &ctx);
    if (!root)
        return NULL;
    Routine *r = from_tree(root, &ctx, lib);
    cJSON_Delete(root);
    return r;
}

bool routine_id_check(const char *id, char *why, size_t size)
{
    size_t n = strlen(id);
    if (n == 0) {
        snprintf(why, size, "the name is empty");
        return false;
    }
    if (n > ROUTINE_ID_MAX) {
        snprintf(why, size, "the name is %zu bytes; at most %d fit in the history", n, ROUTINE_ID_MAX);
        return false;
    }
    return jr_plain_text(id, why, size);
}

void routine_record_name(const char *abs_path, char out[ROUTINE_ID_MAX + 1])
{
    char why[96];
    if (routine_id_check(abs_path, why, sizeof why)) {
        snprintf(out, ROUTINE_ID_MAX + 1, "%s", abs_path);
        return;
    }
    /* 64-bit FNV-1a, as speech_hash names the voice clips */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)abs_path; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    char tail[24];
    snprintf(tail, sizeof tail, "~%016llx", (unsigned long long)h);
    /* an ellipsis and a slash (4 bytes), the end of the path, the tail */
    size_t room = ROUTINE_ID_MAX - 4 - strlen(tail), len = strlen(abs_path);
    const char *end = abs_path + (len > room ? len - room : 0);
    /* start on a character, not inside one */
    while (*end && ((unsigned char)*end & 0xC0) == 0x80)
        end++;
    size_t o = 0;
    memcpy(out, "\xE2\x80\xA6/", 4);
    o = 4;
    for (const unsigned char *p = (const unsigned char *)end; *p && o < 4 + room; p++)
        out[o++] = *p < 0x20 || *p == 0x7F ? '?' : (char)*p;
    out[o] = '\0';
    /* what is left may still hold invalid UTF-8 or C1 controls: plain it */
    if (!jr_plain_text(out, why, sizeof why))
        for (size_t i = 4; i < o; i++)
            if ((unsigned char)out[i] >= 0x80)
                out[i] = '?';
    snprintf(out + o, ROUTINE_ID_MAX + 1 - o, "%s", tail);
}

void routine_free(Routine *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->step_count; i++) {
        RoutineStep *s = &r->steps[i];
        free(s->name);
        for (int c = 0; c < s->cue_count; c++)
            free(s->cues[c]);
        free(s->cues);
    }
    free(r->steps);
    free(r->title);
    free(r->summary);
    free(r->safety);
    free(r);
}

Routine *routine_copy(const Routine *r)
{
    Routine *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->breath = r->breath;
    c->title = strdup(r->title);
    c->summary = strdup(r->summary);
    c->safety = strdup(r->safety);
    c->steps = calloc((size_t)r->step_count, sizeof *c->steps);
    bool ok = c->title && c->summary && c->safety && c->steps;
    for (int i = 0; ok && i < r->step_count; i++) {
        const RoutineStep *s = &r->steps[i];
        RoutineStep *d = &c->steps[i];
        *d = *s;
        d->name = NULL;
        d->cues = NULL;
        d->cue_count = 0;
        c->step_count = i + 1;
        d->name = strdup(s->name);
        ok = d->name != NULL;
        if (ok && s->cue_count > 0) {
            d->cues = calloc((size_t)s->cue_count, sizeof *d->cues);
            ok = d->cues != NULL;
            for (int k = 0; ok && k < s->cue_count; k++) {
                d->cues[k] = strdup(s->cues[k]);
                ok = d->cues[k] != NULL;
                d->cue_count += ok;
            }
        }
    }
    if (!ok) {
        routine_free(c);
        return NULL;
    }
    return c;
}
