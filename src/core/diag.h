/* diag.h — one-line diagnostics gathered while a data file is loaded.
 *
 * Loaders report every problem they find, not just the first, so a teacher
 * fixing a routine sees the whole list at once. Each line already names the
 * file and the place ("levels/x.json: $.steps[2].seconds: ..." or
 * "levels/x.json:3:17: syntax error: ..."). Capacity is fixed; lines past it
 * are counted, not stored. */
#ifndef PSOAS_DIAG_H
#define PSOAS_DIAG_H

#include <stddef.h>

enum {
    DIAG_MAX_LINES = 64,  /* lines kept per Diag; more are only counted */
    DIAG_LINE_MAX = 400   /* bytes per line, including the NUL */
};

typedef struct Diag {
    char lines[DIAG_MAX_LINES][DIAG_LINE_MAX]; /* the stored lines */
    int count;                                 /* lines stored */
    int dropped;                               /* lines beyond capacity */
} Diag;

/* Empties D. */
void diag_clear(Diag *d);

/* Appends one formatted line (truncated to DIAG_LINE_MAX - 1 bytes; a
 * newline in the result is replaced by a space so a line stays a line). */
void diag_add(Diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Total number of problems reported, stored or dropped. */
int diag_total(const Diag *d);

#endif
