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
};

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

/* Checks one pose object; fills OUT on success. */
static bool read_pose(JrCtx *ctx, const cJSON *item, const char *path, PoseInfo *out)
{
    static const char *const keys[] = {"id", "name", "one_sided", "base"};
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
    return ok;
}

static PoseLibrary *from_tree(const cJSON *root, JrCtx *ctx)
{
    static const char *const keys[] = {"version", "poses"};
    if (!jr_expect_object(ctx, root, "$", "a pose library"))
        return NULL;
    int before = diag_total(ctx->diag);
    jr_check_keys(ctx, root, "$", keys, 2);
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
            free(info->name);
            memset(info, 0, sizeof *info);
            continue;
        }
        if (poselib_find(lib, info->id) >= 0) {
            char ip[JR_PATH_MAX];
            jr_path_key(ip, path, "id");
            jr_report(ctx, ip, "pose \"%s\" is defined twice", info->id);
            free(info->name);
            memset(info, 0, sizeof *info);
            continue;
        }
        lib->count++;
    }
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
    for (int i = 0; i < lib->count; i++)
        free(lib->poses[i].name);
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
