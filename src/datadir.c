/* datadir.c — see datadir.h. */
#include "datadir.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

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
            *slash = '\0';
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

/* The ids of the routine files in DIR, as datadir_routine_ids. */
static int folder_ids(const char *dir, char ***ids)
{
    *ids = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = calloc(DATADIR_MAX_ROUTINES, sizeof *names);
    int n = 0;
    struct dirent *e;
    while (names && n < DATADIR_MAX_ROUTINES && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && e->d_name[0] != '.' && strcmp(e->d_name + len - 5, ".json") == 0)
            if ((names[n] = strndup(e->d_name, len - 5)))
                n++;
    }
    closedir(d);
    if (!names) {
        log_msg(LOG_ERROR, "data", "out of memory");
        return -1;
    }
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

static int compare_routines(const void *a, const void *b)
{
    return strcmp(((const DatadirRoutine *)a)->id, ((const DatadirRoutine *)b)->id);
}

/* Adds the routines of folder DIR (COUNT IDS) to R (N so far), a user's
 * replacing a shipped one of the same id. Returns the new count, or -1
 * when out of memory. */
static int add_folder(DatadirRoutine *r, int n, const char *dir, char **ids, int count, bool user)
{
    for (int i = 0; i < count; i++) {
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s.json", dir, ids[i]) >= (int)sizeof path)
            continue;
        int k = 0;
        while (k < n && strcmp(r[k].id, ids[i]) != 0)
            k++;
        if (k == DATADIR_MAX_ROUTINES)
            break;
        char *id = strdup(ids[i]), *copy = strdup(path);
        if (!id || !copy) {
            free(id);
            free(copy);
            return -1;
        }
        if (k < n) {
            free(r[k].id);
            free(r[k].path);
        } else {
            n++;
        }
        r[k] = (DatadirRoutine){id, copy, user};
    }
    return n;
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
        if (n_mine < 0 && errno != ENOENT && errno != ENOTDIR)
            log_msg(LOG_WARN, "data", "%s: cannot read your routines folder: %s", user, strerror(errno));
    }
    if (n_ids < 0 && n_mine < 0)
        return -1;
    DatadirRoutine *r = calloc(DATADIR_MAX_ROUTINES, sizeof *r);
    int n = r ? add_folder(r, 0, shipped, ids, n_ids, false) : -1;
    if (n >= 0)
        n = add_folder(r, n, user, mine, n_mine, true);
    datadir_free_ids(ids, n_ids);
    datadir_free_ids(mine, n_mine);
    if (n < 0) {
        datadir_free_routines(r, DATADIR_MAX_ROUTINES);
        log_msg(LOG_ERROR, "data", "out of memory");
        return -1;
    }
    qsort(r, (size_t)n, sizeof *r, compare_routines);
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
