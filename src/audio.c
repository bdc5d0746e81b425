/* audio.c — see audio.h.
 *
 * The breath is SDL_mixer's "music" stream, filled by Mix_HookMusic's
 * callback in the audio thread. That thread keeps its own running practice
 * time, advanced by exactly the frames it renders (so the sound is
 * continuous) and steered gently towards the main thread's clock (so it
 * never drifts from the screen): a step of more than 200 ms snaps, less is
 * corrected a tenth per buffer. Its timeline is a second copy of the
 * session's, fed the same controls; the two agree because a timeline is a
 * pure function of the routine and its controls. */
#include "audio.h"

#include <stdlib.h>
#include <string.h>

#include <SDL_mixer.h>

#include "breathsound.h"
#include "log.h"

enum {
    AUDIO_SNAP_MS = 200,   /* further than this from the clock: jump to it */
    AUDIO_MAX_FRAMES = 16384
};

struct Audio {
    bool open;                 /* a device is open */
    bool warned;               /* the "no device" warning is out */
    int rate, channels;        /* what the device gave */
    SDL_mutex *lock;           /* guards what the callback reads, below */
    Timeline *tl;              /* the sound's timeline; NULL without a session */
    double speed;              /* practice ms per real ms */
    int64_t clock_ms;          /* the practice clock at CLOCK_TICKS */
    Uint64 clock_ticks;        /* performance counter then */
    bool clock_set;            /* audio_clock has been called this session */
    double t;                  /* the callback's running practice time */
    bool t_valid;              /* T follows the clock (false: snap at the next buffer) */
    float volume;              /* 0..1, 0 when muted */
    BreathSound synth;         /* the breath's state */
    float mix[AUDIO_MAX_FRAMES * 2]; /* float stereo scratch for one callback */
};

Audio *audio_create(void)
{
    Audio *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->lock = SDL_CreateMutex();
    if (!a->lock) {
        free(a);
        return NULL;
    }
    a->volume = 0.8f;
    return a;
}

/* Fills STREAM (LEN bytes of signed 16-bit frames) with the breath. */
static void breath_callback(void *user, Uint8 *stream, int len)
{
    Audio *a = user;
    Sint16 *out = (Sint16 *)stream;
    int ch = a->channels > 0 ? a->channels : 2;
    int frames = len / (int)(sizeof(Sint16) * (size_t)ch);
    if (frames > AUDIO_MAX_FRAMES)
        frames = AUDIO_MAX_FRAMES;
    memset(a->mix, 0, (size_t)frames * 2 * sizeof(float));
    SDL_LockMutex(a->lock);
    if (a->tl && a->clock_set) {
        double ms_per_frame = 1000.0 / a->rate * a->speed;
        /* where the clock is now, plus this buffer's wait to be heard */
        double now = (double)(SDL_GetPerformanceCounter() - a->clock_ticks) * 1000.0 /
                     (double)SDL_GetPerformanceFrequency();
        double target = (double)a->clock_ms + now * a->speed + (double)frames * ms_per_frame;
        if (!a->t_valid || a->t - target > AUDIO_SNAP_MS * a->speed || target - a->t > AUDIO_SNAP_MS * a->speed)
            a->t = target;
        else
            a->t += (target - a->t) * 0.1;
        a->t_valid = true;
        for (int f = 0; f < frames; f += BREATHSOUND_BLOCK) {
            int n = frames - f < BREATHSOUND_BLOCK ? frames - f : BREATHSOUND_BLOCK;
            TimelineState st;
            timeline_state(a->tl, (int64_t)a->t, &st);
            breathsound_render(&a->synth, breathsound_cue(&st, ms_per_frame), a->volume, a->mix + 2 * f, n);
            a->t += n * ms_per_frame;
        }
    }
    SDL_UnlockMutex(a->lock);
    for (int f = 0; f < frames; f++) {
        for (int c = 0; c < ch; c++) {
            float v = ch == 1 ? 0.5f * (a->mix[2 * f] + a->mix[2 * f + 1]) : c < 2 ? a->mix[2 * f + c] : 0.0f;
            v *= 32767.0f;
            out[f * ch + c] = (Sint16)(v > 32767.0f ? 32767 : v < -32768.0f ? -32768 : (int)v);
        }
    }
}

bool audio_open(Audio *a)
{
    if (!a || a->open)
        return a && a->open;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0 ||
        Mix_OpenAudio(AUDIO_RATE, AUDIO_S16SYS, 2, AUDIO_BUFFER) != 0) {
        if (!a->warned)
            log_msg(LOG_WARN, "audio", "no sound device (%s); the session goes on silently", Mix_GetError());
        a->warned = true;
        return false;
    }
    Uint16 format;
    if (!Mix_QuerySpec(&a->rate, &format, &a->channels) || format != AUDIO_S16SYS) {
        log_msg(LOG_WARN, "audio", "the sound device wants a format Psoas Coach does not make; going on silently");
        Mix_CloseAudio();
        a->warned = true;
        return false;
    }
    a->open = true;
    a->warned = false;
    SDL_LockMutex(a->lock);
    breathsound_init(&a->synth, a->rate);
    a->t_valid = false;
    SDL_UnlockMutex(a->lock);
    Mix_HookMusic(breath_callback, a);
    log_msg(LOG_INFO, "audio", "sound on %s at %d Hz, %d channels",
            SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?", a->rate, a->channels);
    return true;
}

static void audio_close(Audio *a)
{
    if (!a->open)
        return;
    Mix_HookMusic(NULL, NULL);
    Mix_CloseAudio();
    a->open = false;
}

void audio_event(Audio *a, const SDL_Event *e)
{
    if (!a)
        return;
    if (e->type == SDL_AUDIODEVICEREMOVED && !e->adevice.iscapture && a->open) {
        log_msg(LOG_WARN, "audio", "the sound device went away; going on silently until it is back");
        audio_close(a);
        a->warned = true;
    } else if (e->type == SDL_AUDIODEVICEADDED && !e->adevice.iscapture && !a->open) {
        if (audio_open(a))
            log_msg(LOG_WARN, "audio", "sound is back");
    }
}

void audio_destroy(Audio *a)
{
    if (!a)
        return;
    audio_close(a);
    timeline_destroy(a->tl);
    SDL_DestroyMutex(a->lock);
    free(a);
}

void audio_begin(Audio *a, const Routine *routine, const PoseLibrary *lib, double speed)
{
    if (!a)
        return;
    Timeline *tl = timeline_create(routine, lib);
    if (!tl)
        log_msg(LOG_WARN, "audio", "out of memory; the breath is silent this session");
    SDL_LockMutex(a->lock);
    Timeline *old = a->tl;
    a->tl = tl;
    a->speed = speed > 0 ? speed : 1.0;
    a->clock_set = false;
    a->t_valid = false;
    SDL_UnlockMutex(a->lock);
    timeline_destroy(old);
}

void audio_end(Audio *a)
{
    if (!a)
        return;
    SDL_LockMutex(a->lock);
    Timeline *old = a->tl;
    a->tl = NULL;
    SDL_UnlockMutex(a->lock);
    timeline_destroy(old);
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

void audio_clock(Audio *a, int64_t t_ms)
{
    if (!a)
        return;
    SDL_LockMutex(a->lock);
    a->clock_ms = t_ms;
    a->clock_ticks = SDL_GetPerformanceCounter();
    a->clock_set = true;
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
    if (a->open)
        Mix_Volume(-1, (int)(v * MIX_MAX_VOLUME));
}
