/* cli.c — see cli.h. */
#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "diag.h"
#include "history.h"
#include "jsonread.h"
#include "speech.h"
#include "log.h"
#include "numarg.h"
#include "scale.h"
#include "timeline.h"

void cli_print_help(void)
{
    printf("Usage: psoas-coach [options] [ROUTINE]\n"
           "Guided practice for releasing the psoas: a figure to follow, a breath to pace.\n"
           "\n"
           "ROUTINE is an id from levels/ (file name without .json) or a path to a\n"
           "routine file. With no ROUTINE it opens on the routine picker; --snapshot\n"
           "and --sheet use " CLI_DEFAULT_ROUTINE ".\n"
           "\n"
           "  -l, --list            list the routines: id, title, length, steps; your\n"
           "                        own (in ~/.config/psoas-coach/levels) say so\n"
           "  -c, --check FILE...   validate routine files; exit 1 if any is invalid\n"
           "  -p, --plan ROUTINE    print the timeline of a routine, segment by segment\n"
           "                        (or of a breath practice: --plan --breathe box)\n"
           "      --minutes N       with a routine: play it N minutes long (holds, and\n"
           "                        reps when holds cannot, scale to within 5%%); with\n"
           "                        --breathe: the practice's length, 1 to 60 (default 5)\n"
           "      --breathe PATTERN a breath practice: calm, long-exhale, coherent, box,\n"
           "                        4-7-8, cyclic-sighing, find-your-pace, or seconds\n"
           "                        IN-HOLD-OUT-HOLD (4-7-8-0, 5.5-0-5.5-0; IN+TOPUP-...)\n"
           "      --posture ID      constructive-rest (the default), supine, seated or\n"
           "                        seated-floor\n"
           "      --ticks           with --breathe: a soft tick each second, falling\n"
           "                        in pitch through the exhale\n"
           "      --make            a practice made from the pose library for you: a new\n"
           "                        one each day (--minutes 5-60, default 20)\n"
           "      --focus FOCUS     with --make: desk, lunges, floor, yin, gentle or all\n"
           "      --avoid WHAT      with --make: kneeling, floor, balance, backbends\n"
           "                        (commas between)\n"
           "      --seed N          with --make: this practice instead of today's\n"
           "      --save FILE       with --make: write it as a routine file and exit\n"
           "  -w, --windowed        open a window instead of full screen\n"
           "      --theme NAME      dark (the default) or light\n"
           "      --history         print the practice history and exit\n"
           "      --voice-lines [FILE...]  print HASH<tab>TEXT for every line the\n"
           "                        routines speak (levels/ and FILEs), for\n"
           "                        tools/make-voice.sh\n"
           "      --breath-only     hear only the breath guide: no voice, bells or ticks\n"
           "      --log             print each change of state to stderr\n"
           "      --kiosk           for a machine that runs only Psoas Coach: Esc on\n"
           "                        the picker offers turning the machine off\n"
           "      --speed FACTOR    run the practice clock FACTOR times faster (0.1-1000)\n"
           "      --snapshot TIME   draw the moment TIME (seconds or m:ss) of the routine\n"
           "                        to the --out file and exit, no window\n"
           "      --out FILE.bmp    where --snapshot writes\n"
           "      --sheet FILE.bmp  draw a contact sheet: one labelled tile per step\n"
           "      --size WxH        the size for --snapshot, --sheet, --bench or the\n"
           "                        window (default 1280x720; --bench 1920x1080)\n"
           "      --bench SECONDS   draw SECONDS of the routine at 60 frames a second\n"
           "                        of a virtual clock, as fast as possible, with SDL's\n"
           "                        software renderer and no sound; print the CPU time\n"
           "                        per frame and the peak memory\n"
           "  -h, --help            show this help\n"
           "  -V, --version         show the version\n"
           "\n"
           "Keys: Space pause, Right/N next, Left/P previous, S switch side, Up/Down\n"
           "pace, M mute, +/- volume, F full screen, H help, Esc twice to leave.\n"
           "Data is found in $PSOAS_COACH_DATA, next to the program, in the source\n"
           "tree of a build not installed, or under its install prefix; voice clips\n"
           "in its assets/voice, or $PSOAS_VOICE_DIR.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "psoas-coach: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try --help)\n");
    return 2;
}

int cli_parse(int argc, char **argv, CliOptions *o)
{
    enum { OPT_LOG = 256, OPT_SPEED, OPT_SNAPSHOT, OPT_OUT, OPT_SHEET, OPT_SIZE, OPT_THEME, OPT_HISTORY, OPT_VOICE_LINES, OPT_BREATH_ONLY, OPT_BENCH, OPT_BREATHE, OPT_MINUTES, OPT_POSTURE, OPT_KIOSK, OPT_TICKS, OPT_MAKE, OPT_FOCUS, OPT_AVOID, OPT_SEED, OPT_SAVE };
    static const struct option longs[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"list", no_argument, NULL, 'l'},
        {"check", no_argument, NULL, 'c'},
        {"plan", required_argument, NULL, 'p'},
        {"windowed", no_argument, NULL, 'w'},
        {"log", no_argument, NULL, OPT_LOG},
        {"speed", required_argument, NULL, OPT_SPEED},
        {"snapshot", required_argument, NULL, OPT_SNAPSHOT},
        {"out", required_argument, NULL, OPT_OUT},
        {"sheet", required_argument, NULL, OPT_SHEET},
        {"size", required_argument, NULL, OPT_SIZE},
        {"theme", required_argument, NULL, OPT_THEME},
        {"history", no_argument, NULL, OPT_HISTORY},
        {"voice-lines", no_argument, NULL, OPT_VOICE_LINES},
        {"breath-only", no_argument, NULL, OPT_BREATH_ONLY},
        {"bench", required_argument, NULL, OPT_BENCH},
        {"breathe", required_argument, NULL, OPT_BREATHE},
        {"minutes", required_argument, NULL, OPT_MINUTES},
        {"posture", required_argument, NULL, OPT_POSTURE},
        {"ticks", no_argument, NULL, OPT_TICKS},
        {"make", no_argument, NULL, OPT_MAKE},
        {"focus", required_argument, NULL, OPT_FOCUS},
        {"avoid", required_argument, NULL, OPT_AVOID},
        {"seed", required_argument, NULL, OPT_SEED},
        {"save", required_argument, NULL, OPT_SAVE},
        {"kiosk", no_argument, NULL, OPT_KIOSK},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->speed = 1.0;
    o->breath = breathe_default_choice(BREATHE_CALM);
    bool posture = false, ticks = false, made_with = false, seeded = false;
    o->compose = (ComposeOptions){COMPOSE_DEFAULT_MINUTES, COMPOSE_FOCUS_ALL, 0, 0};
    opterr = 0;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, ":hVlcp:w", longs, NULL)) != -1) {
        switch (ch) {
        case 'h': o->mode = CLI_HELP; break;
        case 'V': o->mode = CLI_VERSION; break;
        case 'l': o->mode = CLI_LIST; break;
        case 'c': o->mode = CLI_CHECK; break;
        case 'p':
            o->mode = CLI_PLAN;
            o->routine = optarg;
            if (optarg[0] == '-' && optarg[1] && optarg == argv[optind - 1]) {
                o->routine = NULL; /* "--plan --breathe box": the option is read next */
                optind--;
            }
            break;
        case 'w': o->windowed = true; break;
        case OPT_LOG: o->log = true; break;
        case OPT_SPEED:
            if (!numarg_double(optarg, 0.1, 1000, &o->speed))
                return usage_error("--speed wants a number from 0.1 to 1000, got '%s'", optarg);
            break;
        case OPT_SNAPSHOT:
            o->snapshot = true;
            if (!numarg_time_ms(optarg, 24 * 3600.0, &o->at_ms))
                return usage_error("--snapshot wants a time in seconds or m:ss, got '%s'", optarg);
            break;
        case OPT_OUT: o->out = optarg; break;
        case OPT_THEME:
            if (strcmp(optarg, "dark") != 0 && strcmp(optarg, "light") != 0)
                return usage_error("--theme wants dark or light, got '%s'", optarg);
            o->theme = optarg;
            break;
        case OPT_HISTORY: o->mode = CLI_HISTORY; break;
        case OPT_VOICE_LINES: o->mode = CLI_VOICE_LINES; break;
        case OPT_BREATH_ONLY: o->breath_only = true; break;
        case OPT_KIOSK: o->kiosk = true; break;
        case OPT_BENCH:
            o->mode = CLI_BENCH;
            if (!numarg_double(optarg, 0, 24 * 3600.0, &o->bench_s) || o->bench_s <= 0)
                return usage_error("--bench wants seconds of practice, more than 0, got '%s'", optarg);
            break;
        case OPT_SHEET: o->sheet = optarg; break;
        case OPT_MINUTES: {
            long v;
            if (!numarg_int(optarg, SCALE_MIN_MINUTES, SCALE_MAX_MINUTES, &v))
                return usage_error("--minutes wants whole minutes from 1 to 180, got '%s'", optarg);
            o->minutes = (int)v;
            break;
        }
        case OPT_BREATHE:
            o->breathe_pace = strcmp(optarg, "find-your-pace") == 0;
            if (!o->breathe_pace && !breathe_parse_pattern(optarg, &o->breath))
                return usage_error("--breathe wants calm, long-exhale, coherent, box, 4-7-8, cyclic-sighing "
                                   "or seconds IN-HOLD-OUT-HOLD (in 1-20, holds 0-30, out 1-30, in half "
                                   "seconds; e.g. 4-7-8-0), got '%s'",
                                   optarg);
            o->breathe = true;
            break;
        case OPT_MAKE: o->make = true; break;
        case OPT_FOCUS:
            if (!compose_parse_focus(optarg, &o->compose.focus))
                return usage_error("--focus wants desk, lunges, floor, yin, gentle or all, got '%s'", optarg);
            made_with = true;
            break;
        case OPT_AVOID: {
            char bad[64];
            if (!compose_parse_avoid(optarg, &o->compose.avoid, bad, sizeof bad))
                return usage_error("--avoid wants kneeling, floor, balance or backbends (commas between), got '%s'",
                                   bad);
            made_with = true;
            break;
        }
        case OPT_SEED: {
            long v;
            if (!numarg_int(optarg, 0, 4294967295L, &v))
                return usage_error("--seed wants a whole number from 0 to 4294967295, got '%s'", optarg);
            o->compose.seed = (uint32_t)v;
            made_with = seeded = true;
            break;
        }
        case OPT_SAVE:
            o->save = optarg;
            made_with = true;
            break;
        case OPT_TICKS:
            o->breath.ticks = ticks = true;
            break;
        case OPT_POSTURE: {
            int p = breathe_find_posture(optarg);
            if (p < 0)
                return usage_error("--posture wants constructive-rest, supine, seated or seated-floor, got '%s'",
                                   optarg);
            o->breath.posture = (BreathePosture)p;
            posture = true;
            break;
        }
        case OPT_SIZE: {
            int w, h;
            if (!numarg_size(optarg, 16, 7680, 4320, &w, &h))
                return usage_error("--size wants WIDTHxHEIGHT from 16x16 to 7680x4320, got '%s'", optarg);
            o->width = w;
            o->height = h;
            break;
        }
        case ':': {
            const char *name = argv[optind - 1];
            return usage_error("option '%s' needs a value", name);
        }
        default: {
            const char *name = argv[optind - 1];
            return usage_error("unknown option '%s'", name);
        }
        }
    }
    int rest = argc - optind;
    if (posture && !o->breathe)
        return usage_error("%s", "--posture goes with --breathe PATTERN");
    if (ticks && !o->breathe)
        return usage_error("%s", "--ticks goes with --breathe PATTERN");
    if (made_with && !o->make)
        return usage_error("%s", "--focus, --avoid, --seed and --save go with --make");
    if (o->make) {
        if (o->breathe)
            return usage_error("%s", "--make and --breathe: choose one");
        if (o->minutes && (o->minutes < COMPOSE_MIN_MINUTES || o->minutes > COMPOSE_MAX_MINUTES)) {
            char got[16];
            snprintf(got, sizeof got, "%d", o->minutes);
            return usage_error("--minutes with --make wants a whole number from 5 to 60, got '%s'", got);
        }
        if (o->minutes)
            o->compose.minutes = o->minutes;
        if (!seeded) { /* a new practice each day, the same all day */
            time_t now = time(NULL);
            struct tm day;
            localtime_r(&now, &day);
            o->compose.seed = compose_seed_of_date(day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
        }
        if (o->mode != CLI_RUN && o->mode != CLI_PLAN && o->mode != CLI_BENCH)
            return usage_error("%s", "--make starts, plans or saves a made practice: leave out the other mode");
        if (argc - optind > 0 || (o->mode == CLI_PLAN && o->routine))
            return usage_error("unexpected argument '%s' (a routine or --make, not both)",
                               argc - optind > 0 ? argv[optind] : o->routine);
        compose_record_id(&o->compose, o->make_id, sizeof o->make_id);
        o->routine = o->make_id;
        o->picker = false;
    }
    if (o->breathe) {
        if (o->minutes > BREATHE_MAX_MINUTES) {
            char got[16];
            snprintf(got, sizeof got, "%d", o->minutes);
            return usage_error("--minutes with --breathe wants a whole number from 1 to 60, got '%s'", got);
        }
        if (o->minutes)
            o->breath.minutes = o->minutes;
        if (o->mode != CLI_RUN && o->mode != CLI_PLAN && o->mode != CLI_BENCH)
            return usage_error("%s", "--breathe starts or plans a breath practice: leave out the other mode");
        if (rest > 0 || (o->mode == CLI_PLAN && o->routine))
            return usage_error("unexpected argument '%s' (a routine or --breathe, not both)",
                               rest > 0 ? argv[optind] : o->routine);
        if (o->breathe_pace)
            snprintf(o->breathe_id, sizeof o->breathe_id, "breathe:find-your-pace");
        else
            breathe_id(&o->breath, o->breathe_id, sizeof o->breathe_id);
        o->routine = o->breathe_id;
    }
    if (o->mode == CLI_PLAN && !o->routine) {
        if (rest != 1)
            return usage_error("%s", "--plan needs a routine, or --breathe PATTERN");
        o->routine = argv[optind++];
        rest = 0;
    }
    if (o->mode == CLI_CHECK) {
        if (rest < 1)
            return usage_error("%s", "--check needs at least one file");
        o->files = argv + optind;
        o->file_count = rest;
        return 0;
    }
    if (o->mode == CLI_HELP || o->mode == CLI_VERSION)
        return 0;
    if (o->mode == CLI_VOICE_LINES) {
        o->files = argv + optind;
        o->file_count = rest;
        return 0;
    }
    if (o->minutes && o->mode != CLI_RUN && o->mode != CLI_PLAN && o->mode != CLI_BENCH)
        return usage_error("%s", "--minutes goes with a routine to play, --plan, --snapshot or --sheet");
    if (o->mode == CLI_LIST || o->mode == CLI_PLAN || o->mode == CLI_HISTORY) {
        if (rest > 0)
            return usage_error("unexpected argument '%s'", argv[optind]);
        return 0;
    }
    if (rest > 1)
        return usage_error("unexpected argument '%s' (one routine at a time)", argv[optind + 1]);
    if (o->snapshot && !o->out)
        return usage_error("%s", "--snapshot needs --out FILE.bmp");
    if (o->out && !o->snapshot)
        return usage_error("%s", "--out goes with --snapshot TIME");
    if (o->snapshot && o->sheet)
        return usage_error("%s", "--snapshot and --sheet: one at a time");
    if (o->mode == CLI_BENCH && (o->snapshot || o->sheet))
        return usage_error("%s", "--bench draws no file: leave out --snapshot and --sheet");
    o->picker = o->mode == CLI_RUN && rest == 0 && !o->snapshot && !o->sheet && !o->breathe && !o->make;
    if (o->picker && o->minutes)
        return usage_error("%s", "--minutes needs a routine: psoas-coach --minutes N ROUTINE");
    if (!o->breathe)
        o->routine = rest == 1 ? argv[optind] : CLI_DEFAULT_ROUTINE;
    return 0;
}

static void print_diag(const Diag *d)
{
    for (int i = 0; i < d->count; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    if (d->dropped)
        fprintf(stderr, "... and %d more problems\n", d->dropped);
}

PoseLibrary *cli_load_library(const char *data)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/assets/poses.json", data);
    Diag *d = calloc(1, sizeof *d);
    if (!d) {
        log_msg(LOG_ERROR, "data", "out of memory");
        return NULL;
    }
    PoseLibrary *lib = poselib_load(path, path, d);
    print_diag(d);
    free(d);
    return lib;
}

Routine *cli_load_routine(const char *data, const char *arg, const PoseLibrary *lib)
{
    char path[PATH_MAX];
    if (datadir_routine_path(data, arg, path, sizeof path) != 0) {
        fprintf(stderr, "psoas-coach: routine name too long: %.60s...\n", arg);
        return NULL;
    }
    Diag *d = calloc(1, sizeof *d);
    if (!d) {
        log_msg(LOG_ERROR, "data", "out of memory");
        return NULL;
    }
    bool is_id = strcmp(path, arg) != 0;
    char why[128];
    if (is_id && !routine_id_check(arg, why, sizeof why)) {
        char shown[DIAG_LINE_MAX / 2];
        jr_quote_whole(arg, shown, sizeof shown);
        fprintf(stderr, "psoas-coach: %s is not a routine id: %s\n", shown, why);
        free(d);
        return NULL;
    }
    Routine *r = routine_load(path, path, lib, d);
    if (!r && is_id && d->count == 1 && access(path, F_OK) != 0)
        fprintf(stderr, "psoas-coach: no routine called '%s' (psoas-coach --list shows them)\n", arg);
    else
        print_diag(d);
    free(d);
    return r;
}

int cli_save(const CliOptions *o, const Routine *r, const PoseLibrary *lib)
{
    char why[256];
    if (!compose_save(r, lib, o->save, why, sizeof why)) {
        fprintf(stderr, "psoas-coach: %s: %s\n", o->save, why);
        return 1;
    }
    printf("saved to %s (psoas-coach --check %s; put it in ~/.config/psoas-coach/levels/ to keep it)\n", o->save,
           o->save);
    return 0;
}

Routine *cli_routine(const CliOptions *o, const char *data, const PoseLibrary *lib)
{
    if (o->make) {
        char why[160];
        Routine *made = compose_make(lib, &o->compose, why, sizeof why);
        if (!made)
            fprintf(stderr, "psoas-coach: --make: %s\n", why);
        return made;
    }
    if (!o->breathe)
        return cli_load_routine(data, o->routine, lib);
    char err[160];
    Routine *r = o->breathe_pace ? breathe_pace_routine(o->breath.posture, lib, err, sizeof err)
                                 : breathe_routine(&o->breath, lib, err, sizeof err);
    if (!r)
        fprintf(stderr, "psoas-coach: --breathe: %s\n", err);
    else
        r->pace_ticks = o->breath.ticks;
    return r;
}

void cli_format_ms(int64_t ms, bool tenths, char *out, int size)
{
    if (!tenths)
        ms = (ms + 500) / 1000 * 1000;
    int64_t s = ms / 1000;
    int tenth = (int)(ms % 1000 / 100);
    int64_t h = s / 3600, m = s / 60 % 60, sec = s % 60;
    int w = h > 0 ? snprintf(out, (size_t)size, "%lld:%02lld:%02lld", (long long)h, (long long)m, (long long)sec)
                  : snprintf(out, (size_t)size, "%lld:%02lld", (long long)(s / 60), (long long)sec);
    if (tenths && ms % 1000 != 0 && w > 0 && w < size)
        snprintf(out + w, (size_t)(size - w), ".%d", tenth);
}

/* Prints S and spaces to fill WIDTH characters (UTF-8 counted as
 * characters, as a terminal shows them). */
static void print_padded(const char *s, size_t width)
{
    size_t w = jr_utf8_length(s);
    printf("%s%*s", s, (int)(width > w ? width - w : 0), "");
}

int cli_list(const char *data, const PoseLibrary *lib)
{
    DatadirRoutine *list;
    int n = datadir_routines(data, &list);
    if (n < 0) {
        fprintf(stderr, "%s/levels: cannot open the routines folder\n", data);
        return 1;
    }
    /* Every routine is loaded first (its problems on stderr), so the
     * table's columns fit the longest id and title. */
    Routine **loaded = calloc((size_t)n + 1, sizeof *loaded);
    if (!loaded) {
        datadir_free_routines(list, n);
        log_msg(LOG_ERROR, "data", "out of memory");
        return 1;
    }
    size_t id_w = 20, title_w = 32;
    for (int i = 0; i < n; i++) {
        loaded[i] = cli_load_routine(data, list[i].path, lib);
        if (loaded[i]) {
            size_t w = jr_utf8_length(list[i].id), t = jr_utf8_length(loaded[i]->title);
            id_w = w > id_w ? w : id_w;
            title_w = t > title_w ? t : title_w;
        }
    }
    for (int i = 0; i < n; i++) {
        Routine *r = loaded[i];
        if (!r)
            continue;
        char len[32];
        cli_format_ms(timeline_plan(r, lib, NULL, NULL), false, len, sizeof len);
        print_padded(list[i].id, id_w);
        putchar(' ');
        print_padded(r->title, title_w);
        printf(" %8s %3d steps%s\n", len, r->step_count, list[i].user ? "  (yours)" : "");
        routine_free(r);
    }
    free(loaded);
    datadir_free_routines(list, n);
    return 0;
}

int cli_check(char **files, int count, const PoseLibrary *lib)
{
    int bad = 0;
    Diag *d = calloc(1, sizeof *d);
    if (!d) {
        log_msg(LOG_ERROR, "data", "out of memory");
        return 1;
    }
    for (int i = 0; i < count; i++) {
        diag_clear(d);
        Routine *r = routine_load(files[i], files[i], lib, d);
        if (r) {
            printf("%s: ok\n", files[i]);
            routine_free(r);
        } else {
            print_diag(d);
            bad++;
        }
    }
    free(d);
    return bad ? 1 : 0;
}

typedef struct PlanCtx {
    const Routine *routine;   /* the routine being printed */
    const PoseLibrary *lib;   /* its poses */
} PlanCtx;

static void plan_row(const TimelinePlanRow *r, void *user)
{
    const PlanCtx *p = user;
    char start[32], len[32], breath[48], pose[96];
    cli_format_ms(r->start_ms, true, start, sizeof start);
    cli_format_ms(r->length_ms, true, len, sizeof len);
    breath_format(r->breath, breath, sizeof breath);
    if (r->segment == TL_SEG_OUTRO) {
        snprintf(pose, sizeof pose, "-");
    } else if (r->segment == TL_SEG_INTRO) {
        snprintf(pose, sizeof pose, "%s", p->lib->poses[r->pose].name);
    } else {
        const RoutineStep *st = &p->routine->steps[r->step];
        if (st->reps > 1)
            snprintf(pose, sizeof pose, "%s (%d/%d)", st->name, r->rep + 1, st->reps);
        else
            snprintf(pose, sizeof pose, "%s", st->name);
    }
    printf("%7s %7s  %-10s  %-34s %-5s  %s\n", start, len, timeline_segment_name(r->segment), pose,
           routine_side_name(r->side), breath);
}

bool cli_scale(Routine *r, const char *arg, int minutes, const PoseLibrary *lib)
{
    if (minutes <= 0 || scale_routine(r, lib, minutes))
        return true;
    int choices[SCALE_MAX_CHOICES];
    int n = scale_choices(r, lib, choices, SCALE_MAX_CHOICES);
    char list[160] = "";
    size_t used = 0;
    for (int i = 0; i < n && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%d", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                                 choices[i]);
    char own[32];
    cli_format_ms(timeline_plan(r, lib, NULL, NULL), false, own, sizeof own);
    if (n > 0)
        fprintf(stderr, "psoas-coach: %s cannot be made %d minutes long; it offers %s minutes (as written: %s)\n", arg,
                minutes, list, own);
    else
        fprintf(stderr, "psoas-coach: %s cannot be made %d minutes long; it plays as written (%s)\n", arg, minutes,
                own);
    return false;
}

int cli_plan(const CliOptions *o, const char *data, const PoseLibrary *lib)
{
    Routine *r = cli_routine(o, data, lib);
    if (!r)
        return 1;
    if (!o->breathe && !o->make && !cli_scale(r, o->routine, o->minutes, lib)) {
        routine_free(r);
        return 1;
    }
    printf("%s\n", r->title);
    if (o->breathe_pace) {
        printf("%s, %s: paces of %s, then %s ... %s; choose the easiest at the end\n", r->steps[0].name,
               lib->poses[r->steps[0].pose].name, "even breaths", r->steps[1].name, r->steps[r->step_count - 1].name);
    } else if (o->breathe) {
        char pat[48], ease[32];
        breath_format(r->breath, pat, sizeof pat);
        cli_format_ms(r->ease_ms, false, ease, sizeof ease);
        printf("%d min, %s, breath %s s, %s%s\n", o->breath.minutes, lib->poses[r->steps[0].pose].name, pat,
               r->ease_ms ? "eased in: 1.3 times quicker at first, the pattern from " : "not eased in",
               r->ease_ms ? ease : "");
    }
    printf("%7s %7s  %-10s  %-34s %-5s  %s\n", "start", "length", "segment", "pose", "side",
           "breath (in-hold-out-hold s)");
    PlanCtx ctx = {r, lib};
    int64_t total = timeline_plan(r, lib, plan_row, &ctx);
    char t[32];
    cli_format_ms(total, false, t, sizeof t);
    printf("total: %s\n", t);
    routine_free(r);
    return 0;
}

int cli_history(void)
{
    char path[PATH_MAX];
    if (history_default_path(path, sizeof path) != 0) {
        log_msg(LOG_ERROR, "history", "no home folder ($HOME unset): there is no history");
        return 1;
    }
    History *h = history_load(path);
    if (!h) {
        log_msg(LOG_ERROR, "history", "out of memory");
        return 1;
    }
    int y = 1970, m = 1, d = 1;
    history_today(time(NULL), &y, &m, &d);
    history_print(stdout, h, path, y, m, d);
    history_free(h);
    return 0;
}

typedef struct VoiceLines {
    char (*hashes)[SPEECH_HASH_CHARS]; /* seen so far */
    int count, cap;
    bool failed;                        /* out of memory */
} VoiceLines;

static void voice_line(const char *text, void *user)
{
    VoiceLines *v = user;
    char h[SPEECH_HASH_CHARS];
    speech_hash(text, h);
    for (int i = 0; i < v->count; i++)
        if (!strcmp(v->hashes[i], h))
            return;
    if (v->count == v->cap) {
        int cap = v->cap ? v->cap * 2 : 256;
        void *p = realloc(v->hashes, (size_t)cap * sizeof *v->hashes);
        if (!p) {
            v->failed = true;
            return;
        }
        v->hashes = p;
        v->cap = cap;
    }
    memcpy(v->hashes[v->count++], h, SPEECH_HASH_CHARS);
    printf("%s\t%s\n", h, text);
}

int cli_voice_lines(const char *data, char **files, int count, const PoseLibrary *lib)
{
    VoiceLines v = {0};
    int bad = 0;
    char **ids;
    int n = datadir_routine_ids(data, &ids);
    for (int i = 0; i < n; i++) {
        Routine *r = cli_load_routine(data, ids[i], lib);
        if (r)
            speech_each_line(r, lib, voice_line, &v);
        else
            bad++;
        routine_free(r);
    }
    datadir_free_ids(ids, n);
    breathe_each_line(lib, voice_line, &v);
    speech_each_pose_line(lib, voice_line, &v); /* what a made practice may say */
    for (int i = 0; i < count; i++) {
        Routine *r = cli_load_routine(data, files[i], lib);
        if (r)
            speech_each_line(r, lib, voice_line, &v);
        else
            bad++;
        routine_free(r);
    }
    free(v.hashes);
    if (v.failed)
        log_msg(LOG_ERROR, "voice", "out of memory");
    return bad || v.failed ? 1 : 0;
}
