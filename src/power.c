/* power.c — see power.h. The request runs as a child process rather than
 * through a D-Bus library: `systemctl poweroff` is on every systemd
 * machine, says why it failed on its own stderr (the journal), and keeps
 * libsystemd out of the build. */
#include "power.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "log.h"

extern char **environ;

struct PowerOff {
    pid_t pid;        /* the child asking; -1 once collected */
    PowerState state; /* its answer so far */
    int status;       /* its wait status once collected */
};

PowerOff *power_off_start(char *why, size_t why_size)
{
    PowerOff *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(why, why_size, "out of memory");
        return NULL;
    }
    const char *stand_in = getenv("PSOAS_COACH_POWEROFF");
    char *sh_argv[] = {"sh", "-c", (char *)stand_in, NULL};
    char *ctl_argv[] = {"systemctl", "poweroff", NULL};
    char **argv = stand_in && *stand_in ? sh_argv : ctl_argv;
    int err = posix_spawnp(&p->pid, argv[0], NULL, NULL, argv, environ);
    if (err != 0) {
        snprintf(why, why_size, "cannot run %s: %s", argv[0], strerror(err));
        log_msg(LOG_ERROR, "power", "%s", why);
        free(p);
        return NULL;
    }
    p->state = POWER_ASKING;
    log_msg(LOG_INFO, "power", "asking to turn off (%s)", stand_in && *stand_in ? stand_in : "systemctl poweroff");
    return p;
}

PowerState power_off_poll(PowerOff *p, char *why, size_t why_size)
{
    if (p->state != POWER_ASKING)
        return p->state;
    pid_t r = waitpid(p->pid, &p->status, WNOHANG);
    if (r == 0)
        return POWER_ASKING;
    p->pid = -1;
    if (r < 0) {
        snprintf(why, why_size, "lost the request: %s", strerror(errno));
        p->state = POWER_REFUSED;
    } else if (WIFEXITED(p->status) && WEXITSTATUS(p->status) == 0) {
        p->state = POWER_GRANTED;
    } else {
        if (WIFEXITED(p->status))
            snprintf(why, why_size, "the system refused (exit status %d; the journal says why)",
                     WEXITSTATUS(p->status));
        else
            snprintf(why, why_size, "the request was killed by signal %d", WTERMSIG(p->status));
        p->state = POWER_REFUSED;
    }
    if (p->state == POWER_GRANTED)
        log_msg(LOG_INFO, "power", "turning off: the system accepted");
    else
        log_msg(LOG_ERROR, "power", "cannot turn off: %s", why);
    return p->state;
}

void power_free(PowerOff *p)
{
    if (!p)
        return;
    if (p->pid > 0)
        waitpid(p->pid, &p->status, WNOHANG); /* a child still asking is left to finish */
    free(p);
}
