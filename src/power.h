/* power.h — turning the machine off, for the kiosk: asks logind (through
 * `systemctl poweroff`, which logind allows for the active local session)
 * in a child process, so the screen keeps drawing while it answers.
 * $PSOAS_COACH_POWEROFF, a shell command, stands in for it (tests). */
#ifndef PSOAS_POWER_H
#define PSOAS_POWER_H

#include <stddef.h>

typedef enum PowerState {
    POWER_ASKING,  /* the request is on its way */
    POWER_GRANTED, /* accepted: the system is shutting down (a SIGTERM follows) */
    POWER_REFUSED  /* it failed; the reason is in the message */
} PowerState;

typedef struct PowerOff PowerOff;

/* Starts the request. Returns NULL after logging when no process could be
 * started (WHY gets the reason, for the screen). Free with power_free. */
PowerOff *power_off_start(char *why, size_t why_size);

/* Where the request stands, without waiting. When refused, WHY gets the
 * reason (the command's exit status or signal). */
PowerState power_off_poll(PowerOff *p, char *why, size_t why_size);

/* Forgets the request (a running one goes on; its exit is collected).
 * Accepts NULL. */
void power_free(PowerOff *p);

#endif
