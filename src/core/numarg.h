/* numarg.h — numbers typed on the command line, read strictly: plain
 * decimal digits only (no sign, spaces, hex, exponents, "inf" or "nan"),
 * the whole argument used, and the value in range before anything is
 * converted to a narrower type, so "4294967312" is refused rather than
 * wrapped to 16. Each returns false on any of these; the caller prints
 * its one-line usage error. */
#ifndef PSOAS_NUMARG_H
#define PSOAS_NUMARG_H

#include <stdbool.h>
#include <stdint.h>

/* A whole number "123" within [LO, HI] into *OUT. */
bool numarg_int(const char *s, long lo, long hi, long *out);

/* A decimal "12", "12.5", ".5" or "12." within [LO, HI] into *OUT. */
bool numarg_double(const char *s, double lo, double hi, double *out);

/* "WIDTHxHEIGHT" (x or X), each a whole number within [LO, W_HI] and
 * [LO, H_HI], into *W and *H. */
bool numarg_size(const char *s, long lo, long w_hi, long h_hi, int *w, int *h);

/* A moment "90", "90.5", "1:30" or "1:30.5" (whole minutes, seconds below
 * 60 after a colon), at most MAX_S seconds, into *MS rounded to the ms. */
bool numarg_time_ms(const char *s, double max_s, int64_t *ms);

#endif
