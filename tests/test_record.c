/* test_record — whole sessions recorded with SDL's disk audio driver, and
 * the recordings measured.
 *
 * The real program runs (app_create, app_frame on the sound's clock) with
 * SDL_AUDIODRIVER=disk writing into a FIFO that a thread of this test
 * reads as it is written, so a 22-minute routine needs no 250 MB file.
 * SDL_DISKAUDIODELAY=0 makes the driver run as fast as it can, and because
 * the sound keeps the program's time, the session runs as fast too.
 *
 * Breath (breathe, psoas-flow, --breath-only): the breath envelope is
 * compared, boundary by boundary, with the envelope the timeline asks for;
 * every inhale and exhale boundary must lie within one audio buffer
 * (1024 frames, 21.3 ms) of the timeline's, the error must not grow from
 * the first minute to the last, every phase must have its length within
 * 1%, and a pause must be silence of the length the session logs. Breath
 * practices (--breathe): a 2-minute box practice has its 16 s cycles
 * within one buffer, and cyclic sighing (eased in) has every breath its
 * length and two rises, the second smaller, before each fall.
 *
 * Voice (a small routine, clips made by this test): every line is heard
 * when soundcue says, a missing clip is a chime and a warning naming the
 * file, bells start the holds and end the routine, three ticks end each
 * hold, and the breath ducks under the voice. And the shipped clips of
 * desk-release all load. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>

#include "app.h"
#include "audio.h"
#include "breathe.h"
#include "breathsound.h"
#include "chime.h"
#include "harness.h"
#include "screens.h"
#include "soundcue.h"
#include "speech.h"
#include "support.h"
#include "timeline.h"

enum {
    RATE = 48000,
    WIN = RATE / 1000,         /* frames per 1 ms window */
    TONE_WIN = RATE / 50,      /* frames per 20 ms tone window */
    MAX_TONES = 24,            /* frequencies watched */
    BUFFER_MS_X10 = 213        /* one audio buffer, 1024 frames, in tenths of ms */
};

/* What the reader thread makes of the recording. */
typedef struct Recording {
    char fifo[512];                 /* where SDL writes */
    SDL_Thread *thread;
    float *ms;                      /* mean square of the mono mix per 1 ms */
    long n, cap;
    int tones;                      /* frequencies watched (0: none) */
    float hz[MAX_TONES];
    float *power;                   /* per 20 ms window, TONES powers */
    long tn, tcap;
    bool failed;                    /* could not open or allocate */
    SDL_atomic_t stop;              /* set when the program has closed its device for good */
    SDL_atomic_t done;              /* the reader has ended */
} Recording;

typedef struct Fixture {
    Harness *h;                     /* its folder (fifo, state, clips) and the log */
    Recording rec;
    int64_t taken_from[2];          /* each Space press is stamped no earlier */
    int64_t taken_to[2];            /* and no later (program ms) */
} Fixture;

static bool logged(Fixture *f, const char *s)
{
    return harness_logged(f->h, s) > 0;
}

/* ---- the reader ---- */

static bool grow(void **p, long *cap, long need, size_t size)
{
    if (need <= *cap)
        return true;
    long c = *cap ? *cap : 1 << 16;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, (size_t)c * size);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

/* The sound written into the FIFO, through every time the program opens
 * its device: it closes the device while nothing plays, and a device
 * opened again with nobody reading would wait for ever in open(). */
static int reader(void *user)
{
    Recording *r = user;
    static int16_t buf[2 * 8192];
    double acc = 0;
    int in_win = 0;
    float tone_buf[TONE_WIN];
    int in_tone = 0;
    size_t carry = 0;
    int fd = -1;
    for (;;) {
        if (fd < 0) {
            fd = open(r->fifo, O_RDONLY);
            if (fd < 0) {
                r->failed = true;
                break;
            }
#ifdef F_SETPIPE_SZ
            fcntl(fd, F_SETPIPE_SZ, 1 << 20); /* slack, so the writer never waits on us */
#endif
        }
        ssize_t got = read(fd, (char *)buf + carry, sizeof buf - carry);
        if (got <= 0) {
            close(fd); /* the device closed: for good, or until it opens again */
            fd = -1;
            if (got < 0 || SDL_AtomicGet(&r->stop))
                break;
            continue;
        }
        size_t bytes = carry + (size_t)got;
        size_t frames = bytes / 4;
        for (size_t i = 0; i < frames; i++) {
            float m = ((float)buf[2 * i] + (float)buf[2 * i + 1]) * (0.5f / 32768.0f);
            acc += (double)m * m;
            if (++in_win == WIN) {
                if (!grow((void **)&r->ms, &r->cap, r->n + 1, sizeof *r->ms)) {
                    r->failed = true;
                    break;
                }
                r->ms[r->n++] = (float)(acc / WIN);
                acc = 0;
                in_win = 0;
            }
            if (r->tones) {
                tone_buf[in_tone++] = m;
                if (in_tone == TONE_WIN) {
                    if (!grow((void **)&r->power, &r->tcap, (r->tn + 1) * r->tones, sizeof *r->power)) {
                        r->failed = true;
                        break;
                    }
                    for (int k = 0; k < r->tones; k++) {
                        /* Goertzel: the power at one frequency */
                        double w = 2.0 * M_PI * r->hz[k] / RATE, c = 2.0 * cos(w), s1 = 0, s2 = 0;
                        for (int j = 0; j < TONE_WIN; j++) {
                            double s0 = tone_buf[j] + c * s1 - s2;
                            s2 = s1;
                            s1 = s0;
                        }
                        double pw = s1 * s1 + s2 * s2 - c * s1 * s2;
                        r->power[r->tn * r->tones + k] = (float)(pw / ((double)TONE_WIN * TONE_WIN / 4.0));
                    }
                    r->tn++;
                    in_tone = 0;
                }
            }
        }
        carry = bytes - frames * 4;
        memmove(buf, (char *)buf + frames * 4, carry);
    }
    if (fd >= 0)
        close(fd);
    SDL_AtomicSet(&r->done, 1);
    return 0;
}

/* Ends the reader once the program has closed its device: a reader
 * waiting in open() for a writer that will not come is given one that
 * opens and closes at once. */
static void reader_finish(Recording *r)
{
    SDL_AtomicSet(&r->stop, 1);
    while (!SDL_AtomicGet(&r->done)) {
        int fd = open(r->fifo, O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            close(fd);
        SDL_Delay(5);
    }
    SDL_WaitThread(r->thread, NULL);
    r->thread = NULL;
}

/* ---- the program ---- */

static int64_t wall_ms(void)
{
    return (int64_t)(SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency());
}

/* The time a control applied now would be stamped with. */
static int64_t control_time(Audio *audio, int64_t now)
{
    int64_t t = audio_control_begin(audio, now);
    audio_control_end(audio);
    return t;
}

/* How a run is scripted. */
typedef struct Script {
    const char *id;            /* for the log */
    bool breath_only;
    int64_t pause_at;          /* practice ms to pause at (0: never) */
    int64_t pause_for;         /* program ms to stay paused, from the pause's stamp */
    bool to_end;               /* run until finished; else until LOGGED appears */
    const char *until;         /* with !to_end: a log line to wait for */
} Script;

/* Runs ROUTINE in the real app with the disk driver into F->rec. Returns
 * the practice time (ms, from the pause line) the pause began at, or -1. */
static int64_t record(Fixture *f, const Routine *routine, const Script *sc)
{
    Recording *r = &f->rec;
    snprintf(r->fifo, sizeof r->fifo, "%s/out.raw", f->h->dir);
    unlink(r->fifo);
    assert_int_equal(mkfifo(r->fifo, 0600), 0);
    setenv("SDL_DISKAUDIOFILE", r->fifo, 1);
    SDL_AtomicSet(&r->stop, 0);
    SDL_AtomicSet(&r->done, 0);
    r->thread = SDL_CreateThread(reader, "reader", r);
    assert_non_null(r->thread);

    CliOptions o = f->h->o; /* a small window, --log */
    o.routine = sc->id;
    o.breath_only = sc->breath_only;
    harness_mark(f->h);
    App *a = app_create(&o, PSOAS_SOURCE_DIR, lib, routine, wall_ms());
    assert_non_null(a);
    Audio *audio = app_audio(a);
    int64_t start = audio_now(audio, wall_ms()), finished = -1;
    int presses = 0, taken = 0;
    int64_t deadline = wall_ms() + 400000;
    for (;;) {
        int64_t now = audio_now(audio, wall_ms());
        /* this frame polls a press's event and stamps it at NOW, or at
         * the sound made so far if that is later (audio_control_begin) */
        bool takes = taken < presses;
        if (takes)
            f->taken_from[taken] = control_time(audio, now);
        if (!app_frame(a, now))
            break;
        if (takes)
            f->taken_to[taken++] = control_time(audio, now);
        if (sc->pause_at && presses == 0 && now - start >= sc->pause_at) {
            harness_key(SDL_SCANCODE_SPACE);
            presses = 1;
        } else if (presses == 1 && taken == 1 && now - f->taken_to[0] >= sc->pause_for) {
            /* counted from the latest the pause can be stamped, which
             * emulated can be seconds past the press: the recording then
             * always holds PAUSE_FOR of silence to measure */
            harness_key(SDL_SCANCODE_SPACE);
            presses = 2;
        }
        if (sc->to_end) {
            if (finished < 0 && logged(f, "finished"))
                finished = now;
            if (finished >= 0 && now - finished > 1500)
                break;
        } else if (logged(f, sc->until)) {
            break;
        }
        assert_true(wall_ms() < deadline);
        SDL_Delay(1);
    }
    app_destroy(a); /* closes the device for good */
    reader_finish(r);
    assert_false(r->failed);
    assert_true(presses == 0 || presses == 2);
    const char *log = harness_log(f->h);
    const char *p = strstr(log, " paused\n");
    if (!p)
        return -1;
    /* "session: M:SS.T paused" */
    const char *line = p;
    while (line > log && line[-1] != '\n')
        line--;
    int m = 0, sec = 0, tenth = 0;
    assert_int_equal(sscanf(line, "session: %d:%d.%d", &m, &sec, &tenth), 3);
    return ((int64_t)m * 60 + sec) * 1000 + tenth * 100;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->h = harness_create("record");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    harness_destroy(f->h);
    free(f->rec.ms);
    free(f->rec.power);
    free(f);
    return 0;
}

/* ---- the breath ---- */

/* The envelope the timeline asks for, per 1 ms of practice time, smoothed
 * as the synthesiser smooths it (12 ms; 90 ms into a hold), squared. */
static float *model_power(const Routine *routine, long n)
{
    float *e = calloc((size_t)n, sizeof *e);
    assert_non_null(e);
    Timeline *tl = timeline_create(routine, lib);
    float g = 0;
    for (long i = 0; i < n; i++) {
        TimelineState st;
        timeline_state(tl, i, &st);
        float want = st.segment == TL_SEG_DONE ? 0.0f : breathsound_level(st.breath_phase, st.breath_progress);
        bool fading = want == 0.0f;
        g += (want - g) * (1.0f - expf(-1.0f / (fading ? 90.0f : 12.0f)));
        e[i] = g * g;
    }
    timeline_destroy(tl);
    return e;
}

/* The offset C (recording ms = practice ms - C) that best lines up the
 * first minute of the recording with the model. */
static long find_offset(const Recording *r, const float *model, long model_n)
{
    long best = 0;
    double best_score = -1;
    for (long c = -3000; c <= 3000; c += 2) {
        double rm = 0, rr = 0, mm = 0;
        for (long p = 5000; p < 65000 && p < model_n; p++) {
            long q = p - c;
            if (q < 0 || q >= r->n)
                continue;
            rm += (double)r->ms[q] * model[p];
            rr += (double)r->ms[q] * r->ms[q];
            mm += (double)model[p] * model[p];
        }
        double score = rr > 0 && mm > 0 ? rm / sqrt(rr * mm) : 0;
        if (score > best_score) {
            best_score = score;
            best = c;
        }
    }
    return best;
}

/* A boundary between two breath phases. */
typedef struct Boundary {
    int64_t at;             /* practice ms */
    BreathPhase from, to;   /* the phases either side */
} Boundary;

/* The breath-phase boundaries of ROUTINE until it ends (at *END). */
static long boundaries(const Routine *routine, Boundary *out, long max, int64_t *end)
{
    Timeline *tl = timeline_create(routine, lib);
    TimelineState st, prev;
    timeline_state(tl, 0, &prev);
    long n = 0;
    for (int64_t t = 1;; t++) {
        timeline_state(tl, t, &st);
        if (st.segment == TL_SEG_DONE) {
            *end = t;
            break;
        }
        if (st.breath_phase != prev.breath_phase && n < max)
            out[n++] = (Boundary){t, prev.breath_phase, st.breath_phase};
        prev = st;
    }
    timeline_destroy(tl);
    return n;
}

/* The loudness of the recording (RMS) over the 5 ms from Q. */
static double amplitude(const Recording *r, long q)
{
    double sum = 0;
    for (long i = q; i < q + 5; i++)
        sum += r->ms[i];
    return sqrt(sum / 5);
}

/* Fits a line to the loudness over recording ms [FROM, TO). The noise of
 * a noise sound's loudness grows with the loudness, so a second pass
 * weights each point by the inverse square of the first line's value. */
static bool fit_line(const Recording *r, long from, long to, double *c0, double *c1)
{
    if (from < 0 || to + 5 > r->n)
        return false;
    for (int pass = 0; pass < 2; pass++) {
        double n = 0, sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, top = 0;
        if (pass == 1)
            top = fmax(fabs(*c0 + *c1 * (double)from), fabs(*c0 + *c1 * (double)to));
        for (long q = from; q < to; q += 5) {
            double x = (double)q + 2.5, y = amplitude(r, q), w = 1;
            if (pass == 1) {
                double pred = fmax(fabs(*c0 + *c1 * x), fmax(0.05 * top, 1e-4));
                w = 1.0 / (pred * pred);
            }
            n++;
            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
        }
        double den = sw * sxx - sx * sx;
        if (n < 10 || den == 0)
            return false;
        *c1 = (sw * sxy - sx * sy) / den;
        *c0 = (sy - *c1 * sx) / sw;
    }
    return true;
}

/* Where the envelope turns near recording ms Q: the meeting of the lines
 * fitted to the loudness before it and after it (leaving out the 60 ms
 * either side, where the synthesiser's smoothing rounds the corner). */
static bool corner(const Recording *r, double q, double *out)
{
    enum { GAP = 60, SPAN = 1200 };
    double a0, a1, b0, b1;
    long at = (long)q;
    if (!fit_line(r, at - SPAN, at - GAP, &a0, &a1) || !fit_line(r, at + GAP, at + SPAN, &b0, &b1))
        return false;
    if (fabs(a1 - b1) < 1e-7)
        return false;
    *out = (b0 - a0) / (a1 - b1);
    return fabs(*out - q) < GAP;
}

/* The envelope's corners are sharp only where it changes slope without a
 * jump: between inhale, exhale and the empty hold. Into and out of the
 * full hold it falls away and jumps back, so those are not measured (the
 * cycle from inhale to inhale still is). */
static bool measurable(const Boundary *b)
{
    return b->from != BREATH_HOLD_IN && b->to != BREATH_HOLD_IN && b->from != BREATH_TOP_UP &&
           b->to != BREATH_TOP_UP; /* the top-up begins with a dip: no corner to fit */
}

/* The corners measured to a few ms: where the loudness turns near silence
 * (the start of an inhale, the end of an exhale). The top of a breath is
 * measured in the loudest noise, where the loudness of noise is least
 * sure (about 25 ms either way); its timing is checked more loosely here
 * and exactly, without noise, by test_breathsound. */
static bool sharp(const Boundary *b)
{
    return b->to == BREATH_INHALE || b->to == BREATH_HOLD_OUT;
}

/* How a breath recording is judged. */
typedef struct BreathCheck {
    int64_t pause_at;   /* practice ms to pause at (0: never) */
    int min_checked;    /* corners that must be measured */
    bool trend;         /* judge the trend of the errors (needs repeated kinds of corner) */
    int64_t cycle_ms;   /* when not 0: every breath, inhale to inhale, is heard this long */
} BreathCheck;

/* Records ROUTINE (as ID) breath-only, pausing once if asked, measures it
 * against its timeline as CK says, and returns the offset of the
 * recording (recording ms = practice ms - offset). */
static double measure_breath(Fixture *f, const Routine *routine, const char *id, const BreathCheck *ck)
{
    int64_t pause_at = ck->pause_at;
    Script sc = {.id = id, .breath_only = true, .pause_at = pause_at, .pause_for = 5000, .to_end = true};
    int64_t paused_at = record(f, routine, &sc);
    Recording *r = &f->rec;

    int64_t pause_len = 0;
    if (pause_at) {
        assert_true(paused_at >= 0);
        const char *p = strstr(harness_log(f->h), "resumed after ");
        assert_non_null(p);
        double secs = 0;
        assert_int_equal(sscanf(p, "resumed after %lf s", &secs), 1);
        pause_len = (int64_t)llround(secs * 1000.0);
        /* both presses are stamped where the sound has got to when the
         * frame that takes them runs, which at full speed may be some way
         * past the time the test pressed at (seconds, when emulated), so
         * the length is judged by the stamps the frames could give (and
         * 1 ms either way for the practice clock's rounding). What is
         * checked below is that the recording is silent for exactly the
         * length the session logs. */
        int64_t shortest = f->taken_from[1] - f->taken_to[0] - 1, longest = f->taken_to[1] - f->taken_from[0] + 1;
        if (pause_len < shortest || pause_len > longest)
            fail_msg("the session logs a pause of %lld ms; the frames that took the presses make it %lld to %lld ms",
                     (long long)pause_len, (long long)shortest, (long long)longest);
    }
    static Boundary b[4000];
    int64_t end = 0;
    long nb = boundaries(routine, b, 4000, &end);
    float *model = model_power(routine, end + 2000);
    double c = (double)find_offset(r, model, end + 2000);
    free(model);
    /* the whole routine is there */
    assert_true((double)r->n > (double)(end + pause_len) - c);

    /* each corner, where it is heard against where the timeline has it;
     * twice, the first pass to set the offset from the first minute */
    double *err = calloc((size_t)nb, sizeof *err);
    bool *used = calloc((size_t)nb, sizeof *used);
    assert_non_null(err);
    assert_non_null(used);
    double mean_first = 0, mean_last = 0;
    int checked = 0, candidates = 0, first_minute = 0, last_minute = 0;
    for (int pass = 0; pass < 2; pass++) {
        double sum_first = 0, sum_last = 0;
        checked = candidates = first_minute = last_minute = 0;
        for (long k = 0; k < nb; k++) {
            used[k] = false;
            if (!measurable(&b[k]) || b[k].at < 6000 || b[k].at + 1300 > end)
                continue;
            if (pause_at && b[k].at + 1300 > paused_at - 300 && b[k].at - 1300 < paused_at + 400)
                continue; /* around the pause the envelope is not the timeline's */
            candidates++;
            double extra = pause_at && b[k].at > paused_at ? (double)pause_len : 0;
            double q = (double)b[k].at - c + extra, heard;
            if (!corner(r, q, &heard))
                continue;
            err[k] = heard - q;
            used[k] = true;
            checked++;
            if (!sharp(&b[k]))
                continue;
            if (b[k].at < 66000) {
                sum_first += err[k];
                first_minute++;
            }
            if (b[k].at > end - 68000) {
                sum_last += err[k];
                last_minute++;
            }
        }
        assert_true(first_minute >= 3 && last_minute >= 3);
        mean_first = sum_first / first_minute;
        mean_last = sum_last / last_minute;
        c -= mean_first;
    }
    int bad = 0, cycles = 0;
    double worst = 0, peak_sum = 0, worst_cycle = 0;
    int peaks = 0;
    for (long k = 0; k < nb; k++) {
        if (!used[k])
            continue;
        if (getenv("RECORD_DUMP"))
            fprintf(stderr, "corner %d>%d %lld %.1f\n", b[k].from, b[k].to, (long long)b[k].at, err[k]);
        double e = fabs(err[k]);
        if (!sharp(&b[k])) {
            /* the top of a breath, measured in the loudest noise: its own
             * mean must agree, and each be near */
            peak_sum += err[k];
            peaks++;
            if (e * 10 > 3 * BUFFER_MS_X10) {
                fprintf(stderr, "%s: the top of the breath at %lld ms is heard %.1f ms off\n", id,
                        (long long)b[k].at, err[k]);
                bad++;
            }
            continue;
        }
        /* within one buffer of where the first minute puts the timeline */
        worst = e > worst ? e : worst;
        if (e * 10 > BUFFER_MS_X10) {
            fprintf(stderr, "%s: boundary at %lld ms is heard %.1f ms off\n", id, (long long)b[k].at, err[k]);
            bad++;
        }
        /* each breath, from inhale to inhale, its length within one buffer */
        if (ck->cycle_ms && b[k].to == BREATH_INHALE) {
            long j = k + 1;
            while (j < nb && !(used[j] && b[j].to == BREATH_INHALE))
                j++;
            if (j < nb && b[j].at - b[k].at == ck->cycle_ms) {
                double off = fabs(err[j] - err[k]);
                worst_cycle = off > worst_cycle ? off : worst_cycle;
                cycles++;
                if (off * 10 > BUFFER_MS_X10) {
                    fprintf(stderr, "%s: the breath from %lld ms is heard %.1f ms off its %lld ms\n", id,
                            (long long)b[k].at, err[j] - err[k], (long long)ck->cycle_ms);
                    bad++;
                }
            } else if (j < nb && b[j].at - b[k].at != ck->cycle_ms && b[k].at > 12000 && b[j].at < end - 8000) {
                fprintf(stderr, "%s: the breath from %lld ms is planned %lld ms, not %lld\n", id, (long long)b[k].at,
                        (long long)(b[j].at - b[k].at), (long long)ck->cycle_ms);
                bad++;
            }
        }
        /* and each phase (or run of phases) to the next sharp corner its
         * length, within 1% */
        long j = k + 1;
        while (j < nb && !(used[j] && sharp(&b[j])))
            j++;
        if (j < nb && b[j].at - b[k].at < 20000) {
            double planned = (double)(b[j].at - b[k].at), heard = planned + err[j] - err[k];
            if (fabs(heard - planned) > 0.01 * planned) {
                fprintf(stderr, "%s: phases from %lld ms last %.0f ms, not %.0f\n", id, (long long)b[k].at, heard,
                        planned);
                bad++;
            }
        }
    }
    fprintf(stderr,
            "%s: %d of %d corners measured; sharp ones at most %.1f ms off, tops %+.1f ms on average; "
            "first minute to last %+.2f ms\n",
            id, checked, candidates, worst, peaks ? peak_sum / peaks : 0.0, mean_last - mean_first);
    if (ck->cycle_ms)
        fprintf(stderr, "%s: %d breaths of %lld ms heard, at most %.1f ms off\n", id, cycles, (long long)ck->cycle_ms,
                worst_cycle);
    assert_int_equal(bad, 0);
    assert_true(checked >= ck->min_checked);
    assert_true(!ck->cycle_ms || cycles >= 4);
    assert_true(checked * 10 >= candidates * 9);
    assert_true(peaks == 0 || fabs(peak_sum / peaks) * 10 < BUFFER_MS_X10);
    /* the error does not grow: the trend of the sharp corners' errors over
     * the routine, measured within each kind of corner (the same phases
     * either side, of the same lengths, since each kind is measured with a
     * small bias of its own), moves them less than a quarter of a buffer */
    long *kind = ck->trend ? calloc((size_t)nb, sizeof *kind) : NULL;
    assert_true(kind || !ck->trend);
    for (long k = 0; ck->trend && k < nb; k++) {
        kind[k] = -1;
        if (!used[k] || !sharp(&b[k]) || k == 0 || k + 1 >= nb)
            continue;
        for (long j = 0; j < k && kind[k] < 0; j++)
            if (kind[j] >= 0 && b[j].from == b[k].from && b[j].to == b[k].to &&
                b[j].at - b[j - 1].at == b[k].at - b[k - 1].at && b[j + 1].at - b[j].at == b[k + 1].at - b[k].at)
                kind[k] = kind[j];
        if (kind[k] < 0)
            kind[k] = k;
    }
    double sxy = 0, sxx = 0;
    for (long g = 0; ck->trend && g < nb; g++) {
        double n = 0, mx = 0, my = 0;
        for (long k = 0; k < nb; k++)
            if (kind[k] == g) {
                n++;
                mx += (double)b[k].at / 60000.0;
                my += err[k];
            }
        if (n < 2)
            continue;
        mx /= n;
        my /= n;
        for (long k = 0; k < nb; k++)
            if (kind[k] == g) {
                double x = (double)b[k].at / 60000.0 - mx;
                sxy += x * (err[k] - my);
                sxx += x * x;
            }
    }
    free(kind);
    if (ck->trend) {
        assert_true(sxx > 0);
        double drift = sxy / sxx * (double)end / 60000.0; /* ms over the routine */
        fprintf(stderr, "%s: trend over the routine %+.2f ms\n", id, drift);
        assert_true(fabs(drift) * 40 < BUFFER_MS_X10);
    }

    if (pause_at) {
        /* silence from when the breath has died away until the resume */
        long from = (long)((double)paused_at - c) + 900, to = from - 900 + (long)pause_len - 40;
        assert_true(to - from > 3000);
        float loudest = 0;
        for (long q = from; q < to; q++)
            loudest = r->ms[q] > loudest ? r->ms[q] : loudest;
        fprintf(stderr, "%s: paused %lld ms; loudest %.1f dBFS in it\n", id, (long long)pause_len,
                10 * log10(loudest + 1e-12));
        assert_true(loudest < 1e-7f); /* -70 dBFS */
        double after = 0;
        for (long q = to + 200; q < to + 1200; q++)
            after += r->ms[q];
        assert_true(after / 1000 > 1e-5); /* and the breath again after it */
    }
    free(err);
    free(used);
    return c;
}

/* Records the shipped routine ID and measures it. */
static void check_breath(Fixture *f, const char *id, int64_t pause_at)
{
    Routine *routine = support_shipped(lib, id);
    assert_non_null(routine);
    BreathCheck ck = {.pause_at = pause_at, .min_checked = 40, .trend = true};
    measure_breath(f, routine, id, &ck);
    routine_free(routine);
}

static void test_breathe(void **state)
{
    check_breath(*state, "breathe", 0);
}

static void test_psoas_flow(void **state)
{
    /* paused in the middle of the third minute */
    check_breath(*state, "psoas-flow", 150000);
}

static Routine *practice(BreathePreset preset, int minutes)
{
    BreatheChoice c = breathe_default_choice(preset);
    c.minutes = minutes;
    char err[128];
    Routine *r = breathe_routine(&c, lib, err, sizeof err);
    if (!r)
        fail_msg("%s", err);
    return r;
}

/* Two minutes of box breathing: every 16 s breath is heard 16 s long
 * within one audio buffer, every corner where the timeline has it. */
static void test_box_practice(void **state)
{
    Routine *r = practice(BREATHE_BOX, 2);
    /* no trend: seven breaths are too few to fit one within a fraction of
     * a buffer under emulation; each breath's length and every corner are
     * judged, and drift over long routines by Calm breath and Psoas flow */
    BreathCheck ck = {.min_checked = 12, .trend = false, .cycle_ms = 16000};
    measure_breath(*state, r, "breathe:box", &ck);
    routine_free(r);
}

/* The loudness (RMS) of recording ms [FROM, TO). */
static double loudness(const Recording *r, long from, long to)
{
    double sum = 0;
    assert_true(from >= 0 && to <= r->n && to > from);
    for (long q = from; q < to; q++)
        sum += r->ms[q];
    return sqrt(sum / (double)(to - from));
}

/* Cyclic sighing, eased in: every breath its length (the corners, as
 * above), and in every breath two rises before the fall: the loudness
 * rises through the inhale, dips as the top-up begins and rises again,
 * less, then falls through the exhale to near silence. */
static void test_sighing_practice(void **state)
{
    Fixture *f = *state;
    Routine *r = practice(BREATHE_SIGHING, 2);
    assert_true(r->ease_ms > 0);
    BreathCheck ck = {.min_checked = 8};
    double c = measure_breath(f, r, "breathe:cyclic-sighing", &ck);
    static Boundary b[400];
    int64_t end = 0;
    long nb = boundaries(r, b, 400, &end);
    int breaths = 0, bad = 0;
    double first_rise = 0, second_rise = 0, dip = 0;
    for (long k = 1; k + 2 < nb; k++) {
        if (b[k].to != BREATH_TOP_UP)
            continue;
        assert_int_equal(b[k - 1].to, BREATH_INHALE);
        assert_int_equal(b[k + 1].to, BREATH_EXHALE);
        assert_int_equal(b[k + 2].to, BREATH_INHALE);
        long i0 = (long)((double)b[k - 1].at - c), u0 = (long)((double)b[k].at - c);
        long e0 = (long)((double)b[k + 1].at - c), n0 = (long)((double)b[k + 2].at - c);
        double start = loudness(&f->rec, i0 + 20, i0 + 120);
        double top1 = loudness(&f->rec, u0 - 100, u0 - 10);
        double low = 1e9;
        for (long q = u0 + 20; q < u0 + 200; q += 10)
            low = fmin(low, loudness(&f->rec, q, q + 20));
        double top2 = loudness(&f->rec, e0 - 100, e0 - 10);
        double mid = loudness(&f->rec, (e0 + n0) / 2 - 50, (e0 + n0) / 2 + 50);
        double last = loudness(&f->rec, n0 - 150, n0 - 30);
        bool ok = top1 > 4 * start && low < 0.8 * top1 && top2 > 1.3 * low && top2 - low < top1 - start &&
                  mid < top2 && last < 0.3 * mid;
        if (!ok) {
            fprintf(stderr, "sighing: breath at %lld ms: start %.4f, first top %.4f, dip %.4f, second top %.4f, "
                            "mid-exhale %.4f, end %.4f\n",
                    (long long)b[k - 1].at, start, top1, low, top2, mid, last);
            bad++;
        }
        first_rise += top1 / (start + 1e-9);
        second_rise += top2 / low;
        dip += low / top1;
        breaths++;
    }
    fprintf(stderr, "sighing: %d breaths, two rises each: the first x%.1f, a dip to %.2f, the second x%.2f\n",
            breaths, first_rise / breaths, dip / breaths, second_rise / breaths);
    assert_int_equal(bad, 0);
    assert_true(breaths >= 8);
    routine_free(r);
}

/* ---- the voice ---- */

/* A WAV file (SDL_mixer knows it by its header, whatever its name) of a
 * tone at HZ for MS. */
static void write_tone(const char *path, float hz, int ms)
{
    int rate = 22050, n = rate * ms / 1000;
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    uint32_t data = (uint32_t)n * 2, riff = 36 + data, fmt_len = 16, byte_rate = (uint32_t)rate * 2;
    uint16_t pcm = 1, mono = 1, align = 2, bits = 16;
    uint32_t r32 = (uint32_t)rate;
    fwrite("RIFF", 1, 4, fp);
    fwrite(&riff, 4, 1, fp);
    fwrite("WAVEfmt ", 1, 8, fp);
    fwrite(&fmt_len, 4, 1, fp);
    fwrite(&pcm, 2, 1, fp);
    fwrite(&mono, 2, 1, fp);
    fwrite(&r32, 4, 1, fp);
    fwrite(&byte_rate, 4, 1, fp);
    fwrite(&align, 2, 1, fp);
    fwrite(&bits, 2, 1, fp);
    fwrite("data", 1, 4, fp);
    fwrite(&data, 4, 1, fp);
    for (int i = 0; i < n; i++) {
        int16_t v = (int16_t)(0.3 * 32767 * sin(2 * M_PI * hz * i / rate));
        fwrite(&v, 2, 1, fp);
    }
    fclose(fp);
}

typedef struct Lines {
    char text[128][SOUNDCUE_LINE_CHARS];
    int n;
} Lines;

static void collect(const char *text, void *user)
{
    Lines *l = user;
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->text[i], text) == 0)
            return;
    assert_true(l->n < 128);
    snprintf(l->text[l->n++], SOUNDCUE_LINE_CHARS, "%s", text);
}

/* A heard event: what, and at what practice time. */
typedef struct Heard {
    int line;          /* index into Lines, or -1 */
    SoundCueKind kind;
    double at;         /* practice ms */
    bool follows;      /* a line straight after another: no gap to find its start in */
} Heard;

enum { TONE_MS = 400, FIRST_HZ = 1700, STEP_HZ = 200 };

static void test_voice(void **state)
{
    Fixture *f = *state;
    Routine *routine = support_routine(
        lib, "{\"title\": \"Test voice\", \"summary\": \"s\", \"breath\": {\"inhale\": 4, \"exhale\": 6},"
              " \"steps\": ["
              "  {\"pose\": \"low-lunge\", \"sides\": \"both\", \"breaths\": 3,"
              "   \"cues\": [\"Sink the hips.\", \"Lift the chest.\"]},"
              "  {\"pose\": \"constructive-rest\", \"breaths\": 3, \"cues\": [\"Let the back soften.\"]}]}");
    assert_non_null(routine);
    Lines lines = {0};
    collect(SPEECH_INHALE, &lines);
    collect(SPEECH_EXHALE, &lines);
    speech_each_line(routine, lib, collect, &lines);
    assert_true(lines.n <= MAX_TONES - 4);

    /* a tone per line, all but "Switch sides", which must chime */
    char voice[300];
    snprintf(voice, sizeof voice, "%s/voice", f->h->dir);
    assert_int_equal(mkdir(voice, 0700), 0);
    int missing = -1;
    Recording *r = &f->rec;
    for (int i = 0; i < lines.n; i++) {
        r->hz[i] = (float)(FIRST_HZ + STEP_HZ * i);
        char hash[SPEECH_HASH_CHARS], path[400];
        speech_hash(lines.text[i], hash);
        snprintf(path, sizeof path, "%s/%s.ogg", voice, hash);
        if (strcmp(lines.text[i], SPEECH_SWITCH) == 0)
            missing = i;
        else
            write_tone(path, r->hz[i], TONE_MS);
    }
    assert_true(missing >= 0);
    int bell = lines.n, end_bell = lines.n + 1, tick = lines.n + 2, chime = lines.n + 3;
    r->hz[bell] = 392.0f;
    r->hz[end_bell] = 261.6f;
    r->hz[tick] = 1046.5f;
    r->hz[chime] = 659.3f;
    r->tones = lines.n + 4;
    setenv("PSOAS_VOICE_DIR", voice, 1);
    Script sc = {.id = "t", .to_end = true};
    record(f, routine, &sc);
    unsetenv("PSOAS_VOICE_DIR");

    /* what soundcue says should be heard, in practice time */
    static Heard want[400];
    int nw = 0;
    Timeline *tl = timeline_create(routine, lib);
    SoundCue cue;
    soundcue_init(&cue);
    for (int64_t t = 0;; t++) {
        TimelineState st;
        timeline_state(tl, t, &st);
        SoundCueEvent ev[SOUNDCUE_MAX_EVENTS];
        int n = soundcue_step(&cue, routine, lib, &st, ev);
        for (int i = 0; i < n && nw < 400; i++) {
            int line = -1;
            for (int k = 0; ev[i].kind == SOUNDCUE_SPEAK && k < lines.n; k++)
                if (strcmp(lines.text[k], ev[i].text) == 0)
                    line = k;
            want[nw++] = (Heard){line, ev[i].kind, (double)(t + ev[i].delay_ms), false};
        }
        if (st.segment == TL_SEG_DONE)
            break;
    }
    timeline_destroy(tl);
    /* lines wait for the one before to end (this routine has no prompt
     * that jumps the queue into a line still waiting) */
    double free_at = 0;
    for (int i = 0; i < nw; i++) {
        if (want[i].kind != SOUNDCUE_SPEAK)
            continue;
        want[i].follows = want[i].at < free_at + 60;
        if (want[i].at < free_at)
            want[i].at = free_at;
        free_at = want[i].at + (want[i].line == missing ? 0 : TONE_MS);
    }

    /* the offset, from the first line of the first hold. Before it the
     * recording may lag what soundcue says: at full speed the sound runs
     * many times faster than real time, and the first clips can still be
     * loading (a line waits for its clip until it goes stale) */
    int ref = 0;
    while (ref < nw && !(want[ref].kind == SOUNDCUE_SPEAK && want[ref].at >= 10000))
        ref++;
    assert_true(ref < nw);
    assert_true(want[ref].line >= 0 && want[ref].line != missing);
    long first = -1;
    for (long w = 0; w < r->tn && first < 0; w++)
        if (r->power[w * r->tones + want[ref].line] > 1e-3f)
            first = w;
    assert_true(first >= 0);
    /* to the millisecond with the broadband power */
    long q0 = first * 20 - 20;
    while (q0 < r->n && r->ms[q0] < 5e-3f)
        q0++;
    double c = want[ref].at - (double)q0; /* recording ms = practice ms - c */
    /* and the title was heard, before it went stale */
    long title = -1;
    for (long w = 0; w < SOUNDCUE_STALE_MS / 20 && w < r->tn && title < 0; w++)
        if (r->power[w * r->tones + want[0].line] > 1e-3f)
            title = w;
    fprintf(stderr, "voice: the title at %ld ms of the recording, practice time %.0f there\n", title * 20,
            (double)title * 20 + c);
    assert_true(title >= 0);

    int heard_lines = 0, bells = 0, ticks = 0, chimes = 0;
    for (int i = 0; i < nw; i++) {
        int k = want[i].kind == SOUNDCUE_SPEAK ? (want[i].line == missing ? chime : want[i].line)
                : want[i].kind == SOUNDCUE_BELL     ? bell
                : want[i].kind == SOUNDCUE_END_BELL ? end_bell
                : want[i].kind == SOUNDCUE_TICK     ? tick
                                                    : -1;
        if (k < 0 || want[i].at < 10000)
            continue;
        /* the loudest of the windows around the onset, against before it */
        double q = want[i].at - c;
        long w = (long)(q / 20.0);
        assert_true(w > 6 && w + 2 < r->tn);
        float on = 0;
        for (long v = w - 1; v <= w + 1; v++)
            on = r->power[v * r->tones + k] > on ? r->power[v * r->tones + k] : on;
        /* before: the middle of five windows before it, so one loud
         * moment of the breath's noise does not count */
        float five[5];
        for (int j = 0; j < 5; j++)
            five[j] = r->power[(w - 6 + j) * r->tones + k];
        for (int x = 1; x < 5; x++)
            for (int y = x; y > 0 && five[y] < five[y - 1]; y--) {
                float t = five[y];
                five[y] = five[y - 1];
                five[y - 1] = t;
            }
        float before = five[2];
        const char *what = want[i].kind == SOUNDCUE_SPEAK ? lines.text[k == chime ? missing : k]
                           : k == tick                     ? "tick"
                                                           : "bell";
        /* a tick is short, and shares its band with the breath's noise */
        float rise = k == tick ? 5.0f : 30.0f, least = k == tick ? 3e-5f : 1e-4f;
        if (!(on > least && on > rise * before))
            fprintf(stderr, "%s at %.0f ms: %.2g (before %.2g)\n", what, want[i].at, (double)on, (double)before);
        assert_true(on > least);
        assert_true(on > rise * before);
        if (want[i].kind == SOUNDCUE_SPEAK && k != chime && !want[i].follows) {
            /* to the millisecond: the line starts within a buffer of when it should */
            long s = (long)q - 40;
            while (s < (long)q + 60 && r->ms[s] < 5e-3f)
                s++;
            if (fabs((double)s - q) > BUFFER_MS_X10 / 10.0 + 1)
                fprintf(stderr, "\"%s\" at %.0f ms: heard %.0f ms off\n", lines.text[k], want[i].at, (double)s - q);
            assert_true(fabs((double)s - q) <= BUFFER_MS_X10 / 10.0 + 1);
        }
        heard_lines += want[i].kind == SOUNDCUE_SPEAK && k != chime;
        bells += k == bell || k == end_bell;
        ticks += k == tick;
        chimes += k == chime;
    }
    fprintf(stderr, "voice: %d lines, %d bells, %d ticks, %d chimes where soundcue put them\n", heard_lines, bells,
            ticks, chimes);
    assert_true(heard_lines >= 10);
    assert_int_equal(ticks, 3 * 3); /* three holds: left, right, and the last step */
    assert_int_equal(bells, 4);     /* the three holds and the end */
    assert_int_equal(chimes, 1);    /* "Switch sides" */
    /* the warning names the missing file */
    char hash[SPEECH_HASH_CHARS], name[64];
    speech_hash(SPEECH_SWITCH, hash);
    snprintf(name, sizeof name, "/%s.ogg: no clip for \"Switch sides\"", hash);
    assert_int_equal(harness_logged(f->h, name), 1);
    assert_true(logged(f, "voice: "));

    routine_free(routine);
}

/* The shipped voice: every clip of desk-release loads. */
static void test_shipped_voice(void **state)
{
    Fixture *f = *state;
    Routine *routine = support_shipped(lib, "desk-release");
    assert_non_null(routine);
    Lines lines = {0};
    collect(SPEECH_INHALE, &lines);
    collect(SPEECH_EXHALE, &lines);
    speech_each_line(routine, lib, collect, &lines);
    Script sc = {.id = "desk-release", .until = "lines ready"};
    record(f, routine, &sc);
    char want[64];
    snprintf(want, sizeof want, "voice: %d of %d lines ready", lines.n, lines.n);
    assert_true(logged(f, want));
    assert_false(logged(f, "no clip"));
    routine_free(routine);
}

int main(void)
{
    harness_headless("disk");
    setenv("SDL_DISKAUDIODELAY", "0", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_voice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shipped_voice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_breathe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_psoas_flow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_box_practice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sighing_practice, setup, teardown),
    };
    return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
