/* display.c — see display.h. Opening a DRM card makes the opener its
 * master when nobody else is, so a card opened without becoming master is
 * one another program drives. Master is tested as libdrm's drmIsMaster
 * does: authenticating magic 0 needs master and fails with EACCES without
 * it (EINVAL with it). The holder is named from /proc when this user may
 * read its file descriptors. */
#include "display.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DISPLAY_MAX_CARDS = 8 };

/* DRM_IOCTL_AUTH_MAGIC from the kernel's include/uapi/drm/drm.h: _IOW('d',
 * 0x11, struct drm_auth { unsigned int magic; }); spelled out so the build
 * needs no DRM headers. */
#define DISPLAY_IOCTL_AUTH_MAGIC _IOW('d', 0x11, unsigned int)

/* The name and pid of a process with PATH open, into OUT; false when
 * none can be seen. */
static bool find_holder(const char *path, char *out, size_t size)
{
    DIR *proc = opendir("/proc");
    if (!proc)
        return false;
    bool found = false;
    pid_t self = getpid();
    struct dirent *d;
    while (!found && (d = readdir(proc))) {
        char *end;
        long pid = strtol(d->d_name, &end, 10);
        if (*end || pid <= 0 || pid == self)
            continue;
        char dir[64];
        snprintf(dir, sizeof dir, "/proc/%ld/fd", pid);
        DIR *fds = opendir(dir);
        if (!fds)
            continue;
        struct dirent *f;
        while (!found && (f = readdir(fds))) {
            char link[320], target[PATH_MAX];
            snprintf(link, sizeof link, "%s/%s", dir, f->d_name);
            ssize_t n = readlink(link, target, sizeof target - 1);
            if (n <= 0)
                continue;
            target[n] = 0;
            if (strcmp(target, path) != 0)
                continue;
            char comm_path[64], comm[64] = "?";
            snprintf(comm_path, sizeof comm_path, "/proc/%ld/comm", pid);
            FILE *c = fopen(comm_path, "r");
            if (c) {
                if (fgets(comm, sizeof comm, c))
                    comm[strcspn(comm, "\n")] = 0;
                fclose(c);
            }
            snprintf(out, size, "%s, pid %ld", comm, pid);
            found = true;
        }
        closedir(fds);
    }
    closedir(proc);
    return found;
}

DisplayProblem display_diagnose(char *out, size_t size)
{
    DisplayProblem worst = DISPLAY_NONE_FOUND;
    out[0] = 0;
    for (int i = 0; i < DISPLAY_MAX_CARDS && worst != DISPLAY_BUSY; i++) {
        char path[32];
        snprintf(path, sizeof path, "/dev/dri/card%d", i);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        int fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0) {
            if (worst == DISPLAY_NONE_FOUND || worst == DISPLAY_FREE) {
                worst = DISPLAY_DENIED;
                snprintf(out, size, "%s is there but cannot be opened: %s", path, strerror(errno));
            }
            continue;
        }
        unsigned int magic = 0;
        bool master = ioctl(fd, DISPLAY_IOCTL_AUTH_MAGIC, &magic) == 0 || errno != EACCES;
        close(fd);
        if (master) {
            if (worst == DISPLAY_NONE_FOUND) {
                worst = DISPLAY_FREE;
                snprintf(out, size, "%s is there and free", path);
            }
            continue;
        }
        worst = DISPLAY_BUSY;
        char who[96];
        if (find_holder(path, who, sizeof who))
            snprintf(out, size, "%s is in use by another program (%s)", path, who);
        else
            snprintf(out, size, "%s is in use by another program", path);
    }
    return worst;
}

int display_presents_to_show(const char *driver)
{
    /* SDL 2.26 to 2.32 alike: KMSDRM_SetWindowFullscreen and _SetWindowSize
     * only mark the surfaces dirty; KMSDRM_GLES_SwapWindow then remakes
     * them before eglSwapBuffers, which swaps the new, never drawn one */
    return driver && !strcmp(driver, "KMSDRM") ? 2 : 1;
}
