/* datadir.c — see datadir.h. */
#include "datadir.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "jsonread.h"
#include "log.h"
#include "routine.h"

static int has_data(const char *dir)
{
    char probe[PATH_MAX];
    if (snprintf(probe, sizeof probe, "%s/assets/poses.json", dir) >= (int)sizeof probe)
        return 0;
    return access(probe, R_OK) == 0;
}

char *datadir_find(void)
{
    const char *env = getenv("PSOAS_COACH_DATA");
    if (env && *env) {
        if (has_data(env))
            return strdup(env);
        log_msg(LOG_WARN, "data", "PSOAS_COACH_DATA=%s has no assets/poses.json; looking elsewhere", env);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0'; /* the binary's folder; /proc/self/exe is already a real path */
            const char *rel[] = {"", "/..", "/../share/psoas-coach"};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                char dir[PATH_MAX];
                if (snprintf(dir, sizeof dir, "%s%s", exe, rel[i]) >= (int)sizeof dir)
                    continue;
                if (has_data(dir)) {
                    char *real = realpath(dir, NULL);
                    return real ? real : strdup(dir);
                }
            }
        }
    }
    /* An uninstalled build: the binary is still in the build folder it
     * was made in, wherever that is, and the source tree it was
     * configured from holds the data. An installed copy is elsewhere and
     * never looks there. */
    char *build = realpath(PSOAS_BUILD_DIR, NULL);
    size_t blen = build ? strlen(build) : 0;
    bool inside = build && n > 0 && strncmp(exe, build, blen) == 0 && (exe[blen] == '\0' || exe[blen] == '/');
    free(build);
    if (inside && has_data(PSOAS_SOURCE_DATA_DIR))
        return strdup(PSOAS_SOURCE_DATA_DIR);
    if (has_data(PSOAS_INSTALL_DATA_DIR))
        return strdup(PSOAS_INSTALL_DATA_DIR);
    log_msg(LOG_ERROR, "data", "cannot find the data directory (assets/poses.json): set PSOAS_COACH_DATA");
    return NULL;
}

int datadir_user_levels(char *out, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int w;
    if (xdg && xdg[0] == '/')
        w = snprintf(out, size, "%s/psoas-coach/levels", xdg);
    else if (home && home[0])
        w = snprintf(out, size, "%s/.config/psoas-coach/levels", home);
    else
        return -1;
    return w < 0 || (size_t)w >= size ? -1 : 0;
}

int datadir_routine_path(const char *data, const char *arg, char *out, size_t size)
{
    size_t len = strlen(arg);
    int w;
    char user[PATH_MAX];
    if (strchr(arg, '/') || (len > 5 && strcmp(arg + len - 5, ".json") == 0)) {
        w = snprintf(out, size, "%s", arg);
    } else {
        w = -1;
        if (datadir_user_levels(user, sizeof user) == 0) {
            w = snprintf(out, size, "%s/%s.json", user, arg);
            if (w >= 0 && (size_t)w < size && access(out, F_OK) != 0)
                w = -1;
        }
        if (w < 0)
            w = snprintf(out, size, "%s/levels/%s.json", data, arg);
    }
    return w < 0 || (size_t)w >= size ? -1 : 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The ids of the routine files in DIR, as datadir_routine_ids: every
 * entry is considered, however many; names that cannot be ids are
 * named in a warning and left out. Returns -1 with errno set when DIR
 * cannot be read (or memory runs out, logged). */
static int folder_ids(const char *dir, char ***ids)
{
    *ids = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    int n = 0, cap = 0;
    bool failed = false;
    struct dirent *e;
    for (errno = 0; !failed && (e = readdir(d)); errno = 0) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        char *id = strndup(e->d_name, len - 5), why[128];
        if (!id) {
            failed = true;
            break;
        }
        if (!routine_id_check(id, why, sizeof why)) {
            char shown[DIAG_LINE_MAX / 2];
            jr_quote_whole(e->d_name, shown, sizeof shown);
            log_msg(LOG_WARN, "routine", "%s/%s: left out: %s; rename the file", dir, shown, why);
            free(id);
            continue;
        }
        if (n == cap) {
            int more = cap ? cap * 2 : 64;
            char **grown = realloc(names, (size_t)more * sizeof *grown);
            if (!grown) {
                free(id);
                failed = true;
                break;
            }
            names = grown;
            cap = more;
        }
        names[n++] = id;
    }
    int err = errno;
    closedir(d);
    if (failed) {
        datadir_free_ids(names, n);
        log_msg(LOG_ERROR, "data", "out of memory");
        errno = ENOMEM;
        return -1;
    }
    if (err)
        log_msg(LOG_WARN, "data", "%s: reading the folder stopped: %s; some routines may be missing", dir,
                strerror(err));
    if (n > 0)
        qsort(names, (size_t)n, sizeof names[0], compare_names);
    *ids = names;
    return n;
}

int datadir_routine_ids(const char *data, char ***ids)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/levels", data);
    return folder_ids(dir, ids);
}

void datadir_free_ids(char **ids, int count)
{
    for (int i = 0; ids && i < count; i++)
        free(ids[i]);
    free(ids);
}

/* One entry of the list: ID in folder DIR. Returns false when out of memory. */
static bool put_routine(DatadirRoutine *r, const char *dir, const char *id, bool user)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s.json", dir, id) >= (int)sizeof path) {
        *r = (DatadirRoutine){0};
        return true; /* too long a path to open: skipped by the caller */
    }
    *r = (DatadirRoutine){strdup(id), strdup(path), user};
    if (r->id && r->path)
        return true;
    free(r->id);
    free(r->path);
    *r = (DatadirRoutine){0};
    return false;
}

int datadir_routines(const char *data, DatadirRoutine **out)
{
    *out = NULL;
    char shipped[PATH_MAX], user[PATH_MAX];
    snprintf(shipped, sizeof shipped, "%s/levels", data);
    char **ids = NULL, **mine = NULL;
    int n_ids = folder_ids(shipped, &ids), n_mine = -1;
    if (datadir_user_levels(user, sizeof user) == 0) {
        n_mine = folder_ids(user, &mine);
        if (n_mine < 0 && errno != ENOENT && errno != ENOTDIR && errno != ENOMEM)
            log_msg(LOG_WARN, "data", "%s: cannot read your routines folder: %s", user, strerror(errno));
    }
    if (n_ids < 0 && n_mine < 0)
        return -1;
    int a = n_ids > 0 ? n_ids : 0, b = n_mine > 0 ? n_mine : 0;
    /* Both lists are sorted: merge them, a user's routine standing in
     * for a shipped one of the same id. */
    DatadirRoutine *r = calloc((size_t)(a + b) + 1, sizeof *r);
    int n = 0, i = 0, j = 0;
    bool ok = r != NULL;
    while (ok && (i < a || j < b)) {
        int c = i == a ? 1 : j == b ? -1 : strcmp(ids[i], mine[j]);
        if (c < 0)
            ok = put_routine(&r[n], shipped, ids[i++], false);
        else
            ok = put_routine(&r[n], user, mine[j++], true);
        if (c == 0)
            i++;
        if (ok && r[n].id)
            n++;
    }
    datadir_free_ids(ids, n_ids);
    datadir_free_ids(mine, n_mine);
    if (!ok) {
        datadir_free_routines(r, n);
        log_msg(LOG_ERROR, "data", "out of memory");
        return -1;
    }
    *out = r;
    return n;
}

void datadir_free_routines(DatadirRoutine *r, int count)
{
    for (int i = 0; r && i < count; i++) {
        free(r[i].id);
        free(r[i].path);
    }
    free(r);
}
