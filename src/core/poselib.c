/* poselib.c — see poselib.h. */
#include "poselib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

static const char *const base_names[POSE_BASE_COUNT] = {
    [POSE_BASE_STANDING] = "standing",
    [POSE_BASE_SEATED] = "seated",
    [POSE_BASE_KNEELING] = "kneeling",
    [POSE_BASE_ALL_FOURS] = "all-fours",
    [POSE_BASE_LYING] = "lying",
    [POSE_BASE_PRONE] = "prone",
};

static const char *const surface_names[SURFACE_COUNT] = {
    [SURFACE_FLOOR] = "floor", [SURFACE_CHAIR] = "chair", [SURFACE_COUNTER] = "counter",
    [SURFACE_PILLOW] = "pillow", [SURFACE_BLOCK] = "block",
};

/* Heights of a 1.75 m person's furniture, in body heights: a 45 cm chair
 * seat; a 74 cm dresser or low counter (about a barstool's height, which
 * suits most people better than a 91 cm kitchen counter); a flat 8 cm pillow;
 * a yoga block on its 12.5 cm side. */
static const float surface_heights[SURFACE_COUNT] = {
    [SURFACE_FLOOR] = 0.0f, [SURFACE_CHAIR] = 0.257f, [SURFACE_COUNTER] = 0.42f,
    [SURFACE_PILLOW] = 0.045f, [SURFACE_BLOCK] = 0.071f,
};

const char *poselib_surface_name(PoseSurface s)
{
    return (unsigned)s < SURFACE_COUNT ? surface_names[s] : "?";
}

float poselib_surface_height(PoseSurface s)
{
    return (unsigned)s < SURFACE_COUNT ? surface_heights[s] : 0.0f;
}

void poselib_side_caption(const PoseInfo *pose, int side, char *out, size_t size)
{
    if (size == 0)
        return;
    out[0] = '\0';
    if (!pose->one_sided || (side != 1 && side != 2))
        return;
    const char *word = side == 1 ? "left" : "right";
    const char *label = pose->side_label ? pose->side_label : "{side} side";
    const char *mark = strstr(label, "{side}");
    if (!mark) {
        snprintf(out, size, "%s", label);
        return;
    }
    snprintf(out, size, "%.*s%s%s", (int)(mark - label), label, word, mark + 6);
}

const char *poselib_base_name(PoseBase base)
{
    return (unsigned)base < POSE_BASE_COUNT ? base_names[base] : "?";
}

static bool valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= POSE_ID_MAX || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

/* Reads an object of joint angles ({"l_hip": [flex, abd, rot], ...}) into
 * OUT over what is there already; a short array leaves later angles 0. */
static bool read_angles(JrCtx *ctx, const cJSON *obj, const char *path, SkelAngles *out)
{
    if (!jr_expect_object(ctx, obj, path, "an object of joint angles"))
        return false;
    bool ok = jr_check_keys(ctx, obj, path, skel_joint_names(), SJ_COUNT);
    for (const cJSON *j = obj->child; j; j = j->next) {
        int joint = skel_joint_find(j->string);
        if (joint < 0)
            continue; /* reported above */
        char kp[JR_PATH_MAX];
        jr_path_key(kp, path, j->string);
        int n = cJSON_GetArraySize(j);
        if (!cJSON_IsArray(j) || n < 1 || n > 3) {
            char got[JR_PATH_MAX];
            jr_describe(j, got, sizeof got);
            jr_report(ctx, kp, "expected [flexion, abduction, rotation] in degrees (1 to 3 numbers), got %s",
                      got);
            ok = false;
            continue;
        }
        int k = 0;
        for (const cJSON *v = j->child; v; v = v->next, k++) {
            char ip[JR_PATH_MAX];
            jr_path_index(ip, kp, k);
            double d = 0;
            if (jr_number(ctx, v, ip, -180, 180, false, &d))
                out->deg[joint][k] = (float)d;
            else
                ok = false;
        }
        for (; k < 3; k++)
            out->deg[joint][k] = 0;
    }
    return ok;
}

static bool read_supports(JrCtx *ctx, const cJSON *obj, const char *path, PoseInfo *out)
{
    if (!jr_expect_object(ctx, obj, path, "an object of body part: surface"))
        return false;
    bool ok = jr_check_keys(ctx, obj, path, skel_node_names(), SK_NODE_COUNT);
    for (const cJSON *s = obj->child; s; s = s->next) {
        int node = skel_node_find(s->string);
        if (node < 0)
            continue;
        char kp[JR_PATH_MAX];
        jr_path_key(kp, path, s->string);
        int surf = 0;
        if (!jr_enum(ctx, s, kp, surface_names, SURFACE_COUNT, &surf)) {
            ok = false;
        } else if (out->support_count >= POSE_MAX_SUPPORTS) {
            jr_report(ctx, kp, "too many supports (at most %d)", POSE_MAX_SUPPORTS);
            ok = false;
        } else {
            out->supports[out->support_count++] = (PoseSupport){node, (PoseSurface)surf};
        }
    }
    return ok;
}

/* "contacts": {"r_hand": "r_knee", "l_hand": "floor"}. */
static bool read_contacts(JrCtx *ctx, const cJSON *obj, const char *path, PoseInfo *out)
{
    static const char *const hands[] = {"l_hand", "r_hand"};
    if (!jr_expect_object(ctx, obj, path, "an object of hand: body part or \"floor\""))
        return false;
    bool ok = jr_check_keys(ctx, obj, path, hands, 2);
    for (const cJSON *c = obj->child; c; c = c->next) {
        int hand = skel_node_find(c->string);
        if (hand != SK_L_HAND && hand != SK_R_HAND)
            continue;
        char kp[JR_PATH_MAX];
        jr_path_key(kp, path, c->string);
        int target = -2;
        if (cJSON_IsString(c) && strcmp(c->valuestring, "floor") == 0)
            target = -1;
        else if (cJSON_IsString(c) && skel_node_find(c->valuestring) >= 0)
            target = skel_node_find(c->valuestring);
        if (target < -1 || target == hand) {
            char got[JR_PATH_MAX];
            jr_describe(c, got, sizeof got);
            jr_report(ctx, kp, "expected a body part (\"r_knee\", \"l_toe\", ...) or \"floor\", got %s", got);
            ok = false;
        } else if (out->contact_count < POSE_MAX_CONTACTS) {
            out->contacts[out->contact_count++] = (PoseContact){hand, target};
        }
    }
    return ok;
}

static bool read_view(JrCtx *ctx, const cJSON *obj, const char *path, PoseInfo *out)
{
    static const char *const keys[] = {"yaw", "pitch", "near"};
    static const char *const sides[] = {"left", "right"};
    if (!jr_expect_object(ctx, obj, path, "an object with yaw, pitch and near"))
        return false;
    bool ok = jr_check_keys(ctx, obj, path, keys, 3);
    const cJSON *near = jr_member(ctx, obj, path, "near", false);
    if (near) {
        char np[JR_PATH_MAX];
        jr_path_key(np, path, "near");
        int side = 0;
        if (jr_enum(ctx, near, np, sides, 2, &side))
            out->near_right = side == 1;
        else
            ok = false;
    }
    char kp[JR_PATH_MAX];
    double v = 0;
    const cJSON *yaw = jr_member(ctx, obj, path, "yaw", false);
    jr_path_key(kp, path, "yaw");
    if (yaw && jr_number(ctx, yaw, kp, -90, 90, false, &v))
        out->view_yaw = (float)v;
    else if (yaw)
        ok = false;
    const cJSON *pitch = jr_member(ctx, obj, path, "pitch", false);
    jr_path_key(kp, path, "pitch");
    if (pitch && jr_number(ctx, pitch, kp, 0, 80, false, &v))
        out->view_pitch = (float)v;
    else if (pitch)
        ok = false;
    return ok;
}

/* The body shape: joints, frames, cycle, breath, supports, contacts, view, turns. */
static bool read_shape(JrCtx *ctx, const cJSON *item, const char *path, PoseInfo *out)
{
    bool ok = true;
    char kp[JR_PATH_MAX];
    out->frame_count = 1;
    out->turns = out->one_sided;
    const cJSON *joints = jr_member(ctx, item, path, "joints", false);
    jr_path_key(kp, path, "joints");
    if (joints)
        ok = read_angles(ctx, joints, kp, &out->frames[0]) && ok;

    const cJSON *frames = jr_member(ctx, item, path, "frames", false);
    const cJSON *cycle = jr_member(ctx, item, path, "cycle", false);
    if (frames) {
        jr_path_key(kp, path, "frames");
        int n = cJSON_GetArraySize(frames);
        if (!cJSON_IsArray(frames) || n < 2 || n > POSE_MAX_FRAMES) {
            char got[JR_PATH_MAX];
            jr_describe(frames, got, sizeof got);
            jr_report(ctx, kp, "expected an array of 2 to %d keyframes, got %s", POSE_MAX_FRAMES, got);
            ok = false;
        } else {
            SkelAngles common = out->frames[0];
            int k = 0;
            for (const cJSON *f = frames->child; f; f = f->next, k++) {
                char fp[JR_PATH_MAX];
                jr_path_index(fp, kp, k);
                out->frames[k] = common;
                ok = read_angles(ctx, f, fp, &out->frames[k]) && ok;
            }
            out->frame_count = n;
        }
        jr_path_key(kp, path, "cycle");
        double secs = 0;
        if (!cycle) {
            jr_report(ctx, path, "a pose with \"frames\" needs \"cycle\": seconds per loop or \"breath\"");
            ok = false;
        } else if (cJSON_IsString(cycle) && strcmp(cycle->valuestring, "breath") == 0) {
            out->cycle_ms = 0;
        } else if (cJSON_IsNumber(cycle) && jr_number(ctx, cycle, kp, 0.4, 20, false, &secs)) {
            out->cycle_ms = (int)(secs * 1000 + 0.5);
        } else {
            if (!cJSON_IsNumber(cycle)) {
                char got[JR_PATH_MAX];
                jr_describe(cycle, got, sizeof got);
                jr_report(ctx, kp, "expected seconds per loop (0.4 to 20) or \"breath\", got %s", got);
            }
            ok = false;
        }
    } else if (cycle) {
        jr_path_key(kp, path, "cycle");
        jr_report(ctx, kp, "\"cycle\" needs \"frames\" to loop through");
        ok = false;
    }

    const cJSON *breath = jr_member(ctx, item, path, "breath", false);
    jr_path_key(kp, path, "breath");
    if (breath)
        ok = read_angles(ctx, breath, kp, &out->breath) && ok;

    const cJSON *supports = jr_member(ctx, item, path, "supports", false);
    jr_path_key(kp, path, "supports");
    if (supports)
        ok = read_supports(ctx, supports, kp, out) && ok;

    const cJSON *contacts = jr_member(ctx, item, path, "contacts", false);
    jr_path_key(kp, path, "contacts");
    if (contacts)
        ok = read_contacts(ctx, contacts, kp, out) && ok;

    const cJSON *view = jr_member(ctx, item, path, "view", false);
    jr_path_key(kp, path, "view");
    if (view)
        ok = read_view(ctx, view, kp, out) && ok;

    const cJSON *turns = jr_member(ctx, item, path, "turns", false);
    jr_path_key(kp, path, "turns");
    if (turns && cJSON_IsBool(turns)) {
        out->turns = cJSON_IsTrue(turns) && out->one_sided;
    } else if (turns) {
        char got[JR_PATH_MAX];
        jr_describe(turns, got, sizeof got);
        jr_report(ctx, kp, "expected true or false, got %s", got);
        ok = false;
    }

    const cJSON *label = jr_member(ctx, item, path, "side_label", false);
    jr_path_key(kp, path, "side_label");
    if (label) {
        if (!jr_string(ctx, label, kp, 1, POSE_LABEL_CHARS, &out->side_label)) {
            ok = false;
        } else if (!strstr(out->side_label, "{side}")) {
            jr_report(ctx, kp, "expected text with {side} where \"left\" or \"right\" goes");
            ok = false;
        }
    }
    return ok;
}

static const char *const family_names[FAMILY_COUNT] = {
    "warm-up", "lunge", "balance", "backbend", "hip-opener", "release", "rest", "transition",
};
static const char *const focus_names[FOCUS_COUNT] = {"desk", "lunges", "floor", "yin", "gentle"};

const char *poselib_family_name(PoseFamily f)
{
    return (unsigned)f < FAMILY_COUNT ? family_names[f] : "?";
}

const char *poselib_focus_name(PoseFocus f)
{
    return (unsigned)f < FOCUS_COUNT ? focus_names[f] : "?";
}

bool poselib_kneels(const PoseInfo *pose)
{
    for (int i = 0; i < pose->support_count; i++)
        if ((pose->supports[i].node == SK_L_KNEE || pose->supports[i].node == SK_R_KNEE) &&
            pose->supports[i].surface != SURFACE_CHAIR && pose->supports[i].surface != SURFACE_COUNTER)
            return true;
    return false;
}

bool poselib_on_floor(const PoseInfo *pose)
{
    if (pose->base != POSE_BASE_STANDING && pose->base != POSE_BASE_SEATED)
        return true;
    for (int i = 0; i < pose->support_count; i++) {
        int n = pose->supports[i].node;
        bool foot = n == SK_L_HEEL || n == SK_R_HEEL || n == SK_L_TOE || n == SK_R_TOE;
        PoseSurface sf = pose->supports[i].surface;
        if (!foot && (sf == SURFACE_FLOOR || sf == SURFACE_PILLOW || sf == SURFACE_BLOCK))
            return true;
    }
    return false;
}

/* An array of 1..COUNT distinct names from NAMES at KEY of ITEM, as bits. */
static bool read_names(JrCtx *ctx, const cJSON *item, const char *path, const char *key,
                       const char *const *names, int count, unsigned *out)
{
    char kp[JR_PATH_MAX];
    const cJSON *arr = jr_member(ctx, item, path, key, true);
    jr_path_key(kp, path, key);
    if (!arr)
        return false;
    int n = cJSON_GetArraySize(arr);
    if (!cJSON_IsArray(arr) || n > count) {
        char got[JR_PATH_MAX];
        jr_describe(arr, got, sizeof got);
        jr_report(ctx, kp, "expected an array of at most %d names, got %s", count, got);
        return false;
    }
    bool ok = true;
    int i = 0;
    *out = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        char ip[JR_PATH_MAX];
        jr_path_index(ip, kp, i);
        int v;
        if (!jr_enum(ctx, c, ip, names, (size_t)count, &v)) {
            ok = false;
        } else if (*out & (1u << v)) {
            jr_report(ctx, ip, "\"%s\" is named twice", names[v]);
            ok = false;
        } else {
            *out |= 1u << v;
        }
    }
    return ok;
}

/* What the composer needs: families, focuses, intensity, hold, cues;
 * all of them or none. */
static bool read_meta(JrCtx *ctx, const cJSON *item, const char *path, PoseInfo *out)
{
    char kp[JR_PATH_MAX];
    double v;
    /* all five or none: a pose without them is never chosen for a made practice */
    if (!cJSON_GetObjectItemCaseSensitive(item, "families") && !cJSON_GetObjectItemCaseSensitive(item, "focuses") &&
        !cJSON_GetObjectItemCaseSensitive(item, "intensity") && !cJSON_GetObjectItemCaseSensitive(item, "hold") &&
        !cJSON_GetObjectItemCaseSensitive(item, "cues"))
        return true;
    bool ok = read_names(ctx, item, path, "families", family_names, FAMILY_COUNT, &out->families);
    if (ok && out->families == 0) {
        jr_path_key(kp, path, "families");
        jr_report(ctx, kp, "expected at least one family");
        ok = false;
    }
    ok = read_names(ctx, item, path, "focuses", focus_names, FOCUS_COUNT, &out->focuses) && ok;

    const cJSON *in = jr_member(ctx, item, path, "intensity", true);
    jr_path_key(kp, path, "intensity");
    if (in && jr_number(ctx, in, kp, 1, 3, true, &v))
        out->intensity = (int)v;
    else
        ok = false;

    const cJSON *hold = jr_member(ctx, item, path, "hold", true);
    jr_path_key(kp, path, "hold");
    if (!hold) {
        ok = false;
    } else if (jr_expect_object(ctx, hold, kp, "a hold like {\"min\": 15, \"max\": 90}")) {
        static const char *const hk[] = {"min", "max"};
        bool hok = jr_check_keys(ctx, hold, kp, hk, 2);
        char mp[JR_PATH_MAX];
        const cJSON *mn = jr_member(ctx, hold, kp, "min", true);
        const cJSON *mx = jr_member(ctx, hold, kp, "max", true);
        jr_path_key(mp, kp, "min");
        hok = mn && jr_number(ctx, mn, mp, 5, POSE_HOLD_MAX_S, true, &v) && hok;
        if (mn && hok)
            out->hold_min_s = (int)v;
        jr_path_key(mp, kp, "max");
        hok = mx && jr_number(ctx, mx, mp, 5, POSE_HOLD_MAX_S, true, &v) && hok;
        if (mx && hok)
            out->hold_max_s = (int)v;
        if (hok && out->hold_max_s < out->hold_min_s) {
            jr_report(ctx, mp, "expected at least the minimum, %d, got %d", out->hold_min_s, out->hold_max_s);
            hok = false;
        }
        ok = hok && ok;
    } else {
        ok = false;
    }

    const cJSON *cues = jr_member(ctx, item, path, "cues", true);
    jr_path_key(kp, path, "cues");
    int n = cJSON_GetArraySize(cues);
    if (!cues) {
        ok = false;
    } else if (!cJSON_IsArray(cues) || n < 1 || n > POSE_MAX_CUES) {
        char got[JR_PATH_MAX];
        if (cJSON_IsArray(cues))
            snprintf(got, sizeof got, "%d", n);
        else
            jr_describe(cues, got, sizeof got);
        jr_report(ctx, kp, "expected an array of 1 to %d cues, got %s", POSE_MAX_CUES, got);
        ok = false;
    } else {
        int i = 0;
        for (const cJSON *c = cues->child; c; c = c->next, i++) {
            char cp[JR_PATH_MAX];
            jr_path_index(cp, kp, i);
            char *text = NULL;
            if (jr_string(ctx, c, cp, 1, POSE_CUE_CHARS, &text))
                out->cues[out->cue_count++] = text;
            else
                ok = false;
        }
    }
    return ok;
}

/* Checks one pose object; fills OUT on success. */
static bool read_pose(JrCtx *ctx, const cJSON *item, const char *path, PoseInfo *out)
{
    static const char *const keys[] = {"id",     "name",     "one_sided", "base", "side_label", "joints",
                                       "frames", "cycle",    "breath",    "supports", "contacts", "view", "turns",
                                       "families", "focuses", "intensity", "hold", "cues"};
    if (!jr_expect_object(ctx, item, path, "a pose"))
        return false;
    bool ok = jr_check_keys(ctx, item, path, keys, sizeof keys / sizeof keys[0]);
    char kp[JR_PATH_MAX];

    const cJSON *id = jr_member(ctx, item, path, "id", true);
    jr_path_key(kp, path, "id");
    if (!id || !jr_string(ctx, id, kp, 1, POSE_ID_MAX - 1, NULL)) {
        ok = false;
    } else if (!valid_id(id->valuestring)) {
        char q[JR_PATH_MAX];
        jr_quote(id->valuestring, q, sizeof q);
        jr_report(ctx, kp, "expected an id of lower-case letters, digits and '-', got %s", q);
        ok = false;
    } else {
        strcpy(out->id, id->valuestring);
    }

    const cJSON *name = jr_member(ctx, item, path, "name", true);
    jr_path_key(kp, path, "name");
    ok = name && jr_string(ctx, name, kp, 1, POSE_NAME_CHARS, &out->name) && ok;

    const cJSON *one = jr_member(ctx, item, path, "one_sided", true);
    jr_path_key(kp, path, "one_sided");
    if (one && cJSON_IsBool(one)) {
        out->one_sided = cJSON_IsTrue(one);
    } else if (one) {
        char got[JR_PATH_MAX];
        jr_describe(one, got, sizeof got);
        jr_report(ctx, kp, "expected true or false, got %s", got);
        ok = false;
    } else {
        ok = false;
    }

    const cJSON *base = jr_member(ctx, item, path, "base", true);
    jr_path_key(kp, path, "base");
    int b = 0;
    if (base && jr_enum(ctx, base, kp, base_names, POSE_BASE_COUNT, &b))
        out->base = (PoseBase)b;
    else
        ok = false;
    ok = read_meta(ctx, item, path, out) && ok;
    return read_shape(ctx, item, path, out) && ok;
}

static void pose_clear(PoseInfo *info)
{
    free(info->name);
    free(info->side_label);
    for (int i = 0; i < info->cue_count; i++)
        free(info->cues[i]);
    memset(info, 0, sizeof *info);
}

/* Reads a list of pose ids of two-sided poses into ROUTE. */
static bool read_via(JrCtx *ctx, const cJSON *arr, const char *path, const PoseLibrary *lib,
                     PoseRoute *route)
{
    int n = cJSON_GetArraySize(arr);
    if (!cJSON_IsArray(arr) || n > POSE_MAX_VIA) {
        char got[JR_PATH_MAX];
        jr_describe(arr, got, sizeof got);
        jr_report(ctx, path, "expected an array of up to %d pose ids, got %s", POSE_MAX_VIA, got);
        return false;
    }
    bool ok = true;
    int k = 0;
    route->count = 0;
    for (const cJSON *v = arr->child; v; v = v->next, k++) {
        char ip[JR_PATH_MAX];
        jr_path_index(ip, path, k);
        if (!jr_string(ctx, v, ip, 1, POSE_ID_MAX - 1, NULL)) {
            ok = false;
            continue;
        }
        int pose = poselib_find(lib, v->valuestring);
        if (pose < 0) {
            const char *near = poselib_nearest(lib, v->valuestring);
            jr_report(ctx, ip, "unknown pose \"%s\"%s%s%s", v->valuestring, near ? " (did you mean \"" : "",
                      near ? near : "", near ? "\"?)" : "");
            ok = false;
        } else if (lib->poses[pose].one_sided) {
            jr_report(ctx, ip, "pose \"%s\" is one-sided; a route passes through two-sided poses only",
                      v->valuestring);
            ok = false;
        } else {
            route->via[route->count++] = pose;
        }
    }
    return ok;
}

/* "routes": [{"from": base, "to": base, "via": [ids]}]: the way back
 * reverses the list unless it has its own entry. */
static bool read_routes(JrCtx *ctx, const cJSON *arr, PoseLibrary *lib)
{
    static const char *const keys[] = {"from", "to", "via"};
    if (!cJSON_IsArray(arr)) {
        char got[JR_PATH_MAX];
        jr_describe(arr, got, sizeof got);
        jr_report(ctx, "$.routes", "expected an array of routes, got %s", got);
        return false;
    }
    bool ok = true, given[POSE_BASE_COUNT][POSE_BASE_COUNT] = {{false}};
    int i = 0;
    for (const cJSON *r = arr->child; r; r = r->next, i++) {
        char path[JR_PATH_MAX], kp[JR_PATH_MAX];
        jr_path_index(path, "$.routes", i);
        if (!jr_expect_object(ctx, r, path, "a route")) {
            ok = false;
            continue;
        }
        bool rok = jr_check_keys(ctx, r, path, keys, 3);
        int from = 0, to = 0;
        const cJSON *f = jr_member(ctx, r, path, "from", true);
        jr_path_key(kp, path, "from");
        rok = f && jr_enum(ctx, f, kp, base_names, POSE_BASE_COUNT, &from) && rok;
        const cJSON *t = jr_member(ctx, r, path, "to", true);
        jr_path_key(kp, path, "to");
        rok = t && jr_enum(ctx, t, kp, base_names, POSE_BASE_COUNT, &to) && rok;
        const cJSON *via = jr_member(ctx, r, path, "via", true);
        jr_path_key(kp, path, "via");
        PoseRoute route = {{0}, 0};
        rok = via && read_via(ctx, via, kp, lib, &route) && rok;
        if (!rok) {
            ok = false;
            continue;
        }
        if (given[from][to]) {
            jr_report(ctx, path, "a second route from %s to %s", base_names[from], base_names[to]);
            ok = false;
            continue;
        }
        given[from][to] = true;
        lib->routes[from][to] = route;
        if (!given[to][from]) {
            PoseRoute back = {{0}, route.count};
            for (int k = 0; k < route.count; k++)
                back.via[k] = route.via[route.count - 1 - k];
            lib->routes[to][from] = back;
        }
    }
    return ok;
}

/* "release": {base: pose id}: what a body eases towards between reps. */
static bool read_release(JrCtx *ctx, const cJSON *obj, PoseLibrary *lib)
{
    if (!jr_expect_object(ctx, obj, "$.release", "an object of base: pose id"))
        return false;
    bool ok = jr_check_keys(ctx, obj, "$.release", base_names, POSE_BASE_COUNT);
    for (const cJSON *e = obj->child; e; e = e->next) {
        int base = -1;
        for (int b = 0; b < POSE_BASE_COUNT; b++)
            if (strcmp(e->string, base_names[b]) == 0)
                base = b;
        if (base < 0)
            continue;
        char kp[JR_PATH_MAX];
        jr_path_key(kp, "$.release", e->string);
        if (!jr_string(ctx, e, kp, 1, POSE_ID_MAX - 1, NULL)) {
            ok = false;
            continue;
        }
        int pose = poselib_find(lib, e->valuestring);
        if (pose < 0 || lib->poses[pose].one_sided) {
            jr_report(ctx, kp, "expected the id of a two-sided pose, got \"%s\"", e->valuestring);
            ok = false;
            continue;
        }
        lib->release[base] = pose;
    }
    return ok;
}

static PoseLibrary *from_tree(const cJSON *root, JrCtx *ctx)
{
    static const char *const keys[] = {"version", "poses", "routes", "release"};
    if (!jr_expect_object(ctx, root, "$", "a pose library"))
        return NULL;
    int before = diag_total(ctx->diag);
    jr_check_keys(ctx, root, "$", keys, 4);
    double version = 0;
    const cJSON *v = jr_member(ctx, root, "$", "version", true);
    if (v)
        jr_number(ctx, v, "$.version", 1, 1, true, &version);
    const cJSON *poses = jr_member(ctx, root, "$", "poses", true);
    if (!poses)
        return NULL;
    int n = cJSON_GetArraySize(poses);
    if (!cJSON_IsArray(poses) || n < 1 || n > POSE_MAX) {
        char got[JR_PATH_MAX];
        if (cJSON_IsArray(poses))
            snprintf(got, sizeof got, "%d", n);
        else
            jr_describe(poses, got, sizeof got);
        jr_report(ctx, "$.poses", "expected an array of 1 to %d poses, got %s", POSE_MAX, got);
        return NULL;
    }
    PoseLibrary *lib = calloc(1, sizeof *lib);
    if (!lib || !(lib->poses = calloc((size_t)n, sizeof *lib->poses))) {
        free(lib);
        jr_report(ctx, "$", "out of memory");
        return NULL;
    }
    int i = 0;
    for (const cJSON *p = poses->child; p; p = p->next, i++) {
        char path[JR_PATH_MAX];
        jr_path_index(path, "$.poses", i);
        PoseInfo *info = &lib->poses[lib->count];
        if (!read_pose(ctx, p, path, info)) {
            pose_clear(info);
            continue;
        }
        if (poselib_find(lib, info->id) >= 0) {
            char ip[JR_PATH_MAX];
            jr_path_key(ip, path, "id");
            jr_report(ctx, ip, "pose \"%s\" is defined twice", info->id);
            pose_clear(info);
            continue;
        }
        lib->count++;
    }
    for (int b = 0; b < POSE_BASE_COUNT; b++)
        lib->release[b] = -1;
    const cJSON *routes = jr_member(ctx, root, "$", "routes", false);
    if (routes && diag_total(ctx->diag) == before)
        read_routes(ctx, routes, lib);
    const cJSON *release = jr_member(ctx, root, "$", "release", false);
    if (release && diag_total(ctx->diag) == before)
        read_release(ctx, release, lib);
    if (diag_total(ctx->diag) != before) {
        poselib_free(lib);
        return NULL;
    }
    return lib;
}

PoseLibrary *poselib_parse(const char *text, size_t len, const char *display, Diag *diag)
{
    JrCtx ctx = {display, diag};
    cJSON *root = jr_parse(text, len, &ctx);
    if (!root)
        return NULL;
    PoseLibrary *lib = from_tree(root, &ctx);
    cJSON_Delete(root);
    return lib;
}

PoseLibrary *poselib_load(const char *path, const char *display, Diag *diag)
{
    JrCtx ctx = {display, diag};
    cJSON *root = jr_load_file(path, &ctx);
    if (!root)
        return NULL;
    PoseLibrary *lib = from_tree(root, &ctx);
    cJSON_Delete(root);
    return lib;
}

void poselib_free(PoseLibrary *lib)
{
    if (!lib)
        return;
    for (int i = 0; i < lib->count; i++) {
        free(lib->poses[i].name);
        free(lib->poses[i].side_label);
        for (int k = 0; k < lib->poses[i].cue_count; k++)
            free(lib->poses[i].cues[k]);
    }
    free(lib->poses);
    free(lib);
}

int poselib_find(const PoseLibrary *lib, const char *id)
{
    for (int i = 0; i < lib->count; i++)
        if (strcmp(lib->poses[i].id, id) == 0)
            return i;
    return -1;
}

const char *poselib_nearest(const PoseLibrary *lib, const char *id)
{
    const char *names[POSE_MAX];
    for (int i = 0; i < lib->count; i++)
        names[i] = lib->poses[i].id;
    return jr_nearest(id, names, (size_t)lib->count);
}
