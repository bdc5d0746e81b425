/* history.c — see history.h.
 *
 * Every change rewrites the whole file under a lock. The file is small (a
 * record is about 110 bytes; daily practice makes 40 kB a year), so
 * read-modify-write costs nothing, and at every instant the path names
 * either the old file or the new one, never half of each. Each line goes
 * through jsonread, the strict parser the routine files use, so a NUL, bad
 * UTF-8, a duplicate key or a line cut short is caught and named like any
 * other data-file error. Records to append are checked by the same code:
 * they are formatted and parsed back, so the file never holds a line that
 * the next load would call damage. */
#include "history.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "compose.h"
#include "jsonread.h"
#include "log.h"
#include "safefile.h"

#define TAG "history"

/* The name jsonread is given for a line, so its messages can be trimmed
 * to the part after the place (see reason_from). */
#define LINE_TAG "line"

enum {
    PATH_ROOM = 48,                  /* bytes PATH may grow by: ".corrupt-YYYYMMDD-HHMMSS-100" */
    LINE_BUF = HISTORY_LINE_MAX + 2, /* a line, its newline and a NUL */
    LOCK_POLL_MS = 5,                /* sleep between tries for the lock */
    MAX_ASIDE = 100,                 /* damaged copies with the same time stamp */
    WRITE_BUF = 8192                 /* bytes gathered before each write() */
};

struct History {
    HistoryRecord *records; /* COUNT records, oldest first (owned) */
    int count;              /* records held */
    int cap;                /* records allocated */
};

/* What was wrong with a file, found while reading it. */
typedef struct Damage {
    int line;                        /* first bad line (1-based), 0 when every line was good */
    int bad_lines;                   /* bad lines in all */
    char reason[DIAG_LINE_MAX + 16]; /* why line LINE is bad, perhaps after "cut short: " */
    long long file_bytes;            /* the file's size when over HISTORY_MAX_FILE, else 0 */
    struct stat st;                  /* the file read, to tell one damaged file from another */
} Damage;

typedef enum ReadStatus {
    READ_OK,      /* read, perhaps with damage */
    READ_MISSING, /* no file: an empty history */
    READ_FAILED,  /* could not be read; the reason is given */
    READ_NOMEM    /* out of memory */
} ReadStatus;

static bool damaged(const Damage *d) { return d->line > 0 || d->file_bytes > 0; }

static const char *plural(long long n) { return n == 1 ? "" : "s"; }

/* ---- dates ---------------------------------------------------------- */

static bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Checks S is "YYYY-MM-DDTHH:MM:SS" naming a real date and time, and
 * stores the date. */
static bool parse_date(const char *s, int *year, int *month, int *day)
{
    /* sscanf's %d alone would take signs, spaces and short fields. */
    static const char shape[] = "dddd-dd-ddTdd:dd:dd";
    if (strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !digit : s[i] != shape[i])
            return false;
    }
    int y, mo, d, h, mi, se;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) != 6)
        return false;
    if (y < HISTORY_MIN_YEAR || y > HISTORY_MAX_YEAR || mo < 1 || mo > 12 || d < 1 ||
        d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59)
        return false;
    *year = y;
    *month = mo;
    *day = d;
    return true;
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil, howardhinnant.github.io/date_algorithms.html).
 * 64-bit throughout: long is 32 bits on a 32-bit Raspberry Pi OS. */
static long long day_number(long long y, long long m, long long d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;                               /* [0, 399] */
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

static bool local_tm(time_t t, struct tm *tm)
{
    return localtime_r(&t, tm) && tm->tm_year >= HISTORY_MIN_YEAR - 1900 &&
           tm->tm_year <= HISTORY_MAX_YEAR - 1900;
}

bool history_stamp(HistoryRecord *rec, time_t t)
{
    struct tm tm;
    rec->date[0] = '\0';
    if (!local_tm(t, &tm))
        return false;
    /* A leap second (tm_sec 60) is no time of the file's format. */
    int sec = tm.tm_sec > 59 ? 59 : tm.tm_sec;
    int w = snprintf(rec->date, sizeof rec->date, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, sec);
    if (w != HISTORY_DATE_SIZE - 1) {
        rec->date[0] = '\0';
        return false;
    }
    return true;
}

bool history_today(time_t t, int *year, int *month, int *day)
{
    struct tm tm;
    if (!local_tm(t, &tm))
        return false;
    *year = tm.tm_year + 1900;
    *month = tm.tm_mon + 1;
    *day = tm.tm_mday;
    return true;
}

/* ---- records and lines ----------------------------------------------- */

static const char *const record_keys[] = {"date", "routine", "seconds", "steps", "of", "finished", "speed"};

/* --speed's range (cli.c): a trial's "speed" */
#define SPEED_MIN 0.1
#define SPEED_MAX 1000.0

bool history_is_trial(const HistoryRecord *rec) { return rec->speed != 0.0 && rec->speed != 1.0; }

/* Reads the whole number KEY of OBJ, LO..HI, into *OUT. */
static bool int_member(JrCtx *ctx, const cJSON *obj, const char *key, int lo, int hi, int *out)
{
    const cJSON *item = jr_member(ctx, obj, "$", key, true);
    char kp[JR_PATH_MAX];
    jr_path_key(kp, "$", key);
    double v;
    if (!item || !jr_number(ctx, item, kp, lo, hi, true, &v))
        return false;
    *out = (int)v;
    return true;
}

/* Parses and checks one line of LEN bytes (no newline). Fills OUT and
 * returns true, or reports the first problem to CTX and returns false. */
static bool parse_record(const char *line, size_t len, HistoryRecord *out, JrCtx *ctx)
{
    cJSON *root = jr_parse(line, len, ctx);
    if (!root)
        return false;
    bool ok = false;
    HistoryRecord r;
    memset(&r, 0, sizeof r);
    char got[JR_PATH_MAX];
    if (!jr_expect_object(ctx, root, "$", "a record") ||
        !jr_check_keys(ctx, root, "$", record_keys, sizeof record_keys / sizeof record_keys[0]))
        goto done;

    const cJSON *item = jr_member(ctx, root, "$", "date", true);
    int y, m, d;
    if (!item)
        goto done;
    if (!cJSON_IsString(item) || !parse_date(item->valuestring, &y, &m, &d)) {
        jr_describe(item, got, sizeof got);
        jr_report(ctx, "$.date", "expected a real local date and time \"YYYY-MM-DDTHH:MM:SS\", got %s", got);
        goto done;
    }
    memcpy(r.date, item->valuestring, HISTORY_DATE_SIZE);

    item = jr_member(ctx, root, "$", "routine", true);
    if (!item || !jr_string(ctx, item, "$.routine", 1, HISTORY_ROUTINE_SIZE - 1, NULL))
        goto done;
    size_t n = strlen(item->valuestring);
    if (n >= HISTORY_ROUTINE_SIZE) {
        jr_report(ctx, "$.routine", "expected at most %d bytes, got %zu", HISTORY_ROUTINE_SIZE - 1, n);
        goto done;
    }
    memcpy(r.routine, item->valuestring, n + 1);

    if (!int_member(ctx, root, "seconds", 0, HISTORY_MAX_SECONDS, &r.seconds) ||
        !int_member(ctx, root, "steps", 0, HISTORY_MAX_STEPS, &r.steps) ||
        !int_member(ctx, root, "of", 1, HISTORY_MAX_STEPS, &r.of))
        goto done;
    if (r.steps > r.of) {
        jr_report(ctx, "$.steps", "expected at most \"of\" (%d), got %d", r.of, r.steps);
        goto done;
    }

    item = jr_member(ctx, root, "$", "finished", true);
    if (!item)
        goto done;
    if (!cJSON_IsBool(item)) {
        jr_describe(item, got, sizeof got);
        jr_report(ctx, "$.finished", "expected true or false, got %s", got);
        goto done;
    }
    r.finished = cJSON_IsTrue(item);

    item = jr_member(ctx, root, "$", "speed", false); /* optional: a trial */
    if (item && !jr_number(ctx, item, "$.speed", SPEED_MIN, SPEED_MAX, false, &r.speed))
        goto done;
    *out = r;
    ok = true;
done:
    cJSON_Delete(root);
    return ok;
}

/* Writes REC as one line with its newline into OUT. Returns the length,
 * or -1 when it does not fit (only for a record parse_record refuses). */
static int format_record(const HistoryRecord *rec, char out[LINE_BUF])
{
    char esc[HISTORY_ROUTINE_SIZE * 6]; /* every byte as \u00XX at worst */
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)rec->routine; *p; p++) {
        if (*p == '"' || *p == '\\') {
            esc[o++] = '\\';
            esc[o++] = (char)*p;
        } else if (*p < 0x20) {
            o += (size_t)snprintf(esc + o, sizeof esc - o, "\\u%04x", *p);
        } else {
            esc[o++] = (char)*p;
        }
    }
    esc[o] = '\0';
    char speed[48] = "";
    if (history_is_trial(rec))
        snprintf(speed, sizeof speed, ",\"speed\":%g", rec->speed);
    int w = snprintf(out, LINE_BUF,
                     "{\"date\":\"%s\",\"routine\":\"%s\",\"seconds\":%d,\"steps\":%d,\"of\":%d,\"finished\":%s%s}\n",
                     rec->date, esc, rec->seconds, rec->steps, rec->of, rec->finished ? "true" : "false", speed);
    return w < 0 || w >= LINE_BUF ? -1 : w;
}

/* The reason in jsonread's line about one of our lines. It names the place
 * as "line:1:COLUMN: " (syntax) or "line: " (schema); the line number is
 * ours to give. Its "end of file" is the end of the line here. */
static void reason_from(const Diag *d, char *out, size_t size)
{
    static const char syntax[] = LINE_TAG ":1:", schema[] = LINE_TAG ": ";
    const char *s = d->count > 0 ? d->lines[0] : "not a record";
    char tmp[DIAG_LINE_MAX];
    if (strncmp(s, syntax, sizeof syntax - 1) == 0)
        snprintf(tmp, sizeof tmp, "column %s", s + sizeof syntax - 1);
    else if (strncmp(s, schema, sizeof schema - 1) == 0)
        snprintf(tmp, sizeof tmp, "%s", s + sizeof schema - 1);
    else
        snprintf(tmp, sizeof tmp, "%s", s);
    const char *eof = strstr(tmp, "end of file");
    if (eof)
        snprintf(out, size, "%.*send of the line%s", (int)(eof - tmp), tmp, eof + strlen("end of file"));
    else
        snprintf(out, size, "%s", tmp);
}

static bool push(History *h, const HistoryRecord *rec)
{
    if (h->count == h->cap) {
        int ncap = h->cap ? h->cap * 2 : 64;
        HistoryRecord *n = realloc(h->records, (size_t)ncap * sizeof *n);
        if (!n)
            return false;
        h->records = n;
        h->cap = ncap;
    }
    h->records[h->count++] = *rec;
    return true;
}

/* Drops the oldest N records of H (archived). */
static void drop_oldest(History *h, int n)
{
    memmove(h->records, h->records + n, (size_t)(h->count - n) * sizeof *h->records);
    h->count -= n;
}

/* Bytes of the shortest line that can be a record. Shorter lines after
 * the first bad one are not parsed: that bounds the work on any file
 * (16 MiB of "x\n" is 8 million lines) to what 190,000 records take. */
enum {
    RECORD_MIN = sizeof "{\"date\":\"2026-11-21T07:30:05\",\"routine\":\"a\",\"seconds\":0,\"steps\":0,"
                        "\"of\":1,\"finished\":true}" - 1
};

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Splits BUF into lines and adds the good records to H, noting the bad
 * ones in DMG. SKIP_FIRST: BUF starts mid-file, so its first line is a
 * fragment. Blank lines are skipped. Returns false when out of memory. */
static bool parse_lines(const char *buf, size_t len, bool skip_first, History *h, Damage *dmg, Diag *diag)
{
    JrCtx ctx = {LINE_TAG, diag};
    size_t i = 0;
    if (skip_first) {
        const char *nl = memchr(buf, '\n', len);
        i = nl ? (size_t)(nl - buf) + 1 : len;
    }
    for (int lineno = 1; i < len; lineno++) {
        const char *line = buf + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + (nl != NULL);
        if (blank(line, n))
            continue;
        HistoryRecord rec;
        char reason[DIAG_LINE_MAX];
        bool good = false;
        if (dmg->bad_lines > 0 && n < RECORD_MIN) {
            /* bad, and only the first bad line's reason is told */
        } else if (n > HISTORY_LINE_MAX) {
            snprintf(reason, sizeof reason, "a line of %zu bytes; a record is at most %d", n, HISTORY_LINE_MAX);
        } else {
            diag_clear(diag);
            good = parse_record(line, n, &rec, &ctx);
            if (!good)
                reason_from(diag, reason, sizeof reason);
        }
        if (good) {
            if (!push(h, &rec))
                return false;
        } else if (dmg->bad_lines++ == 0) {
            dmg->line = lineno;
            snprintf(dmg->reason, sizeof dmg->reason, "%s%s", nl ? "" : "cut short: ", reason);
        }
    }
    return true;
}

/* Reads the file at PATH (its last HISTORY_MAX_FILE bytes) into H, which
 * should be empty, and notes damage in DMG. On READ_FAILED writes the
 * reason into WHY. */
static ReadStatus read_history(const char *path, History *h, Damage *dmg, char *why, size_t why_size)
{
    memset(dmg, 0, sizeof *dmg);
    struct stat st;
    int fd = safefile_open_regular(path, &st, "", why, why_size);
    if (fd < 0)
        return fd == SAFEFILE_MISSING ? READ_MISSING : READ_FAILED;
    dmg->st = st;
    ReadStatus status = READ_FAILED;
    char *buf = NULL;
    Diag *diag = NULL;
    size_t want = (size_t)st.st_size;
    if (st.st_size > HISTORY_MAX_FILE) {
        dmg->file_bytes = (long long)st.st_size;
        want = HISTORY_MAX_FILE;
        if (lseek(fd, st.st_size - HISTORY_MAX_FILE, SEEK_SET) < 0) {
            snprintf(why, why_size, "%s", strerror(errno));
            goto done;
        }
    }
    buf = malloc(want + 1);
    diag = malloc(sizeof *diag);
    if (!buf || !diag) {
        status = READ_NOMEM;
        goto done;
    }
    size_t len = 0;
    int err = safefile_read(fd, buf, want, &len);
    if (err) {
        snprintf(why, why_size, "%s", strerror(err));
        goto done;
    }
    status = parse_lines(buf, len, dmg->file_bytes > 0, h, dmg, diag) ? READ_OK : READ_NOMEM;
done:
    free(diag);
    free(buf);
    close(fd);
    return status;
}

/* ---- files ------------------------------------------------------------ */

/* Whether PATH leaves room for the suffixes of the lock, temporary and
 * damaged files; warns when it does not. */
static bool path_fits(const char *path)
{
    if (path && path[0] && strlen(path) + PATH_ROOM < HISTORY_PATH_MAX)
        return true;
    if (path && path[0])
        log_msg(LOG_WARN, TAG, "history path %s is too long; practice is not recorded", path);
    else
        log_msg(LOG_WARN, TAG, "no history path; practice is not recorded");
    return false;
}

/* Takes an exclusive flock on PATH.lock, trying every LOCK_POLL_MS for
 * WAIT_MS: a blocking flock could hang a session behind a stuck process.
 * Returns the descriptor (close it to unlock) or -1 with the reason in
 * WHY. The lock file stays: removing it would let two processes lock two
 * different files. It is never opened through a symbolic link: a link
 * there could make us create a file anywhere. */
static int lock_take(const char *path, int wait_ms, char *why, size_t why_size)
{
    char lp[HISTORY_PATH_MAX];
    snprintf(lp, sizeof lp, "%s.lock", path);
    int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    int err = errno;
    if (fd < 0 && (err == EACCES || err == EROFS || err == EPERM))
        fd = open(lp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW); /* flock needs no write access */
    if (fd < 0) {
        struct stat st;
        char dir[HISTORY_PATH_MAX];
        safefile_dir_of(path, dir, sizeof dir);
        if (lstat(lp, &st) == 0 && S_ISLNK(st.st_mode))
            snprintf(why, why_size, "%s is a symbolic link; Psoas Coach follows no link to write (remove it)", lp);
        else if (err == EACCES || err == EROFS || err == EPERM)
            snprintf(why, why_size, "cannot write in the folder %s: %s", dir, strerror(err));
        else
            snprintf(why, why_size, "cannot open %s: %s", lp, strerror(err));
        return -1;
    }
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            snprintf(why, why_size, "cannot lock %s: %s", lp, strerror(errno));
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long ms = (now.tv_sec - start.tv_sec) * 1000LL + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (ms >= wait_ms) {
            snprintf(why, why_size, "another session held %s for %d s", lp, wait_ms / 1000);
            break;
        }
        struct timespec nap = {0, LOCK_POLL_MS * 1000000L};
        nanosleep(&nap, NULL);
    }
    close(fd);
    return -1;
}

/* Gathers bytes for write(); the first error sticks in ERR. */
typedef struct Writer {
    int fd;              /* destination */
    size_t used;         /* bytes waiting in BUF */
    int err;             /* the first errno, 0 while all is well */
    char buf[WRITE_BUF]; /* bytes not yet written */
} Writer;

static void writer_flush(Writer *w)
{
    if (!w->err)
        w->err = safefile_write(w->fd, w->buf, w->used);
    w->used = 0;
}

static void writer_put(Writer *w, const char *s, size_t n)
{
    if (w->used + n > sizeof w->buf)
        writer_flush(w);
    memcpy(w->buf + w->used, s, n);
    w->used += n;
}

/* Writes the N records RECS to a new temporary file beside PATH, fsyncs
 * and closes it, and puts its name in TMP. The caller holds the lock and
 * renames or links it into place. On failure removes it, warns once
 * (naming PATH, the errno text and the step, then CONSEQUENCE) and
 * returns false. */
static bool write_temp(const char *path, const HistoryRecord *recs, int n, char tmp[HISTORY_PATH_MAX],
                       const char *consequence)
{
    safefile_temp_name(path, tmp, HISTORY_PATH_MAX); /* fits: path_fits leaves the room */
    Writer *w = malloc(sizeof *w);
    const char *step = "out of memory";
    int err = ENOMEM;
    int fd = -1;
    bool created = false;
    if (!w)
        goto fail;
    step = "creating a temporary file";
    fd = mkstemp(tmp); /* mode 0600: the history is nobody else's business; O_EXCL: never a link */
    if (fd < 0) {
        err = errno;
        goto fail;
    }
    created = true;
    w->fd = fd;
    w->used = 0;
    w->err = 0;
    for (int i = 0; i < n; i++) {
        char line[LINE_BUF];
        int len = format_record(&recs[i], line);
        if (len > 0) /* always: every record was checked on the way in */
            writer_put(w, line, (size_t)len);
    }
    step = "writing";
    writer_flush(w);
    if ((err = w->err) != 0)
        goto fail;
    step = "syncing";
    if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
        err = errno;
        goto fail;
    }
    step = "closing";
    err = close(fd) != 0 ? errno : 0;
    fd = -1;
    if (err != 0)
        goto fail;
    free(w);
    return true;
fail:
    if (fd >= 0)
        close(fd);
    if (created)
        unlink(tmp);
    free(w);
    log_msg(LOG_WARN, TAG, "cannot write %s: %s (%s); %s", path, strerror(err), step, consequence);
    return false;
}

/* Gives the file at FROM the name PATH.KIND-YYYYMMDD-HHMMSS (with -2,
 * -3... when that is taken: nothing is ever overwritten), written into
 * OUT. LINK: keep FROM as it is too (a hard link), so PATH never stops
 * naming a file; when the file system has no hard links, FROM is renamed
 * and *RENAMED set. Returns false with WHY. */
static bool name_dated(const char *from, const char *path, const char *kind, bool link_it, char out[HISTORY_PATH_MAX],
                       bool *renamed, char *why, size_t why_size)
{
    time_t now = time(NULL);
    struct tm tm;
    char stamp[32] = "00000000-000000";
    if (localtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    *renamed = false;
    for (int n = 1; n <= MAX_ASIDE; n++) {
        if (n == 1)
            snprintf(out, HISTORY_PATH_MAX, "%s.%s-%s", path, kind, stamp);
        else
            snprintf(out, HISTORY_PATH_MAX, "%s.%s-%s-%d", path, kind, stamp, n);
        if (link_it && link(from, out) == 0)
            return true;
        if (link_it && errno == EEXIST)
            continue;
        struct stat st;
        if (lstat(out, &st) == 0)
            continue;
        if (errno != ENOENT || rename(from, out) != 0) {
            snprintf(why, why_size, "cannot rename %s to %s: %s", from, out, strerror(errno));
            return false;
        }
        *renamed = true;
        return true;
    }
    snprintf(why, why_size, "%d files named %s.%s-%s already exist", MAX_ASIDE, path, kind, stamp);
    return false;
}

/* The damage last warned about in this process (what, and the file's
 * identity), so each damaged file is told once, however often it is read
 * before it is repaired. */
static char warned_damage[DIAG_LINE_MAX + HISTORY_PATH_MAX + 160];

/* The one warning about a damaged file. ASIDE: where it was kept (the
 * repair), or NULL when it is left as it is. KEPT: good records. */
static void warn_damage(const char *path, const Damage *dmg, int kept, const char *aside)
{
    char what[DIAG_LINE_MAX + HISTORY_PATH_MAX + 64];
    if (dmg->file_bytes > 0) {
        snprintf(what, sizeof what, "%s is %lld bytes, over the limit of %d MiB", path, dmg->file_bytes,
                 HISTORY_MAX_FILE >> 20);
    } else {
        char more[64] = "";
        if (dmg->bad_lines > 1)
            snprintf(more, sizeof more, " (and %d more bad line%s)", dmg->bad_lines - 1,
                     plural(dmg->bad_lines - 1));
        snprintf(what, sizeof what, "%s:%d: %s%s", path, dmg->line, dmg->reason, more);
    }
    char sig[sizeof warned_damage];
    snprintf(sig, sizeof sig, "%s|%llu|%llu|%lld|%lld.%09ld", what, (unsigned long long)dmg->st.st_dev,
             (unsigned long long)dmg->st.st_ino, (long long)dmg->st.st_size, (long long)dmg->st.st_mtim.tv_sec,
             dmg->st.st_mtim.tv_nsec);
    bool told = strcmp(sig, warned_damage) == 0;
    snprintf(warned_damage, sizeof warned_damage, "%s", sig);
    const char *newest = dmg->file_bytes > 0 ? "the newest " : "";
    if (aside && told)
        log_msg(LOG_WARN, TAG, "the damaged %s is kept as %s; its %s%d good record%s and this session are in a "
                "fresh file", path, aside, *newest ? "newest " : "", kept, plural(kept));
    else if (aside)
        log_msg(LOG_WARN, TAG, "%s; moved it to %s and kept %s%d good record%s in a fresh file, with this session",
                what, aside, newest, kept, plural(kept));
    else if (!told)
        log_msg(LOG_WARN, TAG, "%s; showing %s%d good record%s; the file is left as it is until a session is "
                "recorded", what, newest, kept, plural(kept));
}

/* ---- the API ------------------------------------------------------------ */

int history_default_path(char *out, size_t size)
{
    if (size > 0)
        out[0] = '\0';
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    const char *base, *rest;
    if (state && state[0] == '/') {
        base = state;
        rest = "/psoas-coach/history.jsonl";
    } else if (home && home[0] == '/') {
        base = home;
        rest = "/.local/state/psoas-coach/history.jsonl";
    } else {
        return -1;
    }
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        n--;
    if (n > INT_MAX)
        return -1;
    int w = snprintf(out, size, "%.*s%s", (int)n, base, rest);
    if (w < 0 || (size_t)w >= size) {
        if (size > 0)
            out[0] = '\0';
        return -1;
    }
    return 0;
}

History *history_load(const char *path)
{
    History *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    if (!path_fits(path))
        return h;
    Damage dmg;
    char why[HISTORY_PATH_MAX + 128];
    ReadStatus st = read_history(path, h, &dmg, why, sizeof why);
    if (st == READ_OK && damaged(&dmg))
        warn_damage(path, &dmg, h->count, NULL); /* repaired by the next append, never here */
    if (st == READ_NOMEM) {
        log_msg(LOG_WARN, TAG, "cannot read %s: out of memory", path);
        history_free(h);
        return NULL;
    }
    if (st == READ_FAILED)
        log_msg(LOG_WARN, TAG, "cannot read %s: %s; showing no history", path, why);
    return h;
}

void history_free(History *h)
{
    if (!h)
        return;
    free(h->records);
    free(h);
}

int history_count(const History *h) { return h ? h->count : 0; }

const HistoryRecord *history_get(const History *h, int i)
{
    return h && i >= 0 && i < h->count ? &h->records[i] : NULL;
}

/* Checks REC the way a load would, by formatting and parsing it back;
 * stores the parsed copy in *OUT, or the reason in WHY. */
static bool check_record(const HistoryRecord *rec, HistoryRecord *out, char *why, size_t why_size)
{
    if (!memchr(rec->date, '\0', sizeof rec->date) || !memchr(rec->routine, '\0', sizeof rec->routine)) {
        snprintf(why, why_size, "the date or routine id has no end (no NUL in its array)");
        return false;
    }
    char line[LINE_BUF];
    int n = format_record(rec, line);
    if (n < 0) {
        snprintf(why, why_size, "the record does not fit in a line");
        return false;
    }
    Diag *diag = malloc(sizeof *diag);
    if (!diag) {
        snprintf(why, why_size, "out of memory");
        return false;
    }
    diag_clear(diag);
    JrCtx ctx = {LINE_TAG, diag};
    bool ok = parse_record(line, (size_t)n - 1, out, &ctx);
    if (!ok)
        reason_from(diag, why, why_size);
    free(diag);
    return ok;
}

/* How many of the oldest records of H to archive: none while it is
 * within HISTORY_MAX_RECORDS and HISTORY_MAX_BYTES, else enough to bring
 * it to HISTORY_ARCHIVE_KEEP and HISTORY_ARCHIVE_KEEP_BYTES (never the
 * newest). */
static int archive_count(const History *h)
{
    if (h->count <= HISTORY_MAX_RECORDS && (long long)h->count * LINE_BUF <= HISTORY_MAX_BYTES)
        return 0; /* within both however long its lines: nothing to measure */
    long long bytes = 0;
    char line[LINE_BUF];
    for (int i = 0; i < h->count; i++)
        bytes += format_record(&h->records[i], line);
    if (h->count <= HISTORY_MAX_RECORDS && bytes <= HISTORY_MAX_BYTES)
        return 0;
    int n = 0;
    while (n < h->count - 1 && (h->count - n > HISTORY_ARCHIVE_KEEP || bytes > HISTORY_ARCHIVE_KEEP_BYTES))
        bytes -= format_record(&h->records[n++], line);
    return n;
}

int history_tidy(const char *path)
{
    if (!path || !path[0] || !path_fits(path))
        return 0;
    return safefile_clean_temps(path, HISTORY_TEMP_STALE_S, TAG);
}

bool history_append(const char *path, const HistoryRecord *rec)
{
    return history_append_to(path, rec, NULL);
}

bool history_append_to(const char *path, const HistoryRecord *rec, HistoryWritten *out)
{
    static const char lost[] = "this session is not recorded";
    HistoryWritten unused;
    if (!out)
        out = &unused;
    memset(out, 0, sizeof *out);
    if (!path_fits(path))
        return false;
    char why[HISTORY_PATH_MAX * 2 + 128];
    char dir[HISTORY_PATH_MAX];
    HistoryRecord checked;
    if (!check_record(rec, &checked, why, sizeof why)) {
        log_msg(LOG_WARN, TAG, "not writing to %s: bad record: %s", path, why);
        return false;
    }
    safefile_dir_of(path, dir, sizeof dir);
    if (!safefile_make_dirs(dir, why, sizeof why)) {
        log_msg(LOG_WARN, TAG, "cannot write %s: %s; %s", path, why, lost);
        return false;
    }
    if (safefile_refuse_link(path, TAG, lost))
        return false;
    int lock = lock_take(path, HISTORY_LOCK_WAIT_MS, why, sizeof why);
    if (lock < 0) {
        log_msg(LOG_WARN, TAG, "cannot write %s: %s; %s", path, why, lost);
        return false;
    }
    /* under the lock no writer of ours is half-way: what is left is a crash's */
    safefile_clean_temps(path, HISTORY_TEMP_STALE_S, TAG);
    bool ok = false;
    History h = {NULL, 0, 0};
    Damage dmg;
    char tmp[HISTORY_PATH_MAX], aside[HISTORY_PATH_MAX];
    bool archived = false, renamed = false;
    ReadStatus st = read_history(path, &h, &dmg, why, sizeof why);
    if (st == READ_NOMEM || (st != READ_FAILED && !push(&h, &checked))) {
        log_msg(LOG_WARN, TAG, "cannot write %s: out of memory; %s", path, lost);
        goto done;
    }
    if (st == READ_FAILED) {
        log_msg(LOG_WARN, TAG, "cannot read %s: %s; left it as it is, and %s", path, why, lost);
        goto done;
    }
    bool repair = st == READ_OK && damaged(&dmg);
    int old = archive_count(&h);
    if (old > 0) {
        /* the oldest go to a file of their own, synced, before the
         * history is rewritten without them */
        if (!write_temp(path, h.records, old, tmp, lost))
            goto done;
        bool moved;
        if (!name_dated(tmp, path, "archive", true, out->archive, &moved, why, sizeof why)) {
            unlink(tmp);
            log_msg(LOG_WARN, TAG, "cannot archive the oldest records of %s: %s; %s", path, why, lost);
            goto done;
        }
        if (!moved)
            unlink(tmp);
        archived = true;
        drop_oldest(&h, old);
    }
    /* the fresh file is whole and synced before anything is moved */
    if (!write_temp(path, h.records, h.count, tmp, lost))
        goto done;
    if (repair && !name_dated(path, path, "corrupt", true, aside, &renamed, why, sizeof why)) {
        unlink(tmp);
        log_msg(LOG_WARN, TAG, "cannot keep the damaged %s aside: %s; left it as it is, and %s", path, why, lost);
        goto done;
    }
    if (rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        if (renamed)
            rename(aside, path); /* back where it was */
        else if (repair)
            unlink(aside); /* a second name of the file still in place */
        log_msg(LOG_WARN, TAG, "cannot write %s: %s (renaming); %s", path, strerror(err), lost);
        goto done;
    }
    ok = true;
    if (repair) {
        out->repaired = true;
        warn_damage(path, &dmg, h.count - 1, aside);
    }
    if (archived) {
        out->archived = old;
        log_msg(LOG_WARN, TAG, "%s reached its limit (%d records or %d MiB): moved the oldest %d to %s, "
                "kept there; %d remain", path, HISTORY_MAX_RECORDS, HISTORY_MAX_BYTES >> 20, old, out->archive,
                h.count);
    }
done:
    if (!ok && archived)
        unlink(out->archive); /* its records are still in the history */
    if (!ok)
        out->archived = 0;
    free(h.records);
    close(lock);
    if (ok)
        safefile_sync_dir(dir, TAG);
    return ok;
}

static int compare_days(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

void history_stats(const History *h, int today_year, int today_month, int today_day,
                   int *total_minutes, int *streak_days)
{
    *total_minutes = 0;
    *streak_days = 0;
    int n = history_count(h);
    if (n == 0)
        return;
    long long seconds = 0;
    for (int i = 0; i < n; i++)
        if (!history_is_trial(&h->records[i]))
            seconds += h->records[i].seconds;
    *total_minutes = seconds / 60 > INT_MAX ? INT_MAX : (int)(seconds / 60);

    long long *days = malloc((size_t)n * sizeof *days);
    if (!days) {
        log_msg(LOG_WARN, TAG, "cannot count the streak: out of memory");
        return;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        const HistoryRecord *r = &h->records[i];
        int y, m, d;
        /* practice of a minute or more makes a day; trials make none.
         * Every record was checked on load, so the date parses. */
        if (!history_is_trial(r) && r->seconds >= HISTORY_STREAK_MIN_SECONDS && parse_date(r->date, &y, &m, &d))
            days[k++] = day_number(y, m, d);
    }
    n = k;
    /* Sorted (a clock set back puts the file out of date order), then
     * walked back from the newest day not after today. */
    qsort(days, (size_t)n, sizeof *days, compare_days);
    long long today = day_number(today_year, today_month, today_day);
    int i = n - 1;
    while (i >= 0 && days[i] > today)
        i--;
    if (i >= 0 && days[i] >= today - 1) {
        long long expect = days[i];
        int streak = 0;
        for (; i >= 0; i--) {
            if (days[i] == expect) {
                streak++;
                expect--;
            } else if (days[i] != expect + 1) { /* a second record on a counted day */
                break;
            }
        }
        *streak_days = streak;
    }
    free(days);
}

/* Names the archive files beside PATH, oldest first (their names sort by
 * date). */
static void print_archives(FILE *out, const char *path)
{
    char dir[HISTORY_PATH_MAX], prefix[HISTORY_PATH_MAX];
    safefile_dir_of(path, dir, sizeof dir);
    const char *base = strrchr(path, '/');
    snprintf(prefix, sizeof prefix, "%s.archive-", base ? base + 1 : path);
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    bool first = true;
    for (int i = 0; i < n; i++) {
        if (strncmp(names[i]->d_name, prefix, strlen(prefix)) == 0) {
            fprintf(out, "%s%s/%s", first ? "Older sessions are archived in " : ", ", dir, names[i]->d_name);
            first = false;
        }
        free(names[i]);
    }
    free(names);
    if (!first)
        fprintf(out, ".\n");
}

/* The routine as the printed history names it: a made practice in words
 * ("Made for you · floor · 20 min"), any other by its id. */
static const char *shown_name(const HistoryRecord *r, char *buf, size_t size)
{
    return compose_record_words(r->routine, buf, size) ? buf : r->routine;
}

void history_print(FILE *out, const History *h, const char *path,
                   int today_year, int today_month, int today_day)
{
    int n = history_count(h);
    if (n == 0) {
        fprintf(out, "No practice recorded yet (history file: %s).\n", path);
        return;
    }
    /* Column widths: routine ids in characters, not bytes, so UTF-8 ids
     * line up; time and steps at least as wide as "99:59" and "99/99". */
    size_t id_w = 0;
    int time_w = 5, steps_w = 5;
    char name[HISTORY_ROUTINE_SIZE + 64];
    for (int i = 0; i < n; i++) {
        const HistoryRecord *r = &h->records[i];
        size_t w = jr_utf8_length(shown_name(r, name, sizeof name));
        id_w = w > id_w ? w : id_w;
        char buf[32];
        int tw = snprintf(buf, sizeof buf, "%d:%02d", r->seconds / 60, r->seconds % 60);
        int sw = snprintf(buf, sizeof buf, "%d/%d", r->steps, r->of);
        time_w = tw > time_w ? tw : time_w;
        steps_w = sw > steps_w ? sw : steps_w;
    }
    for (int i = 0; i < n; i++) {
        const HistoryRecord *r = &h->records[i];
        char time_s[32], steps_s[32];
        snprintf(time_s, sizeof time_s, "%d:%02d", r->seconds / 60, r->seconds % 60);
        snprintf(steps_s, sizeof steps_s, "%d/%d", r->steps, r->of);
        const char *shown = shown_name(r, name, sizeof name);
        int pad = (int)(id_w - jr_utf8_length(shown));
        char trial[48] = "";
        if (history_is_trial(r))
            snprintf(trial, sizeof trial, "  trial at %gx", r->speed);
        fprintf(out, "%.10s %.5s  %s%*s  %*s  %*s steps  %s%s\n", r->date, r->date + 11, shown, pad, "",
                time_w, time_s, steps_w, steps_s, r->finished ? "finished" : "left", trial);
    }
    int minutes, streak, trials = 0;
    for (int i = 0; i < n; i++)
        trials += history_is_trial(&h->records[i]);
    history_stats(h, today_year, today_month, today_day, &minutes, &streak);
    fprintf(out, "%d session%s, %d minute%s in all; current streak: %d day%s.\n", n - trials, plural(n - trials),
            minutes, plural(minutes), streak, plural(streak));
    if (trials > 0)
        fprintf(out, "%d trial%s at another --speed, not counted.\n", trials, plural(trials));
    fprintf(out, "A day counts toward the streak with a session of at least %d minute.\n",
            HISTORY_STREAK_MIN_SECONDS / 60);
    print_archives(out, path);
}
