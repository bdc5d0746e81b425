/* main.c — start-up: parse the command line, find the data, dispatch. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app.h"
#include "cli.h"
#include "datadir.h"

int main(int argc, char **argv)
{
    struct timespec started; /* for --bench: start to first frame */
    clock_gettime(CLOCK_MONOTONIC, &started);
    CliOptions o;
    int code = cli_parse(argc, argv, &o);
    if (code != 0)
        return code;
    if (o.mode == CLI_HELP) {
        cli_print_help();
        return 0;
    }
    if (o.mode == CLI_HISTORY)
        return cli_history();
    if (o.mode == CLI_VERSION) {
        printf("psoas-coach %s\n", PSOAS_VERSION);
        return 0;
    }
    char *data = datadir_find();
    if (!data)
        return 1;
    PoseLibrary *lib = cli_load_library(data);
    Routine *routine = NULL;
    code = 1;
    if (!lib)
        goto done;
    switch (o.mode) {
    case CLI_LIST: code = cli_list(data, lib); break;
    case CLI_CHECK: code = cli_check(o.files, o.file_count, lib); break;
    case CLI_PLAN: code = cli_plan(&o, data, lib); break;
    case CLI_VOICE_LINES: code = cli_voice_lines(data, o.files, o.file_count, lib); break;
    default:
        if (o.picker) {
            code = app_run(&o, data, lib, NULL);
            break;
        }
        routine = cli_routine(&o, data, lib);
        if (routine && !o.breathe && !o.make && !cli_scale(routine, o.routine, o.minutes, lib))
            break;
        if (routine && o.save) {
            code = cli_save(&o, routine, lib);
            break;
        }
        if (routine)
            code = o.mode == CLI_BENCH ? app_bench(&o, data, lib, routine, started.tv_sec * 1000000000LL + started.tv_nsec)
                   : o.snapshot ? app_snapshot(&o, data, lib, routine)
                   : o.sheet  ? app_sheet(&o, routine, lib)
                              : app_run(&o, data, lib, routine);
        break;
    }
done:
    routine_free(routine);
    poselib_free(lib);
    free(data);
    return code;
}
