/* numarg.c — see numarg.h. The characters are checked before strtol or
 * strtod sees them, as those accept signs, spaces, hex and "inf". */
#include "numarg.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The length of the run of decimal digits at S. */
static size_t digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

bool numarg_int(const char *s, long lo, long hi, long *out)
{
    size_t n = digits(s);
    if (n == 0 || s[n] != '\0')
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* Whether S is digits with at most one '.' among them, and at least one digit. */
static bool is_decimal(const char *s)
{
    size_t whole = digits(s), frac = 0;
    const char *p = s + whole;
    if (*p == '.') {
        frac = digits(p + 1);
        p += 1 + frac;
    }
    return *p == '\0' && whole + frac > 0;
}

bool numarg_double(const char *s, double lo, double hi, double *out)
{
    if (!is_decimal(s))
        return false;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (errno == ERANGE || *end || !isfinite(v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool numarg_size(const char *s, long lo, long w_hi, long h_hi, int *w, int *h)
{
    size_t n = digits(s);
    if (n == 0 || n > 18 || (s[n] != 'x' && s[n] != 'X'))
        return false;
    char first[24];
    memcpy(first, s, n);
    first[n] = '\0';
    long a, b;
    if (!numarg_int(first, lo, w_hi, &a) || !numarg_int(s + n + 1, lo, h_hi, &b))
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

bool numarg_time_ms(const char *s, double max_s, int64_t *ms)
{
    const char *colon = strchr(s, ':');
    double seconds;
    if (colon) {
        size_t n = (size_t)(colon - s);
        char minutes[24];
        long m;
        double sec;
        if (n == 0 || n >= sizeof minutes)
            return false;
        memcpy(minutes, s, n);
        minutes[n] = '\0';
        if (!numarg_int(minutes, 0, (long)(max_s / 60.0), &m) || !numarg_double(colon + 1, 0, 60, &sec) ||
            sec >= 60)
            return false;
        seconds = (double)m * 60.0 + sec;
    } else if (!numarg_double(s, 0, max_s, &seconds)) {
        return false;
    }
    if (seconds > max_s)
        return false;
    *ms = (int64_t)(seconds * 1000.0 + 0.5);
    return true;
}
