/* audio.c — see audio.h.
 *
 * Everything heard is made in SDL_mixer's music hook (Mix_HookMusic), in
 * blocks of BREATHSOUND_BLOCK frames. For each block the callback turns
 * its first frame into the program's time (frame / rate + offset), then
 * into practice time, asks its timeline for the state there, hands the
 * state to soundcue_step for the lines and bells that begin there, and
 * renders the breath, the voice and the chimes. Its timeline is a second
 * copy of the session's, fed the same controls at the same practice times;
 * the two agree because a timeline is a pure function of the routine and
 * its controls.
 *
 * SDL_mixer opens the device, converts formats and decodes the Ogg clips;
 * the mixing is ours, so ducking is exact and nothing waits on a channel.
 * Clips are decoded by a loader thread, in the order a session first
 * needs them, to mono at the device rate. */
#include "audio.h"

#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_mixer.h>

#include "breathsound.h"
#include "chime.h"
#include "log.h"
#include "safefile.h"
#include "soundcue.h"
#include "speech.h"

enum {
    AUDIO_MAX_FRAMES = 16384,   /* frames one callback may ask for */
    AUDIO_QUEUE = 16,           /* lines waiting to be said */
    AUDIO_MISSING_NAMED = 3,    /* missing clips named one by one; the rest are counted */
    CLIP_PENDING = 0,           /* Clip.state: not loaded yet */
    CLIP_READY = 1,             /* samples are there */
    CLIP_NONE = 2,              /* missing or unreadable: a chime stands in */
    AUDIO_MAX_CLIP_BYTES = 16 << 20, /* a spoken line is a few seconds of Ogg: tens of kB */
    AUDIO_IDLE_MS = 1000,       /* with no session, silence this long closes the device */
    AUDIO_PAUSE_IDLE_MS = 20000 /* in a pause, silence this long closes it */
};

#define DUCK_LEVEL 0.3f          /* the breath under the voice: about -10 dB */
#define DUCK_DOWN_MS 60.0f       /* how fast it ducks as the voice starts */
#define DUCK_UP_MS 500.0f        /* and how slowly it comes back */
#define VOICE_GAIN 1.0f          /* clips are levelled at -20 dBFS speech RMS */
#define HUSH_MS 60.0f            /* a line cut short fades this fast */

/* One line's recording. */
typedef struct Clip {
    char hash[SPEECH_HASH_CHARS]; /* its name */
    char *text;                   /* what it says (owned) */
    Sint16 *pcm;                  /* mono at the device rate (owned); set before STATE becomes READY */
    int frames;                   /* length of PCM */
    SDL_atomic_t state;           /* CLIP_PENDING, CLIP_READY or CLIP_NONE */
} Clip;

/* A line waiting its turn. */
typedef struct Pending {
    int clip;                     /* index into clips */
    double due;                   /* practice time it may start */
    double stale;                 /* practice time after which it is dropped */
} Pending;

struct Audio {
    char voice_dir[PATH_MAX];     /* where the clips are */
    bool enabled;                 /* audio_open was called: a device opens while a session plays */
    bool open;                    /* a device is open */
    bool failed;                  /* the last try to open failed: none until a device appears or a session begins */
    int64_t quiet;                /* frames in a row the device was given only silence (callback) */
    int64_t quiet_since;          /* program time audio_update first saw it silent; -1 when not */
    bool warned;                  /* the "no device" warning is out */
    int rate, channels;           /* what the device gave */
    SDL_mutex *lock;              /* guards everything below that the callback touches */

    /* the clock */
    int64_t frames_done;          /* frames made since the device opened */
    int64_t cb_frames;            /* FRAMES_DONE when the last callback began */
    int cb_len;                   /* frames that callback made */
    Uint64 cb_ticks;              /* performance counter then; 0 before the first */
    double offset_ms;             /* program time of frame 0, while SYNCED */
    bool synced;                  /* the sound keeps the program's time */
    double wall_offset_ms;        /* program time minus wall time, while not synced */
    double last_ms;               /* the last time audio_now gave */
    bool started;                 /* audio_now has been called */

    /* the session */
    const Routine *routine;       /* NULL without a session */
    const PoseLibrary *lib;
    Timeline *tl;                 /* the sound's timeline */
    double start_ms;              /* program time of practice time 0 */
    double speed;                 /* practice ms per program ms */
    AudioParts parts;             /* what is heard */
    SoundCue cues;                /* what has been said */

    /* the voice */
    Clip *clips;                  /* the session's lines (owned) */
    int clip_count;
    SDL_Thread *loader;           /* decoding CLIPS; NULL when idle */
    SDL_atomic_t cancel;          /* asks the loader to stop */
    Pending queue[AUDIO_QUEUE];   /* lines waiting, in order */
    int queued;
    int playing;                  /* clip being said; -1 when none */
    int pos;                      /* next frame of it */
    float fade;                   /* 1, or falling to 0 when hushed */
    float duck;                   /* the breath's gain, 0..1 */

    float volume;                 /* 0..1, 0 when muted */
    BreathSound synth;            /* the breath */
    Chimes chimes;                /* bells and ticks */
    float mix[AUDIO_MAX_FRAMES * 2];    /* stereo scratch for one callback */
    float breath[BREATHSOUND_BLOCK * 2]; /* one block of breath, before ducking */
};

Audio *audio_create(const char *voice_dir)
{
    Audio *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->lock = SDL_CreateMutex();
    if (!a->lock) {
        free(a);
        return NULL;
    }
    snprintf(a->voice_dir, sizeof a->voice_dir, "%s", voice_dir ? voice_dir : "");
    a->volume = 0.8f;
    a->playing = -1;
    a->duck = 1.0f;
    return a;
}

/* ---- the callback ---- */

static int clip_find(const Audio *a, const char *text)
{
    char hash[SPEECH_HASH_CHARS];
    speech_hash(text, hash);
    for (int i = 0; i < a->clip_count; i++)
        if (strcmp(a->clips[i].hash, hash) == 0)
            return i;
    return -1;
}

static void hush(Audio *a)
{
    a->queued = 0;
    if (a->playing >= 0 && a->fade >= 1.0f)
        a->fade = 0.999f; /* starts the fade out */
}

static void enqueue(Audio *a, const SoundCueEvent *e, double now)
{
    int clip = clip_find(a, e->text);
    if (clip < 0 || a->queued >= AUDIO_QUEUE)
        return; /* not a line of this routine (cannot happen), or too much to say */
    Pending p = {clip, now + (double)e->delay_ms,
                 now + (double)e->delay_ms + (e->urgency == SOUNDCUE_NOW ? SOUNDCUE_PROMPT_STALE_MS : SOUNDCUE_STALE_MS)};
    int at = a->queued;
    if (e->urgency == SOUNDCUE_NOW)
        at = 0;
    memmove(&a->queue[at + 1], &a->queue[at], (size_t)(a->queued - at) * sizeof a->queue[0]);
    a->queue[at] = p;
    a->queued++;
}

static void dequeue(Audio *a)
{
    a->queued--;
    memmove(&a->queue[0], &a->queue[1], (size_t)a->queued * sizeof a->queue[0]);
}

/* The events that begin at state ST (practice time NOW). */
static void cue_events(Audio *a, const TimelineState *st, double now)
{
    SoundCueEvent ev[SOUNDCUE_MAX_EVENTS];
    int n = soundcue_step(&a->cues, a->routine, a->lib, st, ev);
    if (a->parts == AUDIO_BREATH_ONLY)
        return;
    for (int i = 0; i < n; i++) {
        switch (ev[i].kind) {
        case SOUNDCUE_SPEAK: enqueue(a, &ev[i], now); break;
        case SOUNDCUE_BELL: chime_start(&a->chimes, CHIME_BELL); break;
        case SOUNDCUE_END_BELL: chime_start(&a->chimes, CHIME_END_BELL); break;
        case SOUNDCUE_TICK: chime_start(&a->chimes, CHIME_TICK); break;
        case SOUNDCUE_PACE_TICK: chime_start_pitched(&a->chimes, CHIME_PACE, ev[i].pitch); break;
        case SOUNDCUE_HUSH: hush(a); break;
        }
    }
}

/* Starts the next line when nothing is being said and it is due. */
static void next_line(Audio *a, double now, bool paused)
{
    while (a->playing < 0 && a->queued > 0 && !paused) {
        Pending *p = &a->queue[0];
        if (now < p->due)
            return;
        if (now > p->stale) {
            dequeue(a);
            continue;
        }
        int state = SDL_AtomicGet(&a->clips[p->clip].state);
        if (state == CLIP_PENDING)
            return; /* still loading: wait, until it goes stale */
        if (state == CLIP_READY) {
            a->playing = p->clip;
            a->pos = 0;
            a->fade = 1.0f;
        } else {
            chime_start(&a->chimes, CHIME_NO_CLIP);
        }
        dequeue(a);
    }
}

/* Adds N frames of the line being said to OUT (stereo). */
static void voice_render(Audio *a, float *out, int n)
{
    if (a->playing < 0)
        return;
    const Clip *c = &a->clips[a->playing];
    float fade_step = 1000.0f / (HUSH_MS * (float)a->rate);
    float g = VOICE_GAIN * a->volume / 32768.0f;
    for (int f = 0; f < n && a->pos < c->frames; f++, a->pos++) {
        if (a->fade < 1.0f) {
            a->fade -= fade_step;
            if (a->fade <= 0.0f) {
                a->pos = c->frames;
                break;
            }
        }
        float v = (float)c->pcm[a->pos] * g * a->fade;
        out[2 * f] += v;
        out[2 * f + 1] += v;
    }
    if (a->pos >= c->frames)
        a->playing = -1;
}

/* The breath for N frames at CUE, ducked under the voice, added to OUT. */
static void breath_render(Audio *a, BreathCue cue, float *out, int n)
{
    memset(a->breath, 0, (size_t)n * 2 * sizeof(float));
    breathsound_render(&a->synth, cue, a->volume, a->breath, n);
    float want = a->playing >= 0 ? DUCK_LEVEL : 1.0f;
    float k = 1.0f - SDL_expf(-1000.0f / ((want < a->duck ? DUCK_DOWN_MS : DUCK_UP_MS) * (float)a->rate));
    for (int f = 0; f < n; f++) {
        a->duck += (want - a->duck) * k;
        out[2 * f] += a->breath[2 * f] * a->duck;
        out[2 * f + 1] += a->breath[2 * f + 1] * a->duck;
    }
}

static void render(Audio *a, float *mix, int frames)
{
    double ms_per_frame = 1000.0 / a->rate;
    bool session = a->tl && a->synced;
    for (int f = 0; f < frames; f += BREATHSOUND_BLOCK) {
        int n = frames - f < BREATHSOUND_BLOCK ? frames - f : BREATHSOUND_BLOCK;
        float *out = mix + 2 * f;
        if (session) {
            double now = (a->offset_ms + (double)(a->frames_done + f) * ms_per_frame - a->start_ms) * a->speed;
            TimelineState st;
            timeline_state(a->tl, (int64_t)(now < 0 ? 0 : now), &st);
            cue_events(a, &st, now);
            next_line(a, now, st.paused);
            breath_render(a, breathsound_cue(&st, ms_per_frame * a->speed), out, n);
        } else {
            BreathCue quiet = {BREATH_HOLD_OUT, 0.0f, 0.0f, true};
            breath_render(a, quiet, out, n);
        }
        voice_render(a, out, n);
        chime_render(&a->chimes, a->volume, out, n);
    }
}

/* Fills STREAM (LEN bytes of signed 16-bit frames). */
static void mix_callback(void *user, Uint8 *stream, int len)
{
    Audio *a = user;
    Sint16 *out = (Sint16 *)stream;
    int ch = a->channels > 0 ? a->channels : 2;
    int frames = len / (int)(sizeof(Sint16) * (size_t)ch);
    if (frames > AUDIO_MAX_FRAMES)
        frames = AUDIO_MAX_FRAMES;
    memset(a->mix, 0, (size_t)frames * 2 * sizeof(float));
    SDL_LockMutex(a->lock);
    a->cb_ticks = SDL_GetPerformanceCounter();
    a->cb_frames = a->frames_done;
    a->cb_len = frames;
    render(a, a->mix, frames);
    a->frames_done += frames;
    /* below half of the 16-bit step: the device would be given zeros */
    bool silent = true;
    for (int i = 0; i < frames * 2 && silent; i++)
        silent = a->mix[i] < 0.5f / 32768.0f && a->mix[i] > -0.5f / 32768.0f;
    a->quiet = silent ? a->quiet + frames : 0;
    SDL_UnlockMutex(a->lock);
    for (int f = 0; f < frames; f++) {
        for (int c = 0; c < ch; c++) {
            float v = ch == 1 ? 0.5f * (a->mix[2 * f] + a->mix[2 * f + 1]) : c < 2 ? a->mix[2 * f + c] : 0.0f;
            v *= 32767.0f;
            out[f * ch + c] = (Sint16)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : (int)v);
        }
    }
}

/* ---- the clock ---- */

int64_t audio_now(Audio *a, int64_t wall_ms)
{
    if (!a)
        return wall_ms;
    SDL_LockMutex(a->lock);
    double t;
    Uint64 tick = SDL_GetPerformanceCounter();
    double since = a->cb_ticks ? (double)(tick - a->cb_ticks) * 1000.0 / (double)SDL_GetPerformanceFrequency() : 0;
    if (a->open && a->cb_ticks && since < AUDIO_STALL_MS) {
        /* the device is playing the buffer before the one last made */
        double played = (double)(a->cb_frames - a->cb_len) + SDL_min(since * a->rate / 1000.0, (double)a->cb_len);
        double raw = played * 1000.0 / a->rate;
        if (!a->synced) {
            a->offset_ms = (a->started ? a->last_ms : (double)wall_ms) - raw;
            a->synced = true;
        }
        t = a->offset_ms + raw;
    } else {
        if (a->synced || !a->started)
            a->wall_offset_ms = (a->started ? a->last_ms : (double)wall_ms) - (double)wall_ms;
        a->synced = false;
        t = (double)wall_ms + a->wall_offset_ms;
    }
    if (a->started && t < a->last_ms)
        t = a->last_ms;
    a->last_ms = t;
    a->started = true;
    SDL_UnlockMutex(a->lock);
    return (int64_t)t;
}

int64_t audio_control_begin(Audio *a, int64_t now)
{
    if (!a)
        return now;
    SDL_LockMutex(a->lock);
    if (a->synced && a->open) {
        double made = a->offset_ms + (double)a->frames_done * 1000.0 / a->rate;
        int64_t t = (int64_t)SDL_ceil(made);
        if (t > now)
            return t;
    }
    return now;
}

void audio_control_end(Audio *a)
{
    if (a)
        SDL_UnlockMutex(a->lock);
}

/* ---- the clips ---- */

static void clip_load(Audio *a, Clip *c, int *missing)
{
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s.ogg", a->voice_dir, c->hash);
    /* Opened as every data file is (safefile_open_regular): a FIFO or a
     * folder in its place is refused at once, never waited on, so quitting
     * never waits on this thread. The clip is read whole, then decoded. */
    struct stat st;
    char why[200];
    int fd = safefile_open_regular(path, &st, "", why, sizeof why);
    if (fd == SAFEFILE_MISSING) {
        if (++*missing <= AUDIO_MISSING_NAMED)
            log_msg(LOG_WARN, "audio", "%s: no clip for \"%s\"; a chime plays instead (tools/make-voice.sh makes it)",
                    path, c->text);
        SDL_AtomicSet(&c->state, CLIP_NONE);
        return;
    }
    char *bytes = NULL;
    size_t got = 0;
    int err = 0;
    if (fd >= 0 && st.st_size > AUDIO_MAX_CLIP_BYTES) {
        snprintf(why, sizeof why, "%lld bytes; a clip is at most %d", (long long)st.st_size, AUDIO_MAX_CLIP_BYTES);
    } else if (fd >= 0 && !(bytes = malloc((size_t)st.st_size + 1))) {
        snprintf(why, sizeof why, "out of memory");
    } else if (fd >= 0 && (err = safefile_read(fd, bytes, (size_t)st.st_size, &got)) != 0) {
        snprintf(why, sizeof why, "%s", strerror(err));
    }
    if (fd >= 0)
        close(fd);
    Mix_Chunk *chunk = NULL;
    if (bytes && !err) {
        chunk = Mix_LoadWAV_RW(SDL_RWFromConstMem(bytes, (int)got), 1);
        if (!chunk)
            snprintf(why, sizeof why, "%s", Mix_GetError());
    }
    free(bytes);
    if (!chunk) {
        if (++*missing <= AUDIO_MISSING_NAMED)
            log_msg(LOG_WARN, "audio", "%s: cannot read the clip for \"%s\" (%s); a chime plays instead", path,
                    c->text, why);
        SDL_AtomicSet(&c->state, CLIP_NONE);
        return;
    }
    /* the device's format: signed 16-bit, CHANNELS interleaved */
    int ch = a->channels > 0 ? a->channels : 2;
    int frames = (int)(chunk->alen / (sizeof(Sint16) * (size_t)ch));
    Sint16 *pcm = frames > 0 ? malloc((size_t)frames * sizeof *pcm) : NULL;
    if (!pcm) {
        if (frames > 0)
            log_msg(LOG_WARN, "audio", "%s: out of memory for the clip; a chime plays instead", path);
        Mix_FreeChunk(chunk);
        SDL_AtomicSet(&c->state, CLIP_NONE);
        return;
    }
    const Sint16 *in = (const Sint16 *)chunk->abuf;
    for (int f = 0; f < frames; f++) {
        int sum = 0;
        for (int k = 0; k < ch; k++)
            sum += in[f * ch + k];
        pcm[f] = (Sint16)(sum / ch);
    }
    Mix_FreeChunk(chunk);
    c->pcm = pcm;
    c->frames = frames;
    SDL_AtomicSet(&c->state, CLIP_READY);
}

static int loader_main(void *user)
{
    Audio *a = user;
    int missing = 0;
    for (int i = 0; i < a->clip_count && !SDL_AtomicGet(&a->cancel); i++)
        if (SDL_AtomicGet(&a->clips[i].state) == CLIP_PENDING)
            clip_load(a, &a->clips[i], &missing);
    if (SDL_AtomicGet(&a->cancel))
        return 0;
    if (missing > AUDIO_MISSING_NAMED)
        log_msg(LOG_WARN, "audio", "%d more lines have no usable clip in %s", missing - AUDIO_MISSING_NAMED,
                a->voice_dir);
    int ready = 0;
    for (int i = 0; i < a->clip_count; i++)
        ready += SDL_AtomicGet(&a->clips[i].state) == CLIP_READY;
    log_msg(LOG_INFO, "audio", "voice: %d of %d lines ready", ready, a->clip_count);
#ifdef __GLIBC__
    /* the decoded Ogg (four times what is kept) was freed clip by clip in
     * this thread's own heap; give those pages back */
    malloc_trim(0);
#endif
    return 0;
}

static void loader_stop(Audio *a)
{
    if (!a->loader)
        return;
    SDL_AtomicSet(&a->cancel, 1);
    SDL_WaitThread(a->loader, NULL);
    a->loader = NULL;
    SDL_AtomicSet(&a->cancel, 0);
}

/* Loads the session's clips in the background, once a device says what
 * format they are wanted in. */
static void loader_start(Audio *a)
{
    if (a->loader || !a->open || a->clip_count == 0 || a->parts == AUDIO_BREATH_ONLY)
        return;
    a->loader = SDL_CreateThread(loader_main, "psoas-voice", a);
    if (!a->loader)
        log_msg(LOG_WARN, "audio", "cannot start loading the voice (%s); chimes stand in for it", SDL_GetError());
}

/* Forgets the samples (the device's rate may change). Loader stopped. */
static void clips_unload(Audio *a)
{
    for (int i = 0; i < a->clip_count; i++) {
        free(a->clips[i].pcm);
        a->clips[i].pcm = NULL;
        a->clips[i].frames = 0;
        SDL_AtomicSet(&a->clips[i].state, CLIP_PENDING);
    }
}

static void clips_free(Clip *clips, int count)
{
    for (int i = 0; i < count; i++) {
        free(clips[i].pcm);
        free(clips[i].text);
    }
    free(clips);
}

typedef struct ClipList {
    Clip *clips;
    int count, cap;
    bool failed;
} ClipList;

static void clip_add(const char *text, void *user)
{
    ClipList *l = user;
    char hash[SPEECH_HASH_CHARS];
    speech_hash(text, hash);
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->clips[i].hash, hash) == 0)
            return;
    if (l->count == l->cap) {
        int cap = l->cap ? 2 * l->cap : 64;
        Clip *more = realloc(l->clips, (size_t)cap * sizeof *more);
        if (!more) {
            l->failed = true;
            return;
        }
        l->clips = more;
        l->cap = cap;
    }
    Clip *c = &l->clips[l->count];
    memset(c, 0, sizeof *c);
    memcpy(c->hash, hash, sizeof hash);
    c->text = strdup(text);
    if (!c->text) {
        l->failed = true;
        return;
    }
    l->count++;
}

static void clips_drop(Audio *a);

/* ---- the device ---- */

/* Opens the device. Returns false, after one warning per failure, when
 * there is none; A->failed then holds off trying again. */
static bool device_open(Audio *a)
{
    if (a->open)
        return true;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0 ||
        Mix_OpenAudio(AUDIO_RATE, AUDIO_S16SYS, 2, AUDIO_BUFFER) != 0) {
        if (!a->warned)
            log_msg(LOG_WARN, "audio", "no sound device (%s); the session goes on silently", Mix_GetError());
        a->warned = true;
        a->failed = true;
        return false;
    }
    Uint16 format;
    int rate = 0, channels = 0;
    if (!Mix_QuerySpec(&rate, &format, &channels) || format != AUDIO_S16SYS || rate <= 0) {
        log_msg(LOG_WARN, "audio", "the sound device wants a format Psoas Coach does not make; going on silently");
        Mix_CloseAudio();
        a->warned = true;
        a->failed = true;
        return false;
    }
    if (a->warned)
        log_msg(LOG_WARN, "audio", "sound is back");
    SDL_LockMutex(a->lock);
    if (rate != a->rate)
        clips_unload(a); /* decoded for another rate (the loader is idle while closed) */
    a->quiet = 0;
    a->quiet_since = -1;
    a->failed = false;
    a->rate = rate;
    a->channels = channels;
    a->open = true;
    a->warned = false;
    a->frames_done = a->cb_frames = 0;
    a->cb_len = 0;
    a->cb_ticks = 0;
    a->synced = false;
    a->playing = -1;
    a->queued = 0;
    breathsound_init(&a->synth, rate);
    chime_init(&a->chimes, rate);
    SDL_UnlockMutex(a->lock);
    Mix_HookMusic(mix_callback, a);
    log_msg(LOG_INFO, "audio", "sound on %s at %d Hz, %d channels",
            SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?", rate, channels);
    loader_start(a);
    return true;
}

/* Closes the device; the clips stay unless UNLOAD (a device lost may come
 * back at another rate). The clock goes on from the wall's (audio_now). */
static void device_close(Audio *a, bool unload)
{
    if (!a->open)
        return;
    loader_stop(a);
    Mix_HookMusic(NULL, NULL);
    Mix_CloseAudio();
    SDL_LockMutex(a->lock);
    a->open = false;
    a->playing = -1;
    a->queued = 0;
    if (unload)
        clips_unload(a);
    SDL_UnlockMutex(a->lock);
}

static void audio_close(Audio *a)
{
    device_close(a, true);
}

/* Whether a session is on and not paused at program time NOW. */
static bool session_plays(Audio *a, int64_t now, bool *session)
{
    SDL_LockMutex(a->lock);
    bool plays = false;
    *session = a->tl != NULL;
    if (a->tl) {
        TimelineState st;
        double t = ((double)now - a->start_ms) * a->speed;
        timeline_state(a->tl, t < 0 ? 0 : (int64_t)t, &st);
        plays = !st.paused;
    }
    SDL_UnlockMutex(a->lock);
    return plays;
}

bool audio_open(Audio *a)
{
    if (!a)
        return false;
    a->enabled = true;
    if (!a->tl)
        return true; /* opened when a session plays (audio_update) */
    return device_open(a);
}

void audio_update(Audio *a, int64_t now)
{
    if (!a || !a->enabled)
        return;
    bool session, plays = session_plays(a, now, &session);
    if (a->open) {
        /* silent for a whole buffer at least, then timed on the program's
         * clock (so a test's clock can run it) */
        SDL_LockMutex(a->lock);
        bool quiet = a->quiet >= AUDIO_BUFFER;
        SDL_UnlockMutex(a->lock);
        if (!quiet)
            a->quiet_since = -1;
        else if (a->quiet_since < 0)
            a->quiet_since = now;
        int64_t limit = !session ? AUDIO_IDLE_MS : plays ? -1 : AUDIO_PAUSE_IDLE_MS;
        if (limit >= 0 && a->quiet_since >= 0 && now - a->quiet_since >= limit) {
            device_close(a, false);
            log_msg(LOG_INFO, "audio", "sound device closed while nothing plays (%s)",
                    session ? "a long pause" : "no session");
        }
    } else if (plays && !a->failed) {
        device_open(a);
    }
}

bool audio_device_open(const Audio *a)
{
    return a && a->open;
}

void audio_event(Audio *a, const SDL_Event *e)
{
    if (!a)
        return;
    if (e->type == SDL_AUDIODEVICEREMOVED && !e->adevice.iscapture && a->open) {
        log_msg(LOG_WARN, "audio", "the sound device went away; going on silently until it is back");
        audio_close(a);
        a->warned = true;
        a->failed = true;
    } else if (e->type == SDL_AUDIODEVICEADDED && !e->adevice.iscapture && !a->open && a->failed) {
        a->failed = false; /* opened again when a session plays (audio_update) */
    }
}

void audio_destroy(Audio *a)
{
    if (!a)
        return;
    audio_close(a);
    audio_end(a);
    clips_drop(a);
    SDL_DestroyMutex(a->lock);
    free(a);
}

/* ---- the session ---- */

void audio_begin(Audio *a, const Routine *routine, const PoseLibrary *lib, int64_t start_ms, double speed,
                 AudioParts parts)
{
    if (!a)
        return;
    audio_end(a);
    clips_drop(a);
    Timeline *tl = timeline_create(routine, lib);
    ClipList list = {0};
    if (parts == AUDIO_ALL) {
        /* first what every step needs early, then in the order of the routine */
        clip_add(SPEECH_INHALE, &list);
        clip_add(SPEECH_EXHALE, &list);
        speech_each_line(routine, lib, clip_add, &list);
    }
    if (!tl || list.failed) {
        log_msg(LOG_WARN, "audio", "out of memory; the session is silent");
        timeline_destroy(tl);
        clips_free(list.clips, list.count);
        return;
    }
    SDL_LockMutex(a->lock);
    a->routine = routine;
    a->lib = lib;
    a->tl = tl;
    a->start_ms = (double)start_ms;
    a->speed = speed > 0 ? speed : 1.0;
    a->parts = parts;
    a->failed = false; /* a new session tries the device again */
    soundcue_init(&a->cues);
    a->clips = list.clips;
    a->clip_count = list.count;
    a->playing = -1;
    a->queued = 0;
    SDL_UnlockMutex(a->lock);
    loader_start(a);
}

void audio_end(Audio *a)
{
    if (!a)
        return;
    SDL_LockMutex(a->lock);
    Timeline *old = a->tl;
    a->tl = NULL;
    a->routine = NULL;
    hush(a); /* the clips stay until the next session, so a line fades rather than stops */
    SDL_UnlockMutex(a->lock);
    timeline_destroy(old);
}

/* Frees the last session's clips. */
static void clips_drop(Audio *a)
{
    loader_stop(a);
    SDL_LockMutex(a->lock);
    Clip *clips = a->clips;
    int count = a->clip_count;
    a->clips = NULL;
    a->clip_count = 0;
    a->playing = -1;
    a->queued = 0;
    SDL_UnlockMutex(a->lock);
    clips_free(clips, count);
}

void audio_apply(TimelineAction action, int value, int64_t t_ms, void *audio)
{
    Audio *a = audio;
    if (!a)
        return;
    SDL_LockMutex(a->lock);
    if (a->tl)
        timeline_apply(a->tl, action, value, t_ms);
    SDL_UnlockMutex(a->lock);
}

void audio_volume(Audio *a, int volume, bool muted)
{
    if (!a)
        return;
    float v = muted ? 0.0f : (float)(volume < 0 ? 0 : volume > 100 ? 100 : volume) / 100.0f;
    SDL_LockMutex(a->lock);
    a->volume = v;
    SDL_UnlockMutex(a->lock);
}
