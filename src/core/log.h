/* log.h — the one logger: every message is "psoas-coach: TAG: text" on
 * stderr, so a user can grep one subsystem and tests can match one shape.
 * Pure libc: the core and the SDL shell share it. */
#ifndef PSOAS_LOG_H
#define PSOAS_LOG_H

#include <stdarg.h>

typedef enum LogLevel {
    LOG_INFO,  /* state changes and progress, only shown when enabled */
    LOG_WARN,  /* the environment degraded; the program carries on */
    LOG_ERROR  /* an operation failed; the caller decides what follows */
} LogLevel;

/* Shows or hides LOG_INFO lines (hidden by default). */
void log_set_verbose(int verbose);

/* Prints one line "psoas-coach: TAG: ..." to stderr. TAG names the
 * subsystem ("routine", "video", "audio"). A trailing newline in FMT is
 * not needed. */
void log_msg(LogLevel level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Also hands every printed line (without "psoas-coach: " and the newline)
 * to SINK, for tests that check what a session logs; NULL stops it. */
void log_set_sink(void (*sink)(LogLevel level, const char *tag, const char *text, void *user), void *user);

#endif
