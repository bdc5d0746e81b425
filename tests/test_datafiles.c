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

#include "datadir.h"
#include "harness.h"
#include "history.h"
#include "screens.h"

enum {
    MINE = 3000,   /* good routines of the user's */
    BROKEN = 20    /* routines that do not load */
};

/* NAME in the folder DIR holds TEXT. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    harness_write_file(path, text);
}

/* 3000 routines of the user's, 20 broken, four names that cannot be ids
 * and a FIFO: every good one listed in id order with the shipped ones,
 * each bad one named once, nothing waits on the FIFO, and the picker goes
 * down to the very last. */
static void test_thousands_of_routines(void **state)
{
    Harness *h = *state;
    const char *levels = harness_levels(h);
    char name[96], text[160];
    for (int i = 1; i <= MINE; i++) {
        snprintf(name, sizeof name, "zz-%04d.json", i);
        snprintf(text, sizeof text, "{\"title\": \"Mine %04d\", \"steps\": [{\"pose\": \"seated\", \"seconds\": 20}]}", i);
        write_file(levels, name, text);
    }
    for (int i = 1; i <= BROKEN; i++) {
        snprintf(name, sizeof name, "broken-%02d.json", i);
        write_file(levels, name, "{\"title\": ");
    }
    const char *odd[] = {"tab\there.json", "new\nline.json", "bad\xFF.json",
                         "a-name-of-seventy-bytes-is-longer-than-any-history-record-holds-xx.json"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        write_file(levels, odd[i], "{\"title\": \"Odd\", \"steps\": [{\"pose\": \"seated\", \"seconds\": 20}]}");
    char fifo[PATH_MAX];
    snprintf(fifo, sizeof fifo, "%s/fifo.json", levels);
    assert_int_equal(mkfifo(fifo, 0600), 0);

    char **shipped;
    int n_shipped = datadir_routine_ids(PSOAS_SOURCE_DIR, &shipped);
    assert_true(n_shipped >= 5);
    alarm(120); /* a wait on the FIFO ends the test as failed */
    harness_start(h, NULL);
    alarm(0);
    App *a = h->app;

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
        if (harness_logged(h, name) != 1)
            fail_msg("%s: %d lines", name, harness_logged(h, name));
    }
    assert_int_equal(harness_logged(h, "fifo.json: not a regular file"), 1);
    assert_int_equal(harness_logged(h, "\"tab\\u0009here.json\": left out: control character U+0009"), 1);
    assert_int_equal(harness_logged(h, "\"new\\u000aline.json\": left out: control character U+000A"), 1);
    assert_int_equal(harness_logged(h, "\"bad\\xff.json\": left out: byte 0xff at byte 4 is not UTF-8"), 1);
    assert_int_equal(harness_logged(h, "left out: the name is 66 bytes; at most 63 fit in the history"), 1);

    /* The picker opens on desk-release and goes down, one row a press,
     * through every routine to the last. */
    assert_true(harness_run(h, 500));
    assert_string_equal(harness_screen(h), "picker");
    const char *id;
    app_routine(a, app_routine_default(a), &id, NULL);
    assert_string_equal(id, "desk-release");
    for (int i = app_routine_default(a); i < n - 1; i++)
        assert_true(harness_press(h, SDL_SCANCODE_DOWN));
    assert_true(harness_press(h, SDL_SCANCODE_RETURN));
    harness_run(h, 20 * HARNESS_FRAME_MS);
    assert_string_equal(harness_screen(h), "session");
    assert_int_equal(harness_logged(h, "started Mine 3000"), 1);
    datadir_free_ids(shipped, n_shipped);
}

/* Runs a session of the routine at ARG (as typed on the command line)
 * for a few seconds, closes the window, and returns the name the history
 * recorded it under (static; "" when none). */
static const char *recorded_as(Harness *h, const char *arg)
{
    harness_start(h, arg);
    harness_run(h, 100 * HARNESS_FRAME_MS);
    harness_quit(h);
    harness_stop(h);
    static char name[HISTORY_ROUTINE_SIZE];
    name[0] = '\0';
    if (harness_history_count(h) > 0)
        harness_last_record(h, name, sizeof name);
    return name;
}

/* A routine given by path is recorded under its id when it is a file of
 * the routine folders, else under its absolute path, or a short form with
 * a hash when that does not fit: two files never share a record, however
 * long their common start. */
static void test_record_names_of_files(void **state)
{
    Harness *h = *state;
    assert_string_equal(recorded_as(h, PSOAS_SOURCE_DIR "/levels/one-move.json"), "one-move");
    assert_string_equal(recorded_as(h, "desk-release"), "desk-release");
    char dir[256], a[300], b[300], cmd[2000];
    snprintf(dir, sizeof dir, "%s/a-folder-with-a-name-long-enough-that-no-record-holds-the-path", h->dir);
    snprintf(a, sizeof a, "%s/evening-one.json", dir);
    snprintf(b, sizeof b, "%s/evening-two.json", dir);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp '%s/levels/desk-release.json' '%s' && cp '%s' '%s'", dir,
             PSOAS_SOURCE_DIR, a, a, b);
    assert_int_equal(system(cmd), 0);
    char name_a[HISTORY_ROUTINE_SIZE], name_b[HISTORY_ROUTINE_SIZE], want[ROUTINE_ID_MAX + 1];
    snprintf(name_a, sizeof name_a, "%s", recorded_as(h, a));
    snprintf(name_b, sizeof name_b, "%s", recorded_as(h, b));
    char *real = realpath(a, NULL);
    routine_record_name(real, want);
    free(real);
    assert_string_equal(name_a, want);
    assert_true(strcmp(name_a, name_b) != 0);
    assert_non_null(strstr(name_b, "evening-two.json~"));
    /* short enough: the absolute path itself */
    snprintf(a, sizeof a, "%s/e.json", h->dir);
    snprintf(cmd, sizeof cmd, "cp '%s/levels/desk-release.json' '%s'", PSOAS_SOURCE_DIR, a);
    assert_int_equal(system(cmd), 0);
    real = realpath(a, NULL);
    assert_true(strlen(real) <= ROUTINE_ID_MAX);
    assert_string_equal(recorded_as(h, a), real);
    free(real);
}

/* This program is not installed and lives in its build's tests/ folder,
 * where nothing next to it or one level up holds data: the source tree
 * it was configured from is found, from any working folder; and
 * PSOAS_COACH_DATA still comes first. */
static void test_data_of_the_source_tree(void **state)
{
    Harness *h = *state;
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
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/copy/assets' && cp '%s/assets/poses.json' '%s/copy/assets/'", h->dir,
             PSOAS_SOURCE_DIR, h->dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/copy", h->dir);
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
    harness_headless("dummy");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_thousands_of_routines, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_record_names_of_files, harness_setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_data_of_the_source_tree, harness_setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
