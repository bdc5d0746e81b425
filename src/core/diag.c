/* diag.c — see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_clear(Diag *d)
{
    d->count = 0;
    d->dropped = 0;
}

void diag_add(Diag *d, const char *fmt, ...)
{
    if (d->count >= DIAG_MAX_LINES) {
        d->dropped++;
        return;
    }
    char *line = d->lines[d->count++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, DIAG_LINE_MAX, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
}

int diag_total(const Diag *d) { return d->count + d->dropped; }
