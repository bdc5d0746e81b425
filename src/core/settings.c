/* settings.c — see settings.h.
 *
 * The file is two values, so there is no lock and no moving aside: a load
 * takes what it can and warns once, and the next save writes a good file
 * over a damaged one. Text goes through jsonread's strict parser, the one
 * the routine and history files use, so bad UTF-8, a NUL or a file cut
 * short is named by line and column like any data-file error; the values
 * are checked here, since jr_check_keys would refuse the unknown keys a
 * later version may add. Writing mirrors history.c: temporary file in the
 * same folder, fsync, rename, fsync of the folder. */
#include "settings.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "history.h"
#include "jsonread.h"
#include "log.h"
#include "safefile.h"

#define TAG "settings"
#define FILE_NAME "settings.json"
#define TMP_SUFFIX ".tmp-XXXXXX"

enum {
    WHY_MAX = SETTINGS_PATH_MAX + 128, /* a reason that may name a folder */
    PROBLEM_MAX = JR_PATH_MAX + 64,    /* one bad value, described (with jr_describe's text) */
    TEXT_MAX = 64                      /* the file as written: about 35 bytes */
};

typedef enum ReadStatus {
    READ_OK,      /* TEXT holds the file */
    READ_MISSING, /* no file: the defaults */
    READ_FAILED   /* could not be read; the reason is given */
} ReadStatus;

Settings settings_defaults(void) { return (Settings){SETTINGS_VOLUME_DEFAULT, false}; }

/* ---- paths -------------------------------------------------------------- */

int settings_default_path(char *out, size_t size)
{
    /* One rule for where state lives: ask the history, keep its folder. */
    char hist[SETTINGS_PATH_MAX];
    if (size > 0)
        out[0] = '\0';
    if (history_default_path(hist, sizeof hist) != 0)
        return -1;
    const char *slash = strrchr(hist, '/'); /* there is one: the path is absolute */
    int w = snprintf(out, size, "%.*s/%s", (int)(slash - hist), hist, FILE_NAME);
    if (w < 0 || (size_t)w >= size) {
        if (size > 0)
            out[0] = '\0';
        return -1;
    }
    return 0;
}

/* Whether PATH is given and leaves room for the temporary file's suffix;
 * warns, ending with CONSEQUENCE, when not. */
static bool path_fits(const char *path, const char *consequence)
{
    if (path && path[0] && strlen(path) + sizeof TMP_SUFFIX <= SETTINGS_PATH_MAX)
        return true;
    if (path && path[0])
        log_msg(LOG_WARN, TAG, "settings path %.200s... is too long; %s", path, consequence);
    else
        log_msg(LOG_WARN, TAG, "no settings path; %s", consequence);
    return false;
}

/* ---- loading ------------------------------------------------------------ */

/* Reads PATH whole into a malloc'd, NUL-terminated *TEXT of *LEN bytes
 * (caller frees). On READ_FAILED writes the reason into WHY. */
static ReadStatus read_text(const char *path, char **text, size_t *len, char *why, size_t why_size)
{
    *text = NULL;
    struct stat st;
    int fd = safefile_open_regular(path, &st, "cannot read: ", why, why_size);
    if (fd < 0)
        return fd == SAFEFILE_MISSING ? READ_MISSING : READ_FAILED;
    ReadStatus status = READ_FAILED;
    char *buf = malloc(SETTINGS_MAX_FILE + 2);
    if (!buf) {
        snprintf(why, why_size, "cannot read: out of memory");
        goto done;
    }
    /* One byte past the limit tells a file that grew after fstat. */
    size_t n = 0;
    int err = safefile_read(fd, buf, SETTINGS_MAX_FILE + 1, &n);
    if (err) {
        snprintf(why, why_size, "cannot read: %s", strerror(err));
        goto done;
    }
    if (n > SETTINGS_MAX_FILE) {
        snprintf(why, why_size, "over %d bytes; a settings file is about 40", SETTINGS_MAX_FILE);
        goto done;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    buf = NULL;
    status = READ_OK;
done:
    free(buf);
    close(fd);
    return status;
}

/* The one member of ROOT called KEY (case-sensitive), or NULL. When there
 * are several, returns NULL and describes that in PROBLEM. */
static const cJSON *member(const cJSON *root, const char *key, char *problem, size_t size)
{
    const cJSON *found = NULL;
    int count = 0;
    for (const cJSON *c = root->child; c; c = c->next) {
        if (c->string && strcmp(c->string, key) == 0) {
            found = c;
            count++;
        }
    }
    if (count > 1) {
        snprintf(problem, size, "\"%s\" is given %d times (each key may appear once)", key, count);
        return NULL;
    }
    return found;
}

/* Takes "volume" from ROOT into S->volume when it is good; else describes
 * what is wrong in PROBLEM (left empty when all is well or it is absent). */
static void read_volume(const cJSON *root, Settings *s, char problem[PROBLEM_MAX])
{
    const cJSON *item = member(root, "volume", problem, PROBLEM_MAX);
    if (!item)
        return;
    double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
    if (isfinite(v) && v >= 0 && v <= SETTINGS_VOLUME_MAX && v == floor(v)) {
        s->volume = (int)v;
        return;
    }
    char got[JR_PATH_MAX];
    jr_describe(item, got, sizeof got);
    snprintf(problem, PROBLEM_MAX, "\"volume\" must be a whole number 0-%d, got %s", SETTINGS_VOLUME_MAX, got);
}

/* As read_volume, for "muted". */
static void read_muted(const cJSON *root, Settings *s, char problem[PROBLEM_MAX])
{
    const cJSON *item = member(root, "muted", problem, PROBLEM_MAX);
    if (!item)
        return;
    if (cJSON_IsBool(item)) {
        s->muted = cJSON_IsTrue(item);
        return;
    }
    char got[JR_PATH_MAX];
    jr_describe(item, got, sizeof got);
    snprintf(problem, PROBLEM_MAX, "\"muted\" must be true or false, got %s", got);
}

/* Parses TEXT into *OUT, which holds the defaults. Returns true when all
 * was good; else warns once and returns false. */
static bool parse_settings(const char *path, const char *text, size_t len, Settings *out)
{
    Diag *diag = malloc(sizeof *diag);
    if (!diag) {
        log_msg(LOG_WARN, TAG, "%s: cannot parse: out of memory; using the defaults", path);
        return false;
    }
    diag_clear(diag);
    /* An empty file name: every jsonread line then starts with the place
     * (":3:17: ..." or ": ..."), to follow the full PATH, which would not
     * fit in a Diag line. */
    JrCtx ctx = {"", diag};
    cJSON *root = jr_parse(text, len, &ctx);
    bool ok = false;
    if (!root) {
        log_msg(LOG_WARN, TAG, "%s%s; using the defaults (volume %d, not muted)", path,
                diag->count > 0 ? diag->lines[0] : ": cannot parse", SETTINGS_VOLUME_DEFAULT);
        goto done;
    }
    if (!cJSON_IsObject(root)) {
        char got[JR_PATH_MAX];
        jr_describe(root, got, sizeof got);
        log_msg(LOG_WARN, TAG,
                "%s: expected an object like {\"volume\": %d, \"muted\": false}, got %s; "
                "using the defaults (volume %d, not muted)",
                path, SETTINGS_VOLUME_DEFAULT, got, SETTINGS_VOLUME_DEFAULT);
        goto done;
    }
    char vol[PROBLEM_MAX] = "", mute[PROBLEM_MAX] = "";
    read_volume(root, out, vol);
    read_muted(root, out, mute);
    if (vol[0] && mute[0])
        log_msg(LOG_WARN, TAG, "%s: %s; %s; using %d and false", path, vol, mute, SETTINGS_VOLUME_DEFAULT);
    else if (vol[0])
        log_msg(LOG_WARN, TAG, "%s: %s; using %d", path, vol, SETTINGS_VOLUME_DEFAULT);
    else if (mute[0])
        log_msg(LOG_WARN, TAG, "%s: %s; using false", path, mute);
    ok = !vol[0] && !mute[0];
done:
    cJSON_Delete(root);
    free(diag);
    return ok;
}

bool settings_load(const char *path, Settings *out)
{
    *out = settings_defaults();
    if (!path_fits(path, "using the defaults"))
        return false;
    char *text;
    size_t len;
    char why[WHY_MAX];
    ReadStatus st = read_text(path, &text, &len, why, sizeof why);
    if (st == READ_MISSING)
        return true;
    if (st == READ_FAILED) {
        log_msg(LOG_WARN, TAG, "%s: %s; using the defaults (volume %d, not muted)", path, why,
                SETTINGS_VOLUME_DEFAULT);
        return false;
    }
    bool ok = parse_settings(path, text, len, out);
    free(text);
    return ok;
}

/* ---- saving ------------------------------------------------------------- */

bool settings_save(const char *path, const Settings *s)
{
    if (!path_fits(path, "volume and mute are not saved"))
        return false;
    if (s->volume < 0 || s->volume > SETTINGS_VOLUME_MAX) {
        log_msg(LOG_WARN, TAG, "not writing %s: volume %d is outside 0-%d", path, s->volume,
                SETTINGS_VOLUME_MAX);
        return false;
    }
    char text[TEXT_MAX];
    int len = snprintf(text, sizeof text, "{\n  \"volume\": %d,\n  \"muted\": %s\n}\n", s->volume,
                       s->muted ? "true" : "false");
    char dir[SETTINGS_PATH_MAX], why[WHY_MAX];
    safefile_dir_of(path, dir, sizeof dir);
    if (!safefile_make_dirs(dir, why, sizeof why)) {
        log_msg(LOG_WARN, TAG, "cannot write %s: %s; volume and mute are not saved", path, why);
        return false;
    }
    char tmp[SETTINGS_PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s" TMP_SUFFIX, path);
    const char *step = "creating a temporary file";
    int err = 0;
    int fd = mkstemp(tmp); /* mode 0600 */
    bool created = fd >= 0;
    if (fd < 0) {
        err = errno;
        goto fail;
    }
    step = "writing";
    if ((err = safefile_write(fd, text, (size_t)len)) != 0)
        goto fail;
    err = safefile_finish(fd, tmp, path, &step);
    fd = -1;
    if (err != 0)
        goto fail;
    safefile_sync_dir(dir, TAG);
    return true;
fail:
    if (fd >= 0)
        close(fd);
    if (created)
        unlink(tmp);
    log_msg(LOG_WARN, TAG, "cannot write %s: %s (%s); volume and mute are not saved", path, strerror(err), step);
    return false;
}
