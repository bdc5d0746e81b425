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

/* How many frames the program must present after its window is made,
 * resized or put in or out of full screen before its picture is sure to
 * be on the display, on SDL video DRIVER (SDL_GetCurrentVideoDriver; NULL
 * when none). SDL 2's KMSDRM driver (the console, no desktop) makes its
 * display buffers again inside the first present after such a change,
 * after the frame was drawn into the old ones, and shows a new, empty
 * buffer: a black screen until something presents again. 2 there, 1
 * elsewhere. */
int display_presents_to_show(const char *driver);

#endif
