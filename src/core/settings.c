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
#define TMP_SUFFIX ".tmp-4194304-XXXXXX" /* the longest safefile_temp_name adds (pid_max) */

enum {
    WHY_MAX = SETTINGS_PATH_MAX + 128, /* a reason that may name a folder */
    PROBLEM_MAX = JR_PATH_MAX + 64,    /* one bad value, described (with jr_describe's text) */
    TEXT_MAX = 64 + SETTINGS_MAX_LENGTHS * (SETTINGS_ID_CHARS + 16) + 256 + 160 /* the file as written, every
                                                       length, the breath choices and the maker's included */
};

typedef enum ReadStatus {
    READ_OK,      /* TEXT holds the file */
    READ_MISSING, /* no file: the defaults */
    READ_FAILED   /* could not be read; the reason is given */
} ReadStatus;

Settings settings_defaults(void)
{
    Settings s = {SETTINGS_VOLUME_DEFAULT, false, {{"", 0}}, 0, {false, COMPOSE_DEFAULT_MINUTES, COMPOSE_FOCUS_ALL, 0}};
    return s;
}

/* ---- lengths ------------------------------------------------------------ */

/* A routine id as files name them: printable, no quote or backslash, so
 * it is written back without escapes. */
static bool good_id(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n >= SETTINGS_ID_CHARS)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)id[i] < 0x20 || id[i] == '"' || id[i] == '\\')
            return false;
    return true;
}

int settings_length(const Settings *s, const char *id)
{
    for (int i = 0; id && i < s->length_count; i++)
        if (strcmp(s->lengths[i].id, id) == 0)
            return s->lengths[i].minutes;
    return 0;
}

bool settings_set_length(Settings *s, const char *id, int minutes)
{
    if (!good_id(id) || minutes < 0 || minutes > SETTINGS_MINUTES_MAX)
        return false;
    for (int i = 0; i < s->length_count; i++) {
        if (strcmp(s->lengths[i].id, id) != 0)
            continue;
        if (minutes > 0) {
            s->lengths[i].minutes = minutes;
        } else {
            memmove(&s->lengths[i], &s->lengths[i + 1], (size_t)(s->length_count - i - 1) * sizeof s->lengths[0]);
            s->length_count--;
        }
        return true;
    }
    if (minutes == 0)
        return true;
    if (s->length_count >= SETTINGS_MAX_LENGTHS)
        return false;
    SettingsLength *l = &s->lengths[s->length_count++];
    snprintf(l->id, sizeof l->id, "%s", id);
    l->minutes = minutes;
    return true;
}

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

/* Takes "lengths" from ROOT into S: every good entry; describes the first
 * bad one (and how many there were) in PROBLEM. */
static void read_lengths(const cJSON *root, Settings *s, char problem[PROBLEM_MAX])
{
    const cJSON *item = member(root, "lengths", problem, PROBLEM_MAX);
    if (!item)
        return;
    char got[48];
    if (!cJSON_IsObject(item)) {
        jr_describe(item, got, sizeof got);
        snprintf(problem, PROBLEM_MAX, "\"lengths\" must be an object of minutes by routine, got %s", got);
        return;
    }
    int bad = 0;
    for (const cJSON *c = item->child; c; c = c->next) {
        double v = cJSON_IsNumber(c) ? c->valuedouble : NAN;
        bool good = isfinite(v) && v >= 1 && v <= SETTINGS_MINUTES_MAX && v == floor(v) && good_id(c->string) &&
                    settings_length(s, c->string) == 0 && settings_set_length(s, c->string, (int)v);
        if (good)
            continue;
        if (bad++ == 0) {
            jr_describe(c, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "$.lengths[\"%.60s\"] must be whole minutes 1-%d, once per routine, got %s",
                     c->string ? c->string : "", SETTINGS_MINUTES_MAX, got);
        }
    }
    if (bad > 1) {
        size_t n = strlen(problem);
        snprintf(problem + n, PROBLEM_MAX - n, " (and %d more)", bad - 1);
    }
}

/* Takes the "make" object of ROOT into M: every good value; describes the
 * first bad one in PROBLEM (left empty when all is well). */
static void read_make(const cJSON *root, SettingsMake *m, char problem[PROBLEM_MAX])
{
    const cJSON *obj = member(root, "make", problem, PROBLEM_MAX);
    if (!obj)
        return;
    char got[64]; /* a value described, cut short: the message stays one line */
    if (!cJSON_IsObject(obj)) {
        jr_describe(obj, got, sizeof got);
        snprintf(problem, PROBLEM_MAX, "\"make\" must be an object like {\"minutes\": 20, \"focus\": \"all\"}, got %s",
                 got);
        return;
    }
    m->saved = true;
    const cJSON *item;
    char dup[3][PROBLEM_MAX] = {"", "", ""}; /* a key given twice, each */
    if ((item = member(obj, "minutes", dup[0], sizeof dup[0]))) {
        double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
        if (isfinite(v) && v >= COMPOSE_MIN_MINUTES && v <= COMPOSE_MAX_MINUTES && v == floor(v)) {
            m->minutes = (int)v;
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "$.make.minutes must be a whole number %d-%d, got %s", COMPOSE_MIN_MINUTES,
                     COMPOSE_MAX_MINUTES, got);
        }
    }
    if ((item = member(obj, "focus", dup[1], sizeof dup[1]))) {
        int focus;
        if (cJSON_IsString(item) && compose_parse_focus(item->valuestring, &focus)) {
            m->focus = focus;
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX,
                     "$.make.focus must be desk, lunges, floor, yin, gentle or all, got %s", got);
        }
    }
    if ((item = member(obj, "avoid", dup[2], sizeof dup[2]))) {
        unsigned avoid = 0;
        int i = 0;
        bool good = cJSON_IsArray(item);
        for (const cJSON *c = good ? item->child : NULL; c; c = c->next, i++) {
            unsigned one;
            char bad[64];
            if (cJSON_IsString(c) && strcmp(c->valuestring, "none") != 0 && !strchr(c->valuestring, ',') &&
                compose_parse_avoid(c->valuestring, &one, bad, sizeof bad)) {
                avoid |= one;
            } else if (!problem[0]) {
                jr_describe(c, got, sizeof got);
                snprintf(problem, PROBLEM_MAX, "$.make.avoid[%d] must be kneeling, floor, balance or backbends, got %s",
                         i, got);
            }
        }
        if (good) {
            m->avoid = avoid; /* the good ones */
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "$.make.avoid must be a list like [\"kneeling\"], got %s", got);
        }
    }
    for (int k = 0; k < 3 && !problem[0]; k++)
        if (dup[k][0])
            snprintf(problem, PROBLEM_MAX, "in \"make\": %.*s", PROBLEM_MAX - 16, dup[k]);
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
    char vol[PROBLEM_MAX] = "", mute[PROBLEM_MAX] = "", lens[PROBLEM_MAX] = "", made[PROBLEM_MAX] = "";
    read_volume(root, out, vol);
    read_muted(root, out, mute);
    read_lengths(root, out, lens);
    read_make(root, &out->make, made);
    char tail[2 * PROBLEM_MAX + 128] = "";
    if (lens[0])
        snprintf(tail, sizeof tail, "; %s, left out (that routine plays as written)", lens);
    if (made[0]) {
        size_t n = strlen(tail);
        snprintf(tail + n, sizeof tail - n, "; %s; \"Make me a practice\" uses the default for it", made);
    }
    if (vol[0] && mute[0])
        log_msg(LOG_WARN, TAG, "%s: %s; %s; using %d and false%s", path, vol, mute, SETTINGS_VOLUME_DEFAULT, tail);
    else if (vol[0])
        log_msg(LOG_WARN, TAG, "%s: %s; using %d%s", path, vol, SETTINGS_VOLUME_DEFAULT, tail);
    else if (mute[0])
        log_msg(LOG_WARN, TAG, "%s: %s; using false%s", path, mute, tail);
    else if (tail[0])
        log_msg(LOG_WARN, TAG, "%s:%s", path, tail + 1);
    ok = !vol[0] && !mute[0] && !lens[0] && !made[0];
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

/* ---- the breath chooser's choices --------------------------------------- */

SettingsBreathe settings_breathe_defaults(void)
{
    SettingsBreathe b = {false, breathe_default_choice(BREATHE_CALM), breathe_preset(BREATHE_CUSTOM)->pattern, 0};
    return b;
}

/* Takes the "breathe" object of ROOT into B; describes the first bad value
 * in PROBLEM (left empty when all is well). */
static void read_breathe(const cJSON *root, SettingsBreathe *b, char problem[PROBLEM_MAX])
{
    char dup[PROBLEM_MAX] = "";
    const cJSON *obj = member(root, "breathe", dup, sizeof dup);
    if (dup[0]) {
        memcpy(problem, dup, PROBLEM_MAX);
        return;
    }
    if (!obj)
        return;
    char got[64]; /* a value described, cut short: the message stays one line */
    if (!cJSON_IsObject(obj)) {
        jr_describe(obj, got, sizeof got);
        snprintf(problem, PROBLEM_MAX, "\"breathe\" must be an object, got %s", got);
        return;
    }
    b->saved = true;
    const cJSON *item;
    char none[PROBLEM_MAX];
    if ((item = member(obj, "custom", none, sizeof none))) {
        BreathPattern p;
        if (cJSON_IsString(item) && breath_parse(item->valuestring, &p)) {
            b->custom = p;
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "\"breathe.custom\" must be seconds like \"4-0-6-0\", got %s", got);
        }
    }
    if ((item = member(obj, "coherent", none, sizeof none))) {
        double v = cJSON_IsNumber(item) ? item->valuedouble * 10 : NAN;
        bool found = false;
        for (int i = 0; i < BREATHE_PACE_STEPS && isfinite(v); i++)
            found = found || v == breathe_pace_rate_x10(i);
        if (found) {
            b->coherent_x10 = (int)v;
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "\"breathe.coherent\" must be breaths a minute, 4.5 to 6.5 in halves, got %s",
                     got);
        }
    }
    if ((item = member(obj, "pattern", none, sizeof none))) {
        BreatheChoice c = b->choice;
        bool custom = cJSON_IsString(item) && strcmp(item->valuestring, "custom") == 0;
        if (custom) {
            c.preset = BREATHE_CUSTOM;
            c.pattern = b->custom;
            c.ease = breathe_can_ease(b->custom);
            b->choice = c;
        } else if (cJSON_IsString(item) && breathe_parse_pattern(item->valuestring, &c) &&
                   c.preset != BREATHE_CUSTOM) {
            if (c.preset == BREATHE_COHERENT)
                c.pattern = breathe_coherent_pattern(b->coherent_x10);
            b->choice = c;
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "\"breathe.pattern\" must name a pattern (\"box\", \"custom\"...), got %s",
                     got);
        }
    }
    if ((item = member(obj, "minutes", none, sizeof none))) {
        double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
        if (isfinite(v) && v >= BREATHE_MIN_MINUTES && v <= BREATHE_MAX_MINUTES && v == floor(v)) {
            b->choice.minutes = (int)v;
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "\"breathe.minutes\" must be a whole number 1-60, got %s", got);
        }
    }
    if ((item = member(obj, "posture", none, sizeof none))) {
        int posture = cJSON_IsString(item) ? breathe_find_posture(item->valuestring) : -1;
        if (posture >= 0) {
            b->choice.posture = (BreathePosture)posture;
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "\"breathe.posture\" must be a posture (\"constructive-rest\"...), got %s",
                     got);
        }
    }
    if ((item = member(obj, "ticks", none, sizeof none))) {
        if (cJSON_IsBool(item)) {
            b->choice.ticks = cJSON_IsTrue(item);
        } else if (!problem[0]) {
            jr_describe(item, got, sizeof got);
            snprintf(problem, PROBLEM_MAX, "\"breathe.ticks\" must be true or false, got %s", got);
        }
    }
}

bool settings_load_breathe(const char *path, SettingsBreathe *out)
{
    *out = settings_breathe_defaults();
    if (!path_fits(path, "the breath chooser starts from its defaults"))
        return false;
    char *text;
    size_t len;
    char why[WHY_MAX];
    ReadStatus st = read_text(path, &text, &len, why, sizeof why);
    if (st != READ_OK)
        return st == READ_MISSING; /* settings_load has said why */
    Diag *diag = malloc(sizeof *diag);
    cJSON *root = NULL;
    bool ok = true;
    if (diag) {
        diag_clear(diag);
        JrCtx ctx = {"", diag};
        root = jr_parse(text, len, &ctx);
    }
    if (root && cJSON_IsObject(root)) {
        char problem[PROBLEM_MAX] = "";
        read_breathe(root, out, problem);
        if (problem[0]) {
            log_msg(LOG_WARN, TAG, "%s: %s; using the default", path, problem);
            ok = false;
        }
    } /* else settings_load has warned about the file */
    cJSON_Delete(root);
    free(diag);
    free(text);
    return ok;
}

/* ---- saving ------------------------------------------------------------- */

int settings_tidy(const char *path)
{
    if (!path || !path[0] || strlen(path) + sizeof TMP_SUFFIX > SETTINGS_PATH_MAX)
        return 0;
    return safefile_clean_temps(path, SETTINGS_TEMP_STALE_S, TAG);
}

bool settings_save(const char *path, const Settings *s)
{
    return settings_save_all(path, s, NULL);
}

bool settings_save_all(const char *path, const Settings *s, const SettingsBreathe *b)
{
    if (!path_fits(path, "volume and mute are not saved"))
        return false;
    if (s->volume < 0 || s->volume > SETTINGS_VOLUME_MAX) {
        log_msg(LOG_WARN, TAG, "not writing %s: volume %d is outside 0-%d", path, s->volume,
                SETTINGS_VOLUME_MAX);
        return false;
    }
    if (s->length_count < 0 || s->length_count > SETTINGS_MAX_LENGTHS) {
        log_msg(LOG_WARN, TAG, "not writing %s: %d lengths is outside 0-%d", path, s->length_count,
                SETTINGS_MAX_LENGTHS);
        return false;
    }
    for (int i = 0; i < s->length_count; i++) {
        if (!good_id(s->lengths[i].id) || s->lengths[i].minutes < 1 || s->lengths[i].minutes > SETTINGS_MINUTES_MAX) {
            log_msg(LOG_WARN, TAG, "not writing %s: a bad length for routine %.60s", path, s->lengths[i].id);
            return false;
        }
    }
    const SettingsMake *m = &s->make;
    if (m->saved && (m->minutes < COMPOSE_MIN_MINUTES || m->minutes > COMPOSE_MAX_MINUTES || m->focus < 0 ||
                     m->focus > COMPOSE_FOCUS_ALL || (m->avoid & ~(unsigned)AVOID_ALL))) {
        log_msg(LOG_WARN, TAG, "not writing %s: a bad choice for \"Make me a practice\" (%d min, focus %d, avoid %#x)",
                path, m->minutes, m->focus, m->avoid);
        return false;
    }
    char text[TEXT_MAX];
    int len = snprintf(text, sizeof text, "{\n  \"volume\": %d,\n  \"muted\": %s", s->volume,
                       s->muted ? "true" : "false");
    if (s->length_count > 0) {
        len += snprintf(text + len, sizeof text - (size_t)len, ",\n  \"lengths\": {");
        for (int i = 0; i < s->length_count; i++)
            len += snprintf(text + len, sizeof text - (size_t)len, "%s\"%s\": %d", i ? ", " : "", s->lengths[i].id,
                            s->lengths[i].minutes);
        len += snprintf(text + len, sizeof text - (size_t)len, "}");
    }
    if (b && b->saved) {
        char custom[48], coherent[48] = "";
        breath_format(b->custom, custom, sizeof custom);
        if (b->coherent_x10 > 0)
            snprintf(coherent, sizeof coherent, ", \"coherent\": %d.%d", b->coherent_x10 / 10, b->coherent_x10 % 10);
        len += snprintf(text + len, sizeof text - (size_t)len,
                        ",\n  \"breathe\": {\"pattern\": \"%s\", \"custom\": \"%s\", \"minutes\": %d, \"posture\": \"%s\"%s%s}",
                        breathe_preset(b->choice.preset)->id, custom, b->choice.minutes,
                        breathe_posture_id(b->choice.posture), coherent, b->choice.ticks ? ", \"ticks\": true" : "");
    }
    if (m->saved) {
        char names[64], list[96] = "";
        size_t used = 0;
        compose_avoid_names(m->avoid, names, sizeof names);
        char *rest = NULL;
        for (char *w = m->avoid ? strtok_r(names, ",", &rest) : NULL; w; w = strtok_r(NULL, ",", &rest))
            used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", used ? ", " : "", w);
        len += snprintf(text + len, sizeof text - (size_t)len,
                        ",\n  \"make\": {\"minutes\": %d, \"focus\": \"%s\", \"avoid\": [%s]}", m->minutes,
                        compose_focus_name(m->focus), list);
    }
    len += snprintf(text + len, sizeof text - (size_t)len, "\n}\n");
    if (len < 0 || len >= (int)sizeof text) {
        log_msg(LOG_WARN, TAG, "not writing %s: the settings do not fit %d bytes", path, (int)sizeof text);
        return false;
    }
    char dir[SETTINGS_PATH_MAX], why[WHY_MAX];
    safefile_dir_of(path, dir, sizeof dir);
    if (!safefile_make_dirs(dir, why, sizeof why)) {
        log_msg(LOG_WARN, TAG, "cannot write %s: %s; volume and mute are not saved", path, why);
        return false;
    }
    if (safefile_refuse_link(path, TAG, "volume and mute are not saved"))
        return false;
    char tmp[SETTINGS_PATH_MAX];
    safefile_temp_name(path, tmp, sizeof tmp);
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
