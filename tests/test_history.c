/* test_history.c — the practice history on real files in a mkdtemp
 * directory: round trip, crash safety (full disk, read-only directory),
 * damaged files cut at every byte, the limits, two sessions at once, the
 * lock timeout, the end-screen figures, --history output and the path. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "history.h"

enum { TP = 4096 }; /* bytes of a test path */

static char base[64]; /* the mkdtemp directory all tests work in */

/* ---- helpers ------------------------------------------------------------ */

/* DIR/NAME into OUT; a path too long for OUT fails the test. */
static void path_in(char out[TP], const char *dir, const char *name)
{
    int w = snprintf(out, TP, "%s/%s", dir, name);
    assert_true(w > 0 && w < TP);
}

/* BASE/NAME, created empty (removed first if a test left it). */
static void rm_rf(const char *path);
static void make_dir(char out[TP], const char *name)
{
    path_in(out, base, name);
    rm_rf(out);
    if (mkdir(out, 0700) != 0) {
        fprintf(stderr, "mkdir %s: %s\n", out, strerror(errno));
        fail();
    }
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

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

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

/* Entries of DIR whose name contains PART; the last one's name in FOUND. */
static int count_entries(const char *dir, const char *part, char found[TP])
{
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.' || !strstr(e->d_name, part))
            continue;
        n++;
        if (found)
            path_in(found, dir, e->d_name);
    }
    if (d)
        closedir(d);
    return n;
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

/* Warnings go to stderr; these catch them in a file. Call capture_end
 * before asserting, so a failure's message is not caught too. */
static int saved_stderr = -1;
static void capture_begin(void)
{
    char p[TP];
    path_in(p, base, "stderr.txt");
    fflush(stderr);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    saved_stderr = dup(2);
    dup2(fd, 2);
    close(fd);
}

static char *capture_end(void)
{
    char p[TP];
    path_in(p, base, "stderr.txt");
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    char *text = read_all(p, NULL);
    unlink(p);
    return text ? text : strdup("");
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static HistoryRecord rec_of(const char *date, const char *routine, int seconds, int steps, int of, bool finished)
{
    HistoryRecord r;
    memset(&r, 0, sizeof r);
    snprintf(r.date, sizeof r.date, "%s", date);
    snprintf(r.routine, sizeof r.routine, "%s", routine);
    r.seconds = seconds;
    r.steps = steps;
    r.of = of;
    r.finished = finished;
    return r;
}

static bool rec_equal(const HistoryRecord *a, const HistoryRecord *b)
{
    return strcmp(a->date, b->date) == 0 && strcmp(a->routine, b->routine) == 0 && a->seconds == b->seconds &&
           a->steps == b->steps && a->of == b->of && a->finished == b->finished && a->speed == b->speed;
}

/* One line of the file format, written here independently of the module. */
static int line_of(char *out, size_t size, const char *date, const char *routine, int seconds, int steps,
                   int of, bool finished)
{
    return snprintf(out, size,
                    "{\"date\":\"%s\",\"routine\":\"%s\",\"seconds\":%d,\"steps\":%d,\"of\":%d,\"finished\":%s}\n",
                    date, routine, seconds, steps, of, finished ? "true" : "false");
}

static const HistoryRecord five[5] = {
    {.date = "2026-11-21T07:30:05", .routine = "desk-release", .seconds = 593, .steps = 9, .of = 9, .finished = true},
    {.date = "2026-11-21T18:02:00", .routine = "one-move", .seconds = 125, .steps = 3, .of = 12, .finished = false},
    {.date = "2026-11-22T06:59:59", .routine = "psoas-flow", .seconds = 1320, .steps = 20, .of = 20, .finished = true},
    {.date = "2026-11-23T23:59:59", .routine = "yin-psoas", .seconds = 0, .steps = 0, .of = 7, .finished = false},
    {.date = "2026-11-24T00:00:00", .routine = "breathe", .seconds = 86400, .steps = 10000, .of = 10000, .finished = true},
};

/* ---- round trip and crash safety ------------------------------------------ */

static void test_round_trip(void **state)
{
    (void)state;
    char dir[TP], path[TP], deep[TP];
    make_dir(dir, "round");
    path_in(deep, dir, "state/psoas-coach");
    path_in(path, deep, "history.jsonl");
    HistoryRecord odd[3] = {
        {.date = "2024-02-29T12:00:00", .routine = "a \"quoted\" \\ id", .seconds = 1, .steps = 0, .of = 1, .finished = false},
        {.date = "1900-01-01T00:00:00", .routine = "caf\xc3\xa9-\xc3\xbc", .seconds = 59, .steps = 1, .of = 2, .finished = true},
        {.date = "9999-12-31T23:59:59", .routine = "", .seconds = 61, .steps = 2, .of = 2, .finished = true},
    };
    memset(odd[2].routine, 'r', HISTORY_ROUTINE_SIZE - 1); /* the longest id */

    capture_begin();
    int appended = 0;
    for (int i = 0; i < 5; i++)
        appended += history_append(path, &five[i]);
    for (int i = 0; i < 3; i++)
        appended += history_append(path, &odd[i]);
    History *h = history_load(path);
    char *warnings = capture_end();
    assert_string_equal(warnings, "");
    free(warnings);
    assert_int_equal(appended, 8);

    assert_non_null(h);
    assert_int_equal(history_count(h), 8);
    for (int i = 0; i < 8; i++) {
        const HistoryRecord *want = i < 5 ? &five[i] : &odd[i - 5];
        const HistoryRecord *got = history_get(h, i);
        assert_non_null(got);
        assert_string_equal(got->date, want->date);
        assert_string_equal(got->routine, want->routine);
        assert_int_equal(got->seconds, want->seconds);
        assert_int_equal(got->steps, want->steps);
        assert_int_equal(got->of, want->of);
        assert_int_equal(got->finished, want->finished);
    }
    assert_null(history_get(h, 8));
    assert_null(history_get(h, -1));
    history_free(h);

    /* The file is JSON Lines in the documented shape, each line an object. */
    char *text = read_all(path, NULL);
    assert_non_null(text);
    const char *first = "{\"date\":\"2026-11-21T07:30:05\",\"routine\":\"desk-release\",\"seconds\":593,"
                        "\"steps\":9,\"of\":9,\"finished\":true}\n";
    assert_memory_equal(text, first, strlen(first));
    assert_int_equal(count_lines(text), 8);
    assert_int_equal(text[strlen(text) - 1], '\n');
    assert_non_null(strstr(text, "\"routine\":\"a \\\"quoted\\\" \\\\ id\""));
    int objects = 0;
    for (char *line = text, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = '\0';
        cJSON *j = cJSON_Parse(line);
        objects += cJSON_IsObject(j) && cJSON_GetArraySize(j) == 6;
        cJSON_Delete(j);
    }
    assert_int_equal(objects, 8);
    free(text);

    /* mkdir -p with mode 0700; the file is private; nothing else is left:
     * no temporary file, only the lock beside the history. */
    struct stat st;
    assert_int_equal(stat(deep, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    path_in(deep, dir, "state");
    assert_int_equal(stat(deep, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    path_in(deep, dir, "state/psoas-coach");
    assert_int_equal(count_all(deep), 2);
    assert_int_equal(count_entries(deep, "history.jsonl.lock", NULL), 1);
    assert_int_equal(count_entries(deep, ".tmp", NULL), 0);
    rm_rf(dir);
}

static void test_missing_file_is_empty(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "missing");
    path_in(path, dir, "nothing/history.jsonl");
    capture_begin();
    History *h = history_load(path);
    char *warnings = capture_end();
    assert_string_equal(warnings, "");
    free(warnings);
    assert_non_null(h);
    assert_int_equal(history_count(h), 0);
    history_free(h);
    history_free(NULL);
    assert_int_equal(history_count(NULL), 0);
    assert_null(history_get(NULL, 0));
    /* Loading creates nothing. */
    assert_int_equal(count_all(dir), 0);
    rm_rf(dir);
}

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

typedef struct FullDisk {
    const char *path; /* the history file */
    rlim_t limit;     /* bytes a file may reach */
} FullDisk;

/* In the child: a file size limit below the new file's size, SIGXFSZ
 * ignored so write() says EFBIG, as on a full disk. Exit 0: the append
 * failed as it should; 1: it claimed success; 2: the limit could not be
 * set or restored. */
static int append_over_limit(void *arg)
{
    const FullDisk *fd = arg;
    struct rlimit old, low;
    signal(SIGXFSZ, SIG_IGN);
    if (getrlimit(RLIMIT_FSIZE, &old) != 0)
        return 2;
    low = old;
    low.rlim_cur = fd->limit;
    if (setrlimit(RLIMIT_FSIZE, &low) != 0)
        return 2;
    HistoryRecord r = rec_of("2026-12-01T08:00:00", "desk-release", 600, 9, 9, true);
    bool ok = history_append(fd->path, &r);
    struct rlimit back;
    if (setrlimit(RLIMIT_FSIZE, &old) != 0 || getrlimit(RLIMIT_FSIZE, &back) != 0 ||
        back.rlim_cur != old.rlim_cur)
        return 2;
    return ok ? 1 : 0;
}

static void test_full_disk_keeps_the_old_file(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "full");
    path_in(path, dir, "history.jsonl");
    for (int i = 0; i < 5; i++)
        assert_true(history_append(path, &five[i]));
    size_t old_len;
    char *old = read_all(path, &old_len);
    assert_non_null(old);

    /* The new file is OLD_LEN plus a line of about 110 bytes. */
    FullDisk fd = {path, (rlim_t)old_len + 20};
    char warnings[4096];
    int status = run_child(append_over_limit, &fd, warnings, sizeof warnings);
    assert_int_equal(status, 0);

    size_t now_len;
    char *now = read_all(path, &now_len);
    assert_non_null(now);
    assert_int_equal(now_len, old_len);
    assert_memory_equal(now, old, old_len);
    assert_int_equal(count_entries(dir, ".tmp", NULL), 0);
    /* One line naming the file and the reason. */
    char want[TP + 64];
    snprintf(want, sizeof want, "psoas-coach: history: cannot write %s: %s", path, strerror(EFBIG));
    assert_non_null(strstr(warnings, want));
    assert_int_equal(count_lines(warnings), 1);

    /* Without the limit the same append works: the limit was the cause. */
    HistoryRecord r = rec_of("2026-12-01T08:00:00", "desk-release", 600, 9, 9, true);
    assert_true(history_append(path, &r));
    History *h = history_load(path);
    assert_int_equal(history_count(h), 6);
    history_free(h);
    free(old);
    free(now);
    rm_rf(dir);
}

/* In the child, optionally as nobody: fill a history, make its directory
 * read-only, append. Exit 0: the append failed and left all as it was;
 * 77: the directory stayed writable (privileges), so nothing was tested;
 * 10 + n: step n went wrong. */
static int readonly_check(void *arg)
{
    const char *dir = arg;
    if (geteuid() == 0) {
        /* Root writes through a 0555 directory: become nobody (65534). */
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0 || geteuid() == 0)
            return 77;
    }
    char path[TP], probe[TP];
    path_in(path, dir, "history.jsonl");
    path_in(probe, dir, "probe");
    if (!history_append(path, &five[0]) || !history_append(path, &five[1]))
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
    bool ok = history_append(path, &five[2]);
    char *now = read_all(path, &now_len);
    int tmp = count_entries(dir, ".tmp", NULL);
    chmod(dir, 0700);
    if (ok)
        return 13;
    if (!now || now_len != old_len || memcmp(now, old, old_len) != 0)
        return 14;
    if (tmp != 0)
        return 15;
    if (!history_append(path, &five[2]))
        return 16;
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
    char want[TP + 64];
    snprintf(want, sizeof want, "psoas-coach: history: cannot write %s/history.jsonl: %s", dir, strerror(EACCES));
    assert_non_null(strstr(warnings, want));
    assert_int_equal(count_lines(warnings), 1);
    rm_rf(dir);
}

/* ---- damaged files -------------------------------------------------------- */

/* The file five[] makes, written by the module. */
static char *five_file(size_t *len)
{
    char dir[TP], path[TP];
    make_dir(dir, "five");
    path_in(path, dir, "history.jsonl");
    for (int i = 0; i < 5; i++)
        assert_true(history_append(path, &five[i]));
    char *text = read_all(path, len);
    assert_non_null(text);
    rm_rf(dir);
    return text;
}

static void test_truncated_at_every_byte(void **state)
{
    (void)state;
    size_t len;
    char *full = five_file(&len);
    int failures = 0;
    for (size_t cut = 0; cut <= len; cut++) {
        char dir[TP], path[TP], aside[TP];
        make_dir(dir, "cut");
        path_in(path, dir, "history.jsonl");
        write_bytes(path, full, cut);

        /* Whole lines survive; a record missing only its newline too. */
        int whole = 0;
        size_t tail = 0;
        for (size_t i = 0; i < cut; i++)
            if (full[i] == '\n')
                whole++, tail = i + 1;
        bool record_without_newline = cut < len && full[cut] == '\n' && cut > tail;
        bool damaged = cut > tail && !record_without_newline;
        int expect = whole + record_without_newline;

        capture_begin();
        History *h = history_load(path);
        char *warnings = capture_end();
        const char *why = NULL;
        char want[TP + 64];
        snprintf(want, sizeof want, "psoas-coach: history: %s:%d: cut short: ", path, whole + 1);
        if (!h || history_count(h) != expect)
            why = "wrong number of records";
        for (int i = 0; !why && i < expect; i++)
            if (!rec_equal(history_get(h, i), &five[i]))
                why = "a record changed";
        size_t still_len = 0;
        char *still = read_all(path, &still_len);
        if (!why && (!still || still_len != cut || memcmp(still, full, cut) != 0 || count_all(dir) != 1))
            why = "loading wrote something";
        free(still);
        if (!why && damaged) {
            if (count_lines(warnings) != 1 || strncmp(warnings, want, strlen(want)) != 0)
                why = "not the one warning naming the file and line";
            else if (!strstr(warnings, "left as it is"))
                why = "the warning does not say the file is left as it is";
        } else if (!why && warnings[0]) {
            why = "a whole file was treated as damaged";
        }
        history_free(h);
        free(warnings);

        /* The next record repairs it: the damaged file is kept aside,
         * byte for byte, and a fresh one holds the good records. */
        HistoryRecord more = rec_of("2026-12-01T08:00:00", "breathe", 60, 1, 1, true);
        capture_begin();
        bool appended = history_append(path, &more);
        h = history_load(path);
        warnings = capture_end();
        if (!why && (!appended || history_count(h) != expect + 1 || count_lines(warnings) != (damaged ? 1 : 0) ||
                     !rec_equal(history_get(h, expect), &more)))
            why = "append after the damage failed";
        if (!why && damaged) {
            size_t aside_len = 0;
            char *kept = NULL;
            if (count_entries(dir, ".corrupt-", aside) != 1)
                why = "no .corrupt- file";
            else if (!(kept = read_all(aside, &aside_len)) || aside_len != cut || memcmp(kept, full, cut) != 0)
                why = "the .corrupt- file is not the original";
            else if (!strstr(warnings, aside) || !strstr(warnings, "this session"))
                why = "the repair line does not say where the file went";
            free(kept);
        } else if (!why && count_entries(dir, ".corrupt-", NULL) != 0) {
            why = "a whole file was moved aside";
        }
        if (!why && count_entries(dir, ".tmp", NULL) != 0)
            why = "a temporary file was left";
        history_free(h);
        free(warnings);
        if (why && failures++ < 5)
            fprintf(stderr, "cut at byte %zu of %zu: %s\n", cut, len, why);
        rm_rf(dir);
    }
    free(full);
    assert_int_equal(failures, 0);
}

typedef struct DamageCase {
    const char *name;   /* what the file shows */
    const char *text;   /* its bytes */
    size_t len;         /* bytes, when TEXT holds a NUL; else 0 */
    int kept;           /* good records expected */
    const char *expect; /* what follows the path in the warning; NULL: no warning */
} DamageCase;

#define D1 "2026-11-21T07:30:05"
/* A record line without / with its newline. */
#define RECN(date, routine, seconds, steps, of, fin)                                                         \
    "{\"date\":\"" date "\",\"routine\":\"" routine "\",\"seconds\":" #seconds ",\"steps\":" #steps ",\"of\":" #of \
    ",\"finished\":" #fin "}"
/* Not through RECN: its arguments would be expanded first (true to 1). */
#define REC(date, routine, seconds, steps, of, fin)                                                          \
    "{\"date\":\"" date "\",\"routine\":\"" routine "\",\"seconds\":" #seconds ",\"steps\":" #steps ",\"of\":" #of \
    ",\"finished\":" #fin "}\n"
#define GOOD REC(D1, "desk-release", 593, 9, 9, true)
#define GOOD2 REC("2026-11-22T07:30:05", "one-move", 125, 3, 12, false)
#define LONG64 "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
#define E1 "\xc3\xa9" /* é: one character, two bytes */
#define E8 E1 E1 E1 E1 E1 E1 E1 E1

static const DamageCase damage_cases[] = {
    /* not damage */
    {"an empty file", "", 0, 0, NULL},
    {"blank lines", "\n  \n\r\n" GOOD "\n", 0, 1, NULL},
    {"CRLF line ends", REC(D1, "a", 1, 1, 1, true) "\r\n" GOOD, 0, 2, NULL},
    {"no newline after the last record", GOOD "{\"date\":\"" D1 "\",\"routine\":\"b\",\"seconds\":1,\"steps\":1,\"of\":1,\"finished\":false}",
     0, 2, NULL},
    {"keys in another order", "{\"finished\":true,\"of\":2,\"steps\":1,\"seconds\":3,\"routine\":\"x\",\"date\":\"" D1 "\"}\n",
     0, 1, NULL},
    {"leap day in a leap year", REC("2024-02-29T00:00:00", "a", 1, 1, 1, true) REC("2000-02-29T00:00:00", "a", 1, 1, 1, true),
     0, 2, NULL},
    {"the longest routine id in UTF-8", REC(D1, E8 E8 E8 E1 E1 E1 E1 E1 E1 E1 "a", 1, 1, 1, true), 0, 1, NULL},

    /* bytes */
    {"garbage", "\x01\x02 not json \xff\xfe\n", 0, 0, ":1: column 13: encoding error: invalid UTF-8 byte 0xff"},
    {"invalid UTF-8", GOOD REC(D1, "caf\xe9", 1, 1, 1, true), 0, 1,
     ":2: column 45: encoding error: invalid UTF-8 byte 0xe9 (save the file as UTF-8)"},
    {"NUL bytes in a line", GOOD "\0\0\0\0\n" GOOD2, sizeof GOOD + 5 + sizeof GOOD2 - 2, 2,
     ":2: column 1: syntax error: NUL byte in the file"},
    {"a file of NUL bytes", "\0\0\0\0\0\0\0\0", 8, 0, ":1: cut short: column 1: syntax error: NUL byte in the file"},
    {"a record cut short in the middle", GOOD "{\"date\":\"" D1 "\",\"rou\n" GOOD2, 0, 2,
     ":2: column 31: syntax error: a string begun here is not closed (a \" is missing)"},
    {"an object without its end", GOOD "{\"date\":\"" D1 "\"\n" GOOD2, 0, 2,
     ":2: column 30: syntax error: unexpected end of the line (a bracket, brace or quote is not closed)"},
    {"two records on one line", GOOD RECN(D1, "a", 1, 1, 1, true) RECN(D1, "b", 1, 1, 1, true) "\n", 0, 1,
     ":2: column 90: syntax error: unexpected text after the end of the JSON value"},
    {"text after the record", RECN(D1, "a", 1, 1, 1, true) " x\n", 0, 0,
     ":1: column 91: syntax error: unexpected text after the end of the JSON value"},
    {"bad lines between good ones keep the rest", GOOD "oops\n" GOOD2 "[]\n" GOOD, 0, 3,
     ":2: column 1: syntax error: expected a value (a number, \"string\", true, false, null, [ or {), found 'o' (and 1 more bad line)"},

    /* shape and types */
    {"not an object", "[1, 2]\n", 0, 0, ":1: $: expected a record (an object in braces), got an array"},
    {"unknown key", "{\"date\":\"" D1 "\",\"routine\":\"a\",\"seconds\":1,\"steps\":1,\"of\":1,\"finished\":true,\"note\":\"x\"}\n",
     0, 0, ":1: $: unknown key \"note\""},
    {"duplicate key", "{\"date\":\"" D1 "\",\"routine\":\"a\",\"seconds\":1,\"seconds\":2,\"steps\":1,\"of\":1,\"finished\":true}\n",
     0, 0, ":1: $.seconds: duplicate key \"seconds\" (each key may appear once)"},
    {"missing key", "{\"date\":\"" D1 "\",\"routine\":\"a\",\"seconds\":1,\"steps\":1,\"finished\":true}\n", 0, 0,
     ":1: $: missing required key \"of\""},
    {"seconds as a string", REC(D1, "a", "593", 1, 1, true), 0, 0,
     ":1: $.seconds: expected a whole number from 0 to 86400, got \"593\""},
    {"finished as a number", REC(D1, "a", 1, 1, 1, 1), 0, 0, ":1: $.finished: expected true or false, got 1"},
    {"finished as null", REC(D1, "a", 1, 1, 1, null), 0, 0, ":1: $.finished: expected true or false, got null"},
    {"routine as a number", "{\"date\":\"" D1 "\",\"routine\":5,\"seconds\":1,\"steps\":1,\"of\":1,\"finished\":true}\n", 0, 0,
     ":1: $.routine: expected a string of 1 to 63 characters, got 5"},
    {"date as a number", "{\"date\":20261121,\"routine\":\"a\",\"seconds\":1,\"steps\":1,\"of\":1,\"finished\":true}\n", 0, 0,
     ":1: $.date: expected a real local date and time \"YYYY-MM-DDTHH:MM:SS\", got 20261121"},

    /* ranges */
    {"negative seconds", REC(D1, "a", -1, 1, 1, true), 0, 0, ":1: $.seconds: expected a whole number from 0 to 86400, got -1"},
    {"seconds over a day", REC(D1, "a", 86401, 1, 1, true), 0, 0,
     ":1: $.seconds: expected a whole number from 0 to 86400, got 86401"},
    {"fractional seconds", REC(D1, "a", 59.5, 1, 1, true), 0, 0,
     ":1: $.seconds: expected a whole number from 0 to 86400, got 59.5"},
    {"seconds too large for a double", REC(D1, "a", 1e999, 1, 1, true), 0, 0,
     ":1: $.seconds: expected a whole number from 0 to 86400, got a number too large to use"},
    {"more steps than the routine has", REC(D1, "a", 1, 10, 9, true), 0, 0, ":1: $.steps: expected at most \"of\" (9), got 10"},
    {"a routine of no steps", REC(D1, "a", 1, 0, 0, true), 0, 0, ":1: $.of: expected a whole number from 1 to 10000, got 0"},
    {"negative steps", REC(D1, "a", 1, -1, 1, true), 0, 0, ":1: $.steps: expected a whole number from 0 to 10000, got -1"},
    {"empty routine id", REC(D1, "", 1, 1, 1, true), 0, 0,
     ":1: $.routine: expected a string of 1 to 63 characters, got an empty string"},
    {"routine id of 64 characters", REC(D1, LONG64, 1, 1, 1, true), 0, 0,
     ":1: $.routine: expected a string of 1 to 63 characters, got 64 characters"},
    {"routine id of 64 bytes in 32 characters", REC(D1, E8 E8 E8 E8, 1, 1, 1, true), 0, 0,
     ":1: $.routine: expected at most 63 bytes, got 64"},
    {"routine id with a control character", REC(D1, "a\\u0007b", 1, 1, 1, true), 0, 0,
     ":1: $.routine: control character U+0007 at character 2; text must be one plain line"},

    /* dates */
    {"no 29 February in 2026", REC("2026-02-29T07:30:05", "a", 1, 1, 1, true), 0, 0,
     ":1: $.date: expected a real local date and time \"YYYY-MM-DDTHH:MM:SS\", got \"2026-02-29T07:30:05\""},
    {"no 29 February in 1900", REC("1900-02-29T07:30:05", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"31 April", REC("2026-04-31T07:30:05", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"month 13", REC("2026-13-01T07:30:05", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"day 0", REC("2026-01-00T07:30:05", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"hour 24", REC("2026-11-21T24:00:00", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"second 60", REC("2026-11-21T23:59:60", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"a time zone", REC("2026-11-21T07:30:05Z", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"a space for the T", REC("2026-11-21 07:30:05", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"a sign in a field", REC("2026-+1-21T07:30:05", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"a space in a field", REC("2026-11- 1T07:30:05", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"a date only", REC("2026-11-21", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
    {"before 1900", REC("1899-12-31T23:59:59", "a", 1, 1, 1, true), 0, 0, ":1: $.date: "},
};

static void test_damaged_files(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t c = 0; c < sizeof damage_cases / sizeof damage_cases[0]; c++) {
        const DamageCase *dc = &damage_cases[c];
        size_t len = dc->len ? dc->len : strlen(dc->text);
        char dir[TP], path[TP], aside[TP], want[TP + 512];
        make_dir(dir, "damage");
        path_in(path, dir, "history.jsonl");
        write_bytes(path, dc->text, len);
        capture_begin();
        History *h = history_load(path);
        char *warnings = capture_end();
        const char *why = NULL;
        int asides = count_entries(dir, ".corrupt-", aside);
        size_t same_len = 0;
        char *same = read_all(path, &same_len);
        bool untouched = same && same_len == len && memcmp(same, dc->text, len) == 0 && asides == 0;
        free(same);
        if (!untouched) {
            why = "loading changed the file";
        } else if (!h || history_count(h) != dc->kept) {
            why = "wrong number of good records";
        } else if (!dc->expect) {
            if (warnings[0] || asides != 0)
                why = "a good file was treated as damaged";
        } else {
            snprintf(want, sizeof want, "psoas-coach: history: %s%s", path, dc->expect);
            if (count_lines(warnings) != 1 || strncmp(warnings, want, strlen(want)) != 0)
                why = "not the expected warning";
        }
        history_free(h);
        /* The next record repairs it: the damaged file kept aside intact,
         * told in one line (the damage itself was told already); then the
         * file loads cleanly. */
        HistoryRecord more = rec_of("2026-12-01T08:00:00", "breathe", 60, 1, 1, true);
        if (!why) {
            free(warnings);
            capture_begin();
            bool appended = history_append(path, &more);
            char *repair = capture_end();
            capture_begin();
            h = history_load(path);
            warnings = capture_end();
            size_t kept_len = 0;
            char *kept = count_entries(dir, ".corrupt-", aside) == 1 ? read_all(aside, &kept_len) : NULL;
            if (!appended || history_count(h) != dc->kept + 1 || warnings[0])
                why = "the repaired file does not work";
            else if (dc->expect && (!kept || kept_len != len || memcmp(kept, dc->text, len) != 0))
                why = "the damaged file was not kept aside intact";
            else if (dc->expect && (count_lines(repair) != 1 || !strstr(repair, "is kept as ")))
                why = "not one short line about the repair";
            else if (!dc->expect && (kept || repair[0]))
                why = "a good file was moved aside";
            free(kept);
            free(repair);
            history_free(h);
        }
        if (why) {
            failures++;
            fprintf(stderr, "case \"%s\": %s\n  expected: %s%s\n  got:      %s", dc->name, why,
                    dc->expect ? path : "(no warning)", dc->expect ? dc->expect : "", warnings);
            fprintf(stderr, "%s", warnings[0] && warnings[strlen(warnings) - 1] == '\n' ? "" : "\n");
        }
        free(warnings);
        rm_rf(dir);
    }
    assert_int_equal(failures, 0);
}

/* Copies already bear the names this second's and the next seconds'
 * repair would choose: none is overwritten, the new one gets its own. */
static void test_damaged_copies_are_never_overwritten(void **state)
{
    (void)state;
    enum { TAKEN = 6 };
    char dir[TP], path[TP], taken[TAKEN][TP];
    make_dir(dir, "twice");
    path_in(path, dir, "history.jsonl");
    time_t now = time(NULL);
    for (int i = 0; i < TAKEN; i++) {
        time_t t = now + i;
        struct tm tm;
        char stamp[32];
        assert_non_null(localtime_r(&t, &tm));
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        assert_true(snprintf(taken[i], TP, "%s.corrupt-%s", path, stamp) < TP);
        write_bytes(taken[i], "older copy\n", 11);
    }
    write_bytes(path, GOOD "damaged\n", strlen(GOOD) + 8);
    HistoryRecord more = rec_of("2026-12-01T08:00:00", "breathe", 60, 1, 1, true);
    capture_begin();
    assert_true(history_append(path, &more));
    char *warnings = capture_end();
    History *h = history_load(path);
    assert_int_equal(history_count(h), 2);
    history_free(h);
    for (int i = 0; i < TAKEN; i++) {
        char *text = read_all(taken[i], NULL);
        assert_non_null(text);
        assert_string_equal(text, "older copy\n");
        free(text);
    }
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), TAKEN + 1);
    /* The new copy is the one the warning names, and holds the damage. */
    const char *moved = strstr(warnings, "; moved it to ");
    assert_non_null(moved);
    char aside[TP];
    snprintf(aside, sizeof aside, "%s", moved + strlen("; moved it to "));
    char *end = strstr(aside, " and kept 1 good record in a fresh file, with this session");
    assert_non_null(end);
    *end = '\0';
    size_t len;
    char *text = read_all(aside, &len);
    assert_non_null(text);
    assert_int_equal(len, strlen(GOOD) + 8);
    assert_memory_equal(text, GOOD "damaged\n", len);
    free(text);
    free(warnings);
    rm_rf(dir);
}

static void test_huge_line(void **state)
{
    (void)state;
    char dir[TP], path[TP], want[TP + 128];
    make_dir(dir, "huge");
    path_in(path, dir, "history.jsonl");
    size_t big = 1000000;
    size_t len = strlen(GOOD) + big + 1 + strlen(GOOD2);
    char *text = malloc(len);
    assert_non_null(text);
    memcpy(text, GOOD, strlen(GOOD));
    memset(text + strlen(GOOD), '{', big);
    text[strlen(GOOD) + big] = '\n';
    memcpy(text + strlen(GOOD) + big + 1, GOOD2, strlen(GOOD2));
    write_bytes(path, text, len);
    capture_begin();
    History *h = history_load(path);
    char *warnings = capture_end();
    snprintf(want, sizeof want, "psoas-coach: history: %s:2: a line of 1000000 bytes; a record is at most %d;",
             path, HISTORY_LINE_MAX);
    assert_int_equal(history_count(h), 2);
    assert_memory_equal(warnings, want, strlen(want));
    assert_int_equal(count_lines(warnings), 1);
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), 0);
    assert_true(history_append(path, &five[0]));
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), 1);
    history_free(h);
    free(warnings);
    free(text);
    rm_rf(dir);
}

/* A file over HISTORY_MAX_FILE bytes: its newest records are kept, the
 * whole file is moved aside. */
static void test_file_over_the_byte_limit(void **state)
{
    (void)state;
    char dir[TP], path[TP], aside[TP], want[TP + 128];
    make_dir(dir, "bytes");
    path_in(path, dir, "history.jsonl");
    size_t pad = (size_t)HISTORY_MAX_FILE + 1000;
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(GOOD, f); /* the oldest record lies beyond the limit */
    for (size_t i = 0; i < pad; i++)
        fputc(i % 100 == 99 ? '\n' : ' ', f); /* blank lines */
    fputs(GOOD GOOD2, f);
    assert_int_equal(fclose(f), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);

    capture_begin();
    History *h = history_load(path);
    char *warnings = capture_end();
    snprintf(want, sizeof want,
             "psoas-coach: history: %s is %lld bytes, over the limit of 16 MiB; showing the newest 2 good records",
             path, (long long)st.st_size);
    assert_int_equal(history_count(h), 2);
    assert_string_equal(history_get(h, 1)->routine, "one-move");
    assert_memory_equal(warnings, want, strlen(want));
    assert_int_equal(count_lines(warnings), 1);
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), 0);
    free(warnings);
    capture_begin();
    assert_true(history_append(path, &five[0]));
    warnings = capture_end();
    assert_non_null(strstr(warnings, "its newest 2 good records and this session are in a fresh file"));
    assert_int_equal(count_entries(dir, ".corrupt-", aside), 1);
    struct stat ast;
    assert_int_equal(stat(aside, &ast), 0);
    assert_int_equal(ast.st_size, st.st_size);
    history_free(h);
    free(warnings);
    rm_rf(dir);
}

/* More than HISTORY_MAX_RECORDS records: all are read; the next append
 * moves the oldest to an archive file, synced before the history is
 * rewritten, and says so; nothing is deleted. */
static void test_too_many_records(void **state)
{
    (void)state;
    char dir[TP], path[TP], archive[TP];
    make_dir(dir, "records");
    path_in(path, dir, "history.jsonl");
    int n = HISTORY_MAX_RECORDS + 5;
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < n; i++) {
        char line[256], date[32];
        snprintf(date, sizeof date, "2026-01-01T%02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
        line_of(line, sizeof line, date, "r", i % 86401, 1, 1, true);
        fputs(line, f);
    }
    assert_int_equal(fclose(f), 0);

    capture_begin();
    History *h = history_load(path);
    char *warnings = capture_end();
    assert_int_equal(history_count(h), n);
    assert_string_equal(warnings, "");
    history_free(h);
    free(warnings);

    HistoryRecord more = rec_of("2026-12-01T08:00:00", "breathe", 60, 1, 1, true);
    HistoryWritten w;
    capture_begin();
    bool appended = history_append_to(path, &more, &w);
    warnings = capture_end();
    assert_true(appended);
    int moved = n + 1 - HISTORY_ARCHIVE_KEEP;
    assert_int_equal(w.archived, moved);
    assert_int_equal(count_entries(dir, ".archive-", archive), 1);
    assert_string_equal(archive, w.archive);
    assert_int_equal(count_lines(warnings), 1);
    assert_non_null(strstr(warnings, w.archive));
    free(warnings);
    h = history_load(path);
    assert_int_equal(history_count(h), HISTORY_ARCHIVE_KEEP);
    assert_int_equal(history_get(h, 0)->seconds, moved);
    assert_string_equal(history_get(h, HISTORY_ARCHIVE_KEEP - 1)->routine, "breathe");
    history_free(h);
    /* the archive holds the oldest, in order, in the history's own form */
    capture_begin();
    h = history_load(archive);
    warnings = capture_end();
    assert_string_equal(warnings, "");
    assert_int_equal(history_count(h), moved);
    for (int i = 0; i < moved; i++)
        assert_int_equal(history_get(h, i)->seconds, i);
    history_free(h);
    free(warnings);
    /* --history names it */
    h = history_load(path);
    char *text = NULL;
    size_t size = 0;
    f = open_memstream(&text, &size);
    history_print(f, h, path, 2026, 12, 1);
    fclose(f);
    assert_non_null(strstr(text, "Older sessions are archived in "));
    assert_non_null(strstr(text, archive));
    free(text);
    history_free(h);
    rm_rf(dir);
}

static void test_not_a_regular_file(void **state)
{
    (void)state;
    char dir[TP], path[TP], want[TP + 128];
    make_dir(dir, "odd");
    path_in(path, dir, "history.jsonl");
    for (int kind = 0; kind < 2; kind++) {
        assert_int_equal(kind == 0 ? mkdir(path, 0700) : mkfifo(path, 0600), 0);
        capture_begin();
        History *h = history_load(path); /* a FIFO must not hang it */
        bool appended = history_append(path, &five[0]);
        char *warnings = capture_end();
        snprintf(want, sizeof want, "psoas-coach: history: cannot read %s: not a regular file; showing no history\n",
                 path);
        assert_non_null(h);
        assert_int_equal(history_count(h), 0);
        assert_false(appended);
        assert_memory_equal(warnings, want, strlen(want));
        assert_int_equal(count_lines(warnings), 2);
        history_free(h);
        free(warnings);
        rm_rf(path);
    }
    rm_rf(dir);
}

static void test_bad_records_are_refused(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "refuse");
    path_in(path, dir, "sub/history.jsonl");
    HistoryRecord bad[6] = {
        rec_of("2026-02-30T07:30:05", "a", 1, 1, 1, true),
        rec_of(D1, "", 1, 1, 1, true),
        rec_of(D1, "a\nb", 1, 1, 1, true),
        rec_of(D1, "a", 1, 2, 1, true),
        rec_of(D1, "a", -5, 1, 1, true),
        rec_of(D1, "a", 1, 1, 1, true),
    };
    memset(bad[5].routine, 'x', sizeof bad[5].routine); /* no NUL */
    static const char *const reasons[6] = {"$.date: ", "$.routine: ", "$.routine: control character U+000A",
                                           "$.steps: ", "$.seconds: ", "no NUL"};
    for (int i = 0; i < 6; i++) {
        capture_begin();
        bool ok = history_append(path, &bad[i]);
        char *warnings = capture_end();
        assert_false(ok);
        assert_non_null(strstr(warnings, "bad record: "));
        assert_non_null(strstr(warnings, reasons[i]));
        assert_non_null(strstr(warnings, path));
        free(warnings);
    }
    /* Nothing was created for them. */
    assert_int_equal(count_all(dir), 0);
    rm_rf(dir);
}

/* ---- two sessions at once ---------------------------------------------- */

enum { WRITERS = 8, EACH = 20 };

static void test_concurrent_appends(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "concurrent");
    path_in(path, dir, "history.jsonl");
    int gate[2];
    assert_int_equal(pipe(gate), 0);
    pid_t pids[WRITERS];
    fflush(stdout);
    fflush(stderr);
    for (int k = 0; k < WRITERS; k++) {
        pids[k] = fork();
        assert_true(pids[k] >= 0);
        if (pids[k] == 0) {
            close(gate[1]);
            char c;
            while (read(gate[0], &c, 1) < 0 && errno == EINTR)
                ; /* returns 0 when the parent closes the gate: all start at once */
            int failed = 0;
            for (int j = 0; j < EACH; j++) {
                char id[16];
                snprintf(id, sizeof id, "writer-%d", k);
                HistoryRecord r = rec_of(D1, id, j, j % 10, 9, j % 2 == 0);
                failed += !history_append(path, &r);
            }
            _exit(failed);
        }
    }
    close(gate[0]);
    close(gate[1]);
    int failed = 0;
    for (int k = 0; k < WRITERS; k++) {
        int status;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
            ;
        failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    assert_int_equal(failed, 0);

    capture_begin();
    History *h = history_load(path);
    char *warnings = capture_end();
    assert_string_equal(warnings, "");
    free(warnings);
    assert_int_equal(history_count(h), WRITERS * EACH);
    int seen[WRITERS][EACH] = {{0}};
    for (int i = 0; i < history_count(h); i++) {
        const HistoryRecord *r = history_get(h, i);
        int k = -1;
        assert_int_equal(sscanf(r->routine, "writer-%d", &k), 1);
        assert_true(k >= 0 && k < WRITERS && r->seconds >= 0 && r->seconds < EACH);
        seen[k][r->seconds]++;
    }
    for (int k = 0; k < WRITERS; k++)
        for (int j = 0; j < EACH; j++)
            assert_int_equal(seen[k][j], 1);
    history_free(h);
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), 0);
    assert_int_equal(count_entries(dir, ".tmp", NULL), 0);
    rm_rf(dir);
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void test_lock_held_too_long(void **state)
{
    (void)state;
    char dir[TP], path[TP], lock[TP];
    make_dir(dir, "locked");
    path_in(path, dir, "history.jsonl");
    assert_true(snprintf(lock, sizeof lock, "%s.lock", path) < (int)sizeof lock);
    assert_true(history_append(path, &five[0]));
    size_t old_len;
    char *old = read_all(path, &old_len);

    /* Another "session" holds the lock (a second open file description
     * conflicts even within one process). */
    int fd = open(lock, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    capture_begin();
    long long start = now_ms();
    bool ok = history_append(path, &five[1]);
    long long waited = now_ms() - start;
    char *warnings = capture_end();
    assert_false(ok);
    assert_true(waited >= HISTORY_LOCK_WAIT_MS - 50 && waited < HISTORY_LOCK_WAIT_MS + 2000);
    char want[TP * 2 + 128];
    snprintf(want, sizeof want, "psoas-coach: history: cannot write %s: another session held %s for 2 s;", path,
             lock);
    assert_memory_equal(warnings, want, strlen(want));
    assert_int_equal(count_lines(warnings), 1);
    free(warnings);
    size_t now_len;
    char *now = read_all(path, &now_len);
    assert_int_equal(now_len, old_len);
    assert_memory_equal(now, old, old_len);
    free(now);

    /* A damaged file is only read while another holds the lock (loading
     * never writes, so never waits). */
    char text[1024];
    snprintf(text, sizeof text, "%sgarbage\n", old);
    write_bytes(path, text, strlen(text));
    capture_begin();
    History *h = history_load(path);
    warnings = capture_end();
    assert_int_equal(history_count(h), 1);
    assert_non_null(strstr(warnings, ":2: column 1: syntax error"));
    assert_non_null(strstr(warnings, "; showing 1 good record; the file is left as it is"));
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), 0);
    history_free(h);
    free(warnings);

    /* Released, all goes on. */
    close(fd);
    capture_begin();
    ok = history_append(path, &five[1]);
    h = history_load(path);
    warnings = capture_end();
    assert_true(ok);
    assert_non_null(strstr(warnings, " is kept as "));
    assert_int_equal(count_lines(warnings), 1);
    free(warnings);
    assert_int_equal(history_count(h), 2);
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), 1);
    history_free(h);
    free(old);
    rm_rf(dir);
}

/* ---- figures and output ------------------------------------------------ */

/* Loads a history of RECORDS written as a file by the test. */
static History *history_of(const HistoryRecord *records, int n)
{
    char dir[TP], path[TP];
    make_dir(dir, "made");
    path_in(path, dir, "history.jsonl");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (int i = 0; i < n; i++) {
        char line[512];
        const HistoryRecord *r = &records[i];
        line_of(line, sizeof line, r->date, r->routine, r->seconds, r->steps, r->of, r->finished);
        fputs(line, f);
    }
    assert_int_equal(fclose(f), 0);
    capture_begin();
    History *h = history_load(path);
    char *warnings = capture_end();
    assert_string_equal(warnings, "");
    free(warnings);
    assert_int_equal(history_count(h), n);
    rm_rf(dir);
    return h;
}

typedef struct StreakCase {
    const char *name;     /* the situation */
    int y, m, d;          /* today */
    const char *days[6];  /* record dates (YYYY-MM-DD), NULL-ended */
    int streak;           /* expected */
} StreakCase;

static const StreakCase streak_cases[] = {
    {"nothing yet", 2026, 3, 1, {NULL}, 0},
    {"today only", 2026, 3, 1, {"2026-03-01", NULL}, 1},
    {"yesterday only: not broken until today is over", 2026, 3, 1, {"2026-02-28", NULL}, 1},
    {"the day before yesterday: broken", 2026, 3, 1, {"2026-02-27", NULL}, 0},
    {"three days to today across a month", 2026, 3, 1, {"2026-02-27", "2026-02-28", "2026-03-01", NULL}, 3},
    {"two days to yesterday", 2026, 3, 1, {"2026-02-27", "2026-02-28", NULL}, 2},
    {"a gap", 2026, 3, 1, {"2026-02-26", "2026-02-28", "2026-03-01", NULL}, 2},
    {"several records a day", 2026, 3, 1, {"2026-02-28", "2026-03-01", "2026-03-01", "2026-02-28", "2026-03-01", NULL}, 2},
    {"a leap day", 2024, 3, 1, {"2024-02-28", "2024-02-29", "2024-03-01", NULL}, 3},
    {"a leap day missed", 2024, 3, 1, {"2024-02-28", "2024-03-01", NULL}, 1},
    {"1 March 2100 follows 28 February", 2100, 3, 1, {"2100-02-28", "2100-03-01", NULL}, 2},
    {"2000 had a 29 February", 2000, 3, 1, {"2000-02-28", "2000-03-01", NULL}, 1},
    {"across a year, out of order", 2027, 1, 1, {"2026-12-31", "2027-01-01", "2026-12-30", NULL}, 3},
    {"30 April", 2026, 5, 1, {"2026-04-29", "2026-04-30", NULL}, 2},
    {"a record in the future neither counts nor breaks", 2026, 3, 1, {"2026-03-05", "2026-03-01", "2026-02-28", NULL}, 2},
    {"only the future", 2026, 3, 1, {"2026-03-02", NULL}, 0},
};

static void test_streaks(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t c = 0; c < sizeof streak_cases / sizeof streak_cases[0]; c++) {
        const StreakCase *sc = &streak_cases[c];
        HistoryRecord recs[6];
        int n = 0;
        for (; sc->days[n]; n++) {
            char date[32];
            snprintf(date, sizeof date, "%sT%02d:00:00", sc->days[n], 23 - n);
            recs[n] = rec_of(date, "a", 90, 1, 1, n % 2 == 0);
        }
        History *h = history_of(recs, n);
        int minutes = -1, streak = -1;
        history_stats(h, sc->y, sc->m, sc->d, &minutes, &streak);
        if (streak != sc->streak || minutes != n * 90 / 60) {
            failures++;
            fprintf(stderr, "streak \"%s\": got %d days, %d min; expected %d days, %d min\n", sc->name, streak,
                    minutes, sc->streak, n * 90 / 60);
        }
        history_free(h);
    }
    assert_int_equal(failures, 0);
    int minutes = -1, streak = -1;
    history_stats(NULL, 2026, 3, 1, &minutes, &streak);
    assert_int_equal(minutes, 0);
    assert_int_equal(streak, 0);
}

/* 800 consecutive days (two year ends, a leap day), dates made by the C
 * library's UTC calendar, which the module does not use. */
static void test_long_streak(void **state)
{
    (void)state;
    enum { DAYS = 800 };
    HistoryRecord *recs = calloc(DAYS + 1, sizeof *recs);
    assert_non_null(recs);
    struct tm start = {.tm_year = 2023 - 1900, .tm_mon = 11, .tm_mday = 1, .tm_hour = 12};
    time_t t0 = timegm(&start);
    struct tm tm;
    for (int i = 0; i < DAYS; i++) {
        time_t t = t0 + (time_t)i * 86400;
        gmtime_r(&t, &tm);
        strftime(recs[i].date, sizeof recs[i].date, "%Y-%m-%dT%H:%M:%S", &tm);
        recs[i] = rec_of(recs[i].date, "desk-release", 86400, 1, 1, true);
    }
    History *h = history_of(recs, DAYS);
    int minutes, streak;
    history_stats(h, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &minutes, &streak);
    assert_int_equal(streak, DAYS);
    assert_int_equal(minutes, DAYS * 1440);
    history_stats(h, tm.tm_year + 1900 + 1, 1, 1, &minutes, &streak); /* long after */
    assert_int_equal(streak, 0);
    history_free(h);
    free(recs);
}

static void test_minutes(void **state)
{
    (void)state;
    HistoryRecord recs[3] = {
        rec_of(D1, "a", 59, 1, 1, true),
        rec_of(D1, "a", 61, 1, 1, false),
        rec_of(D1, "a", 3600, 1, 1, true),
    };
    History *h = history_of(recs, 1);
    int minutes, streak;
    history_stats(h, 2026, 11, 21, &minutes, &streak);
    assert_int_equal(minutes, 0); /* 59 s */
    assert_int_equal(streak, 0); /* under a minute: no day of the streak */
    history_free(h);
    h = history_of(recs, 3);
    history_stats(h, 2026, 11, 22, &minutes, &streak);
    assert_int_equal(minutes, 62); /* 3720 s: summed first, then divided */
    assert_int_equal(streak, 1);
    history_free(h);
}

static char *print_to_string(const History *h, const char *path, int y, int m, int d)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    history_print(f, h, path, y, m, d);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_print(void **state)
{
    (void)state;
    char *text = print_to_string(NULL, "/home/u/.local/state/psoas-coach/history.jsonl", 2026, 11, 22);
    assert_string_equal(text, "No practice recorded yet (history file: /home/u/.local/state/psoas-coach/history.jsonl).\n");
    free(text);
    History *h = history_of(NULL, 0);
    text = print_to_string(h, "h.jsonl", 2026, 11, 22);
    assert_string_equal(text, "No practice recorded yet (history file: h.jsonl).\n");
    free(text);
    history_free(h);

    HistoryRecord recs[4] = {
        rec_of("2026-11-20T07:30:05", "desk-release", 593, 9, 9, true),
        rec_of("2026-11-21T18:02:59", "caf\xc3\xa9", 125, 3, 12, false),
        rec_of("2026-11-22T06:00:00", "psoas-flow", 6000, 120, 120, true),
        rec_of("2026-11-22T21:15:00", "one-move", 0, 0, 1, false),
    };
    h = history_of(recs, 4);
    text = print_to_string(h, "h.jsonl", 2026, 11, 22);
    assert_string_equal(text,
                        "2026-11-20 07:30  desk-release    9:53      9/9 steps  finished\n"
                        "2026-11-21 18:02  caf\xc3\xa9            2:05     3/12 steps  left\n"
                        "2026-11-22 06:00  psoas-flow    100:00  120/120 steps  finished\n"
                        "2026-11-22 21:15  one-move        0:00      0/1 steps  left\n"
                        "4 sessions, 111 minutes in all; current streak: 3 days.\n"
                        "A day counts toward the streak with a session of at least 1 minute.\n");
    free(text);
    history_free(h);

    h = history_of(recs, 1);
    text = print_to_string(h, "h.jsonl", 2026, 11, 25);
    assert_string_equal(text,
                        "2026-11-20 07:30  desk-release   9:53    9/9 steps  finished\n"
                        "1 session, 9 minutes in all; current streak: 0 days.\n"
                        "A day counts toward the streak with a session of at least 1 minute.\n");
    free(text);
    history_free(h);

    /* a made practice is named in words, its id kept only when it is not
     * one the composer could have made */
    HistoryRecord made[4] = {
        rec_of("2026-12-06T07:30:05", "made-floor-20", 1203, 12, 12, true),
        rec_of("2026-12-06T18:00:00", "made-all-5", 300, 6, 6, true),
        rec_of("2026-12-07T07:00:00", "made-hips-20", 60, 1, 6, false),
        rec_of("2026-12-07T08:00:00", "made-floor-61", 60, 1, 6, false),
    };
    h = history_of(made, 4);
    text = print_to_string(h, "h.jsonl", 2026, 12, 7);
    assert_string_equal(text,
                        "2026-12-06 07:30  Made for you \xC2\xB7 floor \xC2\xB7 20 min      20:03  12/12 steps  finished\n"
                        "2026-12-06 18:00  Made for you \xC2\xB7 everything \xC2\xB7 5 min   5:00    6/6 steps  finished\n"
                        "2026-12-07 07:00  made-hips-20                        1:00    1/6 steps  left\n"
                        "2026-12-07 08:00  made-floor-61                       1:00    1/6 steps  left\n"
                        "4 sessions, 27 minutes in all; current streak: 2 days.\n"
                        "A day counts toward the streak with a session of at least 1 minute.\n");
    free(text);
    history_free(h);
}

/* ---- paths and clocks ---------------------------------------------------- */

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
        {"/x/state", "/home/u", "/x/state/psoas-coach/history.jsonl"},
        {"/x/state/", "/home/u", "/x/state/psoas-coach/history.jsonl"},
        {"/x/state", NULL, "/x/state/psoas-coach/history.jsonl"},
        {NULL, "/home/u", "/home/u/.local/state/psoas-coach/history.jsonl"},
        {"", "/home/u", "/home/u/.local/state/psoas-coach/history.jsonl"},
        {"state", "/home/u", "/home/u/.local/state/psoas-coach/history.jsonl"},
        {"./state", "/home/u/", "/home/u/.local/state/psoas-coach/history.jsonl"},
        {NULL, NULL, NULL},
        {"", "", NULL},
        {"state", "home/u", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_env("XDG_STATE_HOME", cases[i].state);
        set_env("HOME", cases[i].home);
        char out[TP] = "junk";
        int rc = history_default_path(out, sizeof out);
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
    char small[20] = "junk";
    assert_int_equal(history_default_path(small, sizeof small), -1);
    assert_string_equal(small, "");
    set_env("XDG_STATE_HOME", old_state);
    set_env("HOME", old_home);
    free(old_state);
    free(old_home);
}

static void test_stamp_and_today(void **state)
{
    (void)state;
    char *old_tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    setenv("TZ", "UTC0", 1);
    tzset();
    HistoryRecord r = rec_of("", "desk-release", 593, 9, 9, true);
    assert_true(history_stamp(&r, (time_t)1795246205));
    assert_string_equal(r.date, "2026-11-21T07:30:05");
    int y = 0, m = 0, d = 0;
    assert_true(history_today((time_t)1795246205, &y, &m, &d));
    assert_int_equal(y, 2026);
    assert_int_equal(m, 11);
    assert_int_equal(d, 21);
    /* Local time: five hours west of UTC the epoch is still 1969. */
    setenv("TZ", "EST5", 1);
    tzset();
    assert_true(history_stamp(&r, 0));
    assert_string_equal(r.date, "1969-12-31T19:00:00");
    assert_true(history_today(0, &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 19691231);
    /* A stamped record is one the file takes. */
    char dir[TP], path[TP];
    make_dir(dir, "stamp");
    path_in(path, dir, "history.jsonl");
    assert_true(history_append(path, &r));
    rm_rf(dir);
    /* Before 1900 there is no stamp. */
    assert_false(history_stamp(&r, (time_t)-2300000000LL));
    assert_string_equal(r.date, "");
    if (old_tz)
        setenv("TZ", old_tz, 1);
    else
        unsetenv("TZ");
    tzset();
    free(old_tz);
}

/* ---- repairs, limits of the folder, links, leftovers, trials ----------- */

/* A damaged history: loading it writes nothing; a repair that cannot
 * write its fresh file (a full disk) leaves the damaged file exactly where
 * and as it was; with room again the next record repairs it. */
static void test_repair_waits_for_room(void **state)
{
    (void)state;
    char dir[TP], path[TP], aside[TP];
    make_dir(dir, "repair");
    path_in(path, dir, "history.jsonl");
    static const char text[] = GOOD "oops\n" GOOD2;
    write_bytes(path, text, strlen(text));
    capture_begin();
    History *h = history_load(path);
    history_free(h);
    h = history_load(path);
    char *warnings = capture_end();
    assert_int_equal(history_count(h), 2);
    assert_int_equal(count_lines(warnings), 1); /* told once, however often read */
    history_free(h);
    free(warnings);
    size_t len;
    char *now = read_all(path, &len);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(now, text, len);
    free(now);
    assert_int_equal(count_all(dir), 1); /* no lock, no copy: nothing written */

    FullDisk fd = {path, 64};
    char out[4096];
    assert_int_equal(run_child(append_over_limit, &fd, out, sizeof out), 0);
    now = read_all(path, &len);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(now, text, len);
    free(now);
    assert_int_equal(count_entries(dir, ".corrupt-", NULL), 0);
    assert_int_equal(count_entries(dir, ".tmp", NULL), 0);
    assert_non_null(strstr(out, "cannot write"));
    assert_null(strstr(out, "moved it"));

    HistoryRecord more = rec_of("2026-12-01T08:00:00", "breathe", 60, 1, 1, true);
    capture_begin();
    assert_true(history_append(path, &more));
    warnings = capture_end();
    assert_int_equal(count_entries(dir, ".corrupt-", aside), 1);
    now = read_all(aside, &len);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(now, text, len);
    free(now);
    assert_non_null(strstr(warnings, aside));
    free(warnings);
    h = history_load(path);
    assert_int_equal(history_count(h), 3);
    history_free(h);
    rm_rf(dir);
}

/* In the child, as nobody: append to a history in a read-only folder
 * that has never held one (no lock file yet). Exit 0 when refused; 77
 * when the folder stayed writable. */
static int readonly_fresh(void *arg)
{
    const char *dir = arg;
    if (geteuid() == 0 &&
        (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0 || geteuid() == 0))
        return 77;
    char path[TP];
    path_in(path, dir, "probe");
    int pfd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (pfd >= 0) {
        close(pfd);
        unlink(path);
        return 77;
    }
    path_in(path, dir, "history.jsonl");
    return history_append(path, &five[0]) ? 1 : 0;
}

static void test_read_only_folder_names_the_cause(void **state)
{
    (void)state;
    char dir[TP];
    make_dir(dir, "rofresh");
    assert_int_equal(chmod(dir, 0555), 0);
    if (geteuid() == 0) {
        assert_int_equal(chmod(base, 0711), 0);
        assert_int_equal(chown(dir, 65534, 65534), 0);
    }
    char warnings[4096];
    int status = run_child(readonly_fresh, dir, warnings, sizeof warnings);
    if (geteuid() == 0)
        chmod(base, 0700);
    chmod(dir, 0700);
    if (status == 77) {
        rm_rf(dir);
        skip();
    }
    assert_int_equal(status, 0);
    char want[TP + 64];
    snprintf(want, sizeof want, "cannot write in the folder %s: %s", dir, strerror(EACCES));
    assert_non_null(strstr(warnings, want));
    assert_null(strstr(warnings, "No such file"));
    assert_int_equal(count_lines(warnings), 1);
    rm_rf(dir);
}

/* Links where our files should be: nothing is created or written through
 * them, one line says so, and the link stays as it was. */
static void test_links_are_not_followed(void **state)
{
    (void)state;
    char dir[TP], path[TP], lock[TP], outside[TP], target[TP];
    make_dir(dir, "links");
    make_dir(outside, "elsewhere");
    path_in(path, dir, "history.jsonl");
    path_in(lock, dir, "history.jsonl.lock");
    path_in(target, outside, "made-by-a-link");

    /* a dangling link for the lock */
    assert_int_equal(symlink(target, lock), 0);
    capture_begin();
    bool ok = history_append(path, &five[0]);
    char *warnings = capture_end();
    assert_false(ok);
    struct stat st;
    assert_int_equal(lstat(target, &st), -1);
    assert_int_equal(lstat(lock, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(count_lines(warnings), 1);
    assert_non_null(strstr(warnings, "symbolic link"));
    free(warnings);
    unlink(lock);

    /* the history itself a link to a file elsewhere: read, never replaced */
    write_bytes(target, GOOD, strlen(GOOD));
    assert_int_equal(symlink(target, path), 0);
    History *h = history_load(path);
    assert_int_equal(history_count(h), 1);
    history_free(h);
    capture_begin();
    ok = history_append(path, &five[0]);
    warnings = capture_end();
    assert_false(ok);
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    size_t len;
    char *text = read_all(target, &len);
    assert_int_equal(len, strlen(GOOD));
    assert_memory_equal(text, GOOD, len);
    free(text);
    assert_int_equal(count_lines(warnings), 1);
    assert_non_null(strstr(warnings, "symbolic link"));
    assert_non_null(strstr(warnings, target));
    free(warnings);
    unlink(path);

    /* a folder of another user's */
    if (geteuid() == 0) {
        assert_int_equal(chown(dir, 65534, 65534), 0);
        capture_begin();
        ok = history_append(path, &five[0]);
        warnings = capture_end();
        assert_false(ok);
        assert_non_null(strstr(warnings, "belongs to another user"));
        free(warnings);
        assert_int_equal(chown(dir, 0, 0), 0);
    }
    rm_rf(dir);
    rm_rf(outside);
}

/* Temporary files a crash left: only ours, and only stale ones, go. */
static void test_stale_temporary_files(void **state)
{
    (void)state;
    char dir[TP], path[TP], name[TP];
    make_dir(dir, "temps");
    path_in(path, dir, "history.jsonl");
    assert_true(history_append(path, &five[0]));
    pid_t dead = fork();
    if (dead == 0)
        _exit(0);
    assert_true(dead > 0);
    waitpid(dead, NULL, 0);
    char dead_tmp[TP], live_tmp[TP], young_old_style[TP], old_old_style[TP], not_ours[TP], link_tmp[TP];
    snprintf(name, sizeof name, "history.jsonl.tmp-%ld-aaaaaa", (long)dead);
    path_in(dead_tmp, dir, name);
    snprintf(name, sizeof name, "history.jsonl.tmp-%ld-bbbbbb", (long)getpid());
    path_in(live_tmp, dir, name);
    path_in(young_old_style, dir, "history.jsonl.tmp-Xy12zz");
    path_in(old_old_style, dir, "history.jsonl.tmp-Ab34cd");
    snprintf(name, sizeof name, "settings.json.tmp-%ld-cccccc", (long)dead);
    path_in(not_ours, dir, name);
    snprintf(name, sizeof name, "history.jsonl.tmp-%ld-link", (long)dead);
    path_in(link_tmp, dir, name);
    const char *files[] = {dead_tmp, live_tmp, young_old_style, old_old_style, not_ours};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        write_bytes(files[i], "half a file", 11);
    assert_int_equal(symlink(path, link_tmp), 0);
    struct timespec old[2] = {{time(NULL) - 2 * HISTORY_TEMP_STALE_S, 0}, {time(NULL) - 2 * HISTORY_TEMP_STALE_S, 0}};
    assert_int_equal(utimensat(AT_FDCWD, old_old_style, old, 0), 0);

    assert_int_equal(history_tidy(path), 2);
    struct stat st;
    assert_int_equal(lstat(dead_tmp, &st), -1);
    assert_int_equal(lstat(old_old_style, &st), -1);
    assert_int_equal(lstat(live_tmp, &st), 0);
    assert_int_equal(lstat(young_old_style, &st), 0);
    assert_int_equal(lstat(not_ours, &st), 0);
    assert_int_equal(lstat(link_tmp, &st), 0);
    assert_int_equal(lstat(path, &st), 0);
    /* an append cleans the same way, under the lock */
    write_bytes(dead_tmp, "half a file", 11);
    assert_true(history_append(path, &five[1]));
    assert_int_equal(lstat(dead_tmp, &st), -1);
    assert_int_equal(lstat(live_tmp, &st), 0);
    rm_rf(dir);
}

/* Sessions at another speed are trials: kept with their "speed", shown,
 * and left out of the minutes and the streak. */
static void test_trials(void **state)
{
    (void)state;
    char dir[TP], path[TP];
    make_dir(dir, "trials");
    path_in(path, dir, "history.jsonl");
    HistoryRecord practice = rec_of("2026-11-22T07:00:00", "desk-release", 600, 9, 9, true);
    HistoryRecord trial = rec_of("2026-11-22T08:00:00", "psoas-flow", 1320, 12, 12, true);
    trial.speed = 4;
    HistoryRecord trial_yesterday = rec_of("2026-11-21T08:00:00", "psoas-flow", 1320, 12, 12, true);
    trial_yesterday.speed = 1000;
    assert_false(history_is_trial(&practice));
    assert_true(history_is_trial(&trial));
    assert_true(history_append(path, &trial_yesterday));
    assert_true(history_append(path, &practice));
    assert_true(history_append(path, &trial));
    char *text = read_all(path, NULL);
    assert_non_null(strstr(text, "\"finished\":true,\"speed\":4}\n"));
    assert_non_null(strstr(text, "\"speed\":1000}\n"));
    assert_int_equal(count_lines(text), 3);
    free(text);
    History *h = history_load(path);
    assert_int_equal(history_count(h), 3);
    assert_true(history_get(h, 0)->speed == 1000);
    assert_false(history_is_trial(history_get(h, 1)));
    int minutes, streak;
    history_stats(h, 2026, 11, 22, &minutes, &streak);
    assert_int_equal(minutes, 10);
    assert_int_equal(streak, 1); /* yesterday had only a trial */
    text = print_to_string(h, path, 2026, 11, 22);
    assert_non_null(strstr(text, "finished  trial at 4x\n"));
    assert_non_null(strstr(text, "1 session, 10 minutes in all; current streak: 1 day.\n2 trials at another --speed"));
    free(text);
    history_free(h);
    /* a speed outside --speed's range is damage, named */
    write_bytes(path, REC(D1, "a", 1, 1, 1, true), strlen(REC(D1, "a", 1, 1, 1, true)));
    static const char bad[] = "{\"date\":\"" D1 "\",\"routine\":\"a\",\"seconds\":1,\"steps\":1,\"of\":1,"
                              "\"finished\":true,\"speed\":0}\n";
    write_bytes(path, bad, strlen(bad));
    capture_begin();
    h = history_load(path);
    char *warnings = capture_end();
    assert_int_equal(history_count(h), 0);
    assert_non_null(strstr(warnings, "$.speed: "));
    history_free(h);
    free(warnings);
    rm_rf(dir);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(base, sizeof base, "/tmp/psoas-history-XXXXXX");
    return mkdtemp(base) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    rm_rf(base);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_missing_file_is_empty),
        cmocka_unit_test(test_full_disk_keeps_the_old_file),
        cmocka_unit_test(test_read_only_directory_keeps_the_old_file),
        cmocka_unit_test(test_truncated_at_every_byte),
        cmocka_unit_test(test_damaged_files),
        cmocka_unit_test(test_damaged_copies_are_never_overwritten),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_file_over_the_byte_limit),
        cmocka_unit_test(test_too_many_records),
        cmocka_unit_test(test_not_a_regular_file),
        cmocka_unit_test(test_bad_records_are_refused),
        cmocka_unit_test(test_concurrent_appends),
        cmocka_unit_test(test_lock_held_too_long),
        cmocka_unit_test(test_streaks),
        cmocka_unit_test(test_long_streak),
        cmocka_unit_test(test_minutes),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_stamp_and_today),
        cmocka_unit_test(test_repair_waits_for_room),
        cmocka_unit_test(test_read_only_folder_names_the_cause),
        cmocka_unit_test(test_links_are_not_followed),
        cmocka_unit_test(test_stale_temporary_files),
        cmocka_unit_test(test_trials),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
