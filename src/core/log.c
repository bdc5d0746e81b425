/* log.c — see log.h. Kept tiny on purpose: one format, one stream. */
#include "log.h"

#include <stdio.h>

typedef struct LogState {
    int verbose;                                                  /* show LOG_INFO */
    void (*sink)(LogLevel, const char *, const char *, void *);   /* a test's copy, or NULL */
    void *user;                                                   /* for SINK */
} LogState;

static LogState log_state;

void log_set_verbose(int verbose) { log_state.verbose = verbose; }

void log_set_sink(void (*sink)(LogLevel level, const char *tag, const char *text, void *user), void *user)
{
    log_state.sink = sink;
    log_state.user = user;
}

void log_msg(LogLevel level, const char *tag, const char *fmt, ...)
{
    if (level == LOG_INFO && !log_state.verbose)
        return;
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "psoas-coach: %s: %s\n", tag, text);
    if (log_state.sink)
        log_state.sink(level, tag, text, log_state.user);
}
