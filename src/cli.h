/* cli.h — the command line: options, and the modes that print and exit
 * (--list, --check, --plan). Nothing here touches SDL. */
#ifndef PSOAS_CLI_H
#define PSOAS_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "breathe.h"
#include "compose.h"
#include "poselib.h"
#include "routine.h"

#define CLI_DEFAULT_ROUTINE "desk-release"

typedef enum CliMode { CLI_RUN, CLI_HELP, CLI_VERSION, CLI_LIST, CLI_CHECK, CLI_PLAN, CLI_HISTORY, CLI_VOICE_LINES, CLI_BENCH } CliMode;

typedef struct CliOptions {
    CliMode mode;          /* what to do */
    const char *routine;   /* routine id or path (run, plan); NULL: the picker */
    bool picker;           /* no routine named: start at the picker */
    const char *theme;     /* --theme: "dark" (default) or "light" */
    char **files;          /* --check: the files */
    int file_count;
    bool windowed;         /* --windowed: a window instead of full screen */
    bool log;              /* --log: state changes on stderr */
    bool breath_only;      /* --breath-only: the breath guide without voice, bells or ticks */
    bool kiosk;            /* --kiosk: Esc on the picker offers turning the machine off */
    double speed;          /* --speed: practice clock rate (1 = real time) */
    bool snapshot;         /* --snapshot TIME: render one frame and exit */
    int64_t at_ms;         /* the moment to snapshot */
    const char *out;       /* --out FILE.bmp: where the snapshot goes */
    const char *sheet;     /* --sheet FILE.bmp: a contact sheet of the routine */
    int width, height;     /* --size WxH (0: the default) */
    double bench_s;        /* --bench SECONDS: practice time to render */
    int minutes;           /* --minutes N: the routine scaled to N minutes (0: as written); with --breathe
                              the practice's length */
    bool breathe;          /* --breathe PATTERN: a breath practice instead of a routine */
    bool breathe_pace;     /* --breathe find-your-pace */
    BreatheChoice breath;  /* with breathe: the pattern, --minutes and --posture */
    char breathe_id[BREATHE_ID_CHARS]; /* with breathe: its id for the history */
    bool make;             /* --make: a practice made from the pose library */
    ComposeOptions compose; /* with make: --minutes, --focus, --avoid, --seed (default: today) */
    char make_id[64];      /* with make: its id for the history ("made-FOCUS-MINUTES") */
    const char *save;      /* --save FILE: write the made practice as a routine file */
} CliOptions;

/* Parses ARGV. Returns 0, or 2 after printing a one-line usage error. */
int cli_parse(int argc, char **argv, CliOptions *o);

void cli_print_help(void);

/* Loads DATA/assets/poses.json, printing problems to stderr. */
PoseLibrary *cli_load_library(const char *data);

/* Loads routine ARG (id or path), printing problems to stderr. */
Routine *cli_load_routine(const char *data, const char *arg, const PoseLibrary *lib);

/* The routine O asks for: the breath practice of --breathe, or the
 * routine O->routine; NULL after printing the problem. */
Routine *cli_routine(const CliOptions *o, const char *data, const PoseLibrary *lib);

/* The printing modes; each returns the process exit code. */
int cli_list(const char *data, const PoseLibrary *lib);
int cli_check(char **files, int count, const PoseLibrary *lib);
/* --save: writes the made practice R to the --save file; the exit code. */
int cli_save(const CliOptions *o, const Routine *r, const PoseLibrary *lib);
int cli_plan(const CliOptions *o, const char *data, const PoseLibrary *lib);

/* Scales R (named ARG) to MINUTES, or prints one line saying which lengths
 * it offers and returns false (R unchanged). MINUTES 0: nothing to do. */
bool cli_scale(Routine *r, const char *arg, int minutes, const PoseLibrary *lib);
int cli_history(void);
int cli_voice_lines(const char *data, char **files, int count, const PoseLibrary *lib);

/* Writes MS as m:ss (or h:mm:ss), with tenths when not whole seconds. */
void cli_format_ms(int64_t ms, bool tenths, char *out, int size);

#endif
