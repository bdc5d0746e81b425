/* display.h — why no display opened, told honestly: a screen that is
 * there but held by another program (only one program at a time may drive
 * a DRM/KMS display, as its "master"), one this user may not open, or
 * none at all. Linux only; elsewhere it finds no DRM devices. */
#ifndef PSOAS_DISPLAY_H
#define PSOAS_DISPLAY_H

#include <stddef.h>

typedef enum DisplayProblem {
    DISPLAY_NONE_FOUND, /* no /dev/dri/card* at all */
    DISPLAY_BUSY,       /* a card is driven by another program */
    DISPLAY_DENIED,     /* a card exists but this user cannot open it */
    DISPLAY_FREE        /* a card is there and free: the cause is elsewhere */
} DisplayProblem;

/* Looks at the DRM cards and writes a one-line description of what it
 * found into OUT ("/dev/dri/card0 is in use by another program (psoas-coach,
 * pid 612)"); empty for DISPLAY_NONE_FOUND. */
DisplayProblem display_diagnose(char *out, size_t size);

#endif
