/* log.c — see log.h. Kept tiny on purpose: one format, one stream. */
#include "log.h"

#include <stdio.h>

static int log_verbose;

void log_set_verbose(int verbose) { log_verbose = verbose; }

void log_msg(LogLevel level, const char *tag, const char *fmt, ...)
{
    if (level == LOG_INFO && !log_verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "psoas-coach: %s: ", tag);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
