/* test_settings.c — the saved volume and mute on real files in a mkdtemp
 * directory: round trip and the file's exact text, a missing file, files
 * cut at every byte and other damage (one warning naming the file and the
 * place, caught with log_set_sink), bad and odd values, unknown keys, a
 * read-only folder and a full disk (the old file kept byte for byte), the
 * breath chooser's and the maker's choices, and the XDG path. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "history.h"
#include "log.h"
#include "settings.h"

enum {
    TP = 4096,        /* bytes of a test path */
    LOG_CAP = 16384   /* bytes of warnings kept per capture */
};

static char base[64]; /* the mkdtemp directory all tests work in */

/* The warnings caught by the sink since capture_begin. */
typedef struct Caught {
    char text[LOG_CAP]; /* "TAG: text\n" per line */
    size_t len;         /* bytes in TEXT */
    int lines;          /* lines caught */
    int not_warn;       /* lines at a level other than LOG_WARN */
} Caught;

static Caught caught;
static int saved_stderr = -1; /* stderr while a capture sends it to /dev/null */

/* ---- helpers ------------------------------------------------------------ */

static void sink(LogLevel level, const char *tag, const char *text, void *user)
{
    Caught *c = user;
    int n = snprintf(c->text + c->len, LOG_CAP - c->len, "%s: %s\n", tag, text);
    if (n > 0 && c->len + (size_t)n < LOG_CAP)
        c->len += (size_t)n;
    c->lines++;
    c->not_warn += level != LOG_WARN;
}

/* Catches warnings with the sink and keeps them off the test's stderr.
 * Call capture_end before asserting, so a failure's message is seen. */
static void capture_begin(void)
{
    memset(&caught, 0, sizeof caught);
    log_set_sink(sink, &caught);
    fflush(stderr);
    int null = open("/dev/null", O_WRONLY);
    assert_true(null >= 0);
    saved_stderr = dup(2);
    dup2(null, 2);
    close(null);
}

static void capture_end(void)
{
    log_set_sink(NULL, NULL);
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    saved_stderr = -1;
}

/* DIR/NAME into OUT; a path too long for OUT fails the test. */
static void path_in(char out[TP], const char *dir, const char *name)
{
    int w = snprintf(out, TP, "%s/%s", dir, name);
    assert_true(w > 0 && w < TP);
}

static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        for (struct dirent *e; d && (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[TP];
            if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= (int)sizeof sub)
                continue;
            rm_rf(sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* BASE/NAME, created empty (removed first if a test left it). */
static void make_dir(char out[TP], const char *name)
{
    path_in(out, base, name);
    rm_rf(out);
    if (mkdir(out, 0700) != 0) {
        fprintf(stderr, "mkdir %s: %s\n", out, strerror(errno));
        fail();
    }
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void write_text(const char *path, const char *text) { write_bytes(path, text, strlen(text)); }

/* The whole file (NUL-terminated; LEN may be NULL), or NULL when missing. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap)
            buf = realloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Entries of DIR other than . and .. */
static int count_all(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Loads PATH with the sink on; the caught lines are in CAUGHT. */
static bool load_caught(const char *path, Settings *out)
{
    capture_begin();
    bool ok = settings_load(path, out);
    capture_end();
    return ok;
}

/* Asserts the loads caught nothing. */
static void assert_quiet(void)
{
    if (caught.lines != 0)
        fprintf(stderr, "unexpected warnings:\n%s", caught.text);
    assert_int_equal(caught.lines, 0);
}

/* Asserts exactly one warning, "settings: PATH" then AFTER (a prefix of
 * the rest, or all of it when WHOLE). */
static void assert_one_warning(const char *path, const char *after, bool whole)
{
    char want[TP + 512];
    snprintf(want, sizeof want, "settings: %s%s%s", path, after, whole ? "\n" : "");
    if (caught.lines != 1 || strncmp(caught.text, want, strlen(want)) != 0)
        fprintf(stderr, "wanted one warning starting\n  %s\ngot %d:\n%s", want, caught.lines, caught.text);
    assert_int_equal(caught.lines, 1);
    assert_int_equal(caught.not_warn, 0);
    assert_memory_equal(caught.text, want, strlen(want));
}

/* ---- the breath chooser's choices ---------------------------------------- */

/* They round-trip beside the volume and mute, which read as before; the
 * file without them reads as the defaults, quietly; each bad value costs
 * one warning naming its key and falls back alone. */
static void test_breathe_choices(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "breathe");
    path_in(path, dir, "settings.json");
    SettingsBreathe b;
    capture_begin();
    assert_true(settings_load_breathe(path, &b)); /* no file */
    capture_end();
    assert_quiet();
    assert_false(b.saved);
    assert_int_equal(b.choice.preset, BREATHE_CALM);
    assert_int_equal(b.choice.minutes, BREATHE_DEFAULT_MINUTES);

    SettingsBreathe want = settings_breathe_defaults();
    want.saved = true;
    assert_true(breathe_parse_pattern("4.5+1-0-9.5-0", &want.choice));
    want.custom = want.choice.pattern;
    want.choice.minutes = 17;
    want.choice.posture = BREATHE_FLOOR;
    Settings s = {.volume = 40, .muted = true};
    assert_true(settings_save_all(path, &s, &want));
    char *text = read_all(path, NULL);
    assert_non_null(strstr(text, "\"breathe\": {\"pattern\": \"custom\", \"custom\": \"4.5+1-0-9.5-0\", "
                                 "\"minutes\": 17, \"posture\": \"seated-floor\"}"));
    free(text);
    Settings got;
    assert_true(load_caught(path, &got));
    assert_quiet();
    assert_int_equal(got.volume, 40);
    assert_true(got.muted);
    capture_begin();
    assert_true(settings_load_breathe(path, &b));
    capture_end();
    assert_quiet();
    assert_true(b.saved);
    assert_int_equal(b.choice.preset, BREATHE_CUSTOM);
    assert_true(breath_equal(b.choice.pattern, want.custom));
    assert_true(breath_equal(b.custom, want.custom));
    assert_int_equal(b.choice.minutes, 17);
    assert_int_equal(b.choice.posture, BREATHE_FLOOR);

    /* a preset with the custom numbers kept */
    want.choice = breathe_default_choice(BREATHE_BOX);
    assert_true(settings_save_all(path, &s, &want));
    capture_begin();
    assert_true(settings_load_breathe(path, &b));
    capture_end();
    assert_int_equal(b.choice.preset, BREATHE_BOX);
    assert_true(breath_equal(b.choice.pattern, breathe_preset(BREATHE_BOX)->pattern));
    assert_true(breath_equal(b.custom, want.custom));
    assert_false(b.choice.ticks);

    /* the tick each second, on and back off */
    want.choice.ticks = true;
    assert_true(settings_save_all(path, &s, &want));
    capture_begin();
    assert_true(settings_load_breathe(path, &b));
    capture_end();
    assert_true(b.choice.ticks);
    assert_int_equal(b.choice.preset, BREATHE_BOX);
    want.choice.ticks = false;
    assert_true(settings_save_all(path, &s, &want));
    capture_begin();
    assert_true(settings_load_breathe(path, &b));
    capture_end();
    assert_false(b.choice.ticks);
    write_text(path, "{\"breathe\": {\"pattern\": \"box\", \"ticks\": 1}}");
    capture_begin();
    assert_false(settings_load_breathe(path, &b));
    capture_end();
    assert_false(b.choice.ticks);
    assert_int_equal(b.choice.preset, BREATHE_BOX);

    /* the coherent pace found by "find your pace" is the coherent pattern */
    want.coherent_x10 = 65; /* 6.5 a minute: in and out 4.615 s, kept as the rate */
    want.choice = breathe_default_choice(BREATHE_COHERENT);
    assert_true(settings_save_all(path, &s, &want));
    text = read_all(path, NULL);
    assert_non_null(strstr(text, "\"coherent\": 6.5}"));
    free(text);
    capture_begin();
    assert_true(settings_load_breathe(path, &b));
    capture_end();
    assert_quiet();
    assert_int_equal(b.choice.preset, BREATHE_COHERENT);
    assert_int_equal(b.coherent_x10, 65);
    assert_true(breath_equal(b.choice.pattern, breathe_pace_pattern(0)));
    assert_int_equal(b.choice.pattern.ms[BREATH_INHALE], 4615);
    write_text(path, "{\"breathe\": {\"coherent\": 5.2}}");
    capture_begin();
    assert_false(settings_load_breathe(path, &b));
    capture_end();
    assert_one_warning(path, ": \"breathe.coherent\" must be breaths a minute, 4.5 to 6.5 in halves, got 5.2", false);
    assert_int_equal(b.coherent_x10, 0);

    /* a bad value: one warning naming it; the good ones stay */
    write_text(path, "{\"volume\": 30, \"breathe\": {\"pattern\": \"box\", \"minutes\": 90, \"posture\": \"seated\"}}");
    capture_begin();
    assert_false(settings_load_breathe(path, &b));
    capture_end();
    assert_one_warning(path, ": \"breathe.minutes\" must be a whole number 1-60, got 90; using the default", true);
    assert_int_equal(b.choice.preset, BREATHE_BOX);
    assert_int_equal(b.choice.minutes, BREATHE_DEFAULT_MINUTES);
    assert_int_equal(b.choice.posture, BREATHE_CHAIR);
    assert_true(load_caught(path, &got)); /* the volume reads as before */
    assert_quiet();
    assert_int_equal(got.volume, 30);
    write_text(path, "{\"breathe\": {\"pattern\": \"boxes\"}}");
    capture_begin();
    assert_false(settings_load_breathe(path, &b));
    capture_end();
    assert_one_warning(path, ": \"breathe.pattern\" must name a pattern", false);
    assert_int_equal(b.choice.preset, BREATHE_CALM);
    write_text(path, "{\"breathe\": 5}");
    capture_begin();
    assert_false(settings_load_breathe(path, &b));
    capture_end();
    assert_one_warning(path, ": \"breathe\" must be an object, got 5", false);
    /* settings_save alone writes no choices */
    assert_true(settings_save(path, &s));
    capture_begin();
    assert_true(settings_load_breathe(path, &b));
    capture_end();
    assert_false(b.saved);
    rm_rf(dir);
}

/* ---- round trip --------------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "round");
    path_in(path, dir, "state/psoas-coach/settings.json"); /* folders made on save */
    static const Settings cases[] = {{.volume = 70, .muted = false}, {.volume = 0, .muted = true}, {.volume = 100, .muted = false}, {.volume = 37, .muted = true}, {.volume = 80, .muted = false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        capture_begin();
        bool saved = settings_save(path, &cases[i]);
        capture_end();
        assert_true(saved);
        assert_quiet();
        Settings got = {.volume = -1, .muted = !cases[i].muted};
        assert_true(load_caught(path, &got));
        assert_quiet();
        assert_int_equal(got.volume, cases[i].volume);
        assert_int_equal(got.muted, cases[i].muted);
    }
    /* The file is small pretty JSON, written independently here. */
    Settings s = {.volume = 70, .muted = false};
    assert_true(settings_save(path, &s));
    char *text = read_all(path, NULL);
    assert_non_null(text);
    assert_string_equal(text, "{\n  \"volume\": 70,\n  \"muted\": false\n}\n");
    free(text);
    /* Private, and nothing left beside it. */
    struct stat st;
    char folder[TP];
    path_in(folder, dir, "state/psoas-coach");
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(folder, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(count_all(folder), 1);
    rm_rf(dir);
}

/* Lengths chosen per routine: kept in order, changed, forgotten, and
 * written as an object of minutes by id. */
static void test_lengths(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "lengths");
    path_in(path, dir, "settings.json");
    Settings s = settings_defaults();
    assert_int_equal(settings_length(&s, "psoas-flow"), 0);
    assert_true(settings_set_length(&s, "psoas-flow", 30));
    assert_true(settings_set_length(&s, "desk-release", 5));
    assert_true(settings_set_length(&s, "yin-psoas", 45));
    assert_true(settings_set_length(&s, "desk-release", 15));
    assert_true(settings_set_length(&s, "yin-psoas", 0)); /* as written again */
    assert_false(settings_set_length(&s, "", 10));
    assert_false(settings_set_length(&s, "a\"b", 10));
    assert_false(settings_set_length(&s, "x", SETTINGS_MINUTES_MAX + 1));
    assert_true(settings_save(path, &s));
    char *text = read_all(path, NULL);
    assert_non_null(text);
    assert_string_equal(text, "{\n  \"volume\": 80,\n  \"muted\": false,\n"
                              "  \"lengths\": {\"psoas-flow\": 30, \"desk-release\": 15}\n}\n");
    free(text);
    Settings got = {.volume = -1, .muted = true};
    assert_true(load_caught(path, &got));
    assert_quiet();
    assert_int_equal(got.length_count, 2);
    assert_int_equal(settings_length(&got, "psoas-flow"), 30);
    assert_int_equal(settings_length(&got, "desk-release"), 15);
    assert_int_equal(settings_length(&got, "yin-psoas"), 0);
    /* A full table refuses one more, keeps what it has. */
    Settings full = settings_defaults();
    for (int i = 0; i < SETTINGS_MAX_LENGTHS; i++) {
        char id[32];
        snprintf(id, sizeof id, "r%d", i);
        assert_true(settings_set_length(&full, id, 10));
    }
    assert_false(settings_set_length(&full, "one-more", 10));
    assert_true(settings_set_length(&full, "r3", 20));
    assert_int_equal(settings_length(&full, "r3"), 20);
    rm_rf(dir);
}

/* Bad lengths: the good ones kept, the bad ones left out with one warning
 * naming the place; the volume and mute untouched. */
static void test_bad_lengths(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "badlengths");
    path_in(path, dir, "settings.json");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"volume\": 40, \"muted\": true, \"lengths\": {\"a\": 10, \"b\": 0, \"c\": 2.5, \"d\": \"x\", \"e\": 20}}", f);
    fclose(f);
    Settings got;
    assert_false(load_caught(path, &got));
    assert_one_warning(path, ": $.lengths[\"b\"] must be whole minutes 1-180, once per routine, got 0 (and 2 more), left out",
                       false);
    assert_int_equal(got.volume, 40);
    assert_true(got.muted);
    assert_int_equal(got.length_count, 2);
    assert_int_equal(settings_length(&got, "a"), 10);
    assert_int_equal(settings_length(&got, "e"), 20);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"volume\": 40, \"lengths\": [10]}", f);
    fclose(f);
    assert_false(load_caught(path, &got));
    assert_one_warning(path, ": \"lengths\" must be an object of minutes by routine, got an array", false);
    assert_int_equal(got.volume, 40);
    assert_int_equal(got.length_count, 0);
    rm_rf(dir);
}

/* The maker's choices: absent, the defaults, quietly; saved, they round-
 * trip beside the rest and the file reads exactly so; each bad value costs
 * one warning naming its place (with bad volume or lengths, still one)
 * and falls back alone, the other settings kept; a save of bad choices is
 * refused with the old file as it was. */
static void test_make_choices(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "make");
    path_in(path, dir, "settings.json");
    Settings got;
    assert_true(load_caught(path, &got)); /* no file */
    assert_quiet();
    assert_false(got.make.saved);
    assert_int_equal(got.make.minutes, COMPOSE_DEFAULT_MINUTES);
    assert_int_equal(got.make.focus, COMPOSE_FOCUS_ALL);
    assert_int_equal(got.make.avoid, 0);

    Settings s = settings_defaults();
    s.volume = 35;
    assert_true(settings_set_length(&s, "psoas-flow", 30));
    s.make = (SettingsMake){true, 45, FOCUS_YIN, AVOID_KNEELING | AVOID_BALANCE | AVOID_BACKBENDS};
    assert_true(settings_save(path, &s));
    char *text = read_all(path, NULL);
    assert_string_equal(text, "{\n  \"volume\": 35,\n  \"muted\": false,\n  \"lengths\": {\"psoas-flow\": 30},\n"
                              "  \"make\": {\"minutes\": 45, \"focus\": \"yin\", \"avoid\": [\"kneeling\", \"balance\", "
                              "\"backbends\"]}\n}\n");
    free(text);
    assert_true(load_caught(path, &got));
    assert_quiet();
    assert_int_equal(got.volume, 35);
    assert_int_equal(settings_length(&got, "psoas-flow"), 30);
    assert_true(got.make.saved);
    assert_int_equal(got.make.minutes, 45);
    assert_int_equal(got.make.focus, FOCUS_YIN);
    assert_int_equal(got.make.avoid, AVOID_KNEELING | AVOID_BALANCE | AVOID_BACKBENDS);
    s.make.avoid = 0; /* none: an empty list */
    assert_true(settings_save(path, &s));
    text = read_all(path, NULL);
    assert_non_null(strstr(text, "\"make\": {\"minutes\": 45, \"focus\": \"yin\", \"avoid\": []}"));
    free(text);
    assert_true(load_caught(path, &got));
    assert_quiet();
    assert_true(got.make.saved);
    assert_int_equal(got.make.avoid, 0);

    /* bad values, one at a time and together: each falls back alone */
    static const struct {
        const char *json;  /* the file */
        const char *after; /* the one warning, after the path */
        int minutes, focus;
        unsigned avoid;
    } bad[] = {
        {"{\"volume\": 20, \"make\": {\"minutes\": 61, \"focus\": \"floor\", \"avoid\": [\"floor\"]}}",
         ": $.make.minutes must be a whole number 5-60, got 61; \"Make me a practice\" uses the default for it",
         COMPOSE_DEFAULT_MINUTES, FOCUS_FLOOR, AVOID_FLOOR},
        {"{\"volume\": 20, \"make\": {\"minutes\": 10, \"focus\": \"hips\", \"avoid\": [\"floor\"]}}",
         ": $.make.focus must be desk, lunges, floor, yin, gentle or all, got \"hips\"; \"Make me a practice\" uses "
         "the default for it",
         10, COMPOSE_FOCUS_ALL, AVOID_FLOOR},
        {"{\"volume\": 20, \"make\": {\"minutes\": 10, \"focus\": \"desk\", \"avoid\": [\"balance\", \"knees\", 3]}}",
         ": $.make.avoid[1] must be kneeling, floor, balance or backbends, got \"knees\"; \"Make me a practice\" "
         "uses the default for it",
         10, FOCUS_DESK, AVOID_BALANCE},
        {"{\"volume\": 20, \"make\": {\"minutes\": 10.5, \"avoid\": \"kneeling,floor\"}}",
         ": $.make.minutes must be a whole number 5-60, got 10.5; \"Make me a practice\" uses the default for it",
         COMPOSE_DEFAULT_MINUTES, COMPOSE_FOCUS_ALL, 0},
        {"{\"volume\": 20, \"make\": {\"minutes\": 10, \"minutes\": 15}}",
         ": in \"make\": \"minutes\" is given 2 times (each key may appear once); \"Make me a practice\" uses the "
         "default for it",
         COMPOSE_DEFAULT_MINUTES, COMPOSE_FOCUS_ALL, 0},
        {"{\"volume\": 20, \"make\": [20, \"floor\"]}",
         ": \"make\" must be an object like {\"minutes\": 20, \"focus\": \"all\"}, got an array; \"Make me a "
         "practice\" uses the default for it",
         COMPOSE_DEFAULT_MINUTES, COMPOSE_FOCUS_ALL, 0},
        {"{\"volume\": 200, \"lengths\": {\"a\": 0}, \"make\": {\"focus\": \"nope\"}}",
         ": \"volume\" must be a whole number 0-100, got 200; using 80; $.lengths[\"a\"] must be whole minutes 1-180, "
         "once per routine, got 0, left out (that routine plays as written); $.make.focus must be desk, lunges, "
         "floor, yin, gentle or all, got \"nope\"; \"Make me a practice\" uses the default for it",
         COMPOSE_DEFAULT_MINUTES, COMPOSE_FOCUS_ALL, 0},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_bytes(path, bad[i].json, strlen(bad[i].json));
        assert_false(load_caught(path, &got));
        assert_one_warning(path, bad[i].after, true);
        assert_int_equal(got.volume, i + 1 < sizeof bad / sizeof bad[0] ? 20 : SETTINGS_VOLUME_DEFAULT);
        assert_int_equal(got.make.minutes, bad[i].minutes);
        assert_int_equal(got.make.focus, bad[i].focus);
        assert_int_equal(got.make.avoid, bad[i].avoid);
    }

    /* a bad choice is never written; the file stays as it was */
    char *before = read_all(path, NULL);
    s.make = (SettingsMake){true, 4, FOCUS_DESK, 0};
    capture_begin();
    assert_false(settings_save(path, &s));
    s.make = (SettingsMake){true, 20, COMPOSE_FOCUS_ALL + 1, 0};
    assert_false(settings_save(path, &s));
    s.make = (SettingsMake){true, 20, FOCUS_DESK, 1u << 4};
    assert_false(settings_save(path, &s));
    capture_end();
    assert_int_equal(caught.lines, 3);
    assert_non_null(strstr(caught.text, "not writing"));
    char *after = read_all(path, NULL);
    assert_string_equal(after, before);
    free(before);
    free(after);
    rm_rf(dir);
}

static void test_missing_file_gives_defaults(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "missing");
    path_in(path, dir, "none/settings.json");
    Settings got = {.volume = 3, .muted = true};
    assert_true(load_caught(path, &got));
    assert_quiet();
    assert_int_equal(got.volume, SETTINGS_VOLUME_DEFAULT);
    assert_int_equal(got.volume, 80);
    assert_false(got.muted);
    Settings d = settings_defaults();
    assert_int_equal(d.volume, 80);
    assert_false(d.muted);
    /* Loading creates nothing. */
    assert_int_equal(count_all(dir), 0);
    rm_rf(dir);
}

/* ---- damaged files -------------------------------------------------------- */

static void test_truncated_at_every_byte(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "cut");
    path_in(path, dir, "settings.json");
    Settings s = {.volume = 30, .muted = true}; /* neither is a default */
    assert_true(settings_save(path, &s));
    size_t len;
    char *full = read_all(path, &len);
    assert_non_null(full);
    size_t whole_at = (size_t)(strrchr(full, '}') - full) + 1; /* the object is whole from here */
    for (size_t cut = 0; cut <= len; cut++) {
        write_bytes(path, full, cut);
        Settings got = {.volume = -1, .muted = false};
        bool ok = load_caught(path, &got);
        if (cut >= whole_at) {
            assert_true(ok);
            assert_quiet();
            assert_int_equal(got.volume, 30);
            assert_true(got.muted);
            continue;
        }
        if (ok || got.volume != 80 || got.muted)
            fprintf(stderr, "cut at %zu of %zu: ok %d volume %d muted %d\n", cut, len, ok, got.volume, got.muted);
        assert_false(ok);
        assert_int_equal(got.volume, 80);
        assert_false(got.muted);
        /* Where: a line and a column after the file's name. */
        assert_one_warning(path, ":", false);
        int line = 0, col = 0;
        char *after = caught.text + strlen("settings: ") + strlen(path);
        assert_int_equal(sscanf(after, ":%d:%d: ", &line, &col), 2);
        assert_true(line >= 1 && line <= 4);
        assert_true(col >= 1);
        assert_non_null(strstr(caught.text, "using the defaults (volume 80, not muted)"));
        /* The damaged file is left for the next save to replace. */
        size_t now_len;
        char *now = read_all(path, &now_len);
        assert_non_null(now);
        assert_int_equal(now_len, cut);
        free(now);
    }
    /* A save over a damaged file makes it whole. */
    write_bytes(path, full, whole_at / 2);
    assert_true(settings_save(path, &s));
    Settings got;
    assert_true(load_caught(path, &got));
    assert_int_equal(got.volume, 30);
    free(full);
    rm_rf(dir);
}

static void test_garbage(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "garbage");
    path_in(path, dir, "settings.json");
    static const struct {
        const char *text; /* the file */
        size_t len;       /* its bytes; 0: strlen */
        const char *want; /* what the one warning says after "settings: PATH" */
    } cases[] = {
        {"volume=70\n", 0, ":1:1: syntax error"},
        {"{\"volume\": 70,, \"muted\": true}", 0, ":1:15: syntax error"},
        {"{\n  \"volume\": 70\n  \"muted\": true\n}\n", 0, ":3:3: syntax error"},
        {"\xff\xfe{}", 0, ":1:1: encoding error"},
        {"{\"volume\": 7\0}", 14, ":1:"},
        {"", 0, ":1:1: syntax error"},
        {"[70, false]", 0, ": expected an object like {\"volume\": 80, \"muted\": false}, got an array; "
                           "using the defaults (volume 80, not muted)\n"},
        {"70", 0, ": expected an object"},
        {"null", 0, ": expected an object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_bytes(path, cases[i].text, cases[i].len ? cases[i].len : strlen(cases[i].text));
        Settings got = {.volume = -1, .muted = true};
        assert_false(load_caught(path, &got));
        assert_int_equal(got.volume, 80);
        assert_false(got.muted);
        assert_one_warning(path, cases[i].want, false);
        assert_int_equal(count_lines(caught.text), 1);
    }
    /* Over the size limit: refused before parsing. */
    size_t big = SETTINGS_MAX_FILE + 1;
    char *spaces = malloc(big);
    assert_non_null(spaces);
    memset(spaces, ' ', big);
    memcpy(spaces, "{\"volume\": 10}", 14);
    write_bytes(path, spaces, big);
    free(spaces);
    Settings got;
    assert_false(load_caught(path, &got));
    assert_int_equal(got.volume, 80);
    assert_one_warning(path, ": over 65536 bytes", false);
    rm_rf(dir);
}

static void test_not_a_regular_file(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "odd");
    path_in(path, dir, "settings.json");
    for (int kind = 0; kind < 2; kind++) {
        assert_int_equal(kind == 0 ? mkdir(path, 0700) : mkfifo(path, 0600), 0);
        Settings got = {.volume = -1, .muted = true};
        assert_false(load_caught(path, &got)); /* a FIFO must not hang it */
        assert_int_equal(got.volume, 80);
        assert_false(got.muted);
        assert_one_warning(path, ": not a regular file; using the defaults (volume 80, not muted)", true);
        rm_rf(path);
    }
    /* No path, or one too long: refused with a warning, never a crash. */
    Settings got = {.volume = -1, .muted = true}, s = {.volume = 50, .muted = false};
    capture_begin();
    bool loaded = settings_load(NULL, &got);
    bool saved = settings_save("", &s);
    capture_end();
    assert_false(loaded);
    assert_false(saved);
    assert_int_equal(got.volume, 80);
    assert_int_equal(caught.lines, 2);
    char *longp = malloc(SETTINGS_PATH_MAX);
    assert_non_null(longp);
    memset(longp, 'a', SETTINGS_PATH_MAX - 1);
    longp[0] = '/';
    longp[SETTINGS_PATH_MAX - 1] = '\0';
    capture_begin();
    loaded = settings_load(longp, &got);
    saved = settings_save(longp, &s);
    capture_end();
    assert_false(loaded);
    assert_false(saved);
    assert_int_equal(caught.lines, 2);
    assert_non_null(strstr(caught.text, "too long"));
    free(longp);
    rm_rf(dir);
}

/* ---- values --------------------------------------------------------------- */

static void test_bad_values(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "values");
    path_in(path, dir, "settings.json");
    static const struct {
        const char *text;  /* the file */
        int volume;        /* what the load gives */
        bool muted;
        const char *want;  /* the whole warning after "settings: PATH" */
    } cases[] = {
        {"{\"volume\": 101, \"muted\": true}", 80, true,
         ": \"volume\" must be a whole number 0-100, got 101; using 80"},
        {"{\"volume\": -1, \"muted\": true}", 80, true, ": \"volume\" must be a whole number 0-100, got -1; using 80"},
        {"{\"volume\": 50.5, \"muted\": true}", 80, true,
         ": \"volume\" must be a whole number 0-100, got 50.5; using 80"},
        {"{\"volume\": \"70\", \"muted\": true}", 80, true,
         ": \"volume\" must be a whole number 0-100, got \"70\"; using 80"},
        {"{\"volume\": null, \"muted\": true}", 80, true,
         ": \"volume\" must be a whole number 0-100, got null; using 80"},
        {"{\"volume\": 1e999, \"muted\": true}", 80, true,
         ": \"volume\" must be a whole number 0-100, got a number too large to use; using 80"},
        {"{\"volume\": 40, \"muted\": \"yes\"}", 40, false, ": \"muted\" must be true or false, got \"yes\"; using false"},
        {"{\"volume\": 40, \"muted\": 1}", 40, false, ": \"muted\" must be true or false, got 1; using false"},
        {"{\"volume\": 400, \"muted\": 0}", 80, false,
         ": \"volume\" must be a whole number 0-100, got 400; \"muted\" must be true or false, got 0; using 80 and false"},
        {"{\"volume\": 20, \"volume\": 30, \"muted\": true}", 80, true,
         ": \"volume\" is given 2 times (each key may appear once); using 80"},
        {"{\"Volume\": 20, \"volume\": 300}", 80, false, ": \"volume\" must be a whole number 0-100, got 300; using 80"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_text(path, cases[i].text);
        Settings got = {.volume = -1, .muted = !cases[i].muted};
        bool ok = load_caught(path, &got);
        if (caught.lines != 1)
            fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
        assert_false(ok);
        assert_int_equal(got.volume, cases[i].volume);
        assert_int_equal(got.muted, cases[i].muted);
        assert_one_warning(path, cases[i].want, true);
    }
    rm_rf(dir);
}

static void test_good_values_and_unknown_keys(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "good");
    path_in(path, dir, "settings.json");
    static const struct {
        const char *text; /* the file */
        int volume;       /* what the load gives */
        bool muted;
    } cases[] = {
        {"{\"volume\": 0, \"muted\": false}", 0, false},
        {"{\"volume\": 100, \"muted\": true}", 100, true},
        {"{\"volume\": 100.0, \"muted\": true}", 100, true},
        {"{\"volume\": 1e1}", 10, false},
        /* A later version's keys are ignored, whatever they hold. */
        {"{\"theme\": \"light\", \"volume\": 55, \"future\": {\"x\": [1, null]}, \"muted\": true, \"Volume\": 3}", 55,
         true},
        /* Missing keys are the defaults, silently. */
        {"{}", 80, false},
        {"{\"muted\": true}", 80, true},
        {"  \n{\"volume\": 5}\n\n", 5, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_text(path, cases[i].text);
        Settings got = {.volume = -1, .muted = !cases[i].muted};
        bool ok = load_caught(path, &got);
        if (!ok)
            fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
        assert_true(ok);
        assert_quiet();
        assert_int_equal(got.volume, cases[i].volume);
        assert_int_equal(got.muted, cases[i].muted);
    }
    rm_rf(dir);
}

static void test_save_refuses_bad_values(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "refuse");
    path_in(path, dir, "settings.json");
    Settings good = {.volume = 60, .muted = true};
    assert_true(settings_save(path, &good));
    size_t old_len;
    char *old = read_all(path, &old_len);
    assert_non_null(old);
    static const Settings bad[] = {{.volume = 101, .muted = false}, {.volume = -1, .muted = true}, {.volume = -2147483647 - 1, .muted = false}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        capture_begin();
        bool saved = settings_save(path, &bad[i]);
        capture_end();
        assert_false(saved);
        char want[TP + 64];
        snprintf(want, sizeof want, "settings: not writing %s: volume %d is outside 0-100\n", path, bad[i].volume);
        assert_int_equal(caught.lines, 1);
        assert_string_equal(caught.text, want);
        size_t now_len;
        char *now = read_all(path, &now_len);
        assert_non_null(now);
        assert_int_equal(now_len, old_len);
        assert_memory_equal(now, old, old_len);
        free(now);
    }
    assert_int_equal(count_all(dir), 1);
    free(old);
    rm_rf(dir);
}

/* ---- failed writes -------------------------------------------------------- */

/* Runs FN(ARG) in a child whose stderr goes into WARNINGS; returns the
 * child's exit status (or -1 when it did not exit). */
static int run_child(int (*fn)(void *), void *arg, char *warnings, size_t size)
{
    int pipefd[2];
    assert_int_equal(pipe(pipefd), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(pipefd[0]);
        dup2(pipefd[1], 2);
        close(pipefd[1]);
        _exit(fn(arg));
    }
    close(pipefd[1]);
    size_t n = 0;
    for (ssize_t got; n + 1 < size && (got = read(pipefd[0], warnings + n, size - 1 - n)) != 0;)
        if (got > 0)
            n += (size_t)got;
        else if (errno != EINTR)
            break;
    warnings[n] = '\0';
    close(pipefd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* In the child, as nobody when root: save, make the folder read-only,
 * save other values. Exit 0: the save failed and left the old file and
 * nothing else; 77: the folder stayed writable (privileges), so nothing
 * was tested; 10 + n: step n went wrong. */
static int readonly_check(void *arg)
{
    const char *dir = arg;
    if (geteuid() == 0) {
        /* Root writes through a 0555 directory: become nobody (65534). */
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0 || geteuid() == 0)
            return 77;
    }
    char path[TP], probe[TP];
    path_in(path, dir, "settings.json");
    path_in(probe, dir, "probe");
    Settings first = {.volume = 40, .muted = true}, second = {.volume = 90, .muted = false};
    if (!settings_save(path, &first))
        return 11;
    size_t old_len, now_len;
    char *old = read_all(path, &old_len);
    if (!old || chmod(dir, 0555) != 0)
        return 12;
    int pfd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (pfd >= 0) {
        close(pfd);
        unlink(probe);
        chmod(dir, 0700);
        return 77;
    }
    bool ok = settings_save(path, &second);
    char *now = read_all(path, &now_len);
    int entries = count_all(dir);
    Settings got;
    bool loaded = settings_load(path, &got);
    chmod(dir, 0700);
    if (ok)
        return 13;
    if (!now || now_len != old_len || memcmp(now, old, old_len) != 0)
        return 14;
    if (entries != 1)
        return 15;
    if (!loaded || got.volume != 40 || !got.muted)
        return 16;
    if (!settings_save(path, &second))
        return 17;
    free(old);
    free(now);
    return 0;
}

static void test_read_only_directory_keeps_the_old_file(void **state)
{
    (void)state;
    char dir[TP];
    make_dir(dir, "readonly");
    if (geteuid() == 0) {
        /* nobody must reach and own the directory. */
        assert_int_equal(chmod(base, 0711), 0);
        assert_int_equal(chown(dir, 65534, 65534), 0);
    }
    char warnings[4096];
    int status = run_child(readonly_check, dir, warnings, sizeof warnings);
    if (geteuid() == 0)
        chmod(base, 0700);
    if (status == 77) {
        fprintf(stderr, "read-only directory: writes went through (privileges); case skipped\n");
        rm_rf(dir);
        skip();
    }
    if (status != 0)
        fprintf(stderr, "child status %d; its stderr:\n%s", status, warnings);
    assert_int_equal(status, 0);
    char want[TP + 128];
    snprintf(want, sizeof want,
             "psoas-coach: settings: cannot write %s/settings.json: %s (creating a temporary file); "
             "volume and mute are not saved\n",
             dir, strerror(EACCES));
    assert_string_equal(warnings, want);
    /* The last save, with the folder writable again, went in. */
    char path[TP];
    path_in(path, dir, "settings.json");
    Settings got;
    assert_true(settings_load(path, &got));
    assert_int_equal(got.volume, 90);
    assert_false(got.muted);
    rm_rf(dir);
}

/* In the child: a file size limit below the file's size, SIGXFSZ ignored
 * so write() says EFBIG, as on a full disk. Exit 0: the save failed as it
 * should; 1: it claimed success; 2: the limit could not be set. */
static int save_over_limit(void *arg)
{
    const char *path = arg;
    struct rlimit low;
    signal(SIGXFSZ, SIG_IGN);
    if (getrlimit(RLIMIT_FSIZE, &low) != 0)
        return 2;
    low.rlim_cur = 10;
    if (setrlimit(RLIMIT_FSIZE, &low) != 0)
        return 2;
    Settings s = {.volume = 25, .muted = false};
    return settings_save(path, &s) ? 1 : 0;
}

static void test_full_disk_keeps_the_old_file(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "full");
    path_in(path, dir, "settings.json");
    Settings first = {.volume = 65, .muted = true};
    assert_true(settings_save(path, &first));
    size_t old_len;
    char *old = read_all(path, &old_len);
    assert_non_null(old);
    char warnings[4096];
    assert_int_equal(run_child(save_over_limit, path, warnings, sizeof warnings), 0);
    size_t now_len;
    char *now = read_all(path, &now_len);
    assert_non_null(now);
    assert_int_equal(now_len, old_len);
    assert_memory_equal(now, old, old_len);
    assert_int_equal(count_all(dir), 1); /* no temporary file left */
    char want[TP + 128];
    snprintf(want, sizeof want, "psoas-coach: settings: cannot write %s: %s (writing); volume and mute are not saved\n",
             path, strerror(EFBIG));
    assert_string_equal(warnings, want);
    free(old);
    free(now);
    rm_rf(dir);
}

/* ---- paths ---------------------------------------------------------------- */

static void set_env(const char *name, const char *value)
{
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
}

static void test_default_path(void **state)
{
    (void)state;
    char *old_state = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    static const struct {
        const char *state, *home, *expect; /* NULL expect: -1 */
    } cases[] = {
        {"/x/state", "/home/u", "/x/state/psoas-coach/settings.json"},
        {"/x/state/", "/home/u", "/x/state/psoas-coach/settings.json"},
        {"/x/state", NULL, "/x/state/psoas-coach/settings.json"},
        {NULL, "/home/u", "/home/u/.local/state/psoas-coach/settings.json"},
        {"", "/home/u", "/home/u/.local/state/psoas-coach/settings.json"},
        {"state", "/home/u", "/home/u/.local/state/psoas-coach/settings.json"},
        {NULL, NULL, NULL},
        {"", "", NULL},
        {"state", "home/u", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_env("XDG_STATE_HOME", cases[i].state);
        set_env("HOME", cases[i].home);
        char out[TP] = "junk";
        int rc = settings_default_path(out, sizeof out);
        if (cases[i].expect) {
            assert_int_equal(rc, 0);
            assert_string_equal(out, cases[i].expect);
        } else {
            assert_int_equal(rc, -1);
            assert_string_equal(out, "");
        }
    }
    /* Too small a buffer is refused, not cut. */
    set_env("XDG_STATE_HOME", "/x/state");
    char small[34] = "junk"; /* one short of "/x/state/psoas-coach/settings.json" */
    assert_int_equal(settings_default_path(small, sizeof small), -1);
    assert_string_equal(small, "");
    char fits[35];
    assert_int_equal(settings_default_path(fits, sizeof fits), 0);

    /* Honoured end to end: a save lands in XDG_STATE_HOME, beside the history. */
    char xdg[TP], path[TP], hist[TP], want[TP];
    make_dir(xdg, "xdg");
    set_env("XDG_STATE_HOME", xdg);
    set_env("HOME", "/nonexistent-home");
    assert_int_equal(settings_default_path(path, sizeof path), 0);
    path_in(want, xdg, "psoas-coach/settings.json");
    assert_string_equal(path, want);
    assert_int_equal(history_default_path(hist, sizeof hist), 0);
    assert_memory_equal(path, hist, strrchr(hist, '/') - hist + 1);
    Settings s = {.volume = 15, .muted = true};
    assert_true(settings_save(path, &s));
    struct stat st;
    assert_int_equal(stat(want, &st), 0);
    rm_rf(xdg);

    set_env("XDG_STATE_HOME", old_state);
    set_env("HOME", old_home);
    free(old_state);
    free(old_home);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(base, sizeof base, "/tmp/psoas-settings-XXXXXX");
    return mkdtemp(base) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    log_set_sink(NULL, NULL);
    rm_rf(base);
    return 0;
}

/* A link where settings.json should be: never written through nor
 * replaced, one line; stale temporary files of a crash are tidied. */
static void test_links_and_leftovers(void **state)
{
    (void)state;
    char dir[TP], path[TP], target[TP], tmp[TP];
    make_dir(dir, "links");
    path_in(path, dir, "settings.json");
    path_in(target, dir, "elsewhere.json");
    write_bytes(target, "{\"volume\": 30}", 14);
    assert_int_equal(symlink(target, path), 0);
    Settings s = settings_defaults();
    s.volume = 50;
    capture_begin();
    bool ok = settings_save(path, &s);
    capture_end();
    assert_false(ok);
    assert_int_equal(caught.lines, 1);
    assert_non_null(strstr(caught.text, "symbolic link"));
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char got[64] = "";
    FILE *f = fopen(target, "r");
    assert_non_null(f);
    size_t n = fread(got, 1, sizeof got - 1, f);
    got[n] = 0;
    fclose(f);
    assert_string_equal(got, "{\"volume\": 30}");
    unlink(path);
    /* a writer gone, and a writer still here */
    pid_t dead = fork();
    if (dead == 0)
        _exit(0);
    waitpid(dead, NULL, 0);
    char name[128];
    snprintf(name, sizeof name, "settings.json.tmp-%ld-abcdef", (long)dead);
    path_in(tmp, dir, name);
    write_bytes(tmp, "{", 1);
    char live[TP];
    snprintf(name, sizeof name, "settings.json.tmp-%ld-abcdef", (long)getpid());
    path_in(live, dir, name);
    write_bytes(live, "{", 1);
    assert_int_equal(settings_tidy(path), 1);
    assert_int_equal(lstat(tmp, &st), -1);
    assert_int_equal(lstat(live, &st), 0);
    rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_missing_file_gives_defaults),
        cmocka_unit_test(test_truncated_at_every_byte),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_not_a_regular_file),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_good_values_and_unknown_keys),
        cmocka_unit_test(test_save_refuses_bad_values),
        cmocka_unit_test(test_read_only_directory_keeps_the_old_file),
        cmocka_unit_test(test_full_disk_keeps_the_old_file),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_bad_lengths),
        cmocka_unit_test(test_breathe_choices),
        cmocka_unit_test(test_make_choices),
        cmocka_unit_test(test_links_and_leftovers),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
