/* datadir.c — see datadir.h. */
#include "datadir.h"

#include <dirent.h>
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

int datadir_routine_path(const char *data, const char *arg, char *out, size_t size)
{
    size_t len = strlen(arg);
    int w;
    if (strchr(arg, '/') || (len > 5 && strcmp(arg + len - 5, ".json") == 0))
        w = snprintf(out, size, "%s", arg);
    else
        w = snprintf(out, size, "%s/levels/%s.json", data, arg);
    return w < 0 || (size_t)w >= size ? -1 : 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int datadir_routine_ids(const char *data, char ***ids)
{
    *ids = NULL;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/levels", data);
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

void datadir_free_ids(char **ids, int count)
{
    for (int i = 0; ids && i < count; i++)
        free(ids[i]);
    free(ids);
}
