/* test_datafiles.c — the files the app finds for itself, as a user's
 * folders hold them: a routines folder of thousands of files with broken
 * ones, odd names and a FIFO among them, every one considered and the
 * picker reaching the last; and the data folder of an uninstalled build
 * found from anywhere. The real app, headless (SDL's offscreen driver). */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <SDL.h>

#include "app.h"
#include "cli.h"
#include "datadir.h"
#include "history.h"
#include "log.h"
#include "screens.h"

enum {
    MINE = 3000,   /* good routines of the user's */
    BROKEN = 20,   /* routines that do not load */
    LOG_CAP = 1 << 20,
    FRAME_MS = 50
};

typedef struct Fixture {
    char dir[64];       /* the test's folder: config/ and state/ */
    char levels[128];   /* the user's routines folder */
    char log[LOG_CAP];  /* every line logged */
    size_t log_len;
} Fixture;

static void sink(LogLevel level, const char *tag, const char *text, void *user)
{
    (void)level;
    Fixture *f = user;
    int n = snprintf(f->log + f->log_len, LOG_CAP - f->log_len, "%s: %s\n", tag, text);
    if (n > 0 && f->log_len + (size_t)n < LOG_CAP)
        f->log_len += (size_t)n;
}

static int lines_with(const Fixture *f, const char *s)
{
    int n = 0;
    for (const char *p = f->log; (p = strstr(p, s)); p += strlen(s))
        n++;
    return n;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/psoas-files-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/config", f->dir);
    setenv("XDG_CONFIG_HOME", path, 1);
    snprintf(path, sizeof path, "%s/state", f->dir);
    setenv("XDG_STATE_HOME", path, 1);
    snprintf(f->levels, sizeof f->levels, "%s/config/psoas-coach/levels", f->dir);
    snprintf(path, sizeof path, "mkdir -p '%s'", f->levels);
    assert_int_equal(system(path), 0);
    log_set_sink(sink, f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    log_set_sink(NULL, NULL);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", f->dir);
    free(f);
    return 0;
}

static void press(App *a, int64_t *now, SDL_Scancode sc)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
    assert_int_equal(SDL_PushEvent(&e), 1);
    *now += FRAME_MS;
    assert_true(app_frame(a, *now));
}

/* 3000 routines of the user's, 20 broken, four names that cannot be ids
 * and a FIFO: every good one listed in id order with the shipped ones,
 * each bad one named once, nothing waits on the FIFO, and the picker goes
 * down to the very last. */
static void test_thousands_of_routines(void **state)
{
    Fixture *f = *state;
    char name[96], text[160];
    for (int i = 1; i <= MINE; i++) {
        snprintf(name, sizeof name, "zz-%04d.json", i);
        snprintf(text, sizeof text, "{\"title\": \"Mine %04d\", \"steps\": [{\"pose\": \"seated\", \"seconds\": 20}]}", i);
        write_file(f->levels, name, text);
    }
    for (int i = 1; i <= BROKEN; i++) {
        snprintf(name, sizeof name, "broken-%02d.json", i);
        write_file(f->levels, name, "{\"title\": ");
    }
    const char *odd[] = {"tab\there.json", "new\nline.json", "bad\xFF.json",
                         "a-name-of-seventy-bytes-is-longer-than-any-history-record-holds-xx.json"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        write_file(f->levels, odd[i], "{\"title\": \"Odd\", \"steps\": [{\"pose\": \"seated\", \"seconds\": 20}]}");
    char fifo[PATH_MAX];
    snprintf(fifo, sizeof fifo, "%s/fifo.json", f->levels);
    assert_int_equal(mkfifo(fifo, 0600), 0);

    PoseLibrary *lib = cli_load_library(PSOAS_SOURCE_DIR);
    assert_non_null(lib);
    char **shipped;
    int n_shipped = datadir_routine_ids(PSOAS_SOURCE_DIR, &shipped);
    assert_true(n_shipped >= 5);
    CliOptions o = {.windowed = true, .log = true, .speed = 1.0, .picker = true, .width = 320, .height = 180};
    alarm(120); /* a wait on the FIFO ends the test as failed */
    int64_t now = 1000;
    App *a = app_create(&o, PSOAS_SOURCE_DIR, lib, NULL, now);
    assert_non_null(a);
    alarm(0);

    int n = app_routine_count(a);
    assert_int_equal(n, MINE + n_shipped);
    const char *prev = "";
    for (int i = 0; i < n; i++) {
        const char *id;
        assert_non_null(app_routine(a, i, &id, NULL));
        assert_true(strcmp(prev, id) < 0); /* sorted, each once */
        prev = id;
    }
    for (int k = 0; k < n_shipped; k++) {
        int found = 0;
        for (int i = 0; i < n; i++) {
            const char *id;
            app_routine(a, i, &id, NULL);
            found += strcmp(id, shipped[k]) == 0;
        }
        if (found != 1)
            fail_msg("shipped routine %s listed %d times", shipped[k], found);
    }
    for (int i = 1; i <= BROKEN; i++) {
        snprintf(name, sizeof name, "/broken-%02d.json:1:11: syntax error", i);
        if (lines_with(f, name) != 1)
            fail_msg("%s: %d lines", name, lines_with(f, name));
    }
    assert_int_equal(lines_with(f, "fifo.json: not a regular file"), 1);
    assert_int_equal(lines_with(f, "\"tab\\u0009here.json\": left out: control character U+0009"), 1);
    assert_int_equal(lines_with(f, "\"new\\u000aline.json\": left out: control character U+000A"), 1);
    assert_int_equal(lines_with(f, "\"bad\\xff.json\": left out: byte 0xff at byte 4 is not UTF-8"), 1);
    assert_int_equal(lines_with(f, "left out: the name is 66 bytes; at most 63 fit in the history"), 1);

    /* The picker opens on desk-release and goes down, one row a press,
     * through every routine to the last. */
    now += 500;
    assert_true(app_frame(a, now));
    assert_string_equal(app_screen_name(a), "picker");
    const char *id;
    app_routine(a, app_routine_default(a), &id, NULL);
    assert_string_equal(id, "desk-release");
    for (int i = app_routine_default(a); i < n - 1; i++)
        press(a, &now, SDL_SCANCODE_DOWN);
    press(a, &now, SDL_SCANCODE_RETURN);
    for (int i = 0; i < 20; i++)
        app_frame(a, now += FRAME_MS);
    assert_string_equal(app_screen_name(a), "session");
    assert_int_equal(lines_with(f, "started Mine 3000"), 1);
    app_destroy(a);
    datadir_free_ids(shipped, n_shipped);
    poselib_free(lib);
}

/* Runs a session of the routine at ARG (as typed on the command line)
 * for a few seconds, closes the window, and returns the name the history
 * recorded it under (static; "" when none). */
static const char *recorded_as(Fixture *f, const PoseLibrary *lib, const char *arg)
{
    Routine *r = cli_load_routine(PSOAS_SOURCE_DIR, arg, lib);
    assert_non_null(r);
    CliOptions o = {.windowed = true, .log = true, .speed = 1.0, .routine = arg, .width = 320, .height = 180};
    int64_t now = 1000;
    App *a = app_create(&o, PSOAS_SOURCE_DIR, lib, r, now);
    assert_non_null(a);
    for (int i = 0; i < 100; i++)
        app_frame(a, now += FRAME_MS);
    SDL_Event e = {.type = SDL_QUIT};
    SDL_PushEvent(&e);
    assert_false(app_frame(a, now += FRAME_MS));
    app_destroy(a);
    routine_free(r);
    static char name[HISTORY_ROUTINE_SIZE];
    name[0] = '\0';
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/state/psoas-coach/history.jsonl", f->dir);
    History *h = history_load(path);
    assert_non_null(h);
    if (history_count(h) > 0)
        snprintf(name, sizeof name, "%s", history_get(h, history_count(h) - 1)->routine);
    history_free(h);
    return name;
}

/* A routine given by path is recorded under its id when it is a file of
 * the routine folders, else under its absolute path, or a short form with
 * a hash when that does not fit: two files never share a record, however
 * long their common start. */
static void test_record_names_of_files(void **state)
{
    Fixture *f = *state;
    PoseLibrary *lib = cli_load_library(PSOAS_SOURCE_DIR);
    assert_non_null(lib);
    assert_string_equal(recorded_as(f, lib, PSOAS_SOURCE_DIR "/levels/one-move.json"), "one-move");
    assert_string_equal(recorded_as(f, lib, "desk-release"), "desk-release");
    char dir[256], a[300], b[300], cmd[2000];
    snprintf(dir, sizeof dir, "%s/a-folder-with-a-name-long-enough-that-no-record-holds-the-path", f->dir);
    snprintf(a, sizeof a, "%s/evening-one.json", dir);
    snprintf(b, sizeof b, "%s/evening-two.json", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s/levels/desk-release.json' '%s' && cp '%s' '%s'", dir,
             PSOAS_SOURCE_DIR, a, a, b);
    assert_int_equal(system(cmd), 0);
    char name_a[HISTORY_ROUTINE_SIZE], name_b[HISTORY_ROUTINE_SIZE], want[ROUTINE_ID_MAX + 1];
    snprintf(name_a, sizeof name_a, "%s", recorded_as(f, lib, a));
    snprintf(name_b, sizeof name_b, "%s", recorded_as(f, lib, b));
    char *real = realpath(a, NULL);
    routine_record_name(real, want);
    free(real);
    assert_string_equal(name_a, want);
    assert_true(strcmp(name_a, name_b) != 0);
    assert_non_null(strstr(name_b, "evening-two.json~"));
    /* short enough: the absolute path itself */
    snprintf(a, sizeof a, "%s/e.json", f->dir);
    snprintf(cmd, sizeof cmd, "cp '%s/levels/desk-release.json' '%s'", PSOAS_SOURCE_DIR, a);
    assert_int_equal(system(cmd), 0);
    real = realpath(a, NULL);
    assert_true(strlen(real) <= ROUTINE_ID_MAX);
    assert_string_equal(recorded_as(f, lib, a), real);
    free(real);
    poselib_free(lib);
}

/* This program is not installed and lives in its build's tests/ folder,
 * where nothing next to it or one level up holds data: the source tree
 * it was configured from is found, from any working folder; and
 * PSOAS_COACH_DATA still comes first. */
static void test_data_of_the_source_tree(void **state)
{
    Fixture *f = *state;
    assert_int_equal(chdir("/"), 0);
    unsetenv("PSOAS_COACH_DATA");
    char *data = datadir_find();
    assert_non_null(data);
    char *want = realpath(PSOAS_SOURCE_DIR, NULL), *got = realpath(data, NULL);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(data);
    free(got);
    /* a copy of the data elsewhere, named */
    char cmd[PATH_MAX * 2];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/copy/assets' && cp '%s/assets/poses.json' '%s/copy/assets/'", f->dir,
             PSOAS_SOURCE_DIR, f->dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/copy", f->dir);
    setenv("PSOAS_COACH_DATA", cmd, 1);
    data = datadir_find();
    assert_non_null(data);
    assert_string_equal(data, cmd);
    free(data);
    free(want);
    unsetenv("PSOAS_COACH_DATA");
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_thousands_of_routines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record_names_of_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_of_the_source_tree, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
