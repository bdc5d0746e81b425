/* safefile.c — see safefile.h. */
#include "safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

void safefile_dir_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

bool safefile_make_dirs(const char *dir, char *why, size_t why_size)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s", dir) >= (int)sizeof p) {
        snprintf(why, why_size, "the folder name is too long");
        return false;
    }
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            snprintf(why, why_size, "cannot create %s: %s", p, strerror(errno));
            return false;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "%s is not a folder", dir);
        return false;
    }
    if (st.st_uid != geteuid()) {
        snprintf(why, why_size, "the folder %s belongs to another user", dir);
        return false;
    }
    if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)) {
        snprintf(why, why_size, "anyone can write in the folder %s (chmod o-w it)", dir);
        return false;
    }
    return true;
}

bool safefile_temp_name(const char *path, char *out, size_t size)
{
    int w = snprintf(out, size, "%s.tmp-%ld-XXXXXX", path, (long)getpid());
    return w > 0 && (size_t)w < size;
}

int safefile_clean_temps(const char *path, int stale_s, const char *tag)
{
    char dir[PATH_MAX], prefix[PATH_MAX], full[PATH_MAX];
    safefile_dir_of(path, dir, sizeof dir);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (snprintf(prefix, sizeof prefix, "%s.tmp-", base) >= (int)sizeof prefix)
        return 0;
    size_t plen = strlen(prefix);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    time_t now = time(NULL);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strncmp(e->d_name, prefix, plen) != 0)
            continue;
        if (snprintf(full, sizeof full, "%s/%s", dir, e->d_name) >= (int)sizeof full)
            continue;
        struct stat st;
        if (lstat(full, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid())
            continue; /* only plain files of ours */
        bool stale = now - st.st_mtime >= stale_s;
        /* "PID-XXXXXX": the writer's process id */
        char *end = NULL;
        long pid = strtol(e->d_name + plen, &end, 10);
        if (!stale && end != e->d_name + plen && *end == '-' && pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH)
            stale = true;
        if (stale && unlink(full) == 0) {
            removed++;
            log_msg(LOG_INFO, tag, "removed %s, a temporary file left by a crash", full);
        }
    }
    closedir(d);
    return removed;
}

bool safefile_refuse_link(const char *path, const char *tag, const char *consequence)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return false;
    char target[PATH_MAX];
    ssize_t n = readlink(path, target, sizeof target - 1);
    target[n > 0 ? n : 0] = '\0';
    log_msg(LOG_WARN, tag, "%s is a symbolic link (to %s); Psoas Coach writes nothing through a link: "
            "put the file itself there; %s", path, n > 0 ? target : "?", consequence);
    return true;
}

void safefile_sync_dir(const char *dir, const char *tag)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP))
        log_msg(LOG_WARN, tag, "cannot sync folder %s: %s", dir, strerror(errno));
    if (fd >= 0)
        close(fd);
}

int safefile_open_regular(const char *path, struct stat *st, const char *prefix, char *why, size_t why_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return SAFEFILE_MISSING;
        snprintf(why, why_size, "%s%s", prefix, strerror(errno));
        return SAFEFILE_FAILED;
    }
    if (fstat(fd, st) != 0) {
        snprintf(why, why_size, "%s%s", prefix, strerror(errno));
        close(fd);
        return SAFEFILE_FAILED;
    }
    if (!S_ISREG(st->st_mode)) {
        snprintf(why, why_size, "not a regular file");
        close(fd);
        return SAFEFILE_FAILED;
    }
    /* A regular file: reads may block as usual again. */
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

int safefile_finish(int fd, const char *tmp, const char *path, const char **step)
{
    *step = "syncing";
    if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
        int err = errno;
        close(fd);
        return err;
    }
    *step = "closing";
    if (close(fd) != 0)
        return errno;
    *step = "renaming";
    return rename(tmp, path) != 0 ? errno : 0;
}

int safefile_read(int fd, char *buf, size_t max, size_t *got)
{
    *got = 0;
    while (*got < max) {
        ssize_t n = read(fd, buf + *got, max - *got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            break; /* the end: the file may be shorter than fstat said */
        *got += (size_t)n;
    }
    return 0;
}

int safefile_write(int fd, const char *buf, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, buf + off, len - off);
        if (n > 0)
            off += (size_t)n;
        else if (n == 0)
            return EIO;
        else if (errno != EINTR)
            return errno;
    }
    return 0;
}
